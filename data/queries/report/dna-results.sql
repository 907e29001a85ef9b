-- The labs' comparisons involving a case's DNA samples ($1), as reported.
-- Row security lets through only those the caller may read (the officer
-- assigned to the case and supervisors, data/sql/0014-dna.sql).
WITH case_samples AS (
    SELECT s.id
      FROM homeward.family_member fm
      JOIN homeward.dna_sample s ON s.family_member_id = fm.id
     WHERE fm.case_id = $1::bigint
    UNION
    SELECT s.id
      FROM homeward.found_child f
      JOIN homeward.dna_sample s ON s.found_child_id = f.id
     WHERE f.matched_case_id = $1::bigint)
, comparisons AS (
    SELECT d.id FROM homeward.dna_comparison d JOIN case_samples cs ON d.child_sample_id = cs.id
    UNION
    SELECT d.id FROM homeward.dna_comparison d JOIN case_samples cs ON d.father_sample_id = cs.id
    UNION
    SELECT d.id FROM homeward.dna_comparison d JOIN case_samples cs ON d.mother_sample_id = cs.id)
SELECT d.id,
       d.child_sample_id,
       d.father_sample_id,
       d.mother_sample_id,
       cs.lab_reference AS child_reference,
       fs.lab_reference AS father_reference,
       ms.lab_reference AS mother_reference,
       d.conclusion,
       d.combined_index::text AS combined_index,
       d.probability::text AS probability,
       d.computed_index::text AS computed_index,
       extract(epoch FROM d.reported_at)::bigint AS reported_at,
       d.report_reference
  FROM comparisons x
  JOIN homeward.dna_comparison d ON d.id = x.id
  LEFT JOIN homeward.dna_sample cs ON cs.id = d.child_sample_id
  LEFT JOIN homeward.dna_sample fs ON fs.id = d.father_sample_id
  LEFT JOIN homeward.dna_sample ms ON ms.id = d.mother_sample_id
 ORDER BY d.reported_at NULLS LAST, d.id
 LIMIT 200
