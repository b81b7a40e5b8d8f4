import Hummingbird
import HummingbirdTesting
import Postgres
import SIPAVStore
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

/// HR's return of E1's 2024 appraisal to draft, as the form on E1's page posts it.
private let e1Return = "/hr/anni/2024/valutazioni/E1/bozza"
private let reason = "Il voto sul come di OB2 è stato inserito per errore: va corretto."

/// The returns on record: "employee year returned_by submitted_by reason", in order.
private func storedReturns(_ database: TestDatabase) throws -> [String] {
    try database.withConnection { db in
        try db.execute("""
            SELECT employee_id || ' ' || year || ' ' || returned_by || ' ' || submitted_by || ' ' || reason AS r
            FROM appraisal_returns ORDER BY return_id
            """).map { try $0.string("r") }
    }
}

/// The audit lines of `table`: "operation actor", in order.
private func auditLines(_ database: TestDatabase, of table: String) throws -> [String] {
    try database.withConnection { db in
        try db.execute("SELECT operation || ' ' || actor AS line FROM audit_log WHERE table_name = $1 ORDER BY audit_id", [table])
            .map { try $0.string("line") }
    }
}

/// Today in Italy, as the pages write a day.
private func today(_ database: TestDatabase) throws -> String {
    try database.withConnection { db in
        try db.execute("SELECT to_char(now() AT TIME ZONE 'Europe/Rome', 'DD/MM/YYYY') AS d")[0].string("d")
    }
}

/// Whether a connection of `application` comes to wait for a lock within a minute, on a statement reading `table` if
/// given; nil if it never does. `watcher` looks on.
private func waitsForALock(_ application: String, on table: String? = nil, watcher: Connection) async throws -> Bool? {
    try await poll(seconds: 60) { () -> Bool? in
        try watcher.execute("""
            SELECT count(*) AS n FROM pg_stat_activity
            WHERE application_name = $1 AND wait_event_type = 'Lock' AND ($2::text IS NULL OR query LIKE '%FROM ' || $2 || ' %')
            """, [application, table])[0].int("n") > 0 ? true : nil
    }
}

/// HR posts the return of `path` with `motivo`, from the person's page as it is now (the form names the submission it
/// shows; none when the page offers no return).
private func postReturn(_ hr: Browser, csrf: String, path: String = e1Return, motivo: String = reason) async throws -> TestResponse {
    let parts = path.split(separator: "/")
    let page = try await hr.get(ObjectiveAdminRoutes.personPath(String(parts[4])) + "?anno=\(parts[2])")
    return try await hr.post(path, [("csrf", csrf), ("motivo", motivo),
                                    (AppraisalReturnRoutes.shownField, Browser.field(AppraisalReturnRoutes.shownField, in: page) ?? "")])
}

/// HR's return posted to `path`, refused with `status` and nothing written: the page, for what it says.
private func refusedReturn(_ hr: Browser, csrf: String, path: String = e1Return, status: HTTPResponse.Status,
                           in database: TestDatabase) async throws -> TestResponse {
    let before = try Authorisation.Digest.of(database)
    let refused = try await postReturn(hr, csrf: csrf, path: path)
    #expect(refused.status == status)
    #expect(Authorisation.Digest.changed(before, try Authorisation.Digest.of(database)).isEmpty)
    return refused
}

