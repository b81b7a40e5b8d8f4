import SIPAV

/// The organisational performance: every indicator and objective, the ente and each Area, with the
/// appraisal of the Segretario Generale and of each Area's manager beside them.
public enum OrganisationReport {
    public static func build(plan: OrganisationalPlan, results: OrganisationalResults,
                             appraisal: (String) -> Cell = { _ in .empty }) -> Report {
        var indicators = ReportTable(key: "indicators", title: "Indicatori", columns: [
            Column("objective", "Obiettivo"), Column("indicator", "Indicatore"), Column("name", "Descrizione"),
            Column("achievement_percent", "Raggiungimento", rightAligned: true), Column("status", "Note"),
        ])
        var objectives = ReportTable(key: "objectives", title: "Obiettivi", columns: [
            Column("objective", "Obiettivo"), Column("owner", "Titolare"), Column("title", "Titolo"),
            Column("computed_percent", "Calcolato", rightAligned: true),
            Column("applied_percent", "Applicato", rightAligned: true), Column("source", "Fonte"),
        ])
        for result in results.objectives {
            let objective = result.objective
            for (indicator, computed) in zip(objective.indicators, result.indicators) {
                indicators.rows += rows(indicator, computed, objective: objective.id, depth: 0)
            }
            objectives.rows.append([
                .text(objective.id), .text(owner(objective.owner, plan)), .text(objective.title),
                .percent(result.achievement.computed, digits: 1), .percent(result.achievement.applied, digits: 1),
                .text(source(result.achievement)),
            ])
        }
        var summary = ReportTable(key: "results", title: "Risultati dell'ente e delle Aree", columns: [
            Column("scope", "Ambito"), Column("computed_percent", "Calcolato", rightAligned: true),
            Column("applied_percent", "Applicato", rightAligned: true), Column("source", "Fonte"),
            Column("manager", "Responsabile"), Column("manager_score", "Valutazione individuale", rightAligned: true),
        ])
        let sg = "Segretario Generale"
        summary.rows.append([.text("Ente"), .percent(results.ente.computed, digits: 1), .percent(results.ente.applied, digits: 1),
                             .text(source(results.ente)), .text(sg), appraisal("")])
        for (area, figure) in zip(plan.areas, results.areas) {
            summary.rows.append([.text("\(area.id) – \(area.name)"), .percent(figure.computed, digits: 1),
                                 .percent(figure.applied, digits: 1), .text(source(figure)),
                                 .text(area.manager ?? "—"), area.manager.map(appraisal) ?? .empty])
        }
        return Report(key: "organisation", title: "Performance organizzativa \(plan.year) – \(plan.body)",
                      tables: [indicators, objectives, summary],
                      notes: ["Indicatori soppressi: conservati agli atti, esclusi da ogni media.",
                              "Applicato = valore validato dall'OIV quando registrato, altrimenti il calcolato."])
    }

    static func rows(_ indicator: Indicator, _ result: IndicatorResult, objective: String, depth: Int) -> [[Cell]] {
        var status: [String] = []
        if let reference = indicator.suppression { status.append("soppresso (\(reference))") }
        if let revision = indicator.revision { status.append("modificato (\(revision.reference))") }
        if let mean = result.subIndicatorMean { status.append("media dei sub-indicatori \(ItalianNumbers.percent(mean, digits: 1))") }
        var out: [[Cell]] = [[
            .text(objective), .text(String(repeating: "  ", count: depth) + indicator.id), .text(indicator.name),
            result.achievement.map { .percent($0, digits: 1) } ?? .empty, .text(status.joined(separator: "; ")),
        ]]
        if case let .composite(_, subs) = indicator.content {
            for (sub, subResult) in zip(subs, result.subResults) {
                out += rows(sub, subResult, objective: objective, depth: depth + 1)
            }
        }
        return out
    }

    static func owner(_ owner: ObjectiveOwner, _ plan: OrganisationalPlan) -> String {
        switch owner {
        case .ente: return "Ente"
        case let .area(id): return id
        }
    }

    static func source(_ figure: ResultFigure) -> String {
        figure.validated.map { "validato OIV (\($0.reference))" } ?? "calcolato"
    }
}
