extension ItalianFaults {
    /// The input files' rules: the CSV and YAML readers, the staff list, the plan, the fund and the settings.
    static let fileRules: [String: String] = [
        // Every file (InputFile, MappedFile; the settings and the previous year's statistics, read whole).
        "the file does not exist: check the name and the folder": "il file non esiste: controlli il nome e la cartella",
        "this is a folder, not a file": "questa è una cartella, non un file",
        "the file cannot be read: check its permissions": "il file non si può leggere: ne controlli i permessi",
        "the file does not exist or cannot be read": "il file non esiste o non si può leggere",
        "not the JSON of `sipav statistics --format json` of a previous year":
            "non è il JSON di `sipav statistics --format json` di un anno precedente",
        "a row of `distribution` lacks group, score or percent": "una riga di `distribution` è priva di group, score o percent",

        // staff.csv.
        "an employee_id has at most 64 characters": "una matricola (employee_id) ha al massimo 64 caratteri",
        "a name has at most 200 characters": "un nome ha al massimo 200 caratteri",
        "a reason has at most 500 characters": "un motivo ha al massimo 500 caratteri",
        "not_assessable gives the reason the appraisal cannot be assessed, and is empty when it can: a yes or a no, a number or a dash is no reason (any text here makes the person not assessable, paid nothing)":
            "not_assessable indica il motivo per cui la valutazione non è possibile, e resta vuoto se la persona è valutabile: "
            + "un sì o un no, un numero o un trattino non sono un motivo (qualsiasi testo qui rende la persona non valutabile, "
            + "senza premio)",
        "a title has at most 500 characters": "un titolo ha al massimo 500 caratteri",
        "the name is required": "il nome è obbligatorio",
        "the category is required (DIR, D, C, B, ...)": "la categoria è obbligatoria (DIR, D, C, B, ...)",
        "the role is segretario_generale (or SG), dirigente or dipendente":
            "il ruolo è segretario_generale (o SG), dirigente o dipendente",
        "part time has at most two decimals": "il part-time ha al massimo due decimali",
        "a part time of 1 % or less is a fraction written for a percentage: half time is 50, not 0,5":
            "un part-time dell'1 % o meno è una frazione scritta al posto di una percentuale: metà tempo si scrive 50, non 0,5",
        "part time is a percentage above 0 and at most 100, like 100 or 33,33":
            "il part-time è una percentuale sopra 0 e al massimo 100, come 100 o 33,33",
        "months of service are a whole number from 0 to 12 (empty = 12)":
            "i mesi di servizio sono un numero intero da 0 a 12 (vuoto = 12)",
        "the file lists no staff: one row per person under the header":
            "il file non elenca alcun dipendente: scriva una riga per persona sotto l'intestazione",
        "the Area is required for everyone but the Segretario Generale":
            "l'Area è obbligatoria per tutti, tranne il Segretario Generale",
        "unknown Area; the plan has no Areas": "Area sconosciuta; il piano non ha Aree",

        // The YAML reader (plan, fund, settings).
        "the file could not be read": "non è stato possibile leggere il file",
        "not valid YAML: an apostrophe inside a text in single quotes ends the text: write the text in double quotes (\"Dell'ente\") or the apostrophe twice ('Dell''ente')":
            "YAML non valido: un apostrofo dentro un testo tra virgolette semplici chiude il testo: scriva il testo tra virgolette doppie (\"Dell'ente\") o raddoppi l'apostrofo ('Dell''ente')",
        "not valid YAML: the quotes opened on this line are not closed on it: close them (\")":
            "YAML non valido: le virgolette aperte in questa riga non vengono chiuse: le chiuda (\") sulla stessa riga",
        "a key appears twice in the same mapping (this line has its first occurrence)":
            "una chiave compare due volte nello stesso gruppo di chiavi (questa riga ne ha la prima occorrenza)",
        "expected keys and values (names and values)": "qui vanno chiavi e valori (nomi e valori)",
        "expected keys and values (a category and its parameter, like D: 1.2)":
            "qui vanno chiavi e valori (una categoria e il suo parametro, come D: 1.2)",
        "expected a list, like [a, b] or lines starting with -": "qui va un elenco, come [a, b] o righe che iniziano con -",
        "the list needs at least 1 element": "l'elenco richiede almeno 1 elemento",
        "the list needs at least 1 strategic line": "l'elenco richiede almeno 1 linea strategica",
        "the list needs at least 1 objective": "l'elenco richiede almeno 1 obiettivo",
        "the list needs at least 1 indicator": "l'elenco richiede almeno 1 indicatore",
        "the list needs at least 2 sub-indicators": "l'elenco richiede almeno 2 sotto-indicatori",
        "the list needs at least 1 fund line": "l'elenco richiede almeno 1 voce del fondo",
        "the list needs at least 1 threshold": "l'elenco richiede almeno 1 soglia",
        "expected a single value, not a list or keys and values": "qui va un solo valore, non un elenco né chiavi e valori",
        "the text is empty": "il testo è vuoto",
        "expected true or false": "qui va true o false",
        "not a date of the calendar: write it as year-month-day, like 2020-06-15":
            "non è una data del calendario: la scriva come anno-mese-giorno, per esempio 2020-06-15",
        "the year is a whole number from 1990 to 2200, like 2019": "l'anno è un numero intero dal 1990 al 2200, come 2019",
        "inside [ ] a comma between two digits separates two numbers: write a decimal with a point (95.5) or in quotes (\"95,5\"), and separate the numbers with a comma and a space ([95, 90])":
            "tra [ ] una virgola fra due cifre separa due numeri: scriva un numero con i decimali con il punto (95.5) o tra virgolette (\"95,5\"), e separi i numeri con una virgola e uno spazio ([95, 90])",

        // plan.yaml.
        "an Area cannot be called ente: that word is the owner of the body's own objectives":
            "un'Area non può chiamarsi ente: questa parola indica il titolare degli obiettivi propri dell'ente",
        "the weight of an objective is a number above 0": "il peso di un obiettivo è un numero sopra 0",
        "organisation.objective_weights is true and other objectives of the plan have a weight: give this one its weight too (with no weight at all, the objectives weigh the same)":
            "l'impostazione organisation.objective_weights è true e altri obiettivi del piano hanno un peso: indichi il peso anche di questo (senza alcun peso, gli obiettivi pesano tutti allo stesso modo)",
        "the validated figure is a percentage from 0 to 100, with at most two decimals":
            "il dato validato è una percentuale da 0 a 100, con al più due decimali",
        "the scope is ente, area:<Area id> or objective:<objective id>":
            "l'ambito è ente, area:<id dell'Area> o objective:<id dell'obiettivo>",
        "an indicator has a scale (or a composite of sub-indicators)":
            "un indicatore ha una scala (o un composto di sotto-indicatori)",
        "an indicator has a scale or a composite, not both": "un indicatore ha una scala o un composto, non entrambi",
        "a composite indicator has no measured value of its own: its sub-indicators have":
            "un indicatore composto non ha un valore misurato proprio: lo hanno i suoi sotto-indicatori",
        "the measured value is required (only a suppressed indicator may lack one; while objectives are planned, --planning accepts it missing)":
            "il valore misurato è obbligatorio (solo un indicatore soppresso può esserne privo; mentre si pianificano gli obiettivi, --planning lo accetta mancante)",
        "the composite's step percentages are one to five, falling, each above 0 and at most 100":
            "le percentuali dei gradini del composto sono da una a cinque, decrescenti, ciascuna sopra 0 e al massimo 100",
        "a yes/no scale has no thresholds: it is met by sì": "una scala sì/no non ha soglie: è raggiunta con sì",
        "a step percentage is above 0 and at most 100": "la percentuale di un gradino è sopra 0 e al massimo 100",
        "a deadline threshold is a month, like 2019-06": "una soglia di una scala deadline è un mese, come 2019-06",
        "the measured value of a deadline scale is the completion date, like 2019-07-26, or non completato":
            "il valore misurato di una scala deadline è la data di completamento, come 2019-07-26, oppure non completato",
        "the measured value of a yes/no scale is sì or no": "il valore misurato di una scala sì/no è sì o no",
        "a suppressed indicator has no measured value: it is left out of every mean; remove measured, or the suppression if the indicator stands":
            "un indicatore soppresso non ha un valore misurato: è escluso da ogni media; tolga measured, o la soppressione se l'indicatore resta",
        "a suppressed indicator has no revision: it has no target in force; remove revision, or the suppression if the indicator stands":
            "un indicatore soppresso non ha una revisione: non ha un traguardo in vigore; tolga revision, o la soppressione se l'indicatore resta",

        // fund.yaml.
        "an amount in euros is not negative and has at most two decimals, like \"734.312,44\" or 734312.44":
            "un importo in euro non è negativo e ha al massimo due decimali, come \"734.312,44\" o 734312.44",
        "a single . or , with three digits after it is ambiguous (thousands or decimals?): write 12480 or 12.480,00 for twelve thousand four hundred and eighty, 12,48 for twelve and 48 hundredths, 12,4800 for three decimals":
            "un solo punto o una sola virgola seguiti da tre cifre sono ambigui (migliaia o decimali?): scriva 12480 o 12.480,00 per dodicimilaquattrocentottanta, 12,48 per dodici e 48 centesimi, 12,4800 per tre decimali (99,9950 per 99,995)",
        "a single . or , with three digits after it is ambiguous (thousands or decimals?): write 12480 or \"12.480,00\" for twelve thousand four hundred and eighty euros, \"12,48\" for twelve euros and 48 cents":
            "un solo punto o una sola virgola seguiti da tre cifre sono ambigui (migliaia o decimali?): scriva 12480 o \"12.480,00\" (tra virgolette) per dodicimilaquattrocentottanta euro, \"12,48\" per dodici euro e 48 centesimi",
        "the staff fund has no line, and the staff list has people paid from it: add its line (of 0 if it has nothing)":
            "il fondo del personale non ha righe, e nell'elenco del personale c'è chi ne è pagato: ne aggiunga la riga (di 0 se è vuoto)",
        "the managers fund has no line, and the staff list has people paid from it: add its line (of 0 if it has nothing)":
            "il fondo dei dirigenti non ha righe, e nell'elenco del personale c'è chi ne è pagato: ne aggiunga la riga (di 0 se è vuoto)",
        "the staff fund holds money, and the staff list has nobody paid from it: check the staff list's roles, or make its lines 0":
            "il fondo del personale ha un importo, ma nell'elenco del personale nessuno ne è pagato: controlli i ruoli nell'elenco, o porti le sue righe a 0",
        "the managers fund holds money, and the staff list has nobody paid from it: check the staff list's roles, or make its lines 0":
            "il fondo dei dirigenti ha un importo, ma nell'elenco del personale nessuno ne è pagato: controlli i ruoli nell'elenco, o porti le sue righe a 0",
        "an amount in euros is at most 1,000,000,000,000.00": "un importo in euro è al massimo di 1.000.000.000.000,00 €",
        "the lines of the staff fund add up to more than 1,000,000,000,000.00 euros":
            "le righe del fondo del personale superano in tutto 1.000.000.000.000,00 €",
        "the lines of the managers fund add up to more than 1,000,000,000,000.00 euros":
            "le righe del fondo dei dirigenti superano in tutto 1.000.000.000.000,00 €",

        // The settings.
        "the minimum months of service are a whole number from 0 to 12":
            "i mesi di servizio minimi sono un numero intero da 0 a 12",
        "a score of the matrix is a whole number from 0 to 6": "un punteggio della matrice è un numero intero da 0 a 6",
        "a score is a whole number from 0 to 6": "un punteggio è un numero intero da 0 a 6",
        "the bands are in order: every score of BASSA below every score of MEDIA, and MEDIA below ALTA":
            "le fasce sono in ordine: ogni punteggio di BASSA sta sotto ogni punteggio di MEDIA, e MEDIA sotto ALTA",
        "the cap is a percentage of the person's share of at least 100":
            "il tetto è una percentuale della quota della persona, di almeno 100",
        "a component is a percentage from 0 to 100": "una componente è una percentuale da 0 a 100",
        "the individual coefficients are proportional or a list of seven values for the scores 0 to 6":
            "i coefficienti individuali sono proportional o un elenco di sette valori per i punteggi da 0 a 6",
        "a coefficient is a percentage from 0 to 100 (\"33,33\") or a fraction (\"2/6\")":
            "un coefficiente è una percentuale da 0 a 100 (\"33,33\") o una frazione (\"2/6\")",
        "the coefficients never fall as the score rises": "i coefficienti non diminuiscono mai al crescere del punteggio",
        "the coefficient of scores 0 and 1 is 0: they earn nothing": "il coefficiente dei punteggi 0 e 1 è 0: non ricevono nulla",
        "scores 0 and 1 are in BASSA: they earn nothing at all": "i punteggi 0 e 1 stanno in BASSA: non ricevono nulla",
        "the managers' share has no Area component: only individual and ente":
            "la quota dei dirigenti non ha una componente Area: solo individuale ed ente",
        "the coefficient of score 5 is below 100: only a 6 earns the full individual component":
            "il coefficiente del punteggio 5 è sotto 100: solo un 6 riceve l'intera componente individuale",
        "the coefficient of score 6 is 100: a 6 earns the full individual component":
            "il coefficiente del punteggio 6 è 100: un 6 riceve l'intera componente individuale",
        "a category parameter is a number above 0 with at most four decimals, like 1.2":
            "il parametro di una categoria è un numero sopra 0 con al massimo quattro decimali, come 1.2",
        "the share of staff is a percentage": "la quota di personale è una percentuale",
        "the increase is a percentage of the average": "la maggiorazione è una percentuale della media",
    ]

