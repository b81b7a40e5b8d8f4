/// Generates a body's staff and rated individual objectives from a seed: the same seed and profile
/// always give the same records. Used for the demo body and for benchmarks.
public struct SyntheticBody: Sendable {
    public let staff: [StaffMember]
    public let objectives: [IndividualObjective]

    static let givenNames = ["Maria", "Giuseppe", "Anna", "Giovanni", "Francesca", "Luca", "Chiara", "Marco", "Elena",
                             "Paolo", "Laura", "Andrea", "Sara", "Stefano", "Giulia", "Roberto", "Silvia", "Davide",
                             "Paola", "Alessandro", "Federica", "Nicolò", "Lucia", "Matteo"]
    static let familyNames = ["Rossi", "Bianchi", "Ferrero", "Russo", "Colombo", "Bruno", "Gallo", "Conti", "Esposito",
                              "Ricci", "Marino", "Greco", "Lombardi", "Moretti", "Barbieri", "Fontana", "Rinaldi",
                              "Caruso", "D'Angelo", "Ferraris", "Costa", "Giordano", "Mancini", "Martini", "Sacco"]
    static let objectiveTitles = ["Riduzione dei tempi di evasione delle pratiche", "Qualità dei dati del Registro imprese",
                                  "Supporto alle imprese sui servizi digitali", "Aggiornamento delle procedure interne",
                                  "Monitoraggio della soddisfazione degli utenti", "Gestione dei controlli a campione",
                                  "Formazione e condivisione delle competenze", "Rispetto delle scadenze di bilancio",
                                  "Attuazione del piano anticorruzione", "Progetto di digitalizzazione dell'archivio"]

    /// `managers` are the Segretario Generale (`DIR001`) and one *dirigente* per Area (`DIR002`…).
    public init(profile: BodyProfile, seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var staff: [StaffMember] = []
        staff.reserveCapacity(profile.headcount)
        staff.append(StaffMember(id: "DIR001", name: "Segretario Generale", role: .segretarioGenerale,
                                 category: "DIR", area: nil))
        for area in profile.areas.indices {
            staff.append(StaffMember(id: SyntheticBody.managerID(area), name: Self.name(&random), role: .dirigente,
                                     category: "DIR", area: area))
        }
        var number = 0
        let digits = max(4, String(profile.staffByCategory.reduce(0) { $0 + $1.count }).count)
        for (category, count) in profile.staffByCategory {
            for _ in 0..<count {
                number += 1
                let partTime = random.chance(perMille: profile.partTimePerMille) ? Self.partTimes[random.below(Self.partTimes.count)] : 10_000
                let months = random.chance(perMille: profile.partYearPerMille) ? 3 + random.below(9) : 12
                let id = "E" + String(repeating: "0", count: max(0, digits - String(number).count)) + String(number)
                staff.append(StaffMember(id: id, name: Self.name(&random), role: .dipendente, category: category,
                                         area: random.pick(weights: profile.areaWeights),
                                         partTimeBasisPoints: partTime, monthsOfService: months))
            }
        }
        var unassessable = Array(staff.indices.dropFirst(1 + profile.areas.count))
        random.shuffle(&unassessable)
        for person in unassessable.prefix(profile.notAssessable) {
            let member = staff[person]
            staff[person] = StaffMember(id: member.id, name: member.name, role: member.role, category: member.category,
                                        area: member.area, partTimeBasisPoints: member.partTimeBasisPoints, monthsOfService: 2,
                                        notAssessableReason: "in servizio da meno di tre mesi: risultati non valutabili")
        }
        let notAssessable = Set(unassessable.prefix(profile.notAssessable))
        let assessable = staff.indices.filter { !notAssessable.contains($0) }
        var targets = Self.targets(count: assessable.count, perMille: profile.scorePerMille)
        random.shuffle(&targets)
        var objectives: [IndividualObjective] = []
        objectives.reserveCapacity(staff.count * (profile.objectivesPerPerson.lowerBound + profile.objectivesPerPerson.upperBound) / 2 + 16)
        for (slot, person) in assessable.enumerated() {
            objectives += Self.objectives(for: person, scoring: targets[slot], profile: profile, random: &random)
        }
        for person in notAssessable.sorted() {
            objectives += Self.objectives(for: person, scoring: nil, profile: profile, random: &random)
        }
        self.staff = staff
        self.objectives = objectives
    }

    public static func managerID(_ area: Int) -> String { "DIR" + (area + 2 < 10 ? "00" : area + 2 < 100 ? "0" : "") + String(area + 2) }

    static func name(_ random: inout SplitMix64) -> String {
        familyNames[random.below(familyNames.count)] + " " + givenNames[random.below(givenNames.count)]
    }

    /// Target scores for `count` people, in the given proportions, counts by largest remainder.
    static func targets(count: Int, perMille: [Int]) -> [Int] {
        let total = perMille.reduce(0, +)
        var counts = perMille.map { $0 * count / total }
        let order = perMille.indices.sorted { (perMille[$0] * count % total, $0) > (perMille[$1] * count % total, $1) }
        for index in order.prefix(count - counts.reduce(0, +)) { counts[index] += 1 }
        return counts.enumerated().flatMap { Array(repeating: $0.offset, count: $0.element) }
    }

    /// Objectives with weights summing to 100 %, rated so that the final score is `target` (unrated when nil).
    /// The draws are fixed (the committed demo body is this function's output): titles are shuffled as
    /// indices, and each attempt at ratings draws come then cosa for each objective in turn.
    static func objectives(for person: Int, scoring target: Int?, profile: BodyProfile,
                           random: inout SplitMix64) -> [IndividualObjective] {
        let count = profile.objectivesPerPerson.lowerBound + random.below(profile.objectivesPerPerson.count)
        var weights = [Int](repeating: 2, count: count)
        for _ in 0..<(20 - 2 * count) { weights[random.below(count)] += 1 }
        var titles = Array(objectiveTitles.indices)
        random.shuffle(&titles)
        var cosa = [Int](repeating: target ?? 0, count: count)
        var come = [Come](repeating: .a, count: count)
        if let target {
            var attemptCosa = cosa, attemptCome = come
            for _ in 0..<40 {
                var sum: Int32 = 0
                for index in 0..<count {
                    attemptCome[index] = Self.comeDraws[random.below(Self.comeDraws.count)]
                    attemptCosa[index] = min(6, max(0, target + Self.cosaOffsets[random.below(Self.cosaOffsets.count)]))
                    sum += Int32(weights[index] * 500) * Int32(CosaComeMatrix.report.score(cosa: attemptCosa[index], come: attemptCome[index]))
                }
                if FinalScores.round(sum, .halfUp) == target { (cosa, come) = (attemptCosa, attemptCome); break }
            }
        }
        return (0..<count).map { index in
            IndividualObjective(person: person, code: index < Self.codes.count ? Self.codes[index] : "OB\(index + 1)",
                                title: profile.objectiveTitles ? objectiveTitles[titles[index % titles.count]] : "",
                                weightBasisPoints: weights[index] * 500,
                                cosa: target == nil ? nil : cosa[index], come: target == nil ? nil : come[index])
        }
    }

    /// Part-time fractions drawn, in basis points.
    static let partTimes = [5_000, 8_333, 7_500, 6_667]
    /// *come* ratings drawn: A six times in ten, B three, C one.
    static let comeDraws: [Come] = [.a, .a, .a, .a, .a, .a, .b, .b, .b, .c]
    /// How far each objective's *cosa* falls from the person's target score.
    static let cosaOffsets = [-1, 0, 0, 1, 1]
    static let codes = (1...12).map { "OB\($0)" }
}
