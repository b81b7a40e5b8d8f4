import Hummingbird
import MultipartKit

/// The parts of a submitted `multipart/form-data` form: its text fields and its uploaded files, as bytes.
/// HR uploads CSV files (objectives, accounts) through it.
struct UploadedForm: Sendable {
    struct File: Sendable {
        /// The name the file had on the user's computer (for messages only).
        let filename: String
        let bytes: [UInt8]
    }

    private(set) var fields: [String: String] = [:]
    private(set) var files: [String: File] = [:]

    /// An upload is refused past this size (a body's 100,000 objectives take about 7 MB).
    static let maximumBytes = 32 << 20

    static func read(_ request: Request) async throws -> UploadedForm {
        guard let contentType = request.headers[.contentType],
              let boundary = UploadedForm.boundary(of: contentType) else {
            throw WebError(status: .badRequest, message: "Il modulo deve essere inviato come multipart/form-data.")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBytes)
        } catch {
            throw WebError(status: .contentTooLarge, message: "Il file supera i \(maximumBytes >> 20) MB consentiti.")
        }
        return try UploadedForm(buffer, boundary: boundary)
    }

    init(_ buffer: ByteBuffer, boundary: String) throws {
        let parser = MultipartParser(boundary: boundary)
        var parts: [(headers: [String: String], body: [UInt8])] = []
        var headers: [String: String] = [:]
        var body: [UInt8] = []
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { chunk in body.append(contentsOf: chunk.readableBytesView) }
        parser.onPartComplete = {
            parts.append((headers, body))
            (headers, body) = ([:], [])
        }
        do {
            try parser.execute(buffer)
        } catch {
            throw WebError(status: .badRequest, message: "Il modulo inviato non è leggibile (multipart non valido).")
        }
        for part in parts {
            guard let disposition = part.headers["content-disposition"],
                  let name = UploadedForm.parameter("name", of: disposition) else { continue }
            if let filename = UploadedForm.parameter("filename", of: disposition) {
                files[name] = File(filename: UploadedForm.baseName(filename), bytes: part.body)
            } else {
                guard !part.body.contains(0) else { throw WebError.nulCharacter }
                fields[name] = String(decoding: part.body, as: UTF8.self)
            }
        }
    }

    subscript(_ name: String) -> String? { fields[name] }

    /// The `boundary` parameter of a `multipart/form-data` content type.
    static func boundary(of contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        return parameter("boundary", of: contentType).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The value of `name=value` or `name="value"` among the `;`-separated parameters of a header.
    static func parameter(_ name: String, of header: String) -> String? {
        for item in header.split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}

extension UploadedForm {
    /// The name of an uploaded file without the folders some browsers (or a hand-made request) send with it: every
    /// upload's messages name the file as its officer knows it.
    static func baseName(_ filename: String) -> String {
        String(filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? Substring(filename))
    }
}
