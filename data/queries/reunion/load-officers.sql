-- The officers who may have been present at a reunion of case $1: the
-- active officers of the case's unit; and the child's birth date, for the
-- rule that a child of 16 or more decides.
SELECT o.id, o.display_name, p.birth_date::text AS birth_date
  FROM homeward.abduction_case c
  JOIN homeward.person p ON p.id = c.child_id
  JOIN homeward.officer o ON o.unit_id = c.unit_id AND o.active AND o.role <> 'admin'
 WHERE c.id = $1::bigint
 ORDER BY o.display_name, o.id
