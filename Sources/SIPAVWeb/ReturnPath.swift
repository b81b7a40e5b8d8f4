import HTTPTypes
import Hummingbird

/// Where a user goes back to after logging in: a path of this site (`/valutazioni/E1?salvato=1`), never another site.
/// The login form carries it (`torna`), so it arrives as text anyone could have written: only a path that a browser
/// cannot read as another host is kept.
enum ReturnPath {
    static let field = "torna"

    /// `text` when it is a relative path of this site, else nil. `//host` and `/\host` are other hosts to a browser;
    /// control characters could split a header; the login and logout pages lead nowhere useful.
    static func safe(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), text.utf8.count <= 2000 else { return nil }
        let scalars = Array(text.unicodeScalars)
        if scalars.count > 1 && (scalars[1] == "/" || scalars[1] == "\\") { return nil }
        guard !scalars.contains(where: { $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        let path = text.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard path != "/login", path != "/logout", path != "/" else { return nil }
        return text
    }

    /// The page a GET asked for.
    static func of(get request: Request) -> String? {
        safe(request.uri.path + (request.uri.query.map { "?" + $0 } ?? ""))
    }

    /// The page a POST came from: the path of its `Referer` (the application sends `Referrer-Policy: same-origin`, and
    /// its host is checked again here), else the address posted to, which for most forms is their own page.
    static func of(post request: Request) -> String? {
        if let referer = request.headers[.referer], let path = path(ofSameSite: referer, authority: request.head.authority) {
            return safe(path)
        }
        return safe(page(ofAction: request.uri.path))
    }

    /// The page whose form posts to `action`, for the addresses that answer only a POST (a page that followed them would
    /// find nothing there); any other address is its own page.
    static func page(ofAction action: String) -> String {
        if ["/hr/pubblica", "/hr/riapertura"].contains(action) { return "/hr/ripartizione" }
        for (prefix, page) in [("/hr/fondo/", "/hr/fondo"), ("/hr/oiv/", "/hr/oiv"), ("/hr/obiettivi/importa", "/hr/obiettivi"),
                               ("/hr/utenti/", "/hr/utenti"), ("/hr/anni/", "/hr")] where action.hasPrefix(prefix) {
            return page
        }
        return action
    }

    /// The path and query of `url` when it is `http(s)://authority/…` with the request's own authority.
    static func path(ofSameSite url: String, authority: String?) -> String? {
        guard let authority else { return nil }
        for scheme in ["https://", "http://"] where url.hasPrefix(scheme) {
            let rest = url.dropFirst(scheme.count)
            guard rest.hasPrefix(authority) else { return nil }
            let after = rest.dropFirst(authority.count)
            guard after.hasPrefix("/") else { return nil }
            return String(after.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
        }
        return nil
    }

    /// The login page's address that comes back to `path`.
    static func loginAddress(returningTo path: String?) -> String {
        guard let path = safe(path) else { return "/login" }
        return "/login?\(field)=" + path.addingPercentEncodingForPath()
    }
}
