-- 0003 — individual performance: each person's situation in the year (staff.csv), their
-- individual objectives with cosa/come ratings (objectives.csv) and the computed final scores.
--
-- Year-scoped tables (locked and audited by 0005/0006). Deleting a person's year deletes their
-- individual objectives, final score and allocation (ON DELETE CASCADE), so that a year's staff
-- can be deleted and imported again while the year is open.
-- Write order for an import: employees, staff_years, individual_objectives.

-- ---------------------------------------------------------------------------------------------
-- staff_years: a person's situation in the year
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS staff_years (
    body_id               text     NOT NULL,
    year                  integer  NOT NULL,
    employee_id           text     NOT NULL,
    role                  text     NOT NULL,
    category              text     NOT NULL,
    area_id               text,
    part_time_bp          integer  NOT NULL DEFAULT 10000,
    months                smallint NOT NULL DEFAULT 12,
    not_assessable_reason text,
    CONSTRAINT staff_years_pkey PRIMARY KEY (body_id, year, employee_id),
    CONSTRAINT staff_years_year_fk FOREIGN KEY (body_id, year) REFERENCES years (body_id, year) ON DELETE RESTRICT,
    CONSTRAINT staff_years_employee_fk FOREIGN KEY (body_id, employee_id)
        REFERENCES employees (body_id, employee_id) ON DELETE RESTRICT,
    CONSTRAINT staff_years_area_fk FOREIGN KEY (body_id, year, area_id)
        REFERENCES areas (body_id, year, area_id) ON DELETE RESTRICT,
    CONSTRAINT staff_years_role_valid CHECK (role IN ('segretario_generale', 'dirigente', 'dipendente')),
    CONSTRAINT staff_years_category_not_blank CHECK (btrim(category) <> ''),
    CONSTRAINT staff_years_area_required CHECK (area_id IS NOT NULL OR role = 'segretario_generale'),
    CONSTRAINT staff_years_part_time_range CHECK (part_time_bp BETWEEN 1 AND 10000),
    CONSTRAINT staff_years_months_range CHECK (months BETWEEN 0 AND 12),
    CONSTRAINT staff_years_not_assessable_reason_not_blank CHECK (not_assessable_reason IS NULL OR btrim(not_assessable_reason) <> '')
);

-- For the foreign key from employees (deleting an employee). Deliberately NO index on
-- (body_id, year, area_id): on a freshly loaded table (no statistics yet, or a foreign-key plan
-- cached while the table was small) the planner took such an index, which shares the primary
-- key's (body_id, year) prefix, for the foreign-key probes of individual_objectives and filtered
-- a whole year per probe: a COPY of 100,000 objectives took 85 s instead of 0.7 s. Deleting an
-- Area (rare) scans the year's staff through the primary key instead.
CREATE INDEX IF NOT EXISTS staff_years_employee_idx ON staff_years (body_id, employee_id);

COMMENT ON TABLE staff_years IS 'A person''s situation in the year: role (which decides the fund), category, Area, part time, months of service, and the reason when the appraisal is not assessable.';
COMMENT ON COLUMN staff_years.role IS 'segretario_generale and dirigente are paid from the managers'' fund, dipendente from the staff fund.';
COMMENT ON COLUMN staff_years.category IS 'Contract category (DIR, D, C, B), keyed into the settings'' category parameters.';
COMMENT ON COLUMN staff_years.area_id IS 'The person''s Area; NULL only for the Segretario Generale.';
COMMENT ON COLUMN staff_years.part_time_bp IS 'Part-time fraction in basis points: 10000 = full time.';
COMMENT ON COLUMN staff_years.months IS 'Months of service in the year, 0..12.';
COMMENT ON COLUMN staff_years.not_assessable_reason IS 'Set when the appraisal is not assessable: counts in band BASSA, no bonus.';

