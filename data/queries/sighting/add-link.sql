-- Links a sighting ($1) to a case ($2) with a confidence ($3) and the
-- officer's rationale ($4).  Returns the link.
INSERT INTO homeward.case_link (sighting_id, case_id, confidence, rationale)
VALUES ($1::bigint, $2::bigint, $3, btrim($4))
RETURNING id
