import Foundation

/// The last locked year computed for the public and the employees' pages (the transparency page, each
/// employee's own appraisal), kept so that every view does not read and compute the whole year again: at
/// 100,000 staff that is a third of a second a view, and every employee reads their page once it is published.
///
/// A locked year (allocated or published) cannot change; it changes only through a recorded reopening, which
/// changes its state, and a new allocation, which adds a run. So the figures are kept with that stamp (state and
/// latest run) and given back only while the year still has it. One year is kept: the one people are reading.
final class LockedYearCache: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: (year: Int, stamp: String, computed: ComputedYear)?

    /// The figures of `year` computed while it had `stamp`, if they are the ones kept.
    func computed(year: Int, stamp: String) -> ComputedYear? {
        lock.withLock { kept.flatMap { $0.year == year && $0.stamp == stamp ? $0.computed : nil } }
    }

    /// Keeps `computed`, the figures of `year` read after it was seen with `stamp`, in place of any other.
    func keep(_ computed: ComputedYear, year: Int, stamp: String) {
        lock.withLock { kept = (year, stamp, computed) }
    }
}
