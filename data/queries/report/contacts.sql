-- The family contact log of a case ($1), oldest first.  Row security hides
-- the log of another unit's case.
SELECT e.id,
       extract(epoch FROM e.occurred_at)::bigint AS occurred_at,
       e.channel,
       o.display_name AS officer_name,
       concat(p.family_name, p.given_name) AS member_name,
       fm.relationship AS member_relationship,
       e.summary,
       e.outcome,
       e.next_step
  FROM homeward.contact_event e
  LEFT JOIN homeward.officer o ON o.id = e.officer_id
  LEFT JOIN homeward.family_member fm ON fm.id = e.family_member_id
  LEFT JOIN homeward.person p ON p.id = fm.person_id
 WHERE e.case_id = $1::bigint
 ORDER BY e.occurred_at, e.id
 LIMIT 1000
