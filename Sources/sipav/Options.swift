import ArgumentParser
import Foundation
import SIPAV
import SIPAVCycle
import SIPAVFiles
import SIPAVReports
import SIPAVStore

extension OutputFormat: ExpressibleByArgument {}

/// The files of a year and the settings, shared by every command.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: "Cartella con plan.yaml, staff.csv, objectives.csv, fund.yaml (predefinito: i dati dimostrativi integrati).")
    var data: String?
    @Option(help: "Piano organizzativo con le misurazioni (YAML).") var plan: String?
    @Option(help: "Elenco del personale (CSV).") var staff: String?
    @Option(help: "Obiettivi individuali con pesi e valutazioni (CSV).") var objectives: String?
    @Option(help: "Voci e conferme del fondo (YAML).") var fund: String?

    /// No file named: the built-in demo body's are read.
    var readsTheBuiltInDemo: Bool { data == nil && plan == nil && staff == nil && objectives == nil && fund == nil }
    @Option(help: """
        File delle impostazioni (YAML; predefinito: il settings.yaml della cartella --data, se c'è, come lo scrive \
        sipav db export; altrimenti $SIPAV_CONFIG; altrimenti le impostazioni predefinite integrate, quelle di Config/sipav.yaml).
        """)
    var config: String?

    var paths: InputPaths {
        get throws {
            if let data, !OutputFolder.isFolder(data) {
                throw CommandFailure(status: ExitStatus.missingInput,
                                     message: "\(data): la cartella non esiste (o non è una cartella): controlli il nome dato a --data")
            }
            let directory = try data ?? DemoData.directory()
            let folderSettings = data.map { ($0 as NSString).appendingPathComponent("settings.yaml") }
                .flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
            // An empty SIPAV_CONFIG (set and left blank) is no setting, as for any other variable.
            let environment = ProcessInfo.processInfo.environment["SIPAV_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
            let settings = config ?? folderSettings ?? environment
            return InputPaths(directory: directory, plan: plan, staff: staff, objectives: objectives, fund: fund,
                              settings: settings)
        }
    }
}

struct OutputOptions: ParsableArguments {
    @Option(help: "Il formato: una tabella da leggere, json per i programmi, csv per un foglio di calcolo.") var format: OutputFormat = .table
    @Option(name: .shortAndLong, help: "Scrive in questo file invece che sullo standard output.") var output: String?

    /// Refuses (exit 66) an output file that cannot be written, before a command stores anything: its folder not there or
    /// not writable, a folder named in its place, a file there that cannot be written. An allocation committed and then
    /// not written out would be said as a failure.
    func checkWritable() throws {
        guard let output else { return }
        let folder = (output as NSString).deletingLastPathComponent.isEmpty ? "." : (output as NSString).deletingLastPathComponent
        let why: String? = if !OutputFolder.isFolder(folder) || !FileManager.default.isWritableFile(atPath: folder) {
            "la cartella \(folder) non esiste o non si può scrivere"
        } else if OutputFolder.isFolder(output) {
            "è una cartella: -o vuole il nome di un file"
        } else {
            OutputFolder.obstacle(at: output)
        }
        if let why {
            throw CommandFailure(status: ExitStatus.missingInput, message: "\(output): impossibile scrivere il file (\(why)); nulla è stato registrato")
        }
    }

    /// Refuses (exit 66, before anything is read) an output file that is one of the files the command reads, by
    /// whatever name or link: the report would replace the data it was made from.
    func refuseOverwriting(_ paths: InputPaths, alsoReading others: [String] = []) throws {
        guard let output, let target = FileIdentity(output) else { return }
        for input in [paths.plan, paths.staff, paths.objectives, paths.fund] + (paths.settings.map { [$0] } ?? []) + others
        where FileIdentity(input) == target {
            throw CommandFailure(status: ExitStatus.missingInput,
                                 message: "\(output): è uno dei file letti (\(input)): il rapporto lo sostituirebbe. Nulla è stato scritto: "
                                     + "scelga un altro nome con -o")
        }
    }

