import Postgres
import SIPAVStore
import Testing

/// A refused CHECK says its rule and table, never the row PostgreSQL quotes in its detail: the row may hold a
/// password's hash or a person's data, and the message goes to the terminal and the logs.
@Test func aRefusedValueDoesNotQuoteTheRow() {
    var error = PostgresError(kind: .statement, message: "new row for relation \"accounts\" violates check constraint")
    error.sqlState = "23514"
    error.table = "accounts"
    error.constraint = "accounts_username_valid"
    error.detail = "Failing row contains (demo, , $2b$12$A.y4hGabcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLM, hr)."
    let explained = StoreError.explaining(error)
    #expect(explained.message == "the database refused a value: rule accounts_username_valid on accounts")
    #expect(explained.underlying?.detail != nil)
}

/// A missing reference and a duplicate keep PostgreSQL's detail, which names the key and no more.
@Test func aMissingReferenceNamesItsKey() {
    var error = PostgresError(kind: .statement, message: "insert or update on table \"accounts\" violates foreign key constraint")
    error.sqlState = "23503"
    error.constraint = "accounts_body_fk"
    error.detail = "Key (body_id)=(nobody) is not present in table \"bodies\"."
    #expect(StoreError.explaining(error).message
            == "the database refused a reference to a record that does not exist: accounts_body_fk (Key (body_id)=(nobody) is not present in table \"bodies\".)")
}
