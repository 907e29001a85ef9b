-- The open cases a sighting ($1) may be about, best first, at most $2, with
-- each factor's part of the score (data/sql/0010-candidates.sql) and what
-- the officer compares: the child, the abduction and the first photo.
SELECT k.case_id, c.case_number,
       concat_ws(' ', nullif(coalesce(p.family_name, '') || coalesce(p.given_name, ''), ''),
                 nullif(btrim(coalesce(p.given_name_latin, '') || ' ' || coalesce(p.family_name_latin, '')), '')) AS child_name,
       p.sex, p.birth_date, p.birth_date_precision, p.distinguishing_marks,
       c.place_text, extract(epoch FROM c.abducted_at)::bigint AS abducted_at,
       k.total, k.sex AS f_sex, k.age AS f_age, k.marks AS f_marks, k.place AS f_place,
       k."time" AS f_time, k.photo AS f_photo,
       EXISTS (SELECT 1 FROM homeward.case_link l
                WHERE l.sighting_id = $1 AND l.case_id = k.case_id AND l.state = 'active') AS linked,
       encode(ph.thumbnail, 'hex') AS thumbnail
  FROM homeward.candidate_cases($1::bigint, $2::integer) k
  JOIN homeward.abduction_case c ON c.id = k.case_id
  JOIN homeward.person p ON p.id = c.child_id
  LEFT JOIN LATERAL (SELECT x.thumbnail FROM homeward.photo x
                      WHERE x.case_id = k.case_id ORDER BY x.id LIMIT 1) ph ON true
 ORDER BY k.total DESC, k.case_id
