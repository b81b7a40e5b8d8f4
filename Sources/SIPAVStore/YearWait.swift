import Dispatch

/// What a command says when the year it needs is held by another operation's transaction (an import, an allocation,
/// a reopening): it waits for it, as it must, and would otherwise wait without a word for as long as that takes.
public typealias YearWaitNotice = @Sendable (_ body: String, _ year: Int) -> Void

enum YearWait {
    /// Runs `taking`, the statements that take the year's row (and the body's), and calls `notice` once if they have
    /// not returned after `delay`: such statements are instant unless another transaction holds the row.
    static func noticing<T>(_ notice: YearWaitNotice?, body: String, year: Int, after delay: DispatchTimeInterval = .seconds(2),
                            _ taking: () throws -> T) rethrows -> T {
        guard let notice else { return try taking() }
        let call = DispatchWorkItem { notice(body, year) }
        DispatchQueue.global().asyncAfter(deadline: .now() + delay, execute: call)
        defer { call.cancel() }
        return try taking()
    }
}
