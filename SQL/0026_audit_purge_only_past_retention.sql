-- 0026 — the audit log's purge removes only rows past the retention period, and is itself on record.
--
-- 0005 let a DELETE of audit_log through in a transaction that had run SET LOCAL sipav.audit_retention = 'on':
-- any session could set it and delete yesterday's rows, leaving no trace of either the rows or the deletion.
--
-- Now, with the setting on, a DELETE is checked once per statement over the rows it deleted (AFTER DELETE,
-- transition table old_rows; the exception aborts the statement, so nothing it deleted is gone):
--   * every row deleted must be older than the retention period, 10 years (the longest the public
--     administration keeps personnel and payment records; sipav_audit_retention() says it in one place); a row
--     within it fails with SQLSTATE SV003, CONSTRAINT audit_log_retention;
--   * the purge is logged in the log itself, one row per body: table_name 'audit_log', operation 'DELETE',
--     record_key {"body_id"}, old_value {"purged": n, "oldest": "<at>", "newest": "<at>"}, with the actor.
-- Without the setting DELETE is refused as before (0005's statement trigger), and UPDATE and TRUNCATE always.
--
-- (A role allowed to SET session_replication_role = replica switches off these triggers for its session, as it
-- switches off every ordinary trigger: the README says which role may hold that right.)

CREATE OR REPLACE FUNCTION sipav_audit_retention() RETURNS interval
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT interval '10 years' $$;

COMMENT ON FUNCTION sipav_audit_retention() IS
    'How long the audit log keeps a row: a purge (DELETE with sipav.audit_retention = on) may remove only rows older than this.';

CREATE OR REPLACE FUNCTION sipav_audit_log_purged() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    recent record;
BEGIN
    SELECT o.body_id, o.audit_id, o.at INTO recent
      FROM old_rows o
     WHERE o.at >= now() - sipav_audit_retention()
     ORDER BY o.at DESC
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'the audit log keeps its rows for %: row % of body % (%) is within it, and the purge was refused',
                        sipav_audit_retention(), recent.audit_id, recent.body_id, recent.at
            USING ERRCODE = 'SV003',
                  CONSTRAINT = 'audit_log_retention',
                  TABLE = 'audit_log',
                  HINT = format('DELETE FROM audit_log WHERE at < now() - interval %L', sipav_audit_retention());
    END IF;
    INSERT INTO audit_log (body_id, table_name, operation, record_key, old_value)
    SELECT o.body_id, 'audit_log', 'DELETE', jsonb_build_object('body_id', o.body_id),
           jsonb_build_object('purged', count(*), 'oldest', min(o.at), 'newest', max(o.at))
      FROM old_rows o
     GROUP BY o.body_id
     ORDER BY o.body_id;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION sipav_audit_log_purged() IS
    'AFTER DELETE on audit_log, once per statement (transition table old_rows): refuses a purge that reaches a row within the retention period (SV003, audit_log_retention), else logs it, one row per body: old_value {"purged", "oldest", "newest"}.';

CREATE OR REPLACE TRIGGER sipav_purge_checked AFTER DELETE ON audit_log REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION sipav_audit_log_purged();

-- 0005's guard, with the hint naming the retention.
CREATE OR REPLACE FUNCTION sipav_audit_log_append_only() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('sipav.audit_retention', true) = 'on' THEN
        RETURN NULL;  -- checked and logged by sipav_purge_checked
    END IF;
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP
        USING ERRCODE = 'SV003',
              CONSTRAINT = 'audit_log_append_only',
              TABLE = 'audit_log',
              HINT = format('To purge entries older than %s, DELETE them in a transaction that has run SET LOCAL sipav.audit_retention = ''on''.',
                            sipav_audit_retention());
END
$$;

COMMENT ON COLUMN audit_log.old_value IS 'UPDATE and DELETE: the old row. DELETE from final_scores, allocations and allocation_components (derived tables): {"deleted": <rows deleted by the statement for this body/year>}. table_name audit_log, DELETE: a purge of rows past the retention (0026), {"purged": n, "oldest": at, "newest": at}.';
