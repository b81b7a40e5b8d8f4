import Foundation

/// The resident memory of this process, from `/proc/self/status` (Linux), and its peak.
enum ProcessMemory {
    /// The peak resident set (`VmHWM`) in bytes; `getrusage` where `/proc` is missing.
    static var peakBytes: Int {
        if let kilobytes = status("VmHWM") { return kilobytes * 1024 }
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    /// The resident set now (`VmRSS`) in bytes, or 0 where `/proc` is missing.
    static var currentBytes: Int { (status("VmRSS") ?? 0) * 1024 }

    /// Resets the peak to the resident set now (Linux ≥ 4.0: writing 5 to `/proc/self/clear_refs`), so that
    /// the peak read after a step is the step's own. False when the kernel refused.
    @discardableResult
    static func resetPeak() -> Bool {
        let descriptor = open("/proc/self/clear_refs", O_WRONLY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return write(descriptor, "5", 1) == 1
    }

    /// A `kB` line of `/proc/self/status`.
    static func status(_ key: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            return Int(line.dropFirst(key.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
        }
        return nil
    }
}

/// Seconds elapsed on the monotonic clock.
struct Stopwatch {
    private let start = ContinuousClock.now
    var seconds: Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// Times the named parts of a step, in the order they run; a name timed twice adds up.
struct Laps {
    private(set) var named: [NamedSeconds] = []
    private let whole = Stopwatch()

    mutating func time<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let watch = Stopwatch()
        defer { add(name, watch.seconds) }
        return try body()
    }

    mutating func timeAsync<T>(_ name: String, _ body: () async throws -> T) async rethrows -> T {
        let watch = Stopwatch()
        defer { add(name, watch.seconds) }
        return try await body()
    }

    /// Since the laps began.
    var total: Double { whole.seconds }

    private mutating func add(_ name: String, _ seconds: Double) {
        if let index = named.firstIndex(where: { $0.name == name }) {
            named[index].seconds += seconds
        } else {
            named.append(NamedSeconds(name: name, seconds: seconds))
        }
    }
}
