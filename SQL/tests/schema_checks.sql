-- SQL/tests/schema_checks.sql — hand-run checks of the SIPAV schema. Not a migration (the runner
-- reads only SQL/NNNN_*.sql).
--
-- Run it on a SCRATCH database where the migrations have been applied, e.g.
--     createdb sipav_check
--     for f in SQL/0*.sql; do psql -X -1 -v ON_ERROR_STOP=1 -d sipav_check -f "$f" || break; done
--     psql -X -d sipav_check -f SQL/tests/schema_checks.sql
--
-- Everything runs in one transaction that is rolled back at the end: the database is left as it
-- was, and the script can be run again. Each check prints "ok  <what> -> <SQLSTATE> <constraint>:
-- <message>"; anything unexpected raises "FAIL ..." and stops the script (ON_ERROR_STOP) with a
-- non-zero exit status. One ERROR line is expected (a COPY FROM STDIN into an allocated year,
-- which psql cannot catch): it is announced just before. Run it as a superuser (it uses
-- COPY ... FROM PROGRAM and ALTER TABLE ... DISABLE TRIGGER).
--
-- The last part times a COPY of 100,000 individual objectives with and without the triggers. It
-- writes /tmp/sipav_checks_io_*.csv (client side, removed at the end) and runs ALTER TABLE
-- individual_objectives DISABLE/ENABLE TRIGGER USER (an exclusive lock): a scratch database only.

\set ON_ERROR_STOP on
\set QUIET on
\pset format unaligned
\pset tuples_only on
\pset footer off

BEGIN;

-- ---------------------------------------------------------------------------------------------
-- Helpers (temporary, gone with the session)
-- ---------------------------------------------------------------------------------------------
-- Runs stmt and asserts that it fails with want_state (and the constraint name / exact message
-- when given).
CREATE FUNCTION pg_temp.expect_error(label text, stmt text, want_state text,
                                     want_constraint text DEFAULT NULL, want_message text DEFAULT NULL)
    RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
    got_state text;
    got_constraint text;
    got_message text;
BEGIN
    BEGIN
        EXECUTE stmt;
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS got_state = RETURNED_SQLSTATE, got_constraint = CONSTRAINT_NAME,
                                got_message = MESSAGE_TEXT;
        IF got_state <> want_state
           OR (want_constraint IS NOT NULL AND got_constraint IS DISTINCT FROM want_constraint)
           OR (want_message IS NOT NULL AND got_message IS DISTINCT FROM want_message) THEN
            RAISE EXCEPTION 'FAIL %: expected % % %, got % % "%"', label, want_state,
                coalesce(want_constraint, ''), coalesce(want_message, ''), got_state, got_constraint, got_message;
        END IF;
        RETURN format('ok  %s -> %s %s: %s', label, got_state, coalesce(nullif(got_constraint, ''), '-'), got_message);
    END;
    RAISE EXCEPTION 'FAIL %: no error from: %', label, stmt;
END
$f$;

CREATE FUNCTION pg_temp.expect(label text, ok boolean) RETURNS text LANGUAGE plpgsql AS $f$
BEGIN
    IF ok IS NOT TRUE THEN
        RAISE EXCEPTION 'FAIL %', label;
    END IF;
    RETURN 'ok  ' || label;
END
$f$;

\echo
-- The sections before 7c set years' states by hand, standing in for the allocation job; 0027 lets a year become
-- allocated only through an allocation run and published only once allocated: its trigger is off until 7c.
ALTER TABLE years DISABLE TRIGGER sipav_years_state_earned;

\echo '== 1. A small body: Camera di commercio di Torino, 2019 (and 2020), plus a second body'

SET LOCAL sipav.actor = 'import.job';

INSERT INTO bodies (body_id, name) VALUES
    ('CCIAA-TO', 'Camera di commercio di Torino'),
    ('CCIAA-MI', 'Camera di commercio di Milano');
INSERT INTO years (body_id, year, state, settings_yaml) VALUES
    ('CCIAA-TO', 2019, 'rating',   'fund: {residual: keep}'),
    ('CCIAA-TO', 2020, 'planning', NULL),
    ('CCIAA-MI', 2019, 'rating',   NULL);
INSERT INTO employees (body_id, employee_id, name) VALUES
    ('CCIAA-TO', 'DIR001', 'Segretario Generale'),
    ('CCIAA-TO', 'DIR002', 'D''Angelo Francesca'),
    ('CCIAA-TO', 'DIR003', 'Verdi Paolo'),
    ('CCIAA-TO', 'E0001',  'Rossi Maria'),
    ('CCIAA-TO', 'E0002',  'Bruno Luca'),
    ('CCIAA-TO', 'E0003',  'Neri Anna'),
    ('CCIAA-MI', 'DIR001', 'Segretario Generale (Milano)'),
    ('CCIAA-MI', 'E0001',  'Bianchi Carlo');            -- same employee_id as in Torino
INSERT INTO strategic_lines (body_id, year, line_id, name, position) VALUES
    ('CCIAA-TO', 2019, '1', 'Pubblica Amministrazione per le imprese', 1),
    ('CCIAA-TO', 2019, '2', 'Competitività del territorio', 2),
    ('CCIAA-MI', 2019, '1', 'Imprese', 1);
INSERT INTO areas (body_id, year, area_id, name, manager_id, position) VALUES
    ('CCIAA-TO', 2019, 'AREA1', 'Area Anagrafe economica', 'DIR002', 1),
    ('CCIAA-TO', 2019, 'AREA2', 'Area Sviluppo e promozione', 'DIR003', 2),
    ('CCIAA-TO', 2020, 'AREA1', 'Area Anagrafe economica', 'DIR002', 1),
    ('CCIAA-MI', 2019, 'AREA1', 'Area unica', NULL, 1);
INSERT INTO objectives (body_id, year, objective_id, title, owner_area_id, position) VALUES
    ('CCIAA-TO', 2019, '1',    'Garantire la salute organizzativa dell''ente', NULL, 1),
    ('CCIAA-TO', 2019, '6',    'Semplificare i procedimenti', NULL, 2),
    ('CCIAA-TO', 2019, 'A1.1', 'Tempi del Registro imprese', 'AREA1', 3),
    ('CCIAA-TO', 2019, 'A2.1', 'Progetti di promozione', 'AREA2', 4);
INSERT INTO objective_lines (body_id, year, objective_id, line_id) VALUES
    ('CCIAA-TO', 2019, '1', '1'), ('CCIAA-TO', 2019, '6', '1'), ('CCIAA-TO', 2019, '6', '2'),
    ('CCIAA-TO', 2019, 'A1.1', '1'), ('CCIAA-TO', 2019, 'A2.1', '2');
INSERT INTO indicators (body_id, year, indicator_id, objective_id, parent_indicator_id, name, unit, kind,
                        composite_percents, measured_number, measured_date, measured_yes, suppressed_reference, position) VALUES
    ('CCIAA-TO', 2019, '1.1', '1', NULL, 'Indicatore di rigidità', '%', 'below', NULL, 75, NULL, NULL, NULL, 1),
    ('CCIAA-TO', 2019, '1.4', '1', NULL, 'Rinnovo Consiglio camerale', NULL, 'deadline', NULL, NULL, '2019-07-26', NULL, NULL, 2),
    ('CCIAA-TO', 2019, '6.3', '6', NULL, 'Indicatore composito', NULL, NULL, '{100,80,60,40,20}', NULL, NULL, NULL, NULL, 1),
    ('CCIAA-TO', 2019, '6.3.1', '6', '6.3', 'Primo sub-indicatore', NULL, 'deadline', NULL, NULL, '2019-03-22', NULL, NULL, 1),
    ('CCIAA-TO', 2019, '6.3.2', '6', '6.3', 'Secondo sub-indicatore', NULL, 'yes_no', NULL, NULL, NULL, false, NULL, 2),
    ('CCIAA-TO', 2019, '9.1', '6', NULL, 'Indicatore soppresso', NULL, 'yes_no', NULL, NULL, NULL, NULL,
        'Delibera di Giunta n. 139 del 16/09/2019', 3),
    ('CCIAA-TO', 2019, 'A1.1.1', 'A1.1', NULL, 'Pratiche evase', '%', 'at_least', NULL, 98.58, NULL, NULL, NULL, 1),
    ('CCIAA-TO', 2019, 'A2.1.1', 'A2.1', NULL, 'Soddisfazione', NULL, 'above', NULL, 3.16, NULL, NULL, NULL, 1);
INSERT INTO indicator_steps (body_id, year, indicator_id, step, threshold_number, threshold_month, percent)
SELECT 'CCIAA-TO', 2019, '1.1', s, t, NULL, p
  FROM unnest(ARRAY[80, 85, 90, 95, 100], ARRAY[100, 80, 60, 40, 20]) WITH ORDINALITY AS x(t, p, s)
UNION ALL
SELECT 'CCIAA-TO', 2019, '1.4', s, NULL, m::date, p
  FROM unnest(ARRAY['2019-06-01', '2019-07-01', '2019-09-01', '2019-10-01', '2019-11-01'], ARRAY[100, 80, 60, 40, 20])
       WITH ORDINALITY AS x(m, p, s)
UNION ALL
SELECT 'CCIAA-TO', 2019, 'A1.1.1', s, t, NULL, p
  FROM unnest(ARRAY[70, 60, 55, 50, 40], ARRAY[100, 80, 60, 40, 20]) WITH ORDINALITY AS x(t, p, s)
UNION ALL
SELECT 'CCIAA-TO', 2019, 'A2.1.1', s, t, NULL, p
  FROM unnest(ARRAY[2.8, 2.6, 2.4, 2.2, 2.0], ARRAY[100, 80, 50, 40, 20]) WITH ORDINALITY AS x(t, p, s)
UNION ALL
VALUES ('CCIAA-TO', 2019, '6.3.1', 1, NULL::numeric, '2019-03-01'::date, 100),
       ('CCIAA-TO', 2019, '6.3.2', 1, NULL, NULL, 100),
       ('CCIAA-TO', 2019, '9.1', 1, NULL, NULL, 100);
