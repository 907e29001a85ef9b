-- The reunions of a unit's cases ($1, NULL: the caller's unit) proposed and
-- not yet signed off, oldest first: a supervisor's review queue.
SELECT r.id, c.id AS case_id, c.case_number,
       coalesce(p.family_name, '') || coalesce(p.given_name, '') AS child_name,
       r.reunited_on::text AS reunited_on, r.place, o.display_name AS proposed_by,
       r.proposed_by = homeward.current_officer_id () AS mine
  FROM homeward.reunion r
  JOIN homeward.abduction_case c ON c.id = r.case_id
  JOIN homeward.person p ON p.id = c.child_id
  LEFT JOIN homeward.officer o ON o.id = r.proposed_by
 WHERE r.signed_off_by IS NULL
   AND c.unit_id = coalesce ($1::bigint, homeward.current_unit_id ())
 ORDER BY r.created_at, r.id
 LIMIT 100
