#if canImport(Glibc)
import Glibc
#endif
import HTTPTypes
import Hummingbird
import NIOCore
import SIPAV
import SIPAVFiles

/// The web application: login and accounts, the managers' rating pages, the employee's own appraisal, HR's pages (dashboard,
/// objectives, fund, OIV results, allocation, contests, downloads, audit log) and the public transparency page.
/// Tests drive it in process with `app.test(.router)`; `sipav serve` runs it.
/// `onListening` is told the address the server listens on, once it does.
public func buildApplication(_ configuration: WebConfiguration,
                             onListening: @escaping @Sendable (String) -> Void = { _ in }) async throws -> some ApplicationProtocol {
    let web = WebApp(configuration: configuration, pages: try await Pages.load())
    // HEAD wherever GET answers (HTTP asks it; monitors and link checkers send it): the GET's status and headers.
    let router = Router(options: .autoGenerateHeadEndpoints)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: NULRefusingMiddleware())
    router.get("/sipav.css") { _, _ in web.pages.styleSheetResponse() }
    LoginRoutes(web: web).register(on: router)
    RatingRoutes(web: web).register(on: router)
    DashboardRoutes(web: web).register(on: router)
    AccountAdminRoutes(web: web).register(on: router)
    AuditRoutes(web: web).register(on: router)
    DownloadRoutes(web: web).register(on: router)
    TransparencyRoutes(web: web).register(on: router)
    OwnAppraisalRoutes(web: web).register(on: router)
    AllocationRoutes(web: web).register(on: router)
    ContestRoutes(web: web).register(on: router)
    OrganAppraisalRoutes(web: web).register(on: router)
    FundRoutes(web: web).register(on: router)
    ValidatedResultRoutes(web: web).register(on: router)
    ObjectiveAdminRoutes(web: web).register(on: router)
    AppraisalReturnRoutes(web: web).register(on: router)
    PasswordRoutes(web: web).register(on: router)
    HRYearRoutes(web: web).register(on: router)
    // After every route: it sees only the requests none of them answered.
    router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes))
    // Connections left silent are closed: a client that opens many and never finishes a request would otherwise keep
    // them all.
    let idleTimeout = TimeAmount.seconds(Int64(configuration.idleTimeoutSeconds))
    return Application(router: router, server: .http1(configuration: .init(idleTimeout: idleTimeout)),
                       configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "sipav"),
                       onServerRunning: { channel in
                           onListening("\(configuration.host):\(channel.localAddress?.port ?? configuration.port)")
                       })
}

/// What every route shares: the configuration, the templates and the session helpers.
struct WebApp: Sendable {
    let configuration: WebConfiguration
    let pages: Pages
    /// The locked year the public and the employees read, computed once (`LockedYearCache`).
    let lockedYears = LockedYearCache()
    /// The session cookie's name for this server's body.
    var sessionCookie: String { cookieName("sipav_session") }

    /// The session cookie's name for `body`.
    static func sessionCookie(for body: String) -> String { cookieName("sipav_session", for: body) }

    /// The name of the cookie `base` for this server's body (`cookieName(_:for:)`).
    func cookieName(_ base: String) -> String { Self.cookieName(base, for: configuration.body) }

