/// An import without settings of a year stored with settings of its own: it would replace them by the defaults, and
/// change the amounts, without a word. Refused inside the import's transaction, with the year's row held, so that
/// settings stored by an import a moment earlier are seen.
///
/// The same holds for a year imported for the first time after a year with settings of its own (`earlierYear`): its
/// amounts would be computed with the defaults, where the year before had the body's own (its category parameters,
/// its components), and nothing would say so.
public struct StoredSettingsKept: Error, Sendable, Equatable {
    public let body: String
    public let year: Int
    /// The latest earlier year, stored with settings of its own, when the year itself is new.
    public let earlierYear: Int?

    public init(body: String, year: Int, earlierYear: Int? = nil) {
        (self.body, self.year, self.earlierYear) = (body, year, earlierYear)
    }
}
