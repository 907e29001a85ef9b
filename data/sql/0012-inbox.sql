-- Homeward schema v1, part 12: the inbox of sightings still being worked on
-- (new, triaged, verifying).
--
--   * A repost group shows once: by its newest member still in the inbox,
--     so a repost of a photo already settled comes back to the officer.
--   * Two orders, each read from its own partial index so that the first
--     rows come at once with a million sightings: newest first, and most
--     urgent first (priority, then the triage deadline).

SET LOCAL ROLE homeward_owner;
SET LOCAL search_path = homeward, pg_catalog, public;

CREATE FUNCTION homeward.priority_rank(p_priority text)
RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$
    SELECT CASE p_priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END::smallint
$fn$;

CREATE FUNCTION homeward.sighting_in_inbox(p_status text)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$ SELECT p_status IN ('new', 'triaged', 'verifying') $fn$;

CREATE INDEX sighting_inbox_newest_idx ON homeward.sighting (received_at DESC, id DESC)
    WHERE status IN ('new', 'triaged', 'verifying');
CREATE INDEX sighting_inbox_urgent_idx
    ON homeward.sighting (homeward.priority_rank(priority), triage_deadline, id)
    WHERE status IN ('new', 'triaged', 'verifying');
-- a group's newer members, and the counts (an index-only scan)
CREATE INDEX sighting_inbox_group_idx ON homeward.sighting (repost_group_id, received_at DESC, id DESC)
    INCLUDE (assigned_officer_id)
    WHERE status IN ('new', 'triaged', 'verifying');

-- Whether a sighting stands for its repost group in the inbox: it is in the
-- inbox and no newer member of its group is.
CREATE FUNCTION homeward.sighting_shown_in_inbox(p_id bigint, p_status text, p_group_id bigint,
                                                 p_received_at timestamptz)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $fn$
    SELECT p_status IN ('new', 'triaged', 'verifying')
           AND (p_group_id IS NULL
                OR NOT EXISTS (SELECT 1 FROM homeward.sighting o
                                WHERE o.repost_group_id = p_group_id
                                  AND o.status IN ('new', 'triaged', 'verifying')
                                  AND (o.received_at, o.id) > (p_received_at, p_id)))
$fn$;

-- The sidebar's counts: the inbox (a repost group once) and what is past its
-- triage deadline.
CREATE FUNCTION homeward.inbox_counts(OUT inbox bigint, OUT overdue bigint, OUT mine bigint)
LANGUAGE sql STABLE
AS $fn$
    WITH me AS MATERIALIZED (SELECT homeward.current_officer_id() AS id)
    SELECT count(*) FILTER (WHERE s.repost_group_id IS NULL)
             + count(DISTINCT s.repost_group_id),
           (SELECT count(*) FROM homeward.sighting o
             WHERE o.status = 'new' AND o.triage_deadline < now()),
           count(*) FILTER (WHERE s.assigned_officer_id = me.id)
      FROM homeward.sighting s, me
     WHERE s.status IN ('new', 'triaged', 'verifying')
$fn$;
GRANT EXECUTE ON FUNCTION homeward.inbox_counts() TO homeward_officer, homeward_admin;

RESET ROLE;
