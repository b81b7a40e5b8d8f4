import Foundation

/// A PostgreSQL program (initdb, pg_ctl, …) run to completion, as the server's account when that is not
/// this process's (`runuser -u postgres -- …`, since PostgreSQL refuses to run as root).
struct ClusterCommand {
    let executable: String
    let arguments: [String]
    let account: ServerAccount?

    /// As it would be typed, for error messages.
    var displayed: String {
        let words = (account.map { ["runuser", "-u", $0.name, "--"] } ?? []) + [executable] + arguments
        return words.map { $0.contains(" ") || $0.isEmpty ? "'\($0)'" : $0 }.joined(separator: " ")
    }

    /// Runs the command and returns its exit status and everything it printed (standard output and error).
    ///
    /// Spawned with `posix_spawn` rather than Foundation's `Process`: `Process` learns that a child ended
    /// when a socket it hands the child closes, and the server that `pg_ctl start` leaves running inherits
    /// that socket and keeps it open, so waiting for pg_ctl never ended.
    func run() throws -> (status: Int32, output: String) {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("sipav-command-\(UUID().uuidString).log").path
        // Close-on-exec like every descriptor here, so that only the copies made for the child survive.
        let output = open(outputPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw LocalClusterError("cannot create \(outputPath): \(errnoText())") }
        defer {
            close(output)
            unlink(outputPath)
        }
        let status = try spawnAndWait(output: output)
        let printed = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return (status, printed)
    }

    private func spawnAndWait(output: Int32) throws -> Int32 {
        var words = [executable] + arguments
        if let account {
            // The server's account may not be able to enter this process's working directory (/root).
            words = [try Self.runuser(), "-u", account.name, "--", "/bin/sh", "-c", #"cd / && exec "$0" "$@""#] + words
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)

        // A child starts with this thread's signal mask and ignored signals; the tools expect neither.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var pid = pid_t()
        let spawned = withCStrings(words) { argv in
            let mutableArgv = argv.map { $0.map(UnsafeMutablePointer.init(mutating:)) }
            return posix_spawn(&pid, words[0], &actions, &attributes, mutableArgv, environ)
        }
        guard spawned == 0 else {
            let reason = String(cString: strerror(spawned))
            throw LocalClusterError("cannot run \(displayed): \(reason)", command: displayed)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw LocalClusterError("cannot wait for \(displayed): \(errnoText())") }
        }
        // WIFEXITED / WEXITSTATUS, which Swift cannot import: low 7 bits the signal, next byte the exit code.
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Runs the command and throws, with the last lines it printed, unless it succeeds.
    @discardableResult
    func check(_ purpose: String, alsoShowing log: String? = nil) throws -> String {
        let (status, output) = try run()
        guard status == 0 else {
            var shown = Self.lastLines(of: output)
            if let log, let logText = try? String(contentsOfFile: log, encoding: .utf8) {
                shown += "\n--- last lines of \(log):\n" + Self.lastLines(of: logText)
            }
            throw LocalClusterError("cannot \(purpose)", command: displayed, exitStatus: status, output: shown)
        }
        return output
    }

    static func lastLines(of text: String, count: Int = 20) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).suffix(count + 1)
            .joined(separator: "\n").trimmingWhitespace()
    }

    private static func runuser() throws -> String {
        let candidates = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"]
        guard let found = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw LocalClusterError("running as root needs runuser (util-linux) to start PostgreSQL as its own user")
        }
        return found
    }
}
