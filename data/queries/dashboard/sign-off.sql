-- Signs off a reunion ($1) as the calling supervisor; the database keeps
-- the two-person rule (data/sql/0003-triggers.sql).  No row: it was signed
-- off in the meantime.
UPDATE homeward.reunion
   SET signed_off_by = homeward.current_officer_id (), signed_off_at = now ()
 WHERE id = $1::bigint AND signed_off_by IS NULL
RETURNING id
