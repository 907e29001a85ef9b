-- The unit's ($1) sightings past their triage deadline (still new, as the
-- dashboard counts them), the longest overdue first: the first $2, and in
-- every row how many there are in all.
SELECT s.id,
       extract(epoch FROM s.received_at)::bigint AS received_at,
       extract(epoch FROM s.triage_deadline)::bigint AS deadline,
       s.priority,
       s.channel,
       s.place_text,
       o.display_name AS officer_name,
       count(*) OVER () AS total
  FROM homeward.sighting s
  LEFT JOIN homeward.officer o ON o.id = s.assigned_officer_id
 WHERE s.unit_id = $1::bigint
   AND s.status = 'new'
   AND s.triage_deadline < now()
 ORDER BY s.triage_deadline, s.id
 LIMIT $2::integer
