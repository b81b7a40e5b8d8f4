import Foundation

/// The locked years last computed for the public and the employees' pages (the transparency page, each employee's own
/// appraisal), kept so that every view does not read and compute a whole year again: at 100,000 staff that is a third
/// of a second a view, and every employee reads their page once it is published.
///
/// A locked year (allocated or published) cannot change; it changes only through a recorded reopening, which
/// changes its state, and a new allocation, which adds a run. So the figures are kept with that stamp (state and
/// latest run) and given back only while the year still has it. Two whole years are kept, the least recently read
/// making room: the transparency page reads two (the year shown and the one it is compared with), which one place would
/// take from each other at every view. No more: a million people's year takes some 400 MB. The transparency page's own
/// figures, a few statistics a year, are kept for many more years (`publishedCapacity`): a visitor going from year to
/// year does not have whole years computed again at every view.
///
/// A year is computed once at a time, and one year at a time: a view of a year being computed waits for that
/// computation rather than starting another, and views of other years wait their turn, so that many views at once (an
/// anonymous visitor's among them) take one core, not every thread the server has.
final class LockedYearCache: @unchecked Sendable {
    private let lock = NSLock()
    /// The whole years kept.
    private var kept: KeptYears<ComputedYear>
    /// The transparency page's figures kept.
    private var published: KeptYears<PublishedYear>
    /// The computation of each year and stamp under way.
    private var running: [String: Task<ComputedYear, any Error>] = [:]
    /// The computation last started: the next one waits for it.
    private var last: Task<ComputedYear, any Error>?
    var capacity: Int { kept.capacity }
    static let publishedCapacity = 64

    init(capacity: Int = 2) {
        kept = KeptYears(capacity: capacity)
        published = KeptYears(capacity: Self.publishedCapacity)
    }

    /// The figures of `year` computed while it had `stamp`, if they are among those kept.
    func computed(year: Int, stamp: String) -> ComputedYear? {
        lock.withLock { kept.value(year: year, stamp: stamp) }
    }

    /// Keeps `computed`, the figures of `year` read after it was seen with `stamp`, in place of any other of that year.
    func keep(_ computed: ComputedYear, year: Int, stamp: String) {
        lock.withLock { kept.keep(computed, year: year, stamp: stamp) }
    }

    /// The figures of `year` with `stamp`: kept ones, or those of a computation of it under way, or `compute`'s, started
    /// once the computation before it (of any year) has ended, then kept.
    func computed(year: Int, stamp: String, compute: @escaping @Sendable () async throws -> ComputedYear) async throws -> ComputedYear {
        let key = "\(year):\(stamp)"
        let task: Task<ComputedYear, any Error> = lock.withLock {
            if let computed = kept.value(year: year, stamp: stamp) { return Task { computed } }
            if let underWay = running[key] { return underWay }
            let before = last
            let started = Task { () async throws -> ComputedYear in
                _ = try? await before?.value
                return try await compute()
            }
            running[key] = started
            last = started
            return started
        }
        do {
            let computed = try await task.value
            lock.withLock { running[key] = nil }
            keep(computed, year: year, stamp: stamp)
            return computed
        } catch {
            lock.withLock { running[key] = nil }
            throw error
        }
    }

    /// The transparency page's figures of `year` with `stamp`, if kept.
    func figures(year: Int, stamp: String) -> PublishedYear? {
        lock.withLock { published.value(year: year, stamp: stamp) }
    }

    /// Keeps the transparency page's `figures` of `year` with `stamp`, in place of any other of that year.
    func keep(_ figures: PublishedYear, year: Int, stamp: String) {
        lock.withLock { published.keep(figures, year: year, stamp: stamp) }
    }
}

/// Values of years, each with the stamp it was read under, the most recently read last: at most `capacity`, the least
/// recently read making room. Not locked: its owner's lock guards it.
struct KeptYears<Value> {
    let capacity: Int
    private var entries: [(year: Int, stamp: String, value: Value)] = []

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// The value of `year` read under `stamp`, now the most recently read; nil when not kept.
    mutating func value(year: Int, stamp: String) -> Value? {
        guard let index = entries.firstIndex(where: { $0.year == year && $0.stamp == stamp }) else { return nil }
        let entry = entries.remove(at: index)
        entries.append(entry)
        return entry.value
    }

    /// Keeps `value` of `year` under `stamp`, in place of any other of that year.
    mutating func keep(_ value: Value, year: Int, stamp: String) {
        entries.removeAll { $0.year == year }
        entries.append((year, stamp, value))
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    }
}
