import Foundation

/// The built-in demo body, shipped with the executable as a resource.
enum DemoData {
    static func directory() throws -> String {
        guard let url = Bundle.module.url(forResource: "Demo", withExtension: nil) else {
            throw CommandFailure(status: ExitStatus.internalError, message: "i dati dimostrativi integrati mancano in questa compilazione di sipav")
        }
        return url.path
    }

    /// `path` as a message names it: a file of the built-in demo as `dati dimostrativi integrati/staff.csv`, not by the
    /// folder of the build it sits in, which means nothing to the reader.
    static func shown(_ path: String) -> String {
        guard let folder = try? directory(), path.hasPrefix(folder + "/") else { return path }
        return "dati dimostrativi integrati/" + path.dropFirst(folder.count + 1)
    }
}
