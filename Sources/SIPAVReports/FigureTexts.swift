import SIPAV

/// The text of the exact figures a writer wrote lately, by value and format: the rows of a large allocation
/// repeat a few thousand amounts (one per final score, Area and share weight), and copying their text back is
/// several times cheaper than dividing and writing the digits again. A slot per hash of the key, the last
/// figure of that hash kept; a figure whose text is longer than a slot holds is not kept.
struct FigureTexts {
    struct Key: Equatable {
        var numerator: Int128
        var denominator: Int128
        /// The exponent, decimals, decimal mark and group mark of the text.
        var format: UInt32
    }

    private struct Slot {
        var key: Key
        var length: UInt8
        var text: (UInt64, UInt64, UInt64)
    }

    static let textCapacity = 24
    private static let slotBits = 12

    private final class Slots {
        let slots: UnsafeMutablePointer<Slot>
        init() {
            let empty = Slot(key: Key(numerator: 0, denominator: 0, format: 0), length: 0, text: (0, 0, 0))
            slots = .allocate(capacity: 1 << FigureTexts.slotBits)
            slots.initialize(repeating: empty, count: 1 << FigureTexts.slotBits)
        }
        deinit { slots.deallocate() }
    }

    /// Made on the first figure: a writer that writes none takes no room.
    private var storage: Slots?
    /// `storage`'s slots, read without counting references to `storage` at every figure.
    private var slots: UnsafeMutablePointer<Slot>?

    static func key(_ value: ExactFigure, exponent: Int, digits: Int, mark: UInt8, group: UInt8?) -> Key? {
        guard let (numerator, denominator) = value.fraction, (-64..<64).contains(exponent), (0..<256).contains(digits) else { return nil }
        let format = UInt32(exponent + 64) | UInt32(digits) << 8 | UInt32(mark) << 16 | UInt32(group ?? 0) << 24
        return Key(numerator: numerator, denominator: denominator, format: format)
    }

    @inline(__always)
    static func slot(_ key: Key) -> Int {
        var hash = UInt64(truncatingIfNeeded: key.numerator) &* 0x9E37_79B9_7F4A_7C15
        hash ^= UInt64(truncatingIfNeeded: key.numerator >> 64) &* 0xC2B2_AE3D_27D4_EB4F
        hash ^= UInt64(truncatingIfNeeded: key.denominator) &* 0x1656_67B1_9E37_79F9
        hash ^= UInt64(key.format) &* 0x27D4_EB2F_1656_67C5
        return Int(truncatingIfNeeded: hash >> UInt64(64 - slotBits))
    }

    /// The text kept for `key`, handed to `use`; false when none is kept.
    @inline(__always)
    func withText(_ key: Key, _ use: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        guard let slots else { return false }
        let slot = slots + Self.slot(key)
        guard slot.pointee.length > 0, slot.pointee.key == key else { return false }
        withUnsafeBytes(of: &slot.pointee.text) { text in
            use(UnsafeBufferPointer(start: text.baseAddress!.assumingMemoryBound(to: UInt8.self), count: Int(slot.pointee.length)))
        }
        return true
    }

    /// Keeps `text` as the text of `key`, when it fits.
    mutating func keep(_ key: Key, _ text: UnsafeBufferPointer<UInt8>) {
        guard text.count > 0, text.count <= Self.textCapacity else { return }
        if slots == nil {
            let made = Slots()
            (storage, slots) = (made, made.slots)
        }
        let slot = slots! + Self.slot(key)
        slot.pointee.key = key
        slot.pointee.length = UInt8(text.count)
        withUnsafeMutableBytes(of: &slot.pointee.text) { room in
            room.copyMemory(from: UnsafeRawBufferPointer(text))
        }
    }
}
