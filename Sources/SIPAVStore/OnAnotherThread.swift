import Foundation

/// Work started at once on a thread of its own, whose result the starting thread waits for when it needs
/// it. For work on a connection of its own: a connection held by a transaction serves only the thread that
/// opened the transaction. A thread of its own, not a shared queue's: the work must start even when every
/// thread of a queue is waiting, as the starting one will.
final class OnAnotherThread<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the other thread before `done` is signalled; read only after waiting for it.
    private var outcome: Result<Value, any Error>?

    init(_ work: @escaping @Sendable () throws -> Value) {
        Thread.detachNewThread { [self] in
            outcome = Result { try work() }
            done.signal()
        }
    }

    /// Waits for the work to end and returns what it gave or threw.
    func result() -> Result<Value, any Error> {
        done.wait()
        return outcome!
    }
}
