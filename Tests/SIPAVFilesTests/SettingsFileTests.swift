import SIPAV
import SIPAVFiles
import Testing

private func settings(_ text: String) throws(InputErrors) -> Settings {
    try SettingsFile.parse(text: text, file: "sipav.yaml")
}

@Test func defaultsFileEqualsTheCoreDefaults() throws {
    let path = repositoryRoot.appendingPathComponent("Config/sipav.yaml").path
    #expect(try SettingsFile.read(path: path) == Settings())
}

@Test func redistributeExampleChangesWhatItSays() throws {
    let path = repositoryRoot.appendingPathComponent("Config/example-redistribute.yaml").path
    let loaded = try SettingsFile.read(path: path)
    var expected = Settings()
    expected.organisation.compositeRule = .mean
    expected.individual.rounding = .halfEven
    expected.fund.categoryParameters = ["DIR": .one, "D": Ratio(12, 10), "C": .one, "B": Ratio(9, 10)]
    expected.fund.residual = .redistribute
    expected.fund.redistributionCapOfShare = Ratio(120, 100)
    expected.fund.topRatingIncrease = try TopRatingIncrease(maximumShareOfStaff: .percent(10), fractionOfAverage: .percent(30))
    #expect(loaded == expected)
}

@Test func everySettingCanBeChanged() throws {
    let loaded = try settings("""
    organisation: {composite_rule: mean, objective_weights: true}
    individual:
      matrix: {A: [0, 1, 2, 3, 4, 5, 6], B: [0, 1, 2, 3, 4, 4, 5], C: [0, 0, 1, 1, 2, 3, 3]}
      rounding: floor
      bands: {BASSA: [0, 1, 2], MEDIA: [3, 4], ALTA: [5, 6]}
      minimum_months_of_service: 3
    fund:
      components:
        managers: {individual: 100}
        staff: {individual: "50,5", ente: "49,5"}
      individual_coefficients: [0, 0, "2/6", "33,34", 50, "5/6", 100]
      organisational_components_follow_results: false
      category_parameters: {DIR: 1, D: "1,2345"}
      shares_follow_part_time: no
      shares_follow_months_of_service: false
      residual: redistribute
      redistribution_cap_percent_of_share: "150"
      top_rating_increase: {enabled: true, maximum_share_of_staff_percent: 5, percent_of_average: 40}
      require_confirmations: false
    statistics: {minimum_group_size: 5}
    """)
    #expect(loaded.organisation.compositeRule == .mean)
    #expect(loaded.organisation.objectiveWeights)
    #expect(loaded.individual.matrix.rows[2] == [0, 0, 1, 1, 2, 3, 3])
    #expect(loaded.individual.rounding == .floor)
    #expect(loaded.individual.bandOfScore == [.bassa, .bassa, .bassa, .media, .media, .alta, .alta])
    #expect(loaded.individual.minimumMonthsOfService == 3)
    #expect(loaded.fund.managersComponents == (try Components(individual: .one, ente: .zero, area: .zero)))
    #expect(loaded.fund.staffComponents == (try Components(individual: Ratio(505, 1000), ente: Ratio(495, 1000), area: .zero)))
    #expect(loaded.fund.individualCoefficients == [.zero, .zero, Ratio(1, 3), Ratio(3334, 10000), Ratio(1, 2), Ratio(5, 6), .one])
    #expect(!loaded.fund.organisationalComponentsFollowResults)
    #expect(loaded.fund.categoryParameters == ["DIR": .one, "D": Ratio(12345, 10000)])
    #expect(!loaded.fund.sharesFollowPartTime && !loaded.fund.sharesFollowMonthsOfService)
    #expect(loaded.fund.residual == .redistribute)
    #expect(loaded.fund.redistributionCapOfShare == Ratio(3, 2))
    #expect(loaded.fund.topRatingIncrease == (try TopRatingIncrease(maximumShareOfStaff: .percent(5), fractionOfAverage: .percent(40))))
    #expect(!loaded.fund.requireConfirmations)
    #expect(loaded.statistics.minimumGroupSize == 5)
}

@Test func anEmptyMappingKeepsEveryDefault() throws {
    #expect(try settings("{}\n") == Settings())
    #expect(try settings("organisation:\nfund:\n") == Settings())
}