INSERT INTO indicator_revisions (body_id, year, indicator_id, reference, previous_name, previous_scale) VALUES
    ('CCIAA-TO', 2019, '1.1', 'Delibera di Giunta n. 139 del 16/09/2019', NULL,
     '{"kind": "below", "thresholds": [85, 90, 95, 100]}');
INSERT INTO validated_results (body_id, year, scope, scope_id, percent, reference) VALUES
    ('CCIAA-TO', 2019, 'ente', '', 95.8, 'Verbale OIV n. 4 del 15/06/2020'),
    ('CCIAA-TO', 2019, 'area', 'AREA1', 97, 'Verbale OIV n. 4 del 15/06/2020'),
    ('CCIAA-TO', 2019, 'objective', '6', 88, 'Verbale OIV n. 4 del 15/06/2020');
INSERT INTO staff_years (body_id, year, employee_id, role, category, area_id, part_time_bp, months, not_assessable_reason) VALUES
    ('CCIAA-TO', 2019, 'DIR001', 'segretario_generale', 'DIR', NULL,    10000, 12, NULL),
    ('CCIAA-TO', 2019, 'DIR002', 'dirigente',           'DIR', 'AREA1', 10000, 12, NULL),
    ('CCIAA-TO', 2019, 'DIR003', 'dirigente',           'DIR', 'AREA2', 10000, 12, NULL),
    ('CCIAA-TO', 2019, 'E0001',  'dipendente',          'C',   'AREA2',  8333, 12, NULL),
    ('CCIAA-TO', 2019, 'E0002',  'dipendente',          'D',   'AREA1', 10000,  2, 'in servizio da meno di tre mesi'),
    ('CCIAA-TO', 2019, 'E0003',  'dipendente',          'B',   'AREA1', 10000, 12, NULL),
    ('CCIAA-TO', 2020, 'E0001',  'dipendente',          'C',   'AREA1', 10000, 12, NULL),
    ('CCIAA-MI', 2019, 'E0001',  'dipendente',          'C',   'AREA1', 10000, 12, NULL);
INSERT INTO individual_objectives (body_id, year, employee_id, code, title, weight_bp, cosa, come, position) VALUES
    ('CCIAA-TO', 2019, 'DIR001', 'OB1', 'Coordinamento', 6000, 6, 'A', 1),
    ('CCIAA-TO', 2019, 'DIR001', 'OB2', 'Bilancio', 4000, 5, 'A', 2),
    ('CCIAA-TO', 2019, 'DIR002', 'OB1', 'Registro imprese', 10000, 5, 'B', 1),
    ('CCIAA-TO', 2019, 'DIR003', 'OB1', 'Promozione', 10000, 4, 'A', 1),
    ('CCIAA-TO', 2019, 'E0001', 'OB1', 'Riduzione dei tempi di evasione', 4000, 5, 'A', 1),
    ('CCIAA-TO', 2019, 'E0001', 'OB2', 'Qualità dei dati', 3333, 4, 'B', 2),
    ('CCIAA-TO', 2019, 'E0001', 'OB3', 'Formazione', 2667, 6, 'A', 3),
    ('CCIAA-TO', 2019, 'E0002', 'OB1', 'Affiancamento', 10000, NULL, NULL, 1),
    ('CCIAA-TO', 2019, 'E0003', 'OB1', 'Sportello', 5000, 3, 'C', 1),
    ('CCIAA-TO', 2019, 'E0003', 'OB2', 'Archivio', 5000, 2, 'B', 2),
    ('CCIAA-TO', 2020, 'E0001', 'OB1', 'Obiettivo 2020', 10000, NULL, NULL, 1),
    ('CCIAA-MI', 2019, 'E0001', 'OB1', 'Obiettivo di Milano', 10000, 6, 'A', 1);
INSERT INTO fund_lines (body_id, year, line_no, fund, description, amount_cents, reference) VALUES
    ('CCIAA-TO', 2019, 1, 'staff', 'Fondo risorse decentrate 2019', 73431244, 'Determinazione n. 12/2019'),
    ('CCIAA-TO', 2019, 2, 'managers', 'Retribuzione di risultato dei dirigenti', 7898025, NULL);
INSERT INTO fund_confirmations (body_id, year, kind, confirmed_on, reference) VALUES
    ('CCIAA-TO', 2019, 'giunta', '2020-05-20', 'Delibera di Giunta n. 60 del 20/05/2020'),
    ('CCIAA-TO', 2019, 'oiv', '2020-06-15', 'Verbale OIV n. 4 del 15/06/2020');

SELECT pg_temp.expect('the small body is loaded: 6 staff, 10 objectives, 8 indicators, 2 fund lines in CCIAA-TO 2019',
       (SELECT count(*) FROM staff_years WHERE body_id = 'CCIAA-TO' AND year = 2019) = 6
   AND (SELECT count(*) FROM individual_objectives WHERE body_id = 'CCIAA-TO' AND year = 2019) = 10
   AND (SELECT count(*) FROM indicators WHERE body_id = 'CCIAA-TO' AND year = 2019) = 8
   AND (SELECT count(*) FROM fund_lines WHERE body_id = 'CCIAA-TO' AND year = 2019) = 2);

\echo
\echo '== 2. CHECK constraints fire with their names (SQLSTATE 23514)'

SELECT pg_temp.expect_error('cosa 7', $$
    UPDATE individual_objectives SET cosa = 7 WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0001' AND code = 'OB1'
$$, '23514', 'individual_objectives_cosa_range');
SELECT pg_temp.expect_error('come D', $$
    UPDATE individual_objectives SET come = 'D' WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0001' AND code = 'OB1'
$$, '23514', 'individual_objectives_come_valid');
SELECT pg_temp.expect_error('cosa without come', $$
    UPDATE individual_objectives SET come = NULL WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0001' AND code = 'OB1'
$$, '23514', 'individual_objectives_rating_complete');
SELECT pg_temp.expect_error('weight 10001', $$
    UPDATE individual_objectives SET weight_bp = 10001 WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0001' AND code = 'OB1'
$$, '23514', 'individual_objectives_weight_range');
SELECT pg_temp.expect_error('months 13', $$
    UPDATE staff_years SET months = 13 WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0001'
$$, '23514', 'staff_years_months_range');
SELECT pg_temp.expect_error('part time 0', $$
    UPDATE staff_years SET part_time_bp = 0 WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0001'
$$, '23514', 'staff_years_part_time_range');
SELECT pg_temp.expect_error('a dipendente without Area', $$
    UPDATE staff_years SET area_id = NULL WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0001'
$$, '23514', 'staff_years_area_required');
SELECT pg_temp.expect_error('unknown role', $$
    UPDATE staff_years SET role = 'direttore' WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0001'
$$, '23514', 'staff_years_role_valid');
SELECT pg_temp.expect_error('negative fund amount', $$
    INSERT INTO fund_lines (body_id, year, line_no, fund, description, amount_cents) VALUES ('CCIAA-TO', 2019, 3, 'staff', 'Rettifica', -100)
$$, '23514', 'fund_lines_amount_nonnegative');
SELECT pg_temp.expect_error('unknown fund', $$
    INSERT INTO fund_lines (body_id, year, line_no, fund, description, amount_cents) VALUES ('CCIAA-TO', 2019, 3, 'bonus', 'x', 100)
$$, '23514', 'fund_lines_fund_valid');
SELECT pg_temp.expect_error('unknown year state', $$
    UPDATE years SET state = 'closed' WHERE body_id = 'CCIAA-TO' AND year = 2019
$$, '23514', 'years_state_valid');
SELECT pg_temp.expect_error('two measured values', $$
    UPDATE indicators SET measured_date = '2019-05-01' WHERE body_id = 'CCIAA-TO' AND year = 2019 AND indicator_id = '1.1'
$$, '23514', 'indicators_one_measurement');
SELECT pg_temp.expect_error('a date measured on a numeric scale', $$
    UPDATE indicators SET measured_number = NULL, measured_date = '2019-05-01' WHERE body_id = 'CCIAA-TO' AND year = 2019 AND indicator_id = '1.1'
$$, '23514', 'indicators_measurement_suits_kind');
SELECT pg_temp.expect_error('not completed on a numeric scale', $$
    UPDATE indicators SET measured_number = NULL, measured_not_completed = true WHERE body_id = 'CCIAA-TO' AND year = 2019 AND indicator_id = '1.1'
$$, '23514', 'indicators_not_completed_suits_deadline');
SELECT pg_temp.expect_error('a deadline both completed and not', $$
    UPDATE indicators SET measured_not_completed = true WHERE body_id = 'CCIAA-TO' AND year = 2019 AND indicator_id = '1.4'
$$, '23514', 'indicators_not_completed_suits_deadline');
SELECT pg_temp.expect_error('a suppressed indicator with a measured value (0044)', $$
    UPDATE indicators SET suppressed_reference = 'Delibera n. 1' WHERE body_id = 'CCIAA-TO' AND year = 2019 AND indicator_id = '1.1'
$$, '23514', 'indicators_suppressed_not_measured');
SELECT pg_temp.expect_error('a response to a run numbered 0 (0034)', $$
    INSERT INTO appraisal_responses (body_id, year, employee_id, response, run_id) VALUES ('CCIAA-TO', 2019, 'E0001', 'acknowledged', 0)
$$, '23514', 'appraisal_responses_run_positive');
SELECT pg_temp.expect_error('more returned drafts paid than drafts (0035)', $$
    INSERT INTO allocation_runs (body_id, year, settings_yaml, staff_fund_cents, staff_paid_cents, managers_fund_cents, managers_paid_cents,
                                 drafts_paid, returned_drafts_paid)
    VALUES ('CCIAA-TO', 2019, '', 0, 0, 0, 0, 1, 2)
$$, '23514', 'allocation_runs_drafts_paid_valid');
SELECT pg_temp.expect_error('a composite with a kind', $$
    UPDATE indicators SET kind = 'below' WHERE body_id = 'CCIAA-TO' AND year = 2019 AND indicator_id = '6.3'
$$, '23514', 'indicators_composite_shape');
SELECT pg_temp.expect_error('a composite percent of 120', $$
    UPDATE indicators SET composite_percents = '{120,80}' WHERE body_id = 'CCIAA-TO' AND year = 2019 AND indicator_id = '6.3'
$$, '23514', 'indicators_composite_percents_range');
SELECT pg_temp.expect_error('step 6', $$
    INSERT INTO indicator_steps (body_id, year, indicator_id, step, threshold_number, percent) VALUES ('CCIAA-TO', 2019, '1.1', 6, 105, 10)
$$, '23514', 'indicator_steps_step_range');
SELECT pg_temp.expect_error('step percent 0', $$
    UPDATE indicator_steps SET percent = 0 WHERE body_id = 'CCIAA-TO' AND year = 2019 AND indicator_id = '1.1' AND step = 5
$$, '23514', 'indicator_steps_percent_range');
SELECT pg_temp.expect_error('month threshold not on the first day', $$
    UPDATE indicator_steps SET threshold_month = '2019-06-15' WHERE body_id = 'CCIAA-TO' AND year = 2019 AND indicator_id = '1.4' AND step = 1
$$, '23514', 'indicator_steps_month_first_day');
SELECT pg_temp.expect_error('validated percent 101', $$
    UPDATE validated_results SET percent = 101 WHERE body_id = 'CCIAA-TO' AND year = 2019 AND scope = 'ente'
$$, '23514', 'validated_results_percent_range');
SELECT pg_temp.expect_error('validated ente figure with a scope id', $$
    INSERT INTO validated_results (body_id, year, scope, scope_id, percent, reference) VALUES ('CCIAA-MI', 2019, 'ente', 'X', 90, 'Verbale')
$$, '23514', 'validated_results_scope_id_matches');
SELECT pg_temp.expect_error('blank reference of a confirmation', $$
    UPDATE fund_confirmations SET reference = '  ' WHERE body_id = 'CCIAA-TO' AND year = 2019 AND kind = 'oiv'
$$, '23514', 'fund_confirmations_reference_not_blank');
SELECT pg_temp.expect_error('blank reason of a reopening', $$
    INSERT INTO year_reopenings (body_id, year, from_state, to_state, reason) VALUES ('CCIAA-TO', 2019, 'allocated', 'validated', ' ')
$$, '23514', 'year_reopenings_reason_not_blank');
SELECT pg_temp.expect_error('an allocated year inserted with a reopen reason', $$
    INSERT INTO years (body_id, year, state, reopen_reason) VALUES ('CCIAA-MI', 2018, 'allocated', 'why')
$$, '23514', 'years_reopen_reason_only_when_open');

