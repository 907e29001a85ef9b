-- Saves an edited relative (their person row and family_member row) in one
-- statement, only if neither changed since the form read them, as
-- save-case.sql does for a case and its child.  No row comes back when
-- either has another version now, is gone, or is not the officer's to edit.
-- $1 member id, $2 member version, $3 person version, $4 family name,
-- $5 given name, $6 family name (pinyin), $7 given name (pinyin),
-- $8 relationship, $9 phone, $10 address, $11 DNA sample given,
-- $12 consents to contact, $13 to DNA comparison, $14 to publication.
WITH v AS (
    SELECT $4::text AS family_name,
           $5::text AS given_name,
           $6::text AS family_name_latin,
           $7::text AS given_name_latin,
           $8::text AS relationship,
           $9::text AS phone,
           $10::text AS address,
           $11::boolean AS dna_given,
           $12::boolean AS consent_contact,
           $13::boolean AS consent_dna,
           $14::boolean AS consent_publish),
target AS MATERIALIZED (
    SELECT fm.id, fm.person_id
      FROM homeward.family_member fm
      JOIN homeward.person p ON p.id = fm.person_id
     WHERE fm.id = $1 AND fm.version = $2 AND p.version = $3
       FOR UPDATE OF fm, p),
member_update AS (
    UPDATE homeward.family_member fm
       SET relationship = v.relationship,
           phone = v.phone,
           address = v.address,
           dna_given = v.dna_given,
           consent_contact = v.consent_contact,
           consent_dna = v.consent_dna,
           consent_publish = v.consent_publish
      FROM target t, v
     WHERE fm.id = t.id
       AND (fm.relationship, fm.phone, fm.address, fm.dna_given, fm.consent_contact,
            fm.consent_dna, fm.consent_publish)
           IS DISTINCT FROM
           (v.relationship, v.phone, v.address, v.dna_given, v.consent_contact,
            v.consent_dna, v.consent_publish)
    RETURNING fm.version),
person_update AS (
    UPDATE homeward.person p
       SET family_name = v.family_name,
           given_name = v.given_name,
           family_name_latin = v.family_name_latin,
           given_name_latin = v.given_name_latin
      FROM target t, v
     WHERE p.id = t.person_id
       AND (p.family_name, p.given_name, p.family_name_latin, p.given_name_latin)
           IS DISTINCT FROM
           (v.family_name, v.given_name, v.family_name_latin, v.given_name_latin)
    RETURNING p.version)
SELECT t.id,
       coalesce((SELECT version FROM member_update), $2) AS version,
       coalesce((SELECT version FROM person_update), $3) AS person_version
  FROM target t