@Test("settings faults", arguments: [
    ("organisation: {composite: mean}", ExpectedFault(1, "organisation.composite",
                                                      "unknown key; allowed keys are composite_rule, objective_weights")),
    ("organisations: {}", ExpectedFault(1, "organisations", "unknown key; allowed keys are organisation, individual, fund, statistics")),
    ("statistics: {minimum_group_size: 0}", ExpectedFault(1, "statistics.minimum_group_size", "un numero intero da 1 a 1000")),
    ("organisation: {composite_rule: median}", ExpectedFault(1, "organisation.composite_rule",
                                                             "unknown composite rule; allowed: snap_to_step, mean")),
    ("organisation: {objective_weights: forse}", ExpectedFault(1, "organisation.objective_weights", "expected true or false")),
    ("individual: {minimum_months_of_service: 13}", ExpectedFault(1, "individual.minimum_months_of_service", "from 0 to 12")),
    ("individual: {rounding: up}", ExpectedFault(1, "individual.rounding", "unknown rounding; allowed: half_up, half_even, floor")),
    ("individual:\n  matrix:\n    A: [0, 1, 2, 3, 4, 5]\n    B: [0, 1, 2, 3, 3, 4, 5]\n    C: [0, 0, 1, 2, 2, 3, 4]",
     ExpectedFault(3, "individual.matrix.A", "a row of the matrix has seven scores, for cosa 0 to 6; this one has 6")),
    ("individual:\n  matrix:\n    A: [0, 1, 2, 3, 4, 5, 7]\n    B: [0, 1, 2, 3, 3, 4, 5]\n    C: [0, 0, 1, 2, 2, 3, 4]",
     ExpectedFault(3, "individual.matrix.A", "a score of the matrix is a whole number from 0 to 6")),
    ("individual:\n  matrix:\n    A: [0, 2, 1, 3, 4, 5, 6]\n    B: [0, 1, 2, 3, 3, 4, 5]\n    C: [0, 0, 1, 2, 2, 3, 4]",
     ExpectedFault(3, "individual.matrix.A", "a higher cosa never scores less")),
    // The row that falls is named, on its line.
    ("individual:\n  matrix:\n    A: [0, 1, 2, 3, 4, 5, 6]\n    B: [0, 1, 2, 3, 3, 4, 5]\n    C: [0, 0, 1, 2, 3, 2, 4]",
     ExpectedFault(5, "individual.matrix.C", "a higher cosa never scores less")),
    ("individual:\n  matrix: {A: [0, 1, 2, 3, 4, 5, 6], B: [0, 1, 2, 3, 3, 4, 5]}",
     ExpectedFault(2, "individual.matrix.C", "the key C is required")),
    ("individual:\n  bands: {BASSA: [0, 1], MEDIA: [2, 3], ALTA: [5, 6]}",
     ExpectedFault(2, "individual.bands", "every score 0 to 6 is in one band; not in any: 4")),
    ("individual:\n  bands: {BASSA: [0, 1], MEDIA: [1, 2, 3, 4], ALTA: [5, 6]}",
     ExpectedFault(2, "individual.bands.MEDIA", "score 1 is in two bands, BASSA and MEDIA")),
    ("individual:\n  bands: {BASSA: [0, 5], MEDIA: [2, 3, 4], ALTA: [1, 6]}",
     ExpectedFault(2, "individual.bands", "the bands are in order")),
    // A 0 or a 1 out of BASSA was paid the organisational components.
    ("individual:\n  bands: {BASSA: [], MEDIA: [0, 1, 2, 3, 4], ALTA: [5, 6]}",
     ExpectedFault(2, "individual.bands", "scores 0 and 1 are in BASSA: they earn nothing at all")),
    ("individual:\n  bands: {BASSA: [0], MEDIA: [1, 2, 3, 4], ALTA: [5, 6]}",
     ExpectedFault(2, "individual.bands", "scores 0 and 1 are in BASSA")),
    ("fund:\n  components:\n    managers: {individual: 70, ente: 20, area: 10}",
     ExpectedFault(3, "fund.components.managers.area", "the managers' share has no Area component")),
    ("fund:\n  components:\n    staff: {individual: 60, ente: 25, area: 5}",
     ExpectedFault(3, "fund.components.staff", "the components of a share are not negative and sum to 100 %")),
    ("fund:\n  components:\n    staff: {individual: 160, ente: 0, area: 0}",
     ExpectedFault(3, "fund.components.staff.individual", "a component is a percentage from 0 to 100")),
    ("fund: {individual_coefficients: [0, 0, 40, 30, 60, 80, 100]}",
     ExpectedFault(1, "fund.individual_coefficients", "the coefficients never fall as the score rises")),
    ("fund: {individual_coefficients: [0, 0, 40, 60, 80, 100]}",
     ExpectedFault(1, "fund.individual_coefficients", "seven values, for the scores 0 to 6; this list has 6")),
    ("fund: {individual_coefficients: [0, 0, \"7/6\", 50, 60, 80, 100]}",
     ExpectedFault(1, "fund.individual_coefficients", "a coefficient is a percentage from 0 to 100")),
    ("fund: {individual_coefficients: linear}", ExpectedFault(1, "fund.individual_coefficients", "proportional or a list of seven values")),
    ("fund: {individual_coefficients: [0, 0, \"2/6\", \"3/6\", \"4/6\", 100, 100]}",
     ExpectedFault(1, "fund.individual_coefficients", "the coefficient of score 5 is below 100: only a 6 earns the full individual component")),
    ("fund: {individual_coefficients: [0, 0, 10, 20, 30, 40, 50]}",
     ExpectedFault(1, "fund.individual_coefficients", "the coefficient of score 6 is 100: a 6 earns the full individual component")),
    ("fund: {individual_coefficients: [0, \"1/6\", \"2/6\", \"3/6\", \"4/6\", \"5/6\", 100]}",
     ExpectedFault(1, "fund.individual_coefficients", "the coefficient of scores 0 and 1 is 0: they earn nothing")),
    ("fund: {category_parameters: {D: 0}}", ExpectedFault(1, "fund.category_parameters.D", "a category parameter is a number above 0")),
    ("fund: {category_parameters: {D: 1.23456}}", ExpectedFault(1, "fund.category_parameters.D", "at most four decimals")),
    ("fund: {residual: share}", ExpectedFault(1, "fund.residual", "unknown residual rule; allowed: keep, redistribute")),
    ("fund: {redistribution_cap_percent_of_share: 90}", ExpectedFault(1, "fund.redistribution_cap_percent_of_share", "at least 100")),
    ("fund:\n  top_rating_increase: {enabled: true, percent_of_average: 20}",
     ExpectedFault(2, "fund.top_rating_increase", "at least 30 % of the average individual component")),
    ("fund:\n  top_rating_increase: {maximum_share_of_staff_percent: 0}",
     ExpectedFault(2, "fund.top_rating_increase", "above 0 % and at most 100 %")),
    ("fund: {require_confirmations: sometimes}", ExpectedFault(1, "fund.require_confirmations", "expected true or false")),
    ("fund: [residual]", ExpectedFault(1, "fund", "expected keys and values")),
])
func settingsFaults(text: String, expected: ExpectedFault) {
    let found = faults { () throws(InputErrors) in try settings(text) }
    expectOneFault(found, expected, in: "sipav.yaml")
}

