import Foundation

/// The built-in demo body, shipped with the executable as a resource.
enum DemoData {
    static func directory() throws -> String {
        guard let url = Bundle.module.url(forResource: "Demo", withExtension: nil) else {
            throw CommandFailure(status: ExitStatus.internalError, message: "i dati dimostrativi integrati mancano in questa compilazione di sipav")
        }
        return url.path
    }
}
