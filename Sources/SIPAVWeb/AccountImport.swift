import SIPAV
import SIPAVFiles

/// What HR asks for: one account, typed in the form or listed on a line of a CSV file.
struct AccountRequest: Sendable {
    let username: String
    let roleCode: String
    let employeeID: String
    /// The CSV line; nil for the form.
    var line: Int? = nil
}

/// The rules every new account follows, whether HR types it in the form or lists it in a file. Each fault names
/// the field (`utente`, `ruolo`, `matricola`) and the rule, in Italian.
struct AccountRules {
    /// The years whose staff the matricola must belong to, in order (`PostgresStore.accountYears`); none when no year
    /// is loaded yet.
    let years: [Int]
    /// Usernames of existing accounts among those asked for, lowercased: a username is taken whatever its case.
    let taken: Set<String>
    /// Employee ids of the year's staff among those asked for, whatever their case, as the staff writes them.
    let staff: Set<String>
    /// Employee ids among those asked for of the year's dirigenti and Segretario Generale: who may hold a manager account.
    var managers: Set<String> = []
    /// The enabled manager or employee account of each person among those asked for who has one (SQL/0017).
    var personalAccounts: [String: String] = [:]

    /// "dell'anno 2023", or "dell'anno 2023 o del 2024".
    private var ofTheYears: String { "dell'anno " + years.map(String.init).joined(separator: " o del ") }
    /// "nell'anno 2023", or "nell'anno 2023 o nel 2024".
    private var inTheYears: String { "nell'anno " + years.map(String.init).joined(separator: " o nel ") }

    static let usernameRule = "il nome utente ha da 1 a 64 caratteri tra lettere (senza accenti), cifre e . _ @ -"

    /// The account `request` asks for, or the faults that stop it, each as (field, rule).
    func check(_ request: AccountRequest) -> (account: NewAccount?, faults: [(field: String, rule: String)]) {
        var faults: [(field: String, rule: String)] = []
        let username = request.username
        if username.isEmpty {
            faults.append(("utente", "il nome utente è obbligatorio"))
        } else if !AccountRules.isValidUsername(username) {
            faults.append(("utente", AccountRules.usernameRule))
        } else if taken.contains(username.lowercased()) {
            faults.append(("utente", "esiste già un account con questo nome utente: non viene sovrascritto"))
        }
        let role = AccountRole(code: request.roleCode)
        if role == nil {
            faults.append(("ruolo", "il ruolo è personale, dirigente o dipendente"))
        }
        let employeeID = request.employeeID
        if employeeID.isEmpty {
            if role?.needsEmployee == true {
                faults.append(("matricola", "la matricola è obbligatoria per il ruolo \(request.roleCode.lowercased())"))
            }
        } else if !years.isEmpty, !staff.contains(employeeID) {
            if let meant = staff.first(where: { $0.lowercased() == employeeID.lowercased() }) {
                faults.append(("matricola", "nel personale \(ofTheYears) la matricola è scritta \(meant): la scriva così"))
            } else {
                faults.append(("matricola", "nessuna persona con questa matricola nel personale \(ofTheYears)"))
            }
        } else if years.isEmpty {
            faults.append(("matricola", "nessun anno di valutazione è stato ancora caricato: la matricola non si può controllare"))
        }
        if !years.isEmpty, let role, role != .hr, !employeeID.isEmpty, staff.contains(employeeID) {
            if role == .manager && !managers.contains(employeeID) {
                faults.append(("ruolo", "il ruolo dirigente è per chi \(inTheYears) è dirigente o Segretario Generale"))
            }
            if let other = personalAccounts[employeeID] {
                faults.append(("matricola", "questa persona ha già l'account «\(other)» attivo: lo disattivi prima di crearne o riattivarne un altro"))
            }
        }
        guard faults.isEmpty, let role else { return (nil, faults) }
        return (NewAccount(username: username, role: role, employeeID: employeeID.isEmpty ? nil : employeeID), [])
    }

    /// The database's rule for usernames: `^[A-Za-z0-9._@-]{1,64}$`.
    static func isValidUsername(_ username: String) -> Bool {
        username.utf8.count <= Accounts.maximumUsernameLength && !username.isEmpty && username.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "@")
                || byte == UInt8(ascii: "-")
        }
    }
}

/// The accounts CSV file HR uploads: `utente;ruolo;matricola`, as an Italian spreadsheet saves it (`;`, UTF-8 with
/// or without BOM), read with the same CSV reader as the year's files.
enum AccountFile {
    static let columns: [CSVColumn] = [.required("utente"), .required("ruolo"), .required("matricola")]
    private static let (username, role, employeeID) = (0, 1, 2)

    /// The file's requests in file order, or every fault of its structure (header, quotes, fields per row) at once.
    static func read(bytes: [UInt8], file: String) -> Result<[AccountRequest], InputErrors> {
        do {
            let table = try CSVTable(bytes: bytes, file: file, columns: columns)
            var requests: [AccountRequest] = []
            let structure = table.forEachRecord { record in
                requests.append(AccountRequest(username: record.text(username) ?? "", roleCode: record.text(role) ?? "",
                                               employeeID: record.text(employeeID).map(SpreadsheetText.read) ?? "", line: record.line))
            }
            let faults = table.headerFaults + structure
            guard faults.isEmpty else { return .failure(InputErrors(faults)) }
            guard !requests.isEmpty else {
                return .failure(InputErrors([InputError(file: file, line: table.headerLine, field: nil,
                                                        rule: "il file non elenca alcun account: una riga per account sotto l'intestazione")]))
            }
            return .success(requests)
        } catch {
            return .failure(error)
        }
    }

    /// Checks every request against `rules` and against the others of the file (a username listed twice): the
    /// accounts when all are valid, else every fault, naming the file, the line, the field and the value.
    static func check(_ requests: [AccountRequest], rules: AccountRules, file: String) -> Result<[NewAccount], InputErrors> {
        var accounts: [NewAccount] = []
        var faults: [InputError] = []
        var firstLine: [String: Int] = [:]
        var personalLine: [String: Int] = [:]
        for request in requests {
            var (account, found) = rules.check(request)
            let key = request.username.lowercased()
            if let first = firstLine[key], !request.username.isEmpty {
                found.append(("utente", "nome utente già presente alla riga \(first) del file"))
                account = nil
            } else {
                firstLine[key] = request.line
            }
            // One personal account per person, in the file as in the database.
            if let personal = account, personal.role != .hr, let employee = personal.employeeID {
                if let first = personalLine[employee] {
                    found.append(("matricola", "questa persona ha già un account alla riga \(first) del file"))
                    account = nil
                } else {
                    personalLine[employee] = request.line
                }
            }
            let values = ["utente": request.username, "ruolo": request.roleCode, "matricola": request.employeeID]
            faults += found.map { InputError(file: file, line: request.line, field: $0.field, value: values[$0.field], rule: $0.rule) }
            if let account { accounts.append(account) }
        }
        return faults.isEmpty ? .success(accounts) : .failure(InputErrors(faults))
    }
}
