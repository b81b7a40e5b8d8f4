@testable import SIPAVWeb
import Testing

/// The allocation page's record says of the year's earlier runs whether their amounts are kept, or only their totals
/// (runs replaced before SQL/0036 kept them).
@Suite("The allocation record's earlier runs")
struct AllocationRecordLinesTests {
    func line(earlier: Int, lost: Int) -> String? {
        AllocationRecord(run: 9, at: "01/07/2020 alle 10:00", by: "hr.rossi", returnedPaid: nil, earlierRuns: earlier,
                         earlierRunsLost: lost, published: nil).lines.first { $0.contains("precedent") }
    }

    @Test func keptLostOrSome() {
        #expect(line(earlier: 0, lost: 0) == nil)
        #expect(line(earlier: 2, lost: 0) == "2 ripartizioni precedenti dell'anno restano agli atti (importi conservati).")
        #expect(line(earlier: 1, lost: 1)
                == "Una ripartizione precedente dell'anno resta agli atti (solo i totali: gli importi di ciascuno non erano ancora conservati).")
        #expect(line(earlier: 3, lost: 1)
                == "3 ripartizioni precedenti dell'anno restano agli atti (di 1 solo i totali: gli importi di ciascuno non erano ancora conservati).")
    }
}
