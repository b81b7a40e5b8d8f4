import Testing
@testable import SIPAV

/// The generator of synthetic bodies: any size, the shape the issue asks for, the same body from the same seed.
@Suite("Synthetic bodies")
struct SyntheticBodyTests {
    static func body(staff: Int, seed: UInt64 = 7) -> (BodyProfile, SyntheticBody) {
        let profile = BodyProfile.scaled(staff: staff, areaCount: BodyProfile.defaultAreaCount(staff: staff))
        return (profile, SyntheticBody(profile: profile, seed: seed))
    }

    @Test(arguments: [1, 2, 273, 1_000, 12_345])
    func everySizeHasItsStaffAndOneManagerPerArea(staff: Int) {
        let (profile, body) = Self.body(staff: staff)
        #expect(profile.areas.count == max(3, staff / 1_000))
        #expect(body.staff.count == staff + profile.areas.count + 1)
        #expect(body.staff.count == profile.headcount)
        #expect(body.staff.filter { $0.role == .dipendente }.count == staff)
        #expect(body.staff.filter { $0.role == .segretarioGenerale }.count == 1)
        for (index, area) in profile.areas.enumerated() {
            let manager = body.staff.first { $0.id == area.manager }
            #expect(manager?.role == .dirigente && manager?.area == index, "Area \(area.id) has no manager")
        }
        #expect(Set(body.staff.map(\.id)).count == body.staff.count)
    }

    @Test func everyPersonHasThreeToSixObjectivesWeighingOneHundredPercent() {
        let (_, body) = Self.body(staff: 5_000)
        let records = StaffRecords(staff: body.staff, objectives: body.objectives)
        var counts = Set<Int>()
        for person in body.staff.indices {
            let objectives = records.objectives(of: person)
            counts.insert(objectives.count)
            #expect((3...6).contains(objectives.count))
            #expect(objectives.reduce(0) { $0 + $1.weightBasisPoints } == 10_000)
            #expect(Set(objectives.map(\.code)).count == objectives.count)
        }
        #expect(counts == [3, 4, 5, 6])
        #expect(records.violations(settings: IndividualSettings(), areaCount: 5, requireRatings: true).isEmpty)
    }

    @Test func theSameSeedGivesTheSameBodyAndAnotherSeedAnother() {
        let (_, first) = Self.body(staff: 2_000, seed: 11)
        let (_, again) = Self.body(staff: 2_000, seed: 11)
        let (_, other) = Self.body(staff: 2_000, seed: 12)
        #expect(first.staff == again.staff)
        #expect(first.objectives == again.objectives)
        #expect(first.objectives != other.objectives)
        let profile = BodyProfile.scaled(staff: 2_000, areaCount: 4)
        #expect(SyntheticPlan(profile: profile, seed: 11).plan == SyntheticPlan(profile: profile, seed: 11).plan)
        #expect(SyntheticPlan(profile: profile, seed: 11).fund == SyntheticPlan(profile: profile, seed: 11).fund)
    }

    @Test func categoriesPartTimeAndMonthsOfServiceFollowTheProfile() {
        let (profile, body) = Self.body(staff: 20_000)
        let others = body.staff.filter { $0.role == .dipendente }
        #expect(Set(others.map(\.category)) == ["B", "C", "D"])
        #expect(others.filter { $0.category == "D" }.count == 20_000 * 90 / 273)
        let partTime = Double(others.filter { $0.partTimeBasisPoints < 10_000 }.count) / Double(others.count)
        let partYear = Double(others.filter { $0.monthsOfService < 12 }.count) / Double(others.count)
        #expect(abs(partTime - 0.12) < 0.01)
        #expect(abs(partYear - 0.045) < 0.01)
        #expect(others.allSatisfy { (0...12).contains($0.monthsOfService) && (1...10_000).contains($0.partTimeBasisPoints) })
        #expect(body.staff.filter { $0.notAssessableReason != nil }.count == profile.notAssessable)
        #expect(profile.notAssessable == 100)
    }

