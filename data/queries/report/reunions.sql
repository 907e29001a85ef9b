-- The reunions of a case ($1) and their sign-off.  Row security hides those
-- of another unit's case.
SELECT r.id,
       r.reunited_on::text AS reunited_on,
       r.place,
       (SELECT string_agg(o.display_name, ', ' ORDER BY x.n)
          FROM unnest(r.officers) WITH ORDINALITY AS x(id, n)
          JOIN homeward.officer o ON o.id = x.id) AS officers,
       r.family_present,
       r.notes,
       r.child_decision,
       po.display_name AS proposed_by,
       so.display_name AS signed_off_by,
       extract(epoch FROM r.signed_off_at)::bigint AS signed_off_at
  FROM homeward.reunion r
  LEFT JOIN homeward.officer po ON po.id = r.proposed_by
  LEFT JOIN homeward.officer so ON so.id = r.signed_off_by
 WHERE r.case_id = $1::bigint
 ORDER BY r.reunited_on NULLS LAST, r.id
