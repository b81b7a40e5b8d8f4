import Foundation

/// The error `body` throws, or nil when it returns: for checking errors without a closure inside `#expect`.
public func thrownError<T>(_ body: () async throws -> T) async -> (any Error)? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}

/// Polls `probe` every `interval` until it gives a value or `seconds` have passed (then nil).
public func poll<T>(seconds: Double, interval: Duration = .milliseconds(50), _ probe: () throws -> T?) async throws -> T? {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if let value = try probe() { return value }
        try await Task.sleep(for: interval)
    }
    return try probe()
}

/// As `poll`, on a thread of its own rather than the tasks' shared threads: the probe keeps its pace even
/// while other tests hold those threads in blocking calls, for a moment that must not be missed.
public func pollOnItsOwnThread<T: Sendable>(seconds: Double, interval: Duration = .milliseconds(50),
                                            _ probe: @escaping @Sendable () throws -> T?) async throws -> T? {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
            do {
                while ContinuousClock.now < deadline {
                    if let value = try probe() { return continuation.resume(returning: value) }
                    Thread.sleep(forTimeInterval: Double(interval.components.attoseconds) / 1e18 + Double(interval.components.seconds))
                }
                continuation.resume(returning: try probe())
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }
}

/// The error a synchronous `body` throws, or nil when it returns.
public func errorThrown<T>(by body: () throws -> T) -> (any Error)? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}
