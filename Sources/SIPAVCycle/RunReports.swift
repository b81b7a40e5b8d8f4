import SIPAV
import SIPAVReports
import SIPAVStore

/// The reports of a year's allocation runs: the list of them, and a run no longer in force printed as it stored its
/// allocation, in the layout of the allocation report.
public enum RunReports {
    /// Each run: its number, when and by whom it ran, whom it paid and how much, the reopening that ended it.
    /// `codes`: each run's state as a code (for JSON, read by programs) rather than in Italian.
    public static func list(_ runs: [AllocationRun], body: String, year: Int, codes: Bool) -> Report {
        let table = ReportTable(key: "runs", title: "Ripartizioni", columns: [
            Column("run", "Ripartizione", rightAligned: true), Column("run_at", "Eseguita il"), Column("run_by", "Da"),
            Column("state", "Stato"), Column("people", "Persone", rightAligned: true), Column("paid_cents", "Erogato", rightAligned: true),
            Column("reopened_at", "Riaperta il"), Column("reopened_by", "Riaperta da"), Column("reopen_reason", "Motivo della riapertura"),
            Column("replaced_by", "Sostituita da", rightAligned: true),
        ], rows: runs.map { run in
            let reopening = run.reopening
            return [.integer(Int(run.id)), .instant(italian: run.at, iso: run.instant), .text(run.by), .text(codes ? state(run).rawValue : italian(state(run), run)),
                    run.rowsKept ? .integer(run.people) : .absent(notKept), .cents(run.rowsKept ? run.paidCents : run.recordedPaidCents),
                    reopening.map { Cell.instant(italian: $0.at, iso: $0.instant) } ?? .absent("—"), reopening.map { Cell.text($0.by) } ?? .absent("—"),
                    reopening.map { Cell.text($0.reason) } ?? .absent("—"), run.replacedBy.map { Cell.integer(Int($0)) } ?? .absent("—")]
        })
        let lost = runs.filter { !$0.rowsKept }
        var notes = runs.isEmpty ? ["L'anno non è mai stato ripartito."]
            : [(lost.isEmpty ? "Gli importi di ogni ripartizione restano registrati"
                : "Gli importi di ogni ripartizione restano registrati, tranne quelli delle ripartizioni indicate qui sotto")
               + ": sipav db report allocation --run N stampa quelli della ripartizione N; l'erogato è la somma dei suoi importi."]
        for run in lost {
            notes.append("Della ripartizione n. \(run.id) restano solo i totali: fu sostituita prima che sipav conservasse gli importi "
                + "delle ripartizioni sostituite (migrazione 0036), e le sue righe furono cancellate allora, come registra il registro "
                + "delle modifiche. L'erogato indicato è quello che registrò.")
        }
        for run in runs where run.rowsKept && run.paidCents != run.recordedPaidCents {
            notes.append("Attenzione: le righe della ripartizione n. \(run.id) sommano \(ItalianNumbers.euros(cents: run.paidCents)), "
                + "ma la ripartizione registrò di aver erogato \(ItalianNumbers.euros(cents: run.recordedPaidCents)): "
                + "sipav db verify controlla i dati.")
        }
        return Report(key: "allocation_runs", title: "Ripartizioni del fondo \(year) – ente \(body)", tables: [table], notes: notes)
    }

    /// What the list shows for the people and the amount of a run whose rows were not kept.
    static let notKept = "non conservati"

    /// Where a run stands.
    public enum State: String, Sendable {
        /// The year's allocation.
        case inForce = "in_force"
        /// The year was reopened after it and not allocated again.
        case reopened
        /// Another run allocated the year again.
        case superseded
    }

    public static func state(_ run: AllocationRun) -> State {
        run.replacedBy != nil ? .superseded : run.reopening != nil ? .reopened : .inForce
    }

    static func italian(_ state: State, _ run: AllocationRun) -> String {
        switch state {
        case .inForce: "in vigore"
        case .reopened: "anno riaperto, da ripartire di nuovo"
        case .superseded: "sostituita dalla n. \(run.replacedBy ?? 0)"
        }
    }

