-- One page of the inbox (data/sql/0012-inbox.sql): the sightings still being
-- worked on, a repost group once (by its newest member in the inbox).
-- $1 order: 'newest' (received_at, id descending) or 'urgent' (priority
--    rank, triage deadline, id ascending);
-- $2 scope: 'all', 'mine' (assigned to the caller) or 'overdue' (new and past
--    the triage deadline);
-- $3, $4, $5: the last row's key on the page before (NULL for the first
--    page): received_at (epoch), priority rank and deadline (epoch), id;
-- $6 the most rows.
WITH page AS (
    SELECT s.*
      FROM homeward.sighting s
     WHERE s.status IN ('new', 'triaged', 'verifying')
       AND $1 = 'newest'
       AND ($3::double precision IS NULL
            OR (s.received_at, s.id) < (to_timestamp($3::double precision), $5::bigint))
       AND ($2 <> 'mine' OR s.assigned_officer_id = homeward.current_officer_id())
       AND ($2 <> 'overdue' OR (s.status = 'new' AND s.triage_deadline < now()))
       AND homeward.sighting_shown_in_inbox(s.id, s.status, s.repost_group_id, s.received_at)
     ORDER BY s.received_at DESC, s.id DESC
     LIMIT $6::integer)
, urgent AS (
    SELECT s.*
      FROM homeward.sighting s
     WHERE s.status IN ('new', 'triaged', 'verifying')
       AND $1 = 'urgent'
       AND ($4::double precision IS NULL
            OR (homeward.priority_rank(s.priority), s.triage_deadline, s.id)
               > ($4::smallint, to_timestamp($3::double precision), $5::bigint))
       AND ($2 <> 'mine' OR s.assigned_officer_id = homeward.current_officer_id())
       AND ($2 <> 'overdue' OR (s.status = 'new' AND s.triage_deadline < now()))
       AND homeward.sighting_shown_in_inbox(s.id, s.status, s.repost_group_id, s.received_at)
     ORDER BY homeward.priority_rank(s.priority), s.triage_deadline, s.id
     LIMIT $6::integer)
, rows AS (SELECT * FROM page UNION ALL SELECT * FROM urgent)
SELECT s.id,
       s.version,
       extract(epoch FROM s.received_at) AS received_at,
       extract(epoch FROM s.observed_at)::bigint AS observed_at,
       s.channel,
       s.status,
       s.priority,
       homeward.priority_rank(s.priority) AS priority_rank,
       extract(epoch FROM s.triage_deadline) AS triage_deadline,
       s.status = 'new' AND s.triage_deadline < now() AS overdue,
       s.place_text,
       left(s.description, 240) AS description,
       s.apparent_sex,
       s.apparent_age_min,
       s.apparent_age_max,
       o.display_name AS officer_name,
       g.repost_count,
       extract(epoch FROM g.first_seen_at)::bigint AS first_seen_at,
       extract(epoch FROM g.last_seen_at)::bigint AS last_seen_at,
       encode(ph.thumbnail, 'hex') AS thumbnail
  FROM rows s
  LEFT JOIN homeward.officer o ON o.id = s.assigned_officer_id
  LEFT JOIN homeward.repost_group g ON g.id = s.repost_group_id
  LEFT JOIN LATERAL (SELECT p.thumbnail FROM homeward.photo p
                      WHERE p.sighting_id = s.id ORDER BY p.id LIMIT 1) ph ON true
 ORDER BY CASE WHEN $1 = 'newest' THEN -extract(epoch FROM s.received_at) END,
          CASE WHEN $1 = 'newest' THEN -s.id END,
          homeward.priority_rank(s.priority), s.triage_deadline, s.id
