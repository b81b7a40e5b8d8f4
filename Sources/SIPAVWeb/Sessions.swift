import Postgres
import SIPAVStore

/// A logged-in user: their account, the CSRF token every form of the session must carry, and the session's token
/// (to tell it from the user's other sessions).
struct WebSession: Sendable {
    let account: Account
    let csrfToken: String
    let token: String
}

/// Sessions of one body. The browser holds a random token; the database only its SHA-256.
///
/// A session ends `idleMinutes` after its last use (each use moves `expires_at` on), and in any case `limitMinutes`
/// after login: a manager rating all morning is not logged out in the middle of a form, and a stolen token does not
/// live for ever.
struct Sessions: Sendable {
    let store: PostgresStore
    let body: String
    let idleMinutes: Int
    let limitMinutes: Int
    /// A use moves `expires_at` on only when it would gain more than this: not a write on every request.
    static let extensionStepMinutes = 5

    /// Opens a session; returns the token for the cookie.
    func open(username: String) async throws -> String {
        let (token, csrf, body, lifetimeMinutes) = (RandomToken.make(), RandomToken.make(), self.body, min(idleMinutes, limitMinutes))
        try await store.withWebConnection { db in
            // Expired sessions of the body go as a new one opens: the table holds only live ones and the recent past.
            try db.execute("DELETE FROM sessions WHERE body_id = $1 AND expires_at < now() - interval '1 day'", [body])
            try db.execute("""
                INSERT INTO sessions (body_id, token_hash, username, csrf_token, expires_at)
                VALUES ($1, \(Sessions.sha256("$2")), $3, $4, now() + make_interval(mins => $5))
                """, [body, token, username, csrf, lifetimeMinutes])
        }
        return token
    }

    /// The session of `token`, if it exists, has not expired and its account is enabled; its expiry moved on when
    /// that gains more than `extensionStepMinutes`, never past the limit from login.
    func find(token: String) async throws -> WebSession? {
        let (body, idle, limit, step) = (self.body, idleMinutes, limitMinutes, Sessions.extensionStepMinutes)
        return try await store.withWebConnection { db in
            guard let row = try db.execute("""
                SELECT a.username, a.role, a.employee_id, a.must_change_password, s.csrf_token,
                       \(Sessions.extended("s", idle: "$3", limit: "$4")) > s.expires_at + make_interval(mins => $5) AS extend
                FROM sessions s JOIN accounts a ON a.body_id = s.body_id AND a.username = s.username
                WHERE s.body_id = $1 AND s.token_hash = \(Sessions.sha256("$2")) AND s.expires_at > now() AND NOT a.disabled
                """, [body, token, idle, limit, step]).first else { return nil }
            if try row.bool("extend") {
                try db.execute("""
                    UPDATE sessions s SET expires_at = \(Sessions.extended("s", idle: "$3", limit: "$4"))
                    WHERE s.body_id = $1 AND s.token_hash = \(Sessions.sha256("$2"))
                    """, [body, token, idle, limit])
            }
            return WebSession(account: try Accounts.account(body: body, row), csrfToken: try row.string("csrf_token"), token: token)
        }
    }

    /// The expiry of session `alias` used now: `idle` minutes from now, at most `limit` minutes from login.
    static func extended(_ alias: String, idle: String, limit: String) -> String {
        "least(now() + make_interval(mins => \(idle)), \(alias).created_at + make_interval(mins => \(limit)))"
    }

    func close(token: String) async throws {
        let body = self.body
        try await store.withWebConnection { db in
            try db.execute("DELETE FROM sessions WHERE body_id = $1 AND token_hash = \(Sessions.sha256("$2"))", [body, token])
        }
    }

    /// The hex SHA-256 of a text parameter, computed by PostgreSQL.
    static func sha256(_ parameter: String) -> String {
        "encode(sha256(convert_to(\(parameter)::text, 'UTF8')), 'hex')"
    }
}