/// Rules §3: 0 and 1 → 0, 6 → 100 %, only a 6 earns the full amount; the setting chooses 2…5.
@Test("the individual coefficients the rules allow are accepted", arguments: [
    ("proportional", [Ratio.zero, .zero, Ratio(2, 6), Ratio(3, 6), Ratio(4, 6), Ratio(5, 6), .one]),
    ("[0, 0, \"2/6\", \"3/6\", \"4/6\", \"5/6\", 100]", [.zero, .zero, Ratio(2, 6), Ratio(3, 6), Ratio(4, 6), Ratio(5, 6), .one]),
    ("[0, 0, 0, 0, 0, 0, 100]", [.zero, .zero, .zero, .zero, .zero, .zero, .one]),
    ("[0, 0, 50, 50, 50, \"99,99\", \"6/6\"]", [.zero, .zero, Ratio(1, 2), Ratio(1, 2), Ratio(1, 2), Ratio(9999, 10000), .one]),
])
func allowedCoefficients(list: String, coefficients: [Ratio]) throws {
    #expect(try settings("fund: {individual_coefficients: \(list)}").fund.individualCoefficients == coefficients)
}

@Test func aCoefficientAgainstTheRulesIsNamedByItsLineAndValue() {
    let found = faults { () throws(InputErrors) in
        try settings("fund:\n  individual_coefficients:\n    - 0\n    - 10\n    - 10\n    - 20\n    - 30\n    - 100\n    - 100\n")
    }
    #expect(found == [
        InputError(file: "sipav.yaml", line: 4, field: "fund.individual_coefficients", value: "10",
                   rule: "the coefficient of scores 0 and 1 is 0: they earn nothing"),
        InputError(file: "sipav.yaml", line: 8, field: "fund.individual_coefficients", value: "100",
                   rule: "the coefficient of score 5 is below 100: only a 6 earns the full individual component"),
    ])
}

@Test func settingsFileAsAWhole() {
    #expect(faults { () throws(InputErrors) in try settings("") } == [InputError(file: "sipav.yaml", line: nil, field: nil, rule: "the file is empty")])
    #expect(faults { () throws(InputErrors) in try SettingsFile.read(path: "Config/none.yaml") }.map(\.line) == [nil])
    let found = faults { () throws(InputErrors) in try settings("individual: {rounding: up}\nfund: {residual: share}\n") }
    #expect(found.map(\.line) == [1, 2])
}
