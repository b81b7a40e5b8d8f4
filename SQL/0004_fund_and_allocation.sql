-- 0004 — the productivity fund (fund.yaml) and its allocation: the runs of the allocation job,
-- each person's amount, and its exact components.
--
-- Money: final amounts are integer euro cents (bigint). Exact amounts are rationals stored as an
-- integer numerator and denominator in `numeric` (arbitrary precision), never floating point.
--
-- fund_lines, fund_confirmations, allocations and allocation_components are locked with the year;
-- allocation_runs is not (it records every run, also the runs that fail or are redone).
-- The allocation job, in ONE transaction, while the year is 'validated':
--   1. SELECT ... FROM years WHERE body_id = $1 AND year = $2 FOR UPDATE   (serialises with editors)
--   2. DELETE FROM allocations WHERE body_id = $1 AND year = $2            (cascades to components)
--   3. INSERT INTO allocation_runs (...) RETURNING run_id
--   4. COPY/INSERT allocations, then allocation_components
--   5. UPDATE years SET state = 'allocated' WHERE body_id = $1 AND year = $2
-- After step 5 every write to the year's records fails with SQLSTATE SV001.

-- ---------------------------------------------------------------------------------------------
-- fund_lines
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS fund_lines (
    body_id      text    NOT NULL,
    year         integer NOT NULL,
    line_no      integer NOT NULL,
    fund         text    NOT NULL,
    description  text    NOT NULL,
    amount_cents bigint  NOT NULL,
    reference    text,
    CONSTRAINT fund_lines_pkey PRIMARY KEY (body_id, year, line_no),
    CONSTRAINT fund_lines_year_fk FOREIGN KEY (body_id, year) REFERENCES years (body_id, year) ON DELETE RESTRICT,
    CONSTRAINT fund_lines_line_no_positive CHECK (line_no >= 1),
    CONSTRAINT fund_lines_fund_valid CHECK (fund IN ('staff', 'managers')),
    CONSTRAINT fund_lines_amount_nonnegative CHECK (amount_cents >= 0),
    CONSTRAINT fund_lines_reference_not_blank CHECK (reference IS NULL OR btrim(reference) <> '')
);

COMMENT ON TABLE fund_lines IS 'The lines of the year''s two funds: the budgeted amount and the savings added to it. A fund is the sum of its lines.';
COMMENT ON COLUMN fund_lines.fund IS 'staff (staff other than managers) or managers (dirigenti and the Segretario Generale).';
COMMENT ON COLUMN fund_lines.amount_cents IS 'Amount in euro cents, >= 0.';

-- ---------------------------------------------------------------------------------------------
-- fund_confirmations
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS fund_confirmations (
    body_id      text    NOT NULL,
    year         integer NOT NULL,
    kind         text    NOT NULL,
    confirmed_on date    NOT NULL,
    reference    text    NOT NULL,
    CONSTRAINT fund_confirmations_pkey PRIMARY KEY (body_id, year, kind),
    CONSTRAINT fund_confirmations_year_fk FOREIGN KEY (body_id, year) REFERENCES years (body_id, year) ON DELETE RESTRICT,
    CONSTRAINT fund_confirmations_kind_valid CHECK (kind IN ('giunta', 'oiv')),
    CONSTRAINT fund_confirmations_reference_not_blank CHECK (btrim(reference) <> '')
);

COMMENT ON TABLE fund_confirmations IS 'The Giunta''s confirmation of the fund and the OIV''s check of the conditions for paying, each with date and reference; required before allocating when the setting says so (checked by the Swift side).';

