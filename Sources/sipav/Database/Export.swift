import ArgumentParser
import Foundation
import SIPAV

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
        }
    }
}
