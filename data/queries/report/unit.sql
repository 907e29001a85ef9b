-- The unit of a summary, by id ($1) or, when $1 is NULL, by code ($2).
SELECT u.id, u.code, u.name, u.region
  FROM homeward.unit u
 WHERE ($1::bigint IS NOT NULL AND u.id = $1::bigint)
    OR ($1::bigint IS NULL AND u.code = upper(btrim($2::text)))
