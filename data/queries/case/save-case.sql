-- Saves an edited case and its child in one statement, so that either both
-- change or neither does, and only if neither changed since the form read
-- them (optimistic locking).  "target" locks both rows and checks both
-- versions; each row is then updated only where a value differs, so that
-- saving an unchanged child neither bumps its version nor writes to the
-- audit log.  No row comes back when the case or its child has another
-- version now (or the officer may not edit the case).
--
-- $1 case id, $2 case version, $3 child version;
-- child: $4 family name, $5 given name, $6 family name (pinyin), $7 given
-- name (pinyin), $8 nicknames (one per line), $9 sex, $10 date of birth,
-- $11 its precision, $12 distinguishing marks, $13 native place, $14 dialect;
-- case: $15 abducted at, $16 its precision, $17 place, $18 region code,
-- $19 latitude, $20 longitude, $21 circumstances, $22 priority, $23 the
-- assigned officer's id (may be NULL; the assignment trigger checks it).
WITH v AS (
    SELECT $4::text AS family_name,
           $5::text AS given_name,
           $6::text AS family_name_latin,
           $7::text AS given_name_latin,
           coalesce(array_remove(string_to_array($8::text, E'\n'), ''), '{}') AS nicknames,
           $9::text AS sex,
           $10::date AS birth_date,
           $11::text AS birth_date_precision,
           $12::text AS distinguishing_marks,
           $13::text AS native_place,
           $14::text AS dialect,
           $15::timestamptz AS abducted_at,
           $16::text AS abducted_at_precision,
           $17::text AS place_text,
           $18::text AS region_code,
           $19::double precision AS latitude,
           $20::double precision AS longitude,
           $21::text AS circumstances,
           $22::text AS priority,
           $23::bigint AS assigned_officer_id),
target AS MATERIALIZED (
    SELECT c.id, c.child_id
      FROM homeward.abduction_case c
      JOIN homeward.person p ON p.id = c.child_id
     WHERE c.id = $1 AND c.version = $2 AND p.version = $3
       FOR UPDATE OF c, p),
case_update AS (
    UPDATE homeward.abduction_case c
       SET abducted_at = v.abducted_at,
           abducted_at_precision = v.abducted_at_precision,
           place_text = v.place_text,
           region_code = v.region_code,
           latitude = v.latitude,
           longitude = v.longitude,
           circumstances = v.circumstances,
           priority = v.priority,
           assigned_officer_id = v.assigned_officer_id
      FROM target t, v
     WHERE c.id = t.id
       AND (c.abducted_at, c.abducted_at_precision, c.place_text, c.region_code,
            c.latitude, c.longitude, c.circumstances, c.priority, c.assigned_officer_id)
           IS DISTINCT FROM
           (v.abducted_at, v.abducted_at_precision, v.place_text, v.region_code,
            v.latitude, v.longitude, v.circumstances, v.priority, v.assigned_officer_id)
    RETURNING c.version),
child_update AS (
    UPDATE homeward.person p
       SET family_name = v.family_name,
           given_name = v.given_name,
           family_name_latin = v.family_name_latin,
           given_name_latin = v.given_name_latin,
           nicknames = v.nicknames,
           sex = v.sex,
           birth_date = v.birth_date,
           birth_date_precision = v.birth_date_precision,
           distinguishing_marks = v.distinguishing_marks,
           native_place = v.native_place,
           dialect = v.dialect
      FROM target t, v
     WHERE p.id = t.child_id
       AND (p.family_name, p.given_name, p.family_name_latin, p.given_name_latin, p.nicknames,
            p.sex, p.birth_date, p.birth_date_precision, p.distinguishing_marks,
            p.native_place, p.dialect)
           IS DISTINCT FROM
           (v.family_name, v.given_name, v.family_name_latin, v.given_name_latin, v.nicknames,
            v.sex, v.birth_date, v.birth_date_precision, v.distinguishing_marks,
            v.native_place, v.dialect)
    RETURNING p.version)
SELECT t.id,
       coalesce((SELECT version FROM case_update), $2) AS version,
       coalesce((SELECT version FROM child_update), $3) AS child_version
  FROM target t
