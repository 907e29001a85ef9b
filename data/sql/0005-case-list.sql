-- Homeward schema v1, part 5: what the case list sorts, filters and searches by.
--
-- The list is paged by key (keyset pagination): every sort order is an index
-- on (key, id), so a page is one index range scan however deep it lies.
--
-- Row-level security decides which index conditions the planner may use: a
-- condition on a table with a non-trivial policy is applied only after the
-- policy unless every function in it is leakproof, and lower(), ||, and the
-- text search match @@ are not.  Hence:
--   * the sort keys that come from the child (person, whose policy hides
--     relatives) and the case's last activity are kept in case_list_key, a
--     table every officer reads (policy true), so its keys are plain columns;
--   * search goes through homeward.search_cases(), a SECURITY DEFINER function
--     that uses the GIN indexes and applies the visibility rules itself.
--
-- "Last activity" of a case is the latest change to the case or to anything
-- recorded on it (child, family, contacts, links, verification steps,
-- photos, reunion).  It lives here rather than in abduction_case: touching
-- the case row would bump its version, making an officer's open form look
-- out of date, and fill the audit log with rows nobody wrote.

SET LOCAL ROLE homeward_owner;
SET LOCAL search_path = homeward, pg_catalog, public;

CREATE TABLE homeward.case_list_key (
    case_id           bigint PRIMARY KEY REFERENCES homeward.abduction_case (id),
    last_activity_at  timestamptz NOT NULL,
    -- pinyin "family given", lower-cased: Chinese names sort by their pinyin
    child_name_key    text NOT NULL,
    -- unknown dates of birth sort as the earliest
    child_birth_key   date NOT NULL
);
CREATE INDEX case_list_key_activity_idx ON homeward.case_list_key (last_activity_at, case_id);
CREATE INDEX case_list_key_child_name_idx ON homeward.case_list_key (child_name_key, case_id);
CREATE INDEX case_list_key_child_birth_idx ON homeward.case_list_key (child_birth_key, case_id);

ALTER TABLE homeward.case_list_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE homeward.case_list_key FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON homeward.case_list_key TO homeward_owner USING (true) WITH CHECK (true);
CREATE POLICY admin_read ON homeward.case_list_key FOR SELECT TO homeward_admin USING (true);
-- a child's name and when a case last changed are no secret: every officer reads every case
CREATE POLICY officer_read ON homeward.case_list_key FOR SELECT TO homeward_officer USING (true);
REVOKE TRUNCATE ON homeward.case_list_key FROM homeward_owner;
GRANT SELECT ON homeward.case_list_key TO homeward_officer, homeward_admin;

-- Sets the keys of these cases from their child, and their last activity to
-- now (or to p_at).  Clients hear 'case_list_key:CASE_ID:0' (and catch up
-- from change_log).
CREATE FUNCTION homeward.touch_case_list_keys(p_case_ids bigint[], p_at timestamptz DEFAULT now())
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

    INSERT INTO homeward.case_list_key AS k (case_id, last_activity_at, child_name_key, child_birth_key)
    SELECT c.id, p_at,
           lower(coalesce(p.family_name_latin, '') || ' ' || coalesce(p.given_name_latin, '')),
           coalesce(p.birth_date, '-infinity'::date)
      FROM homeward.abduction_case c
      JOIN homeward.person p ON p.id = c.child_id
     WHERE c.id = ANY (p_case_ids)
    ON CONFLICT (case_id) DO UPDATE
        SET last_activity_at = greatest(k.last_activity_at, excluded.last_activity_at),
            child_name_key = excluded.child_name_key,
            child_birth_key = excluded.child_birth_key;

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
REVOKE EXECUTE ON FUNCTION homeward.touch_case_list_keys(bigint[], timestamptz) FROM PUBLIC;

-- TG_ARGV[0]: the column of the changed table that names the case.
CREATE FUNCTION homeward.tg_touch_case()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
DECLARE
    v_ids bigint[];
BEGIN
    EXECUTE format('SELECT array_agg(DISTINCT %I) FROM new_rows WHERE %I IS NOT NULL',
                   TG_ARGV[0], TG_ARGV[0])
       INTO v_ids;
    PERFORM homeward.touch_case_list_keys(v_ids);
    RETURN NULL;
END
$fn$;

-- A child's name or date of birth changed: the cases about that child.
CREATE FUNCTION homeward.tg_touch_child_cases()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
BEGIN
    PERFORM homeward.touch_case_list_keys(
        (SELECT array_agg(c.id) FROM new_rows n JOIN homeward.abduction_case c ON c.child_id = n.id
          WHERE n.kind = 'child'));
    RETURN NULL;
END
$fn$;

