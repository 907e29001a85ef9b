-- Homeward schema v1, part 4: the search columns kept by triggers, not generated.
--
-- The search columns of person, abduction_case, family_member and sighting
-- were GENERATED ALWAYS ... STORED.  A generated column is computed by the
-- server for every row written, bulk loads included: loading a million
-- sightings spent most of its time tokenising in plpgsql, in one backend.
-- Now each column is an ordinary column that a BEFORE row trigger fills,
-- with one function per table holding the expression the generated column
-- had (so the trigger, tests and any check share one definition):
--
--   homeward.person_search(family_name, given_name, family_name_latin,
--                          given_name_latin, distinguishing_marks,
--                          native_place, nicknames)
--   homeward.abduction_case_search(case_number, place_text, circumstances)
--   homeward.family_member_search(phone, address)
--   homeward.sighting_search(description, place_text, source_ref,
--                            reporter_name, reporter_contact)
--
-- Ordinary triggers do not fire with session_replication_role = replica,
-- which only a superuser may set: a bulk loader running that way (the demo
-- data, src/db/hw-demo-data.c) writes the column itself, computed on the
-- client with exactly the same lexemes (src/core/hw-search-tokens.c), and
-- must do so, or its rows are not found.  Everybody else, officers
-- included, cannot set the column: the trigger fires on every INSERT and
-- UPDATE and computes it again from the row, whatever the statement says.
--
-- DROP EXPRESSION keeps the values already stored and rewrites nothing; the
-- GIN indexes stay as they are.

SET LOCAL ROLE homeward_owner;
SET LOCAL search_path = homeward, pg_catalog, public;

-- ---------------------------------------------------------------------------
-- The search text of each table (the former generation expressions)
-- ---------------------------------------------------------------------------

-- A child's or relative's names, with the surname and given name together as
-- well (彭文乐, pengwenle), marks, native place and nicknames.
CREATE FUNCTION homeward.person_search(p_family_name text, p_given_name text,
                                       p_family_name_latin text, p_given_name_latin text,
                                       p_distinguishing_marks text, p_native_place text,
                                       p_nicknames text[])
RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$
    SELECT homeward.cjk_tokens_multi(VARIADIC ARRAY[p_family_name, p_given_name,
                                                    p_family_name || p_given_name,
                                                    p_family_name_latin, p_given_name_latin,
                                                    p_family_name_latin || p_given_name_latin,
                                                    p_distinguishing_marks, p_native_place]
                                              || p_nicknames)
$fn$;

CREATE FUNCTION homeward.abduction_case_search(p_case_number text, p_place_text text,
                                               p_circumstances text)
RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$
    SELECT homeward.cjk_tokens_multi(p_case_number, p_place_text, p_circumstances)
$fn$;

-- The phone number as written and as bare digits (so "138-0013-8000" is
-- found by 13800138000), and the address.
CREATE FUNCTION homeward.family_member_search(p_phone text, p_address text)
RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$
    SELECT homeward.cjk_tokens_multi(p_phone, homeward.phone_digits(p_phone), p_address)
$fn$;

CREATE FUNCTION homeward.sighting_search(p_description text, p_place_text text, p_source_ref text,
                                         p_reporter_name text, p_reporter_contact text)
RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$
    SELECT homeward.cjk_tokens_multi(p_description, p_place_text, p_source_ref, p_reporter_name,
                                     p_reporter_contact, homeward.phone_digits(p_reporter_contact))
$fn$;

-- ---------------------------------------------------------------------------
-- Triggers.  Named hw_30_*: BEFORE row triggers fire in name order, so this
-- one comes after the version bump (hw_10) and the status rules (hw_20) and
-- sees the row as it will be stored.  Every UPDATE recomputes, not only
-- those of the source columns: then an UPDATE that sets search itself is
-- overwritten too, and a single row costs well under a millisecond.
-- ---------------------------------------------------------------------------
CREATE FUNCTION homeward.tg_person_search()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = homeward, pg_catalog
AS $fn$
BEGIN
    NEW.search := homeward.person_search(NEW.family_name, NEW.given_name, NEW.family_name_latin,
                                         NEW.given_name_latin, NEW.distinguishing_marks,
                                         NEW.native_place, NEW.nicknames);
    RETURN NEW;
END
$fn$;

CREATE FUNCTION homeward.tg_abduction_case_search()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = homeward, pg_catalog
AS $fn$
BEGIN
    NEW.search := homeward.abduction_case_search(NEW.case_number, NEW.place_text, NEW.circumstances);
    RETURN NEW;
END
$fn$;

CREATE FUNCTION homeward.tg_family_member_search()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = homeward, pg_catalog
AS $fn$
BEGIN
    NEW.search := homeward.family_member_search(NEW.phone, NEW.address);
    RETURN NEW;
