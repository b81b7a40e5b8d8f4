import SIPAVTestSupport
import HummingbirdTesting
import SIPAV
import SIPAVReports
import Testing
@testable import SIPAVWeb

/// The body of the table captioned `caption`: from its caption to its end.
func table(captioned caption: String, in html: String) throws -> String {
    let start = try #require(html.range(of: "<caption>\(caption)</caption>"), "\(caption)")
    let end = try #require(html.range(of: "</table>", range: start.upperBound..<html.endIndex))
    return String(html[start.upperBound..<end.lowerBound])
}

/// A row of the page's figures tables: its heading, then its values, each right-aligned.
func figuresRow(_ head: String, _ values: [String]) -> String {
    "<tr><th scope=\"row\">\(head)</th>" + values.map { "<td class=\"num\">\($0)</td>" }.joined() + "</tr>"
}

/// The statistics of `sipav db report statistics` on the public page: the bonuses per band and per score, the
/// degree of differentiation, other staff per Area and per category, for the fixture's published year.
@Suite("The transparency page's statistics")
struct TransparencyFiguresTests {
    /// Each person of one fund, as listed in the fixture: their final score and the amount allocated to them
    /// (0 for one without a row in the fund), allocated here from the stored year.
    static func amounts(managers: Bool, in database: TestDatabase) async throws -> [(score: Int?, cents: Int64)] {
        let year = try await database.store().loadYear(body: WebFixture.body, year: PublishedYearFixture.year)
        let allocation = try PublishedYearFixture.outcome(of: year).allocation
        // The stored staff list has its own order: each person is found by id.
        return PublishedYearFixture.people.filter { ($0.1 == .dipendente) != managers }.map { person in
            let index = year.records.staff.firstIndex { $0.id == person.0 }
            return (person.4, allocation.fund(person.1.fund).people.first { $0.person == index }?.cents ?? 0)
        }
    }

    /// Count, total, mean, minimum and maximum of `cents`, in Italian form; "—" where there is no amount.
    static func bonusFigures(_ cents: [Int64]) -> [String] {
        let total = cents.reduce(0, +)
        guard let low = cents.min(), let high = cents.max() else { return ["0", "0,00 €", "—", "—", "—"] }
        return [String(cents.count), ItalianNumbers.euros(cents: total),
                ItalianNumbers.euros(exactCents: Ratio(Int(total), cents.count), digits: 2),
                ItalianNumbers.euros(cents: low), ItalianNumbers.euros(cents: high)]
    }

    /// Gini index by its definition, the mean absolute difference over twice the mean: Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n Σ x).
    static func gini(_ cents: [Int64]) -> String {
        let differences = cents.reduce(0) { sum, x in sum + cents.reduce(0) { $0 + Int(abs(x - $1)) } }
        return ItalianNumbers.number(Ratio(differences, 2 * cents.count * Int(cents.reduce(0, +))), digits: 3)
    }

    @Test(arguments: [(true, "Dirigenti"), (false, "Personale non dirigente")])
    func theBonusesPerBandAndPerScore(managers: Bool, name: String) async throws {
        // Every class published, small as they are (TransparencyPrivacyTests: what the default withholds).
        try await withWebApp(yearSettings: settingsFileReader) { browser, database in
            try await insertPublished(database, settingsText: everyGroupPublished)
            let html = try await browser.get("/trasparenza").text
            let rows = try table(captioned: "\(name): premi 2023 per fascia e per punteggio", in: html)
            #expect(rows.contains("<th scope=\"col\">Classe</th><th scope=\"col\" class=\"num\">Persone</th>"))
            let people = try await Self.amounts(managers: managers, in: database)
            // The default bands: 5…6 ALTA, 2…4 MEDIA, 0…1 and not assessable BASSA.
            let bandOfScore = ["BASSA", "BASSA", "MEDIA", "MEDIA", "MEDIA", "ALTA", "ALTA"]
            let classes: [(String, (Int?) -> Bool)] =
                ["ALTA", "MEDIA", "BASSA"].map { band in ("Fascia \(band)", { ($0.map { bandOfScore[$0] } ?? "BASSA") == band }) }
                + (0...6).reversed().map { (score: Int) in ("Punteggio \(score)", { $0 == score }) }
                + [("Non valutabili", { $0 == nil })]
            for (title, member) in classes {
                let expected = figuresRow(title, Self.bonusFigures(people.filter { member($0.score) }.map(\.cents)))
                #expect(rows.contains(expected), "\(expected)")
            }
            #expect(rows.matches(of: /<tr>/).count == classes.count + 1, "the heading and a row per class")
        }
    }

    @Test func theFiguresAreNonZeroWhereSomeoneIsPaid() async throws {
        try await withWebApp { _, database in
            try await insertPublished(database)
            // The check above would pass on an allocation paying nobody: the fixture pays the top scores.
            let staff = try await Self.amounts(managers: false, in: database)
            #expect(staff.first { $0.score == 6 }!.cents > 0)
        }
    }

