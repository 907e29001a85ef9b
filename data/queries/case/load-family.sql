-- The family of a case.  $1: the case id.
-- The first column says whether the officer may see the family at all (their
-- unit's case, or an administrator); row-level security hides the rows of
-- other units' cases, and this tells "restricted" from "nobody recorded".
-- There is always at least one row; id is NULL when there is no member.
-- in_use: the relative is named in the contact log or by a DNA sample, and
-- stays on record (the foreign keys refuse to remove them).
-- The phone number and the address come from homeward.read_family_contacts
-- (data/sql/0020), which gives them to the officer assigned to the case and
-- the unit's supervisors and logs the read; contact_visible says whether
-- the caller is one of them, has_contact whether any are recorded.
WITH contacts AS MATERIALIZED (SELECT * FROM homeward.read_family_contacts($1::bigint))
SELECT a.visible,
       fm.id,
       fm.version,
       fm.relationship,
       p.id AS person_id,
       p.version AS person_version,
       p.family_name,
       p.given_name,
       p.family_name_latin,
       p.given_name_latin,
       concat(p.family_name, p.given_name) AS name,
       concat_ws(' ', p.family_name_latin, p.given_name_latin) AS name_latin,
       fc.phone,
       fc.address,
       coalesce(fc.visible, false) AS contact_visible,
       coalesce(fc.has_contact, false) AS has_contact,
       fm.dna_given,
       fm.consent_contact,
       fm.consent_dna,
       fm.consent_publish,
       EXISTS (SELECT 1 FROM homeward.contact_event e WHERE e.family_member_id = fm.id)
           OR EXISTS (SELECT 1 FROM homeward.dna_sample s WHERE s.family_member_id = fm.id) AS in_use,
       coalesce(o.display_name, po.display_name) AS updated_by_name
  FROM (SELECT homeward.is_admin()
               OR EXISTS (SELECT 1 FROM homeward.abduction_case c
                           WHERE c.id = $1 AND c.unit_id = homeward.current_unit_id()) AS visible) a
  LEFT JOIN (homeward.family_member fm
             JOIN homeward.person p ON p.id = fm.person_id) ON fm.case_id = $1
  LEFT JOIN contacts fc ON fc.family_member_id = fm.id
  LEFT JOIN homeward.officer o ON o.id = (CASE WHEN fm.updated_at >= p.updated_at THEN fm.updated_by END)
  LEFT JOIN homeward.officer po ON po.id = p.updated_by
 ORDER BY array_position(ARRAY['mother', 'father', 'guardian', 'grandparent', 'sibling',
                               'uncle_aunt', 'other'], fm.relationship),
          fm.id
