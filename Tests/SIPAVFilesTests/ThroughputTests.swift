import Foundation
import SIPAV
import SIPAVFiles
import Testing

/// Times the readers on a ratings file the size of a large body's (4.5 million rows, about 67 MB).
/// Off unless `SIPAV_THROUGHPUT=1`; meaningful only in a release build:
/// `SIPAV_THROUGHPUT=1 swift test -c release -Xswiftc -enable-testing --filter Throughput`.
@Test(.enabled(if: ProcessInfo.processInfo.environment["SIPAV_THROUGHPUT"] != nil))
func throughputOnALargeRatingsFile() throws {
    let people = 900_000
    let staff = (0..<people).map {
        StaffMember(id: "E" + String($0), name: "", role: .dipendente, category: "C", area: 0)
    }
    var text = "employee_id;objective;title;weight;cosa;come\n"
    text.reserveCapacity(70_000_000)
    for person in 0..<people {
        for objective in 1...5 { text += "E\(person);OB\(objective);;20,00;\(objective);B\n" }
    }
    let bytes = Array(text.utf8)
    let megabytes = Double(bytes.count) / 1_000_000

    let clock = ContinuousClock()
    var records = 0
    let scan = try clock.measure {
        let table = try CSVTable(bytes: bytes, file: "big.csv", columns: ObjectivesFile.columns)
        _ = table.forEachRecord { _ in records += 1 }
    }
    let read = try clock.measure {
        let result = try ObjectivesFile.parse(bytes: bytes, file: "big.csv", staff: staff)
        #expect(result.objectives.count == people * 5)
    }
    func rate(_ duration: Duration) -> Int { Int(megabytes / (Double(duration.components.attoseconds) / 1e18 + Double(duration.components.seconds))) }
    print("\(Int(megabytes)) MB, \(records) rows: scan \(scan) (\(rate(scan)) MB/s), objectives \(read) (\(rate(read)) MB/s)")
    #expect(records == people * 5)
}
