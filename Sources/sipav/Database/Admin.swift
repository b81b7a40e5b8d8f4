import ArgumentParser
import SIPAVReports
import SIPAVStore
import SIPAVWeb

struct Reopen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Riapre un anno ripartito o pubblicato, registrandone il motivo.")
    @OptionGroup var year: YearOptions
    @Option(help: "Il motivo della riapertura (conservato nel registro).") var reason: String
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--reason non può essere vuoto: indichi il motivo della riapertura") }
    }

    func run() async throws {
        try await reportingFailures {
            try await database.currentStore().reopen(body: year.body, year: year.year, reason: reason, actor: database.actorName)
            print("Riaperto: ente \(year.body), anno \(year.year). Motivo registrato: \(reason)")
        }
    }
}

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Gli enti e gli anni nel database, con il loro stato.")
    @Option(help: "Solo questo ente.", transform: BodyArgument.parse) var body: String?
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures {
            let years = try await database.currentStore(creatingTheSchema: false).years(body: body)
            if let body, years.isEmpty {
                throw CommandFailure(status: ExitStatus.usage, message: "l'ente \(body) non è nel database: sipav db status li elenca tutti")
            }
            // JSON is read by programs: the state's code, the year a number; a table or a spreadsheet is read by HR:
            // the state's Italian name, the year without a thousands separator.
            let json = output.format == .json
            // The latest import, by whom and why: what a year reopened and imported again was imported for.
            let table = ReportTable(key: "years", title: "Anni", columns: [
                Column("body", "Ente"), Column("year", "Anno", rightAligned: true), Column("state", "Stato"),
                Column("staff", "Persone", rightAligned: true), Column("allocation_runs", "Ripartizioni", rightAligned: true),
                Column("last_import_at", "Ultima importazione"), Column("last_import_by", "Importata da"),
                Column("last_import_reason", "Motivo dell'importazione"),
            ], rows: years.map { year in
                [.text(year.body), json ? .integer(year.year) : .text(String(year.year)),
                 .text(json ? year.state.rawValue : year.state.italianName), .integer(year.staff), .integer(year.allocationRuns),
                 year.lastImport.map { .instant(italian: $0.at, iso: $0.instant) } ?? .absent("—"),
                 year.lastImport.map { .text($0.by) } ?? .absent("—"),
                 year.lastImport?.reason.map { .text($0) } ?? .absent("—")]
            })
            try output.write(Report(key: "status", title: "Stato del database", tables: [table]))
        }
    }
}

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Il registro delle modifiche di un ente: chi ha modificato quale dato, quando, da quale valore a quale.")
    @Option(help: "L'identificativo dell'ente.", transform: BodyArgument.parse) var body: String
    @Option(parsing: .unconditional, help: "Quante voci mostrare, dalla più recente.") var limit: Int = 50
    @OptionGroup var filters: AuditFilterOptions

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit: almeno 1 voce") }
    }
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures {
            let store = try await database.currentStore(creatingTheSchema: false)
            if !filters.isEmpty, try await store.years(body: body).isEmpty { throw Self.unknownBody(body) }
            // As HR's page shows the log: tables, fields and values in Italian, no password hash.
            let report = try await auditReport(store: store, body: body, filter: filters.filter(store: store, body: body), limit: limit)
            if filters.isEmpty, report.tables.allSatisfy({ $0.rows.isEmpty }), try await store.years(body: body).isEmpty {
                throw Self.unknownBody(body)
            }
            try output.write(Report(key: report.key, title: "Registro delle modifiche – ente \(body)", tables: report.tables,
                                    notes: filters.description.map { [$0] } ?? []))
        }
    }

    static func unknownBody(_ body: String) -> CommandFailure {
        CommandFailure(status: ExitStatus.usage, message: "l'ente \(body) non è nel database: nessuna modifica da mostrare")
    }
}
