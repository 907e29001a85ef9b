-- The chain of custody of a case's DNA samples ($1): each sample's events
-- in the order they happened, with what is wrong with each
-- (homeward.dna_custody_chain, data/sql/0014-dna.sql).
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
SELECT s.id AS sample_id,
       c.event,
       extract(epoch FROM c.occurred_at)::bigint AS occurred_at,
       o.display_name AS officer_name,
       c.notes,
       c.problem,
       array_to_string(c.missing, ',') AS missing
  FROM case_samples cs
  JOIN homeward.dna_sample s ON s.id = cs.id
  CROSS JOIN LATERAL homeward.dna_custody_chain(s.id) c
  LEFT JOIN homeward.officer o ON o.id = c.officer_id
 ORDER BY s.collected_at NULLS LAST, s.id, c.occurred_at, c.event_id
 LIMIT 2000
