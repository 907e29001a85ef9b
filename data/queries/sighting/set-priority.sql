-- Sets the priority of a sighting ($1) to $2 (the triage deadline follows)
-- unless someone changed it since the version the officer saw ($3).
UPDATE homeward.sighting SET priority = $2
 WHERE id = $1::bigint AND version = $3::integer
RETURNING version
