import HTTPTypes
import Hummingbird

/// A rating form posted after its session ended is not saved, but what was typed is not lost either: the login page
/// carries its ratings in hidden fields (in the body of the login's POST, never in an address that logs and histories
/// keep), and logging in shows the rating page with them, not saved, to be checked and saved. Only the fields of the
/// objectives go (code, version, *cosa* and *come*), never the form's action; the versions keep the check that nobody
/// else saved meanwhile, and the year they were typed for that they are shown on that year's page only.
enum RatingResumption {
    /// The most objectives a form carries (an appraisal has a handful).
    static let limit = 50

    /// The employee of a rating page's path (`/valutazioni/E1`, percent-encoded as the pages write it), else nil.
    static func employee(ofPage path: String?) -> String? {
        guard let path else { return nil }
        let segments = path.split(separator: "?", maxSplits: 1)[0].split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count == 3, segments[0].isEmpty, segments[1] == "valutazioni", !segments[2].isEmpty else { return nil }
        let employee = FormData.decode(segments[2])
        return employee.isEmpty ? nil : employee
    }

    /// Whether a POST came from a page of this site, as the browser says: `Sec-Fetch-Site`, else `Origin`, else
    /// `Referer` (which the pages send within the site). Another site's page cannot set these.
    static func isFromThisSite(_ request: Request) -> Bool {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!] { return site == "same-origin" }
        guard let authority = request.head.authority else { return false }
        if let origin = request.headers[HTTPField.Name("Origin")!] {
            return ReturnPath.path(ofSameSite: origin + "/", authority: authority) != nil
        }
        return request.headers[.referer].flatMap { ReturnPath.path(ofSameSite: $0, authority: authority) } != nil
    }

    /// The hidden fields of the login form carrying the ratings of `form` under the rating form's own names (no field
    /// of the login form has one of them): a rating form posted, or a login form carrying them already. Nil when it
    /// has none.
    static func hiddenFields(of form: FormData) -> [[String: String]]? {
        var fields: [[String: String]] = []
        // The year the ratings were typed for: they are shown again only on that year's page.
        if let year = form[HRYear.field] { fields.append(["name": HRYear.field, "value": year]) }
        for i in 0..<limit {
            guard form["code_\(i)"] != nil else { break }
            for name in ["code_\(i)", "version_\(i)", "cosa_\(i)", "come_\(i)"] {
                fields.append(["name": name, "value": form[name] ?? ""])
            }
        }
        return fields.contains(where: { $0["name"] == "code_0" }) ? fields : nil
    }

    /// What the rating page says above the ratings carried back.
    static let shownMessage = "Questi sono i valori inseriti prima che la sessione scadesse: non sono ancora salvati. "
        + "Li controlli e salvi."
    /// What it says when the appraisal was saved since: the ratings on record in the fields, the carried ones beside.
    static let changedMessage = "I valori inseriti prima che la sessione scadesse non sono stati salvati, e nel frattempo la "
        + "valutazione è stata modificata: qui sotto è come si trova ora e, accanto a ogni obiettivo che differisce, quanto "
        + "aveva indicato. Ripeta le modifiche che vuole mantenere e salvi."
    /// What it says when they cannot be shown: the appraisal is no longer open to change, or its objectives changed.
    static let notShownMessage = "I valori inseriti prima che la sessione scadesse non si possono riprendere: la valutazione "
        + "è cambiata nel frattempo (obiettivi, invio o stato dell'anno). Qui sotto è come si trova ora."

    /// The rating page with the ratings `form` carried, for the session of `token` (just opened, or just given its own
    /// password); nil when the form carried none, or the account is not one to show them to (another manager's staff,
    /// a password still to change).
    static func page(web: WebApp, form: FormData, returnPath: String?, token: String) async throws -> Response? {
        guard hiddenFields(of: form) != nil, let employee = employee(ofPage: returnPath),
              let session = try await web.sessions.find(token: token), !session.account.mustChangePassword else { return nil }
        return try? await RatingRoutes(web: web).resumedPage(session: session, employee: employee, carried: form)
    }

    /// What the password page says above its form when it carries ratings to show once the password is changed.
    static let afterPasswordMessage = "I valori inseriti prima che la sessione scadesse non sono ancora salvati: dopo il "
        + "cambio della password tornerà alla pagina con quei valori, da controllare e salvare."
}
