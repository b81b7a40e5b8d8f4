import Dispatch

/// Runs `first` and `second` at the same time (on two threads), and returns when both are done.
public func inParallel(_ first: () -> Void, _ second: () -> Void) {
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            let work = [first, second]
            work.withUnsafeBufferPointer { work in
                nonisolated(unsafe) let work = work
                DispatchQueue.concurrentPerform(iterations: 2) { work[$0]() }
            }
        }
    }
}

/// Runs `body` over `range`, in two halves at once when the range is at least `threshold` long.
public func inHalves(_ range: Range<Int>, threshold: Int = 1 << 16, _ body: (Range<Int>) -> Void) {
    guard range.count >= threshold else {
        body(range)
        return
    }
    let middle = range.lowerBound + range.count / 2
    inParallel({ body(range.lowerBound..<middle) }, { body(middle..<range.upperBound) })
}
