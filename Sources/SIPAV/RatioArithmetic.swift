import BigInt

/// The arithmetic of `Ratio`: natively on 64-bit integers while nothing overflows, in arbitrary
/// precision from the first overflow on. Both paths give the same exact value.
extension Ratio {
    public static func + (a: Ratio, b: Ratio) -> Ratio {
        if case let .small(an, ad) = a.storage, case let .small(bn, bd) = b.storage {
            if ad == bd, case (let sum, false) = an.addingReportingOverflow(bn) { return Ratio(reducing: sum, ad) }
            // a/b + c/d = (a·(d/g) + c·(b/g)) / (b/g·d), g = gcd(b, d): keeps the numbers small.
            let g = Int64(gcd(ad.magnitude, bd.magnitude))
            let (left, o1) = an.multipliedReportingOverflow(by: bd / g)
            let (right, o2) = bn.multipliedReportingOverflow(by: ad / g)
            let (sum, o3) = left.addingReportingOverflow(right)
            let (den, o4) = (ad / g).multipliedReportingOverflow(by: bd)
            if !(o1 || o2 || o3 || o4) { return Ratio(reducing: sum, den) }
        }
        return Ratio(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }

    public static prefix func - (a: Ratio) -> Ratio {
        if case let .small(n, d) = a.storage { return Ratio(reducing: -n, d) }
        return Ratio(-a.numerator, a.denominator)
    }

    public static func - (a: Ratio, b: Ratio) -> Ratio { a + (-b) }

    public static func * (a: Ratio, b: Ratio) -> Ratio {
        if case let .small(an, ad) = a.storage, case let .small(bn, bd) = b.storage {
            // Cross-reduce first so that the products stay within 64 bits as long as possible.
            let g1 = Int64(gcd(an.magnitude, bd.magnitude)), g2 = Int64(gcd(bn.magnitude, ad.magnitude))
            let (n, o1) = (an / g1).multipliedReportingOverflow(by: bn / g2)
            let (d, o2) = (ad / g2).multipliedReportingOverflow(by: bd / g1)
            if !(o1 || o2) { return Ratio(reducing: n, d) }
        }
        return Ratio(a.numerator * b.numerator, a.denominator * b.denominator)
    }

    public static func / (a: Ratio, b: Ratio) -> Ratio {
        precondition(!b.isZero, "division of a Ratio by zero")
        if case let .small(bn, bd) = b.storage, bn != .min { return a * Ratio(reducing: bd, bn) }
        return a * Ratio(b.denominator, b.numerator)
    }
}

extension Ratio: Comparable, Hashable {
    public static func < (a: Ratio, b: Ratio) -> Bool {
        if case let .small(an, ad) = a.storage, case let .small(bn, bd) = b.storage {
            return Int128(an) * Int128(bd) < Int128(bn) * Int128(ad)
        }
        return a.numerator * b.denominator < b.numerator * a.denominator
    }

    /// Both forms are in lowest terms, and a value that fits is always `small`: equal values have equal storage.
    public static func == (a: Ratio, b: Ratio) -> Bool {
        switch (a.storage, b.storage) {
        case let (.small(an, ad), .small(bn, bd)): return an == bn && ad == bd
        case let (.big(an, ad), .big(bn, bd)): return an == bn && ad == bd
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch storage {
        case let .small(n, d): hasher.combine(n); hasher.combine(d)
        case let .big(n, d): hasher.combine(n); hasher.combine(d)
        }
    }
}
