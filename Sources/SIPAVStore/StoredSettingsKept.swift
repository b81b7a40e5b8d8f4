/// An import without settings of a year stored with settings of its own: it would replace them by the defaults, and
/// change the amounts, without a word. Refused inside the import's transaction, with the year's row held, so that
/// settings stored by an import a moment earlier are seen.
public struct StoredSettingsKept: Error, Sendable, Equatable {
    public let body: String
    public let year: Int

    public init(body: String, year: Int) { (self.body, self.year) = (body, year) }
}
