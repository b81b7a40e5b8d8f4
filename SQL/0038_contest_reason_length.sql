-- 0038 — a contest's reason holds at most 2,000 characters, as the form says, in the database as well.
--
-- The employee's form counted the reason in characters, which combining marks join (a letter followed by a hundred
-- thousand of them was one character): a reason of a megabyte was stored and shown on HR's pages. The form now counts
-- code points, as char_length does, and the table refuses a longer reason whoever writes it, as appraisal_returns
-- does (0028). NOT VALID: a reason stored before keeps its place; every row written from now on is checked.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'appraisal_responses_reason_length') THEN
        ALTER TABLE appraisal_responses ADD CONSTRAINT appraisal_responses_reason_length
            CHECK (char_length(reason) <= 2000) NOT VALID;
    END IF;
END
$$;
