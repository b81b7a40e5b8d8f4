import SIPAVTestSupport
import HummingbirdTesting
import SIPAV
import SIPAVStore
import SIPAVWeb

/// Runs `test` against the web application over a fresh database holding `WebFixture`, with the accounts
/// m1 (manager of Area A1), m2 (manager of A2), sg (the Segretario Generale) and hr. bcrypt cost 4: fast tests.
/// `yearSettings` reads a year's stored settings text, as `sipav serve` does with the settings file reader.
/// `year` fixes the year the server works on (nil: the body's most recent, 2024). `idleConnections` is how many
/// connections the server's store keeps between operations, as `sipav serve`'s does (none unless told: see
/// `TestDatabase.idleConnections`).
func withWebApp(year: Int? = nil, yearSettings: (@Sendable (String) throws -> Settings)? = nil,
                idleConnections: Int = TestDatabase.idleConnections,
                _ test: @escaping @Sendable (Browser, TestDatabase) async throws -> Void) async throws {
    let database = try TestDatabase.create()
    defer { database.drop() }
    try database.withConnection { try WebFixture.insert(on: $0) }
    let store = try PostgresStore(conninfo: database.conninfo, idleConnections: idleConnections, idleTime: .seconds(3600))
    let accounts = Accounts(store: store, body: WebFixture.body)
    for (username, role, employee) in [("m1", AccountRole.manager, "M1"), ("m2", .manager, "M2"), ("sg", .manager, "S1"),
                                       ("hr", .hr, nil)] as [(String, AccountRole, String?)] {
        try await accounts.add(username: username, password: WebFixture.password, role: role, employeeID: employee, cost: 4,
                               actor: "test")
    }
    let app = try await buildApplication(WebConfiguration(store: store, body: WebFixture.body, year: year, bcryptCost: 4,
                                                                yearSettings: yearSettings))
    try await app.test(.router) { client in try await test(Browser(client), database) }
}