\echo
\echo '== 3. Foreign keys (SQLSTATE 23503) and keys (23505), always within one body'

SELECT pg_temp.expect_error('unknown Area of a person', $$
    UPDATE staff_years SET area_id = 'AREA9' WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0001'
$$, '23503', 'staff_years_area_fk');
SELECT pg_temp.expect_error('unknown employee in the staff', $$
    INSERT INTO staff_years (body_id, year, employee_id, role, category, area_id) VALUES ('CCIAA-TO', 2019, 'E9999', 'dipendente', 'C', 'AREA1')
$$, '23503', 'staff_years_employee_fk');
SELECT pg_temp.expect_error('objective of a person not in the year''s staff', $$
    INSERT INTO individual_objectives (body_id, year, employee_id, code, weight_bp) VALUES ('CCIAA-TO', 2020, 'E0003', 'OB1', 10000)
$$, '23503', 'individual_objectives_staff_fk');
SELECT pg_temp.expect_error('unknown manager of an Area', $$
    UPDATE areas SET manager_id = 'DIR999' WHERE body_id = 'CCIAA-TO' AND year = 2019 AND area_id = 'AREA1'
$$, '23503', 'areas_manager_fk');
SELECT pg_temp.expect_error('objective of an unknown Area', $$
    INSERT INTO objectives (body_id, year, objective_id, title, owner_area_id) VALUES ('CCIAA-TO', 2019, 'X', 'x', 'AREA9')
$$, '23503', 'objectives_owner_area_fk');
SELECT pg_temp.expect_error('sub-indicator whose parent belongs to another objective', $$
    INSERT INTO indicators (body_id, year, indicator_id, objective_id, parent_indicator_id, name, kind)
    VALUES ('CCIAA-TO', 2019, '1.1.9', '1', '6.3', 'x', 'yes_no')
$$, '23503', 'indicators_parent_fk');
SELECT pg_temp.expect_error('validated figure of an unknown Area', $$
    INSERT INTO validated_results (body_id, year, scope, scope_id, percent, reference) VALUES ('CCIAA-TO', 2019, 'area', 'AREA9', 90, 'Verbale')
$$, '23503', 'validated_results_area_fk');
SELECT pg_temp.expect_error('a year of an unknown body', $$
    INSERT INTO years (body_id, year) VALUES ('CCIAA-XX', 2019)
$$, '23503', 'years_body_fk');
SELECT pg_temp.expect_error('Milano staff in an Area that exists only in Torino', $$
    UPDATE staff_years SET area_id = 'AREA2' WHERE body_id = 'CCIAA-MI' AND year = 2019 AND employee_id = 'E0001'
$$, '23503', 'staff_years_area_fk');
SELECT pg_temp.expect_error('Milano objective for a person who exists only in Torino', $$
    INSERT INTO individual_objectives (body_id, year, employee_id, code, weight_bp) VALUES ('CCIAA-MI', 2019, 'E0003', 'OB1', 10000)
$$, '23503', 'individual_objectives_staff_fk');
SELECT pg_temp.expect_error('deleting an open year that holds data (RESTRICT)', $$
    DELETE FROM years WHERE body_id = 'CCIAA-TO' AND year = 2020
$$, '23503');
SELECT pg_temp.expect_error('deleting an employee who has a year of staff (RESTRICT)', $$
    DELETE FROM employees WHERE body_id = 'CCIAA-TO' AND employee_id = 'E0003'
$$, '23503');
SELECT pg_temp.expect_error('the same employee twice in one body', $$
    INSERT INTO employees (body_id, employee_id, name) VALUES ('CCIAA-TO', 'E0001', 'Rossi Maria bis')
$$, '23505', 'employees_pkey');

UPDATE employees SET name = 'Bianchi Carlo Alberto' WHERE body_id = 'CCIAA-MI' AND employee_id = 'E0001';
SELECT pg_temp.expect('E0001 exists in both bodies independently: renaming Milano''s leaves Torino''s',
       (SELECT name FROM employees WHERE body_id = 'CCIAA-TO' AND employee_id = 'E0001') = 'Rossi Maria'
   AND (SELECT name FROM employees WHERE body_id = 'CCIAA-MI' AND employee_id = 'E0001') = 'Bianchi Carlo Alberto'
   AND (SELECT count(*) FROM staff_years WHERE employee_id = 'E0001' AND year = 2019) = 2);

