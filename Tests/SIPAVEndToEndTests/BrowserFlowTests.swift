import Foundation
import SIPAVTestSupport
import Testing

/// The web application in a real headless Chromium against `sipav serve`: a manager rates a person and sees the
/// score and the band; HR allocates the fund and publishes the results; the public page shows the chart. Screenshots of each page are
/// written to a temporary folder, or to `docs/screenshots/` with `SIPAV_SCREENSHOTS=docs`.
///
/// Needs PostgreSQL (as the other database tests), the built `sipav`, and Debian's `chromium` and
/// `chromium-driver`: without any of them the test fails, saying what to install.
@Suite("End to end in a browser", .serialized)
struct BrowserFlowTests {
    static let screenshots = ["01-login", "02-staff", "03-rating-saved", "04-hr-dashboard", "05-allocation-preview",
                              "06-allocation-confirmed", "07-transparency"]

    /// The ratings the manager gives E0002's four objectives (code, cosa, come), and the scores the matrix makes of them.
    static let ratings = [("OB1", "6", "A"), ("OB2", "5", "A"), ("OB3", "4", "B"), ("OB4", "6", "B")]
    static let objectiveScores = ["6", "5", "3", "5"]
    /// Weights 20, 20, 35, 25: 0,2·6 + 0,2·5 + 0,35·3 + 0,25·5 = 4,50, rounded half up to 5: band ALTA.
    static let weightedMean = "4,50", finalScore = "5", band = "ALTA"
    /// The demo's fund lines: 734.312,44 + 12.480,00 (staff) + 78.980,25 (managers).
    static let fundTotal = "825.772,69"

    @Test(.timeLimit(.minutes(5)))
    func managerRatesThenHRAllocatesAndThePublicSeesTheChart() async throws {
        // Whole seconds: some file systems keep modification times no finer.
        let started = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let chromium = try await HeadlessChromium.start()
        defer { chromium.stop() }
        let served = try await ServedYear.start()
        defer { served.stop() }
        do {
            try managerRates(chromium.session, served)
            try hrAllocates(chromium.session, served)
            try publicSeesTheChart(chromium.session, served)
        } catch is ExpectationFailedError {
            // Recorded by #require where it failed.
        } catch {
            let page = (try? chromium.session.currentURL())?.absoluteString ?? "?"
            Issue.record(error, Comment(rawValue: "on \(page); the server printed:\n\(served.server.output())"))
        }

        for name in Self.screenshots {
            let png = Screenshots.written(name, since: started)
            #expect(png != nil, "\(Screenshots.url(name).path) was not written by this run")
            guard let png else { continue }
            #expect(Array(png.prefix(8)) == Screenshots.pngSignature, "\(name).png is not a PNG")
            #expect(png.count >= Screenshots.minimumBytes, "\(name).png has only \(png.count) bytes")
        }
    }

    /// Logs in through the login form.
    func login(_ browser: WebDriver, _ served: ServedYear, as username: String, screenshot: String? = nil) throws {
        try browser.navigate(to: served.url("/login"))
        if let screenshot { try Screenshots.take(screenshot, of: browser) }
        try browser.element("#username").sendKeys(username)
        try browser.element("#password").sendKeys(ServedYear.password)
        try browser.element("form[action='/login'] button[type=submit]").click()
    }

    func logout(_ browser: WebDriver) throws {
        try browser.element("form[action='/logout'] button").click()
        #expect(try browser.reaches("/login"))
    }

    func managerRates(_ browser: WebDriver, _ served: ServedYear) throws {
        let person = "/valutazioni/\(ServedYear.rated)"
        try login(browser, served, as: ServedYear.manager.username, screenshot: "01-login")
        try #require(try browser.reaches("/valutazioni"), "a manager lands on their staff")
        let heading = try browser.text("h1")
        #expect(heading == "Valutazioni \(ServedYear.year)")
        let name = try browser.text("a[href='\(person)']")
        #expect(name == "Fontana Alessandro")
        let status = try browser.texts("tr:has(a[href='\(person)']) td.status")
        #expect(status == ["bozza"], "imported with ratings, not yet submitted")
        try Screenshots.take("02-staff", of: browser)

        try browser.element("a[href='\(person)']").click()
        try #require(try browser.reaches(person))
        let objectives = try browser.elements("fieldset.objective").count
        #expect(objectives == Self.ratings.count)
        let importedScore = try browser.text(".final-score"), importedBand = try browser.text(".band")
        #expect(importedScore == "4" && importedBand == "MEDIA", "the imported ratings")
        for (index, (code, cosa, come)) in Self.ratings.enumerated() {
            let shownCode = try browser.element("input[name='code_\(index)']").property("value")
            #expect(shownCode == code)
            try browser.element("#cosa_\(index) option[value='\(cosa)']").click()
            try browser.element("#come_\(index) option[value='\(come)']").click()
        }
        try browser.element("button[name=azione][value=bozza]").click()

        try #require(try browser.reaches(person, query: "salvato=1"), "saving a draft shows the page again")
        let notice = try browser.text("p.notice[role=status]")
        #expect(notice == "Bozza salvata: ogni obiettivo è valutato; quando è pronta, la invii come definitiva.")
        let scores = try browser.texts("fieldset.objective .score strong")
        #expect(scores == Self.objectiveScores)
        let result = try browser.text("section.result")
        #expect(result.contains("Media ponderata \(Self.weightedMean)"))
        let finalScore = try browser.text(".final-score"), band = try browser.text(".band")
        #expect(finalScore == Self.finalScore)
        #expect(band == Self.band)
        try Screenshots.take("03-rating-saved", of: browser)

        // The final submission asks first, showing the final score and band.
        try browser.element("button[name=azione][value=rivedi]").click()
        let confirmation = try browser.text("section.confirm")
        #expect(confirmation.contains("Punteggio finale \(Self.finalScore) · fascia \(Self.band)"), "\(confirmation)")
        try browser.element("button[name=azione][value=invia]").click()
        try #require(try browser.reaches(person, query: "inviato=1"))
        let submitted = try browser.text("p.notice.submitted")
        #expect(submitted.contains("la valutazione è definitiva"))
        let finalBand = try browser.text(".band")
        #expect(finalBand == Self.band)
        try logout(browser)
    }

