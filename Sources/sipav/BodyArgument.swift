import ArgumentParser
import Foundation

/// A body's id as `--body` gives it, checked before any database is touched: a blank id, spaces around it, a
/// control character or more than 64 characters are refused with exit 64, where the database's own rule would
/// refuse the first two only once the import had begun, in English.
enum BodyArgument {
    static let maximumLength = 64

    static func parse(_ text: String) throws -> String {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--body: l'identificativo dell'ente non può essere vuoto (ad esempio CCIAA-TO)")
        }
        guard text.trimmingCharacters(in: .whitespaces) == text else {
            throw ValidationError("--body: l'identificativo dell'ente «\(text)» non può iniziare o finire con uno spazio")
        }
        guard text.count <= maximumLength else {
            throw ValidationError("--body: l'identificativo dell'ente ha al più \(maximumLength) caratteri (ne ha \(text.count))")
        }
        guard !hasControlCharacters(text) else {
            throw ValidationError("--body: l'identificativo dell'ente non può contenere caratteri di controllo (a capo, tabulazioni)")
        }
        return text
    }
}

/// Who acts, as `--actor` names them for the audit log: not blank, on one line (a name with a line break would print
/// as two lines of `sipav db audit`), at most 64 characters.
enum ActorArgument {
    static func parse(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw ValidationError("--actor: chi agisce non può essere vuoto (ad esempio hr.rossi)") }
        guard !hasControlCharacters(trimmed) else {
            throw ValidationError("--actor: chi agisce si scrive su una riga, senza a capo né tabulazioni")
        }
        guard trimmed.count <= 64 else { throw ValidationError("--actor: chi agisce ha al più 64 caratteri (ne ha \(trimmed.count))") }
        return trimmed
    }
}

/// A year as `--year` gives it: the years the database holds (1990–2200), refused before any query otherwise.
enum YearArgument {
    static func parse(_ text: String) throws -> Int {
        guard let year = Int(text.trimmingCharacters(in: .whitespaces)), (1990...2200).contains(year) else {
            throw ValidationError("--year: l'anno è un numero dal 1990 al 2200 («\(text)» non lo è)")
        }
        return year
    }
}

/// Whether `text` holds a control character (a line break, a tab): a value of the command line is on one line.
private func hasControlCharacters(_ text: String) -> Bool {
    text.unicodeScalars.contains { $0.properties.generalCategory == .control }
}
