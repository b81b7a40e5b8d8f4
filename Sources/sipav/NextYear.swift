import ArgumentParser
import Foundation
import SIPAV
import SIPAVCycle
import SIPAVFiles

/// `sipav next-year`: the next year's files drafted from one year's (`NextYearDraft`), with what HR must check.
struct NextYear: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next-year",
        abstract: "Scrive la bozza dei file dell'anno successivo, da completare e importare con --planning.",
        discussion: """
            Riporta le linee strategiche, le Aree, gli obiettivi e gli indicatori del piano con i loro traguardi e le loro \
            note (i mesi delle scadenze spostati di un anno), le persone con il loro part-time, i loro obiettivi individuali \
            e pesi, le voci del fondo senza importo. Lascia all'anno che si chiude i valori misurati, gli atti di revisione \
            e di soppressione degli indicatori, i risultati validati dall'OIV, le valutazioni, i mesi di servizio sotto i \
            12 e i motivi di non valutabilità, le conferme della Giunta e dell'OIV, gli importi e gli atti delle voci del \
            fondo. Ciò che va controllato è stampato e scritto, con gli elenchi completi, in da-verificare.txt accanto ai \
            file. Dal database: sipav db export --next-year.
            """)
    @OptionGroup var input: InputOptions
    @Option(name: .shortAndLong, help: "Cartella in cui scrivere la bozza (non quella dei file letti).") var output: String
    @Flag(help: "Sostituisce i file già presenti nella cartella (senza questa opzione la sostituzione è rifiutata).") var force = false

    func run() throws {
        try reportingFailures {
            let paths = try input.paths
            let read = [paths.plan, paths.staff, paths.objectives, paths.fund] + (paths.settings.map { [$0] } ?? [])
            let folders = read.map { ($0 as NSString).deletingLastPathComponent }.map { $0.isEmpty ? "." : $0 }
            if let target = FileIdentity(output), folders.contains(where: { FileIdentity($0) == target }) {
                throw CommandFailure(status: ExitStatus.usage, message: "\(output): è la cartella dei file letti: la bozza ne "
                                     + "sostituirebbe i file. Nulla è stato scritto: scelga un'altra cartella con -o")
            }
            let inputs = try PlannedYear.load(paths)
            try Self.write(plan: inputs.plan, records: inputs.records, fund: inputs.fund, settingsYAML: inputs.settingsText,
                           to: output, force: force)
        }
    }

    /// Drafts the year after `plan`'s, writes its files and the notes into `output`, and prints the notes.
    static func write(plan: OrganisationalPlan, records: StaffRecords, fund: Fund, settingsYAML: String?, to output: String,
                      force: Bool) throws {
        let next = plan.year + 1
        guard PlanFile.years.contains(next) else {
            throw CommandFailure(status: ExitStatus.usage, message: "l'anno \(next) è oltre l'ultimo anno di un piano "
                                 + "(\(PlanFile.years.upperBound)): nessuna bozza è stata scritta")
        }
        let draft = try NextYearDraft(plan: plan, records: records, fund: fund)
        var folder = YearFolder(plan: draft.plan, staff: draft.staff, objectives: draft.objectives, fund: draft.fund,
                                settingsYAML: settingsYAML)
        folder.add(NextYearNotes.fileName, NextYearNotes.text(draft, from: plan.year, complete: true))
        try folder.write(to: output, force: force)
        print("Scritta la bozza dell'anno \(next) in \(output) (\(folder.names)).")
        print("")
        print(NextYearNotes.text(draft, from: plan.year, complete: false), terminator: "")
        print("")
        print("Gli elenchi completi sono in \((output as NSString).appendingPathComponent(NextYearNotes.fileName)).")
    }
}