-- Cascade inside a year: deleting a person's year deletes their objectives and score.
SAVEPOINT cascade_check;
DELETE FROM staff_years WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0003';
SELECT pg_temp.expect('deleting a person''s year cascades to their objectives only',
       NOT EXISTS (SELECT 1 FROM individual_objectives WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0003')
   AND EXISTS (SELECT 1 FROM employees WHERE body_id = 'CCIAA-TO' AND employee_id = 'E0003'));
-- Deleting an objective deletes its indicators, sub-indicators, steps, revisions, lines and validated figure.
DELETE FROM objectives WHERE body_id = 'CCIAA-TO' AND year = 2019 AND objective_id = '6';
SELECT pg_temp.expect('deleting objective 6 cascades to its indicators (6.3, 6.3.1, 6.3.2, 9.1), their steps and its validated figure',
       NOT EXISTS (SELECT 1 FROM indicators WHERE body_id = 'CCIAA-TO' AND year = 2019 AND objective_id = '6')
   AND NOT EXISTS (SELECT 1 FROM indicator_steps WHERE body_id = 'CCIAA-TO' AND year = 2019 AND indicator_id LIKE '6.3%')
   AND NOT EXISTS (SELECT 1 FROM validated_results WHERE body_id = 'CCIAA-TO' AND year = 2019 AND scope = 'objective'));
ROLLBACK TO SAVEPOINT cascade_check;

\echo
\echo '== 4. The audit log: actor, UPDATE/DELETE and small INSERTs row by row, one row per large INSERT statement'

SELECT coalesce(max(audit_id), 0) AS audit_mark FROM audit_log \gset
SET LOCAL sipav.actor = 'hr.rossi';
UPDATE individual_objectives SET cosa = 6, come = 'A'
 WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0003' AND code = 'OB1';
UPDATE individual_objectives SET title = title          -- changes nothing: not logged
 WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0003';
DELETE FROM individual_objectives WHERE body_id = 'CCIAA-TO' AND year = 2020 AND employee_id = 'E0001' AND code = 'OB1';
INSERT INTO individual_objectives (body_id, year, employee_id, code, title, weight_bp) VALUES
    ('CCIAA-TO', 2020, 'E0001', 'OB1', 'Obiettivo 1', 4000),
    ('CCIAA-TO', 2020, 'E0001', 'OB2', 'Obiettivo 2', 3000),
    ('CCIAA-TO', 2020, 'E0001', 'OB3', 'Obiettivo 3', 3000);
INSERT INTO individual_objectives (body_id, year, employee_id, code, title, weight_bp)
SELECT body_id, year, employee_id, 'OB9', 'In due enti', 0 FROM staff_years
 WHERE employee_id = 'E0001' AND (body_id, year) IN (('CCIAA-TO', 2020), ('CCIAA-MI', 2019));
SET LOCAL sipav.actor = '';                                 -- no application user: the session user
UPDATE fund_lines SET description = 'Fondo risorse decentrate 2019 (definitivo)'
 WHERE body_id = 'CCIAA-TO' AND year = 2019 AND line_no = 1;

\pset tuples_only off
\echo 'audit_log rows written by the statements above:'
SELECT audit_id - :audit_mark AS n, actor, table_name, operation, record_key,
       old_value ->> 'cosa' AS old_cosa, coalesce(new_value ->> 'cosa', new_value::text) AS new_cosa_or_value
  FROM audit_log WHERE audit_id > :audit_mark ORDER BY audit_id;
\pset tuples_only on

SELECT pg_temp.expect('UPDATE logged once, by hr.rossi, keyed by the primary key, with old and new rows',
       (SELECT count(*) FROM audit_log WHERE audit_id > :audit_mark AND operation = 'UPDATE' AND table_name = 'individual_objectives') = 1
   AND EXISTS (SELECT 1 FROM audit_log WHERE audit_id > :audit_mark AND operation = 'UPDATE' AND actor = 'hr.rossi'
                  AND record_key = '{"body_id": "CCIAA-TO", "year": 2019, "employee_id": "E0003", "code": "OB1"}'
                  AND old_value ->> 'cosa' = '3' AND new_value ->> 'cosa' = '6' AND new_value ->> 'come' = 'A'));
SELECT pg_temp.expect('DELETE logged with the old row and no new row',
       EXISTS (SELECT 1 FROM audit_log WHERE audit_id > :audit_mark AND operation = 'DELETE' AND actor = 'hr.rossi'
                  AND record_key = '{"body_id": "CCIAA-TO", "year": 2020, "employee_id": "E0001", "code": "OB1"}'
                  AND old_value ->> 'title' = 'Obiettivo 2020' AND new_value IS NULL));
SELECT pg_temp.expect('an INSERT of 3 rows (0015: at most 100) is logged row by row, keyed, with the whole row',
       (SELECT count(*) FROM audit_log WHERE audit_id > :audit_mark AND operation = 'INSERT' AND actor = 'hr.rossi'
           AND table_name = 'individual_objectives' AND record_key ->> 'year' = '2020' AND record_key ->> 'body_id' = 'CCIAA-TO'
           AND record_key ->> 'employee_id' = 'E0001' AND record_key ->> 'code' = new_value ->> 'code'
           AND new_value ->> 'title' LIKE 'Obiettivo _') = 3);
SELECT pg_temp.expect('an INSERT touching two bodies is one audit row per row, each under its body',
       (SELECT count(*) FROM audit_log WHERE audit_id > :audit_mark AND operation = 'INSERT' AND new_value ->> 'code' = 'OB9'
           AND body_id = record_key ->> 'body_id') = 2);
SELECT pg_temp.expect('without sipav.actor the actor is the session user',
       EXISTS (SELECT 1 FROM audit_log WHERE audit_id > :audit_mark AND table_name = 'fund_lines' AND actor = session_user));
SELECT pg_temp.expect_error('the audit log cannot be updated', $$
    UPDATE audit_log SET actor = 'someone else'
$$, 'SV003', 'audit_log_append_only');
SELECT pg_temp.expect_error('the audit log cannot be deleted from (without the retention switch)', $$
    DELETE FROM audit_log
$$, 'SV003', 'audit_log_append_only');
SELECT pg_temp.expect_error('the audit log cannot be truncated', $$
    TRUNCATE audit_log
$$, 'SV003', 'audit_log_append_only');

\echo
\echo '== 5. The allocation job, then the allocated-year lock'

SET LOCAL sipav.actor = 'allocation.job';
UPDATE years SET state = 'validated' WHERE body_id = 'CCIAA-TO' AND year = 2019;
-- The job's protocol: lock the year, (re)write the allocations, set the state last.
SELECT pg_temp.expect('the job first locks the year: SELECT ... FROM years ... FOR UPDATE',
       (SELECT state FROM years WHERE body_id = 'CCIAA-TO' AND year = 2019 FOR UPDATE) = 'validated');
DELETE FROM allocations WHERE body_id = 'CCIAA-TO' AND year = 2019;
INSERT INTO allocation_runs (body_id, year, settings_yaml, staff_fund_cents, staff_paid_cents, managers_fund_cents, managers_paid_cents)
VALUES ('CCIAA-TO', 2019, 'fund: {residual: keep}', 73431244, 52000001, 7898025, 7000000)
RETURNING run_id AS run_id \gset
-- (illustrative figures)
INSERT INTO allocations (body_id, year, employee_id, run_id, fund, final_score, band, share_numerator, share_denominator,
                         coefficient_numerator, coefficient_denominator, amount_cents, received_remainder_cent,
                         individual_amount_numerator, individual_amount_denominator, ente_amount_numerator,
                         ente_amount_denominator, area_amount_numerator, area_amount_denominator, weighted_sum,
                         not_assessable_reason) VALUES
    ('CCIAA-TO', 2019, 'DIR001', :run_id, 'managers', 6, 'ALTA', 7898025, 3, 1, 1, 2632675, false, 6318420, 3, NULL, NULL, NULL, NULL, 56000, NULL),
    ('CCIAA-TO', 2019, 'DIR002', :run_id, 'managers', 4, 'MEDIA', 7898025, 3, 2, 3, 2183663, true, NULL, NULL, NULL, NULL, NULL, NULL, 40000, NULL),
    ('CCIAA-TO', 2019, 'DIR003', :run_id, 'managers', 4, 'MEDIA', 7898025, 3, 2, 3, 2183662, false, NULL, NULL, NULL, NULL, NULL, NULL, 40000, NULL),
    ('CCIAA-TO', 2019, 'E0001', :run_id, 'staff', 5, 'ALTA', 73431244, 2, 5, 6, 30000001, false, 36715622, 2, 1755006731, 200, 11014687, 2, 46001, NULL),
    ('CCIAA-TO', 2019, 'E0002', :run_id, 'staff', NULL, 'BASSA', 73431244, 12, 0, 1, 0, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     'in servizio da meno di tre mesi'),
    ('CCIAA-TO', 2019, 'E0003', :run_id, 'staff', 2, 'MEDIA', 73431244, 3, 1, 3, 22000000, false, NULL, NULL, NULL, NULL, NULL, NULL, 20000, NULL);
SELECT pg_temp.expect('final_scores shows the scores of the allocation rows',
       (SELECT count(*) FROM final_scores WHERE body_id = 'CCIAA-TO' AND year = 2019) = 6
   AND (SELECT weighted_sum FROM final_scores WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0001') = 46001);
SELECT pg_temp.expect_error('not assessable with a score', $$
    UPDATE allocations SET final_score = 4 WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0002'
$$, '23514', 'allocations_assessable_consistent');
SELECT pg_temp.expect_error('assessable without a weighted sum', $$
    UPDATE allocations SET weighted_sum = NULL WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0003'
$$, '23514', 'allocations_assessable_consistent');
SELECT pg_temp.expect_error('an exact component with denominator 0', $$
    UPDATE allocations SET individual_amount_numerator = 1, individual_amount_denominator = 0
     WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0003'
$$, '23514', 'allocations_individual_amount_fraction');
SELECT pg_temp.expect_error('an exact component with a numerator and no denominator', $$
    UPDATE allocations SET increase_amount_numerator = 1 WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0003'
$$, '23514', 'allocations_increase_amount_fraction');
SELECT pg_temp.expect_error('a negative amount', $$
    UPDATE allocations SET amount_cents = -1 WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0003'
$$, '23514', 'allocations_amount_nonnegative');
SELECT pg_temp.expect_error('a run that pays more than the fund (negative residual)', $$
    INSERT INTO allocation_runs (body_id, year, settings_yaml, staff_fund_cents, staff_paid_cents, managers_fund_cents, managers_paid_cents)
    VALUES ('CCIAA-TO', 2019, '', 100, 101, 0, 0)
$$, '23514', 'allocation_runs_staff_residual_nonnegative');
UPDATE years SET state = 'allocated' WHERE body_id = 'CCIAA-TO' AND year = 2019;
SELECT pg_temp.expect('CCIAA-TO 2019 is allocated; the run''s residuals are generated (fund - paid)',
       (SELECT state FROM years WHERE body_id = 'CCIAA-TO' AND year = 2019) = 'allocated'
   AND (SELECT staff_residual_cents FROM allocation_runs WHERE body_id = 'CCIAA-TO' AND run_id = :run_id) = 21431243);

\set locked_message 'year 2019 of body CCIAA-TO is allocated: reopen it with a reason before changing it'
\echo 'UPDATE of every locked table (SQLSTATE SV001):'
SELECT pg_temp.expect_error('UPDATE ' || t, format('UPDATE %I SET body_id = body_id WHERE body_id = %L AND year = 2019', t, 'CCIAA-TO'),
                            'SV001', 'year_locked', :'locked_message')
  FROM unnest(ARRAY['strategic_lines', 'areas', 'objectives', 'objective_lines', 'indicators', 'indicator_steps',
                    'indicator_revisions', 'validated_results', 'staff_years', 'individual_objectives',
                    'fund_lines', 'fund_confirmations', 'allocations']) AS t;
\echo 'DELETE from every locked table (SQLSTATE SV001, before any foreign-key error or cascade):'
SELECT pg_temp.expect_error('DELETE ' || t, format('DELETE FROM %I WHERE body_id = %L AND year = 2019', t, 'CCIAA-TO'),
                            'SV001', 'year_locked', :'locked_message')
  FROM unnest(ARRAY['strategic_lines', 'areas', 'objectives', 'objective_lines', 'indicators', 'indicator_steps',
                    'indicator_revisions', 'validated_results', 'staff_years', 'individual_objectives',
                    'fund_lines', 'fund_confirmations', 'allocations']) AS t;
\echo 'INSERT, upsert, moving rows in, TRUNCATE, deleting the year:'
INSERT INTO employees (body_id, employee_id, name) VALUES ('CCIAA-TO', 'E0004', 'Gialli Sara');  -- not year-scoped: allowed
SELECT pg_temp.expect_error('INSERT staff_years', $$
    INSERT INTO staff_years (body_id, year, employee_id, role, category, area_id) VALUES ('CCIAA-TO', 2019, 'E0004', 'dipendente', 'C', 'AREA1')
$$, 'SV001', 'year_locked', :'locked_message');
SELECT pg_temp.expect_error('INSERT individual_objectives', $$
    INSERT INTO individual_objectives (body_id, year, employee_id, code, weight_bp) VALUES ('CCIAA-TO', 2019, 'DIR002', 'OB2', 0)
$$, 'SV001', 'year_locked', :'locked_message');
SELECT pg_temp.expect_error('INSERT ... ON CONFLICT DO UPDATE allocations', $$
    INSERT INTO allocations (body_id, year, employee_id, run_id, fund, band, share_numerator, share_denominator, amount_cents,
                             not_assessable_reason)
    VALUES ('CCIAA-TO', 2019, 'E0003', (SELECT max(run_id) FROM allocation_runs), 'staff', 'BASSA', 0, 1, 0, 'prova')
    ON CONFLICT (body_id, year, employee_id) DO UPDATE SET amount_cents = excluded.amount_cents
$$, 'SV001', 'year_locked', :'locked_message');
SELECT pg_temp.expect_error('INSERT fund_lines', $$
    INSERT INTO fund_lines (body_id, year, line_no, fund, description, amount_cents) VALUES ('CCIAA-TO', 2019, 3, 'staff', 'Risparmi', 100)
$$, 'SV001', 'year_locked', :'locked_message');
SELECT pg_temp.expect_error('INSERT ... ON CONFLICT DO UPDATE individual_objectives', $$
    INSERT INTO individual_objectives (body_id, year, employee_id, code, weight_bp, cosa, come)
    VALUES ('CCIAA-TO', 2019, 'E0001', 'OB1', 4000, 6, 'A')
    ON CONFLICT (body_id, year, employee_id, code) DO UPDATE SET cosa = excluded.cosa, come = excluded.come
$$, 'SV001', 'year_locked', :'locked_message');
SELECT pg_temp.expect_error('UPDATE with a bad value: the lock is reported, not the CHECK', $$
    UPDATE individual_objectives SET cosa = 7 WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0001'
$$, 'SV001', 'year_locked', :'locked_message');
SELECT pg_temp.expect_error('moving a 2020 row into the allocated 2019', $$
    UPDATE individual_objectives SET year = 2019 WHERE body_id = 'CCIAA-TO' AND year = 2020 AND employee_id = 'E0001' AND code = 'OB9'
$$, 'SV001', 'year_locked', :'locked_message');
SELECT pg_temp.expect_error('TRUNCATE individual_objectives', $$
    TRUNCATE individual_objectives
$$, 'SV001', 'year_locked', :'locked_message');
SELECT pg_temp.expect_error('DELETE the years row', $$
    DELETE FROM years WHERE body_id = 'CCIAA-TO' AND year = 2019
$$, 'SV001', 'year_locked', :'locked_message');
SELECT pg_temp.expect_error('change the settings of the allocated year', $$
    UPDATE years SET settings_yaml = 'fund: {residual: redistribute}' WHERE body_id = 'CCIAA-TO' AND year = 2019
$$, 'SV001', 'year_locked', :'locked_message');
SELECT pg_temp.expect_error('renumber the allocated year', $$
    UPDATE years SET year = 2021 WHERE body_id = 'CCIAA-TO' AND year = 2019
$$, 'SV001', 'year_locked', :'locked_message');
SELECT pg_temp.expect_error('set the allocated year back to planning, even with a reason', $$
    UPDATE years SET state = 'planning', reopen_reason = 'ricominciare' WHERE body_id = 'CCIAA-TO' AND year = 2019
$$, 'SV001', 'year_locked', :'locked_message');
INSERT INTO years (body_id, year, state) VALUES ('CCIAA-TO', 2018, 'allocated');
SELECT pg_temp.expect_error('DELETE an allocated year that holds no data', $$
    DELETE FROM years WHERE body_id = 'CCIAA-TO' AND year = 2018
$$, 'SV001', 'year_locked', 'year 2018 of body CCIAA-TO is allocated: reopen it with a reason before changing it');

\echo '(the next ERROR line is expected: COPY ... FROM STDIN into the allocated year)'
SAVEPOINT copy_locked;
\set ON_ERROR_STOP off
COPY individual_objectives (body_id, year, employee_id, code, title, weight_bp, cosa, come) FROM STDIN WITH (FORMAT csv);
CCIAA-TO,2019,DIR002,OB2,Copiato,0,,
CCIAA-TO,2019,DIR003,OB2,Copiato,0,,
\.
\set ON_ERROR_STOP on
ROLLBACK TO SAVEPOINT copy_locked;
SELECT pg_temp.expect('COPY FROM STDIN into the allocated year wrote nothing',
       NOT EXISTS (SELECT 1 FROM individual_objectives WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id IN ('DIR002', 'DIR003') AND code = 'OB2'));
-- psql does not report a COPY FROM STDIN error in LAST_ERROR_SQLSTATE: the same COPY code path,
-- fed by a program instead of the client, can be caught and its SQLSTATE checked.
SELECT pg_temp.expect_error('COPY into the allocated year', $$
    COPY individual_objectives (body_id, year, employee_id, code, title, weight_bp, cosa, come)
    FROM PROGRAM 'printf "CCIAA-TO,2019,DIR002,OB2,Copiato,0,,\\nCCIAA-TO,2019,DIR003,OB2,Copiato,0,,\\n"' WITH (FORMAT csv)
$$, 'SV001', 'year_locked', :'locked_message');

\echo 'Another year and another body are not affected:'
SET LOCAL sipav.actor = 'hr.rossi';
UPDATE individual_objectives SET weight_bp = 10000, title = 'Unico obiettivo' WHERE body_id = 'CCIAA-TO' AND year = 2020 AND employee_id = 'E0001' AND code = 'OB1';
DELETE FROM individual_objectives WHERE body_id = 'CCIAA-TO' AND year = 2020 AND employee_id = 'E0001' AND code IN ('OB2', 'OB3', 'OB9');
INSERT INTO staff_years (body_id, year, employee_id, role, category, area_id) VALUES ('CCIAA-TO', 2020, 'E0004', 'dipendente', 'C', 'AREA1');
COPY individual_objectives (body_id, year, employee_id, code, title, weight_bp) FROM STDIN WITH (FORMAT csv);
CCIAA-TO,2020,E0004,OB1,Copiato nel 2020,10000
\.
UPDATE individual_objectives SET cosa = 5, come = 'B' WHERE body_id = 'CCIAA-MI' AND year = 2019 AND employee_id = 'E0001';
UPDATE staff_years SET months = 11 WHERE body_id = 'CCIAA-MI' AND year = 2019 AND employee_id = 'E0001';
SELECT pg_temp.expect('CCIAA-TO 2020 and CCIAA-MI 2019 were changed freely',
       (SELECT count(*) FROM individual_objectives WHERE body_id = 'CCIAA-TO' AND year = 2020) = 2
   AND (SELECT cosa FROM individual_objectives WHERE body_id = 'CCIAA-MI' AND year = 2019 AND employee_id = 'E0001' AND code = 'OB1') = 5
   AND (SELECT months FROM staff_years WHERE body_id = 'CCIAA-MI' AND year = 2019 AND employee_id = 'E0001') = 11);
SELECT pg_temp.expect('CCIAA-TO 2019 is unchanged (10 objectives, E0001 OB1 still cosa 5)',
       (SELECT count(*) FROM individual_objectives WHERE body_id = 'CCIAA-TO' AND year = 2019) = 10
   AND (SELECT cosa FROM individual_objectives WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0001' AND code = 'OB1') = 5);

\echo
\echo '== 6. Reopening: only with a reason, recorded with the actor'

SELECT pg_temp.expect_error('reopen without a reason', $$
    UPDATE years SET state = 'validated' WHERE body_id = 'CCIAA-TO' AND year = 2019
$$, 'SV002', 'year_reopen_reason',
   'year 2019 of body CCIAA-TO is allocated: reopening it needs a reason (set reopen_reason in the same UPDATE)');
SELECT pg_temp.expect_error('reopen with a blank reason', $$
    UPDATE years SET state = 'rating', reopen_reason = '   ' WHERE body_id = 'CCIAA-TO' AND year = 2019
$$, 'SV002', 'year_reopen_reason');

SELECT coalesce(max(audit_id), 0) AS audit_mark FROM audit_log \gset
SET LOCAL sipav.actor = 'hr.rossi';
UPDATE years SET state = 'validated', reopen_reason = 'Ricorso di E0001 del 10/07/2020: quota da ricalcolare'
 WHERE body_id = 'CCIAA-TO' AND year = 2019;
\pset tuples_only off
SELECT body_id, year, reopened_by, from_state, to_state, reason FROM year_reopenings WHERE body_id = 'CCIAA-TO';
SELECT actor, table_name, operation, record_key, old_value ->> 'state' AS old_state, new_value ->> 'state' AS new_state
  FROM audit_log WHERE audit_id > :audit_mark ORDER BY audit_id;
\pset tuples_only on
SELECT pg_temp.expect('the reopening is in year_reopenings (by hr.rossi) and in the audit log',
       EXISTS (SELECT 1 FROM year_reopenings WHERE body_id = 'CCIAA-TO' AND year = 2019 AND reopened_by = 'hr.rossi'
                  AND from_state = 'allocated' AND to_state = 'validated' AND reason LIKE 'Ricorso di E0001%')
   AND EXISTS (SELECT 1 FROM audit_log WHERE audit_id > :audit_mark AND table_name = 'years' AND operation = 'UPDATE'
                  AND actor = 'hr.rossi' AND old_value ->> 'state' = 'allocated' AND new_value ->> 'state' = 'validated')
   AND EXISTS (SELECT 1 FROM audit_log WHERE audit_id > :audit_mark AND table_name = 'year_reopenings' AND operation = 'INSERT'));

UPDATE allocations SET amount_cents = 30000002 WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0001';
SELECT pg_temp.expect('once reopened, the year''s records can change again', true);

SET LOCAL sipav.actor = 'allocation.job';
UPDATE years SET state = 'allocated' WHERE body_id = 'CCIAA-TO' AND year = 2019;
SELECT pg_temp.expect('allocating again clears reopen_reason',
       (SELECT reopen_reason FROM years WHERE body_id = 'CCIAA-TO' AND year = 2019) IS NULL);
SELECT pg_temp.expect_error('the old reason cannot be reused: a new reopening needs a new reason', $$
    UPDATE years SET state = 'validated' WHERE body_id = 'CCIAA-TO' AND year = 2019
$$, 'SV002', 'year_reopen_reason');

UPDATE years SET state = 'published' WHERE body_id = 'CCIAA-TO' AND year = 2019;
SELECT pg_temp.expect_error('UPDATE allocations of a published year', $$
    UPDATE allocations SET amount_cents = 1 WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'E0001'
$$, 'SV001', 'year_locked', 'year 2019 of body CCIAA-TO is published: reopen it with a reason before changing it');
SELECT pg_temp.expect_error('published back to allocated', $$
    UPDATE years SET state = 'allocated' WHERE body_id = 'CCIAA-TO' AND year = 2019
$$, 'SV001', 'year_locked');
SET LOCAL sipav.actor = 'hr.bianchi';
UPDATE years SET state = 'rating', reopen_reason = 'Rettifica della valutazione di E0003 (sentenza n. 12/2021)'
 WHERE body_id = 'CCIAA-TO' AND year = 2019;
SELECT pg_temp.expect('a published year is reopened with a reason too (second reopening, by hr.bianchi)',
       (SELECT count(*) FROM year_reopenings WHERE body_id = 'CCIAA-TO' AND year = 2019) = 2
   AND EXISTS (SELECT 1 FROM year_reopenings WHERE body_id = 'CCIAA-TO' AND year = 2019 AND reopened_by = 'hr.bianchi'
                  AND from_state = 'published' AND to_state = 'rating'));

\echo
\echo '== 7. Bulk writes (0011): the derived tables'' deletions per statement, sipav_bulk_inserted'
SELECT coalesce(max(audit_id), 0) AS audit_mark FROM audit_log \gset
SET LOCAL sipav.actor = 'allocation.job';
DELETE FROM allocations WHERE body_id = 'CCIAA-TO' AND year = 2019;
SELECT pg_temp.expect('a deletion from a derived table is one audit row per statement and year, with the count',
       (SELECT count(*) FROM audit_log WHERE audit_id > :audit_mark AND operation = 'DELETE') = 1
   AND EXISTS (SELECT 1 FROM audit_log WHERE audit_id > :audit_mark AND table_name = 'allocations' AND operation = 'DELETE'
                  AND record_key = '{"body_id": "CCIAA-TO", "year": 2019}' AND old_value ? 'deleted' AND actor = 'allocation.job'));

-- Rows copied with the row triggers bypassed, then checked at once.
SET LOCAL session_replication_role = replica;
INSERT INTO individual_objectives (body_id, year, employee_id, code, weight_bp) VALUES ('CCIAA-TO', 2019, 'NOBODY', 'OB1', 0);
SET LOCAL session_replication_role = origin;
SELECT pg_temp.expect_error('sipav_bulk_inserted: a missing person', $$
    SELECT sipav_bulk_inserted('individual_objectives', 'CCIAA-TO', 2019, 1)
$$, '23503', 'individual_objectives_staff_fk');
DELETE FROM individual_objectives WHERE body_id = 'CCIAA-TO' AND year = 2019 AND employee_id = 'NOBODY';
SELECT pg_temp.expect_error('sipav_bulk_inserted: a year given for a table without one', $$
    SELECT sipav_bulk_inserted('employees', 'CCIAA-TO', 2019, 1)
$$, 'P0001');
SELECT coalesce(max(audit_id), 0) AS audit_mark FROM audit_log \gset
DO $$ BEGIN PERFORM sipav_bulk_inserted('individual_objectives', 'CCIAA-TO', 2019, 142); END $$;
SELECT pg_temp.expect('sipav_bulk_inserted logs a large insert as the trigger would: once, with its count',
       (SELECT count(*) FROM audit_log WHERE audit_id > :audit_mark) = 1
   AND EXISTS (SELECT 1 FROM audit_log WHERE audit_id > :audit_mark AND table_name = 'individual_objectives'
                  AND operation = 'INSERT' AND new_value = '{"inserted": 142}' AND actor = 'allocation.job'));
-- A row for the per-statement DELETE below to meet.
INSERT INTO allocations (body_id, year, employee_id, run_id, fund, final_score, band, share_numerator, share_denominator,
                         amount_cents, weighted_sum)
SELECT 'CCIAA-TO', 2019, 'E0001', max(run_id), 'staff', 5, 'ALTA', 1, 1, 0, 46001 FROM allocation_runs WHERE body_id = 'CCIAA-TO';
UPDATE years SET state = 'allocated' WHERE body_id = 'CCIAA-TO' AND year = 2019;
SELECT pg_temp.expect_error('sipav_bulk_inserted into an allocated year', $$
    SELECT sipav_bulk_inserted('allocations', 'CCIAA-TO', 2019, 0)
$$, 'SV001', 'year_locked');
SELECT pg_temp.expect_error('DELETE from a derived table of an allocated year, per statement', $$
    DELETE FROM allocations WHERE body_id = 'CCIAA-TO' AND year = 2019
$$, 'SV001', 'year_locked');

\echo
\echo '== 7b. The record of a locked year (0024), TRUNCATE of audited tables (0025), the audit purge (0026)'
-- CCIAA-TO 2019 is allocated again (section 7), with its runs.
SELECT pg_temp.expect_error('UPDATE a run of the allocated year (its totals, its settings)', $$
    UPDATE allocation_runs SET staff_paid_cents = staff_paid_cents - 1, settings_yaml = 'x' WHERE body_id = 'CCIAA-TO' AND year = 2019
$$, 'SV001', 'year_locked', :'locked_message');
SELECT pg_temp.expect_error('DELETE a run of the allocated year', $$
    DELETE FROM allocation_runs WHERE body_id = 'CCIAA-TO' AND year = 2019
$$, 'SV001', 'year_locked', :'locked_message');
INSERT INTO allocation_runs (body_id, year, settings_yaml, staff_fund_cents, staff_paid_cents, managers_fund_cents, managers_paid_cents)
VALUES ('CCIAA-TO', 2020, '', 100, 90, 0, 0);
SELECT pg_temp.expect_error('move a run of an open year into the allocated one', $$
    UPDATE allocation_runs SET year = 2019 WHERE body_id = 'CCIAA-TO' AND year = 2020
$$, 'SV001', 'year_locked');
INSERT INTO allocation_runs (body_id, year, settings_yaml, staff_fund_cents, staff_paid_cents, managers_fund_cents, managers_paid_cents)
VALUES ('CCIAA-MI', 2019, '', 100, 90, 0, 0);
UPDATE allocation_runs SET staff_paid_cents = 80 WHERE body_id = 'CCIAA-MI' AND year = 2019;
SELECT pg_temp.expect('a run of an open year can still change',
       (SELECT staff_paid_cents FROM allocation_runs WHERE body_id = 'CCIAA-MI' AND year = 2019) = 80);

\echo 'TRUNCATE of every audited table (SQLSTATE SV004), whatever the years'' states:'
SET LOCAL client_min_messages = warning;  -- CASCADE's notices
SELECT pg_temp.expect_error('TRUNCATE ' || t, format('TRUNCATE %s', t), 'SV004', 'audited_truncate')
  FROM unnest(ARRAY['bodies CASCADE', 'employees CASCADE', 'year_reopenings', 'accounts CASCADE', 'appraisal_responses',
                    'allocation_runs CASCADE']) AS t;
SET LOCAL client_min_messages = notice;
SELECT pg_temp.expect('every audited table refuses TRUNCATE (sipav_no_truncate)',
       NOT EXISTS (SELECT DISTINCT tg.tgrelid FROM pg_trigger tg WHERE tg.tgname LIKE 'sipav\_log\_%'
                   EXCEPT SELECT tg.tgrelid FROM pg_trigger tg WHERE tg.tgname = 'sipav_no_truncate'));
SAVEPOINT nothing_locked;
UPDATE years SET state = 'validated', reopen_reason = 'Prova di TRUNCATE' WHERE state IN ('allocated', 'published');
SELECT pg_temp.expect_error('with no year locked, TRUNCATE individual_objectives, appraisal_submissions', $$
    TRUNCATE individual_objectives, appraisal_submissions
$$, 'SV004', 'audited_truncate');
SELECT pg_temp.expect('the ratings are still there',
       (SELECT count(*) FROM individual_objectives WHERE body_id = 'CCIAA-TO' AND year = 2019) = 10);
ROLLBACK TO SAVEPOINT nothing_locked;

\echo 'The audit purge: only rows past the retention period, and on record:'
SELECT pg_temp.expect_error('DELETE FROM audit_log without the retention setting', $$
    DELETE FROM audit_log WHERE body_id = 'CCIAA-TO'
$$, 'SV003', 'audit_log_append_only');
SET LOCAL sipav.audit_retention = 'on';
SELECT pg_temp.expect_error('a purge that reaches a recent row', $$
    DELETE FROM audit_log WHERE body_id = 'CCIAA-TO'
$$, 'SV003', 'audit_log_retention');
-- Rows made old by hand (the guard switched off for this statement: a superuser's migration-like change).
ALTER TABLE audit_log DISABLE TRIGGER sipav_append_only;
UPDATE audit_log SET at = now() - interval '11 years'
 WHERE audit_id IN (SELECT audit_id FROM audit_log WHERE body_id = 'CCIAA-MI' ORDER BY audit_id LIMIT 3);
ALTER TABLE audit_log ENABLE TRIGGER sipav_append_only;
SELECT coalesce(max(audit_id), 0) AS audit_mark FROM audit_log \gset
SET LOCAL sipav.actor = 'archivist';
DELETE FROM audit_log WHERE at < now() - sipav_audit_retention();
SET LOCAL sipav.audit_retention = 'off';
SELECT pg_temp.expect('the rows past the retention are purged, and the purge is logged: body, count, actor',
       NOT EXISTS (SELECT 1 FROM audit_log WHERE at < now() - sipav_audit_retention())
   AND EXISTS (SELECT 1 FROM audit_log WHERE audit_id > :audit_mark AND table_name = 'audit_log' AND operation = 'DELETE'
                  AND body_id = 'CCIAA-MI' AND record_key = '{"body_id": "CCIAA-MI"}' AND (old_value ->> 'purged')::int = 3
                  AND actor = 'archivist'));

\echo
\echo '== 7c. The order of a year''s states (0027): allocated only by a run, published only once allocated'
ALTER TABLE years ENABLE TRIGGER sipav_years_state_earned;
INSERT INTO years (body_id, year, state) VALUES ('CCIAA-TO', 2017, 'rating');
SELECT pg_temp.expect_error('a year being rated, published by hand', $$
    UPDATE years SET state = 'published' WHERE body_id = 'CCIAA-TO' AND year = 2017
$$, 'SV005', 'year_state_order');
SELECT pg_temp.expect_error('a year being rated, allocated by hand with no run', $$
    UPDATE years SET state = 'allocated' WHERE body_id = 'CCIAA-TO' AND year = 2017
$$, 'SV005', 'year_state_order');
SELECT pg_temp.expect_error('a year inserted allocated', $$
    INSERT INTO years (body_id, year, state) VALUES ('CCIAA-TO', 2016, 'allocated')
$$, 'SV005', 'year_state_order');
SELECT pg_temp.expect_error('a year inserted published', $$
    INSERT INTO years (body_id, year, state) VALUES ('CCIAA-TO', 2016, 'published')
$$, 'SV005', 'year_state_order');
INSERT INTO allocation_runs (body_id, year, settings_yaml, staff_fund_cents, staff_paid_cents, managers_fund_cents, managers_paid_cents)
VALUES ('CCIAA-TO', 2017, '', 0, 0, 0, 0);
SELECT pg_temp.expect_error('a run with no allocations does not allocate the year', $$
    UPDATE years SET state = 'allocated' WHERE body_id = 'CCIAA-TO' AND year = 2017
$$, 'SV005', 'year_state_order');
ALTER TABLE years DISABLE TRIGGER sipav_years_state_earned;

\echo
\echo '== 7d. Returns of final appraisals to draft (0028): checks, the year lock, the audit log'
-- CCIAA-MI 2019 is being rated; E0001's appraisal there is final.
INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_by) VALUES ('CCIAA-MI', 2019, 'E0001', 'dir.milano');
SELECT pg_temp.expect_error('a return with a blank reason', $$
    INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by)
    VALUES ('CCIAA-MI', 2019, 'E0001', E' \n ', now(), 'dir.milano')
$$, '23514', 'appraisal_returns_reason_not_blank');
SELECT pg_temp.expect_error('a return with a reason of 2,001 characters', $$
    INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by)
    VALUES ('CCIAA-MI', 2019, 'E0001', repeat('x', 2001), now(), 'dir.milano')
$$, '23514', 'appraisal_returns_reason_length');
SELECT pg_temp.expect_error('a return of a submission made after it', $$
    INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by)
    VALUES ('CCIAA-MI', 2019, 'E0001', 'Errore', now() + interval '1 day', 'dir.milano')
$$, '23514', 'appraisal_returns_after_submission');
SELECT pg_temp.expect_error('a return of a submission by nobody', $$
    INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by)
    VALUES ('CCIAA-MI', 2019, 'E0001', 'Errore', now(), ' ')
$$, '23514', 'appraisal_returns_submitted_by_not_blank');
SELECT pg_temp.expect_error('a return that moves an open contest', $$
    INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by, response, response_reason, responded_at)
    VALUES ('CCIAA-MI', 2019, 'E0001', 'Errore', now(), 'dir.milano', 'contested', 'Non condivido', now())
$$, '23514', 'appraisal_returns_contest_decided');
SELECT pg_temp.expect_error('a returned outcome of no contest', $$
    INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by, outcome, outcome_at)
    VALUES ('CCIAA-MI', 2019, 'E0001', 'Errore', now(), 'dir.milano', 'confirmed', now())
