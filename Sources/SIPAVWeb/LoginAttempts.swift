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
    /// Checks `password` against the enabled account `username` unless it is throttled, and counts the try: a right one
    /// starts the count of failures again.
    ///
    /// The try is counted before the password is checked, so that guesses sent all at once are counted against one
    /// another (counted after, each would find the count as it was before any of them); and every try takes as long
    /// as a password of the full bcrypt cost: an unknown username, or an account still on its temporary password
    /// (hashed at a lower cost), must not be told apart by the time the answer takes.
    func checkPassword(_ password: String, of username: String) async throws -> PasswordCheck {
        let fullCost = configuration.bcryptCost
        // No account has such a name (and the log's index could not hold it): wrong, after as long as any other try.
        guard username.utf8.count <= LoginAttempts.longestUsername else {
            _ = await Password.verify(password, hash: Password.decoy(cost: fullCost))
            return .wrong
        }
        guard let attempt = try await attempts.begin(username: username) else { return .throttled }
        let credentials = try await accounts.credentials(username: username)
        let hash = credentials?.hash ?? Password.decoy(cost: fullCost)
        let valid = await Password.verify(password, hash: hash) && credentials != nil
        if Password.cost(of: hash).map({ $0 < fullCost }) ?? false {
            _ = await Password.verify(password, hash: Password.decoy(cost: fullCost))
        }
        guard valid, let account = credentials?.account else { return .wrong }
        try await attempts.succeeded(attempt)
        return .right(account)
    }
}

/// The login tries of one body, counted for throttling.
struct LoginAttempts: Sendable {
    let store: PostgresStore
    let body: String
    let throttle: LoginThrottle

    /// Longer than any username an account may have: such a try is not recorded.
    static let longestUsername = 256

    /// Records a try at `username` as failed, until `succeeded` says otherwise; nil (and the try not checked) when
    /// the failures within the window since the last success, this one and those under way included, exceed the
    /// maximum. A throttled try stays counted: guessing on while throttled keeps the account throttled.
    func begin(username: String) async throws -> Int64? {
        let (body, throttle) = (self.body, self.throttle)
        return try await store.withWebConnection { db in
            let attempt = try db.execute("INSERT INTO login_attempts (body_id, username, succeeded) VALUES ($1, $2, false) RETURNING attempt_id",
                                         [body, username])[0].int64("attempt_id")
            let failures = try db.execute("""
                SELECT count(*) AS failures FROM login_attempts
                WHERE body_id = $1 AND username = $2 AND NOT succeeded
                  AND attempted_at > now() - make_interval(mins => $3)
                  AND attempted_at > coalesce((SELECT max(attempted_at) FROM login_attempts
                                               WHERE body_id = $1 AND username = $2 AND succeeded), '-infinity')
                """, [body, username, throttle.windowMinutes])
            return try failures[0].int("failures") > throttle.maximumFailures ? nil : attempt
        }
    }

    /// The try `attempt` found the right password: the count of failures starts again. The body's tries older than a
    /// day (and than the window) go: they count for nothing any more, and the table would otherwise only grow.
    func succeeded(_ attempt: Int64) async throws {
        let (body, throttle) = (self.body, self.throttle)
        try await store.withWebConnection { db in
            try db.execute("UPDATE login_attempts SET succeeded = true, attempted_at = now() WHERE body_id = $1 AND attempt_id = $2",
                           [body, attempt])
            try db.execute("DELETE FROM login_attempts WHERE body_id = $1 AND attempted_at < now() - greatest(interval '1 day', make_interval(mins => $2))",
                           [body, throttle.windowMinutes])
        }
    }

    /// HR gave `username` a new password: the count of failures starts again, as after a right one.
    func reset(username: String, actor: String) async throws {
        let body = self.body
        _ = try await store.withWebConnection(actor: actor) { db in
            try db.execute("INSERT INTO login_attempts (body_id, username, succeeded) VALUES ($1, $2, true)", [body, username])
        }
    }
}
