import Hummingbird
import NIOCore

/// The fields of a submitted form (`application/x-www-form-urlencoded`), or of an address's query, which a browser
/// encodes the same way for a GET form (a space as `+`); the last value of a repeated name wins.
struct FormData: Sendable {
    private(set) var fields: [String: String] = [:]
    /// Every name and value, in order, repeated names included.
    private var pairs: [(name: String, value: String)] = []

    init(encoded: String) {
        for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = FormData.decode(parts[0])
            let value = parts.count > 1 ? FormData.decode(parts[1]) : ""
            fields[name] = value
            pairs.append((name, value))
        }
    }

    /// Every value of `name`, in order.
    func values(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// The request's form; a NUL in any name or value refuses it (`WebError.nulCharacter`).
    static func read(_ request: Request) async throws -> FormData {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: 1 << 20)
        } catch is NIOTooManyBytesError {
            throw WebError.formTooLarge
        }
        let form = FormData(encoded: String(buffer: buffer))
        guard !form.fields.contains(where: { $0.key.utf8.contains(0) || $0.value.utf8.contains(0) }) else { throw WebError.nulCharacter }
        return form
    }

    subscript(_ name: String) -> String? { fields[name] }

    /// `+` is a space; `%XX` a byte of UTF-8. A malformed escape is kept as written.
    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var input = Array(text.utf8)[...]
        while let byte = input.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), input.count >= 2,
                      let value = UInt8(String(decoding: input.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                input = input.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Request {
    /// The address's query, decoded as a browser encodes a GET form: `?cerca=Barbieri+Elena` searches for "Barbieri Elena".
    var query: FormData { FormData(encoded: uri.query ?? "") }
}

extension FormData {
    /// A text area's text as it is stored and counted: trimmed, each line break one character. A browser sends a break
    /// as CR LF, and counts it as one against the field's `maxlength`: counted as two, a reason the page took would be
    /// refused as too long.
    static func textArea(_ text: String?) -> String {
        (text ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
