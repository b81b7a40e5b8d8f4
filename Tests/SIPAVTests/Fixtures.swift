import BigInt
@testable import SIPAV

// Small builders shared by the tests: a number as people type it, a scale as the report prints it,
// a body of staff with the final score each should get.

/// The exact value of a number typed as in the report (`"3,16"`, `"98,58"`); a test bug when unreadable.
func number(_ text: String) -> Ratio {
    guard let value = DecimalText.parse(text) else { fatalError("test fixture: \(text) is not a number") }
    return value
}

/// `percent` %, as a fraction of one.
func pct(_ percent: Int) -> Ratio { .percent(percent) }

func month(_ text: String) -> YearMonth {
    guard let value = YearMonth(parsing: text) else { fatalError("test fixture: \(text) is not a month") }
    return value
}

func day(_ text: String) -> CalendarDate {
    guard let value = CalendarDate(parsing: text) else { fatalError("test fixture: \(text) is not a date") }
    return value
}

/// The report's usual step percentages.
let usualPercents = [100, 80, 60, 40, 20]

/// A scale as the report prints it: thresholds best first (numbers, or `YYYY-MM` months for a deadline,
/// nothing for yes/no), with the step percentages below them.
func scale(_ kind: ThresholdKind, _ thresholds: [String], percents: [Int] = usualPercents) throws(RuleViolation) -> TargetScale {
    let steps: [ScaleStep]
    switch kind {
    case .yesNo:
        steps = [ScaleStep(threshold: .yes, achievement: pct(percents[0]))]
    case .deadline:
        steps = zip(thresholds, percents).map { ScaleStep(threshold: .month(month($0)), achievement: pct($1)) }
    default:
        steps = zip(thresholds, percents).map { ScaleStep(threshold: .number(number($0)), achievement: pct($1)) }
    }
    return try TargetScale(kind: kind, steps: steps)
}

/// A live indicator with its measurement.
func measured(_ id: String, _ scale: TargetScale, _ value: Measurement, suppression: Reference? = nil) -> Indicator {
    Indicator(id: id, name: "indicatore \(id)", content: .measured(scale: scale, measured: value), suppression: suppression)
}

/// An indicator whose scale is a yes/no reaching `done`; its achievement is then 100 % or 0 %.
func yesNo(_ id: String, done: Bool, suppression: Reference? = nil) -> Indicator {
    measured(id, try! scale(.yesNo, []), .yesNo(done), suppression: suppression)
}

/// An indicator that scores exactly `percent` % on the usual scale of "at least" thresholds equal to the percentages.
func scoring(_ id: String, _ percent: Int, suppression: Reference? = nil) -> Indicator {
    let atLeast = try! scale(.atLeast, usualPercents.map(String.init))
    return measured(id, atLeast, .number(pct(percent) * Ratio(100)), suppression: suppression)
}

// MARK: - A body of staff

/// One person of a hand-built body: who they are and the final score they should get (nil: not assessable).
struct Person: Sendable {
    var id: String
    var role: Role = .dipendente
    var category: String = "C"
    var area: Int? = 0
    var partTime: Int = 10_000
    var months: Int = 12
    /// The final score, reached through one objective rated cosa = score, come = A (the matrix's identity row).
    var score: Int?
    /// Objectives as (weight %, cosa), all with come = A, in place of the single objective: for an unrounded
    /// score between integers. `score` must still be set (to anything) for the person to be assessable.
    var ratings: [(weight: Int, cosa: Int)] = []
    var notAssessableReason: String? { score == nil ? "assunto a dicembre" : nil }

    static func manager(_ id: String, score: Int?, secretary: Bool = false, area: Int? = 0) -> Person {
        Person(id: id, role: secretary ? .segretarioGenerale : .dirigente, category: "DIR",
               area: secretary ? nil : area, score: score)
    }
}

func records(_ people: [Person]) -> StaffRecords {
    let staff = people.map {
        StaffMember(id: $0.id, name: "Persona \($0.id)", role: $0.role, category: $0.category, area: $0.area,
                    partTimeBasisPoints: $0.partTime, monthsOfService: $0.months, notAssessableReason: $0.notAssessableReason)
    }
    let objectives = people.enumerated().flatMap { index, person -> [IndividualObjective] in
        guard let score = person.score else { return [] }
        let ratings = person.ratings.isEmpty ? [(weight: 100, cosa: score)] : person.ratings
        return ratings.enumerated().map { number, rating in
            IndividualObjective(person: index, code: "OB\(number + 1)", weightBasisPoints: rating.weight * 100,
                                cosa: rating.cosa, come: .a)
        }
    }
    return StaffRecords(staff: staff, objectives: objectives)
}

/// Organisational results given directly: the ente's and each Area's applied figure.
func organisation(ente: Ratio, areas: [Ratio]) -> OrganisationalResults {
    OrganisationalResults(objectives: [], ente: ResultFigure(computed: ente, validated: nil),
                          areas: areas.map { ResultFigure(computed: $0, validated: nil) })
}

let confirmed = Confirmation(date: CalendarDate(year: 2020, month: 5, day: 20)!, reference: "Delibera n. 80/2020")

/// The funds of a year, in cents, confirmed by the Giunta and the OIV unless told otherwise.
func fund(staff: Int64, managers: Int64 = 0, giunta: Confirmation? = confirmed, oiv: Confirmation? = confirmed) -> Fund {
    Fund(year: 2019, lines: [
        FundLine(fund: .staff, description: "fondo risorse decentrate", amount: Cents(staff)),
        FundLine(fund: .managers, description: "retribuzione di risultato", amount: Cents(managers)),
    ], giunta: giunta, oiv: oiv)
}

/// Scores and allocates a hand-built body.
func allocate(_ people: [Person], staffFund: Int64, managersFund: Int64 = 0, ente: Ratio = .one, areas: [Ratio] = [.one],
              individual: IndividualSettings = IndividualSettings(),
              settings: FundSettings = FundSettings()) throws(RuleViolation) -> Allocation {
    let body = records(people)
    let input = AllocationInput(records: body, scores: body.finalScores(settings: individual),
                                organisation: organisation(ente: ente, areas: areas),
                                fund: fund(staff: staffFund, managers: managersFund))
    return try input.allocate(settings: settings)
}

extension FundAllocation {
    /// The amount of the person with employee id `id`, found through the staff order of `people`.
    func person(_ id: String, in people: [Person]) -> PersonAmount {
        let index = people.firstIndex { $0.id == id }!
        return self.people.first { $0.person == index }!
    }

    func cents(_ id: String, in people: [Person]) -> Int64 { person(id, in: people).cents }
}
