import SIPAV

/// The faults and refusals the core states in English (in its tests and logs), said in Italian to the people who
/// read them: on the web pages and by the command line. The readers' faults of every input file, the checks of a
/// year's records, plan, fund and settings, the rules that stop an allocation, the store's refusals and the
/// command line's own messages. A text these tables do not know is shown as written.
public enum ItalianFaults {
    /// A rule or a message in Italian.
    public static func rule(_ rule: String) -> String {
        if let fixed = fixed[rule] { return fixed }
        for pattern in patterns where rule.hasPrefix(pattern.literalStart) {
            guard let match = try? pattern.regex.wholeMatch(in: rule) else { continue }
            return filled(pattern.italian) { index in
                index < match.output.count ? match.output[index].substring.map(String.init) ?? "" : nil
            }
        }
        return rule
    }

    /// `template` with each `$n` replaced by capture `n`, in one pass: what a capture holds (an id, a value
    /// read from a file) is never read again as a `$n` of its own.
    static func filled(_ template: String, capture: (Int) -> String?) -> String {
        var text = ""
        var rest = template[...]
        while let dollar = rest.firstIndex(of: "$") {
            text += rest[..<dollar]
            let digits = rest[rest.index(after: dollar)...].prefix(while: { $0.isASCII && $0.isNumber })
            if let index = Int(digits), let value = capture(index) {
                text += value
                rest = rest[digits.endIndex...]
            } else {
                text += "$"
                rest = rest[rest.index(after: dollar)...]
            }
        }
        return text + rest
    }

    /// The field of a fault: the reader calls the header `header`.
    public static func field(_ field: String?) -> String? {
        field == "header" ? "intestazione" : field
    }

    /// Where a fault of a stored year lies: `database (body B, year Y) objectives E0012` is E0012's objectives.
    /// The body and the year are those of the page; an uploaded file keeps its name.
    public static func place(_ file: String) -> String {
        guard file.hasPrefix("database (body "), let match = file.wholeMatch(of: storedPlace) else { return file }
        let person = match.4.map(String.init)
        switch match.3 {
        case "plan settings": return "impostazioni dell'anno"
        case "plan": return "piano della performance"
        case "fund": return "fondo"
        case "staff": return person.map { "personale, \($0)" } ?? "personale"
        default: return person.map { "obiettivi individuali di \($0)" } ?? "obiettivi individuali"
        }
    }

    /// A fault as one Italian sentence: place, line, field and value, then the rule.
    public static func sentence(_ fault: InputError) -> String {
        var text = place(fault.file)
        if let line = fault.line { text += ", riga " + ItalianNumbers.integer(line) }
        if let field = field(fault.field) { text += ", campo \(field)" }
        if let value = fault.value, !value.isEmpty { text += " («\(value)»)" }
        return text + ": " + rule(fault.rule)
    }

    /// A fault as the command line prints it, on one line that editors and `grep` read as a place:
    /// `staff.csv:12: campo "part_time", valore "0": la percentuale di part-time è sopra 0 e al massimo 100`.
    public static func line(_ fault: InputError) -> String {
        var text = place(fault.file)
        if let line = fault.line { text += ":\(line)" }
        text += ":"
        if let field = field(fault.field) { text += " campo \"\(field)\"" }
        if let value = fault.value { text += (fault.field == nil ? "" : ",") + " valore \"\(value)\"" }
        if fault.field != nil || fault.value != nil { text += ":" }
        return text + " " + rule(fault.rule)
    }

    /// The first `shown` faults as sentences, and how many more sentences there are: a large body
    /// still being rated has one per unrated objective. A sentence said of several records alike (a person's six
    /// unrated objectives, in the database's words) is said once, with how many times it stands.
    public static func listing(_ errors: InputErrors, first shown: Int) -> (sentences: [String], more: Int) {
        var order: [String] = []
        var times: [String: Int] = [:]
        for fault in errors.errors {
            let text = sentence(fault)
            if times[text] == nil { order.append(text) }
            times[text, default: 0] += 1
        }
        let sentences = order.prefix(shown).map { text in
            times[text]! > 1 ? text + " (\(ItalianNumbers.integer(times[text]!)) volte)" : text
        }
        return (sentences, max(0, order.count - shown))
    }

