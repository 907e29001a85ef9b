-- Whose DNA a sample of case $1 may be: its relatives, then the children
-- found and matched to it.  kind is 'relative' or 'found_child'.
SELECT 'relative' AS kind, fm.id, fm.relationship, concat(p.family_name, p.given_name) AS name
  FROM homeward.family_member fm
  JOIN homeward.person p ON p.id = fm.person_id
 WHERE fm.case_id = $1::bigint
UNION ALL
SELECT 'found_child', f.id, NULL, concat(p.family_name, p.given_name)
  FROM homeward.found_child f
  JOIN homeward.person p ON p.id = f.person_id
 WHERE f.matched_case_id = $1::bigint
 ORDER BY 1 DESC, 2
