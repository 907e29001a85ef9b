-- The photos of a sighting: their thumbnails (hex), oldest first.  $1: the sighting id.
SELECT ph.id,
       encode(ph.thumbnail, 'hex') AS thumbnail,
       ph.width,
       ph.height,
       extract(epoch FROM ph.taken_at)::bigint AS taken_at
  FROM homeward.photo ph
 WHERE ph.sighting_id = $1
 ORDER BY ph.id
 LIMIT 60
