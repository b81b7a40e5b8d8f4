import Foundation
import SIPAVTestSupport
import Testing

/// HR's pages, in the order of the year: before the allocation, the accounts, the allocation and its publication, and
/// the contest of the published appraisal.
extension AccessibilityTests {
    func hrBeforeAllocation(_ audit: AccessibilityAudit, _ served: ServedYear) throws {
        let browser = audit.browser
        let person = "/hr/obiettivi/\(ServedYear.rated)"
        try logIn(browser, served, as: ServedYear.hr)
        try audit.check("HR: dashboard", at: "/hr")
        try browser.navigate(to: served.url("/hr/obiettivi"))
        try audit.check("HR: objectives, everyone", at: "/hr/obiettivi")
        try browser.navigate(to: served.url(person))
        try audit.check("HR: a person's objectives, with the return to draft", at: person)
        let weight = try browser.element("input[name=weight_0]")
        try weight.clear()
        try weight.sendKeys("venti")
        try browser.element("form[action='\(person)'] button[type=submit]").click()
        _ = try browser.element("span.field-error")
        try audit.check("HR: a person's objectives with errors", at: person)
        try browser.navigate(to: served.url(person))
        try browser.element("#restituisci").click()
        _ = try browser.element("#motivo-restituzione-errore")
        try audit.check("HR: a return to draft without a reason", at: "/hr/anni/\(Self.year)/valutazioni/\(ServedYear.rated)/bozza")

        try browser.navigate(to: served.url("/hr/fondo"))
        try audit.check("HR: fund", at: "/hr/fondo")
        try browser.element("form[action='/hr/fondo/righe'] button[type=submit]").click()
        _ = try browser.element("span.field-error")
        try audit.check("HR: fund, a line with errors", at: "/hr/fondo/righe")

        try browser.navigate(to: served.url("/hr/oiv"))
        try audit.check("HR: OIV-validated results", at: "/hr/oiv")
        try browser.element("form.validate input[name=percentuale]").sendKeys("centodieci")
        try browser.element("form.validate input[name=riferimento]").sendKeys("Verbale OIV n. 3/2020")
        try browser.element("form.validate button[type=submit]").click()
        _ = try browser.element("span.field-error")
        try audit.check("HR: OIV-validated results with errors", at: "/hr/oiv")

        try browser.navigate(to: served.url("/hr/segretario"))
        try audit.check("HR: the Segretario Generale's appraisal", at: "/hr/segretario")
        try browser.element("#registra-valutazione").click()
        _ = try browser.element("span.field-error")
        try audit.check("HR: the Segretario Generale's appraisal with errors", at: "/hr/segretario")

        try browser.navigate(to: served.url("/hr/scarica"))
        try audit.check("HR: downloads", at: "/hr/scarica")
        try browser.navigate(to: served.url("/hr/registro"))
        try audit.check("HR: audit log", at: "/hr/registro")
        try browser.navigate(to: served.url("/hr/contestazioni"))
        try audit.check("HR: contests, none yet", at: "/hr/contestazioni")
        try passwordPages(audit, served, role: "HR", withErrors: false)
    }

    /// Accounts: the list, a new account refused, a temporary password, an import.
    func hrAccounts(_ audit: AccessibilityAudit, _ served: ServedYear) throws {
        let browser = audit.browser
        try browser.navigate(to: served.url("/hr/utenti"))
        try audit.check("HR: accounts", at: "/hr/utenti")
        // A manager's account without the employee id, under a username already taken.
        try browser.element("#utente").sendKeys(ServedYear.manager.username)
        try browser.element("#ruolo option[value=dirigente]").click()
        try browser.element("#password").sendKeys(ServedYear.password)
        try browser.element("form.account-form button[type=submit]").click()
        _ = try browser.element("span.field-error")
        try audit.check("HR: accounts, a new account with errors", at: "/hr/utenti")

        try browser.navigate(to: served.url("/hr/utenti"))
        try browser.element("#utente").sendKeys("l.russo")
        try browser.element("#ruolo option[value=dipendente]").click()
        try browser.element("#matricola").sendKeys("E0001")
        try browser.element("#password").sendKeys(ServedYear.password)
        try browser.element("form.account-form button[type=submit]").click()
        try browser.element("form[action='/hr/utenti/l.russo/password-temporanea'] button").click()
        _ = try browser.element("code.password")
        try audit.check("HR: a temporary password", at: "/hr/utenti/l.russo/password-temporanea")

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-e2e-accounts-\(UUID().uuidString).csv")
        try Data("utente;ruolo;matricola\nd.rinaldi;dipendente;E0004\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try browser.navigate(to: served.url("/hr/utenti"))
        try browser.element("#file").sendKeys(file.path)
        try browser.element("form.account-import button[type=submit]").click()
        _ = try browser.element("code.password")
        try audit.check("HR: accounts imported, their temporary passwords", at: "/hr/utenti/importa")
    }

    /// The allocation preview, confirmed, a reopening refused, the publication.
    func hrAllocates(_ audit: AccessibilityAudit, _ served: ServedYear) throws {
        let browser = audit.browser
        try browser.navigate(to: served.url("/hr/ripartizione"))
        try audit.check("HR: allocation preview", at: "/hr/ripartizione")
        try browser.element("#con-bozze").click()
        try browser.element("#conferma-ripartizione").click()
        try audit.check("HR: allocation confirmed", at: "/hr/ripartizione", query: "anno=\(Self.year)&esito=confermata")
        try browser.element("#riapri").click()
        _ = try browser.element("#motivo-errore")
        try audit.check("HR: a reopening without a reason", at: "/hr/riapertura")
        try browser.navigate(to: served.url("/hr/ripartizione"))
        try browser.element("#pubblica").click()
        try audit.check("HR: results published", at: "/hr/ripartizione", query: "anno=\(Self.year)&esito=pubblicata")
        try logOut(browser)
    }

    func hrDecidesTheContest(_ audit: AccessibilityAudit, _ served: ServedYear) throws {
        let browser = audit.browser
        let contest = "/hr/contestazioni/\(ServedYear.rated)"
        try logIn(browser, served, as: ServedYear.hr)
        try audit.check("HR: dashboard with an open contest", at: "/hr")
        try browser.navigate(to: served.url("/hr/contestazioni"))
        try audit.check("HR: contests, one open", at: "/hr/contestazioni")
        try browser.navigate(to: served.url("\(contest)?anno=\(Self.year)"))
        try audit.check("HR: a contest and its outcome's forms", at: contest)
        try browser.element("#conferma-valutazione").click()
        _ = try browser.element("span.field-error")
        try audit.check("HR: a contest's outcome with errors", at: contest)
        try logOut(browser)
    }
}
