import HummingbirdTesting
import SIPAVStore
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

/// The year published, then reopened, allocated and published again (a new allocation run): `e1`'s page of the first
/// publication opened beforehand.
private func republished(_ database: TestDatabase) async throws {
    let store = try database.store()
    try await store.reopen(body: WebFixture.body, year: PublishedYearFixture.year, reason: "Revisione", actor: "hr")
    try await PublishedYearFixture.allocate(in: store)
    try OwnAppraisalFixture.publish(database)
}

/// The responses on record with the run each answered: "E1:acknowledged:run".
private func responseRuns(_ database: TestDatabase) throws -> [String] {
    try database.withConnection { db in
        try db.execute("SELECT employee_id || ':' || response || ':' || coalesce(run_id::text, '-') AS r FROM appraisal_responses ORDER BY 1")
            .map { try $0.string("r") }
    }
}

private func latestRun(_ database: TestDatabase) throws -> String {
    try database.withConnection { db in
        try db.execute("SELECT max(run_id)::text AS r FROM allocation_runs WHERE year = $1", [PublishedYearFixture.year])[0].string("r")
    }
}

/// An employee's response answers one publication: the allocation run whose figures their page showed (SQL/0034).
@Suite("A response answers the publication it was given to")
struct RepublishedAppraisalTests {
    /// A page opened before the year was published again cannot acknowledge the new figures: refused, nothing written.
    @Test func aResponseFromAPageOfTheEarlierPublicationIsRefused() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            let (e1, csrf) = try await HRPagesFixture.loggedIn("e1", on: browser.client)
            let shown = try #require(Browser.field(OwnAppraisalRoutes.runField, in: try await e1.get(OwnAppraisalRoutes.path)))
            try await republished(database)
            for (path, fields) in [("/presa-visione", [("csrf", csrf), ("conferma", "1")]), ("/contestazione", [("csrf", csrf), ("motivo", "Il punteggio è basso")])] {
                let refused = try await e1.post(OwnAppraisalRoutes.path + path, fields + [(OwnAppraisalRoutes.runField, shown)])
                #expect(refused.status == .conflict, "\(path)")
                #expect(refused.text.contains("è stata ripartita e pubblicata di nuovo dopo che la pagina è stata aperta"), "\(path)")
                #expect(try OwnAppraisalFixture.responses(database).isEmpty)
            }
            // From the page as it is now, it is recorded, with the run it answered.
            #expect(try await e1.respond(OwnAppraisalRoutes.path + "/presa-visione", [("csrf", csrf)]).status == .seeOther)
            #expect(try responseRuns(database) == ["E1:acknowledged:\(try latestRun(database))"])
        }
    }

    /// An acknowledgement of the earlier publication stays on record, and the employee responds to the new one: its
    /// figures are not the ones they acknowledged. The audit log keeps the acknowledgement replaced.
    @Test func anAcknowledgementOfTheEarlierPublicationIsAskedAgain() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            let (e1, csrf) = try await HRPagesFixture.loggedIn("e1", on: browser.client)
            #expect(try await e1.respond(OwnAppraisalRoutes.path + "/presa-visione", [("csrf", csrf)]).status == .seeOther)
            let first = try responseRuns(database)
            try await republished(database)

            let page = try await e1.get(OwnAppraisalRoutes.path).text
            #expect(page.contains("riguardava una pubblicazione precedente della valutazione"))
            #expect(page.contains("Prendo visione</button>"))
            #expect(!page.contains("Ha preso visione della valutazione il"))
            #expect(try responseRuns(database) == first, "nothing is changed by looking")

            let contest = "Dopo la revisione il punteggio non tiene conto dei mesi di servizio."
            #expect(try await e1.respond(OwnAppraisalRoutes.path + "/contestazione", [("csrf", csrf), ("motivo", contest)]).status == .seeOther)
            #expect(try responseRuns(database) == ["E1:contested:\(try latestRun(database))"])
            let replaced = try database.withConnection { db in
                try db.execute("""
                    SELECT old_value->>'response' AS r FROM audit_log WHERE table_name = 'appraisal_responses' AND operation = 'UPDATE'
                    """).map { try $0.string("r") }
            }
            #expect(replaced == ["acknowledged"])
        }
    }

    /// A contest is never replaced by a new publication: it stays for HR to decide, and the page shows it.
    @Test func aContestStaysThroughANewPublication() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            let (e1, csrf) = try await HRPagesFixture.loggedIn("e1", on: browser.client)
            #expect(try await e1.respond(OwnAppraisalRoutes.path + "/contestazione", [("csrf", csrf), ("motivo", "Non condivido")]).status
                    == .seeOther)
            let contested = try responseRuns(database)
            try await republished(database)
            let page = try await e1.get(OwnAppraisalRoutes.path).text
            #expect(!page.contains("Prendo visione</button>"))
            #expect(page.contains("Non condivido"))
            #expect(try await e1.post(OwnAppraisalRoutes.path + "/presa-visione",
                                      [("csrf", csrf), (OwnAppraisalRoutes.runField, try latestRun(database)),
                                       (OwnAppraisalRoutes.acknowledgementField, "1")]).status == .conflict)
            #expect(try responseRuns(database) == contested)
        }
    }
}
