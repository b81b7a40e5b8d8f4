import Foundation

/// Runs `body` holding an exclusive `flock` on `path` (created if missing), so that two processes starting
/// the same cluster take turns instead of both running initdb or pg_ctl.
///
/// The descriptor is close-on-exec: were it inherited by pg_ctl and the server it starts, the server
/// would hold the lock for as long as it runs.
func withFileLock<T>(_ path: String, _ body: () throws -> T) throws -> T {
    let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw LocalClusterError("cannot open the lock file \(path): \(errnoText())") }
    defer { close(descriptor) }
    while flock(descriptor, LOCK_EX) != 0 {
        guard errno == EINTR else { throw LocalClusterError("cannot lock \(path): \(errnoText())") }
    }
    return try body()
}

func errnoText() -> String {
    String(cString: strerror(errno))
}
