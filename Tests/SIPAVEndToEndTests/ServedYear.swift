import Foundation
import SIPAVTestSupport

/// The demo body's 2019 imported with the built `sipav` into a database of the test's own, four accounts, and
/// `sipav serve` running on it: everything done as an HR office would, through the command line.
struct ServedYear {
    static let body = "demo"
    static let year = 2019
    static let password = "prova-e2e-2019"
    /// The manager of AREA1 (D'Angelo Francesca) and the HR officer.
    static let manager = (username: "m.dangelo", employee: "DIR002")
    static let hr = "hr.rossi"
    /// The Segretario Generale, a manager who rates everyone, and an employee of AREA1 (Fontana Alessandro), who reads
    /// their own appraisal.
    static let secretary = (username: "segretario", employee: "DIR001")
    static let employee = (username: "a.fontana", employee: "E0002")
    /// The person the manager rates again: Fontana Alessandro, AREA1, four objectives (OB1…OB4), imported with a
    /// final score of 4 (MEDIA).
    static let rated = "E0002"

    let database: TestDatabase
    let server: BackgroundProcess
    let address: URL

    /// Creates the database and starts the server; on failure leaves nothing behind.
    static func start() async throws -> ServedYear {
        let database: TestDatabase
        do {
            database = try TestDatabase.create(schema: false)
        } catch {
            throw TestSetupError("the end-to-end test needs PostgreSQL: set SIPAV_TEST_DATABASE_URL to a server it can "
                                 + "reach, or install the Debian package postgresql for a throwaway cluster (scripts/test "
                                 + "does both). \(error)")
        }
        do {
            try sipav(["db", "import", "--body", body, "--database", database.conninfo, "--actor", "e2e"])
            try sipav(["user", "add", "--body", body, "--username", hr, "--role", "hr", "--database", database.conninfo])
            let others = [(manager.username, "manager", manager.employee), (secretary.username, "manager", secretary.employee),
                          (employee.username, "employee", employee.employee)]
            for (username, role, employeeID) in others {
                try sipav(["user", "add", "--body", body, "--username", username, "--role", role,
                           "--employee", employeeID, "--database", database.conninfo])
                // An account made from the command line has a password someone else chose, to be changed at the first
                // login; here its owner is taken to have changed it already (the change itself is tested apart).
                try database.withConnection { db in
                    try db.execute("UPDATE accounts SET must_change_password = false WHERE username = $1", [username])
                }
            }
            let port = try LocalHTTP.freePort()
            let server = try BackgroundProcess(
                name: "sipav serve", executable: SipavBinary.url,
                arguments: ["serve", "--port", String(port), "--body", body, "--database", database.conninfo,
                            "--actor", "e2e"])
            let address = URL(string: "http://127.0.0.1:\(port)")!
            do {
                try await server.waitUntilAnswering(address.appendingPathComponent("login"))
            } catch {
                server.stop()
                throw error
            }
            return ServedYear(database: database, server: server, address: address)
        } catch {
            database.drop()
            throw error
        }
    }

    func stop() {
        server.stop()
        database.drop()
    }

    func url(_ path: String) -> URL { URL(string: path, relativeTo: address)!.absoluteURL }

    /// Runs the built `sipav`; throws with its output unless it exits 0.
    @discardableResult
    private static func sipav(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = SipavBinary.url
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SIPAV_PASSWORD"] = password
        environment.removeValue(forKey: "SIPAV_CONFIG")
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw TestSetupError("cannot run \(SipavBinary.url.path) (build it with swift build --build-tests): \(error)")
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestSetupError("sipav \(arguments.prefix(2).joined(separator: " ")) exited \(process.terminationStatus): \(text)")
        }
        return text
    }
}
