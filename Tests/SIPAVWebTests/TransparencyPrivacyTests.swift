import SIPAVTestSupport
import HummingbirdTesting
import SIPAV
import SIPAVFiles
import SIPAVReports
import SIPAVStore
import Testing
@testable import SIPAVWeb

/// The year's settings read as `sipav serve` reads them.
let settingsFileReader: @Sendable (String) throws -> Settings = { try SettingsFile.parse(text: $0, file: "settings.yaml") }

/// The stored settings under which every group is published, whatever its size: for the tests that check every
/// figure of the fixture's small groups against the fixture.
let everyGroupPublished = "statistics:\n  minimum_group_size: 1\n"

/// Settings `statistics.minimum_group_size` on the public page: the fixture's category B has one person, Area Uno
/// four, the managers three; their bonus classes one or two people each.
@Suite("The transparency page publishes no one's own figures")
struct TransparencyPrivacyTests {
    static let withheldFew = "non pubblicato (meno di 3 persone)"
    static let withheldDerivable = "non pubblicato (ricavabile per differenza)"

    @Test func aCategoryOfOnePersonShowsOnlyItsHeadCount() async throws {
        try await withWebApp { browser, database in
            try await insertPublished(database)
            let html = try await browser.get("/trasparenza").text
            let summary = try table(captioned: "Personale non dirigente per categoria 2023: sintesi e grado di differenziazione", in: html)
            // B: E5 alone. Its row: the head count, then nothing of its score or pay.
            let withheld = Array(repeating: Self.withheldFew, count: 8)
            #expect(summary.contains(figuresRow("Non dirigenti – categoria B", ["1"] + withheld)), "\(summary)")
            // C (3 people) would give B back as the other staff minus C and D: the smaller of C and D (C, first) goes too.
            let derivable = Array(repeating: Self.withheldDerivable, count: 8)
            #expect(summary.contains(figuresRow("Non dirigenti – categoria C", ["3"] + derivable)), "\(summary)")
            // D: E3 4, E4 4, E7 0: published.
            #expect(summary.contains(String(figuresRow("Non dirigenti – categoria D", ["3", "0", "2,67", "4,0"]).dropLast("</tr>".count))))
            let scores = try table(captioned: "Personale non dirigente per categoria 2023: percentuale per punteggio finale", in: html)
            #expect(scores.contains(figuresRow("Non dirigenti – categoria B", Array(repeating: Self.withheldFew, count: 8))))
        }
    }

