import Foundation
import Hummingbird
import SIPAV
import SIPAVReports

/// HR's audit log (`/hr/registro`): who changed which record of the body, when, from what to what; newest first,
/// `pageSize` a page (`?pagina=N`), optionally of one table (`?tabella=…`), one person (`?matricola=…`), one user
/// (`?utente=…`), the records of one year (`?anno_dei_dati=…`) and the days from `?dal=` to `?al=` (dd/mm/yyyy or
/// yyyy-mm-dd). `/hr/registro.csv` downloads every
/// line the same filters let through. Only HR: anyone else answers 403.
struct AuditRoutes: Sendable {
    let web: WebApp
    static let path = "/hr/registro"
    static let downloadPath = path + ".csv"
    static let pageSize = 100
    /// Columns whose values the page does not show (the audit log keeps bcrypt hashes of passwords).
    static let hiddenFields: Set<String> = ["password_hash"]
    /// The page's columns, as the download heads them.
    static let columns = [Column("at", "Quando"), Column("actor", "Chi"), Column("table", "Tabella"),
                          Column("operation", "Operazione"), Column("record", "Record"), Column("changes", "Modifiche")]

    func register(on router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: AuditRoutes.path)) { request, _ in try await page(request) }
        router.get(RouterPath(stringLiteral: AuditRoutes.path + ".csv")) { request, _ in try await download(request) }
    }

    func page(_ request: Request) async throws -> Response {
        let session = try await web.requireHR(request)
        let parameters = request.query
        let page = PeopleChoice.pageNumber(parameters["pagina"])
        let (filter, fault, faulty) = AuditRoutes.filter(request)
        let log = AuditLog(store: web.configuration.store, body: web.configuration.body)
        var lines = fault == nil ? try await log.entries(filter, page: page - 1, size: AuditRoutes.pageSize) : []
        let hasNext = lines.count > AuditRoutes.pageSize
        lines = Array(lines.prefix(AuditRoutes.pageSize))

        let hrYear = await web.hrYearIfAny(request)
        var values = web.layout(session, title: "Registro delle modifiche", hrYear: hrYear)
        values["tables"] = try await log.tables().map { ["name": $0, "label": AuditLabels.table($0), "selected": $0 == filter.table] }
        values["lines"] = lines.map(AuditRoutes.values)
        values["empty"] = lines.isEmpty
        values["page"] = ItalianNumbers.integer(page)
        if let table = filter.table { values["table"] = AuditLabels.table(table) }
        // A field at fault is marked, alone, and keeps what was typed.
        values["filters"] = ["matricola": filter.employee ?? "", "utente": filter.actor ?? "",
                             "dal": faulty["dal"] ?? filter.from?.description ?? "", "al": faulty["al"] ?? filter.to?.description ?? "",
                             "annoDeiDati": faulty[AuditRoutes.yearField] ?? filter.year.map(String.init) ?? "",
                             "dalFaulty": faulty["dal"] != nil, "alFaulty": faulty["al"] != nil,
                             "annoDeiDatiFaulty": faulty[AuditRoutes.yearField] != nil]
        if let fault { values["fault"] = fault }
        let query = AuditRoutes.query(filter)
        // The pages keep HR's year, as the header's links do; the download has none.
        func link(_ page: Int) -> String {
            AuditRoutes.path + "?pagina=\(page)" + (hrYear.map { "&anno=\($0.year)" } ?? "") + query.map { "&" + $0 }.joined()
        }
        if page > 1 { values["previous"] = link(page - 1) }
        if hasNext { values["next"] = link(page + 1) }
        if fault == nil { values["download"] = AuditRoutes.downloadPath + (query.isEmpty ? "" : "?" + query.joined(separator: "&")) }
        return web.pages.render("audit", values)
    }

    /// Every line the filters let through, as CSV: the page's columns, UTF-8 with a BOM, `;` between fields.
    func download(_ request: Request) async throws -> Response {
        _ = try await web.requireHR(request)
        let (filter, fault, _) = AuditRoutes.filter(request)
        if let fault { throw WebError(status: .badRequest, message: fault) }
        let lines = try await AuditLog(store: web.configuration.store, body: web.configuration.body).entries(filter, size: nil)
        return Response(status: .ok,
                        headers: [.contentType: "text/csv; charset=utf-8",
                                  .contentDisposition: "attachment; filename=\"sipav-registro-modifiche.csv\"", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: OutputFormat.csv.render(AuditRoutes.report(lines)))))
    }

    /// The lines as a report of one table, for the CSV renderer.
    static func report(_ lines: [AuditLine]) -> Report {
        let rows = lines.map { line -> [Cell] in
            let shown = values(line)
            return [.instant(italian: line.at, iso: line.instant), .text(line.actor), .text(shown["table"] as! String), .text(shown["operation"] as! String),
                    .text(shown["key"] as! String), .text((shown["changes"] as! [String]).joined(separator: " | "))]
        }
        return Report(key: "audit_log", title: "Registro delle modifiche",
                      tables: [ReportTable(key: "entries", title: "Registro delle modifiche", columns: columns, rows: rows)])
    }

    /// The filters of the request's query, what is wrong with a date or the year when one cannot be read, and the
    /// fields at fault with what was typed in them.
    static func filter(_ request: Request) -> (AuditFilter, fault: String?, faulty: [String: String]) {
        let parameters = request.query
        func text(_ name: String) -> String? {
            parameters[name].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        var faults: [String] = []
        var faulty: [String: String] = [:]
        func day(_ name: String, _ label: String) -> CalendarDate? {
            guard let written = text(name) else { return nil }
            guard let date = CalendarDate(parsing: written) else {
                faults.append("La data \(label) «\(written)» non è valida: la scriva come gg/mm/aaaa.")
                faulty[name] = written
                return nil
            }
            return date
        }
        // The year of the records (`anno_dei_dati`): `anno` is the year HR's pages work on, which every link keeps.
        var year: Int?
        if let written = text(AuditRoutes.yearField) {
            if let value = Int(written), (1990...2200).contains(value) { year = value }
            else {
                faults.append("L'anno «\(written)» non è valido: lo scriva con quattro cifre, ad esempio 2019.")
                faulty[AuditRoutes.yearField] = written
            }
        }
        let filter = AuditFilter(table: text("tabella"), employee: text("matricola"), actor: text("utente"),
                                 from: day("dal", "iniziale"), to: day("al", "finale"), year: year)
        if let from = filter.from, let to = filter.to, to < from {
            func italian(_ date: CalendarDate) -> String { String(format: "%02d/%02d/%04d", date.day, date.month, date.year) }
            faults.append("La data iniziale (\(italian(from))) è dopo quella finale (\(italian(to))): nessuna modifica può cadere "
                + "tra le due. Controlli le date.")
            (faulty["dal"], faulty["al"]) = (from.description, to.description)
        }
        return (filter, faults.isEmpty ? nil : faults.joined(separator: " "), faulty)
    }

    /// The query field of the records' year filter.
    static let yearField = "anno_dei_dati"

    /// The filters given, as `name=value` for the links, percent-encoded.
    static func query(_ filter: AuditFilter) -> [String] {
        [("tabella", filter.table), ("matricola", filter.employee), ("utente", filter.actor),
         ("dal", filter.from?.description), ("al", filter.to?.description), (yearField, filter.year.map(String.init))].compactMap { name, value in
            value.map { name + "=" + $0.addingPercentEncodingForPath() }
        }
    }

    /// One line for the page: the operation, the table, the record and each change in Italian.
    static func values(_ line: AuditLine) -> [String: Any] {
        let operation = switch line.operation {
        case "INSERT": "inserimento"
        case "UPDATE": "modifica"
        case "DELETE": "cancellazione"
        default: line.operation
        }
        // An inserted record's key is in its own column: its values list the rest.
        let keyFields = Set(line.key.map(\.0) + ["body_id"])
        let listed = line.operation == "INSERT" ? line.changes.filter { !keyFields.contains($0.field) } : line.changes
        // The why of a record (a reopening's, an import's) first: a long value before it (an import's files) would
        // hide it where a terminal cuts the line.
        let changes = listed.filter { $0.field == "reason" } + listed.filter { $0.field != "reason" }
        return ["at": line.at, "actor": line.actor, "table": AuditLabels.table(line.table), "operation": operation,
                "key": AuditLabels.record(line), "changes": changes.map { change(line.operation, $0) }]
    }

    /// `field: before → after` for a change, `field: before` for a deletion, `field: value` for an inserted record
    /// and the number of rows for a large insertion (SQL/0015).
    static func change(_ operation: String, _ change: (field: String, old: String?, new: String?)) -> String {
        let label = AuditLabels.column(change.field)
        if operation == "INSERT" && change.field == "inserted" { return "\(label): \(change.new ?? "—")" }
        func shown(_ value: String?) -> String {
            guard let value else { return "—" }
            return hiddenFields.contains(change.field) ? "(valore non mostrato)" : AuditLabels.value(value, of: change.field)
        }
        if operation == "INSERT" { return "\(label): \(shown(change.new))" }
        if operation == "DELETE" { return "\(label): \(shown(change.old))" }
        return "\(label): \(shown(change.old)) → \(shown(change.new))"
    }
}
