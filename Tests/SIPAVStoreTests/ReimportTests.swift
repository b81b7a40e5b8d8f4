import SIPAVTestSupport
import Foundation
import Postgres
import SIPAV
@testable import SIPAVStore
import Testing

/// Importing a year again changes only what the new files change: the rest of the year's rows stay as they
/// were, and the audit log lists exactly the changes.
@Suite("Re-importing a year")
struct ReimportTests {
    /// The demo year with one rating lowered, one person gone, one renamed and one new (with one objective).
    static func changed(_ year: YearRecords) -> (YearRecords, rated: ObjectiveRow, gone: String, renamed: String, new: String) {
        let staff = year.records.staff
        let rated = year.objectiveRows.first { $0.employee == "E0001" }!
        let gone = staff[10].id, renamed = staff[20].id, new = "E9999"
        var people = staff.filter { $0.id != gone }.map { $0.id == renamed ? $0.with(name: "Nuovo Cognome") : $0 }
        people.append(StaffMember(id: new, name: "Nuova Persona", role: .dipendente, category: "C", area: 1))
        let index = Dictionary(uniqueKeysWithValues: people.enumerated().map { ($1.id, $0) })
        var objectives: [IndividualObjective] = year.records.objectives.compactMap { objective in
            let id = staff[objective.person].id
            guard let person = index[id] else { return nil }
            let lowered = id == rated.employee && objective.code == rated.code ? max(0, (objective.cosa ?? 1) - 1) : objective.cosa
            return IndividualObjective(person: person, code: objective.code, title: objective.title,
                                       weightBasisPoints: objective.weightBasisPoints, cosa: lowered, come: objective.come)
        }
        objectives.append(IndividualObjective(person: index[new]!, code: "OB1", title: "Nuovo obiettivo", weightBasisPoints: 10_000,
                                              cosa: 4, come: .b))
        return (year.with(records: StaffRecords(staff: people, objectives: objectives)), rated, gone, renamed, new)
    }

    @Test func onlyWhatChangedIsWrittenAndLogged() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let first = try DemoYear.records()
        try await store.importYear(first, actor: "hr.rossi", progress: nil)
        let mark = try await store.auditLog(body: "demo", limit: 100_000).count
        let (second, rated, gone, renamed, new) = Self.changed(first)
        let goneObjectives = first.objectiveRows.filter { $0.employee == gone }.count

        try await store.importYear(second, actor: "hr.bianchi", progress: nil)

