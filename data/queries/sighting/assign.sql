-- Assigns a sighting ($1) to an officer ($2, NULL: nobody) unless someone
-- changed it since the version the officer saw ($3).  The database decides
-- who may (homeward.assign_sighting, data/sql/0019).
SELECT v.version
  FROM homeward.assign_sighting($1::bigint, $2::bigint, $3::integer) AS v (version)
 WHERE v.version IS NOT NULL
