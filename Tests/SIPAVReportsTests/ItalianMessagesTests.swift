import SIPAVReports
import Testing

/// Every message a `StoreError` can carry, written out as the store builds it (with sample names and figures), is
/// said in Italian by `ItalianFaults.rule`, the names, figures and PostgreSQL's own text kept; so are the failures
/// of the built-in cluster `sipav` shows and the English of the command line's output file.
@Suite("Store messages in Italian")
struct ItalianMessagesTests {
    /// (English as built, Italian expected).
    private static let storeMessages: [(String, String)] = [
        // YearReader, IndicatorRows, SQLValues, ScaleJSON: reading a year back.
        ("there is no year 2019 of body CCIAA-TO in the database", "l'anno 2019 dell'ente CCIAA-TO non è nel database"),
        ("year 2019 of body demo: individual objectives of E0012, who is not in the year's staff",
         "anno 2019 dell'ente demo: ci sono obiettivi individuali di E0012, che non è nel personale dell'anno"),
        ("indicator 1.4 has neither a kind nor composite steps",
         "l'indicatore 1.4 non ha né un tipo di scala né i gradini di un indicatore composto"),
        ("the scale of indicator 6.3 in the database breaks a rule: step percentages must fall from the first step to the last",
         "la scala dell'indicatore 6.3 nel database viola una regola: step percentages must fall from the first step to the last"),
        ("indicator 2.1 holds the date 2019-13-45", "l'indicatore 2.1 contiene una data non valida: 2019-13-45"),
        ("the database holds \"12,x\" where a number belongs", "il database contiene «12,x» dove va un numero"),
        ("a previous scale in the database is not readable: {\"steps\": 3}",
         "una scala precedente nel database non è leggibile: {\"steps\": 3}"),
        ("bad month in [{\"percent\": \"100\", \"threshold\": \"2019-13\"}]",
         "mese non valido in [{\"percent\": \"100\", \"threshold\": \"2019-13\"}]"),
        ("a previous scale in the database breaks a rule: a yes/no scale has one step only",
         "una scala precedente nel database viola una regola: a yes/no scale has one step only"),
        // YearWriter: importing a year.
        ("employee E0007 appears twice in the staff list of year 2019: each person appears once",
         "il dipendente E0007 compare due volte nell'elenco del personale dell'anno 2019: ogni persona compare una volta sola"),
        ("year 2019 of body demo is allocated: reopen it with a reason (sipav db reopen) before importing it again",
         "l'anno 2019 dell'ente demo è ripartito: per importarlo di nuovo va prima riaperto con una motivazione (sipav db reopen)"),
        ("year 2019 of body demo is published: reopen it with a reason (sipav db reopen) before importing it again",
         "l'anno 2019 dell'ente demo è pubblicato: per importarlo di nuovo va prima riaperto con una motivazione (sipav db reopen)"),
        // OutcomeWriter: storing an allocation (the core's own table).
        ("the records of year 2019 of body demo changed since the allocation was computed (another officer imported or rated in the meantime): compute it again",
         "i dati dell'anno 2019 sono cambiati dopo il calcolo della ripartizione (un altro utente ha importato o valutato nel frattempo): la calcoli di nuovo"),
        ("there is no year 2019 of body demo in the database: import it first", "l'anno 2019 dell'ente demo non è nel database: va prima importato"),
        ("year 2019 of body demo is already published: reopen it with a reason (sipav db reopen) to allocate again",
         "l'anno 2019 dell'ente demo è già ripartito o pubblicato: per ripartirlo di nuovo va riaperto con una motivazione"),
        // PostgresStore: reopening a year.
        ("year 2019 of body demo is not allocated or published: there is nothing to reopen",
         "l'anno 2019 dell'ente demo non è né ripartito né pubblicato: non c'è nulla da riaprire"),
        // Migrations.
        ("the SQL migrations folder /opt/sipav/SQL cannot be read (set SIPAV_SQL_DIR to the project's SQL folder)",
         "la cartella delle migrazioni SQL /opt/sipav/SQL non si può leggere (imposti SIPAV_SQL_DIR sulla cartella SQL del progetto)"),
        ("the migration /opt/sipav/SQL/0007_accounts.sql cannot be read",
         "la migrazione /opt/sipav/SQL/0007_accounts.sql non si può leggere"),
        ("no migrations (NNNN_name.sql) in /opt/sipav/SQL", "nessuna migrazione (NNNN_nome.sql) in /opt/sipav/SQL"),
        // Accounts (SIPAVWeb, for `sipav user`).
        ("the password must be at least 8 characters long", "la password deve avere almeno 8 caratteri"),
        ("employee E9999 is not among the staff of body demo: check the employee id",
         "la matricola E9999 non è tra il personale dell'ente demo: controlli la matricola"),
    ]

