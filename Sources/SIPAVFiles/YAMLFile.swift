import SIPAV

/// A kind of YAML file the HR office keeps (the plan, the fund, the settings), read into one core value.
/// Every reader checks the whole file and throws all its faults at once, each with the line of the
/// offending node.
public protocol YAMLFile {
    associatedtype Value
    /// How a document becomes the value.
    static var reading: YAMLReading<Value> { get }
}

/// How a YAML document becomes a value; built inside this module only.
public struct YAMLReading<Value>: Sendable {
    let build: @Sendable (YAMLField, inout YAMLReader) -> Value?
}

extension YAMLFile {
    /// Reads the file at `path` (named as given in every fault).
    public static func read(path: String) throws(InputErrors) -> Value {
        try parse(bytes: InputFile.bytes(path: path), file: path)
    }

    /// Reads the bytes of a file named `file`: UTF-8, with or without a byte-order mark.
    public static func parse(bytes: [UInt8], file: String) throws(InputErrors) -> Value {
        try YAMLReader.read(YAMLReader.root(bytes: bytes, file: file), file: file, reading.build)
    }

    /// Reads YAML text from a file named `file`.
    public static func parse(text: String, file: String) throws(InputErrors) -> Value {
        try YAMLReader.read(YAMLReader.root(text: text, file: file), file: file, reading.build)
    }
}
