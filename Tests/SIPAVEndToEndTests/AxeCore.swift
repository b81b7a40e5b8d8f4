import Foundation
import SIPAVTestSupport

/// axe-core, Deque Systems' accessibility engine (MPL-2.0): its official minified build, kept in `Resources/` with its
/// license and version (`Resources/README.md`), injected into the page through WebDriver and run there on the rules
/// of WCAG 2.0 and 2.1, levels A and AA.
struct AxeCore {
    static let version = "4.12.1"
    /// The rules run: WCAG 2.1 level AA, which includes level A and the rules of WCAG 2.0 it keeps.
    static let tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

    let source: String

    /// The vendored `axe.min.js`; fails when it is missing from the build or is not the version above.
    static func load() throws -> AxeCore {
        guard let url = Bundle.module.url(forResource: "axe.min", withExtension: "js", subdirectory: "Resources") else {
            throw TestSetupError("axe.min.js is missing from the test's resources (Tests/SIPAVEndToEndTests/Resources)")
        }
        let source = try String(contentsOf: url, encoding: .utf8)
        guard source.hasPrefix("/*! axe v\(version)\n") else {
            throw TestSetupError("\(url.path) is not axe-core \(version): its first line is \(source.prefix { $0 != "\n" })")
        }
        return AxeCore(source: source)
    }

    /// Defines `axe` in the page shown now (a new page has lost it); throws unless it is the expected version.
    func inject(into browser: WebDriver) throws {
        let injected = try browser.execute(source + "\n;return window.axe ? window.axe.version : null;")
        guard let shown = injected as? String, shown == AxeCore.version else {
            throw TestSetupError("axe-core did not load in the page (it answered \(injected ?? "nothing"))")
        }
    }

    /// Runs axe on the whole document shown now (after `inject`) and returns its violations.
    func violations(in browser: WebDriver) throws -> [AxeViolation] {
        let answer = try browser.executeAsync(AxeCore.runScript, [AxeCore.tags]) as? [String: Any]
        if let error = answer?["error"] as? String { throw TestSetupError("axe.run failed: \(error)") }
        guard let found = answer?["violations"] as? [[String: Any]] else {
            throw TestSetupError("axe.run answered without violations: \(answer ?? [:])")
        }
        return found.map(AxeViolation.init)
    }

    /// `axe.run` with the tags as its first argument; passes to the callback each violation's rule, impact, help and
    /// nodes (their CSS selectors and what fails), or the error.
    static let runScript = """
        var tags = arguments[0], done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(function (results) {
          done({violations: results.violations.map(function (rule) {
            return {id: rule.id, impact: rule.impact || '', help: rule.help, nodes: rule.nodes.map(function (node) {
              return {target: node.target.map(function (part) {
                return Array.isArray(part) ? part.join(' >>> ') : String(part);
              }).join(' '), summary: node.failureSummary || ''};
            })};
          })});
        }).catch(function (error) { done({error: String(error)}); });
        """
}

/// One rule that a page breaks, with every element that breaks it.
struct AxeViolation {
    struct Node {
        let target: String
        let summary: String
    }

    let rule: String
    let impact: String
    let help: String
    let nodes: [Node]

    init(rule: String, impact: String, help: String, nodes: [Node]) {
        (self.rule, self.impact, self.help, self.nodes) = (rule, impact, help, nodes)
    }

    init(_ answer: [String: Any]) {
        rule = answer["id"] as? String ?? "?"
        impact = answer["impact"] as? String ?? ""
        help = answer["help"] as? String ?? ""
        nodes = (answer["nodes"] as? [[String: Any]] ?? []).map {
            Node(target: $0["target"] as? String ?? "?", summary: $0["summary"] as? String ?? "")
        }
    }

    /// The rule, its impact and help, then one line per element: its selector and, indented, what fails.
    var report: String {
        var lines = ["\(rule) (\(impact)): \(help)"]
        for node in nodes {
            lines.append("    \(node.target)")
            let summary = node.summary.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.joined(separator: " ")
            if !summary.isEmpty { lines.append("      \(summary)") }
        }
        return lines.joined(separator: "\n")
    }
}
