import Hummingbird

/// The public transparency page: the latest published year, or the one of `?anno=` if it is public. A published
/// year reopened for review says so, without figures: once reopened, its records may change, and the figures
/// published before are kept nowhere. No login; no cookie is set.
struct TransparencyRoutes: Sendable {
    let web: WebApp

    func register(on router: Router<BasicRequestContext>) {
        router.get("/trasparenza") { request, _ in try await page(request) }
    }

    var transparency: Transparency {
        Transparency(store: web.configuration.store, body: web.configuration.body,
                     yearSettings: web.configuration.yearSettings, cache: web.lockedYears)
    }

    func page(_ request: Request) async throws -> Response {
        let years = try await transparency.publicYears()
        let shown: PublicYear
        if let asked = request.query["anno"] {
            guard let number = Int(String(asked)), let year = years.first(where: { $0.year == number }) else {
                throw WebError(status: .notFound, message: "I dati dell'anno \(asked) non sono pubblicati.")
            }
            shown = year
        } else {
            // The page the menu leads to, before the first publication: it says so (not a page not found).
            guard let latest = years.first else {
                var values = web.layout(try await web.session(request), title: "Trasparenza")
                values["nothingPublished"] = "Nessun anno è stato ancora pubblicato: non ci sono dati da mostrare."
                return web.pages.render("transparency", values)
            }
            shown = latest
        }
        var values = web.layout(try await web.session(request), title: "Trasparenza \(shown.year)")
        if let reopenedAt = shown.reopenedAt {
            values["year"] = String(shown.year)
            values["review"] = ["reopenedAt": reopenedAt]
        } else {
            values.merge(TransparencyView(published: try await transparency.figuresWithPreviousYear(of: shown.year, among: years)).values) { $1 }
            if let publishedOn = shown.publishedOn { values["publishedOn"] = publishedOn }
            if let revisedOn = shown.revisedOn { values["revisedOn"] = revisedOn }
            if let earlier = PublicYear.compared(with: shown.year, among: years),
               let note = PublicYear.comparisonNote(shown, with: earlier, among: years) {
                values["comparisonNote"] = note
            }
        }
        values["otherYears"] = years.filter { $0.year != shown.year }.map { ["year": String($0.year)] }
        return web.pages.render("transparency", values)
    }
}
