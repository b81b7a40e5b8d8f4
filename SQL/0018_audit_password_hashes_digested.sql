-- 0018 — the password hashes that audit rows written before 0015 still hold, replaced by their digests.
--
-- Until 0015 an UPDATE or DELETE of an account was logged with the whole row, its bcrypt password hash included:
-- anyone who may read the audit log (auditors, HR) could take the hashes away and attack them offline. 0015 logs
-- a digest instead (sipav_audit_value: md5:<digest of the hash>), which still shows that a password changed. The
-- rows logged before keep the hashes; this migration gives them the same digest, and nothing else in them
-- changes. The log is append-only: its guard is switched off for this statement alone (this transaction), and the
-- change itself is on record, one row per body whose log it touched: table_name 'audit_log', operation 'UPDATE',
-- record_key {"body_id"}, new_value {"password_hashes_digested": n}.

ALTER TABLE audit_log DISABLE TRIGGER sipav_append_only;

WITH digested AS (
    UPDATE audit_log
       SET old_value = CASE WHEN old_value ->> 'password_hash' NOT LIKE 'md5:%' THEN sipav_audit_value('accounts', old_value)
                            ELSE old_value END,
           new_value = CASE WHEN new_value ->> 'password_hash' NOT LIKE 'md5:%' THEN sipav_audit_value('accounts', new_value)
                            ELSE new_value END
     WHERE table_name = 'accounts'
       AND (old_value ->> 'password_hash' NOT LIKE 'md5:%' OR new_value ->> 'password_hash' NOT LIKE 'md5:%')
    RETURNING body_id
)
INSERT INTO audit_log (body_id, table_name, operation, record_key, new_value)
SELECT body_id, 'audit_log', 'UPDATE', jsonb_build_object('body_id', body_id),
       jsonb_build_object('password_hashes_digested', count(*))
  FROM digested
 GROUP BY body_id
 ORDER BY body_id;

ALTER TABLE audit_log ENABLE TRIGGER sipav_append_only;

COMMENT ON COLUMN audit_log.new_value IS 'UPDATE: the new row. INSERT by a statement of at most 100 rows: the row; by a larger one, {"inserted": <rows inserted by the statement for this body/year>}. DELETE: null. For accounts, password_hash is md5:<digest of the hash> (0015; the rows before it since 0018). table_name audit_log: {"password_hashes_digested": n}, the rows of the body whose hashes 0018 replaced.';
