-- One sighting for its page.  $1: the sighting id.
SELECT s.id, s.version,
       extract(epoch FROM s.received_at)::bigint AS received_at,
       extract(epoch FROM s.observed_at)::bigint AS observed_at,
       extract(epoch FROM s.triage_deadline)::bigint AS triage_deadline,
       s.status = 'new' AND s.triage_deadline < now() AS overdue,
       s.channel, s.source_ref, s.reporter_name, s.reporter_contact, s.reporter_anonymous,
       s.place_text, s.region_code, s.description, s.apparent_age_min, s.apparent_age_max,
       s.apparent_sex, array_to_string(s.context, ',') AS context,
       s.status, s.status_reason, s.priority,
       s.assigned_officer_id, o.display_name AS officer_name, s.unit_id,
       s.repost_group_id, g.repost_count,
       extract(epoch FROM g.first_seen_at)::bigint AS first_seen_at,
       extract(epoch FROM g.last_seen_at)::bigint AS last_seen_at
  FROM homeward.sighting s
  LEFT JOIN homeward.officer o ON o.id = s.assigned_officer_id
  LEFT JOIN homeward.repost_group g ON g.id = s.repost_group_id
 WHERE s.id = $1