    /// The name of the cookie `base` for `body`: one per body, so that two bodies served on one host (on two ports, or on
    /// two paths behind one proxy), which share the host's cookies, neither log each other's users out nor change each
    /// other's chosen year. `base`, `_` and a digest of the body's id (FNV-1a, 64 bits, in hex): an id may hold characters
    /// a cookie's name may not.
    static func cookieName(_ base: String, for body: String) -> String {
        var digest: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in body.utf8 { digest = (digest ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let hex = String(digest, radix: 16)
        return base + "_" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    var sessions: Sessions {
        Sessions(store: configuration.store, body: configuration.body, idleMinutes: configuration.sessionLifetimeMinutes,
                 limitMinutes: configuration.sessionLimitMinutes)
    }
    var accounts: Accounts { Accounts(store: configuration.store, body: configuration.body) }
    var attempts: LoginAttempts {
        LoginAttempts(store: configuration.store, body: configuration.body, throttle: configuration.throttle)
    }

    /// The session of the request's cookie, or nil.
    func session(_ request: Request) async throws -> WebSession? {
        guard let token = request.cookies[sessionCookie]?.value, !token.isEmpty else { return nil }
        return try await sessions.find(token: token)
    }

    /// The session, or a redirect to the login page that then comes back to the page asked for. A form posted
    /// without a session is answered 401 with the login page saying that nothing was saved (a redirect would lose
    /// it silently). A user still on a password HR gave them is sent to the change-password page instead, unless
    /// this is that page (or logging out): `passwordChangeAllowed`.
    func requireSession(_ request: Request, passwordChangeAllowed: Bool = false) async throws -> WebSession {
        guard let session = try await session(request) else {
            guard request.method == .post else { throw LoginRequired(returnPath: ReturnPath.of(get: request)) }
            // A rating form's ratings come back with its page after login, to be saved then: only a form of this site's
            // own pages, never ratings another site posted to be shown to whoever logs in next.
            let carried = RatingResumption.employee(ofPage: request.uri.path) != nil && RatingResumption.isFromThisSite(request)
                ? RatingResumption.hiddenFields(of: try await FormData.read(request)) : nil
            throw SessionExpired(page: try await LoginRoutes(web: self).loginPage(
                request, message: carried == nil ? LoginRoutes.expiredMessage : LoginRoutes.expiredRatingMessage,
                status: .unauthorized, returnPath: ReturnPath.of(post: request), carried: carried))
        }
        if session.account.mustChangePassword && !passwordChangeAllowed { throw PasswordChangeRequired() }
        return session
    }

    /// A POST of a logged-in user: the session, its form, and the CSRF token checked (403 otherwise).
    func requirePost(_ request: Request, passwordChangeAllowed: Bool = false) async throws -> (WebSession, FormData) {
        let (session, form, tokenMatches) = try await postOfSession(request, passwordChangeAllowed: passwordChangeAllowed)
        guard tokenMatches else { throw WebError.badCSRF }
        return (session, form)
    }

    /// A POST of a logged-in user, with whether its CSRF token is the session's. Only for a form that, refused, shows
    /// back what was typed and does nothing else: the session's cookie is `SameSite=Strict`, so a post that carries it
    /// came from the site's own pages (an older one, from before a new login).
    func postOfSession(_ request: Request, passwordChangeAllowed: Bool = false) async throws -> (WebSession, FormData, tokenMatches: Bool) {
        let session = try await requireSession(request, passwordChangeAllowed: passwordChangeAllowed)
        let form = try await FormData.read(request)
        return (session, form, RandomToken.matches(form["csrf"], session.csrfToken))
    }

    /// A `multipart/form-data` POST (a file upload) of a logged-in user: the session and its parts, the CSRF token
    /// checked (403 otherwise).
    func requireUpload(_ request: Request) async throws -> (WebSession, UploadedForm) {
        let session = try await requireSession(request)
        let form = try await UploadedForm.read(request)
        guard RandomToken.matches(form["csrf"], session.csrfToken) else { throw WebError.badCSRF }
        return (session, form)
    }

    /// The session of an HR account: 403 for any other role.
    func requireHR(_ request: Request) async throws -> WebSession {
        let session = try await requireSession(request)
        guard session.account.role == .hr else { throw WebError.forbidden }
        return session
    }

    func cookie(_ name: String, value: String, maxAge: Int? = nil) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: configuration.secureCookies, httpOnly: true,
               sameSite: .strict)
    }

    /// The values every page's layout needs.
    func layout(_ session: WebSession?, title: String) -> [String: Any] {
        var values: [String: Any] = ["title": title]
        if let session {
            values["user"] = ["username": session.account.username, "csrf": session.csrfToken,
                              "mustChangePassword": session.account.mustChangePassword,
                              "isManager": session.account.role == .manager, "isHR": session.account.role == .hr,
                              "hasOwnAppraisal": OwnAppraisalRoutes.ownEmployee(of: session.account) != nil]
        }
        return values
    }

    /// The values of an HR page's layout: with `year`, the header shows it and offers the choice of the body's years.
    func layout(_ session: WebSession, title: String, hrYear: HRYear?) -> [String: Any] {
        var values = layout(session, title: title)
        if let hrYear { values["hrYear"] = hrYear.values }
        return values
    }
}

/// Headers that keep pages out of frames and forbid scripts (the application needs none), on every response, error
/// pages included; an address that matches no route, and any other refusal of the framework's, gets the application's
/// own page, not an empty one.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            // The framework's own refusals (an address matching no route, a parameter of the wrong kind, a body past its
            // limit) carry no page: the application's, with the same status.
            response = try WebError.framework(error.status).response(from: request, context: context)
        } catch is NIOTooManyBytesError {
            // A body past a limit, which the framework answers 413 with no page.
            response = try WebError.framework(.contentTooLarge).response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            // Any other error (the database refusing what no check foresaw, say): the application's own page, with the
            // headers, not an empty 500 without them; the error itself goes to the server's log, not to the page.
            context.logger.error("\(request.method) \(request.uri.path): \(String(describing: error))")
            response = try WebError.internal.response(from: request, context: context)
        }
        // HEAD of an address the router does not answer (its 404 page made here): the headers alone.
        if request.method == .head { response = response.createHeadResponse() }
        response.headers[.contentSecurityPolicy] = "default-src 'self'; script-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        return response
    }
}

