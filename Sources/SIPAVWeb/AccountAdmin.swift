import Postgres
import SIPAV
import SIPAVStore

extension AccountRole {
    /// The role as HR's pages name it.
    var label: String {
        switch self {
        case .hr: "Ufficio personale"
        case .manager: "Dirigente"
        case .employee: "Dipendente"
        }
    }

    /// The role's code in the accounts form and CSV file: `personale`, `dirigente`, `dipendente`.
    var code: String {
        switch self {
        case .hr: "personale"
        case .manager: "dirigente"
        case .employee: "dipendente"
        }
    }

    /// The role of a code, in any case.
    init?(code: String) {
        guard let role = AccountRole.allCases.first(where: { $0.code == code.lowercased() }) else { return nil }
        self = role
    }

    /// A manager rates their own staff and an employee reads their own appraisal: both are a person of the staff.
    var needsEmployee: Bool { self != .hr }
}

/// An account as HR's list shows it.
struct AccountListing: Sendable {
    let username: String
    let role: AccountRole
    let employeeID: String?
    /// The person's name, when the account is linked to one.
    let name: String?
    let disabled: Bool
    /// Still on a password HR gave it.
    let mustChangePassword: Bool
}

/// An account HR asks for, checked, with the bcrypt hash of its password: a password HR chose or was shown, which
/// the owner changes at the first login.
struct NewAccount: Sendable {
    let username: String
    let role: AccountRole
    let employeeID: String?
    var passwordHash = ""
}

/// Another account has the username already: the database refused the duplicate.
struct UsernameTaken: Error {}

/// The person already has an enabled manager or employee account (SQL/0017), named `other`.
struct PersonalAccountTaken: Error {
    let other: String

    static let constraint = "accounts_one_personal_account"

    /// From the database's refusal, when it is this rule's.
    init?(_ error: StoreError) {
        guard error.underlying?.constraint == Self.constraint else { return nil }
        other = error.underlying?.detail ?? ""
    }

    var message: String { "questa persona ha già l'account «\(other)» attivo: lo disattivi prima di crearne o riattivarne un altro" }
}

/// HR's administration of one body's accounts. Every write is attributed to `actor`, so the audit log shows who
/// created, disabled or enabled an account.
extension Accounts {
    static let maximumUsernameLength = 64

    /// Every account of the body, by username.
    func listing() async throws -> [AccountListing] {
        let body = self.body
        return try await store.withWebConnection { db in
            try db.execute("""
                SELECT a.username, a.role, a.employee_id, e.name, a.disabled, a.must_change_password FROM accounts a
                LEFT JOIN employees e ON e.body_id = a.body_id AND e.employee_id = a.employee_id
                WHERE a.body_id = $1 ORDER BY a.username
                """, [body]).map { row in
                AccountListing(username: try row.string("username"),
                               role: AccountRole(rawValue: try row.string("role")) ?? .employee,
                               employeeID: try row["employee_id"], name: try row["name"], disabled: try row.bool("disabled"),
                               mustChangePassword: try row.bool("must_change_password"))
            }
        }
    }

    /// Which of `usernames` are taken by an account of the body, compared ignoring case (lowercased).
    func taken(_ usernames: [String]) async throws -> Set<String> {
        let (body, list) = (self.body, QuotedText.jsonArray(usernames))
        return try await store.withWebConnection { db in
            Set(try db.execute("""
                SELECT lower(username) AS username FROM accounts
                WHERE body_id = $1 AND lower(username) IN (SELECT lower(value) FROM jsonb_array_elements_text($2::jsonb))
                """, [body, list]).map { try $0.string("username") })
        }
    }

    /// The employee ids of the staff of one of `years` that are among `employeeIDs` whatever their case, as the staff
    /// writes them: `E0010` for `e0010`, so that a refusal can name the id meant.
    func staff(of years: [Int], among employeeIDs: [String]) async throws -> Set<String> {
        let (body, list, yearList) = (self.body, QuotedText.jsonArray(employeeIDs), QuotedText.jsonArray(years.map(String.init)))
        return try await store.withWebConnection { db in
            Set(try db.execute("""
                SELECT DISTINCT employee_id FROM staff_years
                WHERE body_id = $1 AND year IN (SELECT value::integer FROM jsonb_array_elements_text($2::jsonb))
                  AND lower(employee_id) IN (SELECT lower(value) FROM jsonb_array_elements_text($3::jsonb))
                """, [body, yearList, list]).map { try $0.string("employee_id") })
        }
    }