    /// A fault's parts for a page: file, line, field, value and rule.
    public static func values(_ fault: InputError) -> [String: Any] {
        var values: [String: Any] = ["file": place(fault.file), "rule": rule(fault.rule)]
        if let line = fault.line { values["line"] = ItalianNumbers.integer(line) }
        if let field = field(fault.field) { values["field"] = field }
        if let value = fault.value { values["value"] = value }
        return values
    }

    /// The place of a stored record, compiled once (a literal would be compiled again at every call).
    nonisolated(unsafe) private static let storedPlace =
        /database \(body (.*), year (\d+)\) (plan settings|plan|staff|objectives|fund)(?: (.+))?/

    /// The stored year a fault's place names, in Italian (`database (ente CCIAA-TO, anno 2020)`); nil for a file.
    public static func storedYear(_ file: String) -> String? {
        guard file.hasPrefix("database (body "), let match = file.wholeMatch(of: storedPlace) else { return nil }
        return "database (ente \(match.1), anno \(match.2))"
    }

    /// Every table, merged once: the first table that knows a text gives its Italian.
    private static let fixed: [String: String] = [coreRules, fileRules, messageRules].reduce(into: [:]) { all, table in
        all.merge(table) { first, _ in first }
    }
    nonisolated(unsafe) private static let patterns = (corePatterns + filePatterns + messagePatterns).map(Pattern.init)

    /// A rule with names or figures in it. A text is matched against the regular expression only when it starts
    /// with the pattern's literal start: a list of a million faults meets a few expressions each, not all of them.
    struct Pattern {
        let regex: Regex<AnyRegexOutput>
        let italian: String
        let literalStart: String

        init(_ source: String, _ italian: String) {
            regex = try! Regex(source)
            self.italian = italian
            literalStart = Self.literalStart(of: source)
        }

        /// The text every match begins with: the pattern's characters up to its first capture, class, wildcard or
        /// option, escaped punctuation read as itself, without a character a quantifier makes optional.
        static func literalStart(of source: String) -> String {
            guard !hasTopLevelAlternative(source) else { return "" }
            var start = ""
            var characters = source.makeIterator()
            while let character = characters.next() {
                switch character {
                case "\\":
                    guard let escaped = characters.next(), "()[]{}.*+?|^$\\/-\"#".contains(escaped) else { return start }
                    start.append(escaped)
                case "?", "*", "{":
                    if !start.isEmpty { start.removeLast() }
                    return start
                case "(", ")", "[", "]", ".", "+", "|", "^", "$":
                    return start
                default:
                    start.append(character)
                }
            }
            return start
        }

        /// Whether `a|b` stands outside every group: then a match need not start with `a`.
        static func hasTopLevelAlternative(_ source: String) -> Bool {
            var depth = 0
            var characters = source.makeIterator()
            while let character = characters.next() {
                switch character {
                case "\\": _ = characters.next()
                case "(": depth += 1
                case ")": depth -= 1
                case "|" where depth == 0: return true
                default: break
                }
            }
            return false
        }
    }

