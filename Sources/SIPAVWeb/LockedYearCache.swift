import Foundation

/// The locked years last computed for the public and the employees' pages (the transparency page, each employee's own
/// appraisal), kept so that every view does not read and compute a whole year again: at 100,000 staff that is a third
/// of a second a view, and every employee reads their page once it is published.
///
/// A locked year (allocated or published) cannot change; it changes only through a recorded reopening, which
/// changes its state, and a new allocation, which adds a run. So the figures are kept with that stamp (state and
/// latest run) and given back only while the year still has it. Two years are kept, the least recently read making
/// room: the transparency page reads two (the year shown and the one it is compared with), which one place would take
/// from each other at every view. No more: a million people's year takes some 400 MB.
final class LockedYearCache: @unchecked Sendable {
    private let lock = NSLock()
    /// The years kept, the most recently read last.
    private var kept: [(year: Int, stamp: String, computed: ComputedYear)] = []
    let capacity: Int

    init(capacity: Int = 2) {
        self.capacity = max(1, capacity)
    }

    /// The figures of `year` computed while it had `stamp`, if they are among those kept.
    func computed(year: Int, stamp: String) -> ComputedYear? {
        lock.withLock {
            guard let index = kept.firstIndex(where: { $0.year == year && $0.stamp == stamp }) else { return nil }
            let entry = kept.remove(at: index)
            kept.append(entry)
            return entry.computed
        }
    }

    /// Keeps `computed`, the figures of `year` read after it was seen with `stamp`, in place of any other of that year.
    func keep(_ computed: ComputedYear, year: Int, stamp: String) {
        lock.withLock {
            kept.removeAll { $0.year == year }
            kept.append((year, stamp, computed))
            if kept.count > capacity { kept.removeFirst(kept.count - capacity) }
        }
    }
}
