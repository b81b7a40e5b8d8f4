import SIPAVTestSupport
import Foundation
import Synchronization

/// The outcome of an operation started in the background, awaited for a bounded time: a test that
/// expects an operation to fail promptly must not hang when it does not.
final class Background<T: Sendable>: Sendable {
    private let outcome = Mutex<Result<T, any Error>?>(nil)

    init(_ operation: @escaping @Sendable () async throws -> T) {
        Task { [self] in
            let result: Result<T, any Error>
            do { result = .success(try await operation()) } catch { result = .failure(error) }
            outcome.withLock { $0 = result }
        }
    }

    var isFinished: Bool { outcome.withLock { $0 != nil } }

    /// The outcome once there is one, or nil after `seconds`.
    func result(within seconds: Double) async throws -> Result<T, any Error>? {
        try await poll(seconds: seconds) { outcome.withLock { $0 } }
    }
}
