-- 0024 — the record of an allocated year's runs does not change.
--
-- allocation_runs was left out of the year lock (0006) so that a run is recorded whatever then happens to the
-- year. But an allocated or published year's runs are part of its record: the run named by the year's
-- allocations holds the settings it was computed with and the totals of both funds (fund, paid, residual),
-- which the reports and the transparency pages show. An UPDATE of staff_paid_cents or settings_yaml on an
-- allocated year was accepted, and the amounts still matched their recomputation.
--
-- Now UPDATE and DELETE of a run of an allocated or published year fail with SV001 (year_locked), row by row,
-- through the lock function of the other year-scoped tables (sipav_year_lock, 0006: the year before and after an
-- UPDATE). INSERT stays free: the allocation job records its run while the year is still open, and a run is
-- never inserted into a locked year by sipav. TRUNCATE is refused by 0025 for every audited table.

CREATE OR REPLACE TRIGGER sipav_lock_update BEFORE UPDATE ON allocation_runs
    FOR EACH ROW EXECUTE FUNCTION sipav_year_lock();
CREATE OR REPLACE TRIGGER sipav_lock_delete BEFORE DELETE ON allocation_runs
    FOR EACH ROW EXECUTE FUNCTION sipav_year_lock();

COMMENT ON TABLE allocation_runs IS 'Every run of the allocation job, with the settings used and the totals of both funds. Runs are inserted while the year is open; once the year is allocated or published its runs are locked against UPDATE and DELETE (SV001, 0024). allocations.run_id names the run that produced the current amounts.';
