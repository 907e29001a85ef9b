-- The sightings linked to a case ($1), active links first, each with the
-- link and the sighting's first photo when $2 is true (the original, hex,
-- when small enough to decode for print, else the thumbnail).
SELECT s.id,
       extract(epoch FROM s.received_at)::bigint AS received_at,
       extract(epoch FROM s.observed_at)::bigint AS observed_at,
       s.channel,
       s.source_ref,
       CASE WHEN s.reporter_anonymous THEN NULL ELSE s.reporter_name END AS reporter_name,
       s.reporter_anonymous,
       s.place_text,
       s.description,
       s.apparent_age_min,
       s.apparent_age_max,
       s.apparent_sex,
       s.status,
       l.confidence,
       l.rationale,
       lo.display_name AS linked_by,
       extract(epoch FROM l.linked_at)::bigint AS linked_at,
       l.state = 'withdrawn' AS withdrawn,
       l.withdrawn_reason,
       encode(ph.image, 'hex') AS image
  FROM homeward.case_link l
  JOIN homeward.sighting s ON s.id = l.sighting_id
  LEFT JOIN homeward.officer lo ON lo.id = l.linked_by
  LEFT JOIN LATERAL (SELECT CASE WHEN octet_length(p.content) <= 8388608 THEN p.content ELSE p.thumbnail END AS image
                       FROM homeward.photo p
                      WHERE $2::boolean AND p.sighting_id = s.id
                      ORDER BY p.id LIMIT 1) ph ON true
 WHERE l.case_id = $1::bigint
 ORDER BY l.state, l.linked_at, l.id
 LIMIT 500
