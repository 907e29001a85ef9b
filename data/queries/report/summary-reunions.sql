-- The reunions of a unit's ($1) cases in a period (from $2, before $3):
-- those signed off in it, and those proposed for a day in it and not yet
-- signed off.  Row security hides them from other units.
SELECT c.case_number,
       concat(p.family_name, p.given_name) AS child_name,
       r.reunited_on::text AS reunited_on,
       r.place,
       po.display_name AS proposed_by,
       so.display_name AS signed_off_by,
       extract(epoch FROM r.signed_off_at)::bigint AS signed_off_at
  FROM homeward.reunion r
  JOIN homeward.abduction_case c ON c.id = r.case_id
  JOIN homeward.person p ON p.id = c.child_id
  LEFT JOIN homeward.officer po ON po.id = r.proposed_by
  LEFT JOIN homeward.officer so ON so.id = r.signed_off_by
 WHERE c.unit_id = $1::bigint
   AND ((r.signed_off_at >= $2::timestamptz AND r.signed_off_at < $3::timestamptz)
        OR (r.signed_off_at IS NULL
            AND r.reunited_on >= ($2::timestamptz AT TIME ZONE 'Asia/Shanghai')::date
            AND r.reunited_on < ($3::timestamptz AT TIME ZONE 'Asia/Shanghai')::date))
 ORDER BY coalesce(r.signed_off_at, r.reunited_on::timestamptz), r.id
