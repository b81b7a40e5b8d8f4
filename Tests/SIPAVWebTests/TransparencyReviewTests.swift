import SIPAVTestSupport
import HummingbirdTesting
import Testing

/// A published year reopened for review: the public page says so, with the date of the reopening and without its
/// reason, instead of claiming that nothing was ever published; the figures come back once published again.
@Suite("The transparency page of a year reopened after publication")
struct TransparencyReviewTests {
    static let reason = "ricorso riservato di E5"

    /// Whether `page` gives the notice of the review, its date in Italian form.
    static func showsNotice(_ page: String) -> Bool {
        page.contains(/sono stati riaperti per una\s+revisione il \d{2}\/\d{2}\/\d{4} alle \d{2}:\d{2}/)
    }

    @Test func aReopenedPublishedYearSaysItIsUnderReview() async throws {
        try await withWebApp { browser, database in
            let store = try database.store()
            try await insertPublished(database)
            try await store.reopen(body: WebFixture.body, year: PublishedYearFixture.year, reason: Self.reason, actor: "test")
            for uri in ["/trasparenza", "/trasparenza?anno=2023"] {
                let page = try await browser.get(uri)
                #expect(page.status == .ok, "\(uri)")
                #expect(page.text.contains("Trasparenza: valutazioni e premi 2023"), "\(uri)")
                #expect(Self.showsNotice(page.text), "\(uri)")
                #expect(!page.text.contains("Nessun anno"), "\(uri)")
                #expect(!page.text.contains("ricorso"), "the reason is internal: \(uri)")
                #expect(!page.text.contains("<svg") && !page.text.contains("<table"), "no figures while under review: \(uri)")
            }

            // Allocated again but not yet published: still under review.
            try await PublishedYearFixture.allocate(in: store)
            #expect(Self.showsNotice(try await browser.get("/trasparenza").text))

            // Published again: the figures, without the notice.
            try OwnAppraisalFixture.publish(database)
            let republished = try await browser.get("/trasparenza")
            #expect(republished.status == .ok)
            #expect(!Self.showsNotice(republished.text))
            #expect(republished.text.contains("<svg"))
        }
    }

    @Test func aYearReopenedBeforePublicationWasNeverPublic() async throws {
        try await withWebApp { browser, database in
            let store = try database.store()
            try await PublishedYearFixture.insertAllocated(into: store)
            try await store.reopen(body: WebFixture.body, year: PublishedYearFixture.year, reason: Self.reason, actor: "test")
            let page = try await browser.get("/trasparenza")
            #expect(page.status == .ok)
            #expect(page.text.contains("Nessun anno è stato ancora pubblicato"))
            #expect(!Self.showsNotice(page.text))
        }
    }
}
