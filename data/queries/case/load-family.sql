-- The family of a case.  $1: the case id.
-- The first column says whether the officer may see the family at all (their
-- unit's case, or an administrator); row-level security hides the rows of
-- other units' cases, and this tells "restricted" from "nobody recorded".
-- There is always at least one row; id is NULL when there is no member.
SELECT a.visible,
       fm.id,
       fm.relationship,
       concat(p.family_name, p.given_name) AS name,
       concat_ws(' ', p.family_name_latin, p.given_name_latin) AS name_latin,
       fm.phone,
       fm.address,
       fm.dna_given,
       fm.consent_contact,
       fm.consent_dna,
       fm.consent_publish
  FROM (SELECT homeward.is_admin()
               OR EXISTS (SELECT 1 FROM homeward.abduction_case c
                           WHERE c.id = $1 AND c.unit_id = homeward.current_unit_id()) AS visible) a
  LEFT JOIN (homeward.family_member fm
             JOIN homeward.person p ON p.id = fm.person_id) ON fm.case_id = $1
 ORDER BY array_position(ARRAY['mother', 'father', 'guardian', 'grandparent', 'sibling',
                               'uncle_aunt', 'other'], fm.relationship),
          fm.id