    /// A run no longer in force, with the figures it stored: the totals the run recorded, each person's row. What the
    /// rows do not keep is said: the individual component's factor where the increase scaled it, and the name and Area,
    /// which are the records' now.
    public static func allocation(_ recorded: RecordedRun, of run: AllocationRun, year: Int) -> Report {
        let which = state(run) == .superseded ? "ripartizione n. \(run.id), sostituita dalla n. \(run.replacedBy ?? 0)"
            : "ripartizione n. \(run.id), non più in vigore"
        // Each table's title says it too: the only titles a CSV file carries.
        let tables = [funds(recorded, title: AllocationReport.fundsTitle + " (\(which))"),
                      amounts(recorded, title: AllocationReport.amountsTitle + " (\(which))")]
        let ran = "la ripartizione n. \(run.id), eseguita il \(run.at) da \(run.by),"
        let reopened = run.reopening.map { " dopo la riapertura del \($0.at) (\($0.by): «\($0.reason)»)" } ?? ""
        let header = state(run) == .superseded
            ? "Ripartizione sostituita: \(ran) è stata sostituita dalla n. \(run.replacedBy ?? 0)\(reopened). "
            : "Ripartizione non più in vigore: \(ran) non vale più\(reopened), e l'anno non è ancora stato ripartito di nuovo. "
        guard run.rowsKept else {
            return Report(key: "allocation", title: AllocationReport.title(year: year, body: recorded.bodyName) + " – " + which,
                          tables: [funds(recorded, title: AllocationReport.fundsTitle + " (\(which))", rowsKept: false)],
                          notes: [header + "Ne restano solo i totali che registrò, qui sopra: gli importi di ciascuno furono cancellati "
                                  + "quando l'anno fu ripartito di nuovo, prima che sipav conservasse quelli delle ripartizioni sostituite "
                                  + "(migrazione 0036); il registro delle modifiche (sipav db audit) ne conserva la cancellazione."])
        }
        return Report(key: "allocation", title: AllocationReport.title(year: year, body: recorded.bodyName) + " – " + which, tables: tables,
                      notes: [header + "Gli importi sono quelli che registrò, al centesimo; non sono quelli in vigore.",
                              "Nominativo e Area sono quelli registrati ora per l'anno (la ripartizione non li conserva); il fattore della "
                                + "componente individuale di un fondo con maggiorazioni non è registrato con la ripartizione."] + AllocationReport.notes)
    }

    /// The funds' totals as the run recorded them, managers first, as the allocation report lists them.
    /// `rowsKept` false (a run replaced before SQL/0036): what only the rows could say (people, recipients of the
    /// increase, its amount, the factor) is shown as not kept, not as a count of none.
    static func funds(_ recorded: RecordedRun, title: String, rowsKept: Bool = true) -> ReportTable {
        let totals = recorded.totals
        return ReportTable(key: "funds", title: title, columns: AllocationReport.fundColumns, rows: [
            (FundKind.managers, totals.managersFund, totals.managersPaid, totals.managersResidual),
            (FundKind.staff, totals.staffFund, totals.staffPaid, totals.staffResidual),
        ].map { kind, fund, paid, residual in
            let people = recorded.people.filter { $0.recorded.fund == kind.rawValue }
            // Every recipient of the increase has the same: the fund's per head (TopRatingIncrease). Without recipients
            // nothing scaled the individual components (a factor of 1); with them, the factor is not kept.
            let increases = people.compactMap { $0.recorded.figure(.increase) }.filter { $0 != .zero }
            guard rowsKept else {
                return [.text(RoleLabel.fund(kind)), .absent(notKept), .cents(fund), .cents(paid), .cents(residual),
                        .absent(notKept), .absent(notKept), .absent(notKept)]
            }
            return [.text(RoleLabel.fund(kind)), .integer(people.count), .cents(fund), .cents(paid), .cents(residual),
                    .integer(increases.count), .exactCents(increases.first ?? .zero, digits: 2),
                    increases.isEmpty ? .number(.one, digits: 6) : .absent("—")]
        })
    }

    /// Each person's row as the run stored it.
    static func amounts(_ recorded: RecordedRun, title: String) -> ReportTable {
        ReportTable(key: "amounts", title: title, columns: AllocationReport.amountColumns,
                    rows: recorded.people.map { person in
            let row = person.recorded
            func cents(_ field: AmountField) -> Cell { .exactCents(row.figure(field) ?? .zero, digits: 2) }
            return [.text(person.employeeID), person.name.map(Cell.text) ?? .absent("—"),
                    FundKind(rawValue: row.fund).map { Cell.text(RoleLabel.fund($0)) } ?? .text(row.fund),
                    person.area.map(Cell.text) ?? .absent("—"),
                    row.finalScore.flatMap { $0 >= 0 ? Cell.integer($0) : nil } ?? .absent("n.v."), .text(row.band),
                    cents(.share), row.figure(.coefficient).map { Cell.percent($0, digits: 2) } ?? .absent("—"),
                    cents(.individual), cents(.ente), cents(.area), cents(.increase), cents(.redistributed), .cents(row.cents)]
        })
    }
}
