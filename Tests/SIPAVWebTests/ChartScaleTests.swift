import SIPAV
import Testing
@testable import SIPAVWeb

@Suite("The transparency chart's scale")
struct ChartScaleTests {
    @Test func theTopIsTheLargestShareRoundedUpToTenPercent() {
        #expect(TransparencyView.scaleTop([Ratio(45, 100), Ratio(2, 10)]) == Ratio(5, 10))
        #expect(TransparencyView.scaleTop([Ratio(5, 10)]) == Ratio(5, 10))
        #expect(TransparencyView.scaleTop([Ratio(501, 1000)]) == Ratio(6, 10))
        #expect(TransparencyView.scaleTop([.zero]) == Ratio(1, 10))
        #expect(TransparencyView.scaleTop([.one]) == .one)
    }
}
