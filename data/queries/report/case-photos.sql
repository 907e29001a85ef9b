-- The photos of a case, oldest first.  $1: the case id.  The original
-- (hex) when it is small enough to decode for print, else the thumbnail.
SELECT ph.id,
       encode(CASE WHEN octet_length(ph.content) <= 8388608 THEN ph.content ELSE ph.thumbnail END, 'hex') AS image,
       ph.width,
       ph.height,
       extract(epoch FROM coalesce(ph.taken_at, ph.created_at))::bigint AS taken_at
  FROM homeward.photo ph
 WHERE ph.case_id = $1::bigint
 ORDER BY coalesce(ph.taken_at, ph.created_at), ph.id
 LIMIT 24
