import Foundation
import SIPAV
import SIPAVFiles

/// The plan read on a thread of its own, started at once; `result()` waits for it. A thread rather than a task of
/// the shared pool, whose threads the readers of the staff list and of the objectives keep busy meanwhile.
/// `result()` is called by one thread, the one that made this.
final class PlanReading: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written by the reading thread before it signals `done`.
    private var read: Result<OrganisationalPlan, InputErrors>?
    private var waited = false

    /// `whilePlanning`: indicators not yet measured are accepted (`PlanFileWhilePlanning`). `objectiveWeights`: the
    /// settings weigh the objectives, and the plan gives every objective its weight or none.
    init(path: String, whilePlanning: Bool, objectiveWeights: Bool) {
        let thread = Thread { [self] in
            read = Result { () throws(InputErrors) in
                try PlanFile.read(path: path, whilePlanning: whilePlanning, objectiveWeights: objectiveWeights)
            }
            done.signal()
        }
        // Yams reads nested YAML recursively: the room of the main thread, not the 512 KiB of a secondary one.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The plan, or the faults that stop it.
    func result() -> Result<OrganisationalPlan, InputErrors> {
        if !waited {
            done.wait()
            waited = true
        }
        return read!
    }
}
