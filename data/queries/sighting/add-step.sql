-- Appends a verification step.  $1 sighting, $2 link, $3 case (at least one),
-- $4 kind, $5 outcome, $6 notes, $7 the step it corrects (or NULL).
INSERT INTO homeward.verification_step (sighting_id, link_id, case_id, kind, outcome, notes, corrects_step_id)
VALUES ($1::bigint, $2::bigint, $3::bigint, $4, nullif(btrim($5), ''), nullif(btrim($6), ''), $7::bigint)
RETURNING id