    func hrAllocates(_ browser: WebDriver, _ served: ServedYear) throws {
        try login(browser, served, as: ServedYear.hr)
        try #require(try browser.reaches("/hr"), "HR lands on the dashboard")
        let heading = try browser.text("h1")
        #expect(heading == "Cruscotto \(ServedYear.year)")
        try Screenshots.take("04-hr-dashboard", of: browser)

        // The Segretario Generale's appraisal, made by the body's political head: HR records it from the act, with
        // the ratings the files gave (the fund's figures stay those of the demo year).
        try browser.element("a[href='/hr/segretario?anno=\(ServedYear.year)']").click()
        try #require(try browser.reaches("/hr/segretario"))
        try browser.element("#riferimento").sendKeys("Decreto del Presidente n. 12 del 30/06/2020")
        try Screenshots.take("04b-hr-segretario", of: browser)
        try browser.element("#registra-valutazione").click()
        try #require(try browser.reaches("/hr/segretario", query: "anno=\(ServedYear.year)&registrata=1"))
        let recorded = try browser.text("p.notice.submitted")
        #expect(recorded.contains("secondo l'atto Decreto del Presidente n. 12 del 30/06/2020"), "\(recorded)")

        try browser.navigate(to: served.url("/hr/ripartizione"))
        let state = try browser.text(".year-state")
        #expect(!state.contains("chiuso"), "the imported year is open")
        let unsubmitted = try browser.text(".notice.warning strong")
        #expect(unsubmitted == "275", "every appraisal but the one just submitted and the Segretario's is still a draft")
        let total = try browser.text("table.funds tfoot tr.total")
        #expect(total.contains(Self.fundTotal))
        let residuals = try browser.elements("table.funds td.residual").count
        #expect(residuals == 2, "the residual of each fund")
        try Screenshots.take("05-allocation-preview", of: browser)

        // The drafts are paid as their managers left them: HR ticks the box that says so before confirming.
        let acknowledgement = try browser.text("label[for=con-bozze]")
        #expect(acknowledgement.contains("275 valutazioni non inviate come definitive"))
        try browser.element("#con-bozze").click()
        try browser.element("#conferma-ripartizione").click()
        try #require(try browser.reaches("/hr/ripartizione", query: "anno=\(ServedYear.year)&esito=confermata"))
        let notice = try browser.text("p.notice[role=status]")
        #expect(notice == "Ripartizione confermata e registrata: l'anno è ora chiuso.")
        let allocated = try browser.text(".year-state")
        #expect(allocated == "ripartito (chiuso)")
        let publish = try browser.elements("#pubblica").count
        #expect(publish == 1, "the year can now be published")
        try Screenshots.take("06-allocation-confirmed", of: browser)

        // The public page shows the year from its publication on.
        try browser.element("#pubblica").click()
        try #require(try browser.reaches("/hr/ripartizione", query: "anno=\(ServedYear.year)&esito=pubblicata"))
        try logout(browser)
    }

    func publicSeesTheChart(_ browser: WebDriver, _ served: ServedYear) throws {
        try browser.navigate(to: served.url("/trasparenza"))
        let heading = try browser.text("h1")
        #expect(heading == "Trasparenza: valutazioni e premi \(ServedYear.year)")
        let charts = try browser.elements("section.chart svg.bars").count
        #expect(charts == 2, "one chart for the managers, one for the other staff")
        let bars = try browser.elements("svg.bars rect.bar").count
        #expect(bars > 0)
        try Screenshots.take("07-transparency", of: browser)
    }
}
