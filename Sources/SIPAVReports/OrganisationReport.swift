import SIPAV

/// The organisational performance: every indicator and objective, the ente and each Area, with the
/// appraisal of the Segretario Generale and of each Area's manager beside them.
public enum OrganisationReport {
    /// With `objectiveWeights` (the setting `organisation.objective_weights`) the objectives' table shows the
    /// weights the ente's and the Areas' results were computed with.
    /// `responsible` and `appraisal` take a manager's employee id, or "" for the ente's Segretario Generale.
    public static func build(plan: OrganisationalPlan, results: OrganisationalResults, objectiveWeights: Bool = false,
                             responsible: (String) -> String = { $0.isEmpty ? "—" : $0 },
                             appraisal: (String) -> Cell = { _ in .empty }) -> Report {
        var indicators = ReportTable(key: "indicators", title: "Indicatori", columns: [
            Column("objective", "Obiettivo"), Column("indicator", "Indicatore"), Column("part_of", "Parte di"),
            Column("name", "Descrizione"), Column("measured", "Misurato", rightAligned: true), Column("target", "Traguardo"),
            Column("achievement_percent", "Raggiungimento", rightAligned: true), Column("status", "Note"),
        ])
        var objectives = ReportTable(key: "objectives", title: "Obiettivi", columns: [
            Column("objective", "Obiettivo"), Column("owner", "Titolare"), Column("title", "Titolo"),
            Column("computed_percent", "Calcolato", rightAligned: true),
            Column("applied_percent", "Applicato", rightAligned: true), Column("source", "Fonte"),
        ] + (objectiveWeights ? [Column("weight", "Peso", rightAligned: true)] : []))
        for result in results.objectives {
            let objective = result.objective
            for (indicator, computed) in zip(objective.indicators, result.indicators) {
                indicators.rows += rows(indicator, computed, objective: objective.id, partOf: nil)
            }
            let figures: [Cell] = result.achievement.map {
                [figure($0.computed), figure($0.applied), .text(source($0))]
            } ?? [.empty, .empty, .text(suppressedObjective)]
            objectives.rows.append([.text(objective.id), .text(owner(objective.owner, plan)), .text(objective.title)] + figures
                                   + (objectiveWeights ? [.number(objective.weight, digits: ItalianNumbers.digits(of: objective.weight))] : []))
        }
        var summary = ReportTable(key: "results", title: "Risultati dell'ente e delle Aree", columns: [
            Column("scope", "Ambito"), Column("computed_percent", "Calcolato", rightAligned: true),
            Column("applied_percent", "Applicato", rightAligned: true), Column("source", "Fonte"),
            Column("manager", "Responsabile (matricola)"), Column("manager_score", "Valutazione individuale", rightAligned: true),
        ])
        summary.rows.append([.text("Ente"), figure(results.ente.computed), figure(results.ente.applied),
                             .text(source(results.ente, of: .ente, results)), .text(responsible("")), appraisal("")])
        for (area, figure) in zip(plan.areas, results.areas) {
            summary.rows.append([.text("\(area.id) – \(area.name)"), self.figure(figure.computed),
                                 self.figure(figure.applied), .text(source(figure, of: .area(area.id), results)),
                                 .text(area.manager.map(responsible) ?? "—"), area.manager.map(appraisal) ?? .empty])
        }
        return Report(key: "organisation", title: "Performance organizzativa \(plan.year) – \(plan.body)",
                      tables: [indicators, objectives, summary],
                      notes: ["Indicatori soppressi: conservati agli atti, esclusi da ogni media; un obiettivo con tutti gli indicatori soppressi è escluso allo stesso modo.",
                              "Applicato = valore validato dall'OIV quando registrato, altrimenti il calcolato.",
                              // Weighed only when some objective weighs other than 1: with none, the mean is plain.
                              objectiveWeights && plan.objectives.contains(where: { $0.weight != .one })
                                  ? "Il calcolato dell'ente e di ogni Area è la media degli obiettivi con il loro valore applicato, pesata con i pesi degli obiettivi."
                                  : "Il calcolato dell'ente e di ogni Area è la media degli obiettivi con il loro valore applicato."])
    }