@Suite("HR returns a final appraisal to draft, with a reason")
struct AppraisalReturnTests {
    @Test func aFinalAppraisalReturnsToDraftAndTheManagerCorrectsAndSubmitsItAgain() async throws {
        try await withWebApp { browser, database in
            let m1 = Browser(browser.client)
            let m1csrf = try await submitE1(m1)
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let page = try await hr.get("/hr/obiettivi/E1")
            #expect(page.text.contains("<form method=\"post\" action=\"\(e1Return)\" class=\"card respond return-to-draft\">"))
            #expect(page.text.contains("Restituisci in bozza</button>"))

            let done = try await postReturn(hr, csrf: csrf)
            #expect(done.status == .seeOther)
            #expect(done.location == "/hr/obiettivi/E1?anno=2024&restituita=2024")
            #expect(try storedSubmissions(database).isEmpty)
            #expect(try storedReturns(database) == ["E1 2024 hr m1 \(reason)"])
            #expect(try auditLines(database, of: "appraisal_submissions") == ["INSERT m1", "DELETE hr"])
            #expect(try auditLines(database, of: "appraisal_returns") == ["INSERT hr"])
            // The ratings stay as submitted: only the submission is undone.
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:3B:v2"])

            let after = try await hr.get(try #require(done.location))
            #expect(after.text.contains(AppraisalReturnRoutes.doneNotice(year: 2024)))
            #expect(after.text.contains("Valutazione restituita in bozza da hr il \(try today(database)) — motivo: \(HTML.escape(reason))"))
            #expect(!after.text.contains("Restituisci in bozza</button>"))

            let rating = try await m1.get("/valutazioni/E1")
            #expect(rating.text.contains("Restituita in bozza dall'ufficio personale il \(try today(database)) — motivo: \(HTML.escape(reason))"))
            #expect(rating.text.contains("value=\"rivedi\" class=\"final\">Invia definitiva…</button>"))
            let list = try await m1.get("/valutazioni").text
            #expect(try staffRow("E1", in: list).contains("<td class=\"status\">restituita in bozza</td>"))
            // Said above the list too, whatever page of it is shown, with the way to those still to send.
            #expect(list.contains("1 valutazione è stata restituita in bozza dall&#39;ufficio personale e attende un nuovo invio"), "\(list)")
            #expect(list.contains("<a href=\"/valutazioni?da-inviare=1\">mostra le non inviate</a>"))

            let saved = try await m1.post("/valutazioni/E1", e1Form(csrf: m1csrf, versions: [2, 2], ratings: [("5", "A"), ("2", "B")])
                                              + [("azione", "bozza")])
            #expect(saved.location == "/valutazioni/E1?salvato=1")
            // OB1 kept its rating, and its version: only OB2's moved on.
            let sent = try await m1.post("/valutazioni/E1", e1Form(csrf: m1csrf, versions: [2, 3], ratings: [("5", "A"), ("2", "B")])
                                             + [("azione", "invia")])
            #expect(sent.location == "/valutazioni/E1?inviato=1")
            #expect(try storedSubmissions(database) == ["E1:m1"])
            let final = try await m1.get("/valutazioni/E1")
            #expect(!final.text.contains("Restituita in bozza"))
            #expect(final.text.contains("la valutazione è definitiva e non si può più modificare"))
            let sentList = try await m1.get("/valutazioni").text
            #expect(try staffRow("E1", in: sentList).contains("<td class=\"status\">inviata</td>"))
            #expect(!sentList.contains("restituita in bozza dall"))
            // The record of the return stays.
            #expect(try storedReturns(database) == ["E1 2024 hr m1 \(reason)"])
        }
    }

    /// A return answered by a new submission is not told again when that submission is withdrawn by a change of the
    /// person's objectives (SQL/0031): the pages spoke of the old return and its reason, about a version since corrected.
    @Test func aReturnAnsweredBySubmittingAgainIsNotToldAgainAfterAWithdrawal() async throws {
        try await withWebApp { browser, database in
            let m1 = Browser(browser.client)
            let m1csrf = try await submitE1(m1)
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            #expect(try await postReturn(hr, csrf: csrf).status == .seeOther)
            let sent = try await m1.post("/valutazioni/E1", e1Form(csrf: m1csrf, versions: [2, 2], ratings: [("5", "A"), ("2", "B")])
                                             + [("azione", "invia")])
            #expect(sent.location == "/valutazioni/E1?inviato=1")
            // HR changes E1's objectives: the submission is withdrawn, the appraisal a draft again.
            let form = try await hr.get("/hr/obiettivi/E1")
            let digest = form.text.firstMatch(of: /name="versione" value="([0-9a-f]+)"/).map { String($0.1) } ?? ""
            let changed = try await hr.post("/hr/obiettivi/E1", [
                ("csrf", csrf), ("anno", "2024"), ("versione", digest), ("rows", "2"),
                ("code_0", "OB1"), ("title_0", "Ridurre i tempi di risposta"), ("weight_0", "70"),
                ("code_1", "OB2"), ("title_1", "Digitalizzare l'archivio"), ("weight_1", "30")])
            #expect(changed.status == .seeOther)
            #expect(try storedSubmissions(database).isEmpty)
            // The pages tell of the withdrawal, recorded as a return with the change named, and no longer of the old return.
            let withdrawal = HTML.escape(SubmissionChange.changedOnTheWeb)
            let rating = try await m1.get("/valutazioni/E1").text
            #expect(!rating.contains(HTML.escape(reason)))
            #expect(rating.contains("— motivo: \(withdrawal)"))
            let person = try await hr.get("/hr/obiettivi/E1").text
            #expect(!person.contains(HTML.escape(reason)))
            #expect(person.contains("Valutazione restituita in bozza da hr il \(try today(database)) — motivo: \(withdrawal)"))
            // The return stays on record, answered.
            #expect(try storedReturns(database) == ["E1 2024 hr m1 \(reason)", "E1 2024 hr m1 \(SubmissionChange.changedOnTheWeb)"])
            let answered = try database.withConnection { db in
                try db.execute("SELECT count(*) AS n FROM appraisal_returns WHERE answered_at IS NOT NULL")[0].int("n")
            }
            #expect(answered == 1)
        }
    }

    @Test func theAuditPageNamesTheReturnInItalian() async throws {
        try await withWebApp { browser, database in
            try await submitE1(Browser(browser.client))
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            _ = try await postReturn(hr, csrf: csrf)
            let log = try await hr.get("/hr/registro?tabella=appraisal_returns").text
            #expect(log.contains("Schede restituite in bozza"))
            #expect(log.contains("restituita da: hr"))
            #expect(log.contains(HTML.escape(reason)))
        }
    }

    @Test(arguments: ["", "   \n  ", String(repeating: "x", count: AppraisalReturns.reasonLimit + 1)])
    func aBlankOrOverlongReasonShowsTheFormAgainAndWritesNothing(motivo: String) async throws {
        try await withWebApp { browser, database in
            try await submitE1(Browser(browser.client))
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let before = try Authorisation.Digest.of(database)
            let refused = try await postReturn(hr, csrf: csrf, motivo: motivo)
            #expect(refused.status == .unprocessableContent)
            let error = motivo.count > AppraisalReturns.reasonLimit ? "Il motivo è troppo lungo: al massimo 2.000 caratteri."
                : "Indichi il motivo della restituzione in bozza."
            #expect(refused.text.contains("<span class=\"field-error\" id=\"motivo-restituzione-errore\">\(error)</span>"))
            // The notice goes on after a colon, in lower case.
            #expect(refused.text.contains("La valutazione non è stata restituita: \(error.prefix(1).lowercased() + error.dropFirst())"))
            #expect(refused.text.contains("action=\"\(e1Return)\""))
            #expect(Authorisation.Digest.changed(before, try Authorisation.Digest.of(database)).isEmpty)
            #expect(try storedSubmissions(database) == ["E1:m1"])
        }
    }

    @Test func aDraftIsNotReturnedAndTheFormIsNotOffered() async throws {
        try await withWebApp { browser, database in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            #expect(!(try await hr.get("/hr/obiettivi/E1").text.contains("Restituisci in bozza</button>")))
            let refused = try await refusedReturn(hr, csrf: csrf, status: .conflict, in: database)
            #expect(refused.text.contains("La valutazione è già in bozza: non c&#39;è nulla da restituire."))
        }
    }

    /// The allocation page lists the drafts HR returned apart, with their reasons: allocating now pays the ratings HR
    /// found to be corrected. Once submitted again, they are drafts no more.
    @Test func theAllocationPageListsTheReturnedDraftsApart() async throws {
        try await withWebApp { browser, database in
            let m1 = Browser(browser.client)
            let m1csrf = try await submitE1(m1)
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            #expect(!(try await hr.get("/hr/ripartizione").text.contains("restituita in bozza dall")))
            #expect(try await postReturn(hr, csrf: csrf).status == .seeOther)
            let page = try await hr.get("/hr/ripartizione").text
            #expect(page.contains("<strong>1</strong> valutazione è stata restituita in bozza dall&#39;ufficio personale e non è "
                                  + "ancora tornata definitiva: ripartendo ora, è pagata come si trova ora.</p>"))
            #expect(page.contains("<a href=\"/hr/obiettivi/E1?anno=2024\">"))
            #expect(page.contains("da hr — motivo: \(HTML.escape(reason))"))
            let sent = try await m1.post("/valutazioni/E1", e1Form(csrf: m1csrf, versions: [2, 2], ratings: [("5", "A"), ("2", "B")])
                                             + [("azione", "invia")])
            #expect(sent.location == "/valutazioni/E1?inviato=1")
            #expect(!(try await hr.get("/hr/ripartizione").text.contains("restituita in bozza dall")))
        }
    }

    /// A return posted from a page that showed an earlier submission is refused, with nothing written: its reason was
    /// written about a version HR has not seen (the appraisal was returned and submitted again since).
    @Test func aReturnFromAPageShowingAnEarlierSubmissionIsRefused() async throws {
        try await withWebApp { browser, database in
            let m1 = Browser(browser.client)
            let m1csrf = try await submitE1(m1)
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let shown = try #require(Browser.field(AppraisalReturnRoutes.shownField, in: try await hr.get("/hr/obiettivi/E1")))
            #expect(try await postReturn(hr, csrf: csrf).status == .seeOther)
            let sent = try await m1.post("/valutazioni/E1", e1Form(csrf: m1csrf, versions: [2, 2], ratings: [("5", "A"), ("2", "B")])
                                             + [("azione", "invia")])
            #expect(sent.location == "/valutazioni/E1?inviato=1")
            let before = try Authorisation.Digest.of(database)
            let stale = try await hr.post(e1Return, [("csrf", csrf), ("motivo", reason), (AppraisalReturnRoutes.shownField, shown)])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains(HTML.escape(AppraisalReturnRoutes.message(.changedSinceShown, year: 2024, employee: "E1"))))
            #expect(Authorisation.Digest.changed(before, try Authorisation.Digest.of(database)).isEmpty)
            #expect(try storedSubmissions(database) == ["E1:m1"])
            #expect(try storedReturns(database).count == 1)
        }
    }

    /// `sipav serve --year` fixes HR's year: a return for another year is refused before anything is looked at.
    @Test func aServerFixedToAnotherYearRefusesTheReturn() async throws {
        try await withWebApp(year: PublishedYearFixture.year) { browser, database in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let refused = try await refusedReturn(hr, csrf: csrf, status: .badRequest, in: database)
            #expect(refused.text.contains("Questo servizio lavora solo sull&#39;anno \(PublishedYearFixture.year)"))
        }
    }

    /// The same return posted twice (a double click): the second finds the first done and answers as it did.
    @Test func theSameReturnPostedTwiceIsRecordedOnce() async throws {
        try await withWebApp { browser, database in
            try await submitE1(Browser(browser.client))
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let first = try await postReturn(hr, csrf: csrf)
            let second = try await postReturn(hr, csrf: csrf)
            #expect(first.location == "/hr/obiettivi/E1?anno=2024&restituita=2024")
            #expect(second.location == first.location)
            #expect(try storedReturns(database).count == 1)
            // Another reason is another request: the draft is refused.
            #expect(try await postReturn(hr, csrf: csrf, motivo: "Un altro motivo").status == .conflict)
            #expect(try storedReturns(database).count == 1)
        }
    }

    @Test func anAllocatedYearRefusesTheReturnAndNothingChanges() async throws {
        try await withWebApp { browser, database in
            try await submitE1(Browser(browser.client))
            try database.withConnection { try forceYearState($0, "allocated", year: WebFixture.year) }
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            #expect(!(try await hr.get("/hr/obiettivi/E1").text.contains("Restituisci in bozza</button>")))
            let refused = try await refusedReturn(hr, csrf: csrf, status: .conflict, in: database)
            #expect(refused.text.contains(HTML.escape(AppraisalReturnRoutes.message(.yearLocked, year: 2024, employee: "E1"))))
            #expect(refused.text.contains("L&#39;anno 2024 è chiuso (ripartito o pubblicato)"))
            #expect(!refused.text.contains("Restituisci in bozza</button>"))
            #expect(try storedSubmissions(database) == ["E1:m1"])
        }
    }

    /// The year lock of SQL/0006 holds the new table too: no return of a locked year, whoever writes it.
    @Test func theDatabaseRefusesAReturnInALockedYear() async throws {
        try await withWebApp { browser, database in
            try await submitE1(Browser(browser.client))
            try database.withConnection { try forceYearState($0, "allocated", year: WebFixture.year) }
            let error = try #require(throws: PostgresError.self) {
                try database.withConnection { db in
                    try db.execute("""
                        INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by)
                        VALUES ('ENTE', 2024, 'E1', 'Motivo', now(), 'm1')
                        """)
                }
            }
            #expect(error.sqlState == StoreError.yearLockedState)
        }
    }

    @Test func aYearInPlanningRefusesTheReturn() async throws {
        try await withWebApp { browser, database in
            try await submitE1(Browser(browser.client))
            try database.withConnection { try forceYearState($0, "planning", year: WebFixture.year) }
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            #expect(!(try await hr.get("/hr/obiettivi/E1").text.contains("Restituisci in bozza</button>")))
            let refused = try await refusedReturn(hr, csrf: csrf, status: .conflict, in: database)
            #expect(refused.text.contains("2024 è ancora in programmazione"))
        }
    }

    @Test(arguments: ["m1", "sg", "e1"])
    func onlyHRReturnsAnAppraisal(username: String) async throws {
        try await withWebApp { browser, database in
            try await submitE1(Browser(browser.client))
            try await HRPagesFixture.addEmployee(database)
            let (other, csrf) = try await HRPagesFixture.loggedIn(username, on: browser.client)
            let before = try Authorisation.Digest.of(database)
            #expect(try await postReturn(other, csrf: csrf).status == .forbidden)
            #expect(Authorisation.Digest.changed(before, try Authorisation.Digest.of(database)).isEmpty)
        }
    }

    /// A person not on staff is not found; a year the body does not have is refused as any HR form naming one is.
    @Test func anotherYearOrAPersonNotOnStaffIsRefused() async throws {
        try await withWebApp { browser, database in
            try await submitE1(Browser(browser.client))
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            #expect(try await postReturn(hr, csrf: csrf, path: "/hr/anni/2024/valutazioni/E9/bozza").status == .notFound)
            #expect(try await postReturn(hr, csrf: csrf, path: "/hr/anni/1999/valutazioni/E1/bozza").status == .badRequest)
            #expect(try await postReturn(hr, csrf: csrf, path: "/hr/anni/anno/valutazioni/E1/bozza").status == .notFound)
            #expect(try storedSubmissions(database) == ["E1:m1"])
        }
    }
}

