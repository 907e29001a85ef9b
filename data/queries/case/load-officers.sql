-- The officers a case of a unit may be assigned to: the unit's active
-- officers (homeward.tg_case_assignment, schema part 6).  $1: the unit id.
SELECT id, display_name, rank
  FROM homeward.officer
 WHERE unit_id = $1 AND active AND role <> 'admin'
 ORDER BY display_name, id
