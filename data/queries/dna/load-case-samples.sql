-- The DNA samples of a case ($1): its relatives' and those of the found child
-- matched to it, oldest first, with whether the caller may read their lab
-- results (data/sql/0014-dna.sql) and, if so, how many loci are typed and
-- the labs' conclusions (homeward.read_dna_results, data/sql/0020, which
-- logs the read).
WITH results AS MATERIALIZED (SELECT * FROM homeward.read_dna_results($1::bigint))
SELECT s.id, s.lab, s.lab_reference, s.kit,
       extract(epoch FROM s.collected_at)::bigint AS collected_at,
       fm.relationship,
       coalesce(nullif(coalesce(p.family_name, '') || coalesce(p.given_name, ''), ''),
                nullif(coalesce(cp.family_name, '') || coalesce(cp.given_name, ''), '')) AS name,
       s.found_child_id IS NOT NULL AS found_child,
       homeward.dna_result_visible(s.id) AS readable,
       (SELECT count(*) FROM homeward.dna_str_allele a WHERE a.sample_id = s.id) AS loci,
       (SELECT string_agg(d.conclusion, ',' ORDER BY d.reported_at) FROM results d
         WHERE s.id IN (d.child_sample_id, d.father_sample_id, d.mother_sample_id)
           AND d.conclusion IS NOT NULL) AS conclusions
  FROM homeward.dna_sample s
  LEFT JOIN homeward.family_member fm ON fm.id = s.family_member_id
  LEFT JOIN homeward.person p ON p.id = fm.person_id
  LEFT JOIN homeward.found_child f ON f.id = s.found_child_id
  LEFT JOIN homeward.person cp ON cp.id = f.person_id
 WHERE fm.case_id = $1::bigint OR f.matched_case_id = $1::bigint
 ORDER BY s.collected_at NULLS LAST, s.id
 LIMIT 100
