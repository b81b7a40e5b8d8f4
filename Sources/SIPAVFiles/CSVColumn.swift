/// A column a CSV reader knows, matched against the header case-insensitively after trimming spaces.
public struct CSVColumn: Sendable, Hashable {
    /// The column's name, lower case: `employee_id`.
    public let name: String
    /// Whether the header must have the column.
    public let isRequired: Bool
    /// A column the header must have whenever it has this one (`cosa` and `come` go together).
    public let partner: String?

    /// A column named `name` (any case).
    public init(_ name: String, required: Bool, partner: String? = nil) {
        (self.name, self.isRequired, self.partner) = (name.lowercased(), required, partner?.lowercased())
    }

    /// A column the header must have.
    public static func required(_ name: String) -> CSVColumn { CSVColumn(name, required: true) }
    /// A column the header may leave out: its fields then read as absent.
    public static func optional(_ name: String) -> CSVColumn { CSVColumn(name, required: false) }
    /// A column the header may leave out, but only together with `partner`.
    public static func optional(_ name: String, with partner: String) -> CSVColumn {
        CSVColumn(name, required: false, partner: partner)
    }
}