-- ---------------------------------------------------------------------------------------------
-- allocation_runs: every run of the allocation job (not locked)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS allocation_runs (
    body_id                 text        NOT NULL,
    year                    integer     NOT NULL,
    run_id                  bigint      GENERATED ALWAYS AS IDENTITY,
    run_at                  timestamptz NOT NULL DEFAULT now(),
    run_by                  text        NOT NULL DEFAULT sipav_actor(),
    settings_yaml           text        NOT NULL,
    staff_fund_cents        bigint      NOT NULL,
    staff_paid_cents        bigint      NOT NULL,
    staff_residual_cents    bigint GENERATED ALWAYS AS (staff_fund_cents - staff_paid_cents) STORED,
    managers_fund_cents     bigint      NOT NULL,
    managers_paid_cents     bigint      NOT NULL,
    managers_residual_cents bigint GENERATED ALWAYS AS (managers_fund_cents - managers_paid_cents) STORED,
    CONSTRAINT allocation_runs_pkey PRIMARY KEY (body_id, year, run_id),
    CONSTRAINT allocation_runs_year_fk FOREIGN KEY (body_id, year) REFERENCES years (body_id, year) ON DELETE RESTRICT,
    CONSTRAINT allocation_runs_amounts_nonnegative CHECK (
        staff_fund_cents >= 0 AND staff_paid_cents >= 0 AND managers_fund_cents >= 0 AND managers_paid_cents >= 0),
    CONSTRAINT allocation_runs_staff_residual_nonnegative CHECK (staff_residual_cents >= 0),
    CONSTRAINT allocation_runs_managers_residual_nonnegative CHECK (managers_residual_cents >= 0)
);

COMMENT ON TABLE allocation_runs IS 'Every run of the allocation job, with the settings used and the totals of both funds. Not subject to the year lock (a run is recorded even when the year is then not allocated). allocations.run_id names the run that produced the current amounts.';
COMMENT ON COLUMN allocation_runs.staff_paid_cents IS 'The exact sum of the staff amounts rounded half-up to the cent (= sum of allocations.amount_cents of the staff fund).';
COMMENT ON COLUMN allocation_runs.staff_residual_cents IS 'Generated: fund - paid, the year''s residual of the staff fund (>= 0).';
COMMENT ON COLUMN allocation_runs.managers_residual_cents IS 'Generated: fund - paid, the year''s residual of the managers'' fund (>= 0).';

-- ---------------------------------------------------------------------------------------------
-- allocations: each person's amount, and what explains it
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS allocations (
    body_id                 text     NOT NULL,
    year                    integer  NOT NULL,
    employee_id             text     NOT NULL,
    run_id                  bigint   NOT NULL,
    fund                    text     NOT NULL,
    final_score             smallint,
    band                    text     NOT NULL,
    share_weight_numerator  numeric,
    share_weight_denominator numeric,
    share_numerator         numeric  NOT NULL,
    share_denominator       numeric  NOT NULL,
    coefficient_numerator   numeric,
    coefficient_denominator numeric,
    ente_result_numerator   numeric,
    ente_result_denominator numeric,
    area_result_numerator   numeric,
    area_result_denominator numeric,
    amount_cents            bigint   NOT NULL,
    received_remainder_cent boolean  NOT NULL DEFAULT false,
    CONSTRAINT allocations_pkey PRIMARY KEY (body_id, year, employee_id),
    CONSTRAINT allocations_staff_fk FOREIGN KEY (body_id, year, employee_id)
        REFERENCES staff_years (body_id, year, employee_id) ON DELETE CASCADE,
    CONSTRAINT allocations_run_fk FOREIGN KEY (body_id, year, run_id)
        REFERENCES allocation_runs (body_id, year, run_id) ON DELETE RESTRICT,
    CONSTRAINT allocations_fund_valid CHECK (fund IN ('staff', 'managers')),
    CONSTRAINT allocations_final_score_range CHECK (final_score BETWEEN -1 AND 6),
    CONSTRAINT allocations_band_valid CHECK (band IN ('BASSA', 'MEDIA', 'ALTA')),
    CONSTRAINT allocations_share_fraction CHECK (
        share_denominator > 0 AND share_numerator >= 0
        AND share_numerator = trunc(share_numerator) AND share_denominator = trunc(share_denominator)),
    CONSTRAINT allocations_share_weight_fraction CHECK (
        num_nonnulls(share_weight_numerator, share_weight_denominator) IN (0, 2)
        AND (share_weight_denominator IS NULL OR (share_weight_denominator > 0 AND share_weight_numerator >= 0))),
    CONSTRAINT allocations_coefficient_fraction CHECK (
        num_nonnulls(coefficient_numerator, coefficient_denominator) IN (0, 2)
        AND (coefficient_denominator IS NULL OR (coefficient_denominator > 0 AND coefficient_numerator >= 0))),
    CONSTRAINT allocations_ente_result_fraction CHECK (
        num_nonnulls(ente_result_numerator, ente_result_denominator) IN (0, 2)
        AND (ente_result_denominator IS NULL OR (ente_result_denominator > 0 AND ente_result_numerator >= 0))),
    CONSTRAINT allocations_area_result_fraction CHECK (
        num_nonnulls(area_result_numerator, area_result_denominator) IN (0, 2)
        AND (area_result_denominator IS NULL OR (area_result_denominator > 0 AND area_result_numerator >= 0))),
    CONSTRAINT allocations_amount_nonnegative CHECK (amount_cents >= 0)
);