/// A return and a manager's submission of the same person wait for each other on the person's `staff_years` row: a
/// return that comes while the submission is being written waits for it, then returns what was submitted (with no
/// lock it would read the appraisal as a draft, and refuse, while the submission went through).
@Suite("A return while the manager submits")
struct AppraisalReturnConcurrencyTests {
    @Test func theReturnWaitsForTheSubmissionInFlightAndReturnsIt() async throws {
        try await withWebApp { _, database in
            let submitting = try Connection.connect(database.conninfo)
            defer { submitting.close() }
            _ = try submitting.execute("BEGIN")
            _ = try submitting.execute("SELECT 1 FROM staff_years WHERE body_id = 'ENTE' AND year = 2024 AND employee_id = 'E1' FOR UPDATE")
            _ = try submitting.execute("INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_by) VALUES ('ENTE', 2024, 'E1', 'm1')")

            let returns = AppraisalReturns(store: try database.store(applicationName: "returner"), body: WebFixture.body,
                                           year: WebFixture.year)
            let returning = Task { try await returns.returnToDraft("E1", reason: reason, shown: nil, actor: "hr") }
            let watcher = try Connection.connect(database.conninfo)
            defer { watcher.close() }
            #expect(try await waitsForALock("returner", watcher: watcher) == true, "the return never waited for the submission")
            _ = try submitting.execute("COMMIT")

            #expect(try await returning.value)
            #expect(try storedSubmissions(database).isEmpty)
            #expect(try storedReturns(database) == ["E1 2024 hr m1 \(reason)"])
        }
    }

