import PropertyBased
import Testing
@testable import SIPAV

/// A random body for the property tests: 1–60 staff with random roles, categories, part time, months and Areas;
/// objectives with weights summing to 100 and random ratings; random results, fund amounts and settings.
struct RandomBody: Sendable, CustomTestStringConvertible {
    let records: StaffRecords
    let individual: IndividualSettings
    let organisation: OrganisationalResults
    let fund: Fund
    let settings: FundSettings

    var input: AllocationInput {
        AllocationInput(records: records, scores: records.finalScores(settings: individual), organisation: organisation, fund: fund)
    }

    var testDescription: String {
        let people = records.staff.indices.map { p in
            let s = records.staff[p]
            let ratings = records.objectives(of: p).map { "\($0.weightBasisPoints / 100)%:\($0.cosa ?? -1)\($0.come?.letter ?? "-")" }
            return "\(s.id)/\(s.role.rawValue)/\(s.category)/a\(s.area.map(String.init) ?? "-")/pt\(s.partTimeBasisPoints)/m\(s.monthsOfService)"
                + (s.notAssessableReason == nil ? "" : "/NV") + "[\(ratings.joined(separator: ","))]"
        }
        return """
            staff fund \(fund.total(.staff)), managers fund \(fund.total(.managers)); ente \(organisation.ente.applied), \
            areas \(organisation.areas.map(\.applied.description)); residual \(settings.residual.rawValue) cap \
            \(settings.redistributionCapOfShare); increase \(settings.topRatingIncrease.map { "\($0.maximumShareOfStaff) × \($0.fractionOfAverage)" } ?? "off"); \
            rounding \(individual.rounding.rawValue); min months \(individual.minimumMonthsOfService); \
            \(people.joined(separator: " "))
            """
    }

    static let generator = Generator<RandomBody, Shrink.None<RandomBody>>(run: { rng in RandomBody(using: &rng) })

    init(using rng: inout some RandomNumberGenerator) {
        let areaCount = Int.random(in: 1...3, using: &rng)
        let count = Int.random(in: 1...60, using: &rng)
        var staff: [StaffMember] = []
        var objectives: [IndividualObjective] = []
        // Ids are shuffled against the list order, so that "employee id ascending" is not "first in the list".
        let idNumbers = (1...count).shuffled(using: &rng)
        for person in 0..<count {
            let role: Role = person == 0 && Bool.random(using: &rng) ? .segretarioGenerale
                : Int.random(in: 0..<8, using: &rng) == 0 ? .dirigente : .dipendente
            // A is in no settings: it weighs 1.0.
            let category = role == .dipendente ? ["D", "C", "B", "A"].randomElement(using: &rng)! : "DIR"
            let partTime = Bool.random(using: &rng) ? 10_000 : [8_333, 7_500, 5_000, 3_000, 1].randomElement(using: &rng)!
            let months = Int.random(in: 0...3, using: &rng) == 0 ? Int.random(in: 0...11, using: &rng) : 12
            let notAssessable = Int.random(in: 0..<12, using: &rng) == 0
            staff.append(StaffMember(
                id: employeeID(idNumbers[person]), name: "Persona", role: role, category: category,
                area: role == .segretarioGenerale ? nil : Int.random(in: 0..<areaCount, using: &rng),
                partTimeBasisPoints: partTime, monthsOfService: months,
                notAssessableReason: notAssessable ? "non valutabile" : nil))
            // Weights in basis points summing to 10000, none zero: distinct random cut points of 1…99 %.
            let objectiveCount = Int.random(in: 1...5, using: &rng)
            let cuts = (Array((1...99).shuffled(using: &rng).prefix(objectiveCount - 1)).map { $0 * 100 } + [0, 10_000]).sorted()
            for index in 0..<objectiveCount {
                objectives.append(IndividualObjective(
                    person: person, code: "OB\(index + 1)", weightBasisPoints: cuts[index + 1] - cuts[index],
                    cosa: Int.random(in: 0...6, using: &rng), come: Come.allCases.randomElement(using: &rng)!))
            }
        }
        self.records = StaffRecords(staff: staff, objectives: objectives.shuffled(using: &rng))

        var individual = IndividualSettings()
        individual.rounding = ScoreRounding.allCases.randomElement(using: &rng)!
        individual.minimumMonthsOfService = [0, 0, 3, 6].randomElement(using: &rng)!
        self.individual = individual

        func result(_ rng: inout some RandomNumberGenerator) -> Ratio {
            Bool.random(using: &rng) ? .one : Ratio(Int.random(in: 0...10_000, using: &rng), 10_000)
        }
        self.organisation = SIPAV.OrganisationalResults(
            objectives: [], ente: ResultFigure(computed: result(&rng), validated: nil),
            areas: (0..<areaCount).map { _ in ResultFigure(computed: result(&rng), validated: nil) })

        func amount(_ rng: inout some RandomNumberGenerator) -> Int64 {
            [Int64(0), 1, 99].randomElement(using: &rng)! * Int64(Int.random(in: 0...1, using: &rng))
                + Int64.random(in: 0...100_000_000, using: &rng)
        }
        self.fund = Fund(year: 2019, lines: [
            FundLine(fund: .staff, description: "fondo", amount: Cents(amount(&rng))),
            FundLine(fund: .staff, description: "economie", amount: Cents(Bool.random(using: &rng) ? 0 : Int64.random(in: 0...500_000, using: &rng))),
            FundLine(fund: .managers, description: "risultato", amount: Cents(amount(&rng))),
        ], giunta: confirmed, oiv: confirmed)

        var settings = FundSettings()
        settings.categoryParameters = ["DIR": .one, "D": Ratio(Int.random(in: 10...15, using: &rng), 10), "C": .one,
                                       "B": Ratio(Int.random(in: 7...10, using: &rng), 10)]
        settings.residual = ResidualRule.allCases.randomElement(using: &rng)!
        settings.redistributionCapOfShare = [Ratio.one, .one, Ratio(6, 5), Ratio(3, 2), Ratio(4, 5)].randomElement(using: &rng)!
        settings.organisationalComponentsFollowResults = Int.random(in: 0..<5, using: &rng) != 0
        if Bool.random(using: &rng) {
            settings.topRatingIncrease = try! TopRatingIncrease(
                maximumShareOfStaff: pct([5, 10, 10, 20, 50].randomElement(using: &rng)!),
                fractionOfAverage: pct([30, 30, 50, 100].randomElement(using: &rng)!))
        }
        self.settings = settings
    }
}

/// `E007`: employee ids of equal width, so that string order is number order.
func employeeID(_ number: Int) -> String {
    let digits = String(number)
    return "E" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
}
