import SIPAV

extension ItalianNumbers {
    /// A count in a sentence, in Italian form with what agrees with it: `1 persona`, `2 persone`, `1.250 persone`;
    /// `one` and `many` may carry the verb too (`contestazione attende`, `contestazioni attendono`).
    public static func count(_ value: Int, _ one: String, _ many: String) -> String {
        integer(value) + " " + agreeing(value, one, many)
    }

    /// The words that agree with `value` when the number stands apart (in bold, say): `one` for 1, `many` for
    /// any other count, 0 included (`0 persone`).
    public static func agreeing(_ value: Int, _ one: String, _ many: String) -> String {
        value == 1 ? one : many
    }
}
