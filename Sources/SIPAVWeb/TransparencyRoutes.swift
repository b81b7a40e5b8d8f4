import Hummingbird

/// The public transparency page: the latest year allocated or published, or the one of `?anno=` if it is public.
/// No login; no cookie is set.
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
        let year: Int
        if let asked = request.uri.queryParameters["anno"] {
            guard let number = Int(String(asked)), years.contains(number) else {
                throw WebError(status: .notFound, message: "I dati dell'anno \(asked) non sono pubblicati.")
            }
            year = number
        } else {
            guard let latest = years.first else {
                throw WebError(status: .notFound, message: "Nessun anno è stato ancora ripartito: non ci sono dati da pubblicare.")
            }
            year = latest
        }
        let published = try await transparency.figures(of: year)
        var values = web.layout(try await web.session(request), title: "Trasparenza \(year)")
        values.merge(TransparencyView(published: published).values) { $1 }
        values["otherYears"] = years.filter { $0 != year }.map { ["year": String($0)] }
        return web.pages.render("transparency", values)
    }
}