    /// StoreError.explaining: PostgreSQL's own text (its message, constraint, table and a key's detail) kept as sent.
    private static let explained: [(String, String)] = [
        ("the connection to PostgreSQL was lost or refused: connection to server on socket \"/nonexistent/.s.PGSQL.5432\" failed: No such file or directory\n\tIs the server running locally and accepting connections on that socket?\n",
         "nessun server PostgreSQL risponde sul socket /nonexistent/.s.PGSQL.5432: controlli che sia avviato, e la cartella data con --database (host=…)"),
        ("the connection to PostgreSQL was lost or refused: connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n",
         "nessun server PostgreSQL risponde a 127.0.0.1, porta 1 (connessione rifiutata): controlli che sia avviato, e l'indirizzo e la porta dati con --database"),
        ("the connection to PostgreSQL was lost or refused: server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n",
         "la connessione a PostgreSQL è stata persa o rifiutata: server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n"),
        ("the connection to PostgreSQL was lost or refused: connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  password authentication failed for user \"sipav_web\"\n",
         "PostgreSQL ha rifiutato la password dell'utente sipav_web: controlli quella data con --database (o in ~/.pgpass)"),
        ("the database refused a value: rule accounts_username_check on accounts",
         "il database ha rifiutato un valore: regola accounts_username_check della tabella accounts"),
        ("the database refused a value: rule ? on ?", "il database ha rifiutato un valore: regola ? della tabella ?"),
        ("the database refused a reference to a record that does not exist: accounts_employee_fkey (Key (body_id, year, employee_id)=(demo, 2019, E9999) is not present in table \"staff_years\".)",
         "il database ha rifiutato un riferimento a un record che non esiste: accounts_employee_fkey (nella tabella staff_years non c'è (body_id, year, employee_id) = (demo, 2019, E9999))"),
        ("the database refused a duplicate: accounts_pkey (Key (body_id, username)=(demo, hr.rossi) already exists.)",
         "il database ha rifiutato un duplicato: accounts_pkey ((body_id, username) = (demo, hr.rossi) c'è già)"),
        ("the database refused a duplicate: accounts_pkey", "il database ha rifiutato un duplicato: accounts_pkey"),
        ("PostgreSQL refused the operation: ERROR SV002 on table years, constraint year_reopen_reason: year 2019 of body demo is allocated: reopening it needs a reason (set reopen_reason in the same UPDATE)",
         "PostgreSQL ha rifiutato l'operazione: ERROR SV002 on table years, constraint year_reopen_reason: year 2019 of body demo is allocated: reopening it needs a reason (set reopen_reason in the same UPDATE)"),
        ("PostgreSQL refused the operation: ERROR 42P01 (undefined_table): relation \"years\" does not exist — statement: SELECT 1\nFROM years",
         "PostgreSQL ha rifiutato l'operazione: ERROR 42P01 (undefined_table): relation \"years\" does not exist — statement: SELECT 1\nFROM years"),
    ]

