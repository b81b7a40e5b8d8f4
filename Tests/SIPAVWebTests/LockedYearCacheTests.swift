import SIPAVTestSupport
import HummingbirdTesting
import SIPAV
import SIPAVStore
import Testing
@testable import SIPAVWeb

/// A locked year's figures are computed once for the public and the employees' pages, and computed again as
/// soon as the year is reopened or allocated anew: never shown stale.
@Suite("The locked year kept between views")
struct LockedYearCacheTests {
    @Test func aLockedYearIsKeptUnderItsStampAnOpenOneNever() async throws {
        try await withWebApp { _, database in
            let store = try database.store()
            let cache = LockedYearCache()
            let transparency = Transparency(store: store, body: WebFixture.body, yearSettings: nil, cache: cache)
            try await PublishedYearFixture.insertAllocated(into: store)
            let computed = try await transparency.computed(of: PublishedYearFixture.year)
            let stamp = try #require(try await transparency.lockedStamp(of: PublishedYearFixture.year))
            let kept = try #require(cache.computed(year: PublishedYearFixture.year, stamp: stamp))
            #expect(kept.allocation == computed.allocation)
            #expect(cache.computed(year: PublishedYearFixture.year, stamp: stamp + "0") == nil, "another stamp")
            #expect(cache.computed(year: 2024, stamp: stamp) == nil, "another year")

            // The open year 2024 of the web fixture is computed, never kept.
            let open = LockedYearCache()
            let openTransparency = Transparency(store: store, body: WebFixture.body, yearSettings: nil, cache: open)
            _ = try? await openTransparency.computed(of: 2024)
            #expect(try await openTransparency.lockedStamp(of: 2024) == nil)
        }
    }

    /// The transparency page reads two years (the one shown and the one it is compared with): both stay kept, and
    /// the least recently read makes room for a third.
    @Test func yearsReadInTurnAreKeptAndTheLeastRecentlyReadMakesRoom() async throws {
        try await withWebApp { _, database in
            let store = try database.store()
            try await PublishedYearFixture.insertAllocated(into: store)
            let computed = try await Transparency(store: store, body: WebFixture.body, yearSettings: nil).computed(of: PublishedYearFixture.year)
            let cache = LockedYearCache(capacity: 2)
            cache.keep(computed, year: 2021, stamp: "a")
            cache.keep(computed, year: 2022, stamp: "b")
            #expect(cache.computed(year: 2022, stamp: "b") != nil)
            #expect(cache.computed(year: 2021, stamp: "a") != nil)
            // 2022 read before 2021: it makes room for 2023.
            cache.keep(computed, year: 2023, stamp: "c")
            #expect(cache.computed(year: 2022, stamp: "b") == nil)
            #expect(cache.computed(year: 2021, stamp: "a") != nil && cache.computed(year: 2023, stamp: "c") != nil)
            // A year kept again under a new stamp replaces its old figures.
            cache.keep(computed, year: 2021, stamp: "a2")
            #expect(cache.computed(year: 2021, stamp: "a") == nil && cache.computed(year: 2021, stamp: "a2") != nil)
        }
    }

