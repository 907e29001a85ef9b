-- Records a new case of the officer's unit and its child in one statement.
-- The case number is the unit's code, this year and the unit's next serial
-- number of the year, as the demo data and the units number them:
-- SZ-2026-0143.  Two officers saving at the same moment may compute the same
-- number: the unique constraint refuses the second, and the client tries
-- again.  The officer who records the case is assigned to it unless the form
-- names another officer of the unit.  No row comes
-- back when the officer has no unit.
--
-- $1 family name, $2 given name, $3 family name (pinyin), $4 given name
-- (pinyin), $5 nicknames (one per line), $6 sex, $7 date of birth, $8 its
-- precision, $9 distinguishing marks, $10 native place, $11 dialect,
-- $12 abducted at, $13 its precision, $14 place, $15 region code,
-- $16 latitude, $17 longitude, $18 circumstances, $19 priority, $20 the
-- assigned officer's id (NULL: the officer recording the case).
WITH number AS (
    SELECT u.code || '-' || y.year || '-' ||
           lpad(n.next::text, greatest(4, length(n.next::text)), '0') AS case_number
      FROM homeward.unit u
     CROSS JOIN (SELECT to_char(now(), 'YYYY') AS year) y
     CROSS JOIN LATERAL (
         SELECT coalesce(max(substring(c.case_number FROM '([0-9]+)$')::bigint), 0) + 1 AS next
           FROM homeward.abduction_case c
          WHERE c.unit_id = u.id
            AND c.case_number ~ ('^' || u.code || '-' || y.year || '-[0-9]+$')) n
     WHERE u.id = homeward.current_unit_id()),
child AS (
    INSERT INTO homeward.person (kind, family_name, given_name, family_name_latin, given_name_latin,
                                 nicknames, sex, birth_date, birth_date_precision,
                                 distinguishing_marks, native_place, dialect)
    SELECT 'child', $1::text, $2::text, $3::text, $4::text,
           coalesce(array_remove(string_to_array($5::text, E'\n'), ''), '{}'),
           $6::text, $7::date, $8::text, $9::text, $10::text, $11::text
      FROM number
    RETURNING id)
INSERT INTO homeward.abduction_case (case_number, child_id, abducted_at, abducted_at_precision,
                                     place_text, region_code, latitude, longitude, circumstances,
                                     priority, assigned_officer_id)
SELECT number.case_number, child.id, $12::timestamptz, $13::text, $14::text, $15::text,
       $16::double precision, $17::double precision, $18::text, coalesce($19::text, 'normal'),
       coalesce($20::bigint, homeward.current_officer_id())
  FROM number, child
RETURNING id, case_number
