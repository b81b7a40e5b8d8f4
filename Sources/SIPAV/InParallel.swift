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

/// Runs `body` over `range`, in two halves at once when the range is at least `threshold` long; returns what
/// each part gave, in order (one part or two).
@discardableResult
public func inHalves<Part>(_ range: Range<Int>, threshold: Int = 1 << 16, _ body: (Range<Int>) -> Part) -> [Part] {
    guard range.count >= threshold else { return [body(range)] }
    let middle = range.lowerBound + range.count / 2
    var first: Part?, second: Part?
    inParallel({ first = body(range.lowerBound..<middle) }, { second = body(middle..<range.upperBound) })
    return [first!, second!]
}