$$, '23514', 'appraisal_returns_contest_decided');
SELECT pg_temp.expect_error('a return that moves a contest without its reason', $$
    INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by, response, responded_at, outcome, outcome_at)
    VALUES ('CCIAA-MI', 2019, 'E0001', 'Errore', now(), 'dir.milano', 'contested', now(), 'confirmed', now())
$$, '23514', 'appraisal_returns_contest_reason');
SELECT pg_temp.expect_error('a return that moves a response without its time', $$
    INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by, response)
    VALUES ('CCIAA-MI', 2019, 'E0001', 'Errore', now(), 'dir.milano', 'acknowledged')
$$, '23514', 'appraisal_returns_response_at');
SELECT pg_temp.expect_error('a return of a person not on the year''s staff', $$
    INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by)
    VALUES ('CCIAA-MI', 2019, 'E9999', 'Errore', now(), 'dir.milano')
$$, '23503', 'appraisal_returns_staff_fk');
SELECT pg_temp.expect_error('a return in an allocated year', $$
    INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by)
    VALUES ('CCIAA-TO', 2019, 'E0001', 'Errore', now(), 'dir.rossi')
$$, 'SV001', 'year_locked');
SELECT pg_temp.expect_error('a return by nobody', $$
    INSERT INTO appraisal_returns (body_id, year, employee_id, returned_by, reason, submitted_at, submitted_by)
    VALUES ('CCIAA-MI', 2019, 'E0001', ' ', 'Errore', now(), 'dir.milano')
$$, '23514', 'appraisal_returns_returned_by_not_blank');
SELECT pg_temp.expect_error('a return of a submission recorded from a blank act', $$
    INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by, reference)
    VALUES ('CCIAA-MI', 2019, 'E0001', 'Errore', now(), 'dir.milano', ' ')
