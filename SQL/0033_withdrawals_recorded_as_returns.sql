-- 0033 — a submission withdrawn by a change of its objectives is recorded as a return to draft.
--
-- HR's change of a person's objectives on the web, and a re-import that changes them, withdraw the person's
-- submission (SubmissionChange): a "final" appraisal shows only what its manager submitted. The withdrawal left no
-- reason for the manager, and left the employee's response in place: in a reopened year an acknowledgement of the
-- withdrawn version stood as one of the next, which the employee had not seen. Each withdrawal is now a row of
-- appraisal_returns, written in the statement that deletes the submission, with the change named as its reason
-- ("Obiettivi modificati dall'ufficio personale …", "… dall'importazione dei dati dell'anno …"), and the response
-- to the withdrawn version moves into it as a return moves it: an acknowledgement, or a contest decided "confirmed".
-- An open contest stays for HR to decide, and a contest decided "changed" stays with the ratings it set.
-- Only the comments change here: the table and its checks already hold such rows.
COMMENT ON TABLE appraisal_returns IS 'The final appraisals returned to draft: by HR with a reason, or withdrawn by a change of their objectives (on the web or by an import, named as the reason). Who, when and why, the submission returned and the employee''s response to it (moved from appraisal_responses). The manager sees the reason until they submit again.';
COMMENT ON COLUMN appraisal_returns.reason IS 'Why the appraisal went back to draft (required, at most 2,000 characters): HR''s reason, or the change of objectives that withdrew it; shown to the manager.';
