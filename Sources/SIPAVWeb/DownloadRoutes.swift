import Hummingbird
import SIPAV
import SIPAVCycle
import SIPAVFiles
import SIPAVReports
import SIPAVStore

/// A report HR downloads, named in the URL as in the file name: `/hr/scarica/punteggi.csv`.
enum DownloadReport: String, CaseIterable, Sendable {
    case organizzazione, punteggi, ripartizione, statistiche

    var title: String {
        switch self {
        case .organizzazione: "Risultati organizzativi"
        case .punteggi: "Punteggi finali"
        case .ripartizione: "Ripartizione del fondo"
        case .statistiche: "Statistiche di differenziazione"
        }
    }

    var summary: String {
        switch self {
        case .organizzazione: "Indicatori, obiettivi e risultati dell'ente e delle Aree."
        case .punteggi: "Punteggio finale e fascia di ogni persona."
        case .ripartizione: "Importo di ogni persona e totali dei fondi: stanziato, erogato, residuo."
        case .statistiche: "Distribuzione dei punteggi, fasce e grado di differenziazione, premi per fascia."
        }
    }

    /// The allocation and statistics reports need the fund allocated.
    var needsAllocation: Bool { self == .ripartizione || self == .statistiche }
}

/// The reports of one stored year, built as `sipav db report` builds them (`Cycle.from`, the year's own settings),
/// so that a download holds the same bytes as the command's output; or what stops them.
struct YearReports: Sendable {
    let year: Int
    let computed: Result<Cycle, InputErrors>
    /// The allocation, or what stops it; nil when the year itself cannot be computed.
    let allocation: Result<Allocation, InputErrors>?

    /// `record`: the allocation on record of an allocated year, which the recomputed allocation must match in every
    /// figure (as `sipav db report` and `sipav db verify` check); nil for an open year.
    init(_ records: YearRecords, record: RecordedAllocation? = nil) {
        year = records.year
        do {
            let cycle = try Cycle.from(records)
            computed = .success(cycle)
            do {
                let recomputed = try cycle.allocate()
                let differences = record.map { cycle.differences(of: recomputed, fromRecord: $0) } ?? []
                allocation = differences.isEmpty ? .success(recomputed) : .failure(InputErrors([InputError(
                    file: "database", line: nil, field: nil,
                    rule: "la ripartizione registrata differisce da quella ricalcolata dai suoi dati (" + differences.prefix(3).joined(separator: "; ")
                        + (differences.count > 3 ? "; …" : "") + "): sipav db verify elenca le differenze")]))
            } catch {
                allocation = .failure(YearReports.faults(error))
            }
        } catch {
            computed = .failure(YearReports.faults(error))
            allocation = nil
        }
    }

    private static func faults(_ error: any Error) -> InputErrors {
        error as? InputErrors ?? InputErrors([InputError(file: "database", line: nil, field: nil, rule: String(describing: error))])
    }

    /// Whether the report can be made.
    func isAvailable(_ kind: DownloadReport) -> Bool {
        guard case .success = computed else { return false }
        guard kind.needsAllocation else { return true }
        if case .success? = allocation { return true }
        return false
    }

    /// The report, or a 409 page saying, in Italian, why it cannot be made.
    func report(_ kind: DownloadReport) throws -> Report {
        guard case let .success(cycle) = computed else { throw WebError(status: .conflict, message: notComputed) }
        switch kind {
        case .organizzazione: return cycle.organisationReport
        case .punteggi: return cycle.scoresReport
        case .ripartizione, .statistiche:
            guard case let .success(allocation)? = allocation else {
                throw WebError(status: .conflict, message: notAllocatable ?? notComputed)
            }
            return kind == .ripartizione ? cycle.allocationReport(allocation) : cycle.statisticsReport(allocation)
        }
    }

    var notComputed: String {
        "I rapporti dell'anno \(year) non si possono ancora produrre: i dati dell'anno non superano i controlli "
            + "(le valutazioni devono essere complete)."
    }

    /// Why the fund cannot be allocated, or nil when it can.
    var notAllocatable: String? {
        guard case let .failure(errors)? = allocation else { return nil }
        return "La ripartizione e le statistiche non sono ancora disponibili: il fondo dell'anno \(year) non si può ripartire ("
            + errors.errors.map { ItalianFaults.rule($0.rule) }.joined(separator: "; ") + ")."
    }
}

/// HR's downloads (`/hr/scarica`): every report of HR's year (`HRYear`: `?anno=`, else the year chosen) as CSV for a spreadsheet or as
/// JSON, the same bytes `sipav db report <kind> --format csv|json` prints for an allocated or published year. A year
/// still open gives a preview computed from records that may change: marked as such in the report (title, tables'
/// titles, first note) and in the file's name. Only HR: anyone else answers 403.
struct DownloadRoutes: Sendable {
    let web: WebApp
    static let path = "/hr/scarica"
    static let formats: [OutputFormat] = [.csv, .json]
    /// How many of the checks' faults the page lists.
    static let faultsShown = 10

