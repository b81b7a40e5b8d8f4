import SIPAVTestSupport
import SIPAVStore

/// A database holding the demo body's 2019 allocated, beside an open 2020 of the same body and an open 2019
/// of another body: the neighbours a lock must leave alone.
struct AllocatedYear {
    let database: TestDatabase
    let store: PostgresStore
    /// The 2019 records as the store gave them back before allocating.
    let year: YearRecords

    static func make() async throws -> AllocatedYear {
        let database = try TestDatabase.create()
        do {
            let store = try database.store()
            let demo = try DemoYear.records()
            try await store.importYear(demo, actor: "hr.rossi", progress: nil)
            try await store.importYear(demo.with(year: 2020), actor: "hr.rossi", progress: nil)
            try await store.importYear(try DemoYear.records(body: "other"), actor: "hr.neri", progress: nil)
            let year = try await store.loadYear(body: "demo", year: 2019)
            try await store.saveOutcome(try year.outcome(), of: year, actor: "hr.rossi")
            return AllocatedYear(database: database, store: store, year: year)
        } catch {
            database.drop()
            throw error
        }
    }

    func snapshot() throws -> Snapshot { try database.withConnection { try Snapshot($0) } }
}
