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
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ValidationError("--body: l'identificativo dell'ente non può contenere caratteri di controllo (a capo, tabulazioni)")
        }
        return text
    }
}
