-- A unit's ($1) open cases (open, investigating, located) for the
-- supervisor's review: the most urgent first, then those longest without a
-- change of status; with the active links and when the last was made.
SELECT c.id,
       c.case_number,
       c.status,
       c.priority,
       concat(p.family_name, p.given_name) AS child_name,
       extract(epoch FROM c.abducted_at)::bigint AS abducted_at,
       c.abducted_at_precision,
       o.display_name AS officer_name,
       extract(epoch FROM c.status_changed_at)::bigint AS status_changed_at,
       l.n AS links,
       extract(epoch FROM l.last)::bigint AS last_link_at
  FROM homeward.abduction_case c
  JOIN homeward.person p ON p.id = c.child_id
  LEFT JOIN homeward.officer o ON o.id = c.assigned_officer_id
  LEFT JOIN LATERAL (SELECT count(*) AS n, max(cl.linked_at) AS last
                       FROM homeward.case_link cl
                      WHERE cl.case_id = c.id AND cl.state = 'active') l ON true
 WHERE c.unit_id = $1::bigint
   AND c.status IN ('open', 'investigating', 'located')
 ORDER BY array_position(ARRAY['urgent', 'high', 'normal', 'low'], c.priority),
          c.status_changed_at, c.id
