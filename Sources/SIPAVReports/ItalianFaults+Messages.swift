extension ItalianFaults {
    /// The store's refusals, PostgreSQL's errors as the store explains them and the built-in cluster's failures
    /// (as `sipav` shows them): the texts with no names or figures in them.
    static let messageRules: [String: String] = [
        // The built-in cluster (LocalClusterError).
        "cannot start PostgreSQL": "impossibile avviare PostgreSQL",
        "cannot stop PostgreSQL": "impossibile fermare PostgreSQL",
        "running as root needs runuser (util-linux) to start PostgreSQL as its own user":
            "da root serve runuser (util-linux) per avviare PostgreSQL con il suo utente di sistema",
        "PostgreSQL refuses to run as root, and there is no \"postgres\" system user to run it as: install the PostgreSQL server package (which creates it) or run as a normal user":
            "PostgreSQL non si avvia come root e non esiste l'utente di sistema \"postgres\" con cui avviarlo: installi il pacchetto del server PostgreSQL (che lo crea) o usi un utente normale",
    ]

    /// The messages with names or figures in them: the pattern, and the Italian with `$1`, `$2` for what it captured.
    /// A capture that holds PostgreSQL's or the system's own text (which may run over several lines: `(?s)`) is kept
    /// as it is.
    static let messagePatterns: [(String, String)] = [
        // Reading a year back from the database.
        (#"there is no year (\d+) of body (.+) in the database"#, "l'anno $1 dell'ente $2 non è nel database"),
        (#"year (\d+) of body (.+): individual objectives of (.+), who is not in the year's staff"#,
         "anno $1 dell'ente $2: ci sono obiettivi individuali di $3, che non è nel personale dell'anno"),
        (#"indicator (.+) has neither a kind nor composite steps"#,
         "l'indicatore $1 non ha né un tipo di scala né i gradini di un indicatore composto"),
        (#"the scale of indicator (.+) in the database breaks a rule: (.*)"#,
         "la scala dell'indicatore $1 nel database viola una regola: $2"),
        (#"indicator (.+) holds the date (.*)"#, "l'indicatore $1 contiene una data non valida: $2"),
        (#"the database holds "(.*)" where a number belongs"#, "il database contiene «$1» dove va un numero"),
        (#"a previous scale in the database is not readable: (.*)"#, "una scala precedente nel database non è leggibile: $1"),
        (#"a previous scale in the database breaks a rule: (.*)"#, "una scala precedente nel database viola una regola: $1"),
        (#"bad month in (.*)"#, "mese non valido in $1"),
        // Importing a year.
        (#"employee (.+) appears twice in the staff list of year (\d+): each person appears once"#,
         "il dipendente $1 compare due volte nell'elenco del personale dell'anno $2: ogni persona compare una volta sola"),
        (#"year (\d+) of body (.+) is allocated: reopen it with a reason \(sipav db reopen\) before importing it again"#,
         "l'anno $1 dell'ente $2 è ripartito: per importarlo di nuovo va prima riaperto con una motivazione (sipav db reopen)"),
        (#"year (\d+) of body (.+) is published: reopen it with a reason \(sipav db reopen\) before importing it again"#,
         "l'anno $1 dell'ente $2 è pubblicato: per importarlo di nuovo va prima riaperto con una motivazione (sipav db reopen)"),
        // Reopening a year.
        (#"year (\d+) of body (.+) is not allocated or published: there is nothing to reopen"#,
         "l'anno $1 dell'ente $2 non è né ripartito né pubblicato: non c'è nulla da riaprire"),
        // The migrations.
        (#"the database records migrations this sipav does not have \((.*)\): it was migrated by a newer version; use that version \(or one at least as new\)"#,
         "il database registra migrazioni che questo sipav non ha ($1): è stato aggiornato da una versione più recente; usi quella versione (o una ancora più recente)"),
        (#"the SQL migrations folder (.+) cannot be read \(set SIPAV_SQL_DIR to the project's SQL folder\)"#,
         "la cartella delle migrazioni SQL $1 non si può leggere (imposti SIPAV_SQL_DIR sulla cartella SQL del progetto)"),
        (#"the migration (.+) cannot be read"#, "la migrazione $1 non si può leggere"),
        (#"no migrations \(NNNN_name\.sql\) in (.+)"#, "nessuna migrazione (NNNN_nome.sql) in $1"),
        // The accounts.
        (#"the password must be at least (\d+) characters long"#, "la password deve avere almeno $1 caratteri"),
        (#"the username (.+) is taken, whatever its case: choose another"#,
         "il nome utente $1 è già in uso (maiuscole e minuscole non contano): ne scelga un altro"),
        (#"accounts whose usernames differ only in case \((.*)\): rename all but one before this migration"#,
         "account con nomi utente che differiscono solo per maiuscole e minuscole ($1): li rinomini tutti tranne uno prima di questa migrazione"),
        (#"the password must be at most (\d+) bytes long \(accented letters take two\)"#,
         "la password può avere al più $1 caratteri (le lettere accentate contano due)"),
        (#"employee (.+) is not among the staff of body (.+): check the employee id"#,
         "la matricola $1 non è tra il personale dell'ente $2: controlli la matricola"),
        (#"employee (.+) is neither a dirigente nor the Segretario Generale in year (\d+): the manager role is theirs only"#,
         "la matricola $1 nell'anno $2 non è né un dirigente né il Segretario Generale: il ruolo di dirigente spetta solo a loro"),
        (#"employee (.+) has the enabled account (.+) already: one manager or employee account per person; disable it first"#,
         "la matricola $1 ha già l'account attivo $2: un solo account da dirigente o dipendente per persona; lo disattivi prima"),
        // PostgreSQL's errors, as StoreError.explaining says them: PostgreSQL's own text kept.
        (#"(?s)the connection to PostgreSQL was lost or refused: (.*)"#, "la connessione a PostgreSQL è stata persa o rifiutata: $1"),
        (#"(?s)the database refused a value: rule (\S+) on (\S+)(.*)"#, "il database ha rifiutato un valore: regola $1 della tabella $2$3"),
        (#"(?s)the database refused a reference to a record that does not exist: (\S+) \(Key \((.+?)\)=\((.*?)\) is not present in table "(.+?)"\.\)"#,
         "il database ha rifiutato un riferimento a un record che non esiste: $1 (nella tabella $4 non c'è ($2) = ($3))"),
        (#"(?s)the database refused a duplicate: (\S+) \(Key \((.+?)\)=\((.*?)\) already exists\.\)"#,
         "il database ha rifiutato un duplicato: $1 (($2) = ($3) c'è già)"),
        (#"(?s)the database refused a reference to a record that does not exist: (\S+)(.*)"#,
         "il database ha rifiutato un riferimento a un record che non esiste: $1$2"),
        (#"(?s)the database refused a duplicate: (\S+)(.*)"#, "il database ha rifiutato un duplicato: $1$2"),
        (#"(?s)PostgreSQL refused the operation: (.*)"#, "PostgreSQL ha rifiutato l'operazione: $1"),
        // The project's own SQL (RAISE EXCEPTION): the allocated-year lock (SV001), a reopening without a reason
        // (SV002), the append-only audit log (SV003), the bulk writes and the migrations.
        (#"year (\d+) of body (.+) cannot become published: only an allocated year is published"#,
         "l'anno $1 dell'ente $2 non può diventare pubblicato: si pubblica solo un anno ripartito"),
        (#"year (\d+) of body (.+) cannot become allocated: a year is allocated only by an allocation run, which writes its allocations in the same transaction"#,
         "l'anno $1 dell'ente $2 non può diventare ripartito: un anno è ripartito solo da un'esecuzione della ripartizione, che ne scrive gli importi nella stessa transazione"),
        (#"TRUNCATE of (.+) refused: the table is audited, and TRUNCATE would empty it without a record"#,
         "TRUNCATE di $1 rifiutato: la tabella è nel registro delle modifiche, e TRUNCATE la svuoterebbe senza lasciarne traccia"),
        (#"the audit log keeps its rows for (\d+) years: row (\d+) of body (.+) \((.+)\) is within it, and the purge was refused"#,
         "il registro delle modifiche conserva le righe per $1 anni: la riga $2 dell'ente $3 ($4) è più recente, e l'eliminazione è stata rifiutata"),
        (#"year (\d+) of body (.+) is allocated: reopen it with a reason before changing it"#,
         "l'anno $1 dell'ente $2 è ripartito: per modificarlo va prima riaperto con una motivazione"),
        (#"year (\d+) of body (.+) is published: reopen it with a reason before changing it"#,
         "l'anno $1 dell'ente $2 è pubblicato: per modificarlo va prima riaperto con una motivazione"),
        (#"year (\d+) of body (.+) is allocated: reopening it needs a reason \(set reopen_reason in the same UPDATE\)"#,
         "l'anno $1 dell'ente $2 è ripartito: per riaprirlo serve una motivazione (reopen_reason nello stesso UPDATE)"),
        (#"year (\d+) of body (.+) is published: reopening it needs a reason \(set reopen_reason in the same UPDATE\)"#,
         "l'anno $1 dell'ente $2 è pubblicato: per riaprirlo serve una motivazione (reopen_reason nello stesso UPDATE)"),
        (#"the audit log is append-only: (\w+) refused"#,
         "il registro delle modifiche accetta solo aggiunte: operazione $1 rifiutata"),
        (#"table (.+) has no primary key: cannot attach the audit triggers"#,
         "la tabella $1 non ha una chiave primaria: impossibile collegarle i trigger del registro delle modifiche"),
        (#"sipav_(\w+)\((.*)\): give the year exactly when the table has one"#,
         "sipav_$1($2): l'anno va indicato se e solo se la tabella ne ha uno"),
        (#"table (.+) has BEFORE INSERT row triggers \((.*)\), which the bulk path cannot run afterwards: insert its rows with the triggers on"#,
         "la tabella $1 ha trigger BEFORE INSERT per riga ($2), che la scrittura in blocco non può eseguire dopo la copia: ne inserisca le righe con i trigger attivi"),
        (#"insert or update on table "(.+)" violates foreign key constraint "(.+)""#,
         "l'inserimento o la modifica nella tabella \"$1\" viola il vincolo di chiave esterna \"$2\""),
        (#"final_scores holds a score without an allocation row \(body (.+), year (\d+), employee (.+)\): move or delete it before this migration"#,
         "final_scores contiene un punteggio senza la riga di ripartizione (ente $1, anno $2, matricola $3): lo sposti o lo cancelli prima di questa migrazione"),
        // The built-in cluster (LocalClusterError), the most particular first.
        (#"cannot create a PostgreSQL cluster in (.+)"#, "impossibile creare un cluster PostgreSQL in $1"),
        (#"cannot tell whether PostgreSQL runs in (.+)"#, "impossibile stabilire se PostgreSQL è in esecuzione in $1"),
        (#"will not delete (.+): it holds files that are not the database's \((.*)\); give the database a folder of its own"#,
         "$1 non viene cancellata: contiene file che non sono del database ($2); dia al database una cartella tutta sua"),
        (#"will not create a database cluster in (.+): it holds files that are not the database's \((.*)\); give the database a folder of its own"#,
         "in $1 non viene creato il cluster del database: contiene file che non sono del database ($2); dia al database una cartella tutta sua"),
        (#"the cluster's socket path (.+) is longer than the 107 bytes a Unix socket allows: choose a data folder with a shorter path"#,
         "il percorso del socket del cluster $1 supera i 107 byte ammessi per un socket Unix: scelga una cartella dei dati con un percorso più breve"),
        (#"cannot find PostgreSQL's initdb and pg_ctl in (.+) or on PATH: install the PostgreSQL server \(Debian: apt-get install postgresql\)"#,
         "initdb e pg_ctl di PostgreSQL non si trovano in $1 né nel PATH: installi il server PostgreSQL (Debian: apt-get install postgresql)"),
        (#"cannot give (.+) to the (.+) user: (.+)"#, "impossibile assegnare $1 all'utente di sistema $2: $3"),
        (#"cannot make (.+) private: (.+)"#, "impossibile rendere $1 accessibile solo al proprietario: $2"),
        (#"cannot open the lock file (.+): (.+)"#, "impossibile aprire il file di lock $1: $2"),
        (#"cannot lock (.+): (.+)"#, "impossibile bloccare $1: $2"),
        (#"cannot create a temporary folder in (.+): (.+)"#, "impossibile creare una cartella temporanea in $1: $2"),
        (#"cannot create (.+): (.+)"#, "impossibile creare $1: $2"),
        (#"cannot run (.+): (.+)"#, "impossibile eseguire $1: $2"),
        (#"cannot wait for (.+): (.+)"#, "impossibile attendere la fine di $1: $2"),
    ]
}
