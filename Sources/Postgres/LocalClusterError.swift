/// Why the built-in database could not be set up, started or stopped.
public struct LocalClusterError: Error, CustomStringConvertible, Sendable {
    public var message: String
    /// The command that failed, as it would be typed.
    public var command: String?
    public var exitStatus: Int32?
    /// The last lines the command printed, or of the server's log.
    public var output: String

    init(_ message: String, command: String? = nil, exitStatus: Int32? = nil, output: String = "") {
        self.message = message
        self.command = command
        self.exitStatus = exitStatus
        self.output = output
    }

    public var description: String {
        var text = message
        if let command { text += "\n  command: \(command)" }
        if let exitStatus { text += "\n  exit status: \(exitStatus)" }
        if !output.isEmpty {
            text += "\n  output:\n" + output.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        }
        return text
    }
}
