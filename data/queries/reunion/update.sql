-- Changes reunion $1 read at version $2, until it is signed off (the
-- sign-off trigger refuses afterwards): as propose.sql, $3 to $8.  No row
-- comes back when another officer changed it since it was read.
UPDATE homeward.reunion
   SET reunited_on = $3::date, place = nullif(btrim($4), ''), officers = coalesce($5::bigint[], '{}'),
       family_present = nullif(btrim($6), ''), notes = nullif(btrim($7), ''), child_decision = $8
 WHERE id = $1::bigint AND version = $2::int
RETURNING version
