import Foundation
import SIPAVTestSupport
import Testing

/// Every page the web application serves, as each role sees it (anonymous, a manager, the Segretario Generale, HR, an
/// employee), checked with axe-core in a real headless Chromium against `sipav serve` for WCAG 2.1 level AA (Italian
/// public bodies must publish accessible software, intranet pages too: Legge 4/2004 and AgID's guidelines). Forms are
/// also checked as they come back with errors. Each page is checked as wide as a laptop's window and as narrow as a
/// phone's, and for what axe cannot see (`PageConventions`). The test fails listing each violation: the page, the
/// rule, its impact and the selectors of the failing elements.
///
/// Needs what `BrowserFlowTests` needs (PostgreSQL, the built `sipav`, Debian's `chromium` and `chromium-driver`) and
/// fails, saying what to install, without any of them. axe-core itself is vendored in `Resources/`.
@Suite("Accessibility in a browser (axe-core, WCAG 2.1 AA)", .serialized)
struct AccessibilityTests {
    static let year = ServedYear.year
    /// The pages checked: each `check` below, once (in each layout).
    static let pageCount = 47

    @Test(.timeLimit(.minutes(10)))
    func everyPageOfEveryRoleMeetsWCAG21AA() async throws {
        let axe = try AxeCore.load()
        let chromium = try await HeadlessChromium.start()
        defer { chromium.stop() }
        let served = try await ServedYear.start()
        defer { served.stop() }
        let audit = try AccessibilityAudit(browser: chromium.session, axe: axe)
        do {
            try anonymousBeforePublication(audit, served)
            try manager(audit, served)
            try secretary(audit, served)
            try hrBeforeAllocation(audit, served)
            try hrAccounts(audit, served)
            try hrAllocates(audit, served)
            try employee(audit, served)
            try hrDecidesTheContest(audit, served)
            try anonymousAfterPublication(audit, served)
        } catch is ExpectationFailedError {
            // Recorded by #require where it failed.
        } catch {
            let page = (try? chromium.session.currentURL())?.absoluteString ?? "?"
            Issue.record(error, Comment(rawValue: "on \(page); the server printed:\n\(served.server.output())"))
        }

        #expect(audit.pages.count == Self.pageCount * AccessibilityAudit.layouts.count, "pages checked: \(audit.pages.map(\.name))")
        for page in audit.pagesWithViolations {
            Issue.record(Comment(rawValue: page.report))
        }
        if !audit.pagesWithViolations.isEmpty {
            Issue.record(Comment(rawValue: "\(audit.pagesWithViolations.count) of \(audit.pages.count) page layouts violate WCAG 2.1 AA "
                                     + "(axe-core \(AxeCore.version)); the rules and their pages:\n\(audit.summary)"))
        }
    }

    func anonymousBeforePublication(_ audit: AccessibilityAudit, _ served: ServedYear) throws {
        let browser = audit.browser
        try browser.navigate(to: served.url("/login"))
        try audit.check("login page", at: "/login")
        try browser.element("#username").sendKeys(ServedYear.hr)
        try browser.element("#password").sendKeys("non-e-la-password")
        try browser.element("form[action='/login'] button[type=submit]").click()
        _ = try browser.element("p.notice.error")
        try audit.check("login page after a wrong password", at: "/login")
        try browser.navigate(to: served.url("/pagina-che-non-esiste"))
        try audit.check("error page (no such address)", at: "/pagina-che-non-esiste")
        try browser.navigate(to: served.url("/trasparenza"))
        try audit.check("transparency page, nothing published yet", at: "/trasparenza")
    }