    /// Which of `employeeIDs` are dirigenti or the Segretario Generale in one of `years`.
    func managers(of years: [Int], among employeeIDs: [String]) async throws -> Set<String> {
        let (body, list, yearList) = (self.body, QuotedText.jsonArray(employeeIDs), QuotedText.jsonArray(years.map(String.init)))
        return try await store.withWebConnection { db in
            Set(try db.execute("""
                SELECT employee_id FROM staff_years
                WHERE body_id = $1 AND year IN (SELECT value::integer FROM jsonb_array_elements_text($2::jsonb))
                  AND role IN ('dirigente', 'segretario_generale')
                  AND employee_id IN (SELECT value FROM jsonb_array_elements_text($3::jsonb))
                """, [body, yearList, list]).map { try $0.string("employee_id") })
        }
    }

    /// The enabled manager or employee account of each of `employeeIDs` that has one.
    func personalAccounts(among employeeIDs: [String]) async throws -> [String: String] {
        let (body, list) = (self.body, QuotedText.jsonArray(employeeIDs))
        return try await store.withWebConnection { db in
            var accounts: [String: String] = [:]
            for row in try db.execute("""
                SELECT employee_id, min(username) AS username FROM accounts
                WHERE body_id = $1 AND NOT disabled AND role <> 'hr'
                  AND employee_id IN (SELECT value FROM jsonb_array_elements_text($2::jsonb))
                GROUP BY employee_id
                """, [body, list]) {
                accounts[try row.string("employee_id")] = try row.string("username")
            }
            return accounts
        }
    }

    /// Creates `accounts` in one statement: all of them, or none when one username is taken (`UsernameTaken`).
    func insert(_ accounts: [NewAccount], actor: String) async throws {
        let rows = "[" + accounts.map { account in
            "{\"username\":\(QuotedText.doubleQuoted(account.username)),"
                + "\"password_hash\":\(QuotedText.doubleQuoted(account.passwordHash)),"
                + "\"role\":\(QuotedText.doubleQuoted(account.role.rawValue)),"
                + "\"employee_id\":\(account.employeeID.map(QuotedText.doubleQuoted) ?? "null")}"
        }.joined(separator: ",") + "]"
        let body = self.body
        do {
            _ = try await store.withWebConnection(actor: actor) { db in
                try db.execute("""
                    INSERT INTO accounts (body_id, username, password_hash, role, employee_id, must_change_password)
                    SELECT $1, r.username, r.password_hash, r.role, r.employee_id, true
                    FROM jsonb_to_recordset($2::jsonb) AS r(username text, password_hash text, role text, employee_id text)
                    """, [body, rows])
            }
        } catch let error as StoreError where error.underlying?.sqlState == "23505" {
            if let taken = PersonalAccountTaken(error) { throw taken }
            throw UsernameTaken()
        }
    }

    /// Disables or enables an account; disabling ends its sessions. False when the body has no such account.
    func setDisabled(_ disabled: Bool, username: String, actor: String) async throws -> Bool {
        let body = self.body
        do {
            return try await setDisabledRow(disabled, username: username, body: body, actor: actor)
        } catch let error as StoreError {
            if let taken = PersonalAccountTaken(error) { throw taken }
            throw error
        }
    }

    private func setDisabledRow(_ disabled: Bool, username: String, body: String, actor: String) async throws -> Bool {
        try await store.withWebConnection(actor: actor) { connection in
            try connection.transaction { db in
                let updated = try db.execute("UPDATE accounts SET disabled = $3 WHERE body_id = $1 AND username = $2",
                                             [body, username, disabled])
                if disabled {
                    try db.execute("DELETE FROM sessions WHERE body_id = $1 AND username = $2", [body, username])
                }
                return updated.affectedRows == 1
            }
        }
    }

    /// Gives an account a password HR chose or was shown (`mustChange`), or the one its owner chose; either way
    /// the account's other sessions end (all of them when HR resets it: `keeping` is nil). False when the body
    /// has no such enabled account.
    func setPassword(username: String, hash: String, mustChange: Bool, keeping session: String?, actor: String) async throws -> Bool {
        let body = self.body
        return try await store.withWebConnection(actor: actor) { connection in
            try connection.transaction { db in
                let updated = try db.execute("""
                    UPDATE accounts SET password_hash = $3, must_change_password = $4,
                           password_changed_at = CASE WHEN $4 THEN password_changed_at ELSE now() END
                    WHERE body_id = $1 AND username = $2 AND NOT disabled
                    """, [body, username, hash, mustChange])
                try db.execute("""
                    DELETE FROM sessions WHERE body_id = $1 AND username = $2
                      AND token_hash IS DISTINCT FROM \(Sessions.sha256("$3"))
                    """, [body, username, session])
                return updated.affectedRows == 1
            }
        }
    }

    /// The role of the body's account `username`, nil when there is none.
    func role(of username: String) async throws -> AccountRole? {
        let body = self.body
        return try await store.withWebConnection { db in
            try db.execute("SELECT role FROM accounts WHERE body_id = $1 AND username = $2", [body, username])
                .first.flatMap { AccountRole(rawValue: try $0.string("role")) }
        }
    }
}
