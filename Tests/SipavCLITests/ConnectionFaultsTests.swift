import Foundation
import SIPAVTestSupport
import Testing

/// Why a database cannot be reached is said in Italian, and a connection string that cannot be read is a fault of the
/// command line (64), not an unreachable server (69).
@Suite("Connection faults in Italian")
struct ConnectionFaultsTests {
    @Test func aDatabaseTheServerLacksIsNamed() throws {
        let run = try Sipav.run(["db", "status", "--database", try TestServer.conninfo(database: "nessun_database_cosi")])
        #expect(run.status == 69)
        #expect(run.standardError == "sipav: il database nessun_database_cosi non esiste sul server PostgreSQL: controlli il nome dato con --database\n",
                "\(run.standardError)")
    }

    @Test func aServerThatIsNotThereIsSaidSo() throws {
        let run = try Sipav.run(["db", "status", "--database", "postgresql://nessuno@127.0.0.1:1/sipav?connect_timeout=5"])
        #expect(run.status == 69)
        #expect(run.standardError.hasPrefix("sipav: nessun server PostgreSQL risponde a 127.0.0.1, porta 1 (connessione rifiutata)"),
                "\(run.standardError)")
    }

    @Test(arguments: [["--database", "non è un url ==="], ["--database", "postgresql://[::1"]])
    func anUnreadableConnectionStringIsAUsageFault(_ arguments: [String]) throws {
        let run = try Sipav.run(["db", "status"] + arguments)
        #expect(run.status == 64, "\(run.standardError)")
        #expect(run.standardError.hasPrefix("sipav: --database non è un indirizzo di PostgreSQL che si possa leggere ("), "\(run.standardError)")
        // libpq's own words, in English, are said to be so.
        #expect(run.standardError.contains("(libpq, in inglese: "), "\(run.standardError)")
    }

    @Test func anUnreadableURLInTheEnvironmentIsNamed() throws {
        let run = try Sipav.run(["db", "status"], environment: ["SIPAV_DATABASE_URL": "host=localhost port"])
        #expect(run.status == 64, "\(run.standardError)")
        #expect(run.standardError.hasPrefix("sipav: $SIPAV_DATABASE_URL non è un indirizzo"), "\(run.standardError)")
    }
}