    /// The messages the project's SQL raises (RAISE EXCEPTION), as the server sends them.
    private static let raised: [(String, String)] = [
        ("year 2019 of body demo cannot become published: only an allocated year is published",
         "l'anno 2019 dell'ente demo non può diventare pubblicato: si pubblica solo un anno ripartito"),
        ("year 2019 of body demo cannot become allocated: a year is allocated only by an allocation run, which writes its allocations in the same transaction",
         "l'anno 2019 dell'ente demo non può diventare ripartito: un anno è ripartito solo da un'esecuzione della ripartizione, che ne scrive gli importi nella stessa transazione"),
        ("TRUNCATE of accounts refused: the table is audited, and TRUNCATE would empty it without a record",
         "TRUNCATE di accounts rifiutato: la tabella è nel registro delle modifiche, e TRUNCATE la svuoterebbe senza lasciarne traccia"),
        ("the audit log keeps its rows for 10 years: row 42 of body demo (2026-11-27 10:15:03.2+00) is within it, and the purge was refused",
         "il registro delle modifiche conserva le righe per 10 anni: la riga 42 dell'ente demo (2026-11-27 10:15:03.2+00) è più recente, e l'eliminazione è stata rifiutata"),
        ("the database records migrations this sipav does not have (0099_future, 0100_later): it was migrated by a newer version; use that version (or one at least as new)",
         "il database registra migrazioni che questo sipav non ha (0099_future, 0100_later): è stato aggiornato da una versione più recente; usi quella versione (o una ancora più recente)"),
        ("year 2019 of body demo is allocated: reopen it with a reason before changing it",
         "l'anno 2019 dell'ente demo è ripartito: per modificarlo va prima riaperto con una motivazione"),
        ("year 2019 of body CCIAA-TO is published: reopen it with a reason before changing it",
         "l'anno 2019 dell'ente CCIAA-TO è pubblicato: per modificarlo va prima riaperto con una motivazione"),
        ("year 2019 of body demo is allocated: reopening it needs a reason (set reopen_reason in the same UPDATE)",
         "l'anno 2019 dell'ente demo è ripartito: per riaprirlo serve una motivazione (reopen_reason nello stesso UPDATE)"),
        ("year 2019 of body demo is published: reopening it needs a reason (set reopen_reason in the same UPDATE)",
         "l'anno 2019 dell'ente demo è pubblicato: per riaprirlo serve una motivazione (reopen_reason nello stesso UPDATE)"),
        ("the audit log is append-only: DELETE refused",
         "il registro delle modifiche accetta solo aggiunte: operazione DELETE rifiutata"),
        ("table appraisal_notes has no primary key: cannot attach the audit triggers",
         "la tabella appraisal_notes non ha una chiave primaria: impossibile collegarle i trigger del registro delle modifiche"),
        ("sipav_bulk_inserted(staff_years): give the year exactly when the table has one",
         "sipav_bulk_inserted(staff_years): l'anno va indicato se e solo se la tabella ne ha uno"),
        ("sipav_check_copied_foreign_keys(employees): give the year exactly when the table has one",
         "sipav_check_copied_foreign_keys(employees): l'anno va indicato se e solo se la tabella ne ha uno"),
        ("table accounts has BEFORE INSERT row triggers (sipav_one_personal_account), which the bulk path cannot run afterwards: insert its rows with the triggers on",
         "la tabella accounts ha trigger BEFORE INSERT per riga (sipav_one_personal_account), che la scrittura in blocco non può eseguire dopo la copia: ne inserisca le righe con i trigger attivi"),
        ("insert or update on table \"individual_objectives\" violates foreign key constraint \"individual_objectives_person_fkey\"",
         "l'inserimento o la modifica nella tabella \"individual_objectives\" viola il vincolo di chiave esterna \"individual_objectives_person_fkey\""),
        ("final_scores holds a score without an allocation row (body demo, year 2019, employee E0012): move or delete it before this migration",
         "final_scores contiene un punteggio senza la riga di ripartizione (ente demo, anno 2019, matricola E0012): lo sposti o lo cancelli prima di questa migrazione"),
    ]