    /// A return whose transaction began before the manager's submission did (both waiting for the year's row an
    /// import holds) still returns it once the submission is committed: the return is stamped after the submission
    /// it returns, never refused by `appraisal_returns_after_submission`.
    @Test func aReturnBegunBeforeTheSubmissionItWaitsForReturnsIt() async throws {
        try await withWebApp { _, database in
            let watcher = try Connection.connect(database.conninfo)
            defer { watcher.close() }
            func returnerWaits(on table: String) async throws -> Bool? { try await waitsForALock("returner", on: table, watcher: watcher) }
            // The year's row held, as an import holds it.
            let importing = try Connection.connect(database.conninfo)
            defer { importing.close() }
            _ = try importing.execute("BEGIN")
            _ = try importing.execute("SELECT 1 FROM years WHERE body_id = 'ENTE' AND year = 2024 FOR UPDATE")

            let returns = AppraisalReturns(store: try database.store(applicationName: "returner"), body: WebFixture.body,
                                           year: WebFixture.year)
            let returning = Task { try await returns.returnToDraft("E1", reason: reason, shown: nil, actor: "hr") }
            #expect(try await returnerWaits(on: "years") == true, "the return never waited for the year")

            // The manager's transaction begins after the return's and takes the person's row first.
            let submitting = try Connection.connect(database.conninfo)
            defer { submitting.close() }
            _ = try submitting.execute("BEGIN")
            _ = try submitting.execute("SELECT 1 FROM staff_years WHERE body_id = 'ENTE' AND year = 2024 AND employee_id = 'E1' FOR UPDATE")
            _ = try importing.execute("COMMIT")
            #expect(try await returnerWaits(on: "staff_years") == true, "the return never waited for the submission")
            // Written once the import let the year go (its lock trigger reads the year's row).
            _ = try submitting.execute("INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_by) VALUES ('ENTE', 2024, 'E1', 'm1')")
            _ = try submitting.execute("COMMIT")

            #expect(try await returning.value)
            #expect(try storedSubmissions(database).isEmpty)
            #expect(try storedReturns(database) == ["E1 2024 hr m1 \(reason)"])
            let ordered = try database.withConnection { db in
                try db.execute("SELECT bool_and(submitted_at <= returned_at) AS ok FROM appraisal_returns")[0].string("ok")
            }
            #expect(ordered == "t")
        }
    }
}

