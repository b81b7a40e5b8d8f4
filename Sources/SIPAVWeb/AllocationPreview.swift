import SIPAV
import SIPAVCycle
import SIPAVStore

/// The allocation HR is about to confirm, computed from the stored records exactly as `sipav db run` computes it,
/// or the faults that stop it.
struct AllocationPreview: Sendable {
    let records: YearRecords
    let computed: Result<Computed, InputErrors>

    struct Computed: Sendable {
        let cycle: Cycle
        let allocation: Allocation
    }

    init(records: YearRecords) {
        self.records = records
        do {
            let cycle = try Cycle.from(records)
            computed = .success(Computed(cycle: cycle, allocation: try cycle.allocate()))
        } catch let errors as InputErrors {
            computed = .failure(errors)
        } catch {
            computed = .failure(InputErrors([InputError(file: "database", line: nil, field: nil, rule: String(describing: error))]))
        }
    }

    /// A digest of what the preview shows and the confirmation stores: every person's final score, band and cents
    /// and both funds' totals, of the year. The confirmation carries the digest of the preview HR saw; if the records
    /// changed in between, the digests differ and nothing is stored. The year is part of it: a preview of one year
    /// never confirms another whose figures happen to be the same.
    var digest: String? {
        guard case let .success(result) = computed else { return nil }
        var hash = FNV1a()
        hash.add("year:\(records.year)")
        for fund in [result.allocation.managers, result.allocation.staff] {
            hash.add("\(fund.kind):\(fund.fund.value):\(fund.paid.value)")
            for row in 0..<fund.count {
                let person = fund.person(at: row)
                let id = records.records.staff[person].id
                let score = result.cycle.scores.isAssessable(person) ? String(result.cycle.scores.score[person]) : "nv"
                hash.add("\(id.utf8.count):\(id):\(score):\(result.cycle.scores.band(person).rawValue):\(fund.cents(at: row))")
            }
        }
        return hash.hex
    }
}

/// The 64-bit FNV-1a hash: enough to tell two previews apart, not a security measure (the CSRF token is).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        value ^= 0x1f
        value = value &* 0x100_0000_01b3
    }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
