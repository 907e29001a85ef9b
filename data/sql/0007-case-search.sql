-- Homeward schema v1, part 7: searching the case list without joins.
--
-- homeward.search_cases() (part 5) joined the matches of four tables and
-- collected every matching case before the list could sort and cut its
-- first page.  A broad search (李, a surname one child in fourteen carries;
-- wang) thus read some twenty thousand rows: 300 ms and more.  Now each
-- case's searchable text is gathered in two places, kept by the triggers
-- that keep the case list's sort keys:
--
--   * case_list_key.search: the case's number and place and its child's
--     names, pinyin, nicknames, marks and native place (not the free text
--     of the circumstances: a name searched for should find names).  Every officer may read these
--     (they see every case and child), so the list's query filters on the
--     column itself: a broad search walks the list's sort index and stops
--     after its first page; a narrow one uses the GIN index.
--   * case_family_key.search: the relatives' names and the family's phone
--     numbers and addresses.  Only the case's own unit may search them, so
--     officers cannot read this table; homeward.search_family_cases() does
--     it for them and applies the unit rule.
--
-- A relative's surname alone would match most families of the unit (and
-- make every one-character search slow), so the relatives are searched only
-- for a fuller text: two Chinese characters, six letters or four digits.

SET LOCAL ROLE homeward_owner;
SET LOCAL search_path = homeward, pg_catalog, public;

CREATE AGGREGATE homeward.tsvector_agg(tsvector) (
    SFUNC = pg_catalog.tsvector_concat,
    STYPE = tsvector,
    INITCOND = ''
);

-- What the list's search finds of a case and its child.
CREATE FUNCTION homeward.case_list_search(p_case_number text, p_place_text text, p_child_search tsvector)
RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$
    SELECT homeward.abduction_case_search(p_case_number, p_place_text, NULL) || coalesce(p_child_search, '')
$fn$;

ALTER TABLE homeward.case_list_key ADD COLUMN search tsvector NOT NULL DEFAULT '';
CREATE INDEX case_list_key_search_idx ON homeward.case_list_key USING gin (search);

CREATE TABLE homeward.case_family_key (
    case_id  bigint PRIMARY KEY REFERENCES homeward.abduction_case (id),
    unit_id  bigint NOT NULL,
    search   tsvector NOT NULL
);
CREATE INDEX case_family_key_search_idx ON homeward.case_family_key USING gin (search);

ALTER TABLE homeward.case_family_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE homeward.case_family_key FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON homeward.case_family_key TO homeward_owner USING (true) WITH CHECK (true);
REVOKE TRUNCATE ON homeward.case_family_key FROM homeward_owner;

-- Superseded by the two above: nothing else searches these tables' text.
DROP INDEX homeward.abduction_case_search_idx;
DROP INDEX homeward.person_search_idx;
DROP INDEX homeward.family_member_search_idx;

-- Whether a search text is specific enough to look at the relatives.
CREATE FUNCTION homeward.search_reaches_family(p_text text)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$
    SELECT length(regexp_replace(coalesce(p_text, ''),
                                 '[^\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]',
                                 '', 'g')) >= 2
        OR length(regexp_replace(coalesce(p_text, ''), '[^0-9]', '', 'g')) >= 4
        OR length(regexp_replace(lower(coalesce(p_text, '')), '[^a-z\u00df-\u024f]', '', 'g')) >= 6
$fn$;

-- The keys of these cases, computed from their records.
CREATE OR REPLACE FUNCTION homeward.touch_case_list_keys(p_case_ids bigint[], p_at timestamptz DEFAULT now())
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
DECLARE
    v_id bigint;
BEGIN
    IF p_case_ids IS NULL OR cardinality(p_case_ids) = 0 THEN
        RETURN;
    END IF;

    INSERT INTO homeward.case_list_key AS k (case_id, last_activity_at, child_name_key, child_birth_key, search)
    SELECT c.id, p_at,
           lower(coalesce(p.family_name_latin, '') || ' ' || coalesce(p.given_name_latin, '')),
           coalesce(p.birth_date, '-infinity'::date),
           homeward.case_list_search(c.case_number, c.place_text, p.search)
      FROM homeward.abduction_case c
      JOIN homeward.person p ON p.id = c.child_id
     WHERE c.id = ANY (p_case_ids)
    ON CONFLICT (case_id) DO UPDATE
        SET last_activity_at = greatest(k.last_activity_at, excluded.last_activity_at),
            child_name_key = excluded.child_name_key,
            child_birth_key = excluded.child_birth_key,
            search = excluded.search;

    INSERT INTO homeward.case_family_key AS f (case_id, unit_id, search)
    SELECT c.id, c.unit_id,
           coalesce((SELECT homeward.tsvector_agg(coalesce(fm.search, '') || coalesce(p.search, ''))
                       FROM homeward.family_member fm
                       LEFT JOIN homeward.person p ON p.id = fm.person_id
                      WHERE fm.case_id = c.id), '')
      FROM homeward.abduction_case c
     WHERE c.id = ANY (p_case_ids)
    ON CONFLICT (case_id) DO UPDATE
        SET unit_id = excluded.unit_id,
            search = excluded.search;

    INSERT INTO homeward.change_log (table_name, row_id, version, action)
    SELECT 'case_list_key', id, 0, 'UPDATE' FROM unnest(p_case_ids) AS u(id);

    IF cardinality(p_case_ids) > 500 THEN
        PERFORM pg_notify('homeward', 'case_list_key:0:0');
    ELSE
        FOREACH v_id IN ARRAY p_case_ids LOOP
            PERFORM pg_notify('homeward', 'case_list_key:' || v_id || ':0');
        END LOOP;
    END IF;
