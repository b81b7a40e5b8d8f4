-- 0021 — a fund line holds at most 1.000.000.000.000,00 € (10^14 cents).
--
-- The tool refuses a fund whose lines add up to more than that, in fund.yaml, in HR's form and before allocating
-- (Fund.largestTotal): far above any body's fund, and far below what 64-bit cents can add up, so that every total,
-- amount and statistic stays exact. The table now refuses a single line past it as well, whoever writes it. A
-- database that already holds such a line stops this migration with PostgreSQL's own message (no fund that large
-- can have been allocated: the sums overflowed).

ALTER TABLE fund_lines
    ADD CONSTRAINT fund_lines_amount_largest CHECK (amount_cents <= 100000000000000);

COMMENT ON COLUMN fund_lines.amount_cents IS 'Amount in euro cents, from 0 to 10^14 (1.000.000.000.000,00 €); a fund''s lines together are at most that too, which the tool checks.';
