import Foundation
import Hummingbird
import Mustache

/// The Mustache templates (`Templates/*.mustache`, HTML-escaped by `{{…}}` with `HTML.escape`) and the style sheet.
struct Pages: Sendable {
    let library: MustacheLibrary
    let styleSheet: String

    static func load() async throws -> Pages {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw WebError(status: .internalServerError, message: "the templates folder is missing from the build")
        }
        let library = try templates(in: folder)
        let css = try String(contentsOf: folder.appendingPathComponent("sipav.css"), encoding: .utf8)
        return Pages(library: library, styleSheet: css)
    }

    /// The content type every template is rendered in: HTML escaped by `HTML.escape`, one Unicode scalar at a time.
    /// The library's own HTML escaping compares whole characters, which a prepended mark (U+0600) joins with the `<`
    /// after it, and lets through.
    static let escapedHTML = "SIPAV_HTML"

    private struct EscapedHTML: MustacheContentType {
        func escapeText(_ text: String) -> String { HTML.escape(text) }
    }

    /// Each `.mustache` file of `folder`, named without its extension, set to `escapedHTML` by a pragma before its first
    /// line: the library starts every template and every partial in its own HTML content type.
    static func templates(in folder: URL) throws -> MustacheLibrary {
        MustacheContentTypes.register(EscapedHTML(), named: escapedHTML)
        var library = MustacheLibrary()
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            library.register(try MustacheTemplate(string: "{{% CONTENT_TYPE: \(escapedHTML)}}" + text),
                             named: String(file.dropLast(".mustache".count)))
        }
        return library
    }

    /// The menu's entry each page belongs to, named as the header's `current.…` flags: the entry is marked as the
    /// current page (`aria-current`) for a screen reader, and shown so.
    static let menuEntry: [String: String] = [
        "dashboard": "dashboard", "organ-appraisal": "dashboard", "objectives": "objectives", "person-objectives": "objectives",
        "appraisal-return": "objectives",
        "fund": "fund", "validated-results": "validated", "allocation": "allocation", "contests": "contests",
        "contest": "contests", "accounts": "accounts", "accounts-imported": "accounts", "downloads": "downloads",
        "audit": "audit", "staff": "ratings", "rating": "ratings", "own-appraisal": "own", "transparency": "transparency",
        "password": "password", "account-password": "password",
    ]

    /// Renders `template` with `values`, inside the common layout (header, navigation, footer).
    func render(_ template: String, _ values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        var values = values
        if let entry = Pages.menuEntry[template] { values["current"] = [entry: true] }
        guard let html = library.render(values, withTemplate: template) else {
            return HTML.page(status: .internalServerError, "template \(template) missing")
        }
        return HTML.page(status: status, html)
    }

    func styleSheetResponse() -> Response {
        Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: styleSheet)))
    }
}
