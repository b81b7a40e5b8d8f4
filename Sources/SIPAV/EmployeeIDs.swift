/// The staff's employee ids as keys of two machine words, for telling whether an id repeats and for finding a
/// person by the bytes of an id without making a `String`.
///
/// Only for ids of at most 15 ASCII bytes: for them, equal bytes are equal `String`s. (Ids in other characters
/// may be equal as `String`s while their bytes differ, which only `String` decides: `append` refuses them.)
/// A key holds the bytes big-endian and the length in its last byte, so that keys order as the ids' bytes do.
public struct EmployeeIDs: Sendable {
    private var keys: [UInt64] = []
    /// Each id comes after the one before in byte order (so none repeats).
    public private(set) var ascending = true
    /// Open addressing, person + 1 (0 for an empty slot); built by `finish` when the ids do not ascend.
    private var slots: [Int32] = []
    private var distinct = true

    public init() {}

    /// The ids of `staff`; nil when one cannot be a key.
    public init?(_ staff: [StaffMember]) {
        keys.reserveCapacity(staff.count * 2)
        for member in staff {
            var id = member.id
            guard id.withUTF8({ append($0) }) else { return nil }
        }
        finish()
    }

    public var count: Int { keys.count / 2 }

    /// Whether no id appears twice. Valid after `finish`.
    public var areDistinct: Bool { distinct }

    /// Whether some id has a lower-case ASCII letter: without one, no two ids differ in case alone, and ids that are
    /// distinct need no check in any case. A pass over the keys' bytes, no `String` made.
    public var haveLowercase: Bool {
        for key in keys where Self.lowercaseLetters(key) != 0 { return true }
        return false
    }

    /// Whether two ids are one but for the case of their letters (E0001 and e0001), or one outright: the ids upper-cased,
    /// told apart through a table. Only a pass over the keys when no id has a lower-case letter. Valid after `finish`.
    public func someDifferInCaseAlone() -> Bool {
        guard haveLowercase else { return !distinct }
        var folded = self
        for index in folded.keys.indices {
            let key = folded.keys[index]
            // 'a'…'z' less 0x20 is 'A'…'Z'.
            folded.keys[index] = key &- (Self.lowercaseLetters(key) >> 2)
        }
        folded.buildTable()
        return !folded.distinct
    }

    /// The high bit of each byte of `key` that is 'a'…'z'. Eight bytes at a time: whether a byte lies strictly between
    /// 0x60 and 0x7B, exact for bytes below 0x80, as a key's are (ASCII ids, zero padding, a length below 16); no sum
    /// carries from one byte into the next.
    @inline(__always)
    private static func lowercaseLetters(_ key: UInt64) -> UInt64 {
        let (ones, low7, high): (UInt64, UInt64, UInt64) = (0x0101_0101_0101_0101, 0x7F7F_7F7F_7F7F_7F7F, 0x8080_8080_8080_8080)
        let (above, below): (UInt64, UInt64) = (ones &* (127 + 0x7B), ones &* (127 - 0x60))
        return ((above &- (key & low7)) & ~key & ((key & low7) &+ below)) & high
    }

    public mutating func reserveCapacity(_ count: Int) { keys.reserveCapacity(count * 2) }

    /// Appends the id of the next person; false (nothing appended) when it cannot be a key.
    @discardableResult
    public mutating func append(_ id: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let (high, low) = Self.key(id) else { return false }
        if ascending, keys.count >= 2 {
            let (lastHigh, lastLow) = (keys[keys.count - 2], keys[keys.count - 1])
            ascending = lastHigh < high || (lastHigh == high && lastLow < low)
        }
        keys.append(high)
        keys.append(low)
        return true
    }

    /// Appends the ids of `other` after these.
    public mutating func append(contentsOf other: EmployeeIDs) {
        if ascending, let first = other.keys.first, keys.count >= 2 {
            let (lastHigh, lastLow) = (keys[keys.count - 2], keys[keys.count - 1])
            ascending = lastHigh < first || (lastHigh == first && lastLow < other.keys[1])
        }
        ascending = ascending && other.ascending
        keys += other.keys
    }

    /// Completes the index: when the ids do not ascend, a table of them, and whether one repeats.
    public mutating func finish() {
        slots = []
        distinct = true
        guard !ascending else { return }
        buildTable()
    }

    /// A copy that finds ids through a table even when they ascend (for many look-ups out of order).
    public func withTable() -> EmployeeIDs {
        var copy = self
        if copy.slots.isEmpty { copy.buildTable() }
        return copy
    }

