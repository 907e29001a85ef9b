-- The lab results of a case's samples ($1) that the caller may read: each
-- comparison with the samples compared, and each sample's STR profile as
-- "LOCUS a/b" items.  They come from homeward.read_dna_results and
-- read_dna_profiles (data/sql/0020), which leave out what is not the
-- caller's and log the read.
SELECT 'comparison' AS kind, d.child_sample_id AS sample_id, d.id, d.conclusion,
       d.combined_index::text AS combined_index, d.probability::text AS probability,
       extract(epoch FROM d.reported_at)::bigint AS reported_at, d.report_reference,
       d.father_sample_id, d.mother_sample_id, NULL AS profile
  FROM homeward.read_dna_results($1::bigint) d
UNION ALL
SELECT 'profile', a.sample_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       string_agg(a.locus || ' ' || trim_scale(a.allele1)::text || '/' || trim_scale(a.allele2)::text, ','
                  ORDER BY a.locus)
  FROM homeward.read_dna_profiles($1::bigint) a
 GROUP BY a.sample_id
 ORDER BY 1, 7 NULLS LAST, 3
