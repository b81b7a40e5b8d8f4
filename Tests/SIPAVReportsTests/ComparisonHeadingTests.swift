import SIPAVReports
import Testing

/// The comparison's heading says "the year before" only when it is.
@Suite("The comparison's heading")
struct ComparisonHeadingTests {
    @Test func theYearBeforeOrTheYearNamed() {
        #expect(StatisticsReport.comparisonHeading(year: 2019, previousTitle: "Differenziazione delle valutazioni 2018 – Ente")
                == "Confronto con l'anno precedente")
        #expect(StatisticsReport.comparisonHeading(year: 2023, previousTitle: "Differenziazione delle valutazioni 2021 – Ente")
                == "Confronto con il 2021")
        // A title it cannot read: as before.
        #expect(StatisticsReport.comparisonHeading(year: 2023, previousTitle: "Statistiche") == "Confronto con l'anno precedente")
    }
}
