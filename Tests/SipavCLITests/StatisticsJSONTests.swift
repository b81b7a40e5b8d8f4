import Foundation
import Testing

/// The statistics are published: their JSON carries each figure as the table prints it (rules §4: percentages to one
/// decimal), not the four decimals the other reports' JSON keeps.
@Suite("The statistics JSON carries the published figures")
struct StatisticsJSONTests {
    @Test func percentagesHaveOneDecimalAndAmountsWholeCents() throws {
        let run = try Sipav.run(["statistics", "--data", Sipav.demoFolder.path, "--format", "json"])
        #expect(run.status == 0, "\(run.standardError)")
        let json = run.standardOutput
        #expect(json.contains("{\"group\": \"Tutto il personale\", \"score\": \"6\", \"people\": 51, \"percent\": 18.4, "),
                "\(json.prefix(400))")
        #expect(json.matches(of: /"percent": [0-9]+\.[0-9]{2,}/).isEmpty)
        #expect(!json.matches(of: /"mean_cents": [0-9]+[,}]/).isEmpty)
        #expect(json.matches(of: /"mean_cents": [0-9]+\./).isEmpty)
        #expect(json.matches(of: /"gini_index": [0-9]+\.[0-9]{4,}/).isEmpty)
        // The other reports keep their figures to four decimals.
        let organisation = try Sipav.run(["organisation", "--data", Sipav.demoFolder.path, "--format", "json"])
        #expect(organisation.standardOutput.contains("\"applied_percent\": 95.0000"), "\(organisation.standardOutput.prefix(300))")
    }
}