/// What becomes of the employee's response to a returned appraisal: a year published, acknowledged or contested by the
/// employee, then reopened by HR to correct E1's appraisal.
@Suite("The employee's response to a returned appraisal")
struct AppraisalReturnResponseTests {
    /// 2023 published, then reopened (validated); E1's appraisal final again as m1 submitted it.
    private static func reopenedWithE1Final(_ database: TestDatabase) async throws {
        try await database.store().reopen(body: WebFixture.body, year: PublishedYearFixture.year, reason: "Correzione di E1", actor: "hr")
        try database.withConnection { db in
            _ = try db.execute("INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_by) VALUES ('ENTE', 2023, 'E1', 'm1')")
        }
    }

    /// 2023 published, E1's appraisal contested with `contest`, the year reopened with E1 final, and the contest
    /// decided "confirmed" (Verbale n. 4). E1 logged in.
    private static func contestedAndConfirmed(_ contest: String, _ browser: some TestClientProtocol,
                                              _ database: TestDatabase) async throws -> (Browser, String) {
        try await OwnAppraisalFixture.insert(into: database, published: true)
        let (e1, e1csrf) = try await HRPagesFixture.loggedIn("e1", on: browser)
        #expect(try await e1.respond("/la-mia-valutazione/contestazione", [("csrf", e1csrf), ("motivo", contest)]).status == .seeOther)
        try await reopenedWithE1Final(database)
        try await Contests(store: try database.store(), body: WebFixture.body)
            .record(.confirmed, of: "E1", year: PublishedYearFixture.year, reference: "Verbale n. 4", actor: "hr")
        return (e1, e1csrf)
    }

    private static let e1Return2023 = "/hr/anni/2023/valutazioni/E1/bozza"

    /// The response moved into the return's row: "response:response_reason:outcome".
    private static func movedResponses(_ database: TestDatabase) throws -> [String] {
        try database.withConnection { db in
            try db.execute("""
                SELECT coalesce(response, '-') || ':' || coalesce(response_reason, '') || ':' || coalesce(outcome, '') AS r
                FROM appraisal_returns ORDER BY return_id
                """).map { try $0.string("r") }
        }
    }

