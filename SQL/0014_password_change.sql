-- 0014 — a password someone else chose is changed by its owner at the first login.
--
-- HR gives a new account its first password (typed in the accounts form, or a temporary one shown once after a
-- CSV import or a reset); whoever reads it (HR, a printed sheet) could log in as that person. Such an account
-- is marked: until its owner chooses a password of their own, every page sends them to the change-password
-- page. A password its owner chose (the change-password page, `sipav user add` for the first HR account) is not
-- marked. Accounts made before this migration are not marked: nothing on record tells which of their passwords
-- the owner chose.

ALTER TABLE accounts
    ADD COLUMN IF NOT EXISTS must_change_password boolean NOT NULL DEFAULT false,
    ADD COLUMN IF NOT EXISTS password_changed_at  timestamptz;

COMMENT ON COLUMN accounts.must_change_password IS 'The password was chosen by someone else (HR''s initial or temporary password): its owner must change it before using the application.';
COMMENT ON COLUMN accounts.password_changed_at IS 'When the owner last chose their own password; NULL if never (the password is still the first one).';
