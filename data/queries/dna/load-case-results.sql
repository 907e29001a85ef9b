-- The lab results of a case's samples ($1) that the caller may read: each
-- comparison with the samples compared, and each sample's STR profile as
-- "LOCUS a/b" items.  Row security leaves out what is not the caller's.
SELECT 'comparison' AS kind, d.child_sample_id AS sample_id, d.id, d.conclusion,
       d.combined_index::text AS combined_index, d.probability::text AS probability,
       extract(epoch FROM d.reported_at)::bigint AS reported_at, d.report_reference,
       d.father_sample_id, d.mother_sample_id, NULL AS profile
  FROM homeward.dna_comparison d
  JOIN homeward.dna_sample s ON s.id = d.child_sample_id
  LEFT JOIN homeward.family_member fm ON fm.id = s.family_member_id
  LEFT JOIN homeward.found_child f ON f.id = s.found_child_id
 WHERE fm.case_id = $1::bigint OR f.matched_case_id = $1::bigint
UNION ALL
SELECT 'profile', a.sample_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       string_agg(a.locus || ' ' || trim_scale(a.allele1)::text || '/' || trim_scale(a.allele2)::text, ','
                  ORDER BY a.locus)
  FROM homeward.dna_str_allele a
  JOIN homeward.dna_sample s ON s.id = a.sample_id
  LEFT JOIN homeward.family_member fm ON fm.id = s.family_member_id
  LEFT JOIN homeward.found_child f ON f.id = s.found_child_id
 WHERE fm.case_id = $1::bigint OR f.matched_case_id = $1::bigint
 GROUP BY a.sample_id
 ORDER BY 1, 7 NULLS LAST, 3
