import BigInt
import SIPAV

/// Reads the fund file: the year's fund lines (budgeted amounts and savings added to them) and the
/// confirmations of the *Giunta* and of the OIV.
public enum FundFile: YAMLFile {
    /// How the file is read: call `read(path:)`, `parse(bytes:file:)` or `parse(text:file:)`.
    public static let reading = YAMLReading<Fund>(build: fund)

    private static func fund(_ root: YAMLField, _ reader: inout YAMLReader) -> Fund? {
        let top = reader.mapping(root, keys: ["year", "lines", "giunta", "oiv"], required: ["year", "lines"])
        let year = reader.integer(top?["year"], in: YAMLReader.years, YAMLReader.yearRule)
        var lines: [FundLine] = []
        for element in reader.sequence(top?["lines"], minimum: 1, what: "fund line") ?? [] {
            if let line = fundLine(element, &reader) { lines.append(line) }
        }
        let giunta = confirmation(top?["giunta"], year: year, &reader)
        let oiv = confirmation(top?["oiv"], year: year, &reader)
        guard let year else { return nil }
        let fund = Fund(year: year, lines: lines, giunta: giunta, oiv: oiv)
        if let field = top?["lines"] {
            for kind in fund.fundsOverTheLargestTotal { reader.fault(field, Fund.overTheLargestTotal(kind)) }
        }
        return fund
    }

    private static func fundLine(_ field: YAMLField, _ reader: inout YAMLReader) -> FundLine? {
        let entry = reader.mapping(field, keys: ["fund", "description", "amount", "reference"],
                                   required: ["fund", "description", "amount"])
        let kind: FundKind? = reader.choice(entry?["fund"], "fund")
        let description = reader.text(entry?["description"])
        let amount = euros(entry?["amount"], &reader)
        let reference = reader.text(entry?["reference"])
        guard let kind, let description, let amount else { return nil }
        return FundLine(fund: kind, description: description, amount: amount, reference: reference)
    }

    /// An amount in euros, not negative, at most `Fund.largestTotal`, with at most two decimals: `734.312,44` or
    /// `734312.44`.
    static func euros(_ field: YAMLField?, _ reader: inout YAMLReader) -> Cents? {
        guard let field, let text = reader.scalar(field) else { return nil }
        switch amount(text) {
        case let .value(cents):
            return cents
        case .ambiguous:
            reader.fault(field, YAMLReader.ambiguousAmountRule)
        case .refused:
            reader.fault(field, "an amount in euros is not negative and has at most two decimals, like \"734.312,44\" or 734312.44")
        case .tooLarge:
            reader.fault(field, "an amount in euros is at most 1,000,000,000,000.00")
        }
        return nil
    }

    /// An amount in euros as this file reads one, for the forms that take one too: `734.312,44`, `734312,44`,
    /// `734312.44`; `12.480` is ambiguous.
    public static func amount(_ text: String) -> FieldNumber<Cents> {
        if NumberText.isAmbiguous(text) { return .ambiguous }
        guard let value = YAMLReader.number(text), !value.isNegative else { return .refused }
        let cents = value * Ratio(100)
        guard cents.denominator == 1 else { return .refused }
        // Within the largest total, the cents fit in 64 bits.
        guard cents <= Fund.largestTotal.ratio, let exact = Int64(exactly: cents.numerator) else { return .tooLarge }
        return .value(Cents(exact))
    }

    /// A confirmation: `{date: 2020-06-15, reference: "Delibera di Giunta n. ..."}`, dated from the year before the
    /// fund's to five years after it: a date outside (1900, 2099) is a slip of the pen, not an act of the year.
    private static func confirmation(_ field: YAMLField?, year: Int?, _ reader: inout YAMLReader) -> Confirmation? {
        let entry = reader.mapping(field, keys: ["date", "reference"], required: ["date", "reference"])
        var date = reader.date(entry?["date"])
        if let year, let given = date, !((year - 1)...(year + 5)).contains(given.year), let dateField = entry?["date"] {
            reader.fault(dateField, "a confirmation of the \(year) fund is dated from \(year - 1) to \(year + 5)")
            date = nil
        }
        let reference = reader.text(entry?["reference"])
        guard let date, let reference else { return nil }
        return Confirmation(date: date, reference: reference)
    }
}
