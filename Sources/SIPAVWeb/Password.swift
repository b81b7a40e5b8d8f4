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

    /// The bcrypt cost of a temporary password's hash (a CSV import's, HR's reset): at most 6, about 4 ms.
    ///
    /// bcrypt's cost slows down the guessing of passwords people choose. A temporary password is 64 random bits,
    /// which no amount of guessing finds at any cost (2^63 tries on average), and it lives only until its owner's
    /// first login, when they must choose their own (hashed at the full cost). At the full cost of 12, about 0.2 s
    /// each, importing the accounts of 10,000 people would keep HR's request waiting over a quarter of an hour on
    /// two cores; at 6, some fifteen seconds.
    static func temporaryCost(configured: UInt8) -> UInt8 { min(configured, 6) }

    /// Checked when the username is unknown, so that a wrong username takes as long as a wrong password.
    static let decoy = Bcrypt.hash("sipav-decoy", cost: 12)

    private static func offEventLoop<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