    /// A result of an objective, the ente or an Area, with the decimals that show it whole (up to four): the applied one
    /// is what the amounts are computed with, and a reader recomputing them from this report must find it here.
    static func figure(_ result: Ratio) -> Cell { .percent(result, digits: ItalianNumbers.percentDigits(result)) }

    /// The rows of an indicator and, for a composite, of its sub-indicators after it, each naming the composite it is
    /// part of (`partOf`): the ids stay as written, for a program reading the JSON or the CSV.
    static func rows(_ indicator: Indicator, _ result: IndicatorResult, objective: String, partOf: String?,
                     withinSuppressed: Bool = false) -> [[Cell]] {
        var status: [String] = []
        if let reference = indicator.suppression { status.append("soppresso (\(reference))") }
        if withinSuppressed { status.append("escluso con l'indicatore composto soppresso") }
        if case .measured(_, .notCompleted?) = indicator.content { status.append("non completato") }
        if let revision = indicator.revision { status.append(revised(revision)) }
        if let mean = result.subIndicatorMean { status.append("media dei sub-indicatori \(ItalianNumbers.percent(mean, digits: 1))") }
        if let note = indicator.note { status.append(note) }
        // What the OIV checks the achievement against: the value measured, with its unit, and the steps in force.
        var (measured, target) = (Cell.empty, Cell.empty)
        if case let .measured(scale, value) = indicator.content {
            measured = value.map { .text(ScaleText.measured($0) + (indicator.unit.map { " " + $0 } ?? "")) } ?? .empty
            target = .text(ScaleText.italian(scale))
        }
        var out: [[Cell]] = [[
            .text(objective), .text(indicator.id), partOf.map(Cell.text) ?? .empty, .text(indicator.name), measured, target,
            result.achievement.map { .percent($0, digits: 1) } ?? .empty, .text(status.joined(separator: "; ")),
        ]]
        if case let .composite(_, subs) = indicator.content {
            for (sub, subResult) in zip(subs, result.subResults) {
                out += rows(sub, subResult, objective: objective, partOf: indicator.id,
                            withinSuppressed: withinSuppressed || indicator.isSuppressed)
            }
        }
        return out
    }

    /// A revision with its act and what it replaced, as the rules keep them: the previous target and name.
    static func revised(_ revision: Indicator.Revision) -> String {
        var replaced: [String] = []
        if let name = revision.previousName { replaced.append("descrizione precedente «\(name)»") }
        if let scale = revision.previousScale { replaced.append("traguardo precedente \(ScaleText.italian(scale))") }
        return "modificato (\(revision.reference)" + (replaced.isEmpty ? "" : "; " + replaced.joined(separator: "; ")) + ")"
    }

    static func owner(_ owner: ObjectiveOwner, _ plan: OrganisationalPlan) -> String {
        switch owner {
        case .ente: return "Ente"
        case let .area(id): return id
        }
    }

    /// The source of an objective whose indicators are all suppressed: it has no figure.
    static let suppressedObjective = "soppresso: tutti gli indicatori sono soppressi, escluso dalle medie"

    static func source(_ figure: ResultFigure) -> String {
        figure.validated.map { "validato OIV (\($0.reference))" } ?? "calcolato"
    }

    /// The source of the ente's or an Area's figure: its computed figure is the mean of its objectives' figures
    /// in force, so it says which of those the OIV validated.
    static func source(_ figure: ResultFigure, of owner: ObjectiveOwner, _ results: OrganisationalResults) -> String {
        if figure.isValidated { return source(figure) }
        let validated = results.objectives.filter { $0.objective.owner == owner && $0.achievement?.isValidated == true }.map(\.objective.id)
        guard !validated.isEmpty else { return "calcolato" }
        return "calcolato, con " + (validated.count == 1 ? "l'obiettivo \(validated[0]) validato" : "gli obiettivi \(validated.joined(separator: ", ")) validati") + " OIV"
    }
}
