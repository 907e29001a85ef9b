-- The family of a case ($1), for a report.  The phone number and the
-- address are selected only when the caller may read them
-- (homeward.family_contact_visible) and the report is not a copy for
-- sharing outside the police ($2): a redacted report never holds them.
-- Row security hides the rows of another unit's case.  The phone numbers
-- and addresses come from homeward.read_family_contacts (data/sql/0020),
-- which logs the read.
WITH contacts AS MATERIALIZED (
    SELECT x.* FROM (SELECT homeward.family_contact_visible($1::bigint) AND NOT $2::boolean AS wanted) w
     CROSS JOIN LATERAL homeward.read_family_contacts($1::bigint) x
     WHERE w.wanted)
SELECT fm.id,
       fm.relationship,
       concat(p.family_name, p.given_name) AS name,
       concat_ws(' ', p.family_name_latin, p.given_name_latin) AS name_latin,
       fc.phone,
       fc.address,
       coalesce(fc.has_contact, hc.has_contact, false) AS has_contact,
       fm.dna_given,
       fm.consent_contact,
       fm.consent_dna,
       fm.consent_publish
  FROM homeward.family_member fm
  JOIN homeward.person p ON p.id = fm.person_id
  LEFT JOIN contacts fc ON fc.family_member_id = fm.id
  LEFT JOIN homeward.family_contact_state($1::bigint) hc ON hc.family_member_id = fm.id
 WHERE fm.case_id = $1::bigint
 ORDER BY array_position(ARRAY['mother', 'father', 'guardian', 'grandparent', 'sibling',
                               'uncle_aunt', 'other'], fm.relationship),
          fm.id