    /// The built-in cluster's reasons (LocalClusterError.message), which `sipav` says in Italian.
    private static let cluster: [(String, String)] = [
        ("cannot start PostgreSQL", "impossibile avviare PostgreSQL"),
        ("cannot stop PostgreSQL", "impossibile fermare PostgreSQL"),
        ("cannot create a PostgreSQL cluster in /home/hr/.local/share/sipav/postgres/data",
         "impossibile creare un cluster PostgreSQL in /home/hr/.local/share/sipav/postgres/data"),
        ("cannot tell whether PostgreSQL runs in /srv/sipav/data", "impossibile stabilire se PostgreSQL è in esecuzione in /srv/sipav/data"),
        ("will not delete /home/hr/documenti: it holds files that are not the database's (budget.xlsx, note.txt); give the database a folder of its own",
         "/home/hr/documenti non viene cancellata: contiene file che non sono del database (budget.xlsx, note.txt); dia al database una cartella tutta sua"),
        ("will not create a database cluster in /home/hr: it holds files that are not the database's (a, b, c, d, e, …); give the database a folder of its own",
         "in /home/hr non viene creato il cluster del database: contiene file che non sono del database (a, b, c, d, e, …); dia al database una cartella tutta sua"),
        ("the cluster's socket path /very/long/.s.PGSQL.5432 is longer than the 107 bytes a Unix socket allows: choose a data folder with a shorter path",
         "il percorso del socket del cluster /very/long/.s.PGSQL.5432 supera i 107 byte ammessi per un socket Unix: scelga una cartella dei dati con un percorso più breve"),
        ("PostgreSQL refuses to run as root, and there is no \"postgres\" system user to run it as: install the PostgreSQL server package (which creates it) or run as a normal user",
         "PostgreSQL non si avvia come root e non esiste l'utente di sistema \"postgres\" con cui avviarlo: installi il pacchetto del server PostgreSQL (che lo crea) o usi un utente normale"),
        ("running as root needs runuser (util-linux) to start PostgreSQL as its own user",
         "da root serve runuser (util-linux) per avviare PostgreSQL con il suo utente di sistema"),
        ("cannot find PostgreSQL's initdb and pg_ctl in /usr/lib/postgresql/*/bin or on PATH: install the PostgreSQL server (Debian: apt-get install postgresql)",
         "initdb e pg_ctl di PostgreSQL non si trovano in /usr/lib/postgresql/*/bin né nel PATH: installi il server PostgreSQL (Debian: apt-get install postgresql)"),
        ("cannot give /srv/sipav/data to the postgres user: Operation not permitted",
         "impossibile assegnare /srv/sipav/data all'utente di sistema postgres: Operation not permitted"),
        ("cannot make /srv/sipav/data private: Permission denied",
         "impossibile rendere /srv/sipav/data accessibile solo al proprietario: Permission denied"),
        ("cannot open the lock file /srv/sipav/cluster.lock: Permission denied",
         "impossibile aprire il file di lock /srv/sipav/cluster.lock: Permission denied"),
        ("cannot lock /srv/sipav/cluster.lock: Resource temporarily unavailable",
         "impossibile bloccare /srv/sipav/cluster.lock: Resource temporarily unavailable"),
        ("cannot create a temporary folder in /tmp: No space left on device",
         "impossibile creare una cartella temporanea in /tmp: No space left on device"),
        ("cannot create /srv/sipav/initdb.out: Read-only file system", "impossibile creare /srv/sipav/initdb.out: Read-only file system"),
        ("cannot run /usr/lib/postgresql/16/bin/initdb -D /srv/sipav/data: No such file or directory",
         "impossibile eseguire /usr/lib/postgresql/16/bin/initdb -D /srv/sipav/data: No such file or directory"),
        ("cannot wait for /usr/lib/postgresql/16/bin/pg_ctl stop: No child processes",
         "impossibile attendere la fine di /usr/lib/postgresql/16/bin/pg_ctl stop: No child processes"),
    ]

    @Test(arguments: storeMessages)
    func aStoreRefusalIsSaidInItalian(_ english: String, _ italian: String) {
        #expect(ItalianFaults.rule(english) == italian)
    }

    @Test(arguments: explained)
    func postgreSQLsErrorAsTheStoreExplainsItKeepsTheServersText(_ english: String, _ italian: String) {
        #expect(ItalianFaults.rule(english) == italian)
    }

    @Test(arguments: raised)
    func aMessageOfTheProjectsSQLIsSaidInItalian(_ english: String, _ italian: String) {
        #expect(ItalianFaults.rule(english) == italian)
    }

    @Test(arguments: cluster)
    func aFailureOfTheBuiltInClusterIsSaidInItalian(_ english: String, _ italian: String) {
        #expect(ItalianFaults.rule(english) == italian)
    }

    @Test func aTextTheTablesDoNotKnowIsShownAsWritten() {
        #expect(ItalianFaults.rule("something nobody wrote down") == "something nobody wrote down")
        #expect(ItalianFaults.rule("il database non è raggiungibile: connection refused") == "il database non è raggiungibile: connection refused")
    }
}
