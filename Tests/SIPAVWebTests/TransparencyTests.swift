import SIPAVTestSupport
import HummingbirdTesting
import SIPAV
import Testing

/// `count` of `total` as the page prints it: a percentage of one decimal, rounded half up, in Italian form.
func italianPercent(_ count: Int, of total: Int) -> String {
    let tenths = (count * 2_000 + total) / (2 * total)
    return "\(tenths / 10),\(tenths % 10) %"
}

/// The fixture's year allocated and published (as HR publishes it): the public page shows it from then on.
func insertPublished(_ database: TestDatabase, settingsText: String? = nil, settings: Settings = Settings()) async throws {
    try await PublishedYearFixture.insertAllocated(into: try database.store(), settingsText: settingsText, settings: settings)
    try OwnAppraisalFixture.publish(database)
}

/// The labels of the chart's bars, in order: 6…0, then not assessable.
let scoreLabels = (0...6).reversed().map(String.init) + ["n.v."]

/// The expected percentage at each bar of one group, counted from the fixture.
func expectedPercents(managers: Bool) -> [String] {
    let scores = PublishedYearFixture.scores(managers: managers)
    let counts = (0...6).reversed().map { score in scores.filter { $0 == score }.count } + [scores.filter { $0 == nil }.count]
    return counts.map { italianPercent($0, of: scores.count) }
}

/// The text of the `<svg>` of the chart `id`.
func chart(_ id: String, in html: String) throws -> String {
    let start = try #require(html.range(of: "aria-labelledby=\"grafico-\(id)-title"))
    let end = try #require(html.range(of: "</svg>", range: start.upperBound..<html.endIndex))
    return String(html[start.lowerBound..<end.lowerBound])
}

@Suite("The public transparency page")
struct TransparencyTests {
    @Test func rendersTheLatestPublishedYearWithoutLoginAndSetsNoCookie() async throws {
        try await withWebApp { browser, database in
            try await insertPublished(database)
            let page = try await browser.get("/trasparenza")
            #expect(page.status == .ok)
            #expect(page.text.contains("Trasparenza: valutazioni e premi 2023"))
            #expect(page.headers[values: .setCookie].isEmpty)
            #expect(browser.setCookieHeaders.isEmpty)
            let byYear = try await browser.get("/trasparenza?anno=2023")
            #expect(byYear.status == .ok)
        }
    }

    @Test(arguments: [(true, "dirigenti"), (false, "non-dirigenti")])
    func theChartShowsTheShareOfPeopleAtEachScore(managers: Bool, id: String) async throws {
        try await withWebApp { browser, database in
            try await insertPublished(database)
            let html = try await browser.get("/trasparenza").text
            let svg = try chart(id, in: html)
            #expect(html.contains("<svg role=\"img\" aria-labelledby=\"grafico-\(id)-title grafico-\(id)-desc\""))
            #expect(svg.contains("<title id=\"grafico-\(id)-title\">"))
            #expect(svg.contains("<desc id=\"grafico-\(id)-desc\">"))
            let labels = svg.matches(of: /<text class="value"[^>]*>([^<]*)<\/text>/).map { String($0.1) }
            let expected = expectedPercents(managers: managers)
            #expect(labels == expected)
            // The same figures in the table under the chart, row by row.
            for (label, percent) in zip(scoreLabels, expected) {
                #expect(html.contains("<th scope=\"row\">\(label)</th><td class=\"num\">"), "\(label)")
                #expect(html.contains("</td><td class=\"num\">\(percent)</td></tr>"), "\(label) \(percent)")
            }
        }
    }

