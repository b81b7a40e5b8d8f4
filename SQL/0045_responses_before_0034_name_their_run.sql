-- 0045 — every response names the publication it answered, those recorded before 0034 too.
--
-- 0034 made each response record the allocation run whose figures the employee was shown, and left the responses
-- already on record without one. Such an acknowledgement then stood for every later publication: an employee who
-- acknowledged the first figures was never asked about new ones, and a contest's page could not show the figures
-- contested beside the outcome. Each is now given the run in force when it was recorded: the latest run of its year
-- stored before it. (A response is given only while its year is published, so that run is the publication shown.)
--
-- A response written without its run from now on (by a sipav older than 0034 left running against this database)
-- is given the latest run of its year, the one published while responses are taken.

UPDATE appraisal_responses r
   SET run_id = (SELECT max(a.run_id) FROM allocation_runs a
                  WHERE a.body_id = r.body_id AND a.year = r.year AND a.run_at <= r.responded_at)
 WHERE r.run_id IS NULL
   AND EXISTS (SELECT 1 FROM allocation_runs a WHERE a.body_id = r.body_id AND a.year = r.year AND a.run_at <= r.responded_at);

CREATE OR REPLACE FUNCTION sipav_response_names_its_run() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF NEW.run_id IS NULL THEN
        NEW.run_id := (SELECT max(a.run_id) FROM allocation_runs a WHERE a.body_id = NEW.body_id AND a.year = NEW.year);
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS sipav_response_names_its_run ON appraisal_responses;
CREATE TRIGGER sipav_response_names_its_run
    BEFORE INSERT OR UPDATE OF run_id ON appraisal_responses
    FOR EACH ROW EXECUTE FUNCTION sipav_response_names_its_run();

COMMENT ON COLUMN appraisal_responses.run_id IS
    'The allocation run (allocation_runs.run_id of the year) whose published figures the response answered; for a response recorded before 0034, the run in force when it was recorded (0045).';
