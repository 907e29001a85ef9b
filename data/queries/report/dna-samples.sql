-- The DNA samples of a case ($1): its relatives' and those of the found
-- child matched to it, oldest first, with whether the caller may read
-- their lab results (homeward.dna_result_visible) and, if so, how many
-- loci are typed.  Row security hides the samples of another unit.  The
-- samples are found through the case's relatives and found child (by
-- index), never by testing every sample of the country.
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
SELECT s.id,
       s.lab,
       s.lab_reference,
       s.kit,
       extract(epoch FROM s.collected_at)::bigint AS collected_at,
       co.display_name AS collected_by,
       fm.relationship,
       coalesce(nullif(coalesce(p.family_name, '') || coalesce(p.given_name, ''), ''),
                nullif(coalesce(cp.family_name, '') || coalesce(cp.given_name, ''), '')) AS name,
       s.found_child_id IS NOT NULL AS found_child,
       homeward.dna_result_visible(s.id) AS readable,
       CASE WHEN homeward.dna_result_visible(s.id)
            THEN (SELECT count(*) FROM homeward.dna_str_allele a WHERE a.sample_id = s.id) END AS loci
  FROM case_samples cs
  JOIN homeward.dna_sample s ON s.id = cs.id
  LEFT JOIN homeward.family_member fm ON fm.id = s.family_member_id
  LEFT JOIN homeward.person p ON p.id = fm.person_id
  LEFT JOIN homeward.found_child f ON f.id = s.found_child_id
  LEFT JOIN homeward.person cp ON cp.id = f.person_id
  LEFT JOIN homeward.officer co ON co.id = s.collected_by
 ORDER BY s.collected_at NULLS LAST, s.id
 LIMIT 200