    private static let coreRules: [String: String] = [
        // The CSV reader.
        "the file is empty": "il file è vuoto",
        "the file is not UTF-8: save it as CSV UTF-8 (or as UTF-8 text)":
            "il file non è in UTF-8: lo salvi come «CSV UTF-8» (o come testo UTF-8)",
        "the file is not UTF-8: save it as UTF-8 text": "il file non è in UTF-8: lo salvi come testo con codifica UTF-8",
        "the line holds a NUL character (byte 0), which no text may hold: the file is damaged or not text":
            "la riga contiene un carattere NUL (byte 0), che nessun testo può contenere: il file è danneggiato o non è un file di testo",
        "text after a closing quote in the header": "testo dopo le virgolette di chiusura nell'intestazione",
        "a quote opened here is never closed": "le virgolette aperte qui non vengono mai chiuse",
        "a quote opened here is never closed: the rest of the file is inside it":
            "le virgolette aperte qui non vengono mai chiuse: il resto del file è tra virgolette",
        "text after a closing quote: a quote inside a quoted field is written twice (\"\")":
            "testo dopo le virgolette di chiusura: le virgolette dentro un campo tra virgolette si scrivono doppie (\"\")",
        "required column is missing from the header": "colonna obbligatoria assente dall'intestazione",
        "a name is written on one line, without line breaks or tabs": "un nome si scrive su una riga, senza a capo né tabulazioni",
        "the Segretario Generale belongs to no Area: leave the area empty":
            "il Segretario Generale non appartiene a un'Area: lasci vuota l'area",
        "the header is separated by tabs: save the file as CSV, separated by ; or ,":
            "l'intestazione è separata da tabulazioni: salvi il file come CSV, separato da ; o da ,",
        "the lines end in a carriage return alone (an old Macintosh CSV): save the file as CSV UTF-8":
            "le righe finiscono con un ritorno a capo da solo (un vecchio CSV per Macintosh): salvi il file come CSV UTF-8",
        // objectives.csv.
        "the employee_id is required": "la matricola (employee_id) è obbligatoria",
        "unknown employee: not in the staff list": "dipendente sconosciuto: non è nell'elenco del personale",
        "the objective's code is required": "il codice dell'obiettivo è obbligatorio",
        "a code has at most 50 characters": "un codice ha al massimo 50 caratteri",
        "the weight is required": "il peso è obbligatorio",
        "cosa and come are given together (both empty while the objective is not rated)":
            "cosa e come si indicano insieme (entrambi vuoti finché l'obiettivo non è valutato)",
        "cosa is a whole number from 0 to 6": "cosa è un numero intero da 0 a 6",
        "come is A, B or C": "come è A, B o C",
        "the version is the one the download wrote: a whole number from 1, or empty for a new objective":
            "la versione è quella scritta dal file scaricato: un numero intero da 1, o vuota per un obiettivo nuovo",
        "the year is the one the download wrote: a whole number like 2024, or empty":
            "l'anno è quello scritto dal file scaricato: un numero intero come 2024, o vuoto",
        "the weight has at most two decimals": "il peso ha al massimo due decimali",
        "the weight is a percentage above 0 and at most 100, like 100 or 33,33":
            "il peso è una percentuale sopra 0 e al massimo 100, come 100 o 33,33",
        // The records of a year.
        "every person but the Segretario Generale belongs to an Area":
            "ogni persona, tranne il Segretario Generale, appartiene a un'Area",
        "months of service lie between 0 and 12": "i mesi di servizio sono tra 0 e 12",
        "the part-time percent lies above 0 and at most 100": "la percentuale di part-time è sopra 0 e al massimo 100",
        "the Area must be one of the plan's": "l'Area deve essere una di quelle del piano",
        "the file lists no objectives after its header, and every assessable person has at least one":
            "il file non elenca alcun obiettivo dopo l'intestazione, e ogni persona valutabile ne ha almeno uno",
        "an assessable person has at least one individual objective":
            "una persona valutabile ha almeno un obiettivo individuale",
        "each objective of a person appears once": "ogni obiettivo di una persona compare una volta sola",
        "a weight lies above 0 and at most 100": "un peso è sopra 0 e al massimo 100",
        "cosa is an integer from 0 to 6": "cosa è un numero intero da 0 a 6",
        "every objective of an assessable person is rated before scoring":
            "ogni obiettivo di una persona valutabile va valutato (cosa e come) prima del calcolo dei punteggi",
        // The fund and the settings.
        "the Giunta's confirmation of the fund (date and reference) is recorded before allocating":
            "la conferma del fondo da parte della Giunta (data e riferimento) va registrata prima della ripartizione",
        "the OIV's check of the conditions for paying (date and reference) is recorded before allocating":
            "la verifica dell'OIV sulle condizioni per l'erogazione (data e riferimento) va registrata prima della ripartizione",
        "the cosa/come matrix has three rows (A, B, C) of seven scores (cosa 0…6)":
            "la matrice cosa/come ha tre righe (A, B, C) di sette punteggi (cosa 0…6)",
        "every score of the cosa/come matrix lies in 0…6": "ogni punteggio della matrice cosa/come è tra 0 e 6",
        "in each row of the cosa/come matrix a higher cosa never scores less":
            "in ogni riga della matrice cosa/come un cosa più alto non vale mai meno",
        "the components of a share are not negative and sum to 100 %":
            "le componenti di una quota non sono negative e sommano a 100 %",
        "the share of staff receiving the top-rating increase lies above 0 % and at most 100 %":
            "la quota di personale che riceve la maggiorazione è sopra 0 % e al massimo 100 %",
        "the top-rating increase is at least 30 % of the average individual component (CCNL 21/05/2018 art. 69)":
            "la maggiorazione è almeno il 30 % della componente individuale media (CCNL 21/05/2018 art. 69)",
        // The plan's target scales.
        "a yes/no scale has one step only": "una scala sì/no ha un solo gradino",
        "a yes/no scale pays 100 % for sì: its percents, when given, are [100]":
            "una scala sì/no dà il 100 % per il sì: le sue percentuali, se indicate, sono [100]",
        "step percentages lie above 0 % and at most 100 %": "le percentuali dei gradini sono sopra 0 % e al massimo 100 %",
        "step percentages must fall from the first step to the last":
            "le percentuali dei gradini devono scendere dal primo all'ultimo",
        "thresholds must get easier to meet from the first step to the last":
            "le soglie devono essere sempre più facili da raggiungere dal primo gradino all'ultimo",
    ]

