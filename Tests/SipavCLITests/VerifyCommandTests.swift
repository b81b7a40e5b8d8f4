@testable import sipav
import Foundation
import Postgres
import SIPAVTestSupport
import Testing

/// `sipav db verify` holds the whole record to its recomputation: not only each person's cents, but what was stored
/// beside them and the run's totals. And the password of `db backup`'s and `db restore`'s database stays off the
/// command line of the programs they run.
@Suite("Verifying the record")
struct VerifyCommandTests {
    static let config = Sipav.packageRoot.appendingPathComponent("Config/example-redistribute.yaml").path

    /// An allocated demo year, then `change` made with the lock's triggers bypassed (as only a tampering superuser can).
    func verify(after change: String) throws -> SipavRun {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let allocated = try db(["import", "--allocate", "--body", "demo", "--data", Sipav.demoFolder.path, "--config", Self.config],
                               on: database)
        try #require(allocated.status == 0, "\(allocated.standardError)")
        try #require(try db(["verify", "--body", "demo", "--year", "2019"], on: database).status == 0)
        try database.withConnection { db in
            try db.execute("SET session_replication_role = replica")
            try db.execute(change)
        }
        return try db(["verify", "--body", "demo", "--year", "2019"], on: database)
    }

    /// E0003's score, band, weighted sum, share and components replaced by E0004's, its cents left right.
    @Test func anotherPersonsFiguresBesideTheRightCentsAreFound() throws {
        let run = try verify(after: """
            UPDATE allocations a SET final_score = b.final_score, band = b.band, weighted_sum = b.weighted_sum,
                   share_numerator = b.share_numerator, share_denominator = b.share_denominator,
                   received_remainder_cent = b.received_remainder_cent,
                   individual_amount_numerator = b.individual_amount_numerator, individual_amount_denominator = b.individual_amount_denominator,
                   ente_amount_numerator = b.ente_amount_numerator, ente_amount_denominator = b.ente_amount_denominator
            FROM allocations b
            WHERE a.employee_id = 'E0003' AND b.employee_id = 'E0004' AND a.body_id = b.body_id AND a.year = b.year
            """)
        #expect(run.status == 65)
        #expect(run.standardError.contains("la ripartizione registrata differisce"), "\(run.standardError)")
        for figure in ["punteggio finale", "somma ponderata", "centesimo del resto", "quota", "componente individuale"] {
            #expect(run.standardError.contains("E0003: \(figure), valore registrato"), "\(figure): \(run.standardError)")
        }
        #expect(!run.standardError.contains("E0004"), "\(run.standardError)")
    }

    /// The run's record: what it says was paid from the staff fund.
    @Test func aChangedRunTotalIsFound() throws {
        let run = try verify(after: "UPDATE allocation_runs SET staff_paid_cents = staff_paid_cents - 1")
        #expect(run.status == 65)
        #expect(run.standardError.contains("erogato al personale, valore registrato"), "\(run.standardError)")
        #expect(run.standardError.contains("residuo del personale, valore registrato"), "\(run.standardError)")
    }

    /// The run's record of what HR confirmed paying as it stood (SQL/0035), counted again from the year's records.
    @Test func aChangedCountOfDraftsPaidIsFound() throws {
        let run = try verify(after: "UPDATE allocation_runs SET drafts_paid = drafts_paid + 1, returned_drafts_paid = 0")
        #expect(run.status == 65)
        #expect(run.standardError.contains("valutazioni pagate non definitive, valore registrato"), "\(run.standardError)")
    }

    /// A person moved to the other fund's list, with another band.
    @Test func anotherFundOrBandIsFound() throws {
        let run = try verify(after: """
            UPDATE allocations SET fund = 'managers', band = CASE band WHEN 'ALTA' THEN 'MEDIA' ELSE 'ALTA' END
            WHERE employee_id = 'E0005'
            """)
        #expect(run.status == 65)
        #expect(run.standardError.contains("E0005: fondo, valore registrato managers, ricalcolato staff"), "\(run.standardError)")
        #expect(run.standardError.contains("E0005: fascia, valore registrato"), "\(run.standardError)")
    }

    /// The password goes to pg_dump and pg_restore in their environment, never on their command line (which every user
    /// of the machine reads in the list of processes); the rest of the conninfo stays as given.
    @Test func theBackupsPasswordIsNotOnTheCommandLine() throws {
        for conninfo in ["host=db.ente.it port=5433 dbname=sipav user=hr password='s3 cr\\'et'",
                         "postgresql://hr:s3%20cr'et@db.ente.it:5433/sipav?sslmode=require"] {
            let (arguments, password) = PostgresClient.invocation(["--format=custom"], database: conninfo, then: ["file"])
            #expect(password == "s3 cr'et", "\(conninfo)")
            #expect(!arguments.contains { $0.contains("s3") }, "\(arguments)")
            #expect(arguments.first == "--format=custom" && arguments.last == "file")
            let target = try #require(arguments.first { $0.hasPrefix("--dbname=") })
            for part in ["host='db.ente.it'", "port='5433'", "dbname='sipav'", "user='hr'"] {
                #expect(target.contains(part), "\(target)")
            }
        }
        let plain = PostgresClient.invocation([], database: "dbname=sipav")
        #expect(plain.password == nil && plain.arguments == ["--dbname=dbname='sipav'"])
        let environment = PostgresClient.invocation(["-x"], database: nil)
        #expect(environment.arguments == ["-x"] && environment.password == nil)
    }
}
