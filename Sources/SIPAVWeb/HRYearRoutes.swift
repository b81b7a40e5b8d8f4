import Hummingbird

/// HR chooses the year its pages work on (`/hr/anno?anno=2024&torna=/hr/fondo`), from the form in every HR page's
/// header: the choice is kept in a cookie, and HR goes back to the page it chose from, now on that year. A GET: the
/// choice writes nothing, and a cookie sent only from this site's own pages (SameSite=Strict) cannot be chosen by
/// another site's link.
struct HRYearRoutes: Sendable {
    let web: WebApp
    static let path = "/hr/anno"

    func register(on router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: HRYearRoutes.path)) { request, _ in try await choose(request) }
    }

    func choose(_ request: Request) async throws -> Response {
        _ = try await web.requireHR(request)
        let asked = request.query[HRYear.field] ?? ""
        let chosen = try await web.hrYear(request)
        var response = HTML.redirect(to: HRYearRoutes.page(request.query["torna"]))
        // A year not asked for would be the default, not a choice: nothing to keep.
        if !asked.isEmpty {
            // For the browser's session only: a choice kept for months would open HR's pages on an old year long after
            // a newer one was imported, where the most recent is the default.
            response.setCookie(web.cookie(web.cookieName(HRYear.cookie), value: String(chosen.year)))
        }
        return response
    }

    /// The HR page to go back to, without its query (which may name another year, or a notice already read); HR's
    /// dashboard when `text` is not an HR page of this site.
    static func page(_ text: String?) -> String {
        guard let safe = ReturnPath.safe(text) else { return "/hr" }
        let path = String(safe.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
        guard path == "/hr" || path.hasPrefix("/hr/"), path != HRYearRoutes.path else { return "/hr" }
        return path
    }
}
