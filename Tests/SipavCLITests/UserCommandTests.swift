import Foundation
import Postgres
import SIPAVTestSupport
import Testing

/// `sipav user add` and `sipav user password`: the password never on the command line, only its bcrypt hash
/// stored; a password set for someone else is to be changed at their next login, and their sessions end.
@Suite("User accounts from the command line")
struct UserCommandTests {
    private static func account(_ database: TestDatabase, _ username: String) throws -> (hash: String, mustChange: Bool)? {
        try database.withConnection { db in
            try db.execute("SELECT password_hash, must_change_password FROM accounts WHERE username = $1", [username]).first.map {
                (try $0.string("password_hash"), try $0.bool("must_change_password"))
            }
        }
    }

    @Test func aNewPasswordFromTheCommandLineIsToBeChangedAndEndsTheSessions() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let db = ["--database", database.conninfo]
        let imported = try Sipav.run(["db", "import", "--body", "demo"] + db)
        #expect(imported.status == 0, "\(imported.standardError)")
        let added = try Sipav.run(["user", "add", "--body", "demo", "--username", "hr.rossi", "--role", "hr"] + db,
                                  environment: ["SIPAV_PASSWORD": "la-mia-password-1"])
        #expect(added.status == 0, "\(added.standardError)")
        let first = try #require(try Self.account(database, "hr.rossi"))
        #expect(!first.mustChange)
        // A username is one whatever its case (SQL/0022).
        let twin = try Sipav.run(["user", "add", "--body", "demo", "--username", "HR.ROSSI", "--role", "hr"] + db,
                                 environment: ["SIPAV_PASSWORD": "la-mia-password-1"])
        #expect(twin.status == 65, "\(twin.standardError)")
        #expect(twin.standardError.contains("il nome utente HR.ROSSI è già in uso"), "\(twin.standardError)")
        #expect(try Self.account(database, "HR.ROSSI") == nil)
        #expect(first.hash.hasPrefix("$2b$"))
        try database.withConnection { db in
            try db.execute("""
                INSERT INTO sessions (body_id, token_hash, username, csrf_token, expires_at)
                VALUES ('demo', repeat('a', 64), 'hr.rossi', repeat('c', 43), now() + interval '1 hour')
                """)
        }

