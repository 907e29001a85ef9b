-- Assigns a sighting ($1) to an officer ($2, NULL: nobody) unless someone
-- changed it since the version the officer saw ($3).
UPDATE homeward.sighting SET assigned_officer_id = $2::bigint
 WHERE id = $1::bigint AND version = $3::integer
RETURNING version
