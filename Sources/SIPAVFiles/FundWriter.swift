import SIPAV

/// Writes the fund as the YAML `FundFile` reads: used to export a year from the database.
public enum FundWriter {
    public static func yaml(_ fund: Fund) -> String {
        var out = YAMLText()
        out.line("year: \(fund.year)")
        out.line("lines:")
        for line in fund.lines {
            var entry = "  - {fund: \(line.fund.rawValue), description: \(quoted(line.description)), amount: \(quoted(line.amount.description))"
            if let reference = line.reference { entry += ", reference: \(quoted(reference))" }
            out.line(entry + "}")
        }
        for (key, confirmation) in [("giunta", fund.giunta), ("oiv", fund.oiv)] {
            guard let confirmation else { continue }
            out.line("\(key): {date: \(confirmation.date), reference: \(quoted(confirmation.reference))}")
        }
        return out.text
    }
}
