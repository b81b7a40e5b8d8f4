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
struct Sessions: Sendable {
    let store: PostgresStore
    let body: String

    /// Opens a session; returns the token for the cookie.
    func open(username: String, lifetimeMinutes: Int) async throws -> String {
        let (token, csrf, body) = (RandomToken.make(), RandomToken.make(), self.body)
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

    /// The session of `token`, if it exists, has not expired and its account is enabled.
    func find(token: String) async throws -> WebSession? {
        let body = self.body
        return try await store.withWebConnection { db in
            try db.execute("""
                SELECT a.username, a.role, a.employee_id, a.must_change_password, s.csrf_token
                FROM sessions s JOIN accounts a ON a.body_id = s.body_id AND a.username = s.username
                WHERE s.body_id = $1 AND s.token_hash = \(Sessions.sha256("$2")) AND s.expires_at > now() AND NOT a.disabled
                """, [body, token]).first.map { row in
                WebSession(account: try Accounts.account(body: body, row), csrfToken: try row.string("csrf_token"), token: token)
            }
        }
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
