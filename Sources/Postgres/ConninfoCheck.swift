import CLibPQ
import Foundation

extension Connection {
    /// Why libpq cannot read `conninfo` as a connection string or URL (its own words), or nil when it can: a value
    /// mistyped on the command line is said as such, before any connection is tried.
    public static func conninfoFault(_ conninfo: String) -> String? {
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &error) else {
            defer { if let error { PQfreemem(error) } }
            let text = error.map { String(cString: $0) } ?? "unreadable connection string"
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        PQconninfoFree(options)
        return nil
    }
}
