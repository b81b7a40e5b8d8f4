import Foundation
import SIPAVTestSupport

/// Runs axe-core on each page a test shows in the browser, with the checks of `PageConventions`, and keeps what they
/// found, page by page.
final class AccessibilityAudit {
    struct CheckedPage {
        /// What the page is, in the test's words ("rating form with errors").
        let name: String
        let url: String
        let violations: [AxeViolation]

        var report: String {
            (["\(name) (\(url)): \(violations.count) violation(s)"] + violations.map(\.report))
                .joined(separator: "\n  ")
        }
    }

    /// Each page is checked as a laptop shows it and as a phone does (its tables scroll sideways there, and the
    /// columns a template marks as dispensable are hidden). The first is the window the rest of the test uses.
    static let layouts = [(name: "laptop", width: 1280, height: 1600), (name: "phone", width: 375, height: 812)]

    let browser: WebDriver
    let axe: AxeCore
    private(set) var pages: [CheckedPage] = []

    init(browser: WebDriver, axe: AxeCore) throws {
        self.browser = browser
        self.axe = axe
        // A long list (500 people, the transparency page's tables) takes axe a few seconds on a busy machine.
        _ = try browser.command("POST", "timeouts", ["script": 120_000])
    }

    /// Checks the page shown now in each layout, the laptop's last, and leaves the window as a laptop's. The page must
    /// be at `path` (and `query`, when given): a page reached by mistake (the login page after a lost session, say)
    /// would be checked in its place without a word.
    func check(_ name: String, at path: String, query: String? = nil) throws {
        guard try browser.reaches(path, query: query) else {
            throw TestSetupError("\(name): expected at \(path)\(query.map { "?" + $0 } ?? ""), the browser is at "
                                 + "\(try browser.currentURL().absoluteString)")
        }
        try axe.inject(into: browser)
        let url = try browser.currentURL().absoluteString
        let conventions = try PageConventions.violations(in: browser)
        for layout in AccessibilityAudit.layouts.reversed() {
            try browser.setWindowSize(width: layout.width, height: layout.height)
            // The page's own width (the window's less its frame, if any): a browser that kept a minimum width of its
            // own would check the laptop's layout twice.
            let shown = try browser.execute("return window.innerWidth;") as? Int ?? 0
            guard abs(shown - layout.width) <= 40 else {
                throw TestSetupError("the browser's window did not take the \(layout.name)'s width \(layout.width): the page is \(shown) px wide")
            }
            let found = try axe.violations(in: browser) + (layout.name == AccessibilityAudit.layouts[0].name ? conventions : [])
            pages.append(CheckedPage(name: "\(name) [\(layout.name)]", url: url, violations: found))
        }
    }

    var pagesWithViolations: [CheckedPage] { pages.filter { !$0.violations.isEmpty } }

    /// For each rule violated anywhere, the pages that violate it: the overview of a failing run.
    var summary: String {
        var pagesOfRule: [String: [String]] = [:]
        for page in pages {
            for rule in Set(page.violations.map(\.rule)) { pagesOfRule[rule, default: []].append(page.name) }
        }
        return pagesOfRule.keys.sorted().map { "\($0): \(pagesOfRule[$0]!.joined(separator: "; "))" }
            .joined(separator: "\n")
    }
}
