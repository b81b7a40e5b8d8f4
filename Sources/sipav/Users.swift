import ArgumentParser
import Foundation
import SIPAVWeb

/// `sipav user …`: the accounts of the web application. The first HR account is created here.
struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Accounts of the web application (sipav serve).", subcommands: [AddUser.self])
}

struct AddUser: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Create an account; the password is read from $SIPAV_PASSWORD or standard input, never from the command line.",
        discussion: "Only a bcrypt hash of the password is stored. Managers and employees are linked to their person with --employee.")
    @Option(help: "The body's id.") var body: String
    @Option(help: "The login name (letters, digits and . _ @ -).") var username: String
    @Option(help: "hr, manager or employee.") var role: String
    @Option(help: "The person's employee id (required for manager and employee).") var employee: String?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard let role = AccountRole(rawValue: role) else { throw ValidationError("--role must be hr, manager or employee") }
        if role != .hr && employee == nil { throw ValidationError("--employee is required for the role \(role.rawValue)") }
    }

    func run() async throws {
        try await reportingFailures {
            let password = try readPassword()
            let store = try database.store()
            _ = try await store.migrate(dryRun: false)
            try await Accounts(store: store, body: body).add(username: username, password: password, role: AccountRole(rawValue: role)!,
                                                             employeeID: employee, actor: database.actorName)
            print("Utente \(username) creato (ente \(body), ruolo \(role)).")
        }
    }

    /// From the environment, else the terminal without echo, else the first line of standard input.
    private func readPassword() throws -> String {
        if let password = ProcessInfo.processInfo.environment["SIPAV_PASSWORD"], !password.isEmpty { return password }
        let password: String?
        if isatty(STDIN_FILENO) == 1 {
            password = getpass("Password: ").map { String(cString: $0) }
        } else {
            password = readLine(strippingNewline: true)
        }
        guard let password, !password.isEmpty else {
            throw CommandFailure(status: ExitStatus.usage, message: "no password: set SIPAV_PASSWORD or write it on standard input")
        }
        return password
    }
}
