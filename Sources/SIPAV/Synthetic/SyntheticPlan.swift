/// The organisational plan and the fund of a synthetic body, to go with its staff: the ente's objectives,
/// two objectives for each Area (its manager's), measured so that most are met and some fall short, and
/// funds in proportion to the staff. Deterministic from the seed, like the staff.
public struct SyntheticPlan: Sendable {
    public let plan: OrganisationalPlan
    public let fund: Fund

    public init(profile: BodyProfile, seed: UInt64, year: Int = 2024) {
        var random = SplitMix64(seed: seed ^ 0x5EED_0F_91A4)
        let lines = [StrategicLine(id: "1", name: "Semplificazione e digitalizzazione dei servizi"),
                     StrategicLine(id: "2", name: "Qualità e tempestività dei servizi all'utenza"),
                     StrategicLine(id: "3", name: "Efficienza, trasparenza e prevenzione della corruzione")]
        var objectives: [Objective] = []
        for number in 1...6 {
            let indicators = (1...(1 + random.below(3))).map {
                Self.indicator(id: "\(number).\($0)", year: year, random: &random)
            }
            objectives.append(Objective(id: "\(number)", title: Self.enteTitles[number - 1], owner: .ente,
                                        strategicLines: [lines[(number - 1) % lines.count].id], indicators: indicators))
        }
        for area in profile.areas {
            for number in 1...2 {
                let id = "\(area.id).\(number)"
                let indicators = (1...(1 + random.below(2))).map {
                    Self.indicator(id: "\(id).\($0)", year: year, random: &random)
                }
                objectives.append(Objective(id: id, title: Self.areaTitles[(number - 1 + area.id.utf8.count) % Self.areaTitles.count],
                                            owner: .area(area.id), strategicLines: [lines[number % lines.count].id],
                                            indicators: indicators))
            }
        }
        let headcount = profile.headcount
        plan = OrganisationalPlan(body: "Ente sintetico di \(DecimalText.format(Ratio(headcount), digits: 0, decimalMark: ",", groupMark: ".")) persone (seme \(seed))", year: year,
                                  strategicLines: lines, areas: profile.areas, objectives: objectives)
        let managers = Int64(1 + profile.areas.count), others = Int64(headcount) - managers
        // About 1,900 € a head for the staff and 12,500 € for each manager, with odd cents so that the
        // largest remainders have work to do.
        fund = Fund(year: year, lines: [
            FundLine(fund: .staff, description: "Fondo risorse decentrate \(year): quota destinata alla produttività",
                     amount: Cents(others * 187_500 + Int64(random.below(100_000))), reference: "Contratto integrativo \(year)"),
            FundLine(fund: .staff, description: "Economie da altri istituti del salario accessorio",
                     amount: Cents(others * 2_500 + Int64(random.below(100)))),
            FundLine(fund: .managers, description: "Fondo per la retribuzione di risultato della dirigenza \(year)",
                     amount: Cents(managers * 1_250_000 + Int64(random.below(10_000)))),
        ], giunta: Confirmation(date: CalendarDate(year: year + 1, month: 6, day: 22)!,
                                reference: "Delibera di Giunta n. 95 del 22/06/\(year + 1)"),
           oiv: Confirmation(date: CalendarDate(year: year + 1, month: 6, day: 15)!,
                             reference: "Verbale OIV n. 4 del 15/06/\(year + 1)"))
    }

    static let enteTitles = ["Garantire la salute economica e organizzativa dell'ente",
                             "Ridurre i tempi medi di conclusione dei procedimenti",
                             "Estendere i servizi digitali alle imprese e ai cittadini",
                             "Migliorare la soddisfazione dell'utenza",
                             "Attuare il piano triennale di prevenzione della corruzione",
                             "Contenere la spesa di funzionamento"]
    static let areaTitles = ["Rispettare i tempi dei procedimenti dell'Area",
                             "Completare i progetti di miglioramento dell'Area",
                             "Qualità dei dati e dei controlli dell'Area"]

    /// One indicator of one of four kinds, its measurement drawn so that seven in ten reach the top step, its
    /// name one that such a scale measures (a deadline is not counted in days).
    static func indicator(id: String, year: Int, random: inout SplitMix64) -> Indicator {
        let step = random.chance(perMille: 700) ? 0 : 1 + random.below(5)   // 5: no step met
        let content: Indicator.Content
        let kind: ThresholdKind
        switch random.below(4) {
        case 0:   // a share to reach: at least 95, 90, 85, 80, 75 %
            let thresholds = [95, 90, 85, 80, 75]
            let measured = step < 5 ? thresholds[step] + random.below(5) : 60 + random.below(15)
            content = .measured(scale: Self.scale(.atLeast, thresholds.map { .number(Ratio($0)) }), measured: .number(Ratio(measured)))
            kind = .atLeast
        case 1:   // days to stay below: 20, 25, 30, 35, 40
            let thresholds = [20, 25, 30, 35, 40]
            let measured = step < 5 ? thresholds[step] - 1 - random.below(5) : 40 + random.below(20)
            content = .measured(scale: Self.scale(.below, thresholds.map { .number(Ratio($0)) }), measured: .number(Ratio(measured)))
            kind = .below
        case 2:   // a deadline: June, July, September, October, November
            let months = [6, 7, 9, 10, 11]
            let month = step < 5 ? months[step] : 12
            content = .measured(scale: Self.scale(.deadline, months.map { .month(YearMonth(year: year, month: $0)!) }),
                                measured: .date(CalendarDate(year: year, month: month, day: 1 + random.below(28))!))
            kind = .deadline
        default:  // done or not
            content = .measured(scale: Self.scale(.yesNo, [.yes]), measured: .yesNo(step == 0 || step < 3))
            kind = .yesNo
        }
        let names = Self.indicatorNames(kind)
        return Indicator(id: id, name: names[random.below(names.count)], content: content)
    }

    static func scale(_ kind: ThresholdKind, _ thresholds: [Threshold]) -> TargetScale {
        try! TargetScale(kind: kind, steps: zip(thresholds, TargetScale.defaultAchievements).map {
            ScaleStep(threshold: $0.0, achievement: $0.1)
        })
    }

    /// Names of indicators that a scale of `kind` measures: a share in per cent, days, a date, done or not.
    static func indicatorNames(_ kind: ThresholdKind) -> [String] {
        switch kind {
        case .atLeast: ["Grado di realizzazione delle attività programmate (%)", "Quota di pratiche evase nei termini (%)",
                        "Quota di utenti soddisfatti del servizio (%)"]
        case .below: ["Tempo medio di evasione delle pratiche (giorni)", "Tempo medio di risposta alle istanze (giorni)",
                      "Tempo medio di pagamento delle fatture (giorni)"]
        case .deadline: ["Rispetto della scadenza del progetto", "Data di attivazione del nuovo servizio",
                         "Data di approvazione del regolamento"]
        case .yesNo: ["Attivazione del nuovo servizio", "Adozione del regolamento",
                      "Pubblicazione dei dati in Amministrazione trasparente"]
        default: ["Indicatore di risultato"]
        }
    }
}
