-- Records that photos were shown to a relative ($2) of case $1 and what
-- came of it, as a verification step of the case (kind
-- family_identification): the outcome $3 and notes $4 (what was shown,
-- what they said).  When $5 is true the relative consented to give a DNA
-- sample, which is recorded on them too.  Returns the step's id.
WITH member AS (
    SELECT fm.id FROM homeward.family_member fm WHERE fm.id = $2::bigint AND fm.case_id = $1::bigint),
consent AS (
    UPDATE homeward.family_member fm SET consent_dna = true
      FROM member m
     WHERE fm.id = m.id AND $5::boolean AND NOT fm.consent_dna
    RETURNING fm.id)
INSERT INTO homeward.verification_step (case_id, kind, outcome, notes)
SELECT $1::bigint, 'family_identification', nullif(btrim($3), ''), nullif(btrim($4), '')
  FROM member
RETURNING id
