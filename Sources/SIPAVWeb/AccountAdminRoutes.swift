import Foundation
import Hummingbird
import SIPAV
import SIPAVReports

/// HR's accounts page (`/hr/utenti`): the body's accounts; creating one with an initial password; disabling and
/// enabling one (never one's own); giving one a new temporary password, shown once (never one's own: that is
/// `/password`; never another HR officer's, who would then act under that name: that is `sipav user password`); importing a CSV file of accounts, each given a temporary password shown once. Whoever gets a
/// password from HR changes it at the first login.
/// Only HR: anyone else answers 403. Every change is attributed to the HR user in the audit log.
struct AccountAdminRoutes: Sendable {
    let web: WebApp
    static let path = "/hr/utenti"

    func register(on router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: AccountAdminRoutes.path)) { request, _ in try await page(request) }
        router.post(RouterPath(stringLiteral: AccountAdminRoutes.path)) { request, _ in try await create(request) }
        router.post(RouterPath(stringLiteral: AccountAdminRoutes.path + "/importa")) { request, _ in try await importFile(request) }
        router.post(RouterPath(stringLiteral: AccountAdminRoutes.path + "/:username/disattiva")) { request, context in
            try await setDisabled(true, request, username: try context.parameters.decoded("username"))
        }
        router.post(RouterPath(stringLiteral: AccountAdminRoutes.path + "/:username/riattiva")) { request, context in
            try await setDisabled(false, request, username: try context.parameters.decoded("username"))
        }
        router.post(RouterPath(stringLiteral: AccountAdminRoutes.path + "/:username/password-temporanea")) { request, context in
            try await resetPassword(request, username: try context.parameters.decoded("username"))
        }
    }

    func page(_ request: Request) async throws -> Response {
        let session = try await web.requireHR(request)
        return try await render(session, hrYear: await web.hrYearIfAny(request), notice: AccountAdminRoutes.notice(request))
    }

    /// The notice after a change, from the query the change redirected with.
    static func notice(_ request: Request) -> Notice? {
        let username = request.query["utente"] ?? ""
        switch request.query["esito"] {
        case "creato":
            return Notice(text: "Account «\(username)» creato: al primo accesso dovrà scegliere una password propria.", isError: false)
        case "disattivato":
            return Notice(text: "Account «\(username)» disattivato: le sue sessioni sono state chiuse.", isError: false)
        case "riattivato": return Notice(text: "Account «\(username)» riattivato.", isError: false)
        default: return nil
        }
    }

    func create(_ request: Request) async throws -> Response {
        let (session, form) = try await hrPost(request)
        func field(_ name: String) -> String { (form[name] ?? "").trimmingCharacters(in: .whitespaces) }
        let asked = AccountRequest(username: field("utente"), roleCode: field("ruolo"), employeeID: field("matricola"))
        let password = form["password"] ?? ""
        var (account, faults) = try await rules(for: [asked]).check(asked)
        if password.count < Accounts.minimumPasswordLength {
            faults.append(("password", "la password iniziale deve avere almeno \(Accounts.minimumPasswordLength) caratteri"))
        } else if password.utf8.count > Accounts.maximumPasswordBytes {
            faults.append(("password", "la password iniziale può avere al più \(Accounts.maximumPasswordBytes) caratteri (le lettere accentate contano due)"))
        } else if let weakness = PasswordStrength.weakness(password, username: asked.username) {
            faults.append(("password", "la password iniziale \(weakness)"))
        }
        guard faults.isEmpty, var account else {
            return try await render(session, status: .unprocessableContent,
                                    notice: Notice(text: "L'account non è stato creato: corregga i campi indicati.", isError: true),
                                    form: AccountForm(asked, errors: faults))
        }
        account.passwordHash = await Password.hash(password, cost: web.configuration.bcryptCost)
        do {
            try await web.accounts.insert([account], actor: session.account.username)
        } catch is UsernameTaken {
            return try await render(session, status: .unprocessableContent,
                                    notice: Notice(text: "L'account non è stato creato: corregga i campi indicati.", isError: true),
                                    form: AccountForm(asked, errors: [("utente", AccountAdminRoutes.takenMeanwhile)]))
        } catch let taken as PersonalAccountTaken {
            return try await render(session, status: .unprocessableContent,
                                    notice: Notice(text: "L'account non è stato creato: corregga i campi indicati.", isError: true),
                                    form: AccountForm(asked, errors: [("matricola", taken.message)]))
        }
        return HTML.redirect(to: AccountAdminRoutes.path + "?esito=creato&utente=" + account.username.addingPercentEncodingForPath())
    }

    static let takenMeanwhile = "un account con questo nome utente è appena stato creato da un altro utente"

    /// The CSV upload: every account of the file, or none. The result page shows each new account's temporary
    /// password, once: only its bcrypt hash is stored.
    func importFile(_ request: Request) async throws -> Response {
        // The role first: another role's upload is refused (403) before its body is read, whatever it holds.
        _ = try await web.requireHR(request)
        let (session, form) = try await web.requireUpload(request)
        guard let upload = form.files["file"], !upload.filename.isEmpty else {
            return try await importRefused(session, "Scelga il file CSV degli account da importare.", faults: [])
        }
        let file = upload.filename
        let requests: [AccountRequest]
        switch AccountFile.read(bytes: upload.bytes, file: file) {
        case let .success(read): requests = read
        case let .failure(errors): return try await importRefused(session, AccountAdminRoutes.nothingImported, faults: errors.errors)
        }
        var accounts: [NewAccount]
        switch AccountFile.check(requests, rules: try await rules(for: requests), file: file) {
        case let .success(checked): accounts = checked
        case let .failure(errors): return try await importRefused(session, AccountAdminRoutes.nothingImported, faults: errors.errors)
        }
        let passwords = accounts.map { _ in AccountAdminRoutes.temporaryPassword() }
        let hashes = await Password.hashAll(passwords, cost: temporaryCost)
        for index in accounts.indices { accounts[index].passwordHash = hashes[index] }
        do {
            try await web.accounts.insert(accounts, actor: session.account.username)
        } catch is UsernameTaken {
            return try await importRefused(session, AccountAdminRoutes.importedMeanwhile, faults: [])
        } catch let taken as PersonalAccountTaken {
            return try await importRefused(session, "Nessun account è stato importato: una delle persone del file ha appena "
                                           + "ricevuto l'account «\(taken.other)». Ricarichi la pagina e importi di nuovo il file.",
                                           faults: [])
        }
        var values = web.layout(session, title: "Account importati")
        values["file"] = file
        values["created"] = ItalianNumbers.count(accounts.count, "account creato", "account creati")
        // Each person's name beside their account: the sheet is cut into slips handed to people, not to ids.
        let names = Dictionary(try await web.accounts.listing().map { ($0.username, $0.name) }, uniquingKeysWith: { first, _ in first })
        values["accounts"] = zip(accounts, passwords).map { account, password -> [String: Any] in
            ["username": account.username, "role": account.role.label, "employeeID": account.employeeID ?? "—",
             "name": (names[account.username] ?? nil) ?? "—", "password": password]
        }
        return web.pages.render("accounts-imported", values)
    }

    /// An import whose usernames were created while it ran: most often the same file sent twice (a double click), whose
    /// first answer, with the passwords, the browser no longer shows.
    static let importedMeanwhile = "Questo invio non ha importato nulla: mentre era in corso, uno o più nomi utente del file "
        + "sono stati creati. Se il file è stato inviato due volte (un doppio clic), i suoi account esistono già, e le password "
        + "temporanee erano nella prima risposta, che il browser non mostra più: controlli l'elenco qui sotto e dia a chi non "
        + "ha ricevuto la password una nuova password temporanea. Altrimenti importi di nuovo il file."

    static let nothingImported = "Nessun account è stato importato: il file ha gli errori elencati qui sotto. Li corregga e lo carichi di nuovo."

    private func importRefused(_ session: WebSession, _ message: String, faults: [InputError]) async throws -> Response {
        try await render(session, status: .unprocessableContent, notice: Notice(text: message, isError: true),
                         importFaults: faults)
    }

    func setDisabled(_ disabled: Bool, _ request: Request, username: String) async throws -> Response {
        let (session, _) = try await hrPost(request)
        guard username != session.account.username else {
            throw WebError(status: .forbidden, message: "Non può disattivare né riattivare il proprio account.")
        }
        let changed: Bool
        do {
            changed = try await web.accounts.setDisabled(disabled, username: username, actor: session.account.username)
        } catch let taken as PersonalAccountTaken {
            return try await render(session, status: .conflict,
                                    notice: Notice(text: "L'account «\(username)» non è stato riattivato perché \(taken.message).", isError: true))
        }
        guard changed else { throw WebError(status: .notFound, message: "Nessun account con questo nome utente.") }
        return HTML.redirect(to: AccountAdminRoutes.path + "?esito=" + (disabled ? "disattivato" : "riattivato")
                             + "&utente=" + username.addingPercentEncodingForPath())
    }

    /// A forgotten password: the account gets a new temporary one, shown once, its sessions end, and its owner
    /// chooses their own at the next login.
    func resetPassword(_ request: Request, username: String) async throws -> Response {
        let (session, _) = try await hrPost(request)
        guard username != session.account.username else {
            throw WebError(status: .forbidden, message: "La propria password si cambia dalla pagina «Password».")
        }
        // Another HR officer's password, shown to whoever reset it, would let them act under that officer's name in
        // the audit log: it is changed on the command line, by whoever runs the server.
        guard try await web.accounts.role(of: username) != .hr else {
            throw WebError(status: .forbidden, message: AccountAdminRoutes.otherOfficersPassword)
        }
        let password = AccountAdminRoutes.temporaryPassword()
        let hash = await Password.hash(password, cost: temporaryCost)
        guard try await web.accounts.setPassword(username: username, hash: hash, mustChange: true, keeping: nil,
                                                 actor: session.account.username) else {
            throw WebError(status: .notFound, message: "Nessun account attivo con questo nome utente.")
        }
        // A forgotten password often comes after wrong ones: the new one is not throttled by them.
        try await web.attempts.reset(username: username, actor: session.account.username)
        var values = web.layout(session, title: "Password temporanea")
        values["username"] = username
        values["password"] = password
        return web.pages.render("account-password", values)
    }

    static let otherOfficersPassword = "La password di un altro account dell'ufficio personale non si cambia dal web: "
        + "chi l'ha dimenticata la fa reimpostare a chi gestisce il server, con «sipav user password»."

    /// The bcrypt cost of the temporary passwords this page gives (`Password.temporaryCost`).
    private var temporaryCost: UInt8 { Password.temporaryCost(configured: web.configuration.bcryptCost) }

    /// A form's POST by HR: 403 for anyone else.
    private func hrPost(_ request: Request) async throws -> (WebSession, FormData) {
        let (session, form) = try await web.requirePost(request)
        guard session.account.role == .hr else { throw WebError.forbidden }
        return (session, form)
    }

    /// The rules for `requests`: the staff of the years whose people may hold accounts (`accountYears`), and the
    /// usernames already taken, among those asked for.
    private func rules(for requests: [AccountRequest]) async throws -> AccountRules {
        let accounts = web.accounts
        let years = try await web.configuration.store.accountYears(body: web.configuration.body, configured: web.configuration.year)
        let employees = requests.map(\.employeeID).filter { !$0.isEmpty }
        let taken = try await accounts.taken(requests.map(\.username))
        guard !years.isEmpty else { return AccountRules(years: [], taken: taken, staff: []) }
        return AccountRules(years: years, taken: taken, staff: try await accounts.staff(of: years, among: employees),
                            managers: try await accounts.managers(of: years, among: employees),
                            personalAccounts: try await accounts.personalAccounts(among: employees))
    }

    /// 16 hexadecimal digits (64 random bits) from the secure generator: short enough to type from a printed sheet.
    static func temporaryPassword() -> String {
        String(RandomToken.make().prefix(16))
    }

    private func render(_ session: WebSession, hrYear: HRYear? = nil, status: HTTPResponse.Status = .ok, notice: Notice?,
                        form: AccountForm = AccountForm(), importFaults: [InputError] = []) async throws -> Response {
        let accounts = try await web.accounts.listing()
        var values = web.layout(session, title: "Utenti", hrYear: hrYear)
        if let notice { values["notice"] = ["text": notice.text, "isError": notice.isError] }
        values["accounts"] = accounts.map { account -> [String: Any] in
            var row: [String: Any] = ["username": account.username, "role": account.role.label,
                                      "employeeID": account.employeeID ?? "—", "name": account.name ?? "—",
                                      "disabled": account.disabled]
            if account.username != session.account.username {
                let path = AccountAdminRoutes.path + "/" + account.username.addingPercentEncodingForPath()
                row["action"] = ["path": path + (account.disabled ? "/riattiva" : "/disattiva"),
                                 "label": account.disabled ? "Riattiva" : "Disattiva"]
                if !account.disabled, account.role != .hr { row["reset"] = ["path": path + "/password-temporanea"] }
            }
            row["mustChangePassword"] = account.mustChangePassword
            return row
        }
        values["total"] = ItalianNumbers.integer(accounts.count)
        values["disabledCount"] = ItalianNumbers.count(accounts.filter(\.disabled).count, "disattivato", "disattivati")
        values["form"] = form.values
        if !importFaults.isEmpty {
            // Named by the file field too, as its description: what is wrong with the file it was given.
            values["hasImportFaults"] = true
            values["importFaults"] = importFaults.map(ItalianFaults.values)
            values["importFaultCount"] = ItalianNumbers.integer(importFaults.count)
        }
        return web.pages.render("accounts", values, status: status)
    }
}