END
$fn$;

-- A child's or a relative's record changed: the cases about them.
CREATE OR REPLACE FUNCTION homeward.tg_touch_child_cases()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
BEGIN
    PERFORM homeward.touch_case_list_keys(
        (SELECT array_agg(DISTINCT id) FROM (
            SELECT c.id FROM new_rows n JOIN homeward.abduction_case c ON c.child_id = n.id
             WHERE n.kind = 'child'
            UNION ALL
            SELECT fm.case_id FROM new_rows n JOIN homeward.family_member fm ON fm.person_id = n.id
             WHERE n.kind <> 'child') AS cases(id)));
    RETURN NULL;
END
$fn$;

-- A relative removed from a family: the family's search text loses them.
-- (The function reads the transition table under the name new_rows.)
CREATE TRIGGER hw_80_touch_case_delete AFTER DELETE ON homeward.family_member
    REFERENCING OLD TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeward.tg_touch_case('case_id');

CREATE OR REPLACE FUNCTION homeward.refresh_case_list_keys()
RETURNS void
LANGUAGE sql SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
    INSERT INTO homeward.case_list_key AS k (case_id, last_activity_at, child_name_key, child_birth_key, search)
    SELECT c.id, greatest(c.updated_at, p.updated_at, fm.at, ce.at, cl.at, vs.at, ph.at, r.at),
           lower(coalesce(p.family_name_latin, '') || ' ' || coalesce(p.given_name_latin, '')),
           coalesce(p.birth_date, '-infinity'::date),
           homeward.case_list_search(c.case_number, c.place_text, p.search)
      FROM homeward.abduction_case c
      JOIN homeward.person p ON p.id = c.child_id
      LEFT JOIN (SELECT case_id, max(updated_at) AS at FROM homeward.family_member GROUP BY 1) fm
             ON fm.case_id = c.id
      LEFT JOIN (SELECT case_id, max(updated_at) AS at FROM homeward.contact_event GROUP BY 1) ce
             ON ce.case_id = c.id
      LEFT JOIN (SELECT case_id, max(updated_at) AS at FROM homeward.case_link GROUP BY 1) cl
             ON cl.case_id = c.id
      LEFT JOIN (SELECT case_id, max(created_at) AS at FROM homeward.verification_step
                  WHERE case_id IS NOT NULL GROUP BY 1) vs
             ON vs.case_id = c.id
      LEFT JOIN (SELECT case_id, max(updated_at) AS at FROM homeward.photo
                  WHERE case_id IS NOT NULL GROUP BY 1) ph
             ON ph.case_id = c.id
      LEFT JOIN (SELECT case_id, max(updated_at) AS at FROM homeward.reunion GROUP BY 1) r
             ON r.case_id = c.id
    -- Stored in the order the list shows by default: a search that walks
    -- that order then reads neighbouring pages, not one page a row.
     ORDER BY 2, 1
    ON CONFLICT (case_id) DO UPDATE
        SET last_activity_at = excluded.last_activity_at,
            child_name_key = excluded.child_name_key,
            child_birth_key = excluded.child_birth_key,
            search = excluded.search;

    INSERT INTO homeward.case_family_key AS f (case_id, unit_id, search)
    SELECT c.id, c.unit_id, coalesce(fam.search, '')
      FROM homeward.abduction_case c
      LEFT JOIN (SELECT fm.case_id,
                        homeward.tsvector_agg(coalesce(fm.search, '') || coalesce(p.search, '')) AS search
                   FROM homeward.family_member fm
                   LEFT JOIN homeward.person p ON p.id = fm.person_id
                  GROUP BY fm.case_id) fam ON fam.case_id = c.id
    ON CONFLICT (case_id) DO UPDATE
        SET unit_id = excluded.unit_id,
            search = excluded.search;
$fn$;

-- The cases whose family the caller may search and which the text finds
-- there: the caller's own unit's (administrators: every unit's).  Empty
-- for texts too short to reach the relatives.
CREATE FUNCTION homeward.search_family_cases(p_text text)
RETURNS bigint[]
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
DECLARE
    q tsquery := homeward.cjk_query(p_text);
BEGIN
    IF q IS NULL OR NOT homeward.search_reaches_family(p_text) THEN
        RETURN '{}';
    END IF;
    IF homeward.is_admin() OR homeward.is_superuser() THEN
        RETURN ARRAY(SELECT f.case_id FROM homeward.case_family_key f WHERE f.search @@ q);
    END IF;
    RETURN ARRAY(SELECT f.case_id FROM homeward.case_family_key f
                  WHERE f.search @@ q AND f.unit_id = homeward.current_unit_id());
END
$fn$;
REVOKE EXECUTE ON FUNCTION homeward.search_family_cases(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION homeward.search_family_cases(text) TO homeward_officer, homeward_admin;

-- The same rule for callers that want a set of ids (the CLI, reports).
CREATE OR REPLACE FUNCTION homeward.search_cases(p_text text)
RETURNS SETOF bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 1000
SET search_path = homeward, pg_catalog
AS $fn$
DECLARE
    q tsquery := homeward.cjk_query(p_text);
BEGIN
    IF q IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT k.case_id FROM homeward.case_list_key k WHERE k.search @@ q
        UNION
        SELECT unnest(homeward.search_family_cases(p_text));
END
$fn$;

SELECT homeward.refresh_case_list_keys();
ANALYZE homeward.case_list_key;
ANALYZE homeward.case_family_key;

RESET ROLE;
