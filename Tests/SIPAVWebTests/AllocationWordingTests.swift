import SIPAV
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

    /// A fund of 0 € for people paid from it (a year drafted from the one before, its amounts never written) is said
    /// above the figures, fund by fund; a fund with its amount says nothing.
    @Test func aFundOfNothingIsSaid() throws {
        let year = try PublishedYearFixture.records()
        let lines = year.fund.lines.map { FundLine(fund: $0.fund, description: $0.description, amount: $0.fund == .staff ? .zero : $0.amount) }
        let drafted = YearRecords(body: year.body, plan: year.plan, records: year.records,
                                  fund: Fund(year: year.fund.year, lines: lines, giunta: year.fund.giunta, oiv: year.fund.oiv),
                                  settingsYAML: year.settingsYAML)
        let page = AllocationView(year: 2023, progress: YearProgress(state: .rating, unsubmitted: 0, openContests: 0),
                                  preview: AllocationPreview(records: drafted)).values
        let notes = try #require(page["emptyFunds"] as? [String])
        #expect(notes.count == 1, "\(notes)")
        #expect(notes.first?.hasPrefix("Il fondo «Personale non dirigente» è di 0,00 €: nessuna delle sue ") == true, "\(notes)")
        #expect((try values(drafts: 0, state: .rating)["emptyFunds"] as? [String])?.isEmpty == true)
    }

    @Test func anAllocatedYearSaysTheDraftsWerePaidAsTheyWere() throws {
        #expect(try values(drafts: 1, state: .allocated)["unsubmittedWords"] as? String
                == "valutazione non era stata inviata come definitiva alla ripartizione ed è stata ripartita come si trovava")
        #expect(try values(drafts: 2, state: .published)["unsubmittedWords"] as? String
                == "valutazioni non erano state inviate come definitive alla ripartizione e sono state ripartite come si trovavano")
    }
}
