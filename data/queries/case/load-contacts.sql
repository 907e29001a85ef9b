-- The family contact log of a case, newest first.  $1: the case id.
-- As load-family.sql: the first column says whether the officer may see it,
-- and id is NULL when nothing was logged.
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
  FROM (SELECT homeward.is_admin()
               OR EXISTS (SELECT 1 FROM homeward.abduction_case c
                           WHERE c.id = $1 AND c.unit_id = homeward.current_unit_id()) AS visible) a
  LEFT JOIN homeward.contact_event e ON e.case_id = $1
  LEFT JOIN homeward.officer o ON o.id = e.officer_id
  LEFT JOIN homeward.family_member fm ON fm.id = e.family_member_id
  LEFT JOIN homeward.person p ON p.id = fm.person_id
 ORDER BY e.occurred_at DESC, e.id DESC
 LIMIT 500
