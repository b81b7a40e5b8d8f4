import Postgres
import SIPAVStore

/// A role in the web application.
public enum AccountRole: String, Sendable, CaseIterable {
    /// The HR office: runs the year.
    case hr
    /// A *dirigente* (or the Segretario Generale): rates their own staff.
    case manager
    /// Reads their own appraisal.
    case employee
}

/// An account of the web application, as read back (never with its password).
public struct Account: Sendable, Hashable {
    public let body: String
    public let username: String
    public let role: AccountRole
    public let employeeID: String?
    /// The password was chosen by someone else (HR): the owner changes it before anything else.
    public let mustChangePassword: Bool
}

/// The accounts of one body.
public struct Accounts: Sendable {
    let store: PostgresStore
    let body: String

    public init(store: PostgresStore, body: String) {
        self.store = store
        self.body = body
    }

    /// Creates an account, storing only the bcrypt hash of `password`: a password its owner chose (the first HR
    /// account, made with `sipav user add`), so not one to change at the first login.
    /// `mustChangePassword`: a password chosen by someone else than the account's owner, to be changed at the first login.
    public func add(username: String, password: String, role: AccountRole, employeeID: String?, cost: UInt8 = 12,
                    mustChangePassword: Bool = false, actor: String) async throws {
        try Accounts.check(password, username: username)
        let hash = await Password.hash(password, cost: cost)
        let body = self.body
        do {
            try await store.withWebConnection(actor: actor) { db in
                if role == .manager, let employeeID { try Accounts.requireManager(employeeID, body: body, db) }
                try db.execute("""
                    INSERT INTO accounts (body_id, username, password_hash, role, employee_id, must_change_password)
                    VALUES ($1, $2, $3, $4, $5, $6)
                    """, [body, username, hash, role.rawValue, employeeID, mustChangePassword])
            }
        } catch let error as StoreError where error.underlying?.constraint == "accounts_employee_fk" {
            throw StoreError("employee \(employeeID ?? "") is not among the staff of body \(body): check the employee id", underlying: error.underlying)
        } catch let error as StoreError where error.underlying?.constraint == PersonalAccountTaken.constraint {
            throw StoreError("employee \(employeeID ?? "") has the enabled account \(error.underlying?.detail ?? "") already: "
                             + "one manager or employee account per person; disable it first", underlying: error.underlying)
        } catch let error as StoreError where error.underlying?.sqlState == "23505" {
            throw StoreError("the username \(username) is taken, whatever its case: choose another", underlying: error.underlying)
        }
    }

    /// The manager role is for a dirigente or the Segretario Generale: as the person is in their latest year on record
    /// (the accounts page checks the year it works on).
    static func requireManager(_ employeeID: String, body: String, _ db: Connection) throws {
        guard let latest = try db.execute("""
            SELECT year, role FROM staff_years WHERE body_id = $1 AND employee_id = $2 ORDER BY year DESC LIMIT 1
            """, [body, employeeID]).first else { return }
        let role = try latest.string("role")
        guard role == "dirigente" || role == "segretario_generale" else {
            throw StoreError("employee \(employeeID) is neither a dirigente nor the Segretario Generale in year \(try latest.int("year")): "
                             + "the manager role is theirs only")
        }
    }

    /// Gives an enabled account a password chosen by someone else (`sipav user password`): its owner changes it at
    /// the next login, and its sessions end. False when the body has no such enabled account.
    public func reset(username: String, password: String, cost: UInt8 = 12, actor: String) async throws -> Bool {
        try Accounts.check(password, username: username)
        // A username is one whatever its case (SQL/0022): Mgr.B is found as mgr.b, as `add` refuses HR.B beside hr.b.
        let body = self.body
        let stored = try await store.withWebConnection { db in
            try db.execute("SELECT username FROM accounts WHERE body_id = $1 AND lower(username) = lower($2) AND NOT disabled",
                           [body, username]).first?.string("username")
        }
        return try await setPassword(username: stored ?? username, hash: await Password.hash(password, cost: cost), mustChange: true,
                                     keeping: nil, actor: actor)
    }

    /// The shortest password anyone may set.
    public static let minimumPasswordLength = 8
    /// The longest, in bytes: bcrypt reads no further, so two passwords that share their first 72 bytes would be one.
    public static let maximumPasswordBytes = 72

    /// A password typed at the command line, refused when shorter than `minimumPasswordLength`, longer than bcrypt reads,
    /// or too easy to guess (`PasswordStrength`).
    private static func check(_ password: String, username: String) throws {
        guard password.count >= minimumPasswordLength else {
            throw StoreError("the password must be at least \(minimumPasswordLength) characters long")
        }
        guard password.utf8.count <= maximumPasswordBytes else {
            throw StoreError("the password must be at most \(maximumPasswordBytes) bytes long (accented letters take two)")
        }
        if let weakness = PasswordStrength.weakness(password, username: username) {
            throw StoreError("the password is too easy to guess: \(weakness)")
        }
    }

    /// The account and its password hash, when it exists and is not disabled.
    func credentials(username: String) async throws -> (account: Account, hash: String)? {
        let body = self.body
        return try await store.withWebConnection { db in
            try db.execute("""
                SELECT username, password_hash, role, employee_id, must_change_password FROM accounts
                WHERE body_id = $1 AND username = $2 AND NOT disabled
                """, [body, username]).first.map { row in
                (try Accounts.account(body: body, row), try row.string("password_hash"))
            }
        }
    }

    static func account(body: String, _ row: Row) throws -> Account {
        Account(body: body, username: try row.string("username"),
                role: AccountRole(rawValue: try row.string("role")) ?? .employee, employeeID: try row["employee_id"],
                mustChangePassword: try row.bool("must_change_password"))
    }
}
