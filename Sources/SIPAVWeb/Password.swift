import Dispatch
import HummingbirdBcrypt

/// Passwords are only ever handled as bcrypt hashes; hashing and checking are slow on purpose, so they run
/// off the server's event loops.
enum Password {
    static func hash(_ password: String, cost: UInt8) async -> String {
        await offEventLoop { Bcrypt.hash(password, cost: cost) }
    }

    static func verify(_ password: String, hash: String) async -> Bool {
        await offEventLoop { Bcrypt.verify(password, hash: hash) }
    }

    /// Checked when the username is unknown, so that a wrong username takes as long as a wrong password.
    static let decoy = Bcrypt.hash("sipav-decoy", cost: 12)

    private static func offEventLoop<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
