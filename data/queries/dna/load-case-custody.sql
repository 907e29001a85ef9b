-- The custody events of a case's DNA samples ($1), each sample's in the
-- order they happened, with what is wrong with each (dna_custody_chain).
SELECT s.id AS sample_id, c.event_id, c.event,
       extract(epoch FROM c.occurred_at)::bigint AS occurred_at,
       o.display_name AS officer_name, c.notes, c.problem, array_to_string(c.missing, ',') AS missing
  FROM homeward.dna_sample s
  LEFT JOIN homeward.family_member fm ON fm.id = s.family_member_id
  LEFT JOIN homeward.found_child f ON f.id = s.found_child_id
  CROSS JOIN LATERAL homeward.dna_custody_chain(s.id) c
  LEFT JOIN homeward.officer o ON o.id = c.officer_id
 WHERE fm.case_id = $1::bigint OR f.matched_case_id = $1::bigint
 ORDER BY s.id, c.occurred_at, c.event_id
 LIMIT 1000