DO $attach$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES ('abduction_case', 'id'), ('family_member', 'case_id'),
                                   ('contact_event', 'case_id'), ('case_link', 'case_id'),
                                   ('verification_step', 'case_id'), ('photo', 'case_id'),
                                   ('reunion', 'case_id')) AS v(tab, col) LOOP
        EXECUTE format('CREATE TRIGGER hw_80_touch_case_insert AFTER INSERT ON homeward.%I
                        REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION homeward.tg_touch_case(%L)',
                       t.tab, t.col);
        -- verification_step is append-only: it has no updates
        IF t.tab <> 'verification_step' THEN
            EXECUTE format('CREATE TRIGGER hw_80_touch_case_update AFTER UPDATE ON homeward.%I
                            REFERENCING NEW TABLE AS new_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION homeward.tg_touch_case(%L)',
                           t.tab, t.col);
        END IF;
    END LOOP;
END
$attach$;

CREATE TRIGGER hw_80_touch_case_update AFTER UPDATE ON homeward.person
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION homeward.tg_touch_child_cases();

-- Recomputes every case's keys from the records themselves.  For loads that
-- run without triggers (the demo data, imports in replica mode); the
-- migration runs it once for the cases that exist.
CREATE FUNCTION homeward.refresh_case_list_keys()
RETURNS void
LANGUAGE sql SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
    INSERT INTO homeward.case_list_key AS k (case_id, last_activity_at, child_name_key, child_birth_key)
    SELECT c.id, greatest(c.updated_at, p.updated_at, fm.at, ce.at, cl.at, vs.at, ph.at, r.at),
           lower(coalesce(p.family_name_latin, '') || ' ' || coalesce(p.given_name_latin, '')),
           coalesce(p.birth_date, '-infinity'::date)
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
    ON CONFLICT (case_id) DO UPDATE
        SET last_activity_at = excluded.last_activity_at,
            child_name_key = excluded.child_name_key,
            child_birth_key = excluded.child_birth_key
$fn$;
REVOKE EXECUTE ON FUNCTION homeward.refresh_case_list_keys() FROM PUBLIC;

SELECT homeward.refresh_case_list_keys();

-- The cases a search text finds (see cjk_query): by case number, place and
-- circumstances; by the child's names, pinyin, nicknames and marks; and, for
-- the cases of the caller's own unit only (administrators: all), by a
-- relative's name or phone number or the family's address.  Relatives of
-- another unit's case stay invisible: not even that they match is told.
CREATE FUNCTION homeward.search_cases(p_text text)
RETURNS SETOF bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 1000
SET search_path = homeward, pg_catalog
AS $fn$
DECLARE
    q      tsquery := homeward.cjk_query(p_text);
    v_unit bigint := homeward.current_unit_id();
    v_all  boolean := homeward.is_admin() OR homeward.is_superuser();
BEGIN
    IF q IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT c.id FROM homeward.abduction_case c WHERE c.search @@ q
        UNION
        SELECT c.id FROM homeward.person p JOIN homeward.abduction_case c ON c.child_id = p.id
         WHERE p.search @@ q AND p.kind = 'child'
        UNION
        SELECT c.id FROM homeward.family_member fm JOIN homeward.abduction_case c ON c.id = fm.case_id
         WHERE fm.search @@ q AND (v_all OR c.unit_id = v_unit)
        UNION
        SELECT c.id FROM homeward.person p
          JOIN homeward.family_member fm ON fm.person_id = p.id
          JOIN homeward.abduction_case c ON c.id = fm.case_id
         WHERE p.search @@ q AND (v_all OR c.unit_id = v_unit);
END
$fn$;
REVOKE EXECUTE ON FUNCTION homeward.search_cases(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION homeward.search_cases(text) TO homeward_officer, homeward_admin;

-- Sort keys of the case's own columns, each with the id as tie-breaker.  The
-- same expressions appear in the client's queries (src/ui/hw-case-list-model.c).
CREATE FUNCTION homeward.case_status_rank(p_status text)
RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$
    SELECT array_position(ARRAY['open', 'investigating', 'located', 'reunited', 'cold', 'closed'],
                          p_status)
$fn$;

CREATE INDEX abduction_case_number_sort_idx ON homeward.abduction_case (case_number, id);
CREATE INDEX abduction_case_abducted_sort_idx
    ON homeward.abduction_case ((coalesce(abducted_at, '-infinity'::timestamptz)), id);
CREATE INDEX abduction_case_place_sort_idx
    ON homeward.abduction_case ((coalesce(place_text, '')), id);
CREATE INDEX abduction_case_status_sort_idx
    ON homeward.abduction_case ((homeward.case_status_rank(status)), id);

RESET ROLE;