/// The new-account form as shown again after a refusal: what was typed (never the password) and each field's error.
struct AccountForm {
    var username = ""
    var roleCode = AccountRole.employee.code
    var employeeID = ""
    var errors: [String: String] = [:]

    init() {}

    init(_ request: AccountRequest, errors: [(field: String, rule: String)]) {
        (username, roleCode, employeeID) = (request.username, request.roleCode, request.employeeID)
        for (field, rule) in errors where self.errors[field] == nil { self.errors[field] = rule }
    }

    var values: [String: Any] {
        ["username": username, "employeeID": employeeID, "errors": FieldErrors.sentences(errors),
         "roles": AccountRole.allCases.map { role -> [String: Any] in
             ["value": role.code, "label": role.label, "selected": role.code == roleCode.lowercased()]
         }]
    }
}

extension Password {
    /// Hashes many passwords at once, a few at a time on every core (an import of hundreds of accounts).
    static func hashAll(_ passwords: [String], cost: UInt8) async -> [String] {
        await withTaskGroup(of: (Int, String).self) { group in
            var hashes = [String](repeating: "", count: passwords.count)
            var next = 0
            let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
            func start() {
                guard next < passwords.count else { return }
                let (index, password) = (next, passwords[next])
                group.addTask { (index, await Password.hash(password, cost: cost)) }
                next += 1
            }
            for _ in 0..<width { start() }
            for await (index, hash) in group {
                hashes[index] = hash
                start()
            }
            return hashes
        }
    }
}
