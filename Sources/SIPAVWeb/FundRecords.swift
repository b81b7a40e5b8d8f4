import Postgres
import SIPAV
import SIPAVStore

/// One stored line of a fund.
struct StoredFundLine: Sendable {
    let number: Int
    let fund: FundKind
    let description: String
    let cents: Int64
    let reference: String?
}

/// A stored confirmation (the Giunta's, the OIV's).
struct StoredConfirmation: Sendable {
    let kind: String
    /// `gg/mm/aaaa`.
    let date: String
    let reference: String
    /// The other years of the body that record an act with the same reference (`2020`): a reference copied from last
    /// year's, most often, which would pass last year's act as this year's. Nil when none.
    var alsoRecordedFor: String? = nil

    /// What the confirmation's form carries as the record it replaces (`ShownRecord`).
    var shown: String { date + "|" + reference }
}

/// The fund lines and confirmations of one body's year, as HR edits them. Every write is attributed to HR's user;
/// the database refuses it (SV001) once the year is allocated.
struct FundRecords: Sendable {
    let store: PostgresStore
    let body: String
    let year: Int
    static let confirmationKinds = ["giunta", "oiv"]

    func lines() async throws -> [StoredFundLine] {
        let (body, year) = (self.body, self.year)
        return try await store.withWebConnection { db in
            try db.execute("""
                SELECT line_no, fund, description, amount_cents, reference FROM fund_lines
                WHERE body_id = $1 AND year = $2 ORDER BY line_no
                """, [body, year]).map(Self.line)
        }
    }

    private static func line(_ row: Row) throws -> StoredFundLine {
        StoredFundLine(number: try row.int("line_no"), fund: try row.string("fund") == "managers" ? .managers : .staff,
                       description: try row.string("description"), cents: try row.decode("amount_cents", as: Int64.self),
                       reference: try row["reference"])
    }

    func confirmations() async throws -> [StoredConfirmation] {
        let (body, year) = (self.body, self.year)
        return try await store.withWebConnection { db in
            let stored = try db.execute("""
                SELECT kind, to_char(confirmed_on, 'DD/MM/YYYY') AS date, reference FROM fund_confirmations
                WHERE body_id = $1 AND year = $2 ORDER BY kind
                """, [body, year]).map { row in
                StoredConfirmation(kind: try row.string("kind"), date: try row.string("date"), reference: try row.string("reference"))
            }
            let elsewhere = try YearActs.otherYears(db, body: body, year: year, references: Set(stored.map(\.reference)))
            return stored.map { confirmation in
                var confirmation = confirmation
                confirmation.alsoRecordedFor = elsewhere[confirmation.reference]
                return confirmation
            }
        }
    }

    /// A line that would take its fund over `Fund.largestTotal`: nothing was added.
    struct OverTheLargestTotal: Error {}
    /// A line identical to one on record (fund, description, amount, reference): a form sent twice. Nothing was added.
    struct SameLineOnRecord: Error {}
    /// The line to remove is no longer the one the page showed (removed, or removed and its number given to a new
    /// line): nothing was removed.
    struct LineChanged: Error {}

    /// The Giunta's and the OIV's confirmations are of the fund as it was when they were given: a line added or removed
    /// withdraws them, in the same transaction (the audit log keeps them), and HR records them again for the fund as it
    /// now is. Returns whether any was withdrawn.
    private static func withdrawConfirmations(_ db: Connection, body: String, year: Int) throws -> Bool {
        try db.execute("DELETE FROM fund_confirmations WHERE body_id = $1 AND year = $2", [body, year]).affectedRows > 0
    }

