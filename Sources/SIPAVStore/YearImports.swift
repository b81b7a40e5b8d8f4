import Foundation
import Postgres
import SIPAV

/// What an import puts on record beside the year's records (`year_imports`, SQL/0046): why it was made and how it was
/// asked for. Every import records one, in its own transaction, with or without a reason.
public struct ImportNote: Sendable, Equatable {
    /// Why the year is imported (`sipav db import --reason`); nil when none was given.
    public var reason: String?
    /// The files read, as absolute paths.
    public var files: [String]
    /// Imported for planning (`--planning`): ratings and measurements may still be missing.
    public var planning: Bool
    /// Whether the import is refused without a reason when the year was ever reopened (`ImportReasonMissing`):
    /// `sipav db import`'s rule. A library caller asks none by default, as `ImportConsent.all` refuses nothing.
    public var reasonRequiredOnceReopened: Bool

    public init(reason: String? = nil, files: [String] = [], planning: Bool = false, reasonRequiredOnceReopened: Bool = false) {
        (self.reason, self.files, self.planning, self.reasonRequiredOnceReopened) = (reason, files, planning, reasonRequiredOnceReopened)
    }
}

/// A re-import of a year reopened at least once, refused because it gives no reason: it changes a year whose records
/// were closed once (its allocation goes, and often its ratings), and the log would say what changed but not why.
public struct ImportReasonMissing: Error, Sendable, Equatable {
    public let body: String
    public let year: Int
    /// The latest reopening: when (`25/11/2026 alle 19:05`), by whom and why.
    public let reopenedAt: String
    public let reopenedBy: String
    public let reopenReason: String

    /// What the command line says, in Italian.
    public var message: String {
        "l'anno \(year) dell'ente \(body) è stato riaperto (l'ultima volta il \(reopenedAt), da \(reopenedBy), motivo: "
            + "«\(reopenReason)»): importarlo di nuovo ne cambia i dati chiusi, e il registro deve dire perché. Indichi il "
            + "motivo dell'importazione (--reason \"…\"). Nulla è stato importato."
    }
}

/// The record of a year's imports (`year_imports`).
public enum YearImports {
    /// The most characters a reason holds (`year_imports_reason_length`, SQL/0046), as a returned appraisal's.
    public static let reasonLimit = 2000

    /// Refuses, when `note` asks for it, an import without a reason of a year reopened at least once. Called with the
    /// year's row held, so that a reopening committed just before is seen, and before anything is written.
    static func refuseWithoutReason(_ db: Connection, body: String, year: Int, note: ImportNote) throws {
        guard note.reasonRequiredOnceReopened, note.reason == nil else { return }
        let latest = try db.execute("""
            SELECT \(ItalianTime.sql("reopened_at")) AS at, reopened_by, reason FROM year_reopenings
            WHERE body_id = $1 AND year = $2 ORDER BY reopening_id DESC LIMIT 1
            """, [body, year]).first
        guard let latest else { return }
        throw ImportReasonMissing(body: body, year: year, reopenedAt: try latest.string("at"),
                                  reopenedBy: try latest.string("reopened_by"), reopenReason: try latest.string("reason"))
    }

    /// Whether the schema keeps the record (SQL/0046). Every command refuses a schema with migrations pending, but the
    /// store itself imports into an older one where a migration is checked on the records it will meet (its tests
    /// import a year, then apply it): such a schema keeps no record of imports.
    static func areKept(_ db: Connection) throws -> Bool {
        try db.execute("SELECT to_regclass('year_imports') IS NOT NULL AS kept")[0].bool("kept")
    }

    /// Records the import, at the transaction's start and under its actor, as the audit log records its lines.
    static func record(_ db: Connection, body: String, year: Int, note: ImportNote, consent: ImportConsent, allocated: Bool) throws {
        guard try areKept(db) else { return }
        try db.execute("""
            INSERT INTO year_imports (body_id, year, reason, allocated, planning, consents, files)
            VALUES ($1, $2, $3, $4, $5, ARRAY(SELECT jsonb_array_elements_text($6::jsonb)),
                    ARRAY(SELECT jsonb_array_elements_text($7::jsonb)))
            """, [body, year, note.reason, allocated, note.planning, QuotedText.jsonArray(consent.recordedNames),
                  QuotedText.jsonArray(note.files)])
    }
}

extension ImportConsent {
    /// The consents given, as `year_imports.consents` names them.
    var recordedNames: [String] {
        [(ImportConsent.renamedBody, "renamed_body"), (.renamedEmployeesOfClosedYears, "renamed_employees"),
         (.removedRatedPeople, "removed_rated_people"), (.removedActs, "removed_acts"), (.reusedActs, "reused_acts")]
            .filter { contains($0.0) }.map(\.1)
    }
}
