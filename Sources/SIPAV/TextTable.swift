/// Distinct texts, each kept once and named by its number: the objective codes, titles and categories of
/// a large body repeat a handful of texts millions of times.
///
/// Texts are told apart by their exact UTF-8 bytes, never by Unicode equivalence, so that every text
/// comes back byte for byte as it went in.
public struct TextTable: Sendable {
    /// The texts, by number.
    public private(set) var texts: [String] = []
    /// Whether every text is ASCII (then byte equality is `String` equality).
    public private(set) var isASCII = true
    private var bytes: [UInt8] = []
    /// `bytes[starts[i] ..< starts[i + 1]]` is text i.
    private var starts: [Int] = [0]
    /// Open addressing: text number + 1, 0 for an empty slot.
    private var slots = [UInt32](repeating: 0, count: 64)
    /// The texts of at most 7 bytes met so far, by `shortKey` (0 for an empty slot), and their numbers: found
    /// by comparing one word, where the slots above need the text's bytes looked up and compared. Objective
    /// codes, categories and empty titles are such texts, millions of times.
    private var shortKeys = [UInt64](repeating: 0, count: 64)
    private var shortNumbers = [UInt32](repeating: 0, count: 64)
    private var shortCount = 0

    public init() {}

    public var count: Int { texts.count }
    public subscript(number: UInt32) -> String { texts[Int(number)] }

    /// The number of `text`, adding it when new.
    public mutating func number(of text: String) -> UInt32 {
        var copy = text
        return copy.withUTF8 { number(of: $0, text: text) }
    }

    /// The number of the text whose UTF-8 bytes are `utf8`, adding it when new.
    public mutating func number(of utf8: UnsafeBufferPointer<UInt8>) -> UInt32 {
        number(of: utf8, text: nil)
    }

    /// The number of the text whose UTF-8 bytes are `utf8`, or nil when it is not in the table.
    public func find(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt32? {
        if utf8.count <= 7 {
            let (found, _) = shortSlot(Self.shortKey(utf8))
            if let found { return found }
        }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: TextTable.hash(utf8)) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if equals(Int(entry - 1), utf8) { return entry - 1 }
            slot = (slot + 1) & mask
        }
    }

    private mutating func number(of utf8: UnsafeBufferPointer<UInt8>, text: String?) -> UInt32 {
        guard utf8.count <= 7 else { return anyNumber(of: utf8, text: text) }
        let key = Self.shortKey(utf8)
        let (found, free) = shortSlot(key)
        if let found { return found }
        let number = anyNumber(of: utf8, text: text)
        shortKeys[free] = key
        shortNumbers[free] = number
        shortCount += 1
        if shortCount * 2 > shortKeys.count { growShort() }
        return number
    }

    /// The number of the short text whose key is `key`, or the empty slot where it would go.
    private func shortSlot(_ key: UInt64) -> (number: UInt32?, free: Int) {
        shortKeys.withUnsafeBufferPointer { keys in
            let mask = keys.count - 1
            // Fibonacci hashing: the key's bits spread by one multiplication, its upper half taken.
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
            while true {
                let stored = keys[slot]
                if stored == key { return (shortNumbers[slot], slot) }
                if stored == 0 { return (nil, slot) }
                slot = (slot + 1) & mask
            }
        }
    }

    private mutating func growShort() {
        let (keys, numbers) = (shortKeys, shortNumbers)
        shortKeys = [UInt64](repeating: 0, count: keys.count * 2)
        shortNumbers = [UInt32](repeating: 0, count: keys.count * 2)
        for (key, number) in zip(keys, numbers) where key != 0 {
            let (_, free) = shortSlot(key)
            shortKeys[free] = key
            shortNumbers[free] = number
        }
    }

    /// A text of at most 7 bytes as one word: its bytes, and its length + 1 in the top byte (so never 0).
    @inline(__always)
    static func shortKey(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var key = UInt64(utf8.count + 1) << 56
        for index in 0..<utf8.count { key |= UInt64(utf8[index]) << (8 * UInt64(index)) }
        return key
    }

    /// The number of any text, by its bytes, adding it when new.
    private mutating func anyNumber(of utf8: UnsafeBufferPointer<UInt8>, text: String?) -> UInt32 {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: TextTable.hash(utf8)) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if equals(Int(entry - 1), utf8) { return entry - 1 }
            slot = (slot + 1) & mask
        }
        let number = UInt32(texts.count)
        texts.append(text ?? String(decoding: utf8, as: UTF8.self))
        bytes.append(contentsOf: utf8)
        starts.append(bytes.count)
        if isASCII && !utf8.allSatisfy({ $0 < 0x80 }) { isASCII = false }
        slots[slot] = number + 1
        if texts.count * 2 > slots.count { grow() }
        return number
    }

    private func equals(_ index: Int, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let (start, end) = (starts[index], starts[index + 1])
        guard end - start == utf8.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            utf8.isEmpty || memoryEquals(stored.baseAddress! + start, utf8.baseAddress!, utf8.count)
        }
    }

    private mutating func grow() {
        slots = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        bytes.withUnsafeBufferPointer { all in
            for index in texts.indices {
                let text = UnsafeBufferPointer(rebasing: all[starts[index]..<starts[index + 1]])
                var slot = Int(truncatingIfNeeded: TextTable.hash(text)) & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = UInt32(index + 1)
            }
        }
    }

    /// A hash of the length and of the first, middle and last eight bytes: enough to tell apart the
    /// texts of a file, and cheap on long titles (equal hashes are told apart by the bytes).
    @inline(__always)
    static func hash(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = utf8.count
        var h = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        guard let base = utf8.baseAddress, count > 0 else { return h }
        func word(_ offset: Int) -> UInt64 {
            UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
        }
        if count >= 8 {
            h = mix(h ^ word(0))
            h = mix(h ^ word((count - 8) / 2))
            h = mix(h ^ word(count - 8))
        } else {
            var tail: UInt64 = 0
            for index in 0..<count { tail |= UInt64(base[index]) << (8 * UInt64(index)) }
            h = mix(h ^ tail)
        }
        return h ^ (h >> 29)
    }

    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        let product = value.multipliedFullWidth(by: 0xBF58_476D_1CE4_E5B9)
        return product.high ^ product.low
    }
}

/// Whether `count` bytes at `a` and `b` are equal.
@inline(__always)
func memoryEquals(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var index = 0
    while index + 8 <= count {
        if UnsafeRawPointer(a + index).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + index).loadUnaligned(as: UInt64.self) {
            return false
        }
        index += 8
    }
    while index < count {
        if a[index] != b[index] { return false }
        index += 1
    }
    return true
}
