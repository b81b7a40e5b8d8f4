import Hummingbird
import SIPAVReports

/// Login, logout and the home page.
///
/// The login form has no session yet, so its CSRF token is a double-submit cookie: a random value set as an
/// `HttpOnly; SameSite=Strict` cookie and repeated in the form; a POST whose two copies differ is refused.
struct LoginRoutes: Sendable {
    let web: WebApp
    static let loginCSRFCookie = "sipav_login_csrf"

    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in try await home(request) }
        router.get("/login") { request, _ in try await loginPage(request) }
        router.post("/login") { request, _ in try await login(request) }
        router.get("/logout") { request, _ in try await logoutPage(request) }
        router.post("/logout") { request, _ in try await logout(request) }
    }

    func home(_ request: Request) async throws -> Response {
        let session = try await web.requireSession(request)
        if session.account.role == .manager { return HTML.redirect(to: "/valutazioni") }
        if session.account.role == .hr { return HTML.redirect(to: "/hr") }
        if session.account.role == .employee { return HTML.redirect(to: OwnAppraisalRoutes.path) }
        var values = web.layout(session, title: "SIPAV")
        values["username"] = session.account.username
        return web.pages.render("home", values)
    }

    /// The words of the login page shown for a form posted after the session expired.
    static let expiredMessage = "Sessione scaduta: le modifiche non sono state salvate. Acceda di nuovo: tornerà alla "
        + "pagina da cui le aveva inviate."
    /// The same for a rating form, whose ratings come back with its page.
    static let expiredRatingMessage = "Sessione scaduta: le modifiche non sono state salvate. Acceda di nuovo: tornerà "
        + "alla pagina con i valori che aveva inserito, da controllare e salvare."

    /// The login page; after login the user goes to `returnPath` (else the `torna` of the address, else the home
    /// page), once it is checked to be a path of this site.
    /// `carried`: the hidden fields of a rating form's ratings (`RatingResumption`), kept until the login succeeds.
    func loginPage(_ request: Request, message: String? = nil, username: String = "",
                   status: HTTPResponse.Status = .ok, returnPath: String? = nil,
                   carried: [[String: String]]? = nil) async throws -> Response {
        let returnPath = ReturnPath.safe(returnPath ?? request.query[ReturnPath.field])
        if try await web.session(request) != nil, message == nil { return HTML.redirect(to: returnPath ?? "/") }
        let token = request.cookies[web.cookieName(LoginRoutes.loginCSRFCookie)]?.value ?? RandomToken.make()
        var values = web.layout(nil, title: "Accesso")
        values["csrf"] = token
        values["username"] = username
        if let returnPath { values["returnPath"] = returnPath }
        if let message { values["message"] = message }
        if let carried { values["carried"] = carried }
        var response = web.pages.render("login", values, status: status)
        response.setCookie(web.cookie(web.cookieName(LoginRoutes.loginCSRFCookie), value: token))
        return response
    }

    func login(_ request: Request) async throws -> Response {
        let form = try await FormData.read(request)
        guard RandomToken.matches(form["csrf"], request.cookies[web.cookieName(LoginRoutes.loginCSRFCookie)]?.value) else {
            throw WebError.badCSRF
        }
        let username = form["username"] ?? "", password = form["password"] ?? ""
        let returnPath = ReturnPath.safe(form[ReturnPath.field])
        let carried = RatingResumption.hiddenFields(of: form)
        let account: Account
        switch try await web.checkPassword(password, of: username) {
        case .throttled:
            let minutes = web.configuration.throttle.windowMinutes
            return try await loginPage(request, message: "Troppi tentativi di accesso non riusciti per questo utente: "
                                       + LoginRoutes.tryAgain(in: minutes), username: username, status: .tooManyRequests,
                                       returnPath: returnPath, carried: carried)
        case .wrong:
            return try await loginPage(request, message: "Nome utente o password non corretti.", username: username,
                                       status: .unauthorized, returnPath: returnPath, carried: carried)
        case let .right(found): account = found
        }
        let token = try await web.sessions.open(username: account.username)
        var response = try await afterLogin(account, form: form, returnPath: returnPath, token: token)
        // The browser keeps the cookie as long as the session may last; the server decides when it ends before.
        response.setCookie(web.cookie(web.sessionCookie, value: token, maxAge: web.configuration.sessionLimitMinutes * 60))
        response.setCookie(web.cookie(web.cookieName(LoginRoutes.loginCSRFCookie), value: "", maxAge: 0))
        return response
    }

    /// Where a login leads: for an account that must change its password first, to the password page, which keeps the
    /// way back and the ratings the login form carried until the change; else the rating page with those ratings
    /// (`RatingResumption`), else the way back, else home.
    private func afterLogin(_ account: Account, form: FormData, returnPath: String?, token: String) async throws -> Response {
        if account.mustChangePassword {
            let carried = RatingResumption.hiddenFields(of: form)
            guard carried != nil || returnPath != nil, let session = try await web.sessions.find(token: token) else {
                return HTML.redirect(to: "/")
            }
            return PasswordRoutes(web: web).render(session, notice: nil, returnPath: returnPath, carried: carried)
        }
        return try await RatingResumption.page(web: web, form: form, returnPath: returnPath, token: token)
            ?? HTML.redirect(to: returnPath ?? "/")
    }

    func logout(_ request: Request) async throws -> Response {
        // Logging out of a session that already ended loses nothing: straight to the login page.
        guard try await web.session(request) != nil else { return HTML.redirect(to: "/login") }
        _ = try await web.requirePost(request, passwordChangeAllowed: true)
        if let token = request.cookies[web.sessionCookie]?.value { try await web.sessions.close(token: token) }
        var response = HTML.redirect(to: "/login")
        response.setCookie(web.cookie(web.sessionCookie, value: "", maxAge: 0))
        return response
    }

    /// `/logout` typed in the address bar: logging out is a form with the CSRF token (an address another site could
    /// open would log anyone out), so the page offers the *Esci* button; with no session there is nothing to end, and the
    /// login page follows.
    func logoutPage(_ request: Request) async throws -> Response {
        guard let session = try await web.session(request) else { return HTML.redirect(to: "/login") }
        return web.pages.render("logout", web.layout(session, title: "Esci"))
    }

    /// The end of the message that refuses a throttled user: when to try again (`riprovi tra 15 minuti.`).
    static func tryAgain(in minutes: Int) -> String {
        "riprovi tra \(ItalianNumbers.count(minutes, "minuto", "minuti"))."
    }
}
