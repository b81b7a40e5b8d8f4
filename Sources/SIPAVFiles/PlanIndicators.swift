import SIPAV

extension PlanReader {
    /// An indicator: measured on a `scale`, or `composite` of sub-indicators (which do not nest). The
    /// sub-indicators of a suppressed composite are left out with it: they need no measured value either.
    mutating func indicator(_ field: YAMLField, compositeAllowed: Bool, withinSuppressed: Bool = false) -> Indicator? {
        let keys = ["id", "name", "unit", "note", "scale", "measured", "revision", "suppressed", "composite"]
        let entry = yaml.mapping(field, keys: keys, required: ["id", "name"])
        let id = yaml.text(entry?["id"])
        let isNew = id.map { unique($0, entry?["id"], \.indicatorIDs, "indicator") } ?? false
        let name = yaml.text(entry?["name"])
        let unit = yaml.text(entry?["unit"])
        let note = yaml.text(entry?["note"])
        let revision = self.revision(entry?["revision"])
        let suppression = self.suppression(entry?["suppressed"])
        guard let entry else { return nil }
        // A suppressed indicator needs no measured value, even while its suppression is written wrong.
        let content = self.content(entry, suppressed: withinSuppressed || entry["suppressed"] != nil,
                                   compositeAllowed: compositeAllowed)
        let consistent = isConsistentlySuppressed(entry)
        guard let id, isNew, let name, let content, let revision, consistent else { return nil }
        return Indicator(id: id, name: name, unit: unit, note: note, content: content, revision: revision,
                         suppression: suppression)
    }

    /// False, with a fault, when a suppressed indicator has a measured value or a revision as well. The rules keep a
    /// suppressed indicator on record with its reference and out of every mean: a value beside it would say it was
    /// measured after all, and a revision that a target is in force.
    private mutating func isConsistentlySuppressed(_ entry: YAMLMapping) -> Bool {
        guard entry["suppressed"] != nil else { return true }
        var consistent = true
        // A composite's own measured value has its fault already.
        if entry["composite"] == nil, let measured = entry["measured"] {
            yaml.fault(measured, "a suppressed indicator has no measured value: it is left out of every mean; "
                       + "remove measured, or the suppression if the indicator stands")
            consistent = false
        }
        if let revision = entry["revision"] {
            yaml.fault(line: revision.line, field: revision.path, "a suppressed indicator has no revision: it has no target in force; "
                       + "remove revision, or the suppression if the indicator stands")
            consistent = false
        }
        return consistent
    }

    /// The scale and measured value, or the composite: exactly one of the two.
    private mutating func content(_ entry: YAMLMapping, suppressed: Bool, compositeAllowed: Bool) -> Indicator.Content? {
        let path = entry.field.path
        if !compositeAllowed, let composite = entry["composite"] {
            yaml.fault(composite, "a sub-indicator cannot itself be composite: give it a scale and a measured value")
            return nil
        }
        switch (entry["scale"], entry["composite"]) {
        case (nil, nil):
            yaml.fault(line: entry.line, field: path + ".scale", "an indicator has a scale (or a composite of sub-indicators)")
            return nil
        case (.some, .some):
            yaml.fault(line: entry.line, field: path + ".composite", "an indicator has a scale or a composite, not both")
            return nil
        case let (nil, composite?):
            if let measured = entry["measured"] {
                yaml.fault(measured, "a composite indicator has no measured value of its own: its sub-indicators have")
            }
            return self.composite(composite, suppressed: suppressed)
        case let (scaleField?, nil):
            guard let scale = scale(scaleField) else { return nil }
            guard let measuredField = entry["measured"] else {
                if suppressed || !measurementsRequired { return .measured(scale: scale, measured: nil) }
                yaml.fault(line: entry.line, field: path + ".measured",
                           "the measured value is required (only a suppressed indicator may lack one; while objectives are planned, --planning accepts it missing)")
                return nil
            }
            return measured(measuredField, kind: scale.kind).map { .measured(scale: scale, measured: $0) }
        }
    }

    /// `{percents: [100, 80, 60, 40, 20], sub_indicators: [...]}`: at least two sub-indicators, not all of them
    /// suppressed unless the composite is (its mean would have nothing to average).
    private mutating func composite(_ field: YAMLField, suppressed: Bool) -> Indicator.Content? {
        let entry = yaml.mapping(field, keys: ["percents", "sub_indicators"], required: ["sub_indicators"])
        let rule = "the composite's step percentages are one to five, falling, each above 0 and at most 100"
        var steps: [Ratio]? = TargetScale.defaultAchievements
        if let percentsField = entry?["percents"] {
            steps = percents(percentsField, rule)
            if let list = steps, !(1...5).contains(list.count) || zip(list, list.dropFirst()).contains(where: { $0 <= $1 }) {
                yaml.fault(percentsField, rule)
                steps = nil
            }
        }
        var subIndicators: [Indicator] = []
        let list = yaml.sequence(entry?["sub_indicators"], minimum: 2, what: "sub-indicator")
        for element in list ?? [] {
            if let sub = indicator(element, compositeAllowed: false, withinSuppressed: suppressed) { subIndicators.append(sub) }
        }
        guard let steps, let list, subIndicators.count == list.count else { return nil }
        if !suppressed, subIndicators.allSatisfy(\.isSuppressed), let subsField = entry?["sub_indicators"] {
            yaml.fault(subsField, "every sub-indicator of this composite is suppressed: suppress the composite itself")
            return nil
        }
        return .composite(stepAchievements: steps, subIndicators: subIndicators)
    }

    /// `{reference: "...", previous_scale: {...}, previous_name: "..."}`: nil on a fault, `.some(nil)`
    /// when there is no revision.
    private mutating func revision(_ field: YAMLField?) -> Indicator.Revision?? {
        guard let field else { return .some(nil) }
        let entry = yaml.mapping(field, keys: ["reference", "previous_scale", "previous_name"], required: ["reference"])
        let reference = yaml.text(entry?["reference"])
        let previousName = yaml.text(entry?["previous_name"])
        var previousScale: TargetScale?
        if let scaleField = entry?["previous_scale"] {
            guard let scale = scale(scaleField) else { return nil }
            previousScale = scale
        }
        guard let reference else { return nil }
        return Indicator.Revision(reference: reference, previousScale: previousScale, previousName: previousName)
    }

    /// `{reference: "Delibera di Giunta n. ..."}`: the deliberation that suppressed the indicator.
    private mutating func suppression(_ field: YAMLField?) -> Reference? {
        let entry = yaml.mapping(field, keys: ["reference"], required: ["reference"])
        return yaml.text(entry?["reference"])
    }

    /// A list of step percentages, as fractions of one; `rule` is the fault of a value out of (0, 100].
    mutating func percents(_ field: YAMLField, _ rule: String) -> [Ratio]? {
        guard let list = yaml.sequence(field), yaml.hasNoCommaBetweenDigits(list) else { return nil }
        let values = list.compactMap { yaml.decimal($0, rule, valid: { $0 > .zero && $0 <= Ratio(100) }) }
        return values.count == list.count ? values.map { $0 / Ratio(100) } : nil
    }
}
