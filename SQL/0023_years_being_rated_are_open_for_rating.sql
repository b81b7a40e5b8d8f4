-- 0023 — a year being rated is in state 'rating'.
--
-- Every import puts a new year in 'planning', and until now nothing moved it to 'rating': managers rated
-- years still in planning, and their pages followed the body's most recent year, so a year imported early
-- for planning (SIPAV-RULES §2.3: the new year's objectives are assigned while the previous one is rated)
-- took them away from the year they were rating. The web application now takes ratings only in a year HR
-- has opened for rating (planning -> rating, from HR's dashboard), and the managers' pages show the most
-- recent year past planning. A year in planning that already holds a rating or a final submission is being
-- rated: it is opened here, so that its rating goes on where it was. The audit log keeps the change.
UPDATE years y SET state = 'rating'
 WHERE y.state = 'planning'
   AND (EXISTS (SELECT 1 FROM individual_objectives o
                 WHERE o.body_id = y.body_id AND o.year = y.year AND o.cosa IS NOT NULL)
        OR EXISTS (SELECT 1 FROM appraisal_submissions d WHERE d.body_id = y.body_id AND d.year = y.year));
