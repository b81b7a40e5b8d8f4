import Testing

/// The public page publishes the record: a published year whose allocation on record is not the one its records
/// give (a figure changed in the database behind the tool's back) is not shown. (A locked year's figures are kept
/// once computed, until its state or run changes: the check is made when they are first computed.)
@Suite("The public page and the record")
struct TransparencyRecordTests {
    @Test func aRecordThatNoLongerHoldsIsNotPublished() async throws {
        try await withWebApp { browser, database in
            try await insertPublished(database)
            try database.withConnection { db in
                try db.execute("SET session_replication_role = replica")
                try db.execute("""
                    UPDATE allocations SET share_numerator = share_numerator + 1
                    WHERE body_id = 'ENTE' AND year = 2023
                      AND employee_id = (SELECT min(employee_id) FROM allocations WHERE body_id = 'ENTE' AND year = 2023)
                    """)
            }
            let page = try await browser.get("/trasparenza?anno=2023")
            #expect(page.status == .internalServerError)
            #expect(page.text.contains("Le cifre registrate dell&#39;anno 2023 differiscono da quelle ricalcolate"), "\(page.text.prefix(400))")
            #expect(!page.text.contains("grafico-dirigenti"))
        }
    }
}
