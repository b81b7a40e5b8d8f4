import Foundation
import HummingbirdTesting
import SIPAVTestSupport
import Testing

/// On a phone every figure stays: the narrow layout hides only the columns a template marks as dispensable, a figure
/// never breaks before its "€", and a table wider than the screen scrolls instead of running off it.
@Suite("Pages on a phone")
struct SmallScreenTests {
    static let templates = SipavBinary.repositoryRoot.appendingPathComponent("Sources/SIPAVWeb/Templates")

    static func template(_ name: String) throws -> String {
        try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
    }

    /// The rules inside `@media (max-width: …) { … }`, as (selectors, declarations).
    static func narrowRules(_ css: String) throws -> [(selectors: String, declarations: String)] {
        let start = try #require(css.range(of: "@media (max-width: 36rem) {"))
        var depth = 1, index = start.upperBound
        while depth > 0, index < css.endIndex {
            if css[index] == "{" { depth += 1 } else if css[index] == "}" { depth -= 1 }
            index = css.index(after: index)
        }
        let block = css[start.upperBound..<css.index(before: index)]
        return block.matches(of: /([^{}]+)\{([^{}]*)\}/).map { match in
            let selectors = match.1.split(separator: "\n").filter { !$0.contains("/*") }.joined(separator: " ")
            return (selectors.trimmingCharacters(in: .whitespaces), String(match.2))
        }
    }

    @Test func theNarrowLayoutHidesOnlyMarkedColumnsAndKeepsFiguresWhole() async throws {
        try await withWebApp { browser, _ in
            let css = try await browser.get("/sipav.css").text
            let rules = try SmallScreenTests.narrowRules(css)
            #expect(!rules.isEmpty)
            for rule in rules where rule.declarations.contains("display: none") {
                for selector in rule.selectors.split(separator: ",") {
                    #expect(selector.contains(".no-phone"), "the narrow layout hides \(selector)")
                }
            }
            #expect(!css.contains("nth-child"), "a column hidden by its position, whatever it holds")
            #expect(css.contains("table.list td.num { white-space: nowrap; }"))
            #expect(css.contains(".table-scroll { overflow-x: auto;"))
        }
    }

    /// The only columns marked dispensable are Areas beside a person's name: never an amount, a weight or a score.
    @Test func onlyAnAreaBesideANameIsMarkedDispensable() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: SmallScreenTests.templates.path)
            .filter { $0.hasSuffix(".mustache") }.sorted()
        var marked: Set<String> = []
        for name in names {
            let text = try SmallScreenTests.template(name)
            for match in text.matches(of: /<(th|td)[^>]*class="([^"]*)"[^>]*>([^<]*)</) where match.2.contains("no-phone") {
                #expect(!match.2.split(separator: " ").contains("num"), "\(name): a figure is hidden on a phone")
                #expect(match.3 == "Area" || match.3 == "{{area}}", "\(name): \(match.3) is hidden on a phone")
                marked.insert(name)
            }
        }
        #expect(marked == ["contests.mustache", "objectives.mustache", "staff.mustache"])
    }

    /// Every table of every page sits in a box that scrolls sideways when the table is wider than a phone, so that no
    /// column runs off the screen (WCAG 1.4.10): the box opens on the line before the table and closes on the line after.
    @Test func everyTableScrollsOnAPhone() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: SmallScreenTests.templates.path)
            .filter { $0.hasSuffix(".mustache") }.sorted()
        var tables = 0
        for name in names {
            let lines = try SmallScreenTests.template(name).split(separator: "\n", omittingEmptySubsequences: false)
            var labels: [Substring] = []
            for (index, line) in lines.enumerated() where line.trimmingCharacters(in: .whitespaces).hasPrefix("<table") {
                tables += 1
                let before = index > 0 ? lines[index - 1] : ""
                let label = before.firstMatch(of: /<div class="table-scroll" role="region" tabindex="0" aria-label="([^"]+)">/)?.1
                #expect(label != nil, "\(name), line \(index + 1): a table outside a scrolling box")
                if let label { labels.append(label) }
                let closing = lines[index...].firstIndex { $0.contains("</table>") }
                #expect(closing.map { lines.indices.contains($0 + 1) && lines[$0 + 1].trimmingCharacters(in: .whitespaces) == "</div>" } == true,
                        "\(name), line \(index + 1): the scrolling box does not close after its table")
            }
            #expect(Set(labels).count == labels.count, "\(name): two scrolling boxes with the same name \(labels)")
        }
        #expect(tables >= 23)
    }

    /// Every box that scrolls sideways, in every template, is such a region.
    @Test func everyScrollingBoxTakesTheKeyboard() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: SmallScreenTests.templates.path)
            .filter { $0.hasSuffix(".mustache") }
        var boxes = 0
        for name in names {
            for match in try SmallScreenTests.template(name).matches(of: /<div class="table-scroll"[^>]*>/) {
                boxes += 1
                #expect(match.0.contains(" role=\"region\" tabindex=\"0\" aria-label=\""), "\(name): \(match.0)")
            }
        }
        #expect(boxes >= 13)
    }
}
