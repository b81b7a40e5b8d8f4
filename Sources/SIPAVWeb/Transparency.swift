import Postgres
import SIPAV
import SIPAVCycle
import SIPAVReports
import SIPAVStore

/// The figures a body publishes for one year (D.Lgs. 33/2013 art. 20): the differentiation statistics, computed
/// from the stored records exactly as `sipav db report statistics` computes them.
struct PublishedYear: Sendable {
    let year: Int
    /// The year's plan: the body's name and the Areas the statistics name.
    let plan: OrganisationalPlan
    let statistics: DifferentiationStatistics
    /// The year's own `statistics.minimum_group_size`: groups smaller than this show only their head count.
    var minimumGroupSize = StatisticsSettings().minimumGroupSize
    /// The latest earlier published year's figures, as that year's page showed them; nil when there is none.
    var previous: PreviousYear? = nil
    var bodyName: String { plan.body }
}

/// A year the public page knows: published, or taken back for review after its publication.
struct PublicYear: Sendable, Equatable {
    let year: Int
    /// The day of the year's publication (`12/03/2025`), while it is published: a published year's row changes only
    /// to be reopened, so its last update is its publication.
    var publishedOn: String? = nil
    /// When the year was last reopened after its publication (`12/03/2025 alle 10:15`), while it is not published
    /// again; nil for a published year.
    let reopenedAt: String?
    /// The day the published figures were last taken back for review (`12/03/2025`), for a year published again since:
    /// the figures shown replace those first published. Nil for a year never reopened after publication.
    var revisedOn: String? = nil
    /// When the year was last published, for ordering publications (seconds since 1970); nil while under review.
    var publishedAt: Double? = nil
    var isUnderReview: Bool { reopenedAt != nil }
}

extension PublicYear {
    /// The year `year`'s page compares with: the latest earlier one published, not under review.
    static func compared(with year: Int, among years: [PublicYear]) -> PublicYear? {
        years.filter { $0.year < year && !$0.isUnderReview }.max { $0.year < $1.year }
    }

    /// What the comparison with `earlier` leaves unsaid on `shown`'s page: the years between them under review, which it
    /// skips, and a revision of `earlier` published after `shown` was, whose figures it shows rather than those
    /// `shown`'s page first compared with. Nil when neither.
    static func comparisonNote(_ shown: PublicYear, with earlier: PublicYear, among years: [PublicYear]) -> String? {
        var notes: [String] = []
        let skipped = years.filter { $0.year > earlier.year && $0.year < shown.year && $0.isUnderReview }.map(\.year).sorted()
        if !skipped.isEmpty {
            notes.append((skipped.count == 1 ? "L'anno \(skipped[0]) è in revisione" : "Gli anni "
                          + skipped.map(String.init).joined(separator: ", ") + " sono in revisione")
                         + ": il confronto è con l'ultimo anno pubblicato, il \(earlier.year).")
        }
        if let revisedOn = earlier.revisedOn, let earlierAt = earlier.publishedAt, let shownAt = shown.publishedAt, earlierAt > shownAt {
            notes.append("I dati del \(earlier.year) sono stati rivisti (riaperti il \(revisedOn)) dopo la pubblicazione di quelli del "
                         + "\(shown.year): il confronto mostra le cifre del \(earlier.year) pubblicate di nuovo.")
        }
        return notes.isEmpty ? nil : notes.joined(separator: " ")
    }
}

/// The years of one body open to the public: only those `published`, as employees see their own results from
/// publication on. A published year reopened for review stays listed, without figures, until it is published again.
struct Transparency: Sendable {
    let store: PostgresStore
    let body: String
    let yearSettings: (@Sendable (String) throws -> Settings)?
    /// Where a locked year's figures are kept between views; nil computes them at every view.
    var cache: LockedYearCache? = nil

    /// The states whose figures no longer change (see `LockedYearCache`).
    static let lockedStates = [YearState.allocated, .published].map(\.rawValue)

