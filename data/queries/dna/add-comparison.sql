-- Records a lab's result: the child's sample $1 compared with the father's
-- $2 and/or the mother's $3 sample, the lab's conclusion $4, its combined
-- index $5 and probability $6 (NULL when not given), reported at $7 (now
-- when NULL) as report $8.  Row security lets only the officers assigned to
-- the case and supervisors record it (data/sql/0014-dna.sql).
INSERT INTO homeward.dna_comparison (child_sample_id, father_sample_id, mother_sample_id, conclusion,
                                     combined_index, probability, reported_at, report_reference)
VALUES ($1::bigint, $2::bigint, $3::bigint, $4, $5::numeric, $6::numeric, coalesce($7::timestamptz, now()),
        nullif(btrim($8), ''))
RETURNING id
