/// The text cells of the files HR downloads, opens in a spreadsheet and uploads again (`objectives.csv`, `staff.csv`).
/// One a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+…`, `-…`, `@…`, or a tab or a carriage return first,
/// as the reports' CSV guards them) is written with an apostrophe in front, which makes it show the text instead; one
/// that starts so after apostrophes gets one more. Reading takes one off such a cell, so that writing then reading
/// gives back every text, one that truly starts with an apostrophe included.
public enum SpreadsheetText {
    /// `text` as a file's cell holds it: `=A1` as `'=A1`, `'=A1` as `''=A1`, anything else as it is.
    static func written(_ text: String) -> String {
        startsFormula(text.utf8) ? "'" + text : text
    }

    /// The text a file's cell stands for: `'=A1` is `=A1`, `''=A1` is `'=A1`; a cell that would start no formula
    /// without its apostrophes (`'80`, `'Ndrangheta`) is read as it is.
    public static func read(_ cell: String) -> String {
        cell.utf8.first == apostrophe && startsFormula(cell.utf8) ? String(cell.dropFirst()) : cell
    }

    /// `read`, in place on a cell's bytes, for the fast readers.
    static func read(_ cell: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        cell.first == apostrophe && startsFormula(cell) ? UnsafeBufferPointer(rebasing: cell.dropFirst()) : cell
    }

    private static let apostrophe = UInt8(ascii: "'")

    /// Whether the first byte after any apostrophes starts a formula. Bytes, whatever the text: those looked for are
    /// ASCII, and no byte of a longer UTF-8 sequence is.
    private static func startsFormula(_ bytes: some Sequence<UInt8>) -> Bool {
        guard let first = bytes.first(where: { $0 != apostrophe }) else { return false }
        return first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: "@")
            || first == 0x09 || first == 0x0D
    }
}
