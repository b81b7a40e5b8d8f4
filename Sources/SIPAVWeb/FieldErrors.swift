/// A refused field's message as the page shows it beside the field: a sentence, with its capital and its full stop.
/// The rules are written lower case, to follow a line number in an upload's list of faults (`riga 3: il ruolo è …`).
enum FieldErrors {
    static func sentences(_ errors: [String: String]) -> [String: String] {
        errors.mapValues(sentence)
    }

    static func sentence(_ rule: String) -> String {
        guard let first = rule.first else { return rule }
        let capitalised = first.uppercased() + rule.dropFirst()
        return capitalised.hasSuffix(".") ? capitalised : capitalised + "."
    }
}