        let reset = try Sipav.run(["user", "password", "--body", "demo", "--username", "hr.rossi"] + db,
                                  environment: ["SIPAV_PASSWORD": "data-dall-amministratore"])
        #expect(reset.status == 0, "\(reset.standardError)")
        #expect(reset.standardOutput.contains("Password di hr.rossi reimpostata"))
        let after = try #require(try Self.account(database, "hr.rossi"))
        #expect(after.mustChange)
        #expect(after.hash != first.hash)
        #expect(!after.hash.contains("data-dall-amministratore"))
        let sessions = try database.withConnection { try $0.execute("SELECT count(*) AS n FROM sessions")[0].int("n") }
        #expect(sessions == 0)
    }

    @Test func anUnknownAccountOrAShortPasswordIsRefusedAndNothingChanges() throws {
        try Self.withDemoImported { database, db in
            _ = try Sipav.run(["user", "add", "--body", "demo", "--username", "hr.rossi", "--role", "hr"] + db,
                              environment: ["SIPAV_PASSWORD": "la-mia-password-1"])
            let before = try #require(try Self.account(database, "hr.rossi"))
            let unknown = try Sipav.run(["user", "password", "--body", "demo", "--username", "nessuno"] + db,
                                        environment: ["SIPAV_PASSWORD": "una-password-lunga"])
            #expect(unknown.status != 0)
            #expect(unknown.standardError.contains("nessun account attivo con nome utente nessuno nell'ente demo"), "\(unknown.standardError)")
            let short = try Sipav.run(["user", "password", "--body", "demo", "--username", "hr.rossi"] + db,
                                      environment: ["SIPAV_PASSWORD": "corta"])
            #expect(short.status != 0)
            #expect(short.standardError.contains("la password deve avere almeno 8 caratteri"), "\(short.standardError)")
            // As on the web: not the username in it, nor one of the most common.
            for (weak, reason) in [("hr.rossi-2026", "non deve contenere il nome utente"), ("qwertyuiop", "è tra le più comuni")] {
                let refused = try Sipav.run(["user", "password", "--body", "demo", "--username", "hr.rossi"] + db,
                                            environment: ["SIPAV_PASSWORD": weak])
                #expect(refused.status != 0)
                #expect(refused.standardError.contains("la password \(reason)"), "\(refused.standardError)")
            }
            let after = try #require(try Self.account(database, "hr.rossi"))
            #expect(after.hash == before.hash && after.mustChange == before.mustChange)
        }
    }

    /// Runs `test` on a database of its own holding the demo year, imported by `sipav db import`, with the
    /// `--database` arguments that reach it.
    static func withDemoImported(_ test: (TestDatabase, [String]) throws -> Void) throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let db = ["--database", database.conninfo]
        let imported = try Sipav.run(["db", "import", "--body", "demo"] + db)
        try #require(imported.status == 0, "\(imported.standardError)")
        try test(database, db)
    }

    /// A blank username, a blank body id and a body the database does not have are refused on the command line
    /// (exit 64), in Italian, before anything is written; no message quotes a row of the database (a refused row
    /// held the password's hash).
    @Test func aBadUsernameOrBodyIsRefusedBeforeTheDatabase() throws {
        try Self.withDemoImported { database, db in
            let password = ["SIPAV_PASSWORD": "Password-lunga-123"]
            let blank = try Sipav.run(["user", "add", "--body", "demo", "--username", "", "--role", "hr"] + db, environment: password)
            #expect(blank.status == 64)
            #expect(blank.standardError.contains("--username: da 1 a 64 caratteri"), "\(blank.standardError)")
            let blankBody = try Sipav.run(["user", "add", "--body", "  ", "--username", "hr.x", "--role", "hr"] + db, environment: password)
            #expect(blankBody.status == 64)
            #expect(blankBody.standardError.contains("l'identificativo dell'ente non può essere vuoto"), "\(blankBody.standardError)")
            let longBody = try Sipav.run(["db", "import", "--body", String(repeating: "B", count: 65)] + db)
            #expect(longBody.status == 64)
            #expect(longBody.standardError.contains("ha al più 64 caratteri (ne ha 65)"), "\(longBody.standardError)")
            let unknown = try Sipav.run(["user", "add", "--body", "nessuno", "--username", "hr.x", "--role", "hr"] + db, environment: password)
            #expect(unknown.status == 64)
            #expect(unknown.standardError.contains("l'ente nessuno non è nel database"), "\(unknown.standardError)")
            for run in [blank, blankBody, unknown] {
                #expect(!run.standardError.contains("$2b$") && !run.standardError.contains("Failing row"), "\(run.standardError)")
            }
            let accounts = try database.withConnection { try $0.execute("SELECT count(*) AS n FROM accounts")[0].int("n") }
            #expect(accounts == 0)
            let bodies = try database.withConnection { try $0.execute("SELECT count(*) AS n FROM bodies")[0].int("n") }
            #expect(bodies == 1)
        }
    }

    /// A username is one whatever its case, for a new password as for a new account; an unknown one is a bad value of
    /// the command line (64). The audit log's actor is on one line, not blank.
    @Test func aPasswordIsResetWhateverTheUsernamesCaseAndTheActorIsChecked() throws {
        try Self.withDemoImported { database, db in
            let password = ["SIPAV_PASSWORD": "la-mia-password-1"]
            #expect(try Sipav.run(["user", "add", "--body", "demo", "--username", "Mgr.B", "--role", "hr"] + db, environment: password).status == 0)
            let reset = try Sipav.run(["user", "password", "--body", "demo", "--username", "mgr.b"] + db,
                                      environment: ["SIPAV_PASSWORD": "una-password-nuova"])
            #expect(reset.status == 0, "\(reset.standardError)")
            #expect(try Self.account(database, "Mgr.B")?.mustChange == true)
            let unknown = try Sipav.run(["user", "password", "--body", "demo", "--username", "nessuno"] + db, environment: password)
            #expect(unknown.status == 64)
            for actor in ["   ", "mario\nrossi", String(repeating: "a", count: 65)] {
                let run = try Sipav.run(["db", "status", "--actor", actor] + db)
                #expect(run.status == 64, "\(actor): \(run.standardError)")
                #expect(run.standardError.contains("--actor"), "\(run.standardError)")
            }
            let year = try Sipav.run(["db", "report", "scores", "--body", "demo", "--year", "99999999999"] + db)
            #expect(year.status == 64)
            #expect(year.standardError.contains("l'anno è un numero dal 1990 al 2200"), "\(year.standardError)")
            let employee = try Sipav.run(["db", "report", "scores", "--body", "demo", "--year", "2019", "--employee", "E0005"] + db)
            #expect(employee.status == 64)
            #expect(employee.standardError.contains("--employee vale solo per explain"), "\(employee.standardError)")
        }
    }

    /// An account for a person the body does not have is refused in Italian, naming the employee id; no account.
    @Test func anEmployeeIDNotInTheStaffIsRefusedInItalian() throws {
        try Self.withDemoImported { database, db in
            let added = try Sipav.run(["user", "add", "--body", "demo", "--username", "m.nessuno", "--role", "manager",
                                       "--employee", "E9999"] + db, environment: ["SIPAV_PASSWORD": "la-mia-password-1"])
            #expect(added.status == 65)
            #expect(added.standardError.contains("la matricola E9999 non è tra il personale dell'ente demo"), "\(added.standardError)")
            #expect(!added.standardError.contains("foreign key") && !added.standardError.contains("Key ("), "\(added.standardError)")
            #expect(try Self.account(database, "m.nessuno") == nil)
        }
    }

    /// A second enabled account for the same person is refused in Italian, naming the first (SQL/0017); an HR
    /// account naming the officer's own employee id is not a personal account.
    @Test func aSecondPersonalAccountIsRefusedInItalian() throws {
        try Self.withDemoImported { database, db in
            let password = ["SIPAV_PASSWORD": "la-mia-password-1"]
            let first = try Sipav.run(["user", "add", "--body", "demo", "--username", "dir.uno", "--role", "manager",
                                       "--employee", "DIR002"] + db, environment: password)
            #expect(first.status == 0, "\(first.standardError)")
            // A manager's password chosen here is someone else's choice: changed at the first login. An HR account made
            // here is the officer's own.
            #expect(first.standardOutput.contains("al primo accesso dovrà scegliere una password propria"), "\(first.standardOutput)")
            #expect(try Self.account(database, "dir.uno")?.mustChange == true)
            let hr = try Sipav.run(["user", "add", "--body", "demo", "--username", "hr.dir", "--role", "hr",
                                    "--employee", "DIR002"] + db, environment: password)
            #expect(hr.status == 0, "\(hr.standardError)")
            #expect(try Self.account(database, "hr.dir")?.mustChange == false)
            let second = try Sipav.run(["user", "add", "--body", "demo", "--username", "dir.due", "--role", "employee",
                                        "--employee", "DIR002"] + db, environment: password)
            #expect(second.status != 0)
            #expect(second.standardError.contains("la matricola DIR002 ha già l'account attivo dir.uno"), "\(second.standardError)")
            #expect(try Self.account(database, "dir.due") == nil)
        }
    }

    /// The manager role only for a dirigente or the Segretario Generale, from the command line too.
    @Test func theManagerRoleIsRefusedToAnEmployee() throws {
        try Self.withDemoImported { database, db in
            let added = try Sipav.run(["user", "add", "--body", "demo", "--username", "finto.capo", "--role", "manager",
                                       "--employee", "E0001"] + db, environment: ["SIPAV_PASSWORD": "la-mia-password-1"])
            #expect(added.status != 0)
            #expect(added.standardError.contains("la matricola E0001 nell'anno 2019 non è né un dirigente né il Segretario Generale"),
                    "\(added.standardError)")
            #expect(try Self.account(database, "finto.capo") == nil)
        }
    }
}
