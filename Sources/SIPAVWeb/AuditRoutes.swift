import Hummingbird
import SIPAV
import SIPAVReports

/// HR's audit log (`/hr/registro`): who changed which record of the body, when, from what to what; newest first,
/// `pageSize` a page (`?pagina=N`), optionally of one table (`?tabella=…`). Only HR: anyone else answers 403.
struct AuditRoutes: Sendable {
    let web: WebApp
    static let path = "/hr/registro"
    static let pageSize = 100
    /// Columns whose values the page does not show (the audit log keeps bcrypt hashes of passwords).
    static let hiddenFields: Set<String> = ["password_hash"]

    func register(on router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: AuditRoutes.path)) { request, _ in try await page(request) }
    }

    func page(_ request: Request) async throws -> Response {
        let session = try await web.requireHR(request)
        let parameters = request.uri.queryParameters
        let page = PeopleChoice.pageNumber(parameters["pagina"].map(String.init))
        let table = parameters["tabella"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let log = AuditLog(store: web.configuration.store, body: web.configuration.body)
        var lines = try await log.entries(table: table, page: page - 1, size: AuditRoutes.pageSize)
        let hasNext = lines.count > AuditRoutes.pageSize
        lines = Array(lines.prefix(AuditRoutes.pageSize))

        var values = web.layout(session, title: "Registro delle modifiche")
        values["tables"] = try await log.tables().map { ["name": $0, "selected": $0 == table] }
        values["lines"] = lines.map(AuditRoutes.values)
        values["empty"] = lines.isEmpty
        values["page"] = AuditRoutes.number(page)
        if let table { values["table"] = table }
        func link(_ page: Int) -> String {
            AuditRoutes.path + "?pagina=\(page)" + (table.map { "&tabella=" + $0.addingPercentEncodingForPath() } ?? "")
        }
        if page > 1 { values["previous"] = link(page - 1) }
        if hasNext { values["next"] = link(page + 1) }
        return web.pages.render("audit", values)
    }

    /// One line for the page: the operation in Italian, the key and each change as text.
    static func values(_ line: AuditLine) -> [String: Any] {
        let operation = switch line.operation {
        case "INSERT": "inserimento"
        case "UPDATE": "modifica"
        case "DELETE": "cancellazione"
        default: line.operation
        }
        return ["at": line.at, "actor": line.actor, "table": line.table, "operation": operation,
                "key": line.key.isEmpty ? "—" : line.key.map { "\($0.0) = \($0.1)" }.joined(separator: ", "),
                "changes": line.changes.map { change(line.operation, $0) }]
    }

    /// `field: before → after` for a change, `field: before` for a deletion, the number of rows for an insertion.
    static func change(_ operation: String, _ change: (field: String, old: String?, new: String?)) -> String {
        if operation == "INSERT" && change.field == "inserted" { return "righe inserite: \(change.new ?? "—")" }
        func shown(_ value: String?) -> String {
            guard let value else { return "—" }
            return hiddenFields.contains(change.field) ? "(non mostrato)" : value
        }
        if operation == "DELETE" { return "\(change.field): \(shown(change.old))" }
        return "\(change.field): \(shown(change.old)) → \(shown(change.new))"
    }

    static func number(_ value: Int) -> String { ItalianNumbers.number(Ratio(value, 1), digits: 0) }
}
