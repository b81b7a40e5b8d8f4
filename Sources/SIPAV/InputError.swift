/// A fault in an input file: names the file, the line, the field, the value and the rule it breaks.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    /// 1-based line; nil when the fault is of the whole file (unreadable, empty).
    public let line: Int?
    public let field: String?
    public let value: String?
    public let rule: String

    public init(file: String, line: Int?, field: String?, value: String? = nil, rule: String) {
        (self.file, self.line, self.field, self.value, self.rule) = (file, line, field, value, rule)
    }

    /// `staff.csv:12: field "weight", value "55,00": the weights of E0012's objectives sum to 55,00, not 100`
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ":"
        if let field { text += " field \"\(field)\"" }
        if let value { text += (field == nil ? "" : ",") + " value \"\(value)\"" }
        if field != nil || value != nil { text += ":" }
        return text + " " + rule
    }
}

/// Several input faults at once: a file is checked whole so that a user can mend every line in one pass.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public let errors: [InputError]
    public init(_ errors: [InputError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