    /// Many views of a year not yet kept compute it once; views of other years wait their turn: a flood of views
    /// (anonymous ones among them) takes one computation at a time, not every thread of the server.
    @Test func aYearIsComputedOnceAtATimeAndOneYearAtATime() async throws {
        try await withWebApp { _, database in
            let store = try database.store()
            try await PublishedYearFixture.insertAllocated(into: store)
            let computed = try await Transparency(store: store, body: WebFixture.body, yearSettings: nil).computed(of: PublishedYearFixture.year)
            let cache = LockedYearCache(capacity: 2)
            let counter = ComputationCounter()
            let compute: @Sendable () async throws -> ComputedYear = {
                await counter.start()
                try await Task.sleep(for: .milliseconds(50))
                await counter.end()
                return computed
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask { _ = try await cache.computed(year: 2021 + index % 2, stamp: "s", compute: compute) }
                }
                try await group.waitForAll()
            }
            #expect(await counter.started == 2, "one computation for each of the two years")
            #expect(await counter.mostAtOnce == 1, "one year at a time")
            #expect(cache.computed(year: 2021, stamp: "s") != nil && cache.computed(year: 2022, stamp: "s") != nil)
        }
    }

    /// The transparency page's figures are kept for many more years than two whole years: a visitor going back and
    /// forth between three years has none computed again.
    @Test func theTransparencyFiguresOfManyYearsAreKept() async throws {
        try await withWebApp { _, database in
            let store = try database.store()
            try await PublishedYearFixture.insertAllocated(into: store)
            let cache = LockedYearCache(capacity: 1)
            let transparency = Transparency(store: store, body: WebFixture.body, yearSettings: nil, cache: cache)
            let first = try await transparency.figures(of: PublishedYearFixture.year)
            let stamp = try #require(try await transparency.lockedStamp(of: PublishedYearFixture.year))
            #expect(cache.figures(year: PublishedYearFixture.year, stamp: stamp)?.statistics == first.statistics)
            #expect(cache.figures(year: PublishedYearFixture.year, stamp: stamp + "0") == nil, "another stamp")
        }
    }

    @Test func theStampIsTheLockedStateAndTheLatestRun() async throws {
        try await withWebApp { _, database in
            let store = try database.store()
            let transparency = Transparency(store: store, body: WebFixture.body, yearSettings: nil)
            #expect(try await transparency.lockedStamp(of: 2024) == nil, "an open year has none")
            try await PublishedYearFixture.insertAllocated(into: store)
            let first = try #require(try await transparency.lockedStamp(of: PublishedYearFixture.year))
            #expect(first.hasPrefix("allocated:"))
            try await store.reopen(body: WebFixture.body, year: PublishedYearFixture.year, reason: "verifica", actor: "test")
            #expect(try await transparency.lockedStamp(of: PublishedYearFixture.year) == nil)
            try await PublishedYearFixture.allocate(in: store)
            let second = try #require(try await transparency.lockedStamp(of: PublishedYearFixture.year))
            #expect(second.hasPrefix("allocated:") && second != first)
        }
    }

    @Test func aReopenedAndReallocatedYearIsShownAnew() async throws {
        try await withWebApp { browser, database in
            let store = try database.store()
            try await PublishedYearFixture.insertAllocated(into: store)
            try OwnAppraisalFixture.publish(database)
            let before = try await browser.get("/trasparenza")
            let again = try await browser.get("/trasparenza")
            #expect(again.text == before.text)

            // Reopened with a reason, E5's rating raised from 2 to 6, allocated and published again.
            try await store.reopen(body: WebFixture.body, year: PublishedYearFixture.year, reason: "ricorso accolto", actor: "test")
            try database.withConnection { db in
                try db.execute("UPDATE individual_objectives SET cosa = 6 WHERE body_id = $1 AND year = $2 AND employee_id = 'E5'",
                               [WebFixture.body, PublishedYearFixture.year])
            }
            try await PublishedYearFixture.allocate(in: store)
            try OwnAppraisalFixture.publish(database)
            let after = try await browser.get("/trasparenza")
            #expect(after.status == .ok)
            #expect(after.text != before.text, "the page shows the new allocation, not the one kept")
            let staff = try chart("non-dirigenti", in: after.text)
            let scores = PublishedYearFixture.scores(managers: false).enumerated().map { $0.offset == 4 ? 6 : $0.element }
            let sixes = italianPercent(scores.filter { $0 == 6 }.count, of: scores.count)
            #expect(staff.contains(sixes), "\(sixes) at score 6")
        }
    }
}

/// How many computations started, and the most that ran at once.
actor ComputationCounter {
    private(set) var started = 0
    private(set) var mostAtOnce = 0
    private var running = 0

    func start() {
        started += 1
        running += 1
        mostAtOnce = max(mostAtOnce, running)
    }

    func end() { running -= 1 }
}
