import Postgres
import SIPAVStore

/// What HR's pages say beside an act (a confirmation of the fund, an OIV-validated result) whose reference is on record
/// for another year of the body too: most often copied from last year's, which would pass last year's act as this
/// year's. As `sipav db import` does unless told (`--reuse-acts`), the pages refuse to record such an act unless HR
/// ticks the box that says it is the same act for this year too (`field`); an act the year already holds is not asked
/// about again.
enum ReusedAct {
    /// The box of the form: the same act stands for this year too.
    static let field = "stesso_atto"

    /// An act recorded for `years` (`2019, 2020`) too, sent without the box ticked: nothing was written.
    struct Unconfirmed: Error {
        let years: String
    }

    /// Throws `Unconfirmed` when `reference` is new to `year` and on record for another year of `body`, unless
    /// `form` ticks the box. A closed year (`state`, as `YearFirst.share` holds it) asks nothing: its write is
    /// refused as closed (SV001), which is the reason to give.
    static func check(_ db: Connection, body: String, year: Int, state: YearState?, reference: String, form: FormData) throws {
        guard form[field] != "si", state?.isLocked != true,
              let years = try YearActs.reusedElsewhere(db, body: body, year: year, reference: reference) else { return }
        throw Unconfirmed(years: years)
    }

    /// What the refused form says beside the reference, and after the notice's colon (in lower case).
    static func refusal(years: String) -> String {
        "lo stesso atto è registrato anche per " + (years.contains(",") ? "gli anni " : "l'anno ") + years
            + ": se il riferimento è stato copiato da quello di un altro anno, scriva quello di quest'anno; se è davvero lo "
            + "stesso atto anche per quest'anno, spunti la casella e registri di nuovo."
    }

    /// The box's words.
    static let consentLabel = "È lo stesso atto anche per quest'anno: lo registri comunque"

    /// `refusal` as a sentence of its own, beside the field.
    static func fieldError(years: String) -> String { FieldErrors.sentence(refusal(years: years)) }

    /// `years` as `YearActs.otherYears` gives them: `2020`, or `2019, 2020`.
    static func warning(years: String) -> String {
        "Lo stesso atto è registrato anche per " + (years.contains(",") ? "gli anni " : "l'anno ") + years
            + ": se il riferimento è stato copiato da quello di un altro anno, registri quello di quest'anno."
    }
}