$$, '23514', 'appraisal_returns_reference_not_blank');
SELECT pg_temp.expect_error('a return that moves a response of another kind', $$
    INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by, response, responded_at)
    VALUES ('CCIAA-MI', 2019, 'E0001', 'Errore', now(), 'dir.milano', 'visto', now())
$$, '23514', 'appraisal_returns_response_valid');
SELECT pg_temp.expect_error('a return that moves an outcome without its time', $$
    INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by, response, response_reason,
                                   responded_at, outcome)
    VALUES ('CCIAA-MI', 2019, 'E0001', 'Errore', now(), 'dir.milano', 'contested', 'Non condivido', now(), 'confirmed')
$$, '23514', 'appraisal_returns_outcome_at');
SELECT pg_temp.expect_error('a return that moves an outcome of another kind', $$
    INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by, response, response_reason,
                                   responded_at, outcome, outcome_at)
    VALUES ('CCIAA-MI', 2019, 'E0001', 'Errore', now(), 'dir.milano', 'contested', 'Non condivido', now(), 'annullato', now())
$$, '23514', 'appraisal_returns_outcome_valid');
SELECT pg_temp.expect_error('an acknowledgement moved with an outcome', $$
    INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by, response, responded_at,
                                   outcome, outcome_at)
    VALUES ('CCIAA-MI', 2019, 'E0001', 'Errore', now(), 'dir.milano', 'acknowledged', now(), 'confirmed', now())
