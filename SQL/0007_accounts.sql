-- 0007 — the web application's accounts, login attempts (for throttling) and sessions.
--
-- Body-scoped, not year-scoped: an account outlives the years, so none of these tables carries the
-- allocated-year lock. Conventions of 0001 hold: body_id first in every key, named constraints.
--
-- Secrets. The database never holds a password or a session token in clear:
--   * accounts.password_hash is a bcrypt hash ($2b$, cost 12 in production);
--   * sessions.token_hash is the hex SHA-256 of the random token the browser holds in its cookie, so a
--     copy of the table (a backup, the audit log) cannot be replayed as a login;
--   * sessions.csrf_token is a random value tied to the session and echoed by every form: not a
--     credential on its own (it opens nothing without the cookie).
-- Audit. accounts is audited like every other table (who created or disabled whom; the hash is
-- bcrypt). login_attempts and sessions are not: they churn on every login, hold nothing an appraisal
-- depends on, and the audit log would otherwise carry every CSRF token.

-- ---------------------------------------------------------------------------------------------
-- accounts: who may log in, with which role
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS accounts (
    body_id       text        NOT NULL,
    username      text        NOT NULL,
    password_hash text        NOT NULL,
    role          text        NOT NULL,
    employee_id   text,
    disabled      boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT accounts_pkey PRIMARY KEY (body_id, username),
    CONSTRAINT accounts_body_fk FOREIGN KEY (body_id) REFERENCES bodies (body_id) ON DELETE RESTRICT,
    CONSTRAINT accounts_employee_fk FOREIGN KEY (body_id, employee_id)
        REFERENCES employees (body_id, employee_id) ON DELETE RESTRICT,
    CONSTRAINT accounts_username_valid CHECK (username ~ '^[A-Za-z0-9._@-]{1,64}$'),
    CONSTRAINT accounts_password_hash_bcrypt CHECK (password_hash ~ '^\$2[aby]\$[0-9]{2}\$.{53}$'),
    CONSTRAINT accounts_role_valid CHECK (role IN ('hr', 'manager', 'employee')),
    -- A manager rates their own staff and an employee reads their own appraisal: both are a person.
    CONSTRAINT accounts_employee_required CHECK (employee_id IS NOT NULL OR role = 'hr')
);

-- For the foreign key from employees (deleting an employee).
CREATE INDEX IF NOT EXISTS accounts_employee_idx ON accounts (body_id, employee_id);

COMMENT ON TABLE accounts IS 'The accounts of the web application: one per person and body, with a role. The first HR account is created with `sipav user add`.';
COMMENT ON COLUMN accounts.password_hash IS 'bcrypt hash of the password; the password itself is never stored nor logged.';
COMMENT ON COLUMN accounts.role IS 'hr (runs the year), manager (rates their own staff), employee (reads their own appraisal).';
COMMENT ON COLUMN accounts.employee_id IS 'The person the account belongs to; required for managers and employees, optional for HR.';
COMMENT ON COLUMN accounts.disabled IS 'A disabled account cannot log in; its sessions are refused.';

SELECT sipav_attach_audit('accounts');

-- ---------------------------------------------------------------------------------------------
-- login_attempts: every login try, for throttling
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS login_attempts (
    body_id      text        NOT NULL,
    attempt_id   bigint      GENERATED ALWAYS AS IDENTITY,
    username     text        NOT NULL,
    attempted_at timestamptz NOT NULL DEFAULT now(),
    succeeded    boolean     NOT NULL,
    CONSTRAINT login_attempts_pkey PRIMARY KEY (body_id, attempt_id),
    CONSTRAINT login_attempts_body_fk FOREIGN KEY (body_id) REFERENCES bodies (body_id) ON DELETE RESTRICT
);

-- The throttle counts one username's recent failures. No foreign key to accounts on purpose: tries
-- on a username that does not exist are throttled the same way (and must not reveal that it does not).
CREATE INDEX IF NOT EXISTS login_attempts_username_idx ON login_attempts (body_id, username, attempted_at);

COMMENT ON TABLE login_attempts IS 'Each login attempt, successful or not: after 5 failures in 15 minutes a username is refused (HTTP 429) until the window passes.';

-- ---------------------------------------------------------------------------------------------
-- sessions: who is logged in
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS sessions (
    body_id    text        NOT NULL,
    token_hash text        NOT NULL,
    username   text        NOT NULL,
    csrf_token text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    CONSTRAINT sessions_pkey PRIMARY KEY (body_id, token_hash),
    CONSTRAINT sessions_account_fk FOREIGN KEY (body_id, username)
        REFERENCES accounts (body_id, username) ON DELETE CASCADE,
    CONSTRAINT sessions_token_hash_sha256 CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT sessions_csrf_token_not_blank CHECK (length(csrf_token) >= 32),
    CONSTRAINT sessions_expiry_after_creation CHECK (expires_at > created_at)
);

-- For the foreign key from accounts (deleting an account ends its sessions).
CREATE INDEX IF NOT EXISTS sessions_account_idx ON sessions (body_id, username);

COMMENT ON TABLE sessions IS 'Open sessions of the web application. The cookie holds a random token; only its SHA-256 is stored.';
COMMENT ON COLUMN sessions.token_hash IS 'Hex SHA-256 of the session token held in the browser''s cookie.';
COMMENT ON COLUMN sessions.csrf_token IS 'Random token every form of the session carries; a POST without it is refused.';
