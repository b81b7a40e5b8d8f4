import Testing
@testable import SIPAV

@Suite("Distinct texts by number")
struct TextTableTests {
    /// Texts of every length around the short ones' limit (7 bytes), with and without non-ASCII bytes,
    /// some differing only in their last byte or in a trailing NUL.
    static func texts(count: Int, seed: UInt64) -> [String] {
        var rng = SeededRandom(seed: seed)
        let alphabet: [String] = ["A", "B", "O", "1", "2", "à", "€", " ", "\u{0}"]
        return (0..<count).map { _ in
            let length = Int.random(in: 0...12, using: &rng)
            return (0..<length).map { _ in alphabet.randomElement(using: &rng)! }.joined()
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func numbersAgreeWithADictionary(seed: UInt64) {
        var table = TextTable()
        var expected: [[UInt8]: UInt32] = [:]
        var order: [String] = []
        for text in Self.texts(count: 3_000, seed: seed) {
            let bytes = Array(text.utf8)
            let number = table.number(of: text)
            if let known = expected[bytes] {
                #expect(number == known, "\(bytes) numbered \(number), first \(known)")
            } else {
                #expect(number == UInt32(order.count), "a new text takes the next number")
                expected[bytes] = number
                order.append(text)
            }
        }
        #expect(table.count == order.count)
        #expect(order.count > 200, "enough texts to grow both kinds of slot")
        for (index, text) in order.enumerated() {
            #expect(Array(table[UInt32(index)].utf8) == Array(text.utf8))
            let found = text.utf8.withContiguousStorageIfAvailable { table.find($0) } ?? nil
            #expect(found == UInt32(index))
        }
    }

    @Test func bytesAndStringsShareNumbers() {
        var table = TextTable()
        let code = table.number(of: "OB1")
        let empty = table.number(of: "")
        let long = table.number(of: "Obiettivo di miglioramento")
        [UInt8]("OB1".utf8).withUnsafeBufferPointer { #expect(table.number(of: $0) == code) }
        [UInt8]().withUnsafeBufferPointer { #expect(table.number(of: $0) == empty) }
        [UInt8]("Obiettivo di miglioramento".utf8).withUnsafeBufferPointer { #expect(table.number(of: $0) == long) }
        // Seven bytes and eight: the short texts' limit.
        let seven = table.number(of: "ABCDEFG"), eight = table.number(of: "ABCDEFGH")
        #expect(Set([code, empty, long, seven, eight]).count == 5)
        [UInt8]("ABCDEFG".utf8).withUnsafeBufferPointer { #expect(table.find($0) == seven) }
        [UInt8]("ABCDEFX".utf8).withUnsafeBufferPointer { #expect(table.find($0) == nil) }
        [UInt8]("OB1\u{0}".utf8).withUnsafeBufferPointer { #expect(table.find($0) == nil, "a trailing NUL is another text") }
    }
}
