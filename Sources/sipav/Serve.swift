import Foundation
import ArgumentParser
import SIPAVFiles
import SIPAVStore
import SIPAVWeb

/// `sipav serve`: the web application for managers and HR.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Avvia l'applicazione web (i dirigenti valutano i propri collaboratori; l'ufficio personale gestisce l'anno).",
        discussion: "Un database con migrazioni in sospeso è rifiutato (uscita 69): le applichi prima con `sipav db migrate`. Crei il primo account con `sipav user add`.")
    @Option(parsing: .unconditional, help: "La porta su cui restare in ascolto.") var port: Int = 8080
    @Option(help: "L'indirizzo su cui restare in ascolto (0.0.0.0 per tutte le interfacce).") var host: String = "127.0.0.1"
    @Option(help: "L'ente servito (predefinito: l'unico ente nel database).", transform: BodyArgument.parse) var body: String?
    @Option(help: "L'anno in valutazione (predefinito: l'anno più recente dell'ente).", transform: YearArgument.parse) var year: Int?
    @Flag(help: "Marca i cookie come Secure: da usare quando gli utenti raggiungono il server via HTTPS.") var secureCookies = false
    @Option(parsing: .unconditional, help: "Secondi di silenzio (nessuna richiesta, o una richiesta interrotta a metà) dopo i quali una connessione è chiusa.")
    var idleTimeout: Int = 60
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard idleTimeout >= 1 else { throw ValidationError("--idle-timeout: almeno 1 secondo") }
        guard (1...65_535).contains(port) else { throw ValidationError("--port: un numero da 1 a 65535") }
    }

    func run() async throws {
        try await reportingFailures {
            let store = try await database.currentStore(noticingWaits: false)
            let body = try await chosenBody(store)
            try await refuseAYearNotStored(store, body: body)
            do {
                try await serveWebApplication(WebConfiguration(store: store, body: body, year: year, host: host, port: port,
                                                               secureCookies: secureCookies, idleTimeoutSeconds: idleTimeout,
                                                               yearSettings: { try SettingsFile.parse(text: $0, file: "settings") }),
                                              onListening: { address in
                                                  // Unbuffered: a log that follows the server sees the line at once.
                                                  FileHandle.standardOutput.write(Data("SIPAV: ente \(body), in ascolto su http://\(address)\n".utf8))
                                              })
            } catch let failure as ListeningFailure {
                throw CommandFailure(status: failure.addressIsUnknown ? ExitStatus.usage : ExitStatus.unavailable, message: failure.message)
            }
        }
    }

    /// A `--year` the body does not have would be served as an empty year, without a word.
    private func refuseAYearNotStored(_ store: PostgresStore, body: String) async throws {
        guard let year else { return }
        let years = try await store.years(body: body).map(\.year)
        guard years.isEmpty || years.contains(year) else {
            throw CommandFailure(status: ExitStatus.usage, message: "l'anno \(year) dell'ente \(body) non è nel database, che ne ha: "
                + years.map(String.init).joined(separator: ", "))
        }
    }

    /// The body given, when the database has it (or has no body yet, before the first import); else the only one.
    private func chosenBody(_ store: PostgresStore) async throws -> String {
        if let body {
            let known: [String] = try await store.withWebConnection { db in
                try db.execute("SELECT body_id FROM bodies ORDER BY body_id").map { try $0.string("body_id") }
            }
            // A body mistyped (`a` for `A`) would be served empty, without a word.
            guard known.isEmpty || known.contains(body) else {
                throw CommandFailure(status: ExitStatus.usage, message: "l'ente \(body) non è nel database, che contiene: "
                    + "\(known.prefix(20).joined(separator: ", "))\(known.count > 20 ? ", …" : ""): controlli --body (maiuscole e minuscole contano)")
            }
            return body
        }
        let bodies = Set(try await store.years(body: nil).map(\.body)).sorted()
        guard bodies.count == 1 else {
            throw CommandFailure(status: ExitStatus.usage, message: bodies.isEmpty
                ? "il database non contiene ancora alcun ente: ne importi uno (sipav db import) o lo indichi con --body"
                : "il database contiene più enti (\(bodies.joined(separator: ", "))): ne scelga uno con --body")
        }
        return bodies[0]
    }
}