    /// The files' rules with names or figures in them: the pattern, and the Italian with `$1`, `$2` for what it captured.
    static let filePatterns: [(String, String)] = [
        (#"the statistics compared with must be of an earlier year of the same body \((.+), before (\d+)\)"#,
         "le statistiche da confrontare devono essere di un anno precedente dello stesso ente ($1, prima del $2)"),
        // staff.csv.
        (#"each employee appears once: (.+) is on lines (\d+) and (\d+)"#,
         "ogni dipendente compare una volta sola: $1 compare alle righe $2 e $3"),
        (#"two employee ids may not differ in case alone: (.+) is on line (\d+), (.+) on line (\d+) \(one person, or two ids to tell apart\)"#,
         "due matricole non possono differire solo per maiuscole e minuscole: $1 è alla riga $2, $3 alla riga $4 (è la stessa persona, o due matricole da distinguere)"),
        // objectives.csv.
        (#"the file was downloaded for year (.+), not for the plan's year (\d+): use the objectives.csv of year (\d+)"#,
         "il file è stato scaricato per l'anno $1 (colonna year), non per l'anno del piano, $2: usi objectives.csv dell'anno $3"),
        (#"unknown employee: the staff list writes the id (.+), in another case: write it as the staff list does"#,
         "dipendente sconosciuto: l'elenco del personale scrive la matricola $1, con altre maiuscole e minuscole: la scriva come nell'elenco del personale"),
        // Also the plan's validated figures (scope area:…), whose list may be empty.
        (#"unknown Area; the plan's Areas are (.*)"#, "Area sconosciuta; le Aree del piano sono $1"),

        // The YAML reader.
        (#"unknown key; allowed keys are (.*)"#, "chiave sconosciuta; le chiavi ammesse sono $1"),
        (#"unknown key; inside \{ \} a comma separates the keys: write a number with a decimal comma in quotes, like "7\.500,71""#,
         "chiave sconosciuta: tra { } la virgola separa le chiavi; un numero con la virgola decimale va tra virgolette, come \"7.500,71\""),
        (#"a key appears twice in the same mapping: it is also on line (\d+)"#,
         "una chiave compare due volte nello stesso gruppo di chiavi: la prima volta alla riga $1"),
        (#"the day does not exist in the calendar: month (\d+)/(\d+) has (\d+) days"#,
         "questo giorno non esiste nel calendario: il mese $1/$2 ha $3 giorni"),
        (#"the key thresholds is required for a (.+) scale"#, "la chiave thresholds è obbligatoria per una scala $1"),
        (#"the key (.+) has no value"#, "la chiave $1 non ha un valore"),
        (#"the key (.+) is required"#, "la chiave $1 è obbligatoria"),
        (#"expected keys and values \((.*)\)"#, "qui vanno chiavi e valori ($1)"),
        (#"the list needs at least (\d+) elements"#, "l'elenco richiede almeno $1 elementi"),
        (#"unknown scale kind; allowed: (.+)"#, "tipo di scala sconosciuto; valori ammessi: $1"),
        (#"unknown fund; allowed: (.+)"#, "fondo sconosciuto; valori ammessi: $1"),
        (#"unknown composite rule; allowed: (.+)"#, "regola degli indicatori composti sconosciuta; valori ammessi: $1"),
        (#"unknown rounding; allowed: (.+)"#, "arrotondamento sconosciuto; valori ammessi: $1"),
        (#"unknown residual rule; allowed: (.+)"#, "regola del residuo sconosciuta; valori ammessi: $1"),
        (#"unknown (.+); allowed: (.+)"#, "valore sconosciuto ($1); valori ammessi: $2"),
        // YAML syntax, as the YAML library states it: the usual problems in Italian (the library's context, in
        // English, is left out: the line is given), any other after an Italian opening.
        (#"not valid YAML: mapping values are not allowed in this context(?: \(.*\))?"#,
         "YAML non valido: i due punti (:) non sono ammessi in questo punto; se un testo contiene «: », lo scriva tra virgolette"),
        (#"not valid YAML: block sequence entries are not allowed in this context(?: \(.*\))?"#,
         "YAML non valido: un elemento di elenco (-) non è ammesso in questo punto; controlli il rientro delle righe"),
        (#"not valid YAML: did not find expected key(?: \(.*\))?"#,
         "YAML non valido: manca la chiave attesa; controlli il rientro delle righe"),
        (#"not valid YAML: could not find expected ':'(?: \(.*\))?"#,
         "YAML non valido: mancano i due punti (:) dopo una chiave"),
        (#"not valid YAML: did not find expected '-' indicator(?: \(.*\))?"#,
         "YAML non valido: manca il trattino (-) di un elemento dell'elenco; controlli il rientro delle righe"),
        (#"not valid YAML: did not find expected node content(?: \(.*\))?"#,
         "YAML non valido: manca un valore dove era atteso"),
        (#"not valid YAML: did not find expected ',' or '\]'(?: \(.*\))?"#,
         "YAML non valido: manca una virgola o la parentesi quadra di chiusura (])"),
        (#"not valid YAML: did not find expected ',' or '\}'(?: \(.*\))?"#,
         "YAML non valido: manca una virgola o la parentesi graffa di chiusura (})"),
        (#"not valid YAML: found unexpected end of stream(?: \(.*\))?"#,
         "YAML non valido: il file finisce prima del previsto; controlli le virgolette e le parentesi aperte"),
        (#"not valid YAML: found character that cannot start any token(?: \(.*\))?"#,
         "YAML non valido: un carattere non può iniziare un valore (per esempio @, ` o una tabulazione); scriva il testo tra virgolette"),
        (#"not valid YAML: found a tab character (?:that violates indentation|where an indentation space is expected)(?: \(.*\))?"#,
         "YAML non valido: una tabulazione nel rientro; rientri le righe con spazi, non con tabulazioni"),
        (#"not valid YAML: found unknown escape character(?: \(.*\))?"#,
         "YAML non valido: sequenza con \\ sconosciuta in un testo tra virgolette doppie; usi le virgolette semplici o scriva \\\\"),
        (#"not valid YAML: found undefined alias(?: \(.*\))?"#, "YAML non valido: alias (*) non definito"),
        (#"not valid YAML: did not find expected <document start>(?: \(.*\))?"#,
         "YAML non valido: una riga non segue il rientro delle precedenti; controlli che le chiavi principali inizino a "
             + "inizio riga, senza spazi prima"),
        (#"not valid YAML: but found another document(?: \(.*\))?"#,
         "YAML non valido: il file contiene più di un documento (---)"),
        (#"not valid YAML: (\d+):(\d+): error: reader: control characters are not allowed:[\s\S]*"#,
         "YAML non valido: carattere di controllo non ammesso alla riga $1, colonna $2"),
        (#"not valid YAML: ([\s\S]+)"#, "YAML non valido: $1"),

        // plan.yaml.
        (#"unknown owner; the owner is ente \(the plan lists no Area\)"#, "titolare sconosciuto; il titolare è ente (il piano non elenca alcuna Area)"),
        (#"unknown owner; the owner is ente or an Area of the plan \((.*)\)"#,
         "titolare sconosciuto; il titolare è ente o un'Area del piano ($1)"),
        (#"unknown objective; the plan's objectives are (.*)"#, "obiettivo sconosciuto; gli obiettivi del piano sono $1"),
        (#"unknown strategic line; the plan's lines are (.*)"#, "linea strategica sconosciuta; le linee del piano sono $1"),
        (#"each strategic line id appears once: (.+) is also on line (\d+)"#,
         "ogni id di linea strategica compare una volta sola: $1 compare anche alla riga $2"),
        (#"each Area id appears once: (.+) is also on line (\d+)"#,
         "ogni id di Area compare una volta sola: $1 compare anche alla riga $2"),
        (#"each Area id appears once, whatever its case: (.+) is also on line (\d+)"#,
         "ogni id di Area compare una volta sola, senza distinguere maiuscole e minuscole: $1 compare anche alla riga $2"),
        (#"an objective names each strategic line once: (.+) is already in its list"#,
         "un obiettivo indica ogni linea strategica una volta sola: $1 è già nel suo elenco"),
        (#"a sub-indicator cannot itself be composite: give it a scale and a measured value"#,
         "un sotto-indicatore non può essere a sua volta composto: gli dia una scala e un valore misurato"),
        (#"every sub-indicator of this composite is suppressed: suppress the composite itself"#,
         "tutti i sotto-indicatori di questo indicatore composto sono soppressi: si sopprima l'indicatore composto stesso"),
        (#"a completion date lies in the plan's year (\d+) or the year after"#,
         "la data di completamento cade nell'anno del piano, $1, o in quello successivo"),
        (#"a deadline threshold is a month of the plan's year (\d+) or of the year after"#,
         "una soglia di una scala deadline è un mese dell'anno del piano, $1, o dell'anno successivo"),
        (#"each objective id appears once: (.+) is also on line (\d+)"#,
         "ogni id di obiettivo compare una volta sola: $1 compare anche alla riga $2"),
        (#"the OIV validates each scope once: (.+) is also on line (\d+)"#,
         "l'OIV valida ogni ambito una volta sola: $1 compare anche alla riga $2"),
        (#"each indicator id appears once: (.+) is also on line (\d+)"#,
         "ogni id di indicatore compare una volta sola: $1 compare anche alla riga $2"),
        (#"give one percent per step: the scale has (\d+) steps? and (\d+) percents"#,
         "indichi una percentuale per gradino: gradini della scala $1, percentuali indicate $2"),
        (#"a threshold of a (.+) scale is a number, like 80 or "2,5""#,
         "una soglia di una scala $1 è un numero, come 80 o \"2,5\""),
        (#"thresholds must get easier to meet from the first step to the last: in a (.+) scale each threshold is higher than the one before, and this one is not higher than (.+)"#,
         "le soglie devono essere sempre più facili da raggiungere dal primo gradino all'ultimo: in una scala $1 ogni soglia è più alta della precedente, e questa non è più alta di $2"),
        (#"thresholds must get easier to meet from the first step to the last: in a (.+) scale each threshold is lower than the one before, and this one is not lower than (.+)"#,
         "le soglie devono essere sempre più facili da raggiungere dal primo gradino all'ultimo: in una scala $1 ogni soglia è più bassa della precedente, e questa non è più bassa di $2"),
        (#"thresholds must get easier to meet from the first step to the last: in a deadline scale each threshold is a later month than the one before, and this one is not later than (.+)"#,
         "le soglie devono essere sempre più facili da raggiungere dal primo gradino all'ultimo: in una scala deadline ogni soglia è un mese successivo al precedente, e questa non è successiva a $1"),
        (#"the measured value of a (.+) scale is a number, like 75 or 3,16"#,
         "il valore misurato di una scala $1 è un numero, come 75 o 3,16"),

        // The settings.
        (#"a row of the matrix has seven scores, for cosa 0 to 6; this one has (\d+)"#,
         "una riga della matrice ha sette punteggi, per cosa da 0 a 6; questa ne ha $1"),
        (#"score (\d+) is in two bands, (.+) and (.+)"#, "il punteggio $1 è in due fasce, $2 e $3"),
        (#"every score 0 to 6 is in one band; not in any: (.+)"#,
         "ogni punteggio da 0 a 6 sta in una fascia; non sono in alcuna fascia: $1"),
        (#"the individual coefficients are seven values, for the scores 0 to 6; this list has (\d+)"#,
         "i coefficienti individuali sono sette valori, per i punteggi da 0 a 6; questo elenco ne ha $1"),
    ]
}
