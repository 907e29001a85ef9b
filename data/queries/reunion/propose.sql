-- Records the reunion of case $1, proposed by the calling officer for a
-- supervisor's sign-off: the day $2, place $3, officers present $4 (ids,
-- an array), family present $5, notes $6 and the child's own decision $7.
INSERT INTO homeward.reunion (case_id, reunited_on, place, officers, family_present, notes, child_decision)
VALUES ($1::bigint, $2::date, nullif(btrim($3), ''), coalesce($4::bigint[], '{}'), nullif(btrim($5), ''),
        nullif(btrim($6), ''), $7)
RETURNING id