    private mutating func buildTable() {
        var size = 16
        while size < count * 2 { size <<= 1 }
        var slots = [Int32](repeating: 0, count: size)
        let mask = size - 1
        var distinct = true
        keys.withUnsafeBufferPointer { keys in
            slots.withUnsafeMutableBufferPointer { slots in
                for person in 0..<(keys.count / 2) {
                    let (high, low) = (keys[2 * person], keys[2 * person + 1])
                    var slot = Int(truncatingIfNeeded: Self.hash(high, low)) & mask
                    while true {
                        let entry = Int(slots[slot])
                        if entry == 0 {
                            slots[slot] = Int32(person + 1)
                            break
                        }
                        if keys[2 * (entry - 1)] == high && keys[2 * (entry - 1) + 1] == low {
                            distinct = false   // the first person keeps the id
                            break
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
        (self.slots, self.distinct) = (slots, distinct)
    }

    /// The first person whose id is `id`; nil when there is none, or `id` cannot be a key.
    public func person(_ id: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let (high, low) = Self.key(id) else { return nil }
        return person(high, low)
    }

    /// As `person(_:)`, trying the person at `cursor` and the next one first (rows that come in staff order);
    /// moves `cursor` to the person found.
    public func person(_ id: UnsafeBufferPointer<UInt8>, near cursor: inout Int) -> Int? {
        guard let (high, low) = Self.key(id) else { return nil }
        let count = self.count
        var candidate = cursor
        while candidate <= cursor + 1 && candidate < count {
            if keys[2 * candidate] == high && keys[2 * candidate + 1] == low && (distinct || isFirst(candidate)) {
                cursor = candidate
                return candidate
            }
            candidate += 1
        }
        guard let found = person(high, low) else { return nil }
        cursor = found
        return found
    }

    /// Whether the id of person `a` comes before that of person `b` (in byte order, which for ASCII is the
    /// order of `String`s).
    @inline(__always)
    public func precedes(_ a: Int, _ b: Int) -> Bool {
        let (ha, hb) = (keys[2 * a], keys[2 * b])
        return ha < hb || (ha == hb && keys[2 * a + 1] < keys[2 * b + 1])
    }

    private func isFirst(_ person: Int) -> Bool { self.person(keys[2 * person], keys[2 * person + 1]) == person }

    private func person(_ high: UInt64, _ low: UInt64) -> Int? {
        keys.withUnsafeBufferPointer { keys in
            if slots.isEmpty {
                var (lowIndex, highIndex) = (0, keys.count / 2)
                while lowIndex < highIndex {
                    let middle = (lowIndex + highIndex) / 2
                    let (h, l) = (keys[2 * middle], keys[2 * middle + 1])
                    if h < high || (h == high && l < low) { lowIndex = middle + 1 } else { highIndex = middle }
                }
                return lowIndex < keys.count / 2 && keys[2 * lowIndex] == high && keys[2 * lowIndex + 1] == low ? lowIndex : nil
            }
            return slots.withUnsafeBufferPointer { slots in
                let mask = slots.count - 1
                var slot = Int(truncatingIfNeeded: Self.hash(high, low)) & mask
                while true {
                    let entry = Int(slots[slot])
                    if entry == 0 { return nil }
                    if keys[2 * (entry - 1)] == high && keys[2 * (entry - 1) + 1] == low { return entry - 1 }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// The key of an id: bytes 0–7 and 8–14 big-endian, the length in the last byte; nil when it cannot be one.
    @inline(__always)
    static func key(_ id: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        let count = id.count
        guard count <= 15 else { return nil }
        var high: UInt64 = 0, low: UInt64 = 0
        var ascii: UInt8 = 0
        for index in 0..<count {
            let byte = id[index]
            ascii |= byte
            if index < 8 { high |= UInt64(byte) << (56 - 8 * UInt64(index)) } else { low |= UInt64(byte) << (56 - 8 * UInt64(index - 8)) }
        }
        guard ascii < 0x80 else { return nil }
        return (high, low | UInt64(count))
    }

    @inline(__always)
    static func hash(_ high: UInt64, _ low: UInt64) -> UInt64 {
        let product = (high ^ (low &* 0x9E37_79B9_7F4A_7C15)).multipliedFullWidth(by: 0xBF58_476D_1CE4_E5B9)
        return product.high ^ product.low
    }
}