    @Test func anAcknowledgementMovesWithTheReturnAndTheEmployeeRespondsToTheNextPublication() async throws {
        try await withWebApp(year: PublishedYearFixture.year) { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            let (e1, e1csrf) = try await HRPagesFixture.loggedIn("e1", on: browser.client)
            #expect(try await e1.respond("/la-mia-valutazione/presa-visione", [("csrf", e1csrf)]).status == .seeOther)
            #expect(try OwnAppraisalFixture.responses(database) == ["E1:acknowledged:"])
            try await Self.reopenedWithE1Final(database)

            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            #expect(try await hr.get("/hr/obiettivi/E1").text.contains("action=\"\(Self.e1Return2023)\""))
            let done = try await postReturn(hr, csrf: csrf, path: Self.e1Return2023)
            #expect(done.location == "/hr/obiettivi/E1?anno=2023&restituita=2023")
            #expect(try OwnAppraisalFixture.responses(database).isEmpty)
            #expect(try Self.movedResponses(database) == ["acknowledged::"])
            #expect(try auditLines(database, of: "appraisal_responses") == ["INSERT e1", "DELETE hr"])

            // Not published: the employee's page shows no appraisal of the year as final.
            let unpublished = try await e1.get("/la-mia-valutazione")
            #expect(unpublished.text.contains(HTML.escape(OwnAppraisalRoutes.reopened(2023))))

            // Allocated and published again: the employee has not acknowledged this version, and is told of the earlier one.
            try await PublishedYearFixture.allocate(in: try database.store())
            try OwnAppraisalFixture.publish(database)
            let republished = try await e1.get("/la-mia-valutazione")
            #expect(republished.text.contains("Prendo visione</button>"))
            #expect(!republished.text.contains("Ha preso visione della valutazione il"))
            #expect(republished.text.contains("La presa visione del "))
            #expect(republished.text.contains("riguardava una versione precedente della valutazione, restituita in bozza"))
        }
    }

