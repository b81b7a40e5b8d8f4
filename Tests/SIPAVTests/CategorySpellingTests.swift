import SIPAV
import Testing

/// A category is a group of the published statistics: two ways of writing it that differ only in case are one mistyped.
@Suite("Categories written in two cases")
struct CategorySpellingTests {
    static func records(_ categories: [String]) -> StaffRecords {
        StaffRecords(staff: categories.enumerated().map { index, category in
            StaffMember(id: "E\(index)", name: "Persona \(index)", role: .dipendente, category: category, area: 0)
        }, objectives: [])
    }

    @Test func theLessUsualWayIsNamedWithItsFirstPersonAndTheUsualOne() {
        let found = Self.records(["D", "C", "d", "D", "c", "C", "d", "B"]).categoriesDifferingOnlyInCase()
        #expect(found.map { "\($0.person) \($0.category) → \($0.usual)" } == ["2 d → D", "4 c → C"])
    }

    /// Two ways as common as each other: the one that sorts first stands, so that the advice does not depend on order.
    @Test func aTieGoesToTheWaySortedFirst() {
        #expect(Self.records(["d", "D"]).categoriesDifferingOnlyInCase().map { "\($0.category) → \($0.usual)" } == ["d → D"])
        #expect(Self.records(["D", "d"]).categoriesDifferingOnlyInCase().map { "\($0.category) → \($0.usual)" } == ["d → D"])
    }

    /// The settings' spelling is the settings' rule's to say: a group they spell is left to it, whichever way most
    /// people have it, rather than told the opposite.
    @Test func aCategoryTheSettingsSpellIsLeftToTheirRule() {
        let records = Self.records(["D", "d", "d", "d", "C", "c"])
        #expect(records.categoriesDifferingOnlyInCase(except: ["D"]).map(\.category) == ["c"])
        #expect(records.categoriesWrittenOtherwise(than: ["D": Ratio(6, 5)]).map(\.category) == ["d"])
    }
}
