import SIPAV
import SIPAVFiles
import Testing

@Test func demoPlanLoads() throws {
    let path = repositoryRoot.appendingPathComponent("Sources/sipav/Demo/plan.yaml").path
    let found = faults { () throws(InputErrors) in try PlanFile.read(path: path) }
    #expect(found == [], "\(found.map(\.description).joined(separator: "\n"))")
}
