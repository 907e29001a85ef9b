-- The reunions recorded for case $1, the latest first: when and where, the
-- officers present, the family present, notes, the child's own decision,
-- who proposed it and who signed it off.  child_age: the child's age in
-- whole years on the day (NULL when the birth date is not known), for the
-- rule that a child of 16 or more decides (data/sql/0003-triggers.sql).
SELECT r.id, r.version, r.reunited_on::text AS reunited_on, r.place, r.family_present, r.notes,
       r.child_decision, array_to_string(r.officers, ',') AS officer_ids,
       (SELECT string_agg(o.display_name, ',' ORDER BY array_position(r.officers, o.id))
          FROM homeward.officer o WHERE o.id = ANY (r.officers)) AS officer_names,
       r.proposed_by, po.display_name AS proposed_by_name,
       r.proposed_by = homeward.current_officer_id() AS proposed_by_me,
       so.display_name AS signed_off_by_name,
       extract(epoch FROM r.signed_off_at)::bigint AS signed_off_at,
       extract(year FROM age(coalesce(r.reunited_on, current_date), p.birth_date))::int AS child_age
  FROM homeward.reunion r
  JOIN homeward.abduction_case c ON c.id = r.case_id
  JOIN homeward.person p ON p.id = c.child_id
  JOIN homeward.officer po ON po.id = r.proposed_by
  LEFT JOIN homeward.officer so ON so.id = r.signed_off_by
 WHERE r.case_id = $1::bigint
 ORDER BY r.reunited_on DESC NULLS LAST, r.id DESC
