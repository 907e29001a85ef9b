-- Changes a case's status, if nobody changed the case since it was read.
-- The status trigger (0003) checks the transition, the reason and the role.
-- $1 case id, $2 version read, $3 new status, $4 reason (may be NULL).
UPDATE homeward.abduction_case
   SET status = $3,
       status_reason = nullif(btrim($4), '')
 WHERE id = $1 AND version = $2
RETURNING version
