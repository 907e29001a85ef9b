-- The children found and matched to case $1, the latest first.
SELECT f.id, nullif(concat(p.family_name, p.given_name), '') AS name, p.sex,
       extract(epoch FROM f.found_at)::bigint AS found_at, f.found_place_text, f.care_institution,
       f.care_contact, u.name AS unit_name
  FROM homeward.found_child f
  JOIN homeward.person p ON p.id = f.person_id
  JOIN homeward.unit u ON u.id = f.unit_id
 WHERE f.matched_case_id = $1::bigint
 ORDER BY f.found_at DESC NULLS LAST, f.id DESC
