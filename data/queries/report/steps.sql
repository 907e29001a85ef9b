-- The verification timeline of a case ($1), oldest first: the steps on the
-- case, on its links, and on the sightings actively linked to it; only
-- those performed from $2 and before $3 (either may be NULL).  Each kind
-- of step is found by its own index.  The outcome and notes come from
-- homeward.read_step_texts (data/sql/0020): those of a DNA result or a
-- family identification only for who may read them (restricted otherwise).
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
       t.outcome,
       t.notes,
       t.restricted,
       o.display_name AS officer_name,
       extract(epoch FROM v.performed_at)::bigint AS performed_at,
       v.corrects_step_id,
       (SELECT max(x.id) FROM homeward.verification_step x WHERE x.corrects_step_id = v.id) AS corrected_by
  FROM ids
  JOIN homeward.verification_step v ON v.id = ids.id
  JOIN homeward.read_step_texts(ARRAY(SELECT id FROM ids)) t ON t.step_id = v.id
  LEFT JOIN homeward.officer o ON o.id = v.performed_by
 WHERE ($2::timestamptz IS NULL OR v.performed_at >= $2::timestamptz)
   AND ($3::timestamptz IS NULL OR v.performed_at < $3::timestamptz)
 ORDER BY v.performed_at, v.id
 LIMIT 2000
