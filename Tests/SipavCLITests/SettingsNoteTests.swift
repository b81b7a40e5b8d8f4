import Foundation
import Testing

/// The allocation says which settings its amounts follow: a reader of the report alone can tell how it was made.
@Suite("The allocation names its settings")
struct SettingsNoteTests {
    @Test func theDefaultsAreNamedWithWhatTheyDo() throws {
        let run = try Sipav.run(["allocate", "--data", Sipav.demoFolder.path])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Impostazioni: quelle predefinite (Config/sipav.yaml). Dirigenti 80 % individuale + 20 % "
                                            + "ente; personale non dirigente 60 % individuale + 25 % ente + 15 % Area; il residuo resta "
                                            + "come risparmio; senza incremento per i punteggi più alti."), "\(run.standardOutput.suffix(600))")
    }

    @Test func aSettingsFileIsNamedWithItsResidualAndIncrease() throws {
        let file = Sipav.packageRoot.appendingPathComponent("Config/example-redistribute.yaml").path
        // A CSV holds tables only: no notes.
        for format in ["table", "json"] {
            let run = try Sipav.run(["allocate", "--data", Sipav.demoFolder.path, "--config", file, "--format", format])
            #expect(run.status == 0, "\(run.standardError)")
            #expect(run.standardOutput.contains("Impostazioni: il file \(file)."), "\(format)")
            #expect(run.standardOutput.contains("il residuo è ridistribuito a chi è premiato, fino al "), "\(format)")
            #expect(run.standardOutput.contains("con l'incremento per i punteggi più alti"), "\(format)")
        }
    }
}