    func write(_ report: Report) throws {
        if let output {
            do { try OutputFile.write(report, as: format, to: output) } catch {
                throw CommandFailure(status: ExitStatus.missingInput, message: "\(output): impossibile scrivere il file (\(FileSystemReason.italian(error)))")
            }
        } else {
            fflush(nil)
            try OutputFile.writeToStandardOutput(report, as: format)
        }
    }
}

/// A failure that ends the command with a message on standard error and a documented exit code.
struct CommandFailure: Error {
    let status: Int32
    let message: String
}

/// Runs a command body, turning every failure into a message on standard error and an exit code.
func reportingFailures(_ body: () throws -> Void) throws {
    do { try body() } catch { throw exit(for: error) }
}

func reportingFailures(_ body: () async throws -> Void) async throws {
    do { try await body() } catch { throw exit(for: error) }
}

/// The most faults printed: a header changed by mistake makes every row of a million-line file a fault, and a terminal
/// or a log of millions of lines helps nobody. The first ones say what to fix; the count says how many there are.
let printedFaultsLimit = 200

/// Each fault on its line, each file's in the order of its lines, at most `printedFaultsLimit` of them, then how many
/// more there are. Objectives not yet rated are said once per file, with their count and first lines: a year still
/// being rated has one per objective, and the cause is the command (it scores the year), not each line.
func faultLines(_ faults: [InputError]) -> [String] {
    // Of the files (with a line): the database's records name each person as a place of its own, listed as they are.
    func isUnratedLine(_ fault: InputError) -> Bool { fault.rule == unratedRule && fault.line != nil }
    func isUnratedRecord(_ fault: InputError) -> Bool { fault.rule == unratedRule && fault.line == nil }
    let unrated = faults.filter(isUnratedLine)
    let unratedRecords = faults.filter(isUnratedRecord)
    let others = inFileOrder(faults.filter { $0.rule != unratedRule })
    let shown = others.prefix(printedFaultsLimit).map(ItalianFaults.line)
    var lines = shown
    if others.count > printedFaultsLimit {
        let more = others.count - printedFaultsLimit
        lines.append((more == 1 ? "… e un altro errore" : "… e altri \(ItalianNumbers.integer(more)) errori")
                     + " (\(ItalianNumbers.integer(others.count)) in tutto): corregga i primi e ripeta il controllo.")
    }
    return lines + unratedSummary(unrated) + unratedRecordsSummary(unratedRecords)
}

/// The objectives left unrated of a year read from the database, said once: how many, of whom (the first ten people),
/// and where they are rated. Each fault names its place as the year's objectives followed by the person's id.
func unratedRecordsSummary(_ unrated: [InputError]) -> [String] {
    guard let first = unrated.first else { return [] }
    // `database (body B, year Y) objectives E 001`: the place, then the id, which may hold spaces itself.
    func split(_ file: String) -> (place: String, id: String) {
        guard let end = file.range(of: " objectives ") else { return (file, "") }
        return (String(file[..<end.lowerBound]) + " objectives", String(file[end.upperBound...]))
    }
    let place = ItalianFaults.storedYear(first.file).map { $0 + ", obiettivi individuali" } ?? split(first.file).place
    var people: [String] = []
    for fault in unrated {
        let id = split(fault.file).id
        if people.last != id { people.append(id) }
    }
    let named = firstTen(people)
    return ["\(place): " + ItalianNumbers.count(unrated.count, "obiettivo", "obiettivi") + " di persone valutabili senza valutazione "
        + "(cosa e come), di " + ItalianNumbers.count(people.count, "persona", "persone") + " (\(named)). Per calcolare i punteggi "
        + "ogni obiettivo va valutato: i dirigenti valutano sul web (sipav serve), e un anno ancora in programmazione vi si apre "
        + "alla valutazione dalla pagina dell'ufficio personale."]
}

/// The rule of an objective of an assessable person left without cosa or come, which scoring needs.
let unratedRule = "every objective of an assessable person is rated before scoring"

