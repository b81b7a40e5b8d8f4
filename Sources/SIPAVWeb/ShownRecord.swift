import Postgres

/// A record that a form replaces or removes as a whole (an OIV-validated result, a fund confirmation) is written only
/// if it is still as the page showed it. The form carries the record's text when the page was shown (`mostrato`,
/// empty when there was none); the write compares it with the record's text now, read under a lock, and refuses a
/// difference. Two officers, or two tabs, never overwrite each other's act in silence: the later one is refused (409)
/// with the record as it now is.
enum ShownRecord {
    static let field = "mostrato"

    /// The record changed, appeared or went since the page was shown; nothing was written.
    struct Changed: Error {}

    /// Throws `Changed` unless the form's `posted` text (nil: the form has none) is `current`'s (nil: no record).
    static func check(posted: String?, current: String?) throws {
        guard let posted, posted == (current ?? "") else { throw Changed() }
    }

    /// Writes a record after `check`: `insert` when there was none (it must insert nothing on a conflict, as
    /// `ON CONFLICT DO NOTHING`, and return whether it inserted: a record inserted meanwhile by another is a change),
    /// otherwise `update`.
    static func write(current: String?, insert: () throws -> Bool, update: () throws -> Void) throws {
        if current == nil {
            guard try insert() else { throw Changed() }
        } else {
            try update()
        }
    }

    /// The text of the OIV-validated result of `scope` (`ente`, `area`, `objective`) and `id`, as its form carries it;
    /// nil when there is none. `locking` holds the row for the rest of the transaction.
    static func validatedResult(_ db: Connection, body: String, year: Int, scope: String, id: String, locking: Bool) throws -> String? {
        try db.execute("""
            SELECT \(validatedText) AS shown FROM validated_results
            WHERE body_id = $1 AND year = $2 AND scope = $3 AND scope_id = $4
            """ + (locking ? " FOR UPDATE" : ""), [body, year, scope, id]).first?.string("shown")
    }

    /// The text of every OIV-validated result of the year, by the scope its form sends (`ente`, `area:ID`, `objective:ID`).
    static func validatedResults(_ db: Connection, body: String, year: Int) throws -> [String: String] {
        var texts: [String: String] = [:]
        for row in try db.execute("""
            SELECT scope, scope_id, \(validatedText) AS shown FROM validated_results WHERE body_id = $1 AND year = $2
            """, [body, year]) {
            let scope = try row.string("scope")
            texts[scope == "ente" ? "ente" : scope + ":" + (try row.string("scope_id"))] = try row.string("shown")
        }
        return texts
    }

    /// The percentage without trailing zeros (95.8, not 95.8000000000000000), then the reference.
    private static let validatedText = "trim_scale(percent)::text || '|' || reference"

    /// The text of the confirmation `kind` (`giunta`, `oiv`) as its form carries it (`StoredConfirmation.shown`); nil
    /// when there is none. Held for the rest of the transaction.
    static func lockedConfirmation(_ db: Connection, body: String, year: Int, kind: String) throws -> String? {
        try db.execute("""
            SELECT to_char(confirmed_on, 'DD/MM/YYYY') || '|' || reference AS shown FROM fund_confirmations
            WHERE body_id = $1 AND year = $2 AND kind = $3 FOR UPDATE
            """, [body, year, kind]).first?.string("shown")
    }
}
