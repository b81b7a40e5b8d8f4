-- 0012 — the exact components of each amount, as columns of its allocation row.
--
-- A person's amount is the sum of up to five exact components (individual, ente, area, increase,
-- redistributed). They were rows of allocation_components: up to five more rows a person, each with its
-- own primary-key entry and foreign-key check, written and deleted at every allocation. They are now ten
-- columns of allocations, <component>_amount_numerator / <component>_amount_denominator: integers of
-- arbitrary size (numeric), in cents, both NULL where the component is zero (as a missing row meant).
--
-- The rows on record move unchanged, the allocated years' too: the year lock and the audit of UPDATE on
-- allocations are switched off for the move alone (this transaction), which changes no figure and no
-- amount. allocation_components is then dropped; its history stays in audit_log.

ALTER TABLE allocations
    ADD COLUMN IF NOT EXISTS individual_amount_numerator      numeric,
    ADD COLUMN IF NOT EXISTS individual_amount_denominator    numeric,
    ADD COLUMN IF NOT EXISTS ente_amount_numerator            numeric,
    ADD COLUMN IF NOT EXISTS ente_amount_denominator          numeric,
    ADD COLUMN IF NOT EXISTS area_amount_numerator            numeric,
    ADD COLUMN IF NOT EXISTS area_amount_denominator          numeric,
    ADD COLUMN IF NOT EXISTS increase_amount_numerator        numeric,
    ADD COLUMN IF NOT EXISTS increase_amount_denominator      numeric,
    ADD COLUMN IF NOT EXISTS redistributed_amount_numerator   numeric,
    ADD COLUMN IF NOT EXISTS redistributed_amount_denominator numeric;

-- Each pair: both NULL, or an integer numerator >= 0 over an integer denominator > 0. (With both NULL
-- every comparison is NULL, which a CHECK accepts.)
DO $$
DECLARE
    c text;
BEGIN
    FOREACH c IN ARRAY ARRAY['individual', 'ente', 'area', 'increase', 'redistributed'] LOOP
        EXECUTE format('ALTER TABLE allocations ADD CONSTRAINT allocations_%1$s_amount_fraction CHECK ('
                       'num_nonnulls(%1$s_amount_numerator, %1$s_amount_denominator) IN (0, 2) '
                       'AND %1$s_amount_denominator > 0 AND %1$s_amount_numerator >= 0 '
                       'AND %1$s_amount_numerator = trunc(%1$s_amount_numerator) '
                       'AND %1$s_amount_denominator = trunc(%1$s_amount_denominator))', c);
        EXECUTE format('COMMENT ON COLUMN allocations.%1$s_amount_numerator IS %2$L', c,
                       format('The %s component of the exact amount, in cents: numerator (NULL with the denominator: zero).', c));
        EXECUTE format('COMMENT ON COLUMN allocations.%1$s_amount_denominator IS %2$L', c,
                       format('The %s component of the exact amount, in cents: denominator, > 0 (NULL with the numerator: zero).', c));
    END LOOP;
END
$$;

ALTER TABLE allocations DISABLE TRIGGER sipav_lock_update;
ALTER TABLE allocations DISABLE TRIGGER sipav_log_update;

UPDATE allocations a
   SET individual_amount_numerator = c.individual_n,       individual_amount_denominator = c.individual_d,
       ente_amount_numerator = c.ente_n,                   ente_amount_denominator = c.ente_d,
       area_amount_numerator = c.area_n,                   area_amount_denominator = c.area_d,
       increase_amount_numerator = c.increase_n,           increase_amount_denominator = c.increase_d,
       redistributed_amount_numerator = c.redistributed_n, redistributed_amount_denominator = c.redistributed_d
  FROM (SELECT body_id, year, employee_id,
               max(exact_numerator) FILTER (WHERE component = 'individual') AS individual_n,
               max(exact_denominator) FILTER (WHERE component = 'individual') AS individual_d,
               max(exact_numerator) FILTER (WHERE component = 'ente') AS ente_n,
               max(exact_denominator) FILTER (WHERE component = 'ente') AS ente_d,
               max(exact_numerator) FILTER (WHERE component = 'area') AS area_n,
               max(exact_denominator) FILTER (WHERE component = 'area') AS area_d,
               max(exact_numerator) FILTER (WHERE component = 'increase') AS increase_n,
               max(exact_denominator) FILTER (WHERE component = 'increase') AS increase_d,
               max(exact_numerator) FILTER (WHERE component = 'redistributed') AS redistributed_n,
               max(exact_denominator) FILTER (WHERE component = 'redistributed') AS redistributed_d
          FROM allocation_components
         GROUP BY body_id, year, employee_id) c
 WHERE (a.body_id, a.year, a.employee_id) = (c.body_id, c.year, c.employee_id);

ALTER TABLE allocations ENABLE TRIGGER sipav_lock_update;
ALTER TABLE allocations ENABLE TRIGGER sipav_log_update;

DROP TABLE allocation_components;

COMMENT ON TABLE allocations IS 'One row per person of an allocated year: fund, score, band, share, coefficient, the results applied, the exact components of the amount (each a numerator/denominator of cents, NULL when zero; their sum is the exact amount) and the cents that round it.';
COMMENT ON COLUMN audit_log.old_value IS 'UPDATE and DELETE: the old row. DELETE from final_scores and allocations (derived tables; allocation_components until 0012): {"deleted": <rows deleted by the statement for this body/year>}.';
