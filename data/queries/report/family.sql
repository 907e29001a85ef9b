-- The family of a case ($1), for a report.  The phone number and the
-- address are selected only when the caller may read them
-- (homeward.family_contact_visible) and the report is not a copy for
-- sharing outside the police ($2): a redacted report never holds them.
-- Row security hides the rows of another unit's case.
SELECT fm.id,
       fm.relationship,
       concat(p.family_name, p.given_name) AS name,
       concat_ws(' ', p.family_name_latin, p.given_name_latin) AS name_latin,
       CASE WHEN v.visible THEN fm.phone END AS phone,
       CASE WHEN v.visible THEN fm.address END AS address,
       (fm.phone IS NOT NULL AND fm.phone <> '') OR (fm.address IS NOT NULL AND fm.address <> '') AS has_contact,
       fm.dna_given,
       fm.consent_contact,
       fm.consent_dna,
       fm.consent_publish
  FROM (SELECT homeward.family_contact_visible($1::bigint) AND NOT $2::boolean AS visible) v
  JOIN homeward.family_member fm ON fm.case_id = $1::bigint
  JOIN homeward.person p ON p.id = fm.person_id
 ORDER BY array_position(ARRAY['mother', 'father', 'guardian', 'grandparent', 'sibling',
                               'uncle_aunt', 'other'], fm.relationship),
          fm.id
