import ArgumentParser
import Foundation
import SIPAVWeb

/// `sipav user …`: the accounts of the web application. The first HR account is created here.
struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Account dell'applicazione web (sipav serve).", subcommands: [AddUser.self, SetPassword.self])

    /// The accounts of `body` on the database, its schema brought up to date first; a body the database does not
    /// have is refused by name (exit 64).
    static func accounts(of body: String, _ database: DatabaseOptions) async throws -> Accounts {
        let store = try await database.currentStore()
        guard try await !store.years(body: body).isEmpty else {
            throw CommandFailure(status: ExitStatus.usage,
                                 message: "l'ente \(body) non è nel database: ne importi prima i dati (sipav db import --body \(body))")
        }
        return Accounts(store: store, body: body)
    }
}

/// `sipav user password`: a new password for an account whose owner cannot log in (a forgotten password, the only
/// HR account included). Someone other than the owner chose it, so the owner must change it at the next login.
struct SetPassword: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "password",
        abstract: "Assegna a un account una nuova password, che il titolare dovrà cambiare al prossimo accesso; le sue sessioni sono chiuse.",
        discussion: "La password è letta da $SIPAV_PASSWORD o dallo standard input, mai dalla riga di comando; è registrato solo un hash bcrypt.")
    @Option(help: "L'identificativo dell'ente.", transform: BodyArgument.parse) var body: String
    @Option(help: "Il nome utente.") var username: String
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await reportingFailures {
            let password = try PasswordInput.read()
            guard try await Users.accounts(of: body, database).reset(username: username, password: password, actor: database.actorName) else {
                throw CommandFailure(status: ExitStatus.usage, message: "nessun account attivo con nome utente \(username) nell'ente \(body)")
            }
            print("Password di \(username) reimpostata (ente \(body)): al prossimo accesso dovrà sceglierne una propria; le sue sessioni sono chiuse.")
        }
    }
}

struct AddUser: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Crea un account; la password è letta da $SIPAV_PASSWORD o dallo standard input, mai dalla riga di comando.",
        discussion: "Della password è registrato solo un hash bcrypt. Dirigenti e dipendenti sono collegati alla propria matricola con --employee.")
    @Option(help: "L'identificativo dell'ente.", transform: BodyArgument.parse) var body: String
    @Option(help: "Il nome utente (lettere, cifre e . _ @ -).") var username: String
    @Option(help: "hr, manager o employee.") var role: String
    @Option(help: "La matricola della persona (obbligatoria per manager ed employee).") var employee: String?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard username.wholeMatch(of: /[A-Za-z0-9._@-]{1,64}/) != nil else {
            throw ValidationError("--username: da 1 a 64 caratteri tra lettere senza accenti, cifre e . _ @ - (ad esempio m.rossi)")
        }
        guard let role = AccountRole(rawValue: role) else { throw ValidationError("--role deve essere hr, manager o employee") }
        if role != .hr && employee == nil { throw ValidationError("--employee è obbligatorio per il ruolo \(role.rawValue)") }
    }

    func run() async throws {
        try await reportingFailures {
            let password = try PasswordInput.read()
            // A manager's or an employee's password is chosen here by someone else: its owner changes it at the first login.
            // An HR account made here is the officer's own (the first one, made by whoever runs the command).
            let role = AccountRole(rawValue: role)!
            try await Users.accounts(of: body, database).add(username: username, password: password, role: role,
                                                              employeeID: employee, mustChangePassword: role != .hr,
                                                              actor: database.actorName)
            print("Utente \(username) creato (ente \(body), ruolo \(role.rawValue))"
                  + (role == .hr ? "." : ": al primo accesso dovrà scegliere una password propria."))
        }
    }
}

/// A password typed for `sipav user`: never an argument, which other users of the machine could read.
enum PasswordInput {
    /// From the environment, else the terminal without echo, else the first line of standard input.
    static func read() throws -> String {
        if let password = ProcessInfo.processInfo.environment["SIPAV_PASSWORD"], !password.isEmpty { return password }
        let password: String?
        if isatty(STDIN_FILENO) == 1 {
            password = getpass("Password: ").map { String(cString: $0) }
        } else {
            password = readLine(strippingNewline: true)
        }
        guard let password, !password.isEmpty else {
            throw CommandFailure(status: ExitStatus.usage, message: "nessuna password: la imposti in SIPAV_PASSWORD o la scriva sullo standard input")
        }
        return password
    }
}
