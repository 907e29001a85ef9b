-- Records a DNA sample of case $1: of the relative $2 or of the found child
-- $3 (the other NULL), collected at $4 (now when NULL) by the calling
-- officer, by lab $5 as $6 with kit $7; its first custody event is the
-- collection (data/sql/0017-reunion.sql).  Returns its id.
SELECT homeward.add_dna_sample($1::bigint, $2::bigint, $3::bigint, $4::timestamptz, $5, $6, $7) AS id