/// The faults grouped by file, in the order the files first appear, each file's by line (a fault of the whole file first).
func inFileOrder(_ faults: [InputError]) -> [InputError] {
    var order: [String: Int] = [:]
    for fault in faults where order[fault.file] == nil { order[fault.file] = order.count }
    return faults.enumerated().sorted { a, b in
        (order[a.element.file]!, a.element.line ?? 0, a.offset) < (order[b.element.file]!, b.element.line ?? 0, b.offset)
    }.map(\.element)
}

/// One line per file for the objectives left unrated: how many, the first lines, and what to do.
func unratedSummary(_ unrated: [InputError]) -> [String] {
    var files: [String] = []
    var lines: [String: [Int]] = [:]
    for fault in unrated {
        if lines[fault.file] == nil { files.append(fault.file) }
        lines[fault.file, default: []].append(fault.line ?? 0)
    }
    return files.map { file in
        let count = lines[file]?.count ?? 0
        let numbers = Set(lines[file] ?? []).sorted()
        let first = firstTen(numbers.map(String.init))
        // On the first line's place, as every fault: an editor opens the file there.
        return "\(file):\(numbers.first ?? 0): " + ItalianNumbers.count(count, "obiettivo", "obiettivi") + " di persone valutabili "
            + "senza valutazione (cosa e come), \(numbers.count == 1 ? "alla riga" : "alle righe") \(first). Per calcolare i punteggi "
            + "ogni obiettivo va valutato; "
            + "un anno ancora in valutazione si controlla e si importa con --planning (sipav validate --planning, sipav db import --planning)."
    }
}

/// Prints what went wrong and chooses the documented exit code.
func exit(for error: Error) -> Error {
    func say(_ text: String) { FileHandle.standardError.write(Data(("sipav: " + text + "\n").utf8)) }
    switch error {
    case let errors as InputErrors:
        // Only a file that cannot be opened is missing input; a rule its contents (or the database's records) break is not.
        let missing = errors.errors.allSatisfy(\.isAboutOpeningTheFile)
        let faults = errors.errors.map { InputError(file: DemoData.shown($0.file), line: $0.line, field: $0.field, value: $0.value, rule: $0.rule) }
        say((missing ? "file mancante o illeggibile\n" : "dati non validi\n") + faultLines(faults).joined(separator: "\n"))
        return ExitCode(missing ? ExitStatus.missingInput : ExitStatus.invalidData)
    case let failure as CommandFailure:
        // Written in Italian where it is thrown; the store's refusals below are translated here.
        say(failure.message)
        return ExitCode(failure.status)
    case let failure as StoreError where failure.underlying?.sqlState == "42P01":
        // A table missing: a database never migrated (or migrated by an older sipav), not a fault of the request.
        say("il database non ha ancora le tabelle di sipav, o non tutte: le crei con sipav db migrate")
        return ExitCode(ExitStatus.unavailable)
    case let failure as StoreError where failure.isMissingYear:
        // A body or year the database does not have: a value of the command line (--body, --year), as for sipav user.
        say(ItalianFaults.rule(failure.message))
        return ExitCode(ExitStatus.usage)
    case let failure as StoreError:
        say(ItalianFaults.rule(failure.message))
        return ExitCode(failure.underlying?.kind == .connection ? ExitStatus.unavailable : ExitStatus.invalidData)
    default:
        return error
    }
}

/// A file as the system knows it (device and inode): two names of one file, or a name and a link to it, are equal.
struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64

    /// Nil when nothing is at `path`.
    init?(_ path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        (device, inode) = (UInt64(status.st_dev), UInt64(status.st_ino))
    }
}

/// The first ten of `items` (lines, people: both feminine), then how many more: `5, 6, 9 e altre 12`.
func firstTen(_ items: [String]) -> String {
    items.prefix(10).joined(separator: ", ") + (items.count > 10 ? " e altre \(ItalianNumbers.integer(items.count - 10))" : "")
}