    /// A returned draft is paid with the ratings HR returned: the confirmation of the allocation asks for them apart,
    /// with their number, and counts both boxes again while it holds the year.
    @Test func theAllocationConfirmsTheReturnedDraftsApart() async throws {
        try await withWebApp(year: PublishedYearFixture.year) { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            try await Self.reopenedWithE1Final(database)
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let beforeReturn = try await hr.get("/hr/ripartizione")
            #expect(Browser.field("restituite", in: beforeReturn) == nil)
            #expect(try await postReturn(hr, csrf: csrf, path: Self.e1Return2023).status == .seeOther)

            let page = try await hr.get("/hr/ripartizione")
            #expect(page.text.contains("name=\"restituite\" value=\"1\" required"))
            #expect(page.text.contains("Ripartisco anche con <strong>1</strong> valutazione restituita in bozza "
                                       + "dall&#39;ufficio personale e non ancora tornata definitiva, come si trova ora."))
            let drafts = try #require(Browser.field("bozze", in: page))
            let digest = try #require(Browser.field("anteprima", in: page))
            #expect(Browser.field("anteprima", in: beforeReturn) == digest, "a return changes no rating")
            let confirmation = [("csrf", csrf), ("anno", "2023"), ("anteprima", digest)]
            let refusals: [([(String, String)], HTTPResponse.Status)] = [
                // The preview before the return: its drafts are no longer the drafts.
                (Browser.field("bozze", in: beforeReturn).map { [("bozze", $0)] } ?? [],
                 Browser.field("bozze", in: beforeReturn) == nil ? .unprocessableContent : .conflict),
                ([("bozze", drafts)], .unprocessableContent),
                ([], .unprocessableContent),
                ([("bozze", drafts), ("restituite", "2")], .conflict),
                ([("bozze", drafts), ("restituite", "0")], .conflict),
            ]
            for (boxes, status) in refusals {
                let before = try Authorisation.Digest.of(database)
                let refused = try await hr.post(AllocationRoutes.path, confirmation + boxes)
                #expect(refused.status == status, "\(boxes)")
                #expect(Authorisation.Digest.changed(before, try Authorisation.Digest.of(database)).isEmpty, "\(boxes)")
                if boxes.count == 1 && boxes[0].1 == drafts {
                    // The box missing is named; the one ticked stays ticked.
                    #expect(refused.text.contains("aria-invalid=\"true\" aria-describedby=\"restituite-errore\""))
                    #expect(refused.text.contains("Spunti la casella per ripartire con le valutazioni restituite in bozza."))
                    #expect(refused.text.contains("name=\"bozze\" value=\"\(drafts)\" required checked>"))
                    #expect(!refused.text.contains("bozze-errore"))
                }
                if boxes.isEmpty {
                    #expect(refused.text.contains("aria-describedby=\"bozze-errore\""))
                    #expect(refused.text.contains("aria-describedby=\"restituite-errore\""))
                    #expect(refused.text.contains("lo confermi spuntando le due caselle."))
                }
            }
            let confirmed = try await hr.post(AllocationRoutes.path, confirmation + [("bozze", drafts), ("restituite", "1")])
            #expect(confirmed.location == "/hr/ripartizione?anno=2023&esito=confermata")
            #expect(try database.withConnection { try $0.execute("SELECT state FROM years WHERE year = 2023")[0].string("state") } == "allocated")
            // The record of the allocation says how many appraisals it paid that were not final (SQL/0035).
            let recorded = try database.withConnection { db in
                try db.execute("""
                    SELECT drafts_paid::text || ' ' || returned_drafts_paid::text AS n FROM allocation_runs WHERE year = 2023
                    ORDER BY run_id DESC LIMIT 1
                    """)[0].string("n")
            }
            #expect(recorded == "\(drafts) 1")
            // The return's pages now say how the appraisal was paid, not that the manager must submit it.
            let closed = "— motivo: \(HTML.escape(reason))<br>Non è tornata definitiva prima della ripartizione: è stata ripartita con le valutazioni come si trovavano allora."
            let person = try await hr.get("/hr/obiettivi/E1").text
            #expect(person.contains(closed))
            #expect(!person.contains("Il valutatore deve inviarla di nuovo"))
            let (m1, _) = try await HRPagesFixture.loggedIn("m1", on: browser.client)
            #expect(try await m1.get("/valutazioni/E1").text.contains(closed))
        }
    }

    /// The confirmation counts the drafts and the returned ones once the allocation holds the year: a return in flight
    /// when HR confirms is waited for and counted, and the numbers the preview showed are refused. Counted before the
    /// year was held, they were those of the preview, and the return was allocated without HR confirming it.
    @Test func theConfirmationCountsTheDraftsOnceItHoldsTheYear() async throws {
        try await withWebApp(year: PublishedYearFixture.year) { _, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            try await Self.reopenedWithE1Final(database)
            let previewed = try database.withConnection { try AllocationDrafts.read($0, body: WebFixture.body, year: 2023) }
            #expect(previewed.returned == 0)
            // A return in flight: the year shared, as a return shares it, E1's submission deleted and the return written.
            let returning = try Connection.connect(database.conninfo)
            defer { returning.close() }
            _ = try returning.execute("BEGIN")
            _ = try returning.execute("SELECT 1 FROM years WHERE body_id = 'ENTE' AND year = 2023 FOR SHARE")
            _ = try returning.execute("""
                WITH submission AS (
                    DELETE FROM appraisal_submissions WHERE body_id = 'ENTE' AND year = 2023 AND employee_id = 'E1' RETURNING *
                )
                INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by)
                SELECT body_id, year, employee_id, 'Correzione', submitted_at, submitted_by FROM submission
                """)

            let store = try database.store(applicationName: "allocator")
            let ticked = String(previewed.drafts)
            let allocating = Task {
                try await store.allocate(body: WebFixture.body, year: 2023, actor: "hr", checkingFirst: { db in
                    if let refusal = try AllocationDrafts.read(db, body: WebFixture.body, year: 2023).refusal(drafts: ticked, returned: nil) {
                        throw refusal
                    }
                }) { _ -> (YearOutcome, Void) in throw ReturnRefusal.unknown }
            }
            let watcher = try Connection.connect(database.conninfo)
            defer { watcher.close() }
            #expect(try await waitsForALock("allocator", watcher: watcher) == true, "the allocation never waited for the return")
            _ = try returning.execute("COMMIT")
            await #expect(throws: AllocationDrafts.Refusal.changed) { _ = try await allocating.value }
            #expect(try database.withConnection { try $0.execute("SELECT state FROM years WHERE year = 2023")[0].string("state") } == "validated")
        }
    }

    /// HR's change of E1's objectives in the reopened year withdraws the submission, recorded as a return with the
    /// change as its reason: the acknowledgement of the withdrawn version moves with it, as with HR's own return.
    @Test func aWithdrawalOnTheWebMovesTheAcknowledgementToo() async throws {
        try await withWebApp(year: PublishedYearFixture.year) { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            let (e1, e1csrf) = try await HRPagesFixture.loggedIn("e1", on: browser.client)
            #expect(try await e1.respond("/la-mia-valutazione/presa-visione", [("csrf", e1csrf)]).status == .seeOther)
            try await Self.reopenedWithE1Final(database)
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let form = try await hr.get("/hr/obiettivi/E1")
            // E1's one objective (OB1, 100 %) with a new title: a change of the submitted appraisal.
            let saved = try await hr.post("/hr/obiettivi/E1", [
                ("csrf", csrf), ("anno", "2023"), ("versione", try #require(Browser.field("versione", in: form))), ("rows", "1"),
                ("code_0", "OB1"), ("title_0", "Obiettivo rivisto"), ("weight_0", "100")])
            #expect(saved.location == "/hr/obiettivi/E1?anno=2023&salvato=1&bozza=E1")
            #expect(try OwnAppraisalFixture.responses(database).isEmpty)
            #expect(try Self.movedResponses(database) == ["acknowledged::"])
            #expect(try storedReturns(database) == ["E1 2023 hr m1 \(SubmissionChange.changedOnTheWeb)"])
        }
    }

    @Test func aDecidedContestMovesWithTheReturnWordForWord() async throws {
        try await withWebApp(year: PublishedYearFixture.year) { browser, database in
            let contest = "Il punteggio non tiene conto dei mesi di assenza del dirigente."
            _ = try await Self.contestedAndConfirmed(contest, browser.client, database)

            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            #expect(try await postReturn(hr, csrf: csrf, path: Self.e1Return2023).status == .seeOther)
            #expect(try OwnAppraisalFixture.responses(database).isEmpty)
            #expect(try Self.movedResponses(database) == ["contested:\(contest):confirmed"])
        }
    }

    /// Ratings the conciliation procedure changed are an act's outcome: back with the manager they could be rated over
    /// without a trace. The return is refused, with the act named, and nothing written.
    @Test func ratingsChangedByConciliationAreNotReturned() async throws {
        try await withWebApp(year: PublishedYearFixture.year) { browser, database in
            _ = try await Self.contestedAndConfirmed("Non condivido", browser.client, database)
            // As if decided "changed": the outcome is what the refusal reads.
            try database.withConnection { db in
                _ = try db.execute("UPDATE appraisal_responses SET outcome = 'changed' WHERE employee_id = 'E1'")
            }
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let refused = try await refusedReturn(hr, csrf: csrf, path: Self.e1Return2023, status: .conflict, in: database)
            #expect(refused.text.contains("sono l&#39;esito della procedura di conciliazione (Verbale n. 4)"))
            // HR's page of the person says so, and offers no return that would be refused.
            let page = try await hr.get("/hr/obiettivi/E1?anno=\(PublishedYearFixture.year)")
            #expect(page.text.contains("esito della procedura di conciliazione (Verbale n. 4, registrato il"), "\(page.text)")
            #expect(!page.text.contains("Restituisci in bozza"))
        }
    }

    /// A decided contest moved with a return stays on HR's list of contests, word for word with its outcome, marked as
    /// concerning the returned version, beside the employee's contest of the version published next.
    @Test func aDecidedContestOfAReturnedVersionStaysOnHRsList() async throws {
        try await withWebApp(year: PublishedYearFixture.year) { browser, database in
            let contest = "Il punteggio non tiene conto dei mesi di assenza del dirigente."
            let (e1, e1csrf) = try await Self.contestedAndConfirmed(contest, browser.client, database)
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            #expect(try await postReturn(hr, csrf: csrf, path: Self.e1Return2023).status == .seeOther)

            let list = try await hr.get("/hr/contestazioni").text
            #expect(!list.contains("Nessuna contestazione."))
            #expect(list.contains("<td class=\"reason\">\(contest)</td>"))
            #expect(list.contains("valutazione confermata (Verbale n. 4, "))
            #expect(list.contains("su una versione restituita in bozza il \(try today(database))"))
            #expect(list.contains("<a href=\"/hr/obiettivi/E1?anno=2023\">"))

            // Published again, contested again: both contests are listed, the open one first with its own page.
            try await PublishedYearFixture.allocate(in: try database.store())
            try OwnAppraisalFixture.publish(database)
            let again = "Resta il problema dei mesi di assenza."
            #expect(try await e1.respond("/la-mia-valutazione/contestazione", [("csrf", e1csrf), ("motivo", again)]).status == .seeOther)
            let both = try await hr.get("/hr/contestazioni").text
            let open = try #require(both.range(of: "<td class=\"reason\">\(again)</td>"))
            let earlier = try #require(both.range(of: "<td class=\"reason\">\(contest)</td>"))
            #expect(open.lowerBound < earlier.lowerBound)
            #expect(both.contains("<a href=\"/hr/contestazioni/E1?anno=2023\">"))
            #expect(try await Contests(store: try database.store(), body: WebFixture.body).openCount() == 1)
        }
    }

    /// An open contest waits for its outcome: the return is refused, and the contest stays on HR's list.
    @Test func anOpenContestRefusesTheReturn() async throws {
        try await withWebApp(year: PublishedYearFixture.year) { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            let (e1, e1csrf) = try await HRPagesFixture.loggedIn("e1", on: browser.client)
            #expect(try await e1.respond("/la-mia-valutazione/contestazione", [("csrf", e1csrf), ("motivo", "Non condivido")]).status == .seeOther)
            try await Self.reopenedWithE1Final(database)

            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let refused = try await refusedReturn(hr, csrf: csrf, path: Self.e1Return2023, status: .conflict, in: database)
            #expect(refused.text.contains("la contestazione attende l&#39;esito"))
            #expect(refused.text.contains("/hr/contestazioni/E1?anno=2023"))
            #expect(try OwnAppraisalFixture.responses(database) == ["E1:contested:Non condivido"])
        }
    }

    /// The database keeps an open contest out of a return's row, whoever writes it.
    @Test func theDatabaseRefusesAnOpenContestInAReturn() async throws {
        try await withWebApp { _, database in
            let error = try #require(throws: PostgresError.self) {
                try database.withConnection { db in
                    try db.execute("""
                        INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by,
                                                       response, response_reason, responded_at)
                        VALUES ('ENTE', 2024, 'E1', 'Motivo', now(), 'm1', 'contested', 'Non condivido', now())
                        """)
                }
            }
            #expect(error.constraint == "appraisal_returns_contest_decided")
        }
    }
}
