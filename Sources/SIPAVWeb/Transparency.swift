import Postgres
import SIPAV
import SIPAVReports
import SIPAVStore

/// The figures a body publishes for one year (D.Lgs. 33/2013 art. 20): the differentiation statistics, computed
/// from the stored records exactly as `sipav db report statistics` computes them.
struct PublishedYear: Sendable {
    let year: Int
    /// The body's name, as the plan of the year gives it.
    let bodyName: String
    let statistics: DifferentiationStatistics
}

/// The years of one body open to the public: only those `allocated` or `published`, whose figures no longer change.
struct Transparency: Sendable {
    let store: PostgresStore
    let body: String
    let yearSettings: (@Sendable (String) throws -> Settings)?
    /// Where a locked year's figures are kept between views; nil computes them at every view.
    var cache: LockedYearCache? = nil

    static let publicStates = [YearState.allocated, .published].map(\.rawValue)

    /// The public years, most recent first.
    func publicYears() async throws -> [Int] {
        let body = self.body
        return try await store.withWebConnection { db in
            try db.execute("SELECT year FROM years WHERE body_id = $1 AND state IN ($2, $3) ORDER BY year DESC",
                           [body, Transparency.publicStates[0], Transparency.publicStates[1]]).map { try $0.int("year") }
        }
    }

    /// The figures of `year`: loads its records and computes organisation, scores, allocation and statistics
    /// with the year's own settings.
    func figures(of year: Int) async throws -> PublishedYear {
        let computed = try await computed(of: year)
        return PublishedYear(year: year, bodyName: computed.records.plan.body,
                             statistics: computed.input.statistics(computed.allocation, areas: computed.records.plan.areas))
    }

    /// The stored year computed as `sipav db run` computes it: organisation results, final scores and the
    /// allocation, with the year's own settings. The employee's page reads one person's figures from it.
    func computed(of year: Int) async throws -> ComputedYear {
        let stamp = try await lockedStamp(of: year)
        if let stamp, let kept = cache?.computed(year: year, stamp: stamp) { return kept }
        let computed = try await computing(year)
        if let stamp { cache?.keep(computed, year: year, stamp: stamp) }
        return computed
    }

    /// What identifies a locked year's figures: its state and latest allocation run; nil when the year is open
    /// (or missing), whose figures may change at any moment.
    func lockedStamp(of year: Int) async throws -> String? {
        let body = self.body
        return try await store.withWebConnection { db in
            try db.execute("""
                SELECT y.state || ':' || coalesce((SELECT max(r.run_id) FROM allocation_runs r
                                                   WHERE r.body_id = y.body_id AND r.year = y.year)::text, '-') AS stamp
                FROM years y WHERE y.body_id = $1 AND y.year = $2 AND y.state IN ($3, $4)
                """, [body, year, Transparency.publicStates[0], Transparency.publicStates[1]]).first?.string("stamp")
        }
    }

    private func computing(_ year: Int) async throws -> ComputedYear {
        let records = try await store.loadYear(body: body, year: year)
        let settings = try settings(of: records)
        do {
            let organisation = try records.plan.results(settings: settings.organisation)
            let scores = records.records.finalScores(settings: settings.individual)
            let input = AllocationInput(records: records.records, scores: scores, organisation: organisation, fund: records.fund)
            return ComputedYear(records: records, settings: settings, input: input,
                                allocation: try input.allocate(settings: settings.fund))
        } catch let violation {
            throw WebError(status: .internalServerError,
                           message: "I dati dell'anno \(year) non si possono calcolare (\(ItalianFaults.rule(violation.rule))): l'ufficio personale "
                               + "controlli l'anno con `sipav db report statistics`.")
        }
    }

    /// The year's settings: the defaults when none were stored, else the stored text read by the configured reader.
    /// Without a reader the figures could differ from the CLI's, so the page refuses rather than guess.
    private func settings(of records: YearRecords) throws -> Settings {
        guard let text = records.settingsYAML else { return Settings() }
        guard let yearSettings else {
            throw WebError(status: .internalServerError,
                           message: "Le impostazioni dell'anno \(records.year) non si possono leggere: il server non ha un "
                               + "lettore delle impostazioni (WebConfiguration.yearSettings).")
        }
        return try yearSettings(text)
    }
}

/// A stored year with everything computed from it.
struct ComputedYear: Sendable {
    let records: YearRecords
    let settings: Settings
    let input: AllocationInput
    let allocation: Allocation
    var scores: FinalScores { input.scores }
}
