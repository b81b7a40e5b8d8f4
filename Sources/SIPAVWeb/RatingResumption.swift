import HTTPTypes
import Hummingbird

/// A rating form posted after its session ended is not saved, but what was typed is not lost either: the login page
/// carries its ratings in hidden fields (in the body of the login's POST, never in an address that logs and histories
/// keep), and logging in shows the rating page with them, not saved, to be checked and saved. Only the fields of the
/// objectives go (code, version, *cosa* and *come*), never the form's action; the versions keep the check that nobody
/// else saved meanwhile.
enum RatingResumption {
    /// The prefix of the carried fields on the login form: `ripresa_cosa_0`.
    static let prefix = "ripresa_"
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
            return origin == "https://" + authority || origin == "http://" + authority
        }
        return request.headers[.referer].flatMap { ReturnPath.path(ofSameSite: $0, authority: authority) } != nil
    }

    /// The hidden fields of the login form for the ratings of `form`, a rating form posted (prefixed) or a login form
    /// carrying them already; nil when it has none.
    static func hiddenFields(of form: FormData, alreadyCarried: Bool = false) -> [[String: String]]? {
        let from = alreadyCarried ? prefix : ""
        var fields: [[String: String]] = []
        for i in 0..<limit {
            guard let code = form["\(from)code_\(i)"] else { break }
            for (name, value) in [("code", code), ("version", form["\(from)version_\(i)"] ?? ""),
                                  ("cosa", form["\(from)cosa_\(i)"] ?? ""), ("come", form["\(from)come_\(i)"] ?? "")] {
                fields.append(["name": "\(prefix)\(name)_\(i)", "value": value])
            }
        }
        return fields.isEmpty ? nil : fields
    }

    /// The rating form that a login form carries, as it was posted; nil when it carries none.
    static func carried(in form: FormData) -> FormData? {
        guard let fields = hiddenFields(of: form, alreadyCarried: true) else { return nil }
        return FormData(encoded: fields.map { field in
            String(field["name"]!.dropFirst(prefix.count)) + "=" + field["value"]!.addingPercentEncodingForPath()
        }.joined(separator: "&"))
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
}
