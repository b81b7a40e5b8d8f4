import SIPAVStore

/// What a typed password turned out to be, its try counted for throttling.
enum PasswordCheck {
    /// Too many wrong passwords for the username lately: not checked.
    case throttled
    /// Wrong, or no enabled account of that username.
    case wrong
    case right(Account)
}

extension WebApp {
    /// Checks `password` against the enabled account `username` (as long for an unknown username as for a wrong
    /// password) unless it is throttled, and counts the try: a right one starts the count of failures again.
    func checkPassword(_ password: String, of username: String) async throws -> PasswordCheck {
        if try await attempts.isThrottled(username: username) { return .throttled }
        let credentials = try await accounts.credentials(username: username)
        let valid = await Password.verify(password, hash: credentials?.hash ?? Password.decoy) && credentials != nil
        try await attempts.record(username: username, succeeded: valid)
        guard valid, let account = credentials?.account else { return .wrong }
        return .right(account)
    }
}

/// The login tries of one body, counted for throttling.
struct LoginAttempts: Sendable {
    let store: PostgresStore
    let body: String
    let throttle: LoginThrottle

    /// True when `username` has had too many wrong passwords lately: the try is refused without checking.
    func isThrottled(username: String) async throws -> Bool {
        let (body, throttle) = (self.body, self.throttle)
        return try await store.withWebConnection { db in
            // Failures within the window, since the last success.
            let failures = try db.execute("""
                SELECT count(*) AS failures FROM login_attempts
                WHERE body_id = $1 AND username = $2 AND NOT succeeded
                  AND attempted_at > now() - make_interval(mins => $3)
                  AND attempted_at > coalesce((SELECT max(attempted_at) FROM login_attempts
                                               WHERE body_id = $1 AND username = $2 AND succeeded), '-infinity')
                """, [body, username, throttle.windowMinutes])
            return try failures[0].int("failures") >= throttle.maximumFailures
        }
    }

    func record(username: String, succeeded: Bool) async throws {
        let body = self.body
        try await store.withWebConnection { db in
            try db.execute("INSERT INTO login_attempts (body_id, username, succeeded) VALUES ($1, $2, $3)",
                           [body, username, succeeded])
        }
    }
}
