-- The labs' comparisons involving a case's DNA samples ($1), as reported,
-- for those who may read them (the officer assigned to the case, the
-- unit's supervisors: homeward.read_dna_results, data/sql/0020, which logs
-- the read).
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
  FROM homeward.read_dna_results($1::bigint) d
  LEFT JOIN homeward.dna_sample cs ON cs.id = d.child_sample_id
  LEFT JOIN homeward.dna_sample fs ON fs.id = d.father_sample_id
  LEFT JOIN homeward.dna_sample ms ON ms.id = d.mother_sample_id
 ORDER BY d.reported_at NULLS LAST, d.id
 LIMIT 200
