import Foundation

/// The built-in demo body, shipped with the executable as a resource.
enum DemoData {
    static func directory() throws -> String {
        guard let url = Bundle.module.url(forResource: "Demo", withExtension: nil) else {
            throw CommandFailure(status: ExitStatus.internalError, message: "the built-in demo data is missing from this build")
        }
        return url.path
    }
}
