-- The other sightings of a sighting's repost group, newest first, each with
-- its first photo's thumbnail.  $1: the sighting id.
SELECT o.id,
       extract(epoch FROM o.received_at)::bigint AS received_at,
       o.channel, o.source_ref, o.status,
       encode(ph.thumbnail, 'hex') AS thumbnail
  FROM homeward.sighting s
  JOIN homeward.sighting o ON o.repost_group_id = s.repost_group_id AND o.id <> s.id
  LEFT JOIN LATERAL (SELECT p.thumbnail FROM homeward.photo p
                      WHERE p.sighting_id = o.id ORDER BY p.id LIMIT 1) ph ON true
 WHERE s.id = $1
 ORDER BY o.received_at DESC, o.id DESC
 LIMIT 100
