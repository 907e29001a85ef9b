-- The family contact log of a case ($1), oldest first, for those who may
-- read it (homeward.read_contact_log, data/sql/0020, which logs the read).
SELECT e.id,
       extract(epoch FROM e.occurred_at)::bigint AS occurred_at,
       e.channel,
       o.display_name AS officer_name,
       concat(p.family_name, p.given_name) AS member_name,
       fm.relationship AS member_relationship,
       e.summary,
       e.outcome,
       e.next_step
  FROM homeward.read_contact_log($1::bigint) e
  LEFT JOIN homeward.officer o ON o.id = e.officer_id
  LEFT JOIN homeward.family_member fm ON fm.id = e.family_member_id
  LEFT JOIN homeward.person p ON p.id = fm.person_id
 ORDER BY e.occurred_at, e.id
 LIMIT 1000
