-- Imports STR profiles in one statement (every locus or none): the samples
-- named by lab reference $1, loci $2, first alleles $3 and second alleles
-- $4 (arrays of the same length).  A locus already recorded for a sample
-- takes the new alleles.  Returns one row per locus written.
INSERT INTO homeward.dna_str_allele (sample_id, locus, allele1, allele2)
SELECT s.id, x.locus, x.a1, x.a2
  FROM unnest($1::text[], $2::text[], $3::numeric[], $4::numeric[]) AS x (ref, locus, a1, a2)
  JOIN homeward.dna_sample s ON s.lab_reference = x.ref
ON CONFLICT (sample_id, locus) DO UPDATE
   SET allele1 = excluded.allele1, allele2 = excluded.allele2
RETURNING sample_id
