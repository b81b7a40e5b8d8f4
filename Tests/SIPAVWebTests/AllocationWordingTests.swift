import SIPAVStore
import Testing
@testable import SIPAVWeb

/// The allocation page's sentences about the drafts agree with their number, and say what happened once the year is
/// allocated.
@Suite("The allocation page's words for the drafts")
struct AllocationWordingTests {
    private func values(drafts: Int, state: YearState) throws -> [String: Any] {
        let preview = AllocationPreview(records: try PublishedYearFixture.records())
        return AllocationView(year: 2023, progress: YearProgress(state: state, unsubmitted: drafts, openContests: 0), preview: preview).values
    }

    @Test func oneDraftIsSingularAndManyArePlural() throws {
        let one = try values(drafts: 1, state: .rating)
        #expect(one["unsubmittedWords"] as? String == "valutazione non è ancora stata inviata come definitiva")
        #expect(one["draftWords"] as? String == "valutazione non inviata come definitiva, come si trova ora")
        let many = try values(drafts: 3, state: .rating)
        #expect(many["unsubmittedWords"] as? String == "valutazioni non sono ancora state inviate come definitive")
        #expect(many["draftWords"] as? String == "valutazioni non inviate come definitive, come si trovano ora")
    }

    @Test func anAllocatedYearSaysTheDraftsWerePaidAsTheyWere() throws {
        #expect(try values(drafts: 1, state: .allocated)["unsubmittedWords"] as? String
                == "valutazione non era stata inviata come definitiva alla ripartizione ed è stata ripartita come si trovava")
        #expect(try values(drafts: 2, state: .published)["unsubmittedWords"] as? String
                == "valutazioni non erano state inviate come definitive alla ripartizione e sono state ripartite come si trovavano")
    }
}