-- Deliberately no index on (body_id, year, run_id): it would compete with the primary key for
-- the foreign-key probes of allocation_components (see staff_years in 0003). Deleting a run
-- (rare) scans the year's allocations through the primary key.

COMMENT ON TABLE allocations IS 'Each person''s amount from their fund, as computed by allocation run run_id, with what explains it. Every person of a fund''s population has a row, BASSA and not assessable included (amount 0). Exact values are rationals: numerator/denominator, integers in numeric.';
COMMENT ON COLUMN allocations.final_score IS '0..6; NULL or -1 when not assessable.';
COMMENT ON COLUMN allocations.share_numerator IS 'Theoretical share (the most the person can receive) in exact cents = share_numerator / share_denominator.';
COMMENT ON COLUMN allocations.share_weight_numerator IS 'Share weight = category parameter x part-time fraction x months/12, as a fraction (optional, for the explanation).';
COMMENT ON COLUMN allocations.coefficient_numerator IS 'Individual coefficient of the final score, as a fraction (optional, for the explanation).';
COMMENT ON COLUMN allocations.ente_result_numerator IS 'Ente result applied to the ente component (1 when components do not follow results), as a fraction.';
COMMENT ON COLUMN allocations.area_result_numerator IS 'Area result applied to the Area component, as a fraction.';
COMMENT ON COLUMN allocations.amount_cents IS 'The amount paid, in cents: floor of the exact amount, plus one cent when received_remainder_cent.';
COMMENT ON COLUMN allocations.received_remainder_cent IS 'Whether the person got one of the cents left over by rounding down (largest remainders, ties by employee_id).';

-- ---------------------------------------------------------------------------------------------
-- allocation_components: the exact components of each amount
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS allocation_components (
    body_id           text    NOT NULL,
    year              integer NOT NULL,
    employee_id       text    NOT NULL,
    component         text    NOT NULL,
    exact_numerator   numeric NOT NULL,
    exact_denominator numeric NOT NULL,
    CONSTRAINT allocation_components_pkey PRIMARY KEY (body_id, year, employee_id, component),
    CONSTRAINT allocation_components_allocation_fk FOREIGN KEY (body_id, year, employee_id)
        REFERENCES allocations (body_id, year, employee_id) ON DELETE CASCADE,
    CONSTRAINT allocation_components_component_valid CHECK (component IN ('individual', 'ente', 'area', 'increase', 'redistributed')),
    CONSTRAINT allocation_components_denominator_positive CHECK (exact_denominator > 0),
    CONSTRAINT allocation_components_numerator_nonnegative CHECK (exact_numerator >= 0),
    CONSTRAINT allocation_components_integers CHECK (
        exact_numerator = trunc(exact_numerator) AND exact_denominator = trunc(exact_denominator))
);

COMMENT ON TABLE allocation_components IS 'The components of a person''s exact amount, in cents, as exact_numerator / exact_denominator (integers of arbitrary size). Their sum is the exact amount that allocations.amount_cents rounds.';
COMMENT ON COLUMN allocation_components.component IS 'individual, ente, area, increase (top-rating increase, CCNL art. 69), redistributed (share of the residual).';
