-- Records a custody event of a sample ($1): the stage ($2), when ($3, now
-- when NULL) and notes ($4), as the calling officer.  Returns its id.
INSERT INTO homeward.dna_custody_event (sample_id, event, occurred_at, notes)
VALUES ($1::bigint, $2, coalesce ($3::timestamptz, now ()), nullif (btrim ($4), ''))
RETURNING id
