-- A unit's ($1) cases and sightings by status: one row per kind and status.
SELECT 'case' AS kind, c.status, count(*) AS n
  FROM homeward.abduction_case c
 WHERE c.unit_id = $1::bigint
 GROUP BY c.status
UNION ALL
SELECT 'sighting', s.status, count(*)
  FROM homeward.sighting s
 WHERE s.unit_id = $1::bigint
 GROUP BY s.status