    @Test func theDegreeOfDifferentiation() async throws {
        try await withWebApp { browser, database in
            try await insertPublished(database)
            let html = try await browser.get("/trasparenza").text
            #expect(html.contains("<h2>Grado di differenziazione</h2>"))
            let rows = try table(captioned: "Grado di differenziazione 2023: punteggi (media, mediana, deviazione standard) "
                                     + "e premi (indice di Gini)", in: html)
            let managers = try await Self.amounts(managers: true, in: database)
            let staff = try await Self.amounts(managers: false, in: database)
            // Scores over the assessable only, worked out by hand from the fixture:
            // managers 6, 5, 5: mean 16/3, median 5, σ² = (4/9 + 1/9 + 1/9)/3 = 2/9;
            // other staff 6, 4, 4, 4, 2, 0 (E6 not assessable): mean 10/3, median 4, σ² = (192/9)/6;
            // everyone, the nine assessable: mean 4, median 4, σ² = 30/9.
            let expected = [
                ("Tutto il personale", ["10", "1", "4,00", "4,0", "1,83", Self.gini((managers + staff).map(\.cents))]),
                ("Dirigenti", ["3", "0", "5,33", "5,0", "0,47", Self.gini(managers.map(\.cents))]),
                ("Personale non dirigente", ["7", "1", "3,33", "4,0", "1,89", Self.gini(staff.map(\.cents))]),
            ]
            for (group, values) in expected {
                let prefix = String(figuresRow(group, values).dropLast("</tr>".count))
                #expect(rows.contains(prefix), "\(prefix)")
            }
            let paid = ItalianNumbers.euros(cents: staff.map(\.cents).reduce(0, +))
            #expect(rows.contains(paid), "paid to other staff: \(paid)")
        }
    }

    @Test func otherStaffPerAreaAndPerCategory() async throws {
        try await withWebApp(yearSettings: settingsFileReader) { browser, database in
            try await insertPublished(database, settingsText: everyGroupPublished)
            let html = try await browser.get("/trasparenza").text
            #expect(html.contains("<h2>Personale non dirigente per Area</h2>"))
            #expect(html.contains("<h2>Personale non dirigente per categoria</h2>"))
            let staff = PublishedYearFixture.people.filter { $0.1 == .dipendente }
            let byArea = try table(captioned: "Personale non dirigente per Area 2023: percentuale per punteggio finale", in: html)
            #expect(byArea.contains(scoreLabels.map { "<th scope=\"col\" class=\"num\">\($0)</th>" }.joined()))
            for (index, area) in ["Area Uno", "Area Due"].enumerated() {
                let scores = staff.filter { $0.3 == index }.map(\.4)
                let percents = scoreLabels.map { label in
                    italianPercent(scores.filter { $0.map(String.init) ?? "n.v." == label }.count, of: scores.count)
                }
                #expect(byArea.contains(figuresRow("Non dirigenti – \(area)", percents)), "\(area): \(percents)")
            }
            // Category C: E1 (6), E2 (4), E6 (not assessable): mean and median 5, σ 1.
            let byCategory = try table(captioned: "Personale non dirigente per categoria 2023: sintesi e grado di differenziazione",
                                       in: html)
            #expect(byCategory.contains(String(figuresRow("Non dirigenti – categoria C", ["3", "1", "5,00", "5,0", "1,00"])
                .dropLast("</tr>".count))))
            for category in ["B", "C", "D"] {
                #expect(byCategory.contains("<th scope=\"row\">Non dirigenti – categoria \(category)</th>"))
            }
            _ = try table(captioned: "Personale non dirigente per Area 2023: sintesi e grado di differenziazione", in: html)
            _ = try table(captioned: "Personale non dirigente per categoria 2023: percentuale per punteggio finale", in: html)
        }
    }

    /// Every row of the report's bonus and summary tables is on the page, cell for cell as the text report prints it.
    @Test func everyRowOfTheStatisticsReportIsOnThePage() async throws {
        try await withWebApp { browser, database in
            try await insertPublished(database)
            let html = try await browser.get("/trasparenza").text
            let year = try await database.store().loadYear(body: WebFixture.body, year: PublishedYearFixture.year)
            let outcome = try PublishedYearFixture.outcome(of: year)
            let input = AllocationInput(records: year.records, scores: outcome.scores,
                                        organisation: try year.plan.results(settings: Settings().organisation), fund: year.fund)
            let report = StatisticsReport.build(plan: year.plan, statistics: input.statistics(outcome.allocation, areas: year.plan.areas))
            for (key, heading) in [("bonus", 1), ("summary", 0)] {
                let rows = try #require(report.tables.first { $0.key == key }).rows
                #expect(!rows.isEmpty)
                for cells in rows {
                    let shown = cells.dropFirst(heading).map { $0.italianText() }
                    let row = figuresRow(shown[0], Array(shown.dropFirst()))
                    #expect(html.contains(row), "\(key): \(row)")
                }
            }
            // Every table in a scrolling box: the scores of each chart's two groups, the bands, the funds, two of bonuses,
            // the differentiation, two per breakdown.
            #expect(html.matches(of: /<div class="table-scroll" role="region" tabindex="0"/).count == 11)
        }
    }
}
