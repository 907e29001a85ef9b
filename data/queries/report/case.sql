-- The head of a case report: the case, its child and unit, by id ($1) or,
-- when $1 is NULL, by case number ($2).  No row: no such case, or row
-- security hides it.  family_visible: the caller's unit may read the family
-- (or an administrator); contact_visible: the caller may read the family's
-- phone numbers and addresses (data/sql/0016-report.sql).
SELECT c.id,
       c.case_number,
       c.status,
       c.status_reason,
       extract(epoch FROM c.status_changed_at)::bigint AS status_changed_at,
       c.priority,
       u.code AS unit_code,
       u.name AS unit_name,
       o.display_name AS officer_name,
       o.rank AS officer_rank,
       extract(epoch FROM c.created_at)::bigint AS created_at,
       extract(epoch FROM c.abducted_at)::bigint AS abducted_at,
       c.abducted_at_precision,
       c.place_text,
       c.region_code,
       c.latitude::text AS latitude,
       c.longitude::text AS longitude,
       c.circumstances,
       concat(p.family_name, p.given_name) AS child_name,
       concat_ws(' ', p.family_name_latin, p.given_name_latin) AS child_name_latin,
       array_to_string(p.nicknames, ', ') AS nicknames,
       p.sex,
       p.birth_date::text AS birth_date,
       p.birth_date_precision,
       p.distinguishing_marks,
       p.native_place,
       p.dialect,
       homeward.is_admin() OR homeward.is_superuser()
           OR c.unit_id = homeward.current_unit_id() AS family_visible,
       homeward.family_contact_visible(c.id) AS contact_visible
  FROM homeward.abduction_case c
  JOIN homeward.person p ON p.id = c.child_id
  JOIN homeward.unit u ON u.id = c.unit_id
  LEFT JOIN homeward.officer o ON o.id = c.assigned_officer_id
 WHERE ($1::bigint IS NOT NULL AND c.id = $1::bigint)
    OR ($1::bigint IS NULL AND c.case_number = upper(btrim($2::text)))
