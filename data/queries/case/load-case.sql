-- One case and its child, as the case page shows and edits them, and who
-- saved each last (schema part 6).  $1: the case id.  Times are Unix times; the client formats them in the
-- officer's time zone.
SELECT c.id,
       c.version,
       c.case_number,
       c.status,
       c.status_reason,
       extract(epoch FROM c.status_changed_at)::bigint AS status_changed_at,
       c.priority,
       c.assigned_officer_id,
       c.unit_id,
       u.code AS unit_code,
       u.name AS unit_name,
       o.display_name AS officer_name,
       extract(epoch FROM c.created_at)::bigint AS created_at,
       extract(epoch FROM c.updated_at)::bigint AS updated_at,
       extract(epoch FROM c.abducted_at)::bigint AS abducted_at,
       c.abducted_at_precision,
       c.place_text,
       c.region_code,
       c.latitude::text AS latitude,
       c.longitude::text AS longitude,
       c.circumstances,
       p.id AS child_id,
       p.version AS child_version,
       p.family_name,
       p.given_name,
       p.family_name_latin,
       p.given_name_latin,
       array_to_string(p.nicknames, E'\n') AS nicknames,
       p.sex,
       p.birth_date::text AS birth_date,
       p.birth_date_precision,
       p.distinguishing_marks,
       p.native_place,
       p.dialect,
       cu.display_name AS updated_by_name,
       pu.display_name AS child_updated_by_name,
       EXISTS (SELECT 1 FROM homeward.reunion r
                WHERE r.case_id = c.id AND r.signed_off_by IS NOT NULL) AS has_signed_reunion
  FROM homeward.abduction_case c
  JOIN homeward.person p ON p.id = c.child_id
  JOIN homeward.unit u ON u.id = c.unit_id
  LEFT JOIN homeward.officer o ON o.id = c.assigned_officer_id
  LEFT JOIN homeward.officer cu ON cu.id = c.updated_by
  LEFT JOIN homeward.officer pu ON pu.id = p.updated_by
 WHERE c.id = $1
