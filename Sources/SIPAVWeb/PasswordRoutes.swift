import Hummingbird

/// Every user's own password (`/password`): the current one, then the new one twice. A user still on a password
/// HR gave them (an initial or temporary one) is sent here by every page until they choose their own. Wrong
/// current passwords count as failed logins, so the form cannot be used to guess one. Changing the password ends
/// the user's other sessions; the change is in the audit log under the user's name, the password never.
struct PasswordRoutes: Sendable {
    let web: WebApp
    static let path = "/password"

    func register(on router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: PasswordRoutes.path)) { request, _ in
            let session = try await web.requireSession(request, passwordChangeAllowed: true)
            let notice = request.query["esito"] == "cambiata"
                ? Notice(text: "Password cambiata. Le altre sessioni aperte con questo account sono state chiuse.", isError: false) : nil
            return render(session, notice: notice)
        }
        router.post(RouterPath(stringLiteral: PasswordRoutes.path)) { request, _ in try await change(request) }
    }

    func change(_ request: Request) async throws -> Response {
        let (session, form) = try await web.requirePost(request, passwordChangeAllowed: true)
        let username = session.account.username
        // A password HR gave is changed on the way from the login to the page the user was going to, and to the ratings
        // the login carried (`RatingResumption`): both are kept through a refused change too.
        let mustChange = session.account.mustChangePassword
        let returnPath = mustChange ? ReturnPath.safe(form[ReturnPath.field]) : nil
        let carried = mustChange ? RatingResumption.hiddenFields(of: form) : nil
        func refused(_ errors: [String: String]) -> Response {
            render(session, status: .unprocessableContent,
                   notice: Notice(text: "La password non è stata cambiata: corregga i campi indicati.", isError: true),
                   errors: errors, returnPath: returnPath, carried: carried)
        }
        let current = form["attuale"] ?? "", new = form["nuova"] ?? "", repeated = form["ripetuta"] ?? ""
        switch try await web.checkPassword(current, of: username) {
        case .throttled:
            return render(session, status: .tooManyRequests, notice: Notice(
                text: "Troppi tentativi non riusciti con questo utente: "
                    + LoginRoutes.tryAgain(in: web.configuration.throttle.windowMinutes),
                isError: true), returnPath: returnPath, carried: carried)
        case .wrong: return refused(["attuale": "la password attuale non è corretta"])
        case .right: break
        }
        var errors: [String: String] = [:]
        if new.count < Accounts.minimumPasswordLength {
            errors["nuova"] = "la nuova password deve avere almeno \(Accounts.minimumPasswordLength) caratteri"
        } else if new.utf8.count > Accounts.maximumPasswordBytes {
            errors["nuova"] = "la nuova password può avere al più \(Accounts.maximumPasswordBytes) caratteri (le lettere accentate contano due)"
        } else if new == current {
            errors["nuova"] = "la nuova password deve essere diversa da quella attuale"
        } else if let weakness = PasswordStrength.weakness(new, username: username) {
            errors["nuova"] = "la nuova password \(weakness)"
        }
        if errors.isEmpty && repeated != new { errors["ripetuta"] = "le due nuove password non coincidono" }
        guard errors.isEmpty else { return refused(errors) }
        let newHash = await Password.hash(new, cost: web.configuration.bcryptCost)
        guard try await web.accounts.setPassword(username: username, hash: newHash, mustChange: false,
                                                 keeping: session.token, actor: username) else {
            throw LoginRequired()
        }
        guard mustChange else { return HTML.redirect(to: PasswordRoutes.path + "?esito=cambiata") }
        return try await RatingResumption.page(web: web, form: form, returnPath: returnPath, token: session.token)
            ?? HTML.redirect(to: returnPath ?? "/")
    }

    /// The password page; `returnPath` and `carried` (hidden fields of ratings) go on with the form, for an account
    /// that must change its password before it goes there.
    func render(_ session: WebSession, status: HTTPResponse.Status = .ok, notice: Notice?,
                errors: [String: String] = [:], returnPath: String? = nil, carried: [[String: String]]? = nil) -> Response {
        var values = web.layout(session, title: "Password")
        if let returnPath { values["returnPath"] = returnPath }
        if let carried {
            values["carried"] = carried
            values["carriedMessage"] = RatingResumption.afterPasswordMessage
        }
        if let notice { values["notice"] = ["text": notice.text, "isError": notice.isError] }
        values["mustChange"] = session.account.mustChangePassword
        values["errors"] = FieldErrors.sentences(errors)
        values["minimum"] = String(Accounts.minimumPasswordLength)
        return web.pages.render("password", values, status: status)
    }
}
