-- Withdraws a link ($1) with a reason ($2), unless someone changed it since
-- the version the officer saw ($3).
UPDATE homeward.case_link
   SET state = 'withdrawn', withdrawn_reason = btrim($2)
 WHERE id = $1::bigint AND version = $3::integer AND state = 'active'
RETURNING version