        let stored = try await store.loadYear(body: "demo", year: 2019)
        #expect(stored.objectiveRows == second.objectiveRows)
        #expect(stored.staffByID == second.staffByID)
        let entries = try await store.auditLog(body: "demo", limit: 100_000).dropLast(mark)
        #expect(Set(entries.map(\.actor)) == ["hr.bianchi"])
        func rows(_ table: String, _ operation: String) -> [AuditEntry] {
            entries.filter { $0.table == table && $0.operation == operation }
        }
        // The changed rating, and nothing else of the objectives that stayed.
        let update = try #require(rows("individual_objectives", "UPDATE").first)
        #expect(rows("individual_objectives", "UPDATE").count == 1)
        #expect(json(update.recordKey)?["employee_id"] as? String == rated.employee)
        #expect(json(update.recordKey)?["code"] as? String == rated.code)
        #expect(json(update.newValue)?["version"] as? Int == 2, "a form opened on the old rating is now stale")
        // The person who left, with their objectives; the renamed one; the new one.
        #expect(rows("staff_years", "DELETE").compactMap { json($0.recordKey)?["employee_id"] as? String } == [gone])
        #expect(rows("individual_objectives", "DELETE").count == goneObjectives)
        #expect(rows("employees", "UPDATE").compactMap { json($0.recordKey)?["employee_id"] as? String } == [renamed])
        // One record each, inserted by a small statement: logged with its key and values (SQL/0015).
        #expect(rows("staff_years", "INSERT").compactMap { json($0.recordKey)?["employee_id"] as? String } == [new])
        #expect(rows("individual_objectives", "INSERT").compactMap { json($0.recordKey)?["employee_id"] as? String } == [new])
        #expect(rows("individual_objectives", "INSERT").compactMap { json($0.newValue)?["title"] as? String } == ["Nuovo obiettivo"])
        #expect(rows("employees", "INSERT").compactMap { json($0.newValue)?["name"] as? String } == ["Nuova Persona"])
        #expect(rows("staff_years", "UPDATE").isEmpty)
    }

    @Test func theSameFilesAgainChangeNoPersonOrObjective() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let year = try DemoYear.records()
        try await store.importYear(year, actor: "hr.rossi", progress: nil)
        let before = try database.withConnection { try Snapshot($0) }
        try await store.importYear(year, actor: "hr.rossi", progress: nil)
        let after = try database.withConnection { try Snapshot($0) }
        for table in ["employees", "staff_years", "individual_objectives"] {
            #expect(after[table] == before[table], "\(table)")
        }
        let logged = try await store.auditLog(body: "demo", limit: 100_000)
            .filter { ["employees", "staff_years", "individual_objectives"].contains($0.table) }
        #expect(logged.count == 3, "only the first import's three inserts: \(logged.map(\.operation))")
        // Nor the plan and the fund, rewritten as they were: the second import logs nothing on them.
        let rewritten = try await store.auditLog(body: "demo", limit: 100_000).filter { $0.operation == "DELETE" }
        #expect(rewritten.isEmpty, "\(Set(rewritten.map(\.table)))")
        for table in ["objectives", "indicators", "fund_lines", "fund_confirmations"] {
            #expect(after[table] == before[table], "\(table)")
        }
    }

    /// An objective only moved in its person's list (the positions a web edit left, say, 0, 1, 3) is put back in place
    /// by a re-import and keeps its version: a rating form open on it is not refused as out of date.
    @Test func anObjectiveOnlyMovedKeepsItsVersion() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let year = try DemoYear.records()
        try await store.importYear(year, actor: "hr.rossi", progress: nil)
        let moved = try database.withConnection { db in
            try db.execute("""
                UPDATE individual_objectives SET position = position + 10
                WHERE employee_id = 'E0001' AND position = (SELECT max(position) FROM individual_objectives WHERE employee_id = 'E0001')
                RETURNING code, version, position
                """)[0]
        }
        let code = try moved.string("code"), version = try moved.int("version"), gap = try moved.int("position")
        try await store.importYear(year, actor: "hr.rossi", progress: nil)
        let after = try database.withConnection { db in
            try db.execute("SELECT version, position FROM individual_objectives WHERE employee_id = 'E0001' AND code = $1", [code])[0]
        }
        #expect(try after.int("position") == gap - 10)
        #expect(try after.int("version") == version)
    }

    /// A fund that changed is rewritten on a re-import: a new fund line arrives (a changed plan: aPersonMovedToANewAreaWhileTheOldOneIsDropped).
    @Test func aChangedFundIsRewritten() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let year = try DemoYear.records()
        try await store.importYear(year, actor: "hr.rossi", progress: nil)
        let fund = Fund(year: year.fund.year, lines: year.fund.lines + [FundLine(fund: .staff, description: "Economie", amount: Cents(100))],
                        giunta: year.fund.giunta, oiv: year.fund.oiv)
        try await store.importYear(year.with(fund: fund), actor: "hr.rossi", progress: nil)
        #expect(try await store.loadYear(body: "demo", year: year.year).fund == fund)
    }

    /// A submitted appraisal survives a re-import that leaves its objectives as they were (order alone is no change),
    /// and goes back to draft when the files change them, as when HR changes them on the web; the withdrawal is
    /// audited and named in the summary.
    @Test func aSubmittedAppraisalSurvivesAReimportOnlyWhenItsObjectivesStay() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let first = try DemoYear.records()
        try await store.importYear(first, actor: "hr.rossi", progress: nil)
        let (changed, rated, gone, _, _) = Self.changed(first)
        // Besides the lowered rating: one person's objectives in reverse order, another's first title changed.
        let staff = changed.records.staff
        let reordered = staff.indices.first { staff[$0].id != rated.employee && changed.records.objectives(of: $0).count > 1 }!
        let retitled = staff.indices.first { $0 > reordered && staff[$0].id != rated.employee && !changed.records.objectives(of: $0).isEmpty }!
        let untouched = staff.indices.first { $0 > retitled && staff[$0].id != rated.employee && !changed.records.objectives(of: $0).isEmpty }!
        var objectives: [IndividualObjective] = []
        for person in staff.indices {
            var own = Array(changed.records.objectives(of: person))
            if person == reordered { own.reverse() }
            if person == retitled {
                own[0] = IndividualObjective(person: person, code: own[0].code, title: own[0].title + " (rivisto)",
                                             weightBasisPoints: own[0].weightBasisPoints, cosa: own[0].cosa, come: own[0].come)
            }
            objectives += own
        }
        let second = changed.with(records: StaffRecords(staff: staff, objectives: objectives))
        let submittedBefore = [rated.employee, gone, staff[reordered].id, staff[retitled].id, staff[untouched].id]
        try database.withConnection { db in
            for person in submittedBefore {
                try db.execute("""
                    INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_by) VALUES ('demo', 2019, $1, 'dir.verdi')
                    """, [person])
            }
        }
        let mark = try await store.auditLog(body: "demo", limit: 100_000).count

        let summary = try await store.importYear(second, actor: "hr.bianchi", progress: nil)

        let submitted = try database.withConnection { db in
            try db.execute("SELECT employee_id FROM appraisal_submissions WHERE body_id = 'demo' ORDER BY 1").map { try $0.string("employee_id") }
        }
        #expect(submitted == [staff[reordered].id, staff[untouched].id].sorted())
        #expect(Set(summary.withdrawnSubmissions.map(\.employeeID)) == [rated.employee, staff[retitled].id])
        #expect(summary.withdrawnSubmissions.allSatisfy { $0.notice.contains("torna in bozza") })
        let withdrawals = try await store.auditLog(body: "demo", limit: 100_000).dropLast(mark)
            .filter { $0.table == "appraisal_submissions" && $0.operation == "DELETE" }
        #expect(Set(withdrawals.compactMap { json($0.recordKey)?["employee_id"] as? String }) == [rated.employee, staff[retitled].id, gone])
        #expect(withdrawals.allSatisfy { $0.actor == "hr.bianchi" })
    }

    /// A withdrawal is recorded as a return with the import named as its reason, and the employee's acknowledgement of
    /// the withdrawn version moves into it, as does a contest decided "confirmed": neither must stand as an answer to
    /// the next version. An open contest stays for HR to decide, and one decided "changed" with the ratings it set; a
    /// response to an appraisal the import left alone stays too.
    /// A person who answered the year's publication cannot be dropped by a re-import: the cascade would delete the
    /// answer (an open contest with it). The import is refused whole, naming them.
    /// Files with no rating at all (the columns deleted in a spreadsheet) would clear every rating stored for the same
    /// objectives: refused, nothing written.
    @Test func filesWithNoRatingDoNotClearTheStoredOnes() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let first = try DemoYear.records()
        try await store.importYear(first, actor: "hr.rossi", progress: nil)
        let unrated = first.with(records: StaffRecords(staff: first.records.staff, objectives: first.records.objectives.map {
            IndividualObjective(person: $0.person, code: $0.code, title: $0.title, weightBasisPoints: $0.weightBasisPoints, cosa: nil, come: nil)
        }))
        await #expect {
            try await store.importYear(unrated, actor: "hr.bianchi", progress: nil)
        } throws: { error in
            "\(error)".contains("the files hold no rating, and would clear ")
        }
        let stored = try await store.loadYear(body: "demo", year: 2019)
        #expect(stored.objectiveRows == first.objectiveRows, "nothing written")
        // Nor files with no title, which would clear the stored ones.
        let untitled = first.with(records: StaffRecords(staff: first.records.staff, objectives: first.records.objectives.map {
            IndividualObjective(person: $0.person, code: $0.code, title: "", weightBasisPoints: $0.weightBasisPoints, cosa: $0.cosa, come: $0.come)
        }))
        await #expect {
            try await store.importYear(untitled, actor: "hr.bianchi", progress: nil)
        } throws: { error in
            "\(error)".contains("the files hold no title, and would clear ")
        }
        #expect(try await store.loadYear(body: "demo", year: 2019).objectiveRows == first.objectiveRows, "nothing written")
    }

    /// A re-import that gives a rated objective a new title under the same rating flags it for its manager (SQL/0037).
    @Test func aNewTitleUnderTheSameRatingIsFlagged() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let first = try DemoYear.records()
        try await store.importYear(first, actor: "hr.rossi", progress: nil)
        let index = try #require(first.records.objectives.firstIndex { $0.cosa != nil })
        let target = first.records.objectives[index]
        let retitled = first.with(records: StaffRecords(staff: first.records.staff, objectives: first.records.objectives.enumerated().map {
            $0.offset != index ? $0.element
                : IndividualObjective(person: target.person, code: target.code, title: "Un altro obiettivo",
                                      weightBasisPoints: target.weightBasisPoints, cosa: target.cosa, come: target.come)
        }))
        try await store.importYear(retitled, actor: "hr.bianchi", progress: nil)
        let flagged = try database.withConnection { db in
            try db.execute("SELECT employee_id || ':' || code AS k FROM individual_objectives WHERE retitled_after_rating").map { try $0.string("k") }
        }
        #expect(flagged == ["\(first.records.staff[target.person].id):\(target.code)"])
    }

    /// Files that rate everyone but give one person no rating would clear that person's stored ratings: refused,
    /// naming them and how many, nothing written.
    @Test func filesThatGiveAPersonNoRatingDoNotClearTheirs() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let first = try DemoYear.records()
        try await store.importYear(first, actor: "hr.rossi", progress: nil)
        let person = try #require(first.records.objectives.first { $0.cosa != nil }?.person)
        let id = first.records.staff[person].id
        let rated = first.records.objectives.filter { $0.person == person && $0.cosa != nil }.count
        let oneUnrated = first.with(records: StaffRecords(staff: first.records.staff, objectives: first.records.objectives.map {
            $0.person != person ? $0
                : IndividualObjective(person: $0.person, code: $0.code, title: $0.title, weightBasisPoints: $0.weightBasisPoints, cosa: nil, come: nil)
        }))
        await #expect {
            try await store.importYear(oneUnrated, actor: "hr.bianchi", progress: nil)
        } throws: { error in
            "\(error)".contains("the files give no rating to people whose ratings are stored for the same objectives of year 2019, "
                                + "and would clear them: \(id) (\(rated)). Give their ratings")
        }
        #expect(try await store.loadYear(body: "demo", year: 2019).objectiveRows == first.objectiveRows, "nothing written")
    }

    @Test func aPersonWhoAnsweredThePublicationIsNotDroppedByAReimport() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let first = try DemoYear.records()
        try await store.importYear(first, actor: "hr.rossi", progress: nil)
        let (second, _, gone, _, _) = Self.changed(first)
        try database.withConnection { db in
            try db.execute("""
                INSERT INTO appraisal_responses (body_id, year, employee_id, response, reason)
                VALUES ('demo', 2019, $1, 'contested', 'Non condivido il voto')
                """, [gone])
        }
        await #expect(throws: AnsweredPeopleRemoved(year: 2019, people: ["\(gone) (contestazione aperta)"])) {
            try await store.importYear(second, actor: "hr.bianchi", progress: nil)
        }
        let (responses, people) = try database.withConnection { db in
            (try db.execute("SELECT count(*) AS n FROM appraisal_responses")[0].int("n"),
             try db.execute("SELECT count(*) AS n FROM staff_years WHERE employee_id = $1", [gone])[0].int("n"))
        }
        #expect(responses == 1 && people == 1, "nothing written")
    }

    @Test func aWithdrawalByAnImportMovesTheAcknowledgementOfTheWithdrawnVersion() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let first = try DemoYear.records()
        try await store.importYear(first, actor: "hr.rossi", progress: nil)
        let (second, rated, _, _, _) = Self.changed(first)
        let staff = second.records.staff
        let others = staff.indices.filter { staff[$0].id != rated.employee && !second.records.objectives(of: $0).isEmpty }.map { staff[$0].id }
        let (contested, untouched, confirmed, changedByContest) = (others[0], others[1], others[2], others[3])
        // The contested people's objectives change too: a title.
        let retitled = Set([contested, confirmed, changedByContest].map { id in staff.firstIndex { $0.id == id }! })
        var objectives: [IndividualObjective] = []
        for person in staff.indices {
            var own = Array(second.records.objectives(of: person))
            if retitled.contains(person) {
                own[0] = IndividualObjective(person: person, code: own[0].code, title: own[0].title + " (rivisto)",
                                             weightBasisPoints: own[0].weightBasisPoints, cosa: own[0].cosa, come: own[0].come)
            }
            objectives += own
        }
        let changed = second.with(records: StaffRecords(staff: staff, objectives: objectives))
        try database.withConnection { db in
            for person in [rated.employee, contested, untouched, confirmed, changedByContest] {
                try db.execute("""
                    INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_by) VALUES ('demo', 2019, $1, 'dir.verdi')
                    """, [person])
            }
            try db.execute("""
                INSERT INTO appraisal_responses (body_id, year, employee_id, response, reason)
                VALUES ('demo', 2019, $1, 'acknowledged', NULL), ('demo', 2019, $2, 'contested', 'Non condivido il voto'),
                       ('demo', 2019, $3, 'acknowledged', NULL)
                """, [rated.employee, contested, untouched])
            try db.execute("""
                INSERT INTO appraisal_responses (body_id, year, employee_id, response, reason, outcome, outcome_reference, outcome_at)
                VALUES ('demo', 2019, $1, 'contested', 'Il voto è basso', 'confirmed', 'Verbale n. 1', now()),
                       ('demo', 2019, $2, 'contested', 'Il voto è basso', 'changed', 'Verbale n. 2', now())
                """, [confirmed, changedByContest])
        }

        let summary = try await store.importYear(changed, actor: "hr.bianchi", progress: nil)

        #expect(Set(summary.withdrawnSubmissions.map(\.employeeID)) == [rated.employee, contested, confirmed, changedByContest])
        let (responses, returns) = try database.withConnection { db in
            (try db.execute("""
                 SELECT employee_id || ':' || response || coalesce(':' || outcome, '') AS r FROM appraisal_responses ORDER BY employee_id
                 """).map { try $0.string("r") },
             try db.execute("""
                 SELECT employee_id || ' ' || returned_by || ' ' || submitted_by || ' ' || coalesce(response, '-')
                        || coalesce(':' || outcome || ':' || outcome_reference, '') || ' ' || reason AS r
                 FROM appraisal_returns ORDER BY employee_id
                 """).map { try $0.string("r") })
        }
        #expect(responses == ["\(contested):contested", "\(untouched):acknowledged", "\(changedByContest):contested:changed"].sorted())
        #expect(returns == ["\(rated.employee) hr.bianchi dir.verdi acknowledged \(SubmissionChange.changedByAnImport)",
                            "\(contested) hr.bianchi dir.verdi - \(SubmissionChange.changedByAnImport)",
                            "\(confirmed) hr.bianchi dir.verdi contested:confirmed:Verbale n. 1 \(SubmissionChange.changedByAnImport)",
                            "\(changedByContest) hr.bianchi dir.verdi - \(SubmissionChange.changedByAnImport)"].sorted())
    }

    /// An objective added, one removed, weights moved between two objectives: each sends the submitted appraisal
    /// back to draft. The Segretario Generale's, recorded by HR from the act, is named as such.
    @Test func addedRemovedAndReweightedObjectivesWithdrawTheSubmission() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let first = try DemoYear.records()
        try await store.importYear(first, actor: "hr.rossi", progress: nil)
        let staff = first.records.staff
        let withTwo = staff.indices.filter { staff[$0].role == .dipendente && first.records.objectives(of: $0).count >= 2 }
        let (added, removed, reweighted) = (withTwo[0], withTwo[1], withTwo[2])
        let segretario = try #require(staff.indices.first { staff[$0].role == .segretarioGenerale })
        var objectives: [IndividualObjective] = []
        for person in staff.indices {
            var own = Array(first.records.objectives(of: person))
            if person == added {
                own.append(IndividualObjective(person: person, code: "OBX", title: "Nuovo", weightBasisPoints: 0, cosa: 3, come: .b))
            }
            if person == removed { own.removeLast() }
            if person == reweighted {
                let (a, b) = (own[0], own[1])
                own[0] = IndividualObjective(person: person, code: a.code, title: a.title, weightBasisPoints: a.weightBasisPoints + 100,
                                             cosa: a.cosa, come: a.come)
                own[1] = IndividualObjective(person: person, code: b.code, title: b.title, weightBasisPoints: b.weightBasisPoints - 100,
                                             cosa: b.cosa, come: b.come)
            }
            if person == segretario, let objective = own.first {
                own[0] = IndividualObjective(person: person, code: objective.code, title: objective.title,
                                             weightBasisPoints: objective.weightBasisPoints, cosa: objective.cosa == 6 ? 5 : 6,
                                             come: objective.come)
            }
            objectives += own
        }
        try database.withConnection { db in
            for person in [added, removed, reweighted, segretario] {
                try db.execute("""
                    INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_by) VALUES ('demo', 2019, $1, 'x')
                    """, [staff[person].id])
            }
        }
        let summary = try await store.importYear(first.with(records: StaffRecords(staff: staff, objectives: objectives)),
                                                 actor: "hr.bianchi", progress: nil)
        #expect(Set(summary.withdrawnSubmissions.map(\.employeeID)) == Set([added, removed, reweighted, segretario].map { staff[$0].id }))
        let named = try #require(summary.withdrawnSubmissions.first { $0.employeeID == staff[segretario].id })
        #expect(named.isSegretario && named.notice.contains("l'ufficio personale dovrà registrarla di nuovo"))
        #expect(summary.withdrawnSubmissions.filter { !$0.isSegretario }.allSatisfy { $0.notice.contains("il valutatore dovrà inviarla") })
        let left = try database.withConnection { try $0.execute("SELECT count(*) AS n FROM appraisal_submissions")[0].int("n") }
        #expect(left == 0)
    }

    /// The files imported again unchanged withdraw nothing.
    @Test func theSameFilesAgainWithdrawNoSubmission() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let year = try DemoYear.records()
        try await store.importYear(year, actor: "hr.rossi", progress: nil)
        try database.withConnection { db in
            try db.execute("""
                INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_by)
                SELECT body_id, year, employee_id, 'dir.verdi' FROM staff_years WHERE body_id = 'demo'
                """)
        }
        let summary = try await store.importYear(year, actor: "hr.rossi", progress: nil)
        #expect(summary.withdrawnSubmissions.isEmpty)
        let count = try database.withConnection { try $0.execute("SELECT count(*) AS n FROM appraisal_submissions")[0].int("n") }
        #expect(count == year.records.staff.count)
    }

    @Test func aPersonMovedToANewAreaWhileTheOldOneIsDropped() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let first = try DemoYear.records()
        try await store.importYear(first, actor: "hr.rossi", progress: nil)
        // The last Area is renamed (new id): its staff move with it, and nothing refers to the old id any more.
        let plan = first.plan
        let last = plan.areas.count - 1
        let oldID = plan.areas[last].id
        var areas = plan.areas
        areas[last] = Area(id: oldID + "-BIS", name: areas[last].name, manager: areas[last].manager)
        let objectives = plan.objectives.map { objective in
            guard case .area(oldID) = objective.owner else { return objective }
            return Objective(id: objective.id, title: objective.title, owner: .area(oldID + "-BIS"),
                             strategicLines: objective.strategicLines, weight: objective.weight, indicators: objective.indicators)
        }
        let validated = plan.validated.map { figure in
            guard case .area(oldID) = figure.scope else { return figure }
            return ValidatedResult(scope: .area(oldID + "-BIS"), achievement: figure.achievement, reference: figure.reference)
        }
        let moved = first.with(plan: OrganisationalPlan(body: plan.body, year: plan.year, strategicLines: plan.strategicLines,
                                                        areas: areas, objectives: objectives, validated: validated))
        try await store.importYear(moved, actor: "hr.rossi", progress: nil)
        let stored = try await store.loadYear(body: "demo", year: 2019)
        #expect(stored.plan == moved.plan)
        #expect(stored.staffByID.map { $0.area.map { stored.plan.areas[$0].id } } == moved.staffByID.map { $0.area.map { areas[$0].id } })
        #expect(!stored.plan.areas.contains { $0.id == oldID })
    }
}