    @Test func theFiguresMatchTheFixture() async throws {
        try await withWebApp { browser, database in
            try await insertPublished(database)
            let html = try await browser.get("/trasparenza").text
            // Non-dirigenti: 6 → 14,3 %, 4 → 42,9 %; dirigenti: 6 → 33,3 %, 5 → 66,7 %.
            #expect(expectedPercents(managers: false).prefix(3) == ["14,3 %", "0,0 %", "42,9 %"])
            #expect(expectedPercents(managers: true).prefix(2) == ["33,3 %", "66,7 %"])
            // Bands of the other staff, with the default bands: 5…6 ALTA, 2…4 MEDIA, 0…1 and n.v. BASSA.
            let staff = PublishedYearFixture.scores(managers: false)
            let bandOfScore = ["BASSA", "BASSA", "MEDIA", "MEDIA", "MEDIA", "ALTA", "ALTA"]
            let bands = staff.map { $0.map { bandOfScore[$0] } ?? "BASSA" }
            #expect(["ALTA", "MEDIA", "BASSA"].map { band in bands.filter { $0 == band }.count } == [1, 4, 2])
            for band in ["ALTA", "MEDIA", "BASSA"] {
                let people = bands.filter { $0 == band }.count
                #expect(html.contains("<td>Personale non dirigente</td><td>\(band)</td><td class=\"num\">\(people)</td>"
                                      + "<td class=\"num\">\(italianPercent(people, of: staff.count))</td>"), "\(band)")
            }
            #expect(html.contains("<td class=\"num\">734.312,44 €</td>"))
            #expect(html.contains("<td class=\"num\">90.000,00 €</td>"))
        }
    }

    @Test func theBodysNameIsEscapedAndNoPersonIsNamed() async throws {
        try await withWebApp { browser, database in
            try await insertPublished(database)
            let html = try await browser.get("/trasparenza").text
            #expect(html.contains("Camera &lt;b&gt;di&lt;/b&gt; &quot;prova&quot; &amp; Co."))
            #expect(!html.contains("<b>di</b>"))
            for (id, _, _, _, _) in PublishedYearFixture.people {
                #expect(!html.contains("Persona \(id)"))
                #expect(!html.contains(">\(id)<"))
            }
        }
    }

    @Test(arguments: ["/trasparenza?anno=2024", "/trasparenza?anno=1999", "/trasparenza?anno=abc",
                      "/trasparenza?anno=%3Cscript%3E"])
    func aYearNotPublishedIsNotFound(uri: String) async throws {
        try await withWebApp { browser, database in
            try await insertPublished(database)
            let page = try await browser.get(uri)
            #expect(page.status == .notFound)
            #expect(page.text.contains("non sono pubblicati"))
            #expect(!page.text.contains("<script>"))
            #expect(page.headers[values: .setCookie].isEmpty)
        }
    }

    /// Settings under which every assessable score is ALTA: only a page that reads the year's settings shows it.
    static let generousSettings: Settings = {
        var settings = Settings()
        settings.individual.bandOfScore = Array(repeating: .alta, count: 7)
        return settings
    }()

    @Test func theYearsStoredSettingsAreReadWithTheConfiguredReader() async throws {
        let text = "individual:\n  bands: tutti ALTA\n"
        try await withWebApp(yearSettings: { stored in
            guard stored == text else { throw TransparencyTestError.unexpectedSettings(stored) }
            return TransparencyTests.generousSettings
        }) { browser, database in
            try await insertPublished(database, settingsText: text, settings: TransparencyTests.generousSettings)
            let html = try await browser.get("/trasparenza").text
            let staff = PublishedYearFixture.scores(managers: false)
            let assessable = staff.compactMap { $0 }.count
            #expect(html.contains("<td>Personale non dirigente</td><td>ALTA</td><td class=\"num\">\(assessable)</td>"
                                  + "<td class=\"num\">\(italianPercent(assessable, of: staff.count))</td>"))
        }
    }

    @Test func storedSettingsWithoutAReaderAreRefusedNotGuessed() async throws {
        try await withWebApp { browser, database in
            try await insertPublished(database, settingsText: "individual: {}\n")
            let page = try await browser.get("/trasparenza")
            #expect(page.status == .internalServerError)
            #expect(page.text.contains("Le impostazioni dell&#39;anno 2023 non si possono leggere"))
        }
    }

    @Test func withNoPublishedYearThePageSaysSo() async throws {
        try await withWebApp { browser, _ in
            let page = try await browser.get("/trasparenza")
            #expect(page.status == .ok, "the menu's page, not a page not found")
            #expect(page.text.contains("Nessun anno è stato ancora pubblicato"))
            #expect(!page.text.contains("Pagina non trovata") && !page.text.contains("<svg"))
        }
    }

    /// Allocated is not yet public: the employees see their results from publication on, and so does the public.
    @Test func anAllocatedYearAppearsOnlyOncePublished() async throws {
        try await withWebApp { browser, database in
            try await PublishedYearFixture.insertAllocated(into: try database.store())
            for (uri, found) in [("/trasparenza", true), ("/trasparenza?anno=2023", false)] {
                let page = try await browser.get(uri)
                #expect(page.status == (found ? .ok : .notFound), "\(uri)")
                #expect(!page.text.contains("<svg"), "\(uri)")
            }
            #expect(try await browser.get("/trasparenza").text.contains("Nessun anno è stato ancora pubblicato"))
            #expect(try await browser.get("/trasparenza?anno=2023").text.contains("non sono pubblicati"))
            try OwnAppraisalFixture.publish(database)
            let published = try await browser.get("/trasparenza")
            #expect(published.status == .ok)
            #expect(published.text.contains("Trasparenza: valutazioni e premi 2023"))
        }
    }

    /// The page says when its figures were published: the day the audit log records the year becoming published.
    @Test func thePageSaysWhenTheFiguresWerePublished() async throws {
        try await withWebApp { browser, database in
            try await insertPublished(database)
            let day = try database.withConnection { db in
                try db.execute("""
                    SELECT to_char(at AT TIME ZONE 'Europe/Rome', 'DD/MM/YYYY') AS day FROM audit_log
                    WHERE table_name = 'years' AND operation = 'UPDATE' AND new_value ->> 'state' = 'published'
                    """)[0].string("day")
            }
            let page = try await browser.get("/trasparenza").text
            #expect(page.contains("Dati pubblicati il\n<time class=\"published\">\(day)</time>."), "\(page)")
        }
    }
}

enum TransparencyTestError: Error {
    case unexpectedSettings(String)
}
