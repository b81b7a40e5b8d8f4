import Foundation
import SIPAV
import Yams

/// Reads a YAML document into core values, collecting every fault with the line of the offending node.
///
/// Each reading function takes an optional field and returns nil both when the field is absent (a
/// missing required key is reported by `mapping`) and when it is wrong (the fault is recorded), so
/// that the readers go on and report every fault of the file in one pass.
struct YAMLReader {
    let file: String
    private(set) var faults: [InputError] = []

    init(file: String) { self.file = file }

    /// The root node of the document in `bytes`: throws when the file is not UTF-8, is empty (or only
    /// comments) or is not valid YAML.
    static func root(bytes: [UInt8], file: String) throws(InputErrors) -> YAMLField {
        try root(text: InputFile.text(bytes, file: file), file: file)
    }

    static func root(text: String, file: String) throws(InputErrors) -> YAMLField {
        let node: Node?
        do {
            // Scalars are read as the text written (`YAMLField.scalar`), never by YAML's implicit types: the
            // basic resolver tags every plain scalar as a string without matching it against the rules' regular
            // expressions, which took a third of the time of a large plan. Two keys of the same text are thus
            // the same key, whether quoted or not.
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw syntaxFault(error, file: file, text: text)
        } catch {
            throw .one(file, "not valid YAML: \(error)")
        }
        guard let node else { throw .one(file, "the file is empty") }
        return YAMLField(node: node, path: "")
    }

    private static func syntaxFault(_ error: YamlError, file: String, text: String) -> InputErrors {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            if let clue = YAMLSyntaxClues.clue(at: mark.line, in: text) { return .one(file, line: clue.line, clue.rule) }
            let detail = context.map { " (\($0.text))" } ?? ""
            return .one(file, line: mark.line, "not valid YAML: \(problem)\(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            if duplicates.count == 1, let second = YAMLSyntaxClues.duplicate(of: duplicates[0], first: (context.mark.line, context.mark.column), in: text) {
                return InputErrors([InputError(file: file, line: second.line, field: second.path, value: duplicates[0],
                                               rule: "a key appears twice in the same mapping: it is also on line \(context.mark.line)")])
            }
            return .one(file, line: context.mark.line, value: listed(duplicates),
                        "a key appears twice in the same mapping (this line has its first occurrence)")
        default:
            return .one(file, "not valid YAML: \(error)")
        }
    }

    /// Reads a whole document with `build` and throws every fault found; `build` returns nil only after
    /// recording a fault.
    static func read<Value>(_ root: YAMLField, file: String,
                            _ build: (YAMLField, inout YAMLReader) -> Value?) throws(InputErrors) -> Value {
        var reader = YAMLReader(file: file)
        let value = build(root, &reader)
        try reader.finish()
        guard let value else { throw .one(file, "the file could not be read") }
        return value
    }

    /// Records a fault on `field`'s line, with its text as the value when it is a scalar.
    mutating func fault(_ field: YAMLField, _ rule: String) {
        fault(line: field.line, field: field.path, value: field.scalar, rule)
    }

    mutating func fault(line: Int?, field: String, value: String? = nil, _ rule: String) {
        faults.append(InputError(file: file, line: line, field: field.isEmpty ? nil : field, value: value, rule: rule))
    }

    /// Throws every fault recorded, or returns when there are none.
    func finish() throws(InputErrors) { try InputErrors.throwIfAny(faults) }

    /// A mapping whose keys are among `keys`, with every key of `required`. Null values count as absent.
    mutating func mapping(_ field: YAMLField?, keys: [String], required: [String] = []) -> YAMLMapping? {
        guard let pairs = pairs(field, expected: listed(keys)), let field else { return nil }
        var entries: [(key: String, value: YAMLField)] = []
        entries.reserveCapacity(pairs.count)
        for pair in pairs {
            guard keys.contains(pair.key) else {
                // A key of digits alone is most often the decimals of a number written with a comma inside { }.
                let digits = !pair.key.isEmpty && pair.key.allSatisfy(\.isASCII) && pair.key.allSatisfy(\.isNumber)
                fault(line: pair.keyLine, field: pair.value.path, value: pair.key, digits
                      ? "unknown key; inside { } a comma separates the keys: write a number with a decimal comma in quotes, like \"7.500,71\""
                      : "unknown key; allowed keys are \(listed(keys))")
                continue
            }
            // A key appears once: the parser refuses a mapping that repeats one.
            if !pair.value.isNull { entries.append((pair.key, pair.value)) }
        }
        let mapping = YAMLMapping(field: field, entries: entries)
        for key in required where mapping[key] == nil {
            let written = pairs.contains { $0.key == key }
            fault(line: field.line, field: field.child(key),
                  written ? "the key \(key) has no value" : "the key \(key) is required")
        }
        return mapping
    }

    /// The keys and values of a mapping whose keys are data (category names, say), in file order.
    mutating func pairs(_ field: YAMLField?, expected: @autoclosure () -> String = "names and values")
        -> [(key: String, keyLine: Int?, value: YAMLField)]? {
        guard let field else { return nil }
        guard case let .mapping(mapping) = field.node else {
            fault(field, "expected keys and values (\(expected()))")
            return nil
        }
        let path = field.path
        return mapping.map { key, value in
            let name = key.scalar?.string ?? ""
            return (name, key.mark?.line, YAMLField(node: value, in: path, key: name))
        }
    }

    /// The elements of a list of at least `minimum` elements; each carries the list's path.
    mutating func sequence(_ field: YAMLField?, minimum: Int = 0, what: String = "element") -> [YAMLField]? {
        guard let field else { return nil }
        guard case let .sequence(sequence) = field.node else {
            fault(field, "expected a list, like [a, b] or lines starting with -")
            return nil
        }
        guard sequence.count >= minimum else {
            fault(field, "the list needs at least \(minimum) \(what)\(minimum == 1 ? "" : "s")")
            return nil
        }
        let path = field.path
        return sequence.map { YAMLField(node: $0, path: path) }
    }

    /// A single value (a scalar), as written.
    mutating func scalar(_ field: YAMLField?) -> String? {
        guard let field else { return nil }
        guard let text = field.scalar else {
            fault(field, "expected a single value, not a list or keys and values")
            return nil
        }
        return text
    }

    /// A text that is not empty, trimmed of spaces.
    mutating func text(_ field: YAMLField?) -> String? {
        guard let field, let text = scalar(field) else { return nil }
        let trimmed = trimmingWhitespace(text)
        guard !trimmed.isEmpty else {
            fault(field, "the text is empty")
            return nil
        }
        return trimmed
    }
}

/// `text` without the spaces and tabs (`CharacterSet.whitespaces`) at either end; a text that starts and
/// ends with a visible ASCII character, as nearly every value does, is returned as it is.
func trimmingWhitespace(_ text: String) -> String {
    if let first = text.utf8.first, let last = text.utf8.last, isVisibleASCII(first), isVisibleASCII(last) { return text }
    return text.trimmingCharacters(in: .whitespaces)
}

private func isVisibleASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
