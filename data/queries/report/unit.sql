-- The unit of a summary, by id ($1) or, when $1 is NULL, by code ($2); when
-- both are NULL, the caller's own unit.
SELECT u.id, u.code, u.name, u.region
  FROM homeward.unit u
 WHERE ($1::bigint IS NOT NULL AND u.id = $1::bigint)
    OR ($1::bigint IS NULL AND u.code = upper(btrim($2::text)))
    OR ($1::bigint IS NULL AND $2::text IS NULL AND u.id = homeward.current_unit_id())
