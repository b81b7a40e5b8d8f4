import ArgumentParser
@testable import sipav
import Testing

/// Commands `sipav` does not have, to make the parser write the other parts of a help.
private enum Colour: String, ExpressibleByArgument, CaseIterable {
    case rosso, verde
}

private struct HelpProbe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Una sonda dell'aiuto, con una descrizione abbastanza lunga da andare a capo una volta.",
        discussion: "Parole nostre, che restano come sono:\n\nOPTIONS:\n  --x <x>                 Una (default: y)\nUSAGE: nostro")
    @Argument(help: "Il colore.") var colour: Colour
    @Option(help: "La porta, con un testo lungo quanto basta a spingere il suo valore oltre la riga.") var port: Int = 8080
    @Option(help: "Un testo nostro che cita (default: x) e USAGE: a metà.") var note: String?
    @Option(help: ArgumentHelp("Il formato.", discussion: "Una spiegazione che resta com'è.")) var format: Colour = .rosso
    @Option(help: "Nessun valore predefinito.") var previousYearOfTheSameBody: Int?
}

private struct GroupProbe: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "group", abstract: "Un gruppo.", version: "1.0",
                                                    subcommands: [HelpProbe.self])
}

@Suite("The parser's parts of a help, translated")
struct ItalianHelpTranslationTests {
    @Test func anArgumentsHelp() {
        let english = HelpProbe.helpMessage(columns: 80)
        #expect(english.contains("\nOPTIONS:\n  --port <port>           La porta, con un testo lungo quanto basta a spingere\n"
                                 + "                          il suo valore oltre la riga. (default: 8080)\n"), "\(english)")
        #expect(ItalianHelp.translated(english, width: 80) == """
            DESCRIZIONE: Una sonda dell'aiuto, con una descrizione abbastanza lunga da
            andare a capo una volta.

            Parole nostre, che restano come sono:

            OPTIONS:
              --x <x>                 Una (default: y)
            USAGE: nostro

            USO:   probe <colour> [--port <port>] [--note <note>] [--format <format>] [--previous-year-of-the-same-body <previous-year-of-the-same-body>]

            ARGOMENTI:
              <colour>                Il colore. (valori: rosso, verde)

            OPZIONI:
              --port <port>           La porta, con un testo lungo quanto basta a spingere
                                      il suo valore oltre la riga. (predefinito: 8080)
              --note <note>           Un testo nostro che cita (default: x) e USAGE: a metà.
              --format <format>       Il formato. (valori: rosso, verde; predefinito: rosso)
                    Una spiegazione che resta com'è.
              --previous-year-of-the-same-body <previous-year-of-the-same-body>
                                      Nessun valore predefinito.
              -h, --help              Mostra questo aiuto.

            """)
    }

    @Test func aGroupsHelp() {
        let english = GroupProbe.helpMessage(columns: 80)
        #expect(english.hasSuffix("\n\n  See 'group help <subcommand>' for detailed help."), "\(english)")
        #expect(ItalianHelp.translated(english, width: 80) == """
            DESCRIZIONE: Un gruppo.

            USO:   group <sottocomando>

            OPZIONI:
              --version               Mostra la versione.
              -h, --help              Mostra questo aiuto.

            SOTTOCOMANDI:
              probe                   Una sonda dell'aiuto, con una descrizione abbastanza
                                      lunga da andare a capo una volta.

              Per l'aiuto su un sottocomando: 'group help <sottocomando>'.
            """)
    }

    /// A help grown past the width is wrapped again under the column; one that fits keeps its lines.
    @Test func aNarrowWidth() {
        let english = HelpProbe.helpMessage(columns: 50)
        let italian = ItalianHelp.translated(english, width: 50)
        #expect(italian.contains("""
              --port <port>           La porta, con un testo
                                      lungo quanto basta a
                                      spingere il suo valore
                                      oltre la riga.
                                      (predefinito: 8080)

            """), "\(italian)")
        // Only the usage and a label longer than the width (the parser's) run on.
        for line in italian.split(separator: "\n") where !line.hasPrefix("USO:") && !line.hasPrefix("  --previous-year-of") {
            #expect(line.count <= 50, "\(line)")
        }
    }

    @Test(arguments: [
        ("Testo. (values: a, b)", "Testo. (valori: a, b)"),
        ("Testo. (default: 8080)", "Testo. (predefinito: 8080)"),
        ("Testo. (values: a, b; default: a)", "Testo. (valori: a, b; predefinito: a)"),
        ("Testo. (default as flag: x)", "Testo. (se indicata senza valore: x)"),
        ("Testo. (values: a, b; default as flag: a)", "Testo. (valori: a, b; se indicata senza valore: a)"),
        ("(values: a, b)", "(valori: a, b)"),
        ("Testo (default: nostro) (default: 3)", "Testo (default: nostro) (predefinito: 3)"),
        ("Testo (default: nostro), e altro.", "Testo (default: nostro), e altro."),
        ("Show help information.", "Show help information."),
        ("", ""),
    ])
    func theValuesAndDefaultAtTheEnd(_ english: String, _ italian: String) {
        #expect(ItalianHelp.help(english, label: "--x <x>") == italian)
    }

    @Test func theHelpOfHelpAndVersion() {
        #expect(ItalianHelp.help("Show help information.", label: "-h, --help") == "Mostra questo aiuto.")
        #expect(ItalianHelp.help("Show the version.", label: "--version") == "Mostra la versione.")
    }

    @Test func whatIsAHelp() {
        #expect(ItalianHelp.isHelp(HelpProbe.helpMessage(columns: 80)))
        #expect(ItalianHelp.isHelp("USAGE: probe\n"))
        #expect(!ItalianHelp.isHelp("#!/bin/bash\n"))
        #expect(!ItalianHelp.isHelp("{\n  \"command\" : {"))
        #expect(!ItalianHelp.isHelp("1.0"))
    }

    @Test func wrapping() {
        #expect(ItalianHelp.wrapped("uno due tre quattro", columns: 8) == ["uno due", "tre", "quattro"])
        #expect(ItalianHelp.wrapped("lunghissimaparola e", columns: 8) == ["lunghissimaparola", "e"])
        #expect(ItalianHelp.wrapped("breve", columns: 8) == ["breve"])
    }
}
