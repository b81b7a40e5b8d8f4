import Hummingbird

/// A refusal shown to the user as a page: forbidden (403), not found (404), throttled (429)…
struct WebError: HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String

    static let forbidden = WebError(status: .forbidden, message: "Questa pagina non è tra quelle del suo ruolo.")
    /// A manager's page of someone they do not rate (another Area's, or nobody of the year): their role is right, the
    /// person is not theirs.
    static let notYourStaff = WebError(status: .forbidden, message: "Questa persona non è tra il personale che lei valuta in questo "
                                           + "anno: l'elenco «Valutazioni» mostra chi valuta.")
    static let badCSRF = WebError(status: .forbidden,
                                  message: "Il modulo è scaduto o non proviene da questa applicazione: ricarichi la pagina e riprovi.")
    static let `internal` = WebError(status: .internalServerError,
                                     message: "La richiesta non è andata a buon fine per un errore interno. "
                                         + "Riprovi; se l'errore si ripete, avvisi l'amministratore del sistema.")
    static let notFound = WebError(status: .notFound, message: "L'indirizzo non corrisponde a nessuna pagina: controlli il collegamento.")
    /// No text of the application holds a NUL (PostgreSQL's cannot): a request with one is refused before anything.
    static let nulCharacter = WebError(status: .badRequest,
                                       message: "La richiesta contiene un carattere non ammesso (NUL): controlli i campi o l'indirizzo e riprovi.")

    /// A form past the size `FormData.read` takes.
    static let formTooLarge = WebError(status: .contentTooLarge, message: "Il modulo inviato supera 1 MB: nulla è stato salvato. "
                                           + "Accorci i testi e lo invii di nuovo.")

    /// The page of a refusal of the framework's, which carries no text for the user: its status, in Italian.
    static func framework(_ status: HTTPResponse.Status) -> WebError {
        switch status.code {
        case 404: .notFound
        case 413: WebError(status: status, message: "La richiesta supera la dimensione consentita: nulla è stato salvato.")
        case 500...: WebError(status: status, message: WebError.internal.message)
        default: WebError(status: status, message: "La richiesta non è valida: controlli l'indirizzo o il modulo e riprovi.")
        }
    }

    /// The page's heading: what happened, in a word or two.
    var title: String {
        switch status.code {
        case 403: "Accesso non consentito"
        case 404: "Pagina non trovata"
        case 405: "Operazione non consentita"
        case 409: "Operazione non eseguita"
        case 413: "Richiesta troppo grande"
        case 429: "Troppi tentativi"
        case 500...: "Errore del servizio"
        default: "Richiesta non valida"
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        HTML.page(status: status, """
            <!DOCTYPE html><html lang="it"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) – SIPAV</title><link rel="stylesheet" href="/sipav.css"></head>
            <body><main><h1>\(title)</h1><p class="error">\(HTML.escape(message))</p>
            <p><a href="/">Torna all'inizio</a></p></main></body></html>
            """)
    }
}

/// The user must log in first; then they come back to `returnPath` (a page asked for without a session).
struct LoginRequired: HTTPResponseError {
    var returnPath: String? = nil
    var status: HTTPResponse.Status { .seeOther }
    func response(from request: Request, context: some RequestContext) throws -> Response {
        HTML.redirect(to: ReturnPath.loginAddress(returningTo: returnPath))
    }
}

/// A form posted without a valid session (it expired while the user filled it in): the login page, said loud, with
/// 401 instead of a redirect that would drop the form without a word.
struct SessionExpired: HTTPResponseError {
    let page: Response
    var status: HTTPResponse.Status { page.status }
    func response(from request: Request, context: some RequestContext) throws -> Response { page }
}

/// The user is still on a password HR gave them: they choose their own before anything else.
struct PasswordChangeRequired: HTTPResponseError {
    var status: HTTPResponse.Status { .seeOther }
    func response(from request: Request, context: some RequestContext) throws -> Response { HTML.redirect(to: PasswordRoutes.path) }
}

enum HTML {
    static func page(status: HTTPResponse.Status = .ok, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// After a POST: the browser follows with a GET.
    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// `text` with `& < > " '` written as entities, looked for one Unicode scalar at a time. Not one `Character` at a
    /// time: a character that joins what follows it into one grapheme (U+0600, a prepended mark) would hide a `<` from
    /// a comparison of characters, and let a name or a reason open a tag of its own.
    static func escape(_ text: String) -> String {
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped.append(contentsOf: "&amp;".unicodeScalars)
            case "<": escaped.append(contentsOf: "&lt;".unicodeScalars)
            case ">": escaped.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": escaped.append(contentsOf: "&quot;".unicodeScalars)
            case "'": escaped.append(contentsOf: "&#39;".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }
}
