/// What HR's pages say beside an act (a confirmation of the fund, an OIV-validated result) whose reference is on record
/// for another year of the body too: most often copied from last year's, which would pass last year's act as this
/// year's (`sipav db import` refuses the same unless told, `--reuse-acts`).
enum ReusedAct {
    /// `years` as `YearActs.otherYears` gives them: `2020`, or `2019, 2020`.
    static func warning(years: String) -> String {
        "Lo stesso atto è registrato anche per " + (years.contains(",") ? "gli anni " : "l'anno ") + years
            + ": se il riferimento è stato copiato da quello di un altro anno, registri quello di quest'anno."
    }
}
