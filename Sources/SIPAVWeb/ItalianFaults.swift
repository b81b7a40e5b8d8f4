import SIPAV
import SIPAVReports

/// The CSV reader's faults of a file's structure (its header, quotes, fields per row), which it states in English
/// for the command line, said in Italian for the web pages. A rule this table does not know is shown as written.
enum ItalianFaults {
    static func rule(_ rule: String) -> String {
        if let fixed = fixed[rule] { return fixed }
        if let match = rule.wholeMatch(of: /column (\d+) of the header has no name: name it or delete the column/) {
            return "la colonna \(match.1) dell'intestazione non ha nome: le dia un nome o la cancelli"
        }
        if let match = rule.wholeMatch(of: /unknown column; known columns are (.*)/) {
            return "colonna sconosciuta; le colonne previste sono \(match.1)"
        }
        if let match = rule.wholeMatch(of: /the column appears twice in the header \(columns (\d+) and (\d+)\)/) {
            return "la colonna compare due volte nell'intestazione (colonne \(match.1) e \(match.2))"
        }
        if let match = rule.wholeMatch(of: /row has (\d+) fields, the header has (\d+)/) {
            return "la riga ha \(match.1) campi, l'intestazione ne ha \(match.2)"
        }
        return rule
    }

    /// The field of a fault: the reader calls the header `header`.
    static func field(_ field: String?) -> String? {
        field == "header" ? "intestazione" : field
    }

    /// A fault's parts for a page: file, line, field, value and rule.
    static func values(_ fault: InputError) -> [String: Any] {
        var values: [String: Any] = ["file": fault.file, "rule": rule(fault.rule)]
        if let line = fault.line { values["line"] = ItalianNumbers.number(Ratio(line, 1), digits: 0) }
        if let field = field(fault.field) { values["field"] = field }
        if let value = fault.value { values["value"] = value }
        return values
    }

    private static let fixed = [
        "the file is empty": "il file è vuoto",
        "the file is not UTF-8: save it as CSV UTF-8 (or as UTF-8 text)":
            "il file non è in UTF-8: lo salvi come «CSV UTF-8» (o come testo UTF-8)",
        "text after a closing quote in the header": "testo dopo le virgolette di chiusura nell'intestazione",
        "a quote opened here is never closed": "le virgolette aperte qui non vengono mai chiuse",
        "a quote opened here is never closed: the rest of the file is inside it":
            "le virgolette aperte qui non vengono mai chiuse: il resto del file è tra virgolette",
        "text after a closing quote: a quote inside a quoted field is written twice (\"\")":
            "testo dopo le virgolette di chiusura: le virgolette dentro un campo tra virgolette si scrivono doppie (\"\")",
        "required column is missing from the header": "colonna obbligatoria assente dall'intestazione",
    ]
}
