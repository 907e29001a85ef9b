-- Of the lab references $1 a lab's export names, those with no sample the
-- caller can see.
SELECT DISTINCT r
  FROM unnest($1::text[]) r
 WHERE NOT EXISTS (SELECT 1 FROM homeward.dna_sample s WHERE s.lab_reference = r)
