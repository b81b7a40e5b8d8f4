import Postgres
import SIPAVStore

/// The appraisals an allocation pays as they stand, not submitted as final: all of them, and among them those HR
/// itself returned to draft and their manager has not submitted again (their ratings are the ones HR found to be
/// corrected). HR confirms each number apart, as the preview showed it.
struct AllocationDrafts: Equatable, Sendable {
    let drafts: Int
    let returned: Int

    /// The form's fields: the box for the drafts, and the box for the returned ones.
    static let draftsField = "bozze"
    static let returnedField = "restituite"

    /// Counted on `db`; inside the allocation's transaction, once the year's row is held, no appraisal can be
    /// submitted or returned until it ends.
    static func read(_ db: Connection, body: String, year: Int) throws -> AllocationDrafts {
        let (drafts, returned) = try StandingReturns.counts(db, body: body, year: year)
        return AllocationDrafts(drafts: drafts, returned: returned)
    }

    /// Why a confirmation that ticked `drafts` and `returned` (the boxes' values, nil when not ticked) does not
    /// confirm these numbers; nil when it does.
    /// A box ticked for a number no longer there (the drafts all submitted since, say) is a change too.
    func refusal(drafts tickedDrafts: String?, returned tickedReturned: String?) -> Refusal? {
        var unticked: [Box] = []
        for (box, count, ticked) in [(Box.drafts, drafts, tickedDrafts), (.returned, returned, tickedReturned)] {
            guard ticked != String(count), count > 0 || ticked != nil else { continue }
            if ticked != nil { return .changed }
            unticked.append(box)
        }
        return unticked.isEmpty ? nil : .unconfirmed(unticked)
    }

    enum Box: Sendable { case drafts, returned }

    enum Refusal: Error, Equatable {
        /// Boxes left unticked.
        case unconfirmed([Box])
        /// A number other than the one counted now: the drafts changed after the preview.
        case changed
    }
}
