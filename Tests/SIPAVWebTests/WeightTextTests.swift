import SIPAVTestSupport
import HummingbirdTesting
import Testing
@testable import SIPAVWeb

@Suite("Objective weights are shown as stored")
struct WeightTextTests {
    @Test(arguments: [(10_000, "100 %"), (6000, "60 %"), (1250, "12,5 %"), (5417, "54,17 %"), (3333, "33,33 %"),
                      (5, "0,05 %"), (1, "0,01 %"), (90, "0,9 %")])
    func aWeightKeepsItsDecimalsWithoutTrailingZeros(basisPoints: Int, text: String) {
        #expect(WeightText.percent(basisPoints: basisPoints) == text)
    }

    @Test func theRatingFormShowsWeightsThatAddUpTo100() async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                _ = try db.execute("UPDATE individual_objectives SET weight_bp = CASE code WHEN 'OB1' THEN 4583 ELSE 5417 END WHERE employee_id = 'E1'")
            }
            _ = try await browser.login("m1")
            let page = try await browser.get("/valutazioni/E1")
            #expect(page.text.contains("peso 45,83 %"))
            #expect(page.text.contains("peso 54,17 %"))
        }
    }
}