    func manager(_ audit: AccessibilityAudit, _ served: ServedYear) throws {
        let browser = audit.browser
        let person = "/valutazioni/\(ServedYear.rated)"
        try logIn(browser, served, as: ServedYear.manager.username)
        try audit.check("manager: their staff", at: "/valutazioni")
        try browser.navigate(to: served.url(person))
        try audit.check("manager: a rating form", at: person)
        // A cosa taken away, its come left: the form comes back with the error beside the field.
        try browser.element("#cosa_0 option[value='']").click()
        try browser.element("button[name=azione][value=bozza]").click()
        _ = try browser.element("#cosa_0-errore")
        try audit.check("manager: a rating form with errors", at: person)
        try browser.element("#cosa_0 option[value='6']").click()
        try browser.element("button[name=azione][value=bozza]").click()
        try audit.check("manager: a rating form saved", at: person, query: "salvato=1")
        try browser.element("button[name=azione][value=rivedi]").click()
        _ = try browser.element("section.confirm")
        try audit.check("manager: the final submission to confirm", at: person)
        try browser.element("button[name=azione][value=invia]").click()
        try audit.check("manager: an appraisal sent as final (read only)", at: person, query: "inviato=1")
        try browser.navigate(to: served.url("/la-mia-valutazione"))
        try audit.check("manager: their own appraisal, not yet published", at: "/la-mia-valutazione")
        try passwordPages(audit, served, role: "manager")
        try logOut(browser)
    }

    func secretary(_ audit: AccessibilityAudit, _ served: ServedYear) throws {
        let browser = audit.browser
        try logIn(browser, served, as: ServedYear.secretary.username)
        try audit.check("Segretario Generale: everyone's appraisals", at: "/valutazioni")
        try browser.navigate(to: served.url("/valutazioni/\(ServedYear.manager.employee)"))
        try audit.check("Segretario Generale: a dirigente's rating form", at: "/valutazioni/\(ServedYear.manager.employee)")
        try logOut(browser)
    }

    func employee(_ audit: AccessibilityAudit, _ served: ServedYear) throws {
        let browser = audit.browser
        try logIn(browser, served, as: ServedYear.employee.username)
        try audit.check("employee: their own appraisal, published", at: "/la-mia-valutazione")
        try browser.element("form[action='/la-mia-valutazione/contestazione'] button[type=submit]").click()
        _ = try browser.element("#motivo-errore")
        try audit.check("employee: a contest without a reason", at: "/la-mia-valutazione/contestazione")
        try browser.element("#motivo").sendKeys("Il punteggio dell'obiettivo OB3 non tiene conto del trasferimento di marzo.")
        try browser.element("form[action='/la-mia-valutazione/contestazione'] button[type=submit]").click()
        _ = try browser.element("section.response")
        try audit.check("employee: their own appraisal, contested", at: "/la-mia-valutazione")
        try passwordPages(audit, served, role: "employee", withErrors: false)
        try logOut(browser)
    }

    func anonymousAfterPublication(_ audit: AccessibilityAudit, _ served: ServedYear) throws {
        try audit.browser.navigate(to: served.url("/trasparenza"))
        _ = try audit.browser.element("section.chart svg.bars")
        try audit.check("transparency page, published", at: "/trasparenza")
    }

    /// The password page, and (`withErrors`) the same after a wrong current password.
    func passwordPages(_ audit: AccessibilityAudit, _ served: ServedYear, role: String, withErrors: Bool = true) throws {
        let browser = audit.browser
        try browser.navigate(to: served.url("/password"))
        try audit.check("\(role): password change", at: "/password")
        guard withErrors else { return }
        try browser.element("#attuale").sendKeys("non-e-la-password")
        try browser.element("#nuova").sendKeys("una-password-nuova-2019")
        try browser.element("#ripetuta").sendKeys("una-password-nuova-2019")
        try browser.element("form.password-form button[type=submit]").click()
        _ = try browser.element("#attuale-errore")
        try audit.check("\(role): password change with errors", at: "/password")
    }

    func logIn(_ browser: WebDriver, _ served: ServedYear, as username: String) throws {
        try browser.navigate(to: served.url("/login"))
        try browser.element("#username").sendKeys(username)
        try browser.element("#password").sendKeys(ServedYear.password)
        try browser.element("form[action='/login'] button[type=submit]").click()
    }

    func logOut(_ browser: WebDriver) throws {
        try browser.element("form[action='/logout'] button").click()
        try #require(try browser.reaches("/login"))
    }
}
