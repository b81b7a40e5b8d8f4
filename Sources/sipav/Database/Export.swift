import ArgumentParser
import Foundation
import SIPAV
import SIPAVFiles

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Riscrive un anno nei file da cui è stato importato (plan.yaml, staff.csv, objectives.csv, fund.yaml, settings.yaml).",
        discussion: """
            Con --next-year scrive invece la bozza dell'anno successivo, da completare e importare con --planning: \
            gli stessi obiettivi, indicatori, persone e obiettivi individuali, senza misurazioni, valutazioni, mesi di \
            servizio ridotti, motivi di non valutabilità, importi del fondo e atti dell'anno; in da-verificare.txt ciò che va \
            controllato (sipav help next-year).
            """)
    @OptionGroup var year: YearOptions
    @OptionGroup var database: DatabaseOptions
    @Option(name: .shortAndLong, help: "Cartella in cui scrivere.") var output: String
    @Flag(help: "Sostituisce i file già presenti nella cartella (senza questa opzione la sostituzione è rifiutata).") var force = false
    @Flag(name: .customLong("next-year"), help: "Scrive la bozza dell'anno successivo invece dell'anno stesso.") var nextYear = false

    func run() async throws {
        try await reportingFailures {
            let records = try await database.currentStore(creatingTheSchema: false).loadYear(body: year.body, year: year.year)
            if nextYear {
                try NextYear.write(plan: records.plan, records: records.records, fund: records.fund, settingsYAML: records.settingsYAML,
                                   to: output, force: force)
                return
            }
            let folder = YearFolder(plan: records.plan, staff: records.records.staff, objectives: records.records.objectives,
                                    fund: records.fund, settingsYAML: records.settingsYAML)
            try folder.write(to: output, force: force)
            print("Esportato: ente \(year.body), anno \(year.year) in \(output) (\(folder.names)).")
            if let warning = Export.answersForReasons(records.records.staff) { print(warning) }
        }
    }

    /// A year stored before `not_assessable` refused an answer where a reason goes (`no`, `x`, `0`): its files are
    /// written as stored, and would be refused on import until the reason is written. Said now, naming the people.
    static func answersForReasons(_ staff: [StaffMember]) -> String? {
        let named = staff.filter { $0.notAssessableReason.map(StaffFile.isAnswerRatherThanReason) == true }
            .map { "\($0.id) («\($0.notAssessableReason!)»)" }
        guard !named.isEmpty else { return nil }
        return "Attenzione: in staff.csv " + (named.count == 1 ? "una persona ha" : "\(named.count) persone hanno")
            + " come motivo di non valutabilità una risposta e non un motivo (\(ShortList.text(named))): importando di nuovo "
            + "questi file sarebbe rifiutata. Scriva il motivo, o svuoti la cella se la persona è valutabile."
    }
}
