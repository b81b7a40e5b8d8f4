import Dispatch
import Synchronization
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

    /// A hash to check when the username is unknown (or to add the time a cheaper hash does not take), so that every
    /// try takes as long as a password of `cost`; made once per cost.
    static func decoy(cost: UInt8) -> String {
        decoys.withLock { made in
            if let decoy = made[cost] { return decoy }
            let decoy = Bcrypt.hash("sipav-decoy", cost: cost)
            made[cost] = decoy
            return decoy
        }
    }

    private static let decoys = Mutex<[UInt8: String]>([:])

    /// The cost a bcrypt hash was made with (`$2b$12$…` is 12); nil for anything else.
    static func cost(of hash: String) -> UInt8? {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0].isEmpty else { return nil }
        return UInt8(parts[2])
    }

    private static func offEventLoop<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
