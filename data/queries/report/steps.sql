-- The verification timeline of a case ($1), oldest first: the steps on the
-- case, on its links, and on the sightings actively linked to it; only
-- those performed from $2 and before $3 (either may be NULL).  Each kind
-- of step is found by its own index.
WITH links AS (
    SELECT l.id, l.sighting_id, l.state FROM homeward.case_link l WHERE l.case_id = $1::bigint),
ids AS (
    SELECT v.id FROM homeward.verification_step v WHERE v.case_id = $1::bigint
    UNION
    SELECT v.id FROM links l JOIN homeward.verification_step v ON v.link_id = l.id
    UNION
    SELECT v.id FROM links l JOIN homeward.verification_step v ON v.sighting_id = l.sighting_id
     WHERE l.state = 'active')
SELECT v.id,
       v.sighting_id,
       v.link_id,
       v.kind,
       v.outcome,
       v.notes,
       o.display_name AS officer_name,
       extract(epoch FROM v.performed_at)::bigint AS performed_at,
       v.corrects_step_id,
       (SELECT max(x.id) FROM homeward.verification_step x WHERE x.corrects_step_id = v.id) AS corrected_by
  FROM ids
  JOIN homeward.verification_step v ON v.id = ids.id
  LEFT JOIN homeward.officer o ON o.id = v.performed_by
 WHERE ($2::timestamptz IS NULL OR v.performed_at >= $2::timestamptz)
   AND ($3::timestamptz IS NULL OR v.performed_at < $3::timestamptz)
 ORDER BY v.performed_at, v.id
 LIMIT 2000
