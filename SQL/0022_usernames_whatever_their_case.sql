-- 0022 — a username is one whatever its case.
--
-- The accounts page and the CSV import refuse a username that differs from one on record only in case, by a look-up
-- before the insert: two requests sent at once both passed it, and `sipav user add` did not look. HR.ROSSI beside
-- hr.rossi would put two confusable names in the audit log. The key of the table stays as it is; a unique index on
-- the lowercased name refuses the second, whoever writes it. A database that already holds such a pair stops here,
-- naming them: rename all but one first.

DO $$
DECLARE
    clash text;
BEGIN
    SELECT string_agg(format('body %s: %s', body_id, names), '; ' ORDER BY body_id, names) INTO clash
      FROM (SELECT body_id, string_agg(username, ', ' ORDER BY username) AS names
              FROM accounts GROUP BY body_id, lower(username) HAVING count(*) > 1) pairs;
    IF clash IS NOT NULL THEN
        RAISE EXCEPTION 'accounts whose usernames differ only in case (%): rename all but one before this migration', clash;
    END IF;
END
$$;

CREATE UNIQUE INDEX IF NOT EXISTS accounts_username_any_case ON accounts (body_id, lower(username));

COMMENT ON INDEX accounts_username_any_case IS 'A username is taken whatever its case (0022).';
