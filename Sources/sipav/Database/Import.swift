import SIPAV
import SIPAVCycle
import ArgumentParser
import Foundation
import SIPAVReports
import SIPAVStore

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: """
            Importa nel database i file di un anno: una sola transazione, tutto o niente; un anno già registrato è \
            allineato ai file, e ciò che i file lasciano invariato resta com'è.
            """)
    @Option(help: "L'identificativo dell'ente.", transform: BodyArgument.parse) var body: String
    @OptionGroup var input: InputOptions
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Accetta obiettivi non ancora valutati e indicatori non ancora misurati (mentre gli obiettivi sono in programmazione).") var planning = false
    @Flag(help: ArgumentHelp("Ripartisce anche l'anno in base alle valutazioni dei file, nella stessa transazione: importato e ripartito, o niente.",
                             discussion: "Per un anno valutato fuori da sipav; l'anno diventa ripartito, come dopo sipav db run."))
    var allocate = false
    @Flag(help: "L'ente ha cambiato nome: registra il nome indicato nel piano (senza questa opzione un nome diverso da quello registrato è rifiutato).")
    var renameBody = false
    @Flag(help: ArgumentHelp("Persone di anni chiusi o successivi hanno cambiato nome: registra i nomi dell'elenco del personale (senza questa opzione sono rifiutati).",
                             discussion: "Il nome di una persona è lo stesso in ogni anno: anche i rapporti degli anni chiusi mostrano quello nuovo."))
    var renameEmployees = false
    @Flag(help: ArgumentHelp("Rimuove le persone assenti dall'elenco del personale anche quando la loro scheda contiene valutazioni o è stata inviata come definitiva.",
                             discussion: "Senza questa opzione è rifiutato: una riga persa in un foglio di calcolo cancellerebbe il lavoro di un dirigente."))
    var removeRated = false
    @Flag(help: ArgumentHelp("Rimuove le conferme del fondo (Giunta, OIV) e i risultati validati dall'OIV registrati per l'anno che i file non riportano.",
                             discussion: "Senza questa opzione è rifiutato: un fund.yaml o un piano riscritti senza di essi li cancellerebbero in silenzio."))
    var removeActs = false
    @Flag(help: ArgumentHelp("Accetta conferme del fondo e risultati validati con gli stessi estremi (delibera, verbale) registrati per un altro anno.",
                             discussion: "Senza questa opzione è rifiutato: un file copiato dall'anno prima farebbe passare gli atti di quell'anno per questo."))
    var reuseActs = false
    @Option(help: ArgumentHelp("Il motivo dell'importazione, conservato con essa nel registro delle importazioni.",
                               discussion: "Necessario per importare di nuovo un anno che è stato riaperto, e con le opzioni che consentono ciò che l'importazione altrimenti rifiuta (--rename-body, --rename-employees, --remove-rated, --remove-acts, --reuse-acts)."))
    var reason: String?

    /// The flags given that allow what the import otherwise refuses: each as the command line spells it, with its consent.
    private var consentsGiven: [(flag: String, consent: ImportConsent)] {
        [(renameBody, "--rename-body", ImportConsent.renamedBody), (renameEmployees, "--rename-employees", .renamedEmployeesOfClosedYears),
         (removeRated, "--remove-rated", .removedRatedPeople), (removeActs, "--remove-acts", .removedActs),
         (reuseActs, "--reuse-acts", .reusedActs)].filter(\.0).map { ($0.1, $0.2) }
    }

    /// What the files may rename or remove, as the flags say.
    var consent: ImportConsent { consentsGiven.reduce(ImportConsent()) { $0.union($1.consent) } }

    /// The flags given that allow what the import otherwise refuses, as the command line spells them.
    var consentFlags: [String] { consentsGiven.map(\.flag) }

    func validate() throws {
        guard !(allocate && planning) else {
            throw ValidationError("--allocate e --planning si escludono: si ripartisce solo un anno con tutte le valutazioni")
        }
        if let fault = reason.flatMap(Import.reasonFault) { throw ValidationError(fault) }
        // What the import refuses unless told is done on purpose: the record says which purpose.
        if reason == nil, !consentFlags.isEmpty {
            throw ValidationError(consentFlags.joined(separator: ", ") + (consentFlags.count == 1 ? " consente" : " consentono")
                + " ciò che l'importazione altrimenti rifiuta: ne indichi il motivo con --reason \"…\", che resta nel registro "
                + "delle importazioni. Nulla è stato importato.")
        }
    }

    /// Why `reason`, as typed after `--reason`, cannot go on record, or nil. Checked before anything is read: the
    /// database would refuse it only at the end of the import.
    static func reasonFault(_ reason: String) -> String? {
        let kept = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if kept.isEmpty { return "--reason non può essere vuoto: indichi il motivo dell'importazione, o ometta l'opzione" }
        guard kept.count <= YearImports.reasonLimit else {
            return "--reason è lungo \(ItalianNumbers.integer(kept.count)) caratteri: al massimo "
                + "\(ItalianNumbers.integer(YearImports.reasonLimit)). Lo riassuma, e rimandi al documento che lo spiega."
        }
        return nil
    }

    /// What goes on record with the import: the reason, the files read (absolute paths), and whether for planning. A
    /// year ever reopened is imported again only with a reason.
    func note(_ paths: InputPaths) -> ImportNote {
        ImportNote(reason: reason?.trimmingCharacters(in: .whitespacesAndNewlines), files: Import.recordedFiles(paths),
                   planning: planning, reasonRequiredOnceReopened: true)
    }

    /// The files an import reads, as absolute paths, for its record: a path relative to the officer's folder would say
    /// nothing later.
    static func recordedFiles(_ paths: InputPaths) -> [String] {
        ([paths.plan, paths.staff, paths.objectives, paths.fund] + (paths.settings.map { [$0] } ?? []))
            .map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    }

    func run() async throws {
        try await reportingFailures {
            // A forgotten --data would store the built-in demo's synthetic staff as this body's, and no command removes a body.
            if input.readsTheBuiltInDemo && body != DatabaseDemo.builtInBody {
                throw CommandFailure(status: ExitStatus.usage, message: "indichi con --data la cartella dei file dell'anno da importare "
                    + "nell'ente \(body): senza, si importerebbero i dati dimostrativi integrati (che si importano solo nell'ente "
                    + "\(DatabaseDemo.builtInBody): sipav db demo)")
            }
            // While planning, the year is read and checked but not computed: nothing need be rated or measured yet.
            let inputs = planning ? try PlannedYear.load(try input.paths) : nil
            let cycle = planning ? nil : try loadCycle(input)
            let store = try await database.currentStore()
            let note = note(try input.paths)
            let year = inputs ?? cycle!.inputs
            let records = year.records
            // A body new to the database is said so: a mistyped id (CCIAA-T0 for CCIAA-TO) would otherwise pass unseen.
            let isNew = try await store.years(body: body).isEmpty
            let imported = (isNew ? "nuovo ente \(body)" : "ente \(body)") + ", anno \(year.plan.year): "
                + Import.counts(people: records.staff.count, objectives: records.objectives.count)
            guard allocate, let cycle else {
                let summary = try await Import.keepingSettings {
                    try await store.importYear(year.records(body: body), actor: database.actorName, progress: ProgressBar.objectives,
                                               consent: consent, note: note)
                }
                print("Importato: \(imported).")
                if let notice = Validate.unmeasuredNotice(year.plan.unmeasuredIndicatorIDs.count) { print(notice) }
                if let notice = Import.removedNotice(summary.removedPeople, year: year.plan.year) { print(notice) }
                summary.withdrawnSubmissions.forEach { print($0.notice) }
                if let carried = summary.carriedOver { print(Import.carriedOverNotice(carried, allocated: false)) }
                // Imported for planning, its files rated: a file of another year's ratings would have opened it unseen.
                if planning && summary.openedForRating {
                    print("Attenzione: i file portano valutazioni (cosa e come), e l'anno \(year.plan.year) è passato da «"
                          + YearState.planning.italianName + "» a «" + YearState.rating.italianName + "»: i dirigenti possono "
                          + "valutare sul web, a partire da queste valutazioni. Verifichi che siano di quest'anno.")
                }
                return
            }
            let allocation = try cycle.allocate()
            let summary = try await Import.keepingSettings {
                try await store.importAllocated(cycle.records(body: body), outcome: cycle.outcome(allocation),
                                                actor: database.actorName, progress: ProgressBar.objectives, consent: consent,
                                                note: note)
            }
            print("Importato e ripartito: \(imported); l'anno è ora \(YearState.allocated.italianName).")
            if let notice = Import.removedNotice(summary.removedPeople, year: cycle.inputs.plan.year) { print(notice) }
            summary.withdrawnSubmissions.forEach { print($0.noticeAfterAllocation) }
            if let carried = summary.carriedOver { print(Import.carriedOverNotice(carried, allocated: true)) }
            AllocationSummary.lines(allocation).forEach { print($0) }
            print("Gli importi di ciascuno: sipav db report allocation --body \(body) --year \(cycle.inputs.plan.year)")
        }
    }

    /// Runs an import, saying in Italian why one without settings of a year stored with its own was refused, one that
    /// would remove people with ratings unasked, or one of a year ever reopened without a reason (the store checks them
    /// inside the import's transaction).
    static func keepingSettings<T>(_ importing: () async throws -> T) async throws -> T {
        do {
            return try await importing()
        } catch let kept as StoredSettingsKept {
            throw refusal(kept)
        } catch let removed as RatedPeopleRemoved {
            throw CommandFailure(status: ExitStatus.invalidData, message: removed.message)
        } catch let removed as AnsweredPeopleRemoved {
            throw CommandFailure(status: ExitStatus.invalidData, message: removed.message)
        } catch let missing as ImportReasonMissing {
            throw CommandFailure(status: ExitStatus.invalidData, message: missing.message)
        }
    }

    /// Who the import removed from the year (the staff list left them out), named: a count alone hides a row lost.
    static func removedNotice(_ people: [RemovedPerson], year: Int) -> String? {
        guard !people.isEmpty else { return nil }
        return (people.count == 1 ? "Tolta dall'anno \(year), perché non più nell'elenco del personale, una persona"
                                  : "Tolte dall'anno \(year), perché non più nell'elenco del personale, "
                                      + ItalianNumbers.count(people.count, "persona", "persone"))
            + ": \(RemovedPerson.list(people))."
    }

    /// `Attenzione: come nel 2020, …`: the situations the staff list gives as last year's did, where they seldom stay
    /// the same; ten people at most for each, then how many more.
    static func carriedOverNotice(_ carried: CarriedOverSituations, allocated: Bool) -> String {
        var parts: [String] = []
        if !carried.sameMonths.isEmpty {
            parts.append(ItalianNumbers.count(carried.sameMonths.count, "persona ha", "persone hanno")
                + " gli stessi mesi di servizio, meno di 12 (" + ShortList.text(carried.sameMonths.map { "\($0.employeeID): \($0.months)" }) + ")")
        }
        if !carried.sameReason.isEmpty {
            parts.append(ItalianNumbers.count(carried.sameReason.count, "persona ha", "persone hanno")
                + " la stessa ragione di non valutabilità (" + ShortList.text(carried.sameReason.map { "\($0.employeeID): «\($0.reason)»" }) + ")")
        }
        return "Attenzione: come nell'anno \(carried.previousYear), " + parts.joined(separator: "; ")
            + ". Se l'elenco del personale è stato copiato da quell'anno, li aggiorni e importi di nuovo"
            + (allocated ? " (prima sipav db reopen: l'anno è già ripartito)." : ".")
    }

    /// Why an import without settings of a year stored with its own is refused, in Italian.
    static func refusal(_ kept: StoredSettingsKept) -> CommandFailure {
        guard let earlier = kept.earlierYear else {
            return CommandFailure(status: ExitStatus.invalidData, message:
                "l'anno \(kept.year) dell'ente \(kept.body) è registrato con impostazioni proprie, e questa importazione non ne indica: "
                + "le indichi con --config (sipav db export le scrive in settings.yaml), anche per tornare alle predefinite "
                + "(--config Config/sipav.yaml). Nulla è stato importato.")
        }
        return CommandFailure(status: ExitStatus.invalidData, message:
            "l'anno \(earlier) dell'ente \(kept.body) è registrato con impostazioni proprie, e questa importazione del \(kept.year) "
            + "non ne indica: gli importi sarebbero calcolati con le predefinite. Le indichi con --config: quelle del \(earlier) "
            + "(sipav db export --year \(earlier) le scrive in settings.yaml), o altre, anche le predefinite (--config Config/sipav.yaml). "
            + "Nulla è stato importato.")
    }

    /// `277 persone, 1.108 obiettivi individuali`.
    static func counts(people: Int, objectives: Int) -> String {
        ItalianNumbers.count(people, "persona", "persone") + ", "
            + ItalianNumbers.count(objectives, "obiettivo individuale", "obiettivi individuali")
    }
}

/// A progress bar on standard error for large imports (more than 20,000 rows), when a person watches it
/// (standard error is a terminal): a log file gets no carriage returns.
enum ProgressBar {
    static let objectives: ImportProgress = { done, total in
        guard total > 20_000, isatty(STDERR_FILENO) == 1 || ProcessInfo.processInfo.environment["SIPAV_PROGRESS"] == "1" else { return }
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        let line = "\rObiettivi individuali [\(bar)] \(done * 100 / max(total, 1)) % (\(done)/\(total))" + (done >= total ? "\n" : "")
        FileHandle.standardError.write(Data(line.utf8))
    }
}
