import SIPAV
import SIPAVReports
import Testing

/// A percentage an auditor recomputes with is written as it is: every decimal of one that ends, else four and the
/// fraction it stands for.
@Test(arguments: [(Ratio(625, 1000), "62,5 %"), (Ratio(1, 4), "25 %"), (Ratio(1, 3), "33,3333 % (1/3)"),
                  (Ratio(23, 24), "95,8333 % (23/24)"), (Ratio(1, 64), "1,5625 %")])
func anExactPercentIsWrittenAsItIs(fraction: Ratio, text: String) {
    #expect(ItalianNumbers.exactPercent(fraction) == text)
}
