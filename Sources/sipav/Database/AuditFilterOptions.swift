import ArgumentParser
import SIPAV
import SIPAVStore
import SIPAVWeb

/// The filters of `sipav db audit`, those of HR's page of the log: a table, who made the change, a person, the days and
/// the year. `--changed-by`, not `--actor`: `--actor` names who runs a command, as for every `db` command.
struct AuditFilterOptions: ParsableArguments {
    @Option(help: "Solo i record di questa tabella: il suo nome nel database (allocations) o in italiano («Quote ripartite»).")
    var table: String?
    @Option(name: .customLong("changed-by"), help: "Solo le modifiche fatte da questo utente, come il registro lo nomina (ad esempio hr.rossi).")
    var changedBy: String?
    @Option(help: "Solo i record di questo dipendente: la sua matricola, in maiuscolo o minuscolo.") var employee: String?
    @Option(help: "Dal giorno AAAA-MM-GG compreso (ora italiana).", transform: DayArgument.parse) var from: CalendarDate?
    @Option(help: "Fino al giorno AAAA-MM-GG compreso (ora italiana).", transform: DayArgument.parse) var to: CalendarDate?
    @Option(help: "Solo i record di quest'anno, con i cambi di nome dell'ente e delle persone del suo personale, che i suoi rapporti mostrano (gli utenti restano fuori).",
            transform: YearArgument.parse)
    var year: Int?

    func validate() throws {
        for (option, value) in [("--table", table), ("--changed-by", changedBy), ("--employee", employee)] {
            if let value, value.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("\(option) non può essere vuoto: lo ometta per non filtrare")
            }
        }
        if let from, let to, to < from {
            throw ValidationError("--from (\(DayArgument.italian(from))) è dopo --to (\(DayArgument.italian(to))): nessuna modifica "
                + "può cadere tra le due date. Controlli le date.")
        }
    }

    var isEmpty: Bool { table == nil && changedBy == nil && employee == nil && from == nil && to == nil && year == nil }

    /// The filter for the log's query, the table named as the database names it; a table the log does not know is
    /// refused (exit 64), naming those it does.
    func filter(store: PostgresStore, body: String) async throws -> AuditFilter {
        let trimmed = { (text: String?) in text?.trimmingCharacters(in: .whitespaces) }
        var filter = AuditFilter(employee: trimmed(employee), actor: trimmed(changedBy), from: from, to: to, year: year)
        if let written = trimmed(table) {
            let tables = try await auditTables(store: store, body: body)
            guard let match = tables.first(where: { [$0.table, $0.label].contains { $0.lowercased() == written.lowercased() } }) else {
                throw CommandFailure(status: ExitStatus.usage, message: "--table: «\(written)» non è una tabella del registro delle "
                    + "modifiche. Le tabelle sono: " + tables.map { "\($0.table) (\($0.label))" }.joined(separator: ", ") + ".")
            }
            filter.table = match.table
        }
        return filter
    }

    /// The filters given, in Italian, for the report's note; nil when none is.
    var description: String? {
        var parts: [String] = []
        if let table { parts.append("tabella \(table)") }
        if let changedBy { parts.append("modifiche di \(changedBy)") }
        if let employee { parts.append("matricola \(employee)") }
        if let from { parts.append("dal \(DayArgument.italian(from))") }
        if let to { parts.append("al \(DayArgument.italian(to))") }
        if let year { parts.append("anno \(year)") }
        return parts.isEmpty ? nil : "Filtri: " + parts.joined(separator: ", ") + "."
    }
}

/// A day as `--from` and `--to` give it: `2026-11-25` (or `25/11/2026`, as HR's page takes it), a real date.
enum DayArgument {
    static func parse(_ text: String) throws -> CalendarDate {
        guard let date = CalendarDate(parsing: text.trimmingCharacters(in: .whitespaces)) else {
            throw ValidationError("la data si scrive AAAA-MM-GG, ad esempio 2026-11-25, e deve esistere nel calendario")
        }
        return date
    }

    /// `25/11/2026`.
    static func italian(_ date: CalendarDate) -> String {
        (date.day < 10 ? "0" : "") + "\(date.day)/" + (date.month < 10 ? "0" : "") + "\(date.month)/\(date.year)"
    }
}