$$, '23514', 'appraisal_returns_contest_decided');
SELECT coalesce(max(audit_id), 0) AS audit_mark FROM audit_log \gset
SET LOCAL sipav.actor = 'hr.milano';
WITH submission AS (
    DELETE FROM appraisal_submissions WHERE body_id = 'CCIAA-MI' AND year = 2019 AND employee_id = 'E0001' RETURNING *
)
INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by, reference)
SELECT body_id, year, employee_id, 'Voto inserito per errore', submitted_at, submitted_by, reference FROM submission;
SELECT pg_temp.expect('the return is on record (by hr.milano, of dir.milano''s submission), the submission gone, both in the audit log',
       EXISTS (SELECT 1 FROM appraisal_returns WHERE body_id = 'CCIAA-MI' AND year = 2019 AND employee_id = 'E0001'
                  AND returned_by = 'hr.milano' AND submitted_by = 'dir.milano' AND reason = 'Voto inserito per errore')
   AND NOT EXISTS (SELECT 1 FROM appraisal_submissions WHERE body_id = 'CCIAA-MI' AND year = 2019)
   AND EXISTS (SELECT 1 FROM audit_log WHERE audit_id > :audit_mark AND table_name = 'appraisal_submissions'
                  AND operation = 'DELETE' AND actor = 'hr.milano')
   AND EXISTS (SELECT 1 FROM audit_log WHERE audit_id > :audit_mark AND table_name = 'appraisal_returns'
                  AND operation = 'INSERT' AND actor = 'hr.milano'));
SAVEPOINT person_removed;
DELETE FROM staff_years WHERE body_id = 'CCIAA-MI' AND year = 2019 AND employee_id = 'E0001';
SELECT pg_temp.expect('deleting the person''s year deletes their returns (ON DELETE CASCADE)',
       NOT EXISTS (SELECT 1 FROM appraisal_returns WHERE body_id = 'CCIAA-MI' AND year = 2019));