    func register(on router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: DownloadRoutes.path)) { request, _ in try await page(request) }
        router.get(RouterPath(stringLiteral: DownloadRoutes.path + "/:file")) { request, context in
            try await download(request, file: try context.parameters.require("file"))
        }
    }

    func page(_ request: Request) async throws -> Response {
        let session = try await web.requireHR(request)
        let hrYear = try await web.hrYear(request)
        let year = hrYear.year
        let reports = try await self.reports(of: hrYear)
        var values = web.layout(session, title: "Scarica i rapporti \(year)", hrYear: hrYear)
        values["year"] = String(year)
        // Only with reports to download: a year that cannot be computed says why instead.
        if reports.isAvailable(.organizzazione) { values["isPreview"] = !hrYear.state.isLocked }
        // The years HR may work on, most recent first: with the server's year fixed, no link to one it refuses.
        values["years"] = hrYear.choices.map { other in ["year": String(other.year), "current": other.year == year] }
        if case let .failure(errors) = reports.computed {
            values["notComputed"] = reports.notComputed
            let (faults, more) = ItalianFaults.listing(errors, first: DownloadRoutes.faultsShown)
            values["faults"] = faults
            if more > 0 { values["moreFaults"] = ["count": ItalianNumbers.integer(more), "one": more == 1] }
        }
        if let reason = reports.notAllocatable { values["notAllocatable"] = reason }
        values["reports"] = DownloadReport.allCases.map { kind -> [String: Any] in
            var row: [String: Any] = ["title": kind.title, "summary": kind.summary]
            if reports.isAvailable(kind) {
                row["links"] = DownloadRoutes.formats.map { format in
                    ["href": DownloadRoutes.path + "/" + DownloadRoutes.fileName(kind, format) + "?anno=\(year)",
                     "label": format.rawValue.uppercased()]
                }
            } else {
                row["unavailable"] = DownloadRoutes.formats.map { ["label": $0.rawValue.uppercased()] }
            }
            return row
        }
        return web.pages.render("downloads", values)
    }

    /// The year's individual objectives with their weights and ratings, as `sipav db export` writes them and the
    /// objectives page takes them back.
    static let objectivesFile = "objectives.csv"

    func download(_ request: Request, file: String) async throws -> Response {
        _ = try await web.requireHR(request)
        if file == DownloadRoutes.objectivesFile { return try await objectives(request) }
        let parts = file.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let kind = DownloadReport(rawValue: String(parts[0])),
              let format = OutputFormat(rawValue: String(parts[1])), DownloadRoutes.formats.contains(format) else {
            throw WebError.notFound
        }
        let hrYear = try await web.hrYear(request)
        let year = hrYear.year
        let stored = try await reports(of: hrYear).report(kind)
        let preview = !hrYear.state.isLocked
        let report = preview ? stored.preview() : stored
        let contentType = format == .csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8"
        let name = "sipav-\(year)-" + DownloadRoutes.fileName(kind, format, preview: preview)
        return Response(status: .ok,
                        headers: [.contentType: contentType, .contentDisposition: "attachment; filename=\"\(name)\"",
                                  .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: format.render(report))))
    }

    /// The year's `objectives.csv`, with each objective's version: uploaded again, its rows changed since (a manager's
    /// ratings, another officer's change) are refused rather than undone (`ObjectiveAssignments.changedSinceDownload`).
    /// Each row names the year too: versions are of one year's objectives, and uploaded on another year's page (whose
    /// objectives started at version 1 as well) the file is refused whole (`ObjectiveImport`).
    private func objectives(_ request: Request) async throws -> Response {
        let year = try await web.hrYear(request).year
        let (stored, versions) = try await web.configuration.store.loadYearWithObjectiveVersions(body: web.configuration.body, year: year)
        let records = stored.records
        let text = StaffWriter.byteOrderMark + StaffWriter.objectivesCSV(records.objectives, staff: records.staff, versions: versions,
                                                                                year: year)
        return Response(status: .ok,
                        headers: [.contentType: "text/csv; charset=utf-8",
                                  .contentDisposition: "attachment; filename=\"sipav-\(year)-objectives.csv\"", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// The file's name; a preview's says so (`ripartizione-anteprima.csv`), as a one-table CSV has no title to.
    static func fileName(_ kind: DownloadReport, _ format: OutputFormat, preview: Bool = false) -> String {
        kind.rawValue + (preview ? "-anteprima" : "") + "." + format.rawValue
    }

    /// The year's reports: of a locked year, beside its recorded allocation; of a year still open, a preview computed
    /// from records that may change, nothing stored.
    private func reports(of hrYear: HRYear) async throws -> YearReports {
        let store = web.configuration.store, body = web.configuration.body, year = hrYear.year
        let record = hrYear.state.isLocked ? try await store.recordedAllocation(body: body, year: year) : nil
        return YearReports(try await store.loadYear(body: body, year: year), record: record)
    }
}
