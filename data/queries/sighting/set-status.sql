-- Changes the status of sightings ($1, an array of ids) to $2 with one
-- reason ($3) for all; with $4 true, also the other members of their repost
-- groups that are still in the inbox (the inbox shows a group as one row).
-- Each change is checked by the sighting's rules (data/sql/0009) and
-- audited; the first refusal undoes them all.  Returns the ids changed.
UPDATE homeward.sighting
   SET status = $2, status_reason = nullif(btrim($3), '')
 WHERE status <> $2
   AND (id = ANY ($1::bigint[])
        OR ($4::boolean
            AND status IN ('new', 'triaged', 'verifying')
            AND repost_group_id IN (SELECT g.repost_group_id FROM homeward.sighting g
                                     WHERE g.id = ANY ($1::bigint[]) AND g.repost_group_id IS NOT NULL)))
RETURNING id
