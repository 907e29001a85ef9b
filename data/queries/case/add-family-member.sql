-- Records a relative of a case: their person row (of the officer's unit)
-- and the family_member row, in one statement.  Row-level security refuses
-- another unit's case.
-- $1 case id, $2 family name, $3 given name, $4 family name (pinyin),
-- $5 given name (pinyin), $6 relationship, $7 phone, $8 address,
-- $9 DNA sample given, $10 consents to contact, $11 to DNA comparison,
-- $12 to publication.
WITH relative AS (
    INSERT INTO homeward.person (kind, family_name, given_name, family_name_latin, given_name_latin)
    VALUES ('relative', $2::text, $3::text, $4::text, $5::text)
    RETURNING id)
INSERT INTO homeward.family_member (case_id, person_id, relationship, phone, address, dna_given,
                                    consent_contact, consent_dna, consent_publish)
SELECT $1::bigint, relative.id, $6::text, $7::text, $8::text, $9::boolean, $10::boolean,
       $11::boolean, $12::boolean
  FROM relative
RETURNING id
