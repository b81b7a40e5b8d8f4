import Foundation
import Hummingbird
import Mustache

/// The Mustache templates (`Templates/*.mustache`, HTML-escaped by `{{…}}`) and the style sheet.
struct Pages: Sendable {
    let library: MustacheLibrary
    let styleSheet: String

    static func load() async throws -> Pages {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw WebError(status: .internalServerError, message: "the templates folder is missing from the build")
        }
        let library = try await MustacheLibrary(directory: folder.path)
        let css = try String(contentsOf: folder.appendingPathComponent("sipav.css"), encoding: .utf8)
        return Pages(library: library, styleSheet: css)
    }

    /// Renders `template` with `values`, inside the common layout (header, navigation, footer).
    func render(_ template: String, _ values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
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