    /// The public years, most recent first: the published ones and those reopened after publication (the
    /// reopening itself is in `year_reopenings`, written by the trigger on `years`).
    func publicYears() async throws -> [PublicYear] {
        let body = self.body
        return try await store.withWebConnection { db in
            try db.execute("""
                SELECT y.year, CASE WHEN y.state = 'published' THEN NULL ELSE \(ItalianTime.sql("r.reopened_at")) END AS reopened_at,
                       CASE WHEN y.state = 'published' THEN \(ItalianTime.sqlDay("y.updated_at")) END AS published_on,
                       CASE WHEN y.state = 'published' THEN \(ItalianTime.sqlDay("r.reopened_at")) END AS revised_on,
                       CASE WHEN y.state = 'published' THEN extract(epoch FROM y.updated_at)::float8 END AS published_at
                FROM years y
                LEFT JOIN LATERAL (SELECT max(reopened_at) AS reopened_at FROM year_reopenings
                                   WHERE body_id = y.body_id AND year = y.year AND from_state = 'published') r ON true
                WHERE y.body_id = $1 AND (y.state = 'published' OR r.reopened_at IS NOT NULL)
                ORDER BY y.year DESC
                """, [body]).map {
                    PublicYear(year: try $0.int("year"), publishedOn: try $0["published_on"], reopenedAt: try $0["reopened_at"],
                               revisedOn: try $0["revised_on"], publishedAt: try $0.decode("published_at", as: Double?.self))
                }
        }
    }

    /// The figures of `year`: loads its records and computes organisation, scores, allocation and statistics
    /// with the year's own settings.
    func figures(of year: Int) async throws -> PublishedYear {
        let stamp = try await lockedStamp(of: year)
        if let stamp, let kept = cache?.figures(year: year, stamp: stamp) { return kept }
        let computed = try await computed(of: year, stamp: stamp)
        let figures = PublishedYear(year: year, plan: computed.records.plan,
                                    statistics: computed.input.statistics(computed.allocation, areas: computed.records.plan.areas),
                                    minimumGroupSize: computed.settings.statistics.minimumGroupSize)
        if let stamp { cache?.keep(figures, year: year, stamp: stamp) }
        return figures
    }

    /// The figures of `year` with the comparison with the latest earlier year that is published now (one
    /// reopened for review has no published figures to compare with).
    func figuresWithPreviousYear(of year: Int, among years: [PublicYear]) async throws -> PublishedYear {
        var published = try await figures(of: year)
        if let earlier = PublicYear.compared(with: year, among: years)?.year {
            let before = try await figures(of: earlier)
            published.previous = PreviousYear(StatisticsReport.build(plan: before.plan, statistics: before.statistics,
                                                                     minimumGroupSize: before.minimumGroupSize))
        }
        return published
    }

    /// The stored year computed as `sipav db run` computes it: organisation results, final scores and the
    /// allocation, with the year's own settings. The employee's page reads one person's figures from it.
    func computed(of year: Int) async throws -> ComputedYear {
        try await computed(of: year, stamp: try await lockedStamp(of: year))
    }

    /// The same with the year's stamp read already (nil: the year is open, and computed at every view).
    private func computed(of year: Int, stamp: String?) async throws -> ComputedYear {
        guard let stamp, let cache else { return try await computing(year, locked: stamp != nil) }
        let transparency = self
        return try await cache.computed(year: year, stamp: stamp) { try await transparency.computing(year, locked: true) }
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
                """, [body, year, Transparency.lockedStates[0], Transparency.lockedStates[1]]).first?.string("stamp")
        }
    }

    /// A locked year's figures are published only while the allocation recomputed from its records is the one on
    /// record, every figure of every person (as `sipav db verify` compares them): the page publishes the record.
    private func computing(_ year: Int, locked: Bool) async throws -> ComputedYear {
        let records = try await store.loadYear(body: body, year: year)
        let settings = try settings(of: records)
        do {
            let organisation = try records.plan.results(settings: settings.organisation)
            let scores = records.records.finalScores(settings: settings.individual)
            let input = AllocationInput(records: records.records, scores: scores, organisation: organisation, fund: records.fund)
            let allocation = try input.allocate(settings: settings.fund)
            if locked {
                let record = try await store.recordedAllocation(body: body, year: year)
                let differences = Cycle.differences(staff: records.records.staff, scores: scores, of: allocation, fromRecord: record)
                guard differences.isEmpty else {
                    throw WebError(status: .internalServerError,
                                   message: "Le cifre registrate dell'anno \(year) differiscono da quelle ricalcolate dai suoi dati "
                                       + "(\(differences.count) differenze): non sono pubblicate finché l'ufficio personale non le ha "
                                       + "verificate con `sipav db verify`.")
                }
            }
            return ComputedYear(records: records, settings: settings, input: input, allocation: allocation)
        } catch let violation as RuleViolation {
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
