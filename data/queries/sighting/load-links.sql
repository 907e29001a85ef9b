-- The links of a sighting ($1) or of a case ($2), active ones first, each
-- with the sighting's first photo and the latest step on the link (its
-- outcome from homeward.read_step_texts, data/sql/0020: NULL where the
-- caller may not read it; one call for all the links).
WITH links AS MATERIALIZED (
    SELECT l.id, l.sighting_id FROM homeward.case_link l
     WHERE ($1::bigint IS NOT NULL AND l.sighting_id = $1::bigint)
        OR ($2::bigint IS NOT NULL AND l.case_id = $2::bigint)),
steps AS MATERIALIZED (
    SELECT l.id AS link_id, v.id, v.kind
      FROM links l
     CROSS JOIN LATERAL (SELECT v.id, v.kind FROM homeward.verification_step v
                          WHERE v.link_id = l.id OR (v.sighting_id = l.sighting_id AND v.link_id IS NULL)
                          ORDER BY v.performed_at DESC, v.id DESC LIMIT 1) v),
-- the latest steps' outcomes in one call
latest AS (
    SELECT s.link_id, s.kind, t.outcome
      FROM steps s
      JOIN homeward.read_step_texts(ARRAY(SELECT id FROM steps)) t ON t.step_id = s.id)
SELECT l.id, l.version, l.sighting_id, l.case_id, c.case_number,
       concat_ws(' ', nullif(coalesce(p.family_name, '') || coalesce(p.given_name, ''), ''),
                 nullif(btrim(coalesce(p.given_name_latin, '') || ' ' || coalesce(p.family_name_latin, '')), '')) AS child_name,
       l.confidence, l.rationale, o.display_name AS linked_by,
       extract(epoch FROM l.linked_at)::bigint AS linked_at,
       l.state = 'withdrawn' AS withdrawn, l.withdrawn_reason,
       encode(ph.thumbnail, 'hex') AS thumbnail,
       s.place_text AS sighting_place,
       extract(epoch FROM s.received_at)::bigint AS sighting_received_at,
       st.kind AS step_kind, st.outcome AS step_outcome
  FROM links k
  JOIN homeward.case_link l ON l.id = k.id
  JOIN homeward.abduction_case c ON c.id = l.case_id
  JOIN homeward.person p ON p.id = c.child_id
  JOIN homeward.sighting s ON s.id = l.sighting_id
  LEFT JOIN homeward.officer o ON o.id = l.linked_by
  LEFT JOIN LATERAL (SELECT ph.thumbnail FROM homeward.photo ph
                      WHERE ph.sighting_id = l.sighting_id ORDER BY ph.id LIMIT 1) ph ON true
  LEFT JOIN latest st ON st.link_id = l.id
 ORDER BY l.state, l.linked_at DESC, l.id DESC
 LIMIT 200
