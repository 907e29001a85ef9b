-- The family contact log of a case, newest first.  $1: the case id.
-- As load-family.sql: the first column says whether the officer may see it
-- (the officer assigned to the case, the unit's supervisors: the log comes
-- from homeward.read_contact_log, data/sql/0020, which logs the read), and
-- id is NULL when nothing was logged.
SELECT a.visible,
       e.id,
       extract(epoch FROM e.occurred_at)::bigint AS occurred_at,
       e.channel,
       o.display_name AS officer_name,
       concat(p.family_name, p.given_name) AS member_name,
       fm.relationship AS member_relationship,
       e.summary,
       e.outcome,
       e.next_step
  FROM (SELECT homeward.family_details_visible($1::bigint) AS visible) a
  LEFT JOIN homeward.read_contact_log($1::bigint) e ON true
  LEFT JOIN homeward.officer o ON o.id = e.officer_id
  LEFT JOIN homeward.family_member fm ON fm.id = e.family_member_id
  LEFT JOIN homeward.person p ON p.id = fm.person_id
 ORDER BY e.occurred_at DESC, e.id DESC
 LIMIT 500
