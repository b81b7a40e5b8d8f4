import Postgres
import SIPAV

/// The acts a year's files carry: the Giunta's and the OIV's confirmations of the fund, and the results the OIV
/// validated. They gate the money (no allocation without both confirmations) and set what the ente and the Areas
/// achieved (a quarter of every staff share), so an import may neither drop one the year has on record nor bring in,
/// unseen, another year's.
public struct YearActs {
    let plan: OrganisationalPlan
    let fund: Fund

    /// One act, as a message names it: whose, and its reference.
    struct Act: Hashable {
        let name: String
        let reference: Reference
        var described: String { "\(name) («\(reference)»)" }
    }

    var acts: [Act] {
        [fund.giunta.map { Act(name: "Giunta", reference: $0.reference) }, fund.oiv.map { Act(name: "OIV", reference: $0.reference) }]
            .compactMap { $0 } + plan.validated.map { Act(name: Self.name(of: $0.scope), reference: $0.reference) }
    }

    static func name(of scope: ValidatedResult.Scope) -> String {
        switch scope {
        case .ente: "risultato validato dell'ente"
        case let .area(id): "risultato validato dell'Area \(id)"
        case let .objective(id): "risultato validato dell'obiettivo \(id)"
        }
    }

    /// The acts `stored` holds that these files leave out (a confirmation, or a validated result of a scope, the files
    /// do not give at all; a changed reference or percentage is the files' to make), in the order stored.
    func dropped(from stored: YearActs) -> [Act] {
        let given = Set(acts.map(\.name))
        return stored.acts.filter { !given.contains($0.name) }
    }

    /// Refused unless `consent` says so: the files would remove acts the year has on record, most often a `fund.yaml` or
    /// a plan written again without them (HR records them on the web too).
    func refuseDropping(from stored: YearActs, year: Int, consent: ImportConsent) throws {
        let dropped = dropped(from: stored)
        guard !dropped.isEmpty, !consent.contains(.removedActs) else { return }
        throw StoreError("the files leave out acts year \(year) holds on record, which the import would remove: "
                         + dropped.map(\.described).joined(separator: "; ")
                         + ". Give them in the files, as sipav db export writes them, or say that they are to be removed (--remove-acts)")
    }

    /// The other years of `body` that record an act (a confirmation of the fund, a validated result) with one of
    /// `references`: each such reference with its years (`2019, 2020`). A year's acts are a handful: every other
    /// year's are read whole.
    public static func otherYears(_ db: Connection, body: String, year: Int, references: Set<Reference>) throws -> [Reference: String] {
        guard !references.isEmpty else { return [:] }
        let elsewhere = try db.execute("""
            SELECT reference, year FROM fund_confirmations WHERE body_id = $1 AND year <> $2
            UNION
            SELECT reference, year FROM validated_results WHERE body_id = $1 AND year <> $2
            ORDER BY year
            """, [body, year])
        var years: [Reference: String] = [:]
        for row in elsewhere {
            let reference = try row.string("reference")
            guard references.contains(reference) else { continue }
            let number = String(try row.int("year"))
            years[reference] = years[reference].map { "\($0), \(number)" } ?? number
        }
        return years
    }

    /// Refused unless `consent` says so: an act of these files recorded, with the same reference, for another year of
    /// the body. A fund.yaml or a plan copied from last year would pass last year's Giunta and OIV as this year's.
    /// An act the year already holds, as it is, was accepted when it was recorded (or is the web's to warn of): only
    /// the acts the files bring or change are checked, so a year imported again needs no consent given once.
    func refuseReusing(_ db: Connection, body: String, year: Int, consent: ImportConsent) throws {
        guard !consent.contains(.reusedActs) else { return }
        let references = Set(acts.map(\.reference)).subtracting(try Self.held(db, body: body, year: year))
        guard !references.isEmpty else { return }
        let years = try Self.otherYears(db, body: body, year: year, references: references)
        let reused = acts.filter { references.contains($0.reference) && years[$0.reference] != nil }
        guard !reused.isEmpty else { return }
        throw StoreError("the files give year \(year) acts recorded for other years of body \(body): "
                         + reused.map { "\($0.described), \(years[$0.reference]!)" }.joined(separator: "; ")
                         + ". A file copied from another year? Give this year's acts, or say that the same acts stand for this year too (--reuse-acts)")
    }

    /// The references of the acts `year` holds on record (its confirmations and validated results).
    static func held(_ db: Connection, body: String, year: Int) throws -> Set<Reference> {
        Set(try db.execute("""
            SELECT reference FROM fund_confirmations WHERE body_id = $1 AND year = $2
            UNION SELECT reference FROM validated_results WHERE body_id = $1 AND year = $2
            """, [body, year]).map { try $0.string("reference") })
    }

    /// The other years (`2019, 2020`) recording an act with `reference`, when `year` does not hold one with it already
    /// (an act the year holds was accepted when it was recorded, as the import's `refuseReusing` has it); else nil.
    public static func reusedElsewhere(_ db: Connection, body: String, year: Int, reference: Reference) throws -> String? {
        guard !(try held(db, body: body, year: year)).contains(reference) else { return nil }
        return try otherYears(db, body: body, year: year, references: [reference])[reference]
    }
}
