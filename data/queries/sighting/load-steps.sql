-- A verification timeline, oldest first: the steps on a sighting ($1) and
-- on its links, or on a case ($2), on its links and on the sightings
-- actively linked to it.  The outcome and notes come from
-- homeward.read_step_texts (data/sql/0020): those of a DNA result or a
-- family identification only for who may read them (restricted otherwise).
WITH links AS (
    SELECT l.id FROM homeward.case_link l
     WHERE ($1::bigint IS NOT NULL AND l.sighting_id = $1::bigint)
        OR ($2::bigint IS NOT NULL AND l.case_id = $2::bigint)),
steps AS MATERIALIZED (
    SELECT v.id FROM homeward.verification_step v
     WHERE ($1::bigint IS NOT NULL AND v.sighting_id = $1::bigint)
        OR ($2::bigint IS NOT NULL AND v.case_id = $2::bigint)
        OR v.link_id IN (SELECT id FROM links)
        OR ($2::bigint IS NOT NULL
            AND v.sighting_id IN (SELECT l.sighting_id FROM homeward.case_link l
                                   WHERE l.case_id = $2::bigint AND l.state = 'active'))
     ORDER BY v.performed_at, v.id
     LIMIT 500)
SELECT v.id, v.sighting_id, v.link_id, coalesce(v.case_id, l.case_id) AS case_id, c.case_number,
       v.kind, t.outcome, t.notes, t.restricted, o.display_name AS officer_name,
       extract(epoch FROM v.performed_at)::bigint AS performed_at,
       v.corrects_step_id,
       (SELECT max(x.id) FROM homeward.verification_step x WHERE x.corrects_step_id = v.id) AS corrected_by
  FROM steps
  JOIN homeward.verification_step v ON v.id = steps.id
  JOIN homeward.read_step_texts(ARRAY(SELECT id FROM steps)) t ON t.step_id = v.id
  LEFT JOIN homeward.case_link l ON l.id = v.link_id
  LEFT JOIN homeward.abduction_case c ON c.id = coalesce(v.case_id, l.case_id)
  LEFT JOIN homeward.officer o ON o.id = v.performed_by
 ORDER BY v.performed_at, v.id
