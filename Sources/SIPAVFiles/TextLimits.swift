/// The longest texts the files (and HR's forms) take, in characters: far above any real name, title or reason, and
/// short enough that a page, a report or the database never holds a runaway field (a 20 MB title was read as one).
/// Counted in Unicode scalars, as PostgreSQL's `char_length` counts: a count of characters would take a letter with a
/// hundred thousand combining marks for one.
public enum TextLimits {
    public static let name = 200
    public static let title = 500
    /// An individual objective's code (`OB1`, `2024-03`): a key of the database, whose index takes a few kilobytes.
    public static let code = 50
    public static let reason = 500
}