ROLLBACK TO SAVEPOINT person_removed;
-- This script is one transaction: now() is its start. A submission written since (as by a manager whose transaction
-- began after HR's return did, the return waiting for it on the person's row) is returned all the same (0029).
INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_at, submitted_by)
VALUES ('CCIAA-MI', 2019, 'E0001', clock_timestamp(), 'dir.milano');
WITH submission AS (
    DELETE FROM appraisal_submissions WHERE body_id = 'CCIAA-MI' AND year = 2019 AND employee_id = 'E0001' RETURNING *
)
INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by, reference)
SELECT body_id, year, employee_id, 'Voto ancora da correggere', submitted_at, submitted_by, reference FROM submission;
SELECT pg_temp.expect('a submission made after the transaction began is returned, stamped after it (0029)',
       (SELECT submitted_at > now() AND returned_at >= submitted_at FROM appraisal_returns
         WHERE body_id = 'CCIAA-MI' AND year = 2019 AND reason = 'Voto ancora da correggere'));

\echo '== 8. COPY of 100,000 individual objectives: with the triggers and without'
\echo '   (25,000 people x 4 objectives; "without" = ALTER TABLE ... DISABLE TRIGGER USER, foreign keys kept;'
\echo '    runs alternate, fastest of three per configuration)'

SET LOCAL sipav.actor = 'import.job';
INSERT INTO bodies (body_id, name) VALUES ('PERF', 'Ente di prova per le prestazioni');
INSERT INTO years (body_id, year) SELECT 'PERF', y FROM generate_series(2031, 2036) AS y;
INSERT INTO areas (body_id, year, area_id, name) SELECT 'PERF', y, 'A1', 'Area 1' FROM generate_series(2031, 2036) AS y;
INSERT INTO employees (body_id, employee_id, name)
SELECT 'PERF', 'P' || lpad(e::text, 6, '0'), 'Persona ' || e FROM generate_series(1, 25000) AS e;
INSERT INTO staff_years (body_id, year, employee_id, role, category, area_id)
SELECT 'PERF', y, 'P' || lpad(e::text, 6, '0'), 'dipendente', 'C', 'A1'
  FROM generate_series(2031, 2036) AS y, generate_series(1, 25000) AS e;
CREATE TEMP TABLE copy_timings (run int, triggers text, year int, ms numeric) ON COMMIT DROP;

\copy (SELECT 'PERF', 2031, 'P' || lpad(e::text, 6, '0'), 'OB' || o, 'Obiettivo ' || o, 2500, (e + o) % 7, (ARRAY['A', 'B', 'C'])[1 + (e * o) % 3], o FROM generate_series(1, 25000) AS e, generate_series(1, 4) AS o) TO '/tmp/sipav_checks_io_2031.csv' WITH (FORMAT csv)
\copy (SELECT 'PERF', 2032, 'P' || lpad(e::text, 6, '0'), 'OB' || o, 'Obiettivo ' || o, 2500, (e + o) % 7, (ARRAY['A', 'B', 'C'])[1 + (e * o) % 3], o FROM generate_series(1, 25000) AS e, generate_series(1, 4) AS o) TO '/tmp/sipav_checks_io_2032.csv' WITH (FORMAT csv)
\copy (SELECT 'PERF', 2033, 'P' || lpad(e::text, 6, '0'), 'OB' || o, 'Obiettivo ' || o, 2500, (e + o) % 7, (ARRAY['A', 'B', 'C'])[1 + (e * o) % 3], o FROM generate_series(1, 25000) AS e, generate_series(1, 4) AS o) TO '/tmp/sipav_checks_io_2033.csv' WITH (FORMAT csv)
\copy (SELECT 'PERF', 2034, 'P' || lpad(e::text, 6, '0'), 'OB' || o, 'Obiettivo ' || o, 2500, (e + o) % 7, (ARRAY['A', 'B', 'C'])[1 + (e * o) % 3], o FROM generate_series(1, 25000) AS e, generate_series(1, 4) AS o) TO '/tmp/sipav_checks_io_2034.csv' WITH (FORMAT csv)
\copy (SELECT 'PERF', 2035, 'P' || lpad(e::text, 6, '0'), 'OB' || o, 'Obiettivo ' || o, 2500, (e + o) % 7, (ARRAY['A', 'B', 'C'])[1 + (e * o) % 3], o FROM generate_series(1, 25000) AS e, generate_series(1, 4) AS o) TO '/tmp/sipav_checks_io_2035.csv' WITH (FORMAT csv)
\copy (SELECT 'PERF', 2036, 'P' || lpad(e::text, 6, '0'), 'OB' || o, 'Obiettivo ' || o, 2500, (e + o) % 7, (ARRAY['A', 'B', 'C'])[1 + (e * o) % 3], o FROM generate_series(1, 25000) AS e, generate_series(1, 4) AS o) TO '/tmp/sipav_checks_io_2036.csv' WITH (FORMAT csv)

SELECT coalesce(max(audit_id), 0) AS audit_mark FROM audit_log \gset

ALTER TABLE individual_objectives DISABLE TRIGGER USER;
SELECT clock_timestamp() AS t0 \gset
\copy individual_objectives (body_id, year, employee_id, code, title, weight_bp, cosa, come, position) FROM '/tmp/sipav_checks_io_2031.csv' WITH (FORMAT csv)
INSERT INTO copy_timings VALUES (1, 'without', 2031, extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000);
ALTER TABLE individual_objectives ENABLE TRIGGER USER;
SELECT clock_timestamp() AS t0 \gset
\copy individual_objectives (body_id, year, employee_id, code, title, weight_bp, cosa, come, position) FROM '/tmp/sipav_checks_io_2032.csv' WITH (FORMAT csv)
INSERT INTO copy_timings VALUES (2, 'with', 2032, extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000);
ALTER TABLE individual_objectives DISABLE TRIGGER USER;
SELECT clock_timestamp() AS t0 \gset
\copy individual_objectives (body_id, year, employee_id, code, title, weight_bp, cosa, come, position) FROM '/tmp/sipav_checks_io_2033.csv' WITH (FORMAT csv)
INSERT INTO copy_timings VALUES (3, 'without', 2033, extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000);
ALTER TABLE individual_objectives ENABLE TRIGGER USER;
SELECT clock_timestamp() AS t0 \gset
\copy individual_objectives (body_id, year, employee_id, code, title, weight_bp, cosa, come, position) FROM '/tmp/sipav_checks_io_2034.csv' WITH (FORMAT csv)
INSERT INTO copy_timings VALUES (4, 'with', 2034, extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000);
ALTER TABLE individual_objectives DISABLE TRIGGER USER;
SELECT clock_timestamp() AS t0 \gset
\copy individual_objectives (body_id, year, employee_id, code, title, weight_bp, cosa, come, position) FROM '/tmp/sipav_checks_io_2035.csv' WITH (FORMAT csv)
INSERT INTO copy_timings VALUES (5, 'without', 2035, extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000);
ALTER TABLE individual_objectives ENABLE TRIGGER USER;
SELECT clock_timestamp() AS t0 \gset
\copy individual_objectives (body_id, year, employee_id, code, title, weight_bp, cosa, come, position) FROM '/tmp/sipav_checks_io_2036.csv' WITH (FORMAT csv)
INSERT INTO copy_timings VALUES (6, 'with', 2036, extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000);

\pset tuples_only off
SELECT run, triggers, year, round(ms) AS ms FROM copy_timings ORDER BY run;
SELECT round(min(ms) FILTER (WHERE triggers = 'without')) AS best_without_ms,
       round(min(ms) FILTER (WHERE triggers = 'with')) AS best_with_ms,
       round(min(ms) FILTER (WHERE triggers = 'with') / min(ms) FILTER (WHERE triggers = 'without'), 3) AS ratio
  FROM copy_timings;
\pset tuples_only on
SELECT pg_temp.expect('each COPY with triggers wrote ONE audit row {"inserted": 100000}; those without wrote none',
       (SELECT count(*) FROM audit_log WHERE audit_id > :audit_mark AND table_name = 'individual_objectives') = 3
   AND (SELECT count(*) FROM audit_log WHERE audit_id > :audit_mark AND table_name = 'individual_objectives'
           AND new_value = '{"inserted": 100000}') = 3);
SELECT pg_temp.expect('COPY with the triggers is less than 1.5 times as slow as without (best of three each)',
       (SELECT min(ms) FILTER (WHERE triggers = 'with') / min(ms) FILTER (WHERE triggers = 'without') FROM copy_timings) < 1.5);

\echo
\echo '   For comparison, UPDATE and DELETE of 100,000 rows (logged row by row), with and without the triggers:'
SELECT clock_timestamp() AS t0 \gset
UPDATE individual_objectives SET cosa = 6, come = 'A' WHERE body_id = 'PERF' AND year = 2032;
INSERT INTO copy_timings VALUES (7, 'with: UPDATE', 2032, extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000);
SELECT clock_timestamp() AS t0 \gset
DELETE FROM individual_objectives WHERE body_id = 'PERF' AND year = 2032;
INSERT INTO copy_timings VALUES (8, 'with: DELETE', 2032, extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000);
ALTER TABLE individual_objectives DISABLE TRIGGER USER;
SELECT clock_timestamp() AS t0 \gset
UPDATE individual_objectives SET cosa = 6, come = 'A' WHERE body_id = 'PERF' AND year = 2031;
INSERT INTO copy_timings VALUES (9, 'without: UPDATE', 2031, extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000);
SELECT clock_timestamp() AS t0 \gset
DELETE FROM individual_objectives WHERE body_id = 'PERF' AND year = 2031;
INSERT INTO copy_timings VALUES (10, 'without: DELETE', 2031, extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000);
ALTER TABLE individual_objectives ENABLE TRIGGER USER;
\pset tuples_only off
SELECT run, triggers, year, round(ms) AS ms FROM copy_timings WHERE run > 6 ORDER BY run;
\pset tuples_only on

\! rm -f /tmp/sipav_checks_io_2031.csv /tmp/sipav_checks_io_2032.csv /tmp/sipav_checks_io_2033.csv /tmp/sipav_checks_io_2034.csv /tmp/sipav_checks_io_2035.csv /tmp/sipav_checks_io_2036.csv

ROLLBACK;
\echo
\echo 'All checks passed (everything rolled back).'
