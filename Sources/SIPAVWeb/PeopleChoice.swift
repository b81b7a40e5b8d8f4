import Hummingbird
import SIPAV
import SIPAVReports

/// Which people a list of the year shows, a page at a time: of one Area, whose name or employee id holds
/// `search` (any case; text, not a pattern), only those still to be done (`pendingOnly`: what that means is
/// the list's), and which page. From the address: `area`, `cerca`, the list's own flag `=1`, `pagina`.
struct PeopleChoice: Sendable, Equatable {
    var area: String?
    var search: String?
    var pendingOnly = false
    /// 1-based.
    var page = 1
    var pageSize = PeopleChoice.defaultPageSize
    /// A page small enough to send at once, large enough that a Camera di commercio's staff fit on one.
    static let defaultPageSize = 500

    /// The choice in `request`'s address, whose pending-only flag is the parameter `flag`.
    static func from(_ request: Request, flag: String) -> PeopleChoice {
        let parameters = request.query
        func text(_ name: String) -> String? {
            parameters[name].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        return PeopleChoice(area: text("area"), search: text("cerca").map(plainApostrophes), pendingOnly: text(flag) == "1",
                            page: pageNumber(text("pagina")))
    }

    /// How many people come before the page.
    var offset: Int { (max(page, 1) - 1) * pageSize }

    /// The search as its SQL parameter (`searchCondition`): its words, folded (`folded`), one space apart; nil for no
    /// search.
    var searchWords: String? {
        search.map { PeopleChoice.folded($0).split(separator: " ").joined(separator: " ") }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The SQL condition of the search, given as the parameter `parameter` (`searchWords`; NULL: no search), on the
    /// columns `name` and `id`: every word of it is held by one or the other, in any order (`paola caruso` finds
    /// Caruso Paola), as text (no `%` or `_` patterns), whatever the case and the accents (`nicolo` finds Nicolò). A
    /// typographic apostrophe (’, as phones and word processors write it) reads as a plain one.
    static func searchCondition(_ parameter: String, name: String, id: String) -> String {
        "(\(parameter)::text IS NULL OR NOT EXISTS (SELECT 1 FROM unnest(string_to_array(\(parameter)::text, ' ')) AS w(word)"
            + " WHERE strpos(translate(lower(\(name)), '\(accented)', '\(plain.replacingOccurrences(of: "'", with: "''"))'), w.word) = 0"
            + " AND strpos(lower(\(id)), w.word) = 0))"
    }

    /// The letters a search reads as others, pairwise: accented as plain, typographic apostrophes as plain ones. The
    /// capitals too: a database in the C locale lowers ASCII letters only.
    static let accented = "àáâäãåèéêëìíîïòóôöõùúûüýÿçñ’‘ÀÁÂÄÃÅÈÉÊËÌÍÎÏÒÓÔÖÕÙÚÛÜÝÇÑ",
               plain = "aaaaaaeeeeiiiiooooouuuuyycn''aaaaaaeeeeiiiiooooouuuuycn"

    /// `text` lowercased, each letter of `accented` read as its `plain` one, and a tab as a space: what
    /// `searchCondition` compares, as PostgreSQL's `translate(lower(…))` gives it.
    static func folded(_ text: String) -> String {
        let map = Dictionary(uniqueKeysWithValues: zip(accented, plain))
        return String(text.lowercased().map { map[$0] ?? ($0 == "\t" ? " " : $0) })
    }

    /// `text` with its typographic apostrophes (’ ‘) written as plain ones: `D’Angelo` finds D'Angelo.
    static func plainApostrophes(_ text: String) -> String {
        text.replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: "‘", with: "'")
    }

    /// The page asked for: 1 when absent or not a number, and never so large that its offset could overflow (a
    /// page past the last is shown as such).
    static func pageNumber(_ text: String?) -> Int {
        min(max(1, text.flatMap { Int($0) } ?? 1), 1_000_000)
    }

    /// The address of this choice on the list at `path` (which may name its year: `/hr/obiettivi?anno=2024`), whose
    /// pending-only flag is `flag`.
    func link(_ path: String, flag: String) -> String {
        var parts: [String] = []
        if let area { parts.append("area=" + area.addingPercentEncodingForPath()) }
        if let search { parts.append("cerca=" + search.addingPercentEncodingForPath()) }
        if pendingOnly { parts.append(flag + "=1") }
        if page > 1 { parts.append("pagina=\(page)") }
        return path + (parts.isEmpty ? "" : (path.contains("?") ? "&" : "?") + parts.joined(separator: "&"))
    }

    /// The page's place among the pages of `shown` people and the links to its neighbours; past the last page
    /// (`isEmpty` beyond the first), only the way back to the first: `pastTheEnd`.
    func paging(_ path: String, flag: String, shown: Int, isEmpty: Bool) -> [String: Any] {
        var first = self
        first.page = 1
        if isEmpty && page > 1 { return ["pastTheEnd": first.link(path, flag: flag)] }
        var values: [String: Any] = [:]
        let pages = max(1, (shown + pageSize - 1) / pageSize)
        if pages > 1 { values["pageOf"] = "Pagina \(page) di \(ItalianNumbers.integer(pages))" }
        var other = self
        if page > 1 {
            other.page = page - 1
            values["previous"] = other.link(path, flag: flag)
        }
        if page < pages {
            other.page = page + 1
            values["next"] = other.link(path, flag: flag)
        }
        return values
    }

    /// The choice's fields for a page's filter form.
    func formValues(areas: [(id: String, name: String)]) -> [String: Any] {
        var values: [String: Any] = ["areas": areas.map { ["id": $0.id, "name": $0.name, "selected": $0.id == area] },
                                     "pendingOnly": pendingOnly]
        if let search { values["search"] = search }
        return values
    }
}