    /// Rules with figures or names in them: the pattern, and the Italian with `$1`, `$2` for what it captured.
    private static let corePatterns: [(String, String)] = [
        (#"column (\d+) of the header has no name: name it or delete the column"#,
         "la colonna $1 dell'intestazione non ha nome: le dia un nome o la cancelli"),
        (#"unknown column; known columns are (.*)"#, "colonna sconosciuta; le colonne previste sono $1"),
        (#"the body has one Segretario Generale, and (.+) is one already"#, "l'ente ha un solo Segretario Generale, e $1 lo è già"),
        (#"a confirmation of the (\d+) fund is dated from (\d+) to (\d+)"#, "una conferma del fondo $1 ha una data dal $2 al $3"),
        (#"(.+) differs from (.+) in case alone: one person, or two ids to tell apart"#,
         "$1 differisce da $2 solo per maiuscole e minuscole: è la stessa persona, o due matricole da distinguere"),
        (#"the column (\S+) is missing from the header: (\S+) and (\S+) go together"#,
         "la colonna $1 manca dall'intestazione: $2 e $3 si indicano insieme"),
        (#"the column appears twice in the header \(columns (\d+) and (\d+)\)"#,
         "la colonna compare due volte nell'intestazione (colonne $1 e $2)"),
        (#"row has 1 field, the header has (\d+)"#, "la riga ha 1 campo, l'intestazione ne ha $1"),
        (#"row has (\d+) fields, the header has (\d+)"#, "la riga ha $1 campi, l'intestazione ne ha $2"),
        (#"the weights of (.+)'s objectives sum to ([0-9.,]+), not 100"#, "i pesi degli obiettivi di $1 sommano a $2: devono sommare a 100"),
        (#"each employee appears once \(first at row (\d+)\)"#, "ogni dipendente compare una volta sola (la prima volta alla riga $1)"),
        (#"the fund's year must be the plan's year \((\d+)\)"#, "l'anno del fondo deve essere quello del piano ($1)"),
        (#"the manager of Area (.+) must be in the staff list"#, "il dirigente dell'Area $1 deve essere nell'elenco del personale"),
        (#"the manager of Area (.+) is a dirigente or the Segretario Generale, not a dipendente"#,
         "chi guida l'Area $1 è un dirigente o il Segretario Generale, non un dipendente"),
        (#"the category differs from (.+) only in case: write it (.+) \(each category is a group of the published statistics\)"#,
         "la categoria differisce da $1 solo per maiuscole e minuscole: la scriva $2 (ogni categoria è un gruppo delle statistiche pubblicate)"),
        (#"the settings give the category (.+) its share parameter: write it (.+) \(a category they do not list weighs 1\)"#,
         "le impostazioni danno alla categoria $1 il suo parametro di ripartizione: la scriva $2 (una categoria che non elencano pesa 1)"),
        (#"objective (.+) has every indicator suppressed: it is left out of every mean and has no result to validate"#,
         "l'obiettivo $1 ha tutti gli indicatori soppressi: è escluso da ogni media e non ha un risultato da validare"),
        (#"the ente has no objective left that is not suppressed \(every indicator of its objectives is suppressed\)"#,
         "l'ente non ha più obiettivi non soppressi (tutti gli indicatori dei suoi obiettivi sono soppressi)"),
        (#"Area (.+) has no objective left that is not suppressed \(every indicator of its objectives is suppressed\)"#,
         "l'Area $1 non ha più obiettivi non soppressi (tutti gli indicatori dei suoi obiettivi sono soppressi)"),
        (#"the ente has no objectives"#, "l'ente non ha obiettivi"),
        (#"Area (.+) has no objectives"#, "l'Area $1 non ha obiettivi"),
        (#"the objective weights of the ente sum to zero"#, "i pesi degli obiettivi dell'ente sommano a zero"),
        (#"the objective weights of Area (.+) sum to zero"#, "i pesi degli obiettivi dell'Area $1 sommano a zero"),
        (#"indicator (.+) is not measured yet: the results need its measured value \(add it to the plan and import it again\)"#,
         "l'indicatore $1 non è ancora misurato: i risultati richiedono il suo valore misurato (lo aggiunga al piano e importi di nuovo l'anno: sipav db export, poi sipav db import)"),
        (#"(\d+) indicators are not measured yet \((.+)\): the results need their measured values \(add them to the plan and import it again\)"#,
         "$1 indicatori non sono ancora misurati ($2): i risultati richiedono i loro valori misurati (li aggiunga al piano e importi di nuovo l'anno: sipav db export, poi sipav db import)"),
        (#"the measured value of indicator (.+) does not suit its (.+) scale"#,
         "il valore misurato dell'indicatore $1 non è adatto alla sua scala ($2)"),
        (#"composite indicator (.+) has every sub-indicator suppressed; suppress the indicator itself"#,
         "l'indicatore composto $1 ha tutti i sotto-indicatori soppressi: si sopprima l'indicatore stesso"),
        (#"a target scale has from one to five steps, this one has (\d+)"#,
         "una scala di valutazione ha da uno a cinque gradini, questa ne ha $1"),
        (#"threshold (\d+) does not suit a (.+) scale"#, "la soglia $1 non è adatta a una scala $2"),
        // Storing an allocation.
        (#"the records of year (\d+) of body (.+) changed since the allocation was computed \(another officer imported or rated in the meantime\): compute it again"#,
         "i dati dell'anno $1 sono cambiati dopo il calcolo della ripartizione (un altro utente ha importato o valutato nel frattempo): la calcoli di nuovo"),
        (#"there is no year (\d+) of body (.+) in the database: import it first"#, "l'anno $1 dell'ente $2 non è nel database: va prima importato"),
        (#"year (\d+) of body (.+) is already (allocated|published): reopen it with a reason \(sipav db reopen\) to allocate again"#,
         "l'anno $1 dell'ente $2 è già ripartito o pubblicato: per ripartirlo di nuovo va riaperto con una motivazione"),
    ]
}
