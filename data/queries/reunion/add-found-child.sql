-- Records a child found and matched to case $1: family name $2, given
-- name $3 (either may be empty: a child often does not know), sex $4, found
-- at $5 (NULL: not known) in place $6, in the care of $7 (contact $8).
-- Returns the found child's id (data/sql/0017-reunion.sql).
SELECT homeward.add_found_child($1::bigint, $2, $3, $4, $5::timestamptz, $6, $7, $8) AS id
