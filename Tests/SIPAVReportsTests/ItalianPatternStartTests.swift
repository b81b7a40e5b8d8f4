@testable import SIPAVReports
import Testing

/// A rule is tried against a pattern's regular expression only when it starts with the pattern's literal start:
/// that start must be one every match has.
@Suite("The literal start of a translation pattern")
struct ItalianPatternStartTests {
    @Test(arguments: [
        (#"the weights of (.+)'s objectives sum to ([0-9.,]+), not 100"#, "the weights of "),
        (#"year (\d+) of body (.+) is allocated"#, "year "),
        (#"the audit log is append-only: (\w+) refused"#, "the audit log is append-only: "),
        (#"sipav_bulk_inserted\((.*)\): give the year"#, "sipav_bulk_inserted("),
        (#"sipav_(\w+)\((.*)\): give the year"#, "sipav_"),
        (#"no migrations \(NNNN_name\.sql\) in (.+)"#, "no migrations (NNNN_name.sql) in "),
        (#"rows? (\d+)"#, "row"),
        (#"an? (.+) scale"#, "a"),
        (#"(?s)the connection to PostgreSQL was lost"#, ""),
        (#"(.+): cannot be read"#, ""),
        (#"allocated|published"#, ""),
        (#"year \d+ of body"#, "year "),
        (#"the ente has no objectives"#, "the ente has no objectives"),
    ])
    func theStartEveryMatchHas(_ pattern: String, _ start: String) throws {
        #expect(ItalianFaults.Pattern.literalStart(of: pattern) == start)
    }

    @Test func aRuleIsStillTranslatedThroughItsPattern() {
        #expect(ItalianFaults.rule("the weights of E0012's objectives sum to 77,50, not 100")
                == "i pesi degli obiettivi di E0012 sommano a 77,50: devono sommare a 100")
        #expect(ItalianFaults.rule("row has 7 fields, the header has 6") == "la riga ha 7 campi, l'intestazione ne ha 6")
        #expect(ItalianFaults.rule("row has 1 field, the header has 6") == "la riga ha 1 campo, l'intestazione ne ha 6")
        #expect(ItalianFaults.rule("the weights of E0012's objectives sum to 99") == "the weights of E0012's objectives sum to 99")
    }

    @Test func aCaptureHoldingADollarSignIsKeptAsItIs() {
        #expect(ItalianFaults.rule("the column appears twice in the header (columns 3 and 7)")
                == "la colonna compare due volte nell'intestazione (colonne 3 e 7)")
        // A second capture that reads like the first placeholder stays as it was read.
        #expect(ItalianFaults.rule("score 1 is in two bands, $1 and MEDIA") == "il punteggio 1 è in due fasce, $1 e MEDIA")
        let captures = ["", "uno", "$1"]
        let filled = ItalianFaults.filled("$1 e $2, $ e $9") { captures.indices.contains($0) ? captures[$0] : nil }
        #expect(filled == "uno e $1, $ e $9")
    }
}
