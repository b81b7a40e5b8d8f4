@testable import sipav
import Testing

/// The commands' printed counts agree with the number: *1 persona*, *2 persone*.
@Suite("Counts in the commands' messages")
struct PrintedCountsTests {
    @Test func validateSummarises() {
        #expect(Validate.summary(people: 1, individual: 1, organisational: 1)
                == "Dati validi: 1 persona, 1 obiettivo individuale, 1 obiettivo organizzativo.")
        #expect(Validate.summary(people: 2, individual: 1_108, organisational: 2)
                == "Dati validi: 2 persone, 1.108 obiettivi individuali, 2 obiettivi organizzativi.")
    }

    @Test func importAndGenerateCount() {
        #expect(Import.counts(people: 1, objectives: 1) == "1 persona, 1 obiettivo individuale")
        #expect(Import.counts(people: 2, objectives: 2) == "2 persone, 2 obiettivi individuali")
        #expect(Generate.written(people: 1, objectives: 1, to: "dati") == "Dati scritti in dati: 1 persona e 1 obiettivo individuale.")
        #expect(Generate.written(people: 2, objectives: 3, to: "dati") == "Dati scritti in dati: 2 persone e 3 obiettivi individuali.")
    }

    @Test func verifySaysHowManyAmountsMatch() {
        #expect(Verify.verified(1) == "Verificato: 1 importo registrato coincide al centesimo con il ricalcolo.")
        #expect(Verify.verified(2) == "Verificato: 2 importi registrati coincidono al centesimo con il ricalcolo.")
    }
}