/// An address whose path or query holds a NUL (`%00`) is refused before any route reads it: no text of the application
/// holds one, and PostgreSQL would refuse it as an error of the server. Forms are checked as they are read.
struct NULRefusingMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let address = request.uri.path + "?" + (request.uri.query ?? "")
        guard !address.contains("%00"), !address.utf8.contains(0) else { throw WebError.nulCharacter }
        return try await next(request, context)
    }
}

/// Runs the web application until the process is stopped (SIGINT, SIGTERM).
/// Serves the web application until the process is stopped. A server that cannot listen throws `ListeningFailure`, in
/// Italian.
public func serveWebApplication(_ configuration: WebConfiguration, onListening: @escaping @Sendable (String) -> Void) async throws {
    let address = "\(configuration.host):\(configuration.port)"
    do {
        try await buildApplication(configuration, onListening: onListening).runService()
    } catch is SocketAddressError.UnknownHost, is SocketAddressError {
        throw ListeningFailure.unknownHost(configuration.host)
    } catch let error as IOError {
        let why = error.errnoCode == EADDRINUSE ? "la porta \(configuration.port) è già in uso da un altro programma: ne scelga un'altra con --port"
            : error.errnoCode == EADDRNOTAVAIL ? "l'indirizzo \(configuration.host) non è di questo computer"
            : error.errnoCode == EACCES ? "permesso negato (le porte sotto la 1024 richiedono i privilegi di amministratore)"
            : String(describing: error)
        throw ListeningFailure(addressIsUnknown: error.errnoCode == EADDRNOTAVAIL, message: "impossibile restare in ascolto su \(address): \(why)")
    }
}

/// Why the web server could not listen: the address given is not one (a command-line fault), or the system refused.
public struct ListeningFailure: Error {
    public let addressIsUnknown: Bool
    public let message: String

    static func unknownHost(_ host: String) -> ListeningFailure {
        ListeningFailure(addressIsUnknown: true, message: "l'indirizzo \(host) (--host) non si risolve: controlli il nome, o indichi un indirizzo IP")
    }
}

extension WebApp {
    /// The matrix, rounding and bands of `year`: its stored settings when it has them (read as `sipav` reads
    /// `Config/sipav.yaml`), else the server's. The rating pages show the scores the allocation will compute.
    func individualSettings(year: Int) async throws -> IndividualSettings {
        let body = configuration.body
        let text: String? = try await configuration.store.withWebConnection { db in
            try db.execute("SELECT settings_yaml FROM years WHERE body_id = $1 AND year = $2", [body, year]).first?["settings_yaml"]
        }
        guard let text else { return configuration.settings }
        do {
            return try SettingsFile.parse(text: text, file: "settings of \(year)").individual
        } catch {
            throw WebError(status: .internalServerError,
                           message: "Le impostazioni dell'anno \(year) non si possono leggere: l'ufficio personale le controlli.")
        }
    }

    /// A one-line notice for the page after a POST, from the `esito` query parameter the POST redirected with.
    static func notice(_ request: Request, _ texts: [String: String]) -> [String: Any]? {
        guard let key = request.query["esito"], let text = texts[key] else { return nil }
        return ["text": text, "isError": false]
    }
}
