import SIPAV

/// Writes an organisational plan as the YAML `PlanFile` reads: used to export a year from the database.
public enum PlanWriter {
    public static func yaml(_ plan: OrganisationalPlan) -> String {
        var out = YAMLText()
        out.line("body: \(quoted(plan.body))")
        out.line("year: \(plan.year)")
        out.line("strategic_lines:")
        for line in plan.strategicLines { out.line("  - {id: \(quoted(line.id)), name: \(quoted(line.name))}") }
        out.line("areas:")
        for area in plan.areas {
            out.line("  - {id: \(quoted(area.id)), name: \(quoted(area.name))" + (area.manager.map { ", manager: \(quoted($0))" } ?? "") + "}")
        }
        out.line("objectives:")
        // Every weight once one differs from 1: a plan read with weighed objectives has all its weights or none.
        let weighed = plan.objectives.contains { $0.weight != .one }
        for objective in plan.objectives {
            out.line("  - id: \(quoted(objective.id))")
            out.line("    title: \(quoted(objective.title))")
            switch objective.owner {
            case .ente: out.line("    owner: ente")
            case let .area(id): out.line("    owner: \(quoted(id))")
            }
            out.line("    lines: [" + objective.strategicLines.map(quoted).joined(separator: ", ") + "]")
            if weighed { out.line("    weight: \(number(objective.weight))") }
            out.line("    indicators:")
            for indicator in objective.indicators { write(indicator, into: &out, indent: "      ") }
        }
        if !plan.validated.isEmpty {
            out.line("validated:")
            for figure in plan.validated {
                let scope: String
                switch figure.scope {
                case .ente: scope = "ente"
                case let .area(id): scope = "area:\(id)"
                case let .objective(id): scope = "objective:\(id)"
                }
                out.line("  - {scope: \(quoted(scope)), percent: \(number(figure.achievement * Ratio(100))), reference: \(quoted(figure.reference))}")
            }
        }
        return out.text
    }

    static func write(_ indicator: Indicator, into out: inout YAMLText, indent: String) {
        out.line(indent + "- id: \(quoted(indicator.id))")
        let inner = indent + "  "
        out.line(inner + "name: \(quoted(indicator.name))")
        if let unit = indicator.unit { out.line(inner + "unit: \(quoted(unit))") }
        if let note = indicator.note { out.line(inner + "note: \(quoted(note))") }
        switch indicator.content {
        case let .measured(scale, measured):
            out.line(inner + "scale: " + self.scale(scale))
            if let measured { out.line(inner + "measured: " + self.measured(measured)) }
        case let .composite(steps, subs):
            out.line(inner + "composite:")
            out.line(inner + "  percents: [" + steps.map { number($0 * Ratio(100)) }.joined(separator: ", ") + "]")
            out.line(inner + "  sub_indicators:")
            for sub in subs { write(sub, into: &out, indent: inner + "    ") }
        }
        if let revision = indicator.revision {
            out.line(inner + "revision:")
            out.line(inner + "  reference: \(quoted(revision.reference))")
            if let previous = revision.previousScale { out.line(inner + "  previous_scale: " + scale(previous)) }
            if let name = revision.previousName { out.line(inner + "  previous_name: \(quoted(name))") }
        }
        if let reference = indicator.suppression { out.line(inner + "suppressed: {reference: \(quoted(reference))}") }
    }

    static func scale(_ scale: TargetScale) -> String {
        let thresholds = scale.steps.compactMap { step -> String? in
            switch step.threshold {
            case let .number(value): return number(value)
            case let .month(month): return quoted(month.description)
            case .yes: return nil
            }
        }
        let percents = scale.steps.map { number($0.achievement * Ratio(100)) }
        var text = "{kind: \(scale.kind.rawValue)"
        if !thresholds.isEmpty { text += ", thresholds: [" + thresholds.joined(separator: ", ") + "]" }
        return text + ", percents: [" + percents.joined(separator: ", ") + "]}"
    }

    static func measured(_ measurement: Measurement) -> String {
        switch measurement {
        case let .number(value): return number(value)
        case let .date(date): return quoted(date.description)
        case .notCompleted: return "\"non completato\""
        case let .yesNo(done): return done ? "\"si\"" : "\"no\""
        }
    }

    /// Exact decimals as read; a value with no finite decimal writing cannot come from a file. Three decimals
    /// after one to three digits take a fourth, a zero (`2.1250`), so that the file reads them back as decimals.
    static func number(_ value: Ratio) -> String {
        let text = DecimalText.exact(value) ?? DecimalText.format(value, digits: 10)
        return DecimalText.isAmbiguous(text) ? text + "0" : text
    }
}

/// YAML text built line by line, with strings always double-quoted and escaped.
struct YAMLText {
    var text = ""
    mutating func line(_ line: String) { text += line + "\n" }
}

func quoted(_ value: String) -> String { QuotedText.doubleQuoted(value) }
