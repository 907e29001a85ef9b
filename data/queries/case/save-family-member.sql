-- Saves an edited relative (their person row and family_member row) in one
-- statement, only if neither changed since the form read them, as
-- save-case.sql does for a case and its child.  No row comes back when
-- either has another version now, is gone, or is not the officer's to edit.
-- The database saves it (homeward.save_family_member, data/sql/0020): the
-- phone and address only when the form held them ($15), which only those
-- who may read them are given.
-- $1 member id, $2 member version, $3 person version, $4 family name,
-- $5 given name, $6 family name (pinyin), $7 given name (pinyin),
-- $8 relationship, $9 phone, $10 address, $11 DNA sample given,
-- $12 consents to contact, $13 to DNA comparison, $14 to publication,
-- $15 whether the phone and address are the form's.
SELECT s.id, s.version, s.person_version
  FROM homeward.save_family_member($1::bigint, $2::integer, $3::integer, $4::text, $5::text, $6::text,
                                   $7::text, $8::text, $9::text, $10::text, $11::boolean, $12::boolean,
                                   $13::boolean, $14::boolean, $15::boolean) AS s
