-- The photos of a case: their thumbnails (hex), oldest first.  $1: the case id.
SELECT ph.id,
       encode(ph.thumbnail, 'hex') AS thumbnail,
       ph.width,
       ph.height,
       extract(epoch FROM ph.taken_at)::bigint AS taken_at
  FROM homeward.photo ph
 WHERE ph.case_id = $1
 ORDER BY coalesce(ph.taken_at, ph.created_at), ph.id
 LIMIT 60