    @Test func aBonusClassOfOneOrTwoPeopleShowsNoAmount() async throws {
        try await withWebApp { browser, database in
            try await insertPublished(database)
            let html = try await browser.get("/trasparenza").text
            let managers = try table(captioned: "Dirigenti: premi 2023 per fascia e per punteggio", in: html)
            // S1 scored 6 alone; M1 and M2 scored 5: the count, and no amount.
            #expect(managers.contains(figuresRow("Punteggio 6", ["1"] + Array(repeating: Self.withheldFew, count: 4))), "\(managers)")
            #expect(managers.contains(figuresRow("Punteggio 5", ["2"] + Array(repeating: Self.withheldFew, count: 4))), "\(managers)")
            for (id, _, _, _, _) in PublishedYearFixture.people {
                let cents = try await OwnAppraisalFixture.expectedCents(of: id, in: database) ?? 0
                if cents > 0 { #expect(!managers.contains(">\(ItalianNumbers.euros(cents: cents))<"), "\(id)'s own amount") }
            }
        }
    }

    @Test func theYearsOwnMinimumIsRead() async throws {
        try await withWebApp(yearSettings: settingsFileReader) { browser, database in
            try await insertPublished(database, settingsText: "statistics:\n  minimum_group_size: 4\n")
            let html = try await browser.get("/trasparenza").text
            // The managers are three: their chart shows only the head count; Area Uno (4) stays published.
            #expect(html.contains("3 persone; punteggi e percentuali: non pubblicato (meno di 4 persone)."))
            #expect(!html.contains("grafico-dirigenti-title"))
            let byArea = try table(captioned: "Personale non dirigente per Area 2023: sintesi e grado di differenziazione", in: html)
            #expect(byArea.contains("non pubblicato (meno di 4 persone)"))   // Area Due: 3 people
            #expect(!html.contains("non pubblicato (meno di 3 persone)"))
        }
    }

    /// The fixture's year again as `year` (2022 unless said), with E2 at 6 rather than 4, published before 2023.
    static func insertEarlierYear(_ database: TestDatabase, year: Int = 2022) async throws {
        let later = try PublishedYearFixture.records()
        let plan = OrganisationalPlan(body: later.plan.body, year: year, strategicLines: later.plan.strategicLines,
                                      areas: later.plan.areas, objectives: later.plan.objectives)
        let ratings = PublishedYearFixture.people.enumerated().compactMap { index, person in
            person.4.map { IndividualObjective(person: index, code: "OB1", weightBasisPoints: 10_000, cosa: person.0 == "E2" ? 6 : $0, come: .a) }
        }
        let fund = Fund(year: year, lines: later.fund.lines, giunta: later.fund.giunta, oiv: later.fund.oiv)
        let earlier = YearRecords(body: later.body, plan: plan, records: StaffRecords(staff: later.records.staff, objectives: ratings),
                                  fund: fund, settingsYAML: nil)
        let store = try database.store()
        try await store.importYear(earlier, actor: "test", progress: nil)
        let stored = try await store.loadYear(body: WebFixture.body, year: year)
        try await store.saveOutcome(try PublishedYearFixture.outcome(of: stored), of: stored, actor: "test")
        try database.withConnection { db in
            try db.execute("UPDATE years SET state = 'published' WHERE body_id = $1 AND year = $2", [WebFixture.body, year])
        }
    }

    /// A published year taken back for review (and, with `again`, published again), as the reopening on the web does.
    static func reopen(_ year: Int, again: Bool, _ database: TestDatabase) throws {
        try database.withConnection { db in
            try db.execute("SET session_replication_role = replica")
            try db.execute("UPDATE years SET state = 'validated' WHERE body_id = $1 AND year = $2", [WebFixture.body, year])
            try db.execute("""
                INSERT INTO year_reopenings (body_id, year, from_state, to_state, reason) VALUES ($1, $2, 'published', 'validated', 'Conciliazione')
                """, [WebFixture.body, year])
            // The trigger that stamps the row is off here: the stamp is set as it would.
            if again {
                try db.execute("UPDATE years SET state = 'published', updated_at = clock_timestamp() WHERE body_id = $1 AND year = $2",
                               [WebFixture.body, year])
            }
            try db.execute("SET session_replication_role = DEFAULT")
        }
    }

    /// A year published again after a review says its figures replace the first ones; a later year's comparison with
    /// it says the figures it shows were revised after its own publication.
    @Test func aRevisedYearSaysSoAndSoDoesTheComparisonWithIt() async throws {
        try await withWebApp { browser, database in
            try await Self.insertEarlierYear(database)
            try await insertPublished(database)
            let before = try await browser.get("/trasparenza").text
            #expect(!before.contains("rivisti") && !before.contains("Sostituiscono"), "nothing revised yet")
            try Self.reopen(2022, again: true, database)
            let earlier = try await browser.get("/trasparenza?anno=2022").text
            #expect(earlier.contains("Sostituiscono quelli pubblicati in\nprecedenza: l'anno è stato riaperto per una revisione il"),
                    "\(earlier)")
            let later = try await browser.get("/trasparenza").text
            #expect(later.contains("I dati del 2022 sono stati rivisti (riaperti il ")
                    && later.contains("dopo la pubblicazione di quelli del 2023: il confronto mostra le cifre del 2022 pubblicate di nuovo."),
                    "\(later)")
        }
    }

    /// A year between under review is skipped by the comparison, which says so.
    @Test func aComparisonSkippingAYearUnderReviewSaysSo() async throws {
        try await withWebApp { browser, database in
            try await Self.insertEarlierYear(database, year: 2021)
            try await Self.insertEarlierYear(database)
            try await insertPublished(database)
            try Self.reopen(2022, again: false, database)
            let page = try await browser.get("/trasparenza").text
            #expect(page.contains("Differenziazione delle valutazioni 2021"), "compared with 2021")
            #expect(page.contains("L&#39;anno 2022 è in revisione: il confronto è con l&#39;ultimo anno pubblicato, il 2021."), "\(page)")
            // The heading names the year compared with, not "the year before", which it is not.
            #expect(page.contains("Confronto con il 2021") && !page.contains("Confronto con l&#39;anno precedente"), "\(page)")
        }
    }

    @Test func theLatestEarlierPublishedYearIsComparedWith() async throws {
        try await withWebApp { browser, database in
            try await insertPublished(database)
            try await Self.insertEarlierYear(database)
            let html = try await browser.get("/trasparenza").text
            let comparison = try table(captioned: "Confronto con l&#39;anno precedente: Differenziazione delle valutazioni 2022 – "
                                           + "Camera &lt;b&gt;di&lt;/b&gt; &quot;prova&quot; &amp; Co.", in: html)
            // Other staff at 6: 1 of 7 (14,3 %) in 2023, 2 of 7 (28,6 %) in 2022: −14,3 points.
            let sixes = "<tr><th scope=\"row\">Personale non dirigente</th><td>% punteggio 6</td>"
                + ["14,3", "28,6", "-14,3"].map { "<td class=\"num\">\($0)</td>" }.joined() + "</tr>"
            #expect(comparison.contains(sixes), "\(comparison)")
            #expect(comparison.contains("% fascia ALTA"))
            // 2022's own page has no earlier year to compare with.
            let earlier = try await browser.get("/trasparenza?anno=2022").text
            #expect(!earlier.contains("Confronto con l&#39;anno precedente"))
        }
    }
}