END
$fn$;

CREATE FUNCTION homeward.tg_sighting_search()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = homeward, pg_catalog
AS $fn$
BEGIN
    NEW.search := homeward.sighting_search(NEW.description, NEW.place_text, NEW.source_ref,
                                           NEW.reporter_name, NEW.reporter_contact);
    RETURN NEW;
END
$fn$;

ALTER TABLE homeward.person ALTER COLUMN search DROP EXPRESSION;
ALTER TABLE homeward.abduction_case ALTER COLUMN search DROP EXPRESSION;
ALTER TABLE homeward.family_member ALTER COLUMN search DROP EXPRESSION;
ALTER TABLE homeward.sighting ALTER COLUMN search DROP EXPRESSION;

CREATE TRIGGER hw_30_search BEFORE INSERT OR UPDATE ON homeward.person
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_person_search();
CREATE TRIGGER hw_30_search BEFORE INSERT OR UPDATE ON homeward.abduction_case
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_abduction_case_search();
CREATE TRIGGER hw_30_search BEFORE INSERT OR UPDATE ON homeward.family_member
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_family_member_search();
CREATE TRIGGER hw_30_search BEFORE INSERT OR UPDATE ON homeward.sighting
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_sighting_search();

-- ---------------------------------------------------------------------------
-- Audit: as in 0003, but the search columns, no longer generated, are left
-- out by their type: lexemes derived from the row are no part of what an
-- officer wrote, and would double every audited row's size.
-- ---------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION homeward.tg_record_changes()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
DECLARE
    v_cols text;
    v_src  text;
    v_n    bigint;
    v_keys text[];
    v_k    text;
BEGIN
    -- large image columns are logged as their length; generated and search
    -- (tsvector) columns are left out
    SELECT string_agg(CASE WHEN a.atttypid = 'bytea'::regtype AND a.attname IN ('content', 'thumbnail')
                           THEN format('octet_length(n.%I) AS %I', a.attname, a.attname || '_bytes')
                           ELSE format('n.%I', a.attname) END,
                      ', ' ORDER BY a.attnum)
      INTO v_cols
      FROM pg_attribute a
     WHERE a.attrelid = TG_RELID AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
       AND a.atttypid <> 'tsvector'::regtype;

    IF TG_OP = 'INSERT' THEN
        v_src := format('SELECT x.id AS row_id, NULL::jsonb AS old_j, to_jsonb(x) AS new_j
                           FROM (SELECT %s FROM new_rows n) x', v_cols);
    ELSIF TG_OP = 'DELETE' THEN
        v_src := format('SELECT x.id AS row_id, to_jsonb(x) AS old_j, NULL::jsonb AS new_j
                           FROM (SELECT %s FROM old_rows n) x', v_cols);
    ELSE
        v_src := format('SELECT nx.id AS row_id, to_jsonb(ox) AS old_j, to_jsonb(nx) AS new_j
                           FROM (SELECT %1$s FROM old_rows n) ox
                           JOIN (SELECT %1$s FROM new_rows n) nx ON nx.id = ox.id', v_cols);
    END IF;

    EXECUTE format($q$
        WITH src AS MATERIALIZED (%s),
        a AS (
            INSERT INTO homeward.audit_log (table_name, row_id, action, old_row, new_row,
                                            db_role, officer_id, unit_id, txid)
            SELECT $1, row_id, $2, old_j, new_j, session_user, $3,
                   CASE WHEN $1 IN ('family_member', 'contact_event', 'reunion', 'dna_sample',
                                    'dna_custody_event', 'dna_str_allele', 'dna_comparison')
                        THEN homeward.audit_unit_id($1, coalesce(new_j, old_j))
                        ELSE (coalesce(new_j, old_j) ->> 'unit_id')::bigint END,
                   txid_current()
              FROM src),
        c AS (
            INSERT INTO homeward.change_log (table_name, row_id, version, action)
            SELECT $1, row_id,
                   CASE WHEN $2 = 'DELETE' THEN 0 ELSE coalesce((new_j ->> 'version')::integer, 0) END, $2
              FROM src
            RETURNING row_id, version)
        SELECT count(*), (array_agg(row_id::text || ':' || version::text ORDER BY row_id))[1:500] FROM c
    $q$, v_src)
    INTO v_n, v_keys
    USING TG_TABLE_NAME::text, TG_OP::text, homeward.current_officer_id();

    IF v_n > 500 THEN
        PERFORM pg_notify('homeward', TG_TABLE_NAME || ':0:0');
    ELSIF v_n > 0 THEN
        FOREACH v_k IN ARRAY v_keys LOOP
            PERFORM pg_notify('homeward', TG_TABLE_NAME || ':' || v_k);
        END LOOP;
    END IF;
    RETURN NULL;
END
$fn$;

RESET ROLE;