    /// Adds a line; returns whether the fund's confirmations were withdrawn with the change (`withdrawConfirmations`).
    @discardableResult
    func add(fund: FundKind, description: String, cents: Int64, reference: String?, actor: String) async throws -> Bool {
        let (body, year) = (self.body, self.year)
        return try await store.withWebConnection(actor: actor) { connection in
            try connection.transaction { db in
                // The year's row lock: two lines added at once take turns for the next number, and for the total.
                try db.execute("SELECT 1 FROM years WHERE body_id = $1 AND year = $2 FOR UPDATE", [body, year])
                let total = try db.execute("""
                    SELECT coalesce(sum(amount_cents), 0)::bigint AS total FROM fund_lines
                    WHERE body_id = $1 AND year = $2 AND fund = $3
                    """, [body, year, fund.rawValue]).first?.decode("total", as: Int64.self) ?? 0
                guard total <= Fund.largestTotal.value - cents else { throw OverTheLargestTotal() }
                let same = try db.execute("""
                    SELECT 1 FROM fund_lines WHERE body_id = $1 AND year = $2 AND fund = $3 AND description = $4
                    AND amount_cents = $5 AND reference IS NOT DISTINCT FROM $6
                    """, [body, year, fund.rawValue, description, cents, reference])
                guard same.isEmpty else { throw SameLineOnRecord() }
                // The key comes from the year's row, not from the parameters: on a distributed database the
                // statement then stays on the body's shard (docs/distributed.md, §7 item 7).
                let added = try db.execute("""
                    INSERT INTO fund_lines (body_id, year, line_no, fund, description, amount_cents, reference)
                    SELECT y.body_id, y.year, coalesce(max(f.line_no), 0) + 1, $3, $4, $5, $6
                    FROM years y LEFT JOIN fund_lines f ON f.body_id = y.body_id AND f.year = y.year
                    WHERE y.body_id = $1 AND y.year = $2 GROUP BY y.body_id, y.year
                    """, [body, year, fund == .managers ? "managers" : "staff", description, cents, reference])
                guard added.affectedRows == 1 else { throw StoreError.missingYear(year, body: body) }
                return try Self.withdrawConfirmations(db, body: body, year: year)
            }
        }
    }

    /// Removes line `line` if it is still the one whose `fingerprint` the page showed; throws `LineChanged` otherwise.
    /// Returns whether the fund's confirmations were withdrawn with the change.
    @discardableResult
    func remove(line: Int, fingerprint: String, actor: String) async throws -> Bool {
        let (body, year) = (self.body, self.year)
        return try await store.withWebConnection(actor: actor) { connection in
            try connection.transaction { db in
                try YearFirst.share(db, body: body, year: year)
                let stored = try db.execute("""
                    SELECT line_no, fund, description, amount_cents, reference FROM fund_lines
                    WHERE body_id = $1 AND year = $2 AND line_no = $3 FOR UPDATE
                    """, [body, year, line]).map(Self.line)
                guard let stored = stored.first, Self.fingerprint(stored) == fingerprint else { throw LineChanged() }
                try db.execute("DELETE FROM fund_lines WHERE body_id = $1 AND year = $2 AND line_no = $3", [body, year, line])
                return try Self.withdrawConfirmations(db, body: body, year: year)
            }
        }
    }

    /// What identifies a line as the page shows it: its number and every value.
    static func fingerprint(_ line: StoredFundLine) -> String {
        var hash = FNV1a()
        for part in [String(line.number), line.fund.rawValue, line.description, String(line.cents), line.reference ?? "\u{1}"] {
            hash.add(part)
        }
        return hash.hex
    }

    /// Records (or replaces) the confirmation `kind` (`giunta` or `oiv`), if it is still the one the page showed
    /// (`shown`, the form's `ShownRecord.field`); otherwise throws `ShownRecord.Changed` and writes nothing. An act of
    /// another year throws `ReusedAct.Unconfirmed` unless `form` says it stands for this year too.
    func confirm(_ kind: String, on date: CalendarDate, reference: String, shown: String?, form: FormData, actor: String) async throws {
        let (body, year) = (self.body, self.year)
        try await store.withWebConnection(actor: actor) { connection in
            try connection.transaction { db in
                let state = try YearFirst.share(db, body: body, year: year)
                let current = try ShownRecord.lockedConfirmation(db, body: body, year: year, kind: kind)
                try ShownRecord.check(posted: shown, current: current)
                try ReusedAct.check(db, body: body, year: year, state: state, reference: reference, form: form)
                try ShownRecord.write(current: current, insert: {
                    try db.execute("""
                        INSERT INTO fund_confirmations (body_id, year, kind, confirmed_on, reference) VALUES ($1, $2, $3, $4::date, $5)
                        ON CONFLICT ON CONSTRAINT fund_confirmations_pkey DO NOTHING
                        """, [body, year, kind, date.description, reference]).affectedRows == 1
                }, update: {
                    try db.execute("""
                        UPDATE fund_confirmations SET confirmed_on = $4::date, reference = $5 WHERE body_id = $1 AND year = $2 AND kind = $3
                        """, [body, year, kind, date.description, reference])
                })
            }
        }
    }
}
