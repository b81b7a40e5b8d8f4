import SIPAV
import Testing
import SIPAVReports

/// The faults the checks state in English are said in Italian on the pages: the place of a stored record, the
/// field and value, and the rule, with the names and figures the English carried.
@Suite("Faults in Italian")
struct ItalianFaultsTests {
    private static let year = "database (body ENTE, year 2023)"

    @Test func aStoredRecordsFaultIsOneItalianSentence() {
        let unrated = InputError(file: "\(Self.year) objectives E0012", line: nil, field: "cosa", value: "",
                                 rule: "every objective of an assessable person is rated before scoring")
        #expect(ItalianFaults.sentence(unrated)
                == "obiettivi individuali di E0012, campo cosa: ogni obiettivo di una persona valutabile va valutato (cosa e come) prima del calcolo dei punteggi")
        let months = InputError(file: "\(Self.year) staff E0007", line: nil, field: "months", value: "13",
                                rule: "months of service lie between 0 and 12")
        #expect(ItalianFaults.sentence(months) == "personale, E0007, campo months («13»): i mesi di servizio sono tra 0 e 12")
        let fund = InputError(file: "\(Self.year) fund", line: nil, field: nil,
                              rule: "the OIV's check of the conditions for paying (date and reference) is recorded before allocating")
        #expect(ItalianFaults.sentence(fund)
                == "fondo: la verifica dell'OIV sulle condizioni per l'erogazione (data e riferimento) va registrata prima della ripartizione")
        let uploaded = InputError(file: "obiettivi.csv", line: 1234, field: "weight", value: "120",
                                  rule: "the weight is a percentage above 0 and at most 100, like 100 or 33,33")
        #expect(ItalianFaults.sentence(uploaded)
                == "obiettivi.csv, riga 1.234, campo weight («120»): il peso è una percentuale sopra 0 e al massimo 100, come 100 o 33,33")
    }

    @Test func aLongListShowsItsFirstFaultsAndCountsTheRest() {
        let faults = InputErrors((1...1_203).map { InputError(file: "obiettivi.csv", line: $0, field: "weight", rule: "the weight is required") })
        let (sentences, more) = ItalianFaults.listing(faults, first: 100)
        #expect(sentences.count == 100)
        #expect(sentences.last == "obiettivi.csv, riga 100, campo weight: il peso è obbligatorio")
        #expect(more == 1_103)
        let (all, none) = ItalianFaults.listing(InputErrors(Array(faults.errors.prefix(100))), first: 100)
        #expect(all.count == 100 && none == 0)
    }

    /// A stored year still being rated has a fault per unrated objective, alike for one person: each is said once,
    /// with how many times it stands, so that the page lists people rather than repeating a line six times.
    @Test func faultsAlikeAreSaidOnceWithTheirCount() {
        let rule = "every objective of an assessable person is rated before scoring"
        let faults = InputErrors(Array(repeating: InputError(file: "database (body demo, year 2019) objectives DIR001", line: nil,
                                                             field: "cosa", rule: rule), count: 6)
                                 + [InputError(file: "database (body demo, year 2019) objectives E0002", line: nil, field: "cosa", rule: rule)])
        let (sentences, more) = ItalianFaults.listing(faults, first: 100)
        #expect(sentences.count == 2, "\(sentences)")
        #expect(sentences.first?.hasSuffix(" (6 volte)") == true, "\(sentences)")
        #expect(sentences.first?.contains("DIR001") == true)
        #expect(sentences.last?.contains("E0002") == true && sentences.last?.hasSuffix("volte)") == false)
        #expect(more == 0)
    }

    @Test func namesAndFiguresInARuleAreKept() {
        #expect(ItalianFaults.rule("the weights of E0012's objectives sum to 77,50, not 100")
                == "i pesi degli obiettivi di E0012 sommano a 77,50: devono sommare a 100")
        #expect(ItalianFaults.rule("score 1 is in two bands, BASSA and MEDIA") == "il punteggio 1 è in due fasce, BASSA e MEDIA")
        #expect(ItalianFaults.rule("the manager of Area AR2 must be in the staff list")
                == "il dirigente dell'Area AR2 deve essere nell'elenco del personale")
        #expect(ItalianFaults.rule("Area AR2 has no objectives") == "l'Area AR2 non ha obiettivi")
        #expect(ItalianFaults.rule("the ente has no objectives") == "l'ente non ha obiettivi")
        #expect(ItalianFaults.rule("row has 7 fields, the header has 6") == "la riga ha 7 campi, l'intestazione ne ha 6")
        #expect(ItalianFaults.rule("each employee appears once (first at row 12)")
                == "ogni dipendente compare una volta sola (la prima volta alla riga 12)")
        #expect(ItalianFaults.rule("year 2023 of body ENTE is already allocated: reopen it with a reason (sipav db reopen) to allocate again")
                == "l'anno 2023 dell'ente ENTE è già ripartito o pubblicato: per ripartirlo di nuovo va riaperto con una motivazione")
        #expect(ItalianFaults.rule("objective OB3 has every indicator suppressed: it is left out of every mean and has no result to validate")
                == "l'obiettivo OB3 ha tutti gli indicatori soppressi: è escluso da ogni media e non ha un risultato da validare")
        #expect(ItalianFaults.rule("Area A2 has no objective left that is not suppressed (every indicator of its objectives is suppressed)")
                == "l'Area A2 non ha più obiettivi non soppressi (tutti gli indicatori dei suoi obiettivi sono soppressi)")
    }

    /// What the core really says: the checks of a year's records, made on records broken on purpose.
    @Test func everyRuleOfTheRecordChecksIsTranslated() throws {
        let staff = [
            StaffMember(id: "E1", name: "Uno", role: .dipendente, category: "C", area: nil, partTimeBasisPoints: 0, monthsOfService: 13),
            StaffMember(id: "E2", name: "Due", role: .dipendente, category: "C", area: 9),
            StaffMember(id: "E3", name: "Tre", role: .dipendente, category: "C", area: 0),
            StaffMember(id: "E3", name: "Tre bis", role: .dipendente, category: "C", area: 0),
        ]
        let objectives = [
            IndividualObjective(person: 1, code: "O1", title: "", weightBasisPoints: 0, cosa: 9, come: .a),
            IndividualObjective(person: 1, code: "O1", title: "", weightBasisPoints: 5_000, cosa: nil, come: nil),
        ]
        let records = StaffRecords(staff: staff, objectives: objectives)
        let rules = Set(records.violations(settings: IndividualSettings(), areaCount: 1, requireRatings: true).map(\.rule))
        #expect(rules.count >= 8, "\(rules)")
        for rule in rules {
            #expect(ItalianFaults.rule(rule) != rule, "not translated: \(rule)")
        }
    }
}
