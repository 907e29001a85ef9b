-- Imports STR profiles in one statement (every locus or none): the samples
-- named by lab reference $1, loci $2, first alleles $3 and second alleles
-- $4 (arrays of the same length).  A locus already recorded for a sample
-- takes the new alleles.  Returns one row per locus written.  The database
-- checks who may (homeward.import_str_profiles, data/sql/0020).
SELECT x.sample_id
  FROM homeward.import_str_profiles($1::text[], $2::text[], $3::numeric[], $4::numeric[]) AS x (sample_id)
