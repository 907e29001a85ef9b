-- One relative of a case, as load-family.sql reads them (after a save that
-- changed nothing: to tell a conflict from a removal).  $1: the member id.
WITH contacts AS MATERIALIZED (
    SELECT x.* FROM homeward.family_member m
     CROSS JOIN LATERAL homeward.read_family_contacts(m.case_id) x
     WHERE m.id = $1 AND x.family_member_id = $1)
SELECT true AS visible,
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
  FROM homeward.family_member fm
  JOIN homeward.person p ON p.id = fm.person_id
  LEFT JOIN contacts fc ON fc.family_member_id = fm.id
  LEFT JOIN homeward.officer o ON o.id = (CASE WHEN fm.updated_at >= p.updated_at THEN fm.updated_by END)
  LEFT JOIN homeward.officer po ON po.id = p.updated_by
 WHERE fm.id = $1