-- ---------------------------------------------------------------------------------------------
-- individual_objectives: a person's objectives, weights and cosa/come ratings
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS individual_objectives (
    body_id     text     NOT NULL,
    year        integer  NOT NULL,
    employee_id text     NOT NULL,
    code        text     NOT NULL,
    title       text     NOT NULL DEFAULT '',
    weight_bp   integer  NOT NULL,
    cosa        smallint,
    come        char(1),
    position    integer  NOT NULL DEFAULT 0,
    version     integer  NOT NULL DEFAULT 1,
    CONSTRAINT individual_objectives_pkey PRIMARY KEY (body_id, year, employee_id, code),
    CONSTRAINT individual_objectives_staff_fk FOREIGN KEY (body_id, year, employee_id)
        REFERENCES staff_years (body_id, year, employee_id) ON DELETE CASCADE,
    CONSTRAINT individual_objectives_code_not_blank CHECK (btrim(code) <> ''),
    CONSTRAINT individual_objectives_weight_range CHECK (weight_bp BETWEEN 0 AND 10000),
    CONSTRAINT individual_objectives_cosa_range CHECK (cosa BETWEEN 0 AND 6),
    CONSTRAINT individual_objectives_come_valid CHECK (come IN ('A', 'B', 'C')),
    CONSTRAINT individual_objectives_rating_complete CHECK ((cosa IS NULL) = (come IS NULL)),
    CONSTRAINT individual_objectives_version_positive CHECK (version >= 1)
);

-- The primary key (body_id, year, employee_id, code) serves the access paths by (body_id, year)
-- and by (body_id, year, employee_id): no further index.

COMMENT ON TABLE individual_objectives IS 'A person''s individual objectives with weight and, once rated, cosa (0..6) and come (A/B/C). One person''s weights sum to 10000 (checked by the Swift side, since it spans rows).';
COMMENT ON COLUMN individual_objectives.weight_bp IS 'Weight in basis points of a percent: 100 % = 10000.';
COMMENT ON COLUMN individual_objectives.cosa IS 'What was achieved, 0..6; NULL while not rated (together with come).';
COMMENT ON COLUMN individual_objectives.come IS 'How it was achieved, A (best), B or C; NULL while not rated (together with cosa).';
COMMENT ON COLUMN individual_objectives.position IS 'Order of the objective for the person (input order).';
COMMENT ON COLUMN individual_objectives.version IS 'Optimistic locking for an interactive client: UPDATE ... SET ..., version = version + 1 WHERE <key> AND version = <version read>; 0 rows updated = someone else changed it.';

-- ---------------------------------------------------------------------------------------------
-- final_scores: the computed final score and band of each person
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS final_scores (
    body_id               text     NOT NULL,
    year                  integer  NOT NULL,
    employee_id           text     NOT NULL,
    weighted_sum          integer,
    final_score           smallint,
    band                  text     NOT NULL,
    not_assessable_reason text,
    CONSTRAINT final_scores_pkey PRIMARY KEY (body_id, year, employee_id),
    CONSTRAINT final_scores_staff_fk FOREIGN KEY (body_id, year, employee_id)
        REFERENCES staff_years (body_id, year, employee_id) ON DELETE CASCADE,
    CONSTRAINT final_scores_weighted_sum_range CHECK (weighted_sum BETWEEN 0 AND 60000),
    CONSTRAINT final_scores_final_score_range CHECK (final_score BETWEEN -1 AND 6),
    CONSTRAINT final_scores_band_valid CHECK (band IN ('BASSA', 'MEDIA', 'ALTA')),
    -- Assessable: a score 0..6 and its weighted sum, no reason. Not assessable: a reason, score
    -- NULL or -1, band BASSA.
    CONSTRAINT final_scores_assessable_consistent CHECK (
        CASE WHEN not_assessable_reason IS NULL
             THEN final_score IS NOT NULL AND final_score >= 0 AND weighted_sum IS NOT NULL
             ELSE (final_score IS NULL OR final_score = -1) AND band = 'BASSA' AND btrim(not_assessable_reason) <> ''
        END)
);

COMMENT ON TABLE final_scores IS 'The final score of each person: the weighted mean of the objective scores, rounded as the settings say, and its band.';
COMMENT ON COLUMN final_scores.weighted_sum IS 'The unrounded final score times 10000: sum of weight_bp x matrix score (0..60000); NULL when not assessable.';
COMMENT ON COLUMN final_scores.final_score IS '0..6; NULL (or -1) when not assessable.';
COMMENT ON COLUMN final_scores.band IS 'BASSA, MEDIA, ALTA (a setting maps scores to bands); BASSA when not assessable.';
COMMENT ON COLUMN final_scores.not_assessable_reason IS 'From staff_years or from the minimum-months rule; set exactly when not assessable.';
