import Foundation
import Postgres

/// The server the database tests use: `SIPAV_TEST_DATABASE_URL` when set, else one throwaway `LocalCluster`
/// per test process, started on first use and removed when the process exits.
///
/// When the server cannot start, every test that needs it fails with the reason: nothing is skipped.
public enum TestServer {
    private static let environmentURL: String? = {
        let url = ProcessInfo.processInfo.environment["SIPAV_TEST_DATABASE_URL"]
        return url?.isEmpty == false ? url : nil
    }()

    /// Nil when the tests use `SIPAV_TEST_DATABASE_URL`.
    private static let cluster: Result<LocalCluster?, any Error> = Result {
        guard environmentURL == nil else { return nil }
        let cluster = try LocalCluster.temporary()
        atexit {
            if case .success(let cluster?) = TestServer.cluster { try? cluster.stop(removingData: true) }
        }
        return cluster
    }

    private static let started: Result<String, any Error> = Result {
        if let environmentURL { return environmentURL }
        do {
            return try cluster.get()!.start()
        } catch {
            throw TestSetupError("PostgreSQL for the tests cannot start (set SIPAV_TEST_DATABASE_URL, or install the "
                                 + "postgresql package so that the built-in cluster can run): \(error)")
        }
    }

    /// The conninfo of the server's own database (the one the URL or the cluster names).
    public static func conninfo() throws -> String { try started.get() }

    /// The conninfo of `database` on the test server, with extra libpq settings.
    public static func conninfo(database: String, applicationName: String? = nil) throws -> String {
        var settings = [("dbname", database)]
        if let applicationName { settings.append(("application_name", applicationName)) }
        return Conninfos.overriding(try conninfo(), with: settings)
    }

    public static func connect(database: String? = nil) throws -> Connection {
        try Connection.connect(database.map { try conninfo(database: $0) } ?? conninfo())
    }
}

/// A test could not get what it needs to run: it fails, saying why.
public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Conninfo text pointed elsewhere: libpq reads `key=value` text left to right and the last value of a
/// keyword wins; a URL gets its path and query changed.
public enum Conninfos {
    public static func overriding(_ conninfo: String, with settings: [(key: String, value: String)]) -> String {
        if conninfo.hasPrefix("postgres://") || conninfo.hasPrefix("postgresql://"),
           var url = URLComponents(string: conninfo) {
            var query = url.queryItems ?? []
            for (key, value) in settings {
                if key == "dbname" { url.path = "/" + value; continue }
                query.removeAll { $0.name == key }
                query.append(URLQueryItem(name: key, value: value))
            }
            url.queryItems = query.isEmpty ? nil : query
            return url.string ?? conninfo
        }
        // Test names are plain identifiers: no quoting needed.
        return ([conninfo] + settings.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
    }
}