    /// The final scores fall as the report's 2019 distribution: 18.5 % at 6, 44.9 % at 5, 29.8 % at 4.
    @Test func ratingsGiveTheReportsDistributionOfFinalScores() {
        let (_, body) = Self.body(staff: 20_000)
        let scores = StaffRecords(staff: body.staff, objectives: body.objectives).finalScores(settings: IndividualSettings())
        let assessed = scores.score.filter { $0 >= 0 }
        func share(_ score: Int8) -> Double { Double(assessed.filter { $0 == score }.count) / Double(assessed.count) }
        #expect(abs(share(6) - 0.185) < 0.01)
        #expect(abs(share(5) - 0.449) < 0.01)
        #expect(abs(share(4) - 0.298) < 0.01)
        #expect(abs(share(3) - 0.053) < 0.01)
    }

    @Test func thePlanHasTheEntesAndEachAreasObjectivesAndTheFundMatchesTheSize() throws {
        let profile = BodyProfile.scaled(staff: 10_000, areaCount: 10)
        let synthetic = SyntheticPlan(profile: profile, seed: 3, year: 2023)
        let plan = synthetic.plan
        #expect(plan.year == 2023 && synthetic.fund.year == 2023)
        #expect(plan.areas == profile.areas)
        #expect(plan.objectives.filter { $0.owner == .ente }.count == 6)
        for area in plan.areas { #expect(plan.objectives.filter { $0.owner == .area(area.id) }.count == 2) }
        let results = try plan.results(settings: OrganisationSettings())
        #expect(results.ente.applied > .zero && results.ente.applied <= .one)
        #expect(results.areas.count == 10)
        // Most objectives are met, some are not: the Areas' results differ.
        #expect(Set(results.areas.map(\.applied)).count > 1)
        #expect(synthetic.fund.total(.staff).value > 10_000 * 180_000)
        #expect(synthetic.fund.total(.managers).value > 11 * 1_200_000)
        #expect(synthetic.fund.giunta != nil && synthetic.fund.oiv != nil)
    }

    /// A deadline is not named as a number of days, nor a share as a date: each name fits its scale's kind.
    @Test func indicatorNamesFitTheKindOfTheirScale() {
        let plan = SyntheticPlan(profile: .scaled(staff: 5_000, areaCount: 20), seed: 9).plan
        var namesByKind: [ThresholdKind: Set<String>] = [:]
        for indicator in plan.objectives.flatMap(\.indicators) {
            guard case .measured(let scale, _) = indicator.content else {
                Issue.record("\(indicator.id) is not a measured indicator")
                continue
            }
            namesByKind[scale.kind, default: []].insert(indicator.name)
            switch scale.kind {
            case .atLeast: #expect(indicator.name.hasSuffix("(%)"), "\(indicator.name): a share to reach")
            case .below: #expect(indicator.name.hasSuffix("(giorni)"), "\(indicator.name): days to stay below")
            case .deadline: #expect(indicator.name.hasPrefix("Rispetto della scadenza") || indicator.name.hasPrefix("Data di"),
                                    "\(indicator.name): a deadline")
            case .yesNo: #expect(!indicator.name.contains("(") && !indicator.name.hasPrefix("Data di") && !indicator.name.contains("scadenza"),
                                 "\(indicator.name): done or not")
            default: Issue.record("\(indicator.name): the generator draws no \(scale.kind) scale")
            }
        }
        #expect(Set(namesByKind.keys) == [.atLeast, .below, .deadline, .yesNo])
        let kinds = Array(namesByKind.values)
        for (index, names) in kinds.enumerated() {
            for other in kinds[(index + 1)...] { #expect(names.isDisjoint(with: other), "a name used for two kinds") }
        }
    }

    @Test func scaledBodiesLeaveTitlesOutUnlessAsked() {
        let plain = SyntheticBody(profile: .scaled(staff: 50, areaCount: 3), seed: 1)
        let titled = SyntheticBody(profile: .scaled(staff: 50, areaCount: 3, objectiveTitles: true), seed: 1)
        #expect(plain.objectives.allSatisfy { $0.title.isEmpty })
        #expect(titled.objectives.allSatisfy { !$0.title.isEmpty })
        #expect(plain.objectives.map(\.cosa) == titled.objectives.map(\.cosa))
    }
}
