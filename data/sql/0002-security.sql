-- Homeward schema v1, part 2: grants, row-level security, administration functions.
--
-- Role model (cluster-global, NOLOGIN groups; officers log in with their own role):
--   homeward_owner       owns every object; used only by migrations and by the
--                        SECURITY DEFINER helper/trigger functions.
--   homeward_officer     every officer.
--   homeward_supervisor  member of homeward_officer; signs off reunions, closes cases,
--                        re-opens rejected sightings, reads the audit log.
--   homeward_admin       NOT an officer: manages unit, officer, allele_frequency,
--                        reads everything, writes no case data.
-- Identity = session_user -> officer.login (homeward.current_officer_id()).

-- The client reads the schema version before writing.
GRANT SELECT ON homeward.schema_migrations TO homeward_officer, homeward_admin;

SET LOCAL ROLE homeward_owner;
SET LOCAL search_path = homeward, pg_catalog, public;

GRANT USAGE ON SCHEMA homeward TO homeward_officer, homeward_admin;

-- ---------------------------------------------------------------------------
-- Visibility helpers used by policies (SECURITY DEFINER: no RLS recursion).
-- ---------------------------------------------------------------------------

-- May the current officer's unit use this person row (as a child anywhere, as a
-- person recorded by the unit, or as a relative on one of the unit's cases)?
-- VOLATILE on purpose: it must see a person row inserted earlier in the same
-- statement (INSERT ... WITH p AS (INSERT INTO person ...) INSERT INTO abduction_case ...).
CREATE FUNCTION homeward.person_visible(p_person_id bigint)
RETURNS boolean
LANGUAGE sql VOLATILE SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
    SELECT EXISTS (
        SELECT 1 FROM homeward.person p
         WHERE p.id = p_person_id
           AND (p.kind = 'child'
                OR p.unit_id = homeward.current_unit_id()
                OR EXISTS (SELECT 1 FROM homeward.family_member fm
                             JOIN homeward.abduction_case c ON c.id = fm.case_id
                            WHERE fm.person_id = p.id AND c.unit_id = homeward.current_unit_id())))
$fn$;

-- Unit a DNA sample belongs to: the unit of the family member's case, or for a
-- found child's sample the unit that recorded the found child.
CREATE FUNCTION homeward.dna_sample_unit_id(p_sample_id bigint)
RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
SET search_path = homeward, pg_catalog
AS $fn$
    SELECT coalesce(
        (SELECT c.unit_id FROM homeward.family_member fm
           JOIN homeward.abduction_case c ON c.id = fm.case_id
          WHERE fm.id = s.family_member_id),
        (SELECT f.unit_id FROM homeward.found_child f WHERE f.id = s.found_child_id))
      FROM homeward.dna_sample s
     WHERE s.id = p_sample_id
$fn$;

-- Is this DNA sample visible to the current officer?  Family samples: the case's
-- unit.  Found-child samples: the unit that recorded the found child, and the
-- unit of the case the child was matched to.
-- May the current officer see DNA of this family member or found child?  The
-- family member's case unit; for a found child, the unit that recorded the
-- child and the unit of the case it was matched to.
CREATE FUNCTION homeward.dna_owner_visible(p_family_member_id bigint, p_found_child_id bigint)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
SET search_path = homeward, pg_catalog
AS $fn$
    SELECT (p_family_member_id IS NOT NULL AND EXISTS (
                SELECT 1 FROM homeward.family_member fm
                  JOIN homeward.abduction_case c ON c.id = fm.case_id
                 WHERE fm.id = p_family_member_id
                   AND c.unit_id = homeward.current_unit_id()))
        OR (p_found_child_id IS NOT NULL AND EXISTS (
                SELECT 1 FROM homeward.found_child f
                  LEFT JOIN homeward.abduction_case c ON c.id = f.matched_case_id
                 WHERE f.id = p_found_child_id
                   AND (f.unit_id = homeward.current_unit_id()
                        OR c.unit_id = homeward.current_unit_id())))
$fn$;

CREATE FUNCTION homeward.dna_sample_visible(p_sample_id bigint)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
SET search_path = homeward, pg_catalog
AS $fn$
    SELECT EXISTS (
        SELECT 1 FROM homeward.dna_sample s
         WHERE s.id = p_sample_id
           AND (EXISTS (SELECT 1 FROM homeward.family_member fm
                          JOIN homeward.abduction_case c ON c.id = fm.case_id
                         WHERE fm.id = s.family_member_id
                           AND c.unit_id = homeward.current_unit_id())
                OR EXISTS (SELECT 1 FROM homeward.found_child f
                             LEFT JOIN homeward.abduction_case c ON c.id = f.matched_case_id
                            WHERE f.id = s.found_child_id
                              AND (f.unit_id = homeward.current_unit_id()
                                   OR c.unit_id = homeward.current_unit_id()))))
$fn$;

-- ---------------------------------------------------------------------------
-- Row-level security: enabled and forced everywhere; the owner gets an explicit
-- policy because the SECURITY DEFINER functions (owned by homeward_owner) must
-- see and write every row (audit, change log, transition checks).
-- Superusers bypass RLS (not triggers).
-- ---------------------------------------------------------------------------
DO $rls$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'case_status_transition', 'sighting_status_transition',
        'unit', 'officer', 'person', 'abduction_case', 'family_member', 'contact_event',
        'repost_group', 'sighting', 'found_child', 'photo', 'case_link', 'verification_step',
        'dna_sample', 'dna_custody_event', 'dna_str_allele', 'dna_comparison', 'allele_frequency',
        'reunion', 'audit_log', 'change_log'] LOOP
        EXECUTE format('ALTER TABLE homeward.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE homeward.%I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY owner_all ON homeward.%I TO homeward_owner USING (true) WITH CHECK (true)', t);
        -- admins read everything
        EXECUTE format('CREATE POLICY admin_read ON homeward.%I FOR SELECT TO homeward_admin USING (true)', t);
        -- TRUNCATE would bypass row triggers (audit): nobody gets it
        EXECUTE format('REVOKE TRUNCATE ON homeward.%I FROM homeward_owner', t);
    END LOOP;
END
$rls$;

-- Reference tables: everyone reads.
CREATE POLICY officer_read ON case_status_transition FOR SELECT TO homeward_officer USING (true);
CREATE POLICY officer_read ON sighting_status_transition FOR SELECT TO homeward_officer USING (true);
GRANT SELECT ON case_status_transition, sighting_status_transition TO homeward_officer, homeward_admin;

-- unit, officer: everyone reads; admins write.
CREATE POLICY officer_read ON unit FOR SELECT TO homeward_officer USING (true);
CREATE POLICY admin_insert ON unit FOR INSERT TO homeward_admin WITH CHECK (true);
CREATE POLICY admin_update ON unit FOR UPDATE TO homeward_admin USING (true) WITH CHECK (true);
GRANT SELECT ON unit TO homeward_officer;
GRANT SELECT, INSERT, UPDATE ON unit TO homeward_admin;

CREATE POLICY officer_read ON officer FOR SELECT TO homeward_officer USING (true);
CREATE POLICY admin_insert ON officer FOR INSERT TO homeward_admin WITH CHECK (true);
CREATE POLICY admin_update ON officer FOR UPDATE TO homeward_admin USING (true) WITH CHECK (true);
GRANT SELECT ON officer TO homeward_officer;
GRANT SELECT, INSERT, UPDATE ON officer TO homeward_admin;

-- person: children are readable by every officer; relatives only by the unit
-- that recorded them or whose case they belong to.  Written by the recording
-- unit or the unit whose case the person is child/relative of.
CREATE POLICY officer_read ON person FOR SELECT TO homeward_officer
    USING (kind = 'child'
           OR unit_id = (SELECT homeward.current_unit_id())
           OR EXISTS (SELECT 1 FROM family_member fm JOIN abduction_case c ON c.id = fm.case_id
                       WHERE fm.person_id = person.id
                         AND c.unit_id = (SELECT homeward.current_unit_id())));
CREATE POLICY officer_insert ON person FOR INSERT TO homeward_officer
    WITH CHECK (unit_id = (SELECT homeward.current_unit_id()));
CREATE POLICY officer_update ON person FOR UPDATE TO homeward_officer
    USING (unit_id = (SELECT homeward.current_unit_id())
           OR EXISTS (SELECT 1 FROM abduction_case c
                       WHERE c.child_id = person.id AND c.unit_id = (SELECT homeward.current_unit_id()))
           OR EXISTS (SELECT 1 FROM family_member fm JOIN abduction_case c ON c.id = fm.case_id
                       WHERE fm.person_id = person.id
                         AND c.unit_id = (SELECT homeward.current_unit_id())))
    WITH CHECK (unit_id = (SELECT homeward.current_unit_id())
           OR EXISTS (SELECT 1 FROM abduction_case c
                       WHERE c.child_id = person.id AND c.unit_id = (SELECT homeward.current_unit_id()))
           OR EXISTS (SELECT 1 FROM family_member fm JOIN abduction_case c ON c.id = fm.case_id
                       WHERE fm.person_id = person.id
                         AND c.unit_id = (SELECT homeward.current_unit_id())));
GRANT SELECT, INSERT, UPDATE ON person TO homeward_officer;
GRANT SELECT ON person TO homeward_admin;

-- abduction_case: every officer reads every case; only the case's unit inserts
-- and updates (and cannot move a case to another unit).  Closing is checked by
-- the status trigger (supervisors only).  No DELETE.
CREATE POLICY officer_read ON abduction_case FOR SELECT TO homeward_officer USING (true);
CREATE POLICY officer_insert ON abduction_case FOR INSERT TO homeward_officer
    WITH CHECK (unit_id = (SELECT homeward.current_unit_id())
                AND homeward.person_visible(child_id));
CREATE POLICY officer_update ON abduction_case FOR UPDATE TO homeward_officer
    USING (unit_id = (SELECT homeward.current_unit_id()))
    WITH CHECK (unit_id = (SELECT homeward.current_unit_id())
                AND homeward.person_visible(child_id));
GRANT SELECT, INSERT, UPDATE ON abduction_case TO homeward_officer;
GRANT SELECT ON abduction_case TO homeward_admin;

-- family_member, contact_event: only the case's unit.
CREATE POLICY unit_read ON family_member FOR SELECT TO homeward_officer
    USING (EXISTS (SELECT 1 FROM abduction_case c
                    WHERE c.id = family_member.case_id AND c.unit_id = (SELECT homeward.current_unit_id())));
CREATE POLICY unit_insert ON family_member FOR INSERT TO homeward_officer
    WITH CHECK (EXISTS (SELECT 1 FROM abduction_case c
                         WHERE c.id = family_member.case_id AND c.unit_id = (SELECT homeward.current_unit_id()))
                AND homeward.person_visible(person_id));
CREATE POLICY unit_update ON family_member FOR UPDATE TO homeward_officer
    USING (EXISTS (SELECT 1 FROM abduction_case c
                    WHERE c.id = family_member.case_id AND c.unit_id = (SELECT homeward.current_unit_id())))
    WITH CHECK (EXISTS (SELECT 1 FROM abduction_case c
                         WHERE c.id = family_member.case_id AND c.unit_id = (SELECT homeward.current_unit_id()))
                AND homeward.person_visible(person_id));
GRANT SELECT, INSERT, UPDATE ON family_member TO homeward_officer;
GRANT SELECT ON family_member TO homeward_admin;

CREATE POLICY unit_read ON contact_event FOR SELECT TO homeward_officer
    USING (EXISTS (SELECT 1 FROM abduction_case c
                    WHERE c.id = contact_event.case_id AND c.unit_id = (SELECT homeward.current_unit_id())));
CREATE POLICY unit_insert ON contact_event FOR INSERT TO homeward_officer
    WITH CHECK (EXISTS (SELECT 1 FROM abduction_case c
                         WHERE c.id = contact_event.case_id AND c.unit_id = (SELECT homeward.current_unit_id()))
                AND (family_member_id IS NULL
                     OR EXISTS (SELECT 1 FROM family_member fm
                                 WHERE fm.id = contact_event.family_member_id
                                   AND fm.case_id = contact_event.case_id)));
CREATE POLICY unit_update ON contact_event FOR UPDATE TO homeward_officer
    USING (EXISTS (SELECT 1 FROM abduction_case c
                    WHERE c.id = contact_event.case_id AND c.unit_id = (SELECT homeward.current_unit_id())))
    WITH CHECK (EXISTS (SELECT 1 FROM abduction_case c
                         WHERE c.id = contact_event.case_id AND c.unit_id = (SELECT homeward.current_unit_id())));
GRANT SELECT, INSERT, UPDATE ON contact_event TO homeward_officer;
GRANT SELECT ON contact_event TO homeward_admin;

-- sighting, repost_group: the shared national pool; every officer reads,
-- inserts and updates (triage, assignment, status).  No DELETE.
CREATE POLICY officer_all ON sighting FOR SELECT TO homeward_officer USING (true);
CREATE POLICY officer_insert ON sighting FOR INSERT TO homeward_officer WITH CHECK (true);
CREATE POLICY officer_update ON sighting FOR UPDATE TO homeward_officer USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON sighting TO homeward_officer;
GRANT SELECT ON sighting TO homeward_admin;

CREATE POLICY officer_all ON repost_group FOR SELECT TO homeward_officer USING (true);
CREATE POLICY officer_insert ON repost_group FOR INSERT TO homeward_officer WITH CHECK (true);
CREATE POLICY officer_update ON repost_group FOR UPDATE TO homeward_officer USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON repost_group TO homeward_officer;
GRANT SELECT ON repost_group TO homeward_admin;

-- found_child: every officer reads (matching is national); the recording unit writes.
CREATE POLICY officer_read ON found_child FOR SELECT TO homeward_officer USING (true);
CREATE POLICY unit_insert ON found_child FOR INSERT TO homeward_officer
    WITH CHECK (unit_id = (SELECT homeward.current_unit_id()));
CREATE POLICY unit_update ON found_child FOR UPDATE TO homeward_officer
    USING (unit_id = (SELECT homeward.current_unit_id()))
    WITH CHECK (unit_id = (SELECT homeward.current_unit_id()));
GRANT SELECT, INSERT, UPDATE ON found_child TO homeward_officer;
GRANT SELECT ON found_child TO homeward_admin;

-- photo: every officer reads every photo.  Sighting photos: any officer writes;
-- case photos: the case's unit; found-child photos: the recording unit.
CREATE POLICY officer_read ON photo FOR SELECT TO homeward_officer USING (true);
CREATE POLICY owner_unit_insert ON photo FOR INSERT TO homeward_officer
    WITH CHECK ((case_id IS NULL OR EXISTS (SELECT 1 FROM abduction_case c WHERE c.id = photo.case_id
                                              AND c.unit_id = (SELECT homeward.current_unit_id())))
                AND (found_child_id IS NULL OR EXISTS (SELECT 1 FROM found_child f WHERE f.id = photo.found_child_id
                                              AND f.unit_id = (SELECT homeward.current_unit_id()))));
CREATE POLICY owner_unit_update ON photo FOR UPDATE TO homeward_officer
    USING ((case_id IS NULL OR EXISTS (SELECT 1 FROM abduction_case c WHERE c.id = photo.case_id
                                         AND c.unit_id = (SELECT homeward.current_unit_id())))
           AND (found_child_id IS NULL OR EXISTS (SELECT 1 FROM found_child f WHERE f.id = photo.found_child_id
                                         AND f.unit_id = (SELECT homeward.current_unit_id()))))
    WITH CHECK ((case_id IS NULL OR EXISTS (SELECT 1 FROM abduction_case c WHERE c.id = photo.case_id
                                              AND c.unit_id = (SELECT homeward.current_unit_id())))
                AND (found_child_id IS NULL OR EXISTS (SELECT 1 FROM found_child f WHERE f.id = photo.found_child_id
                                              AND f.unit_id = (SELECT homeward.current_unit_id()))));
GRANT SELECT, INSERT, UPDATE ON photo TO homeward_officer;
GRANT SELECT ON photo TO homeward_admin;

-- case_link: every officer reads and links (matching is national), as themselves;
-- withdraw/update by the linking officer, the case's unit, or a supervisor.
CREATE POLICY officer_read ON case_link FOR SELECT TO homeward_officer USING (true);
CREATE POLICY officer_insert ON case_link FOR INSERT TO homeward_officer
    WITH CHECK (linked_by = (SELECT homeward.current_officer_id()));
CREATE POLICY officer_update ON case_link FOR UPDATE TO homeward_officer
    USING (linked_by = (SELECT homeward.current_officer_id())
           OR (SELECT homeward.is_supervisor())
           OR EXISTS (SELECT 1 FROM abduction_case c WHERE c.id = case_link.case_id
                        AND c.unit_id = (SELECT homeward.current_unit_id())))
    WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON case_link TO homeward_officer;
GRANT SELECT ON case_link TO homeward_admin;

-- verification_step: append-only; every officer reads and appends as themselves.
CREATE POLICY officer_read ON verification_step FOR SELECT TO homeward_officer USING (true);
CREATE POLICY officer_insert ON verification_step FOR INSERT TO homeward_officer
    WITH CHECK (performed_by = (SELECT homeward.current_officer_id()));
GRANT SELECT, INSERT ON verification_step TO homeward_officer;
GRANT SELECT ON verification_step TO homeward_admin;

-- DNA: only the unit the sample belongs to.  The policies on dna_sample itself
-- judge the row by its own columns (dna_owner_visible), never by looking the
-- sample up again: a lookup would not see the row an INSERT ... RETURNING is
-- adding, and the insert would be refused.
CREATE POLICY unit_read ON dna_sample FOR SELECT TO homeward_officer
    USING (homeward.dna_owner_visible(family_member_id, found_child_id));
CREATE POLICY unit_insert ON dna_sample FOR INSERT TO homeward_officer
    WITH CHECK (homeward.dna_owner_visible(family_member_id, found_child_id));
CREATE POLICY unit_update ON dna_sample FOR UPDATE TO homeward_officer
    USING (homeward.dna_owner_visible(family_member_id, found_child_id))
    WITH CHECK (homeward.dna_owner_visible(family_member_id, found_child_id));
GRANT SELECT, INSERT, UPDATE ON dna_sample TO homeward_officer;
GRANT SELECT ON dna_sample TO homeward_admin;

-- chain of custody: append by officers (no UPDATE grant)
CREATE POLICY unit_read ON dna_custody_event FOR SELECT TO homeward_officer
    USING (homeward.dna_sample_visible(sample_id));
CREATE POLICY unit_insert ON dna_custody_event FOR INSERT TO homeward_officer
    WITH CHECK (homeward.dna_sample_visible(sample_id));
GRANT SELECT, INSERT ON dna_custody_event TO homeward_officer;
GRANT SELECT ON dna_custody_event TO homeward_admin;

CREATE POLICY unit_read ON dna_str_allele FOR SELECT TO homeward_officer
    USING (homeward.dna_sample_visible(sample_id));
CREATE POLICY unit_insert ON dna_str_allele FOR INSERT TO homeward_officer
    WITH CHECK (homeward.dna_sample_visible(sample_id));
CREATE POLICY unit_update ON dna_str_allele FOR UPDATE TO homeward_officer
    USING (homeward.dna_sample_visible(sample_id))
    WITH CHECK (homeward.dna_sample_visible(sample_id));
GRANT SELECT, INSERT, UPDATE ON dna_str_allele TO homeward_officer;
GRANT SELECT ON dna_str_allele TO homeward_admin;

-- a comparison is visible to the units of any sample it involves
CREATE POLICY unit_read ON dna_comparison FOR SELECT TO homeward_officer
    USING (homeward.dna_sample_visible(child_sample_id)
           OR homeward.dna_sample_visible(father_sample_id)
           OR homeward.dna_sample_visible(mother_sample_id));
CREATE POLICY unit_insert ON dna_comparison FOR INSERT TO homeward_officer
    WITH CHECK (homeward.dna_sample_visible(child_sample_id)
                OR homeward.dna_sample_visible(father_sample_id)
                OR homeward.dna_sample_visible(mother_sample_id));
CREATE POLICY unit_update ON dna_comparison FOR UPDATE TO homeward_officer
    USING (homeward.dna_sample_visible(child_sample_id)
           OR homeward.dna_sample_visible(father_sample_id)
           OR homeward.dna_sample_visible(mother_sample_id))
    WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON dna_comparison TO homeward_officer;
GRANT SELECT ON dna_comparison TO homeward_admin;

-- allele frequency tables: everyone reads, admins import.
CREATE POLICY officer_read ON allele_frequency FOR SELECT TO homeward_officer USING (true);
CREATE POLICY admin_insert ON allele_frequency FOR INSERT TO homeward_admin WITH CHECK (true);
CREATE POLICY admin_update ON allele_frequency FOR UPDATE TO homeward_admin USING (true) WITH CHECK (true);
CREATE POLICY admin_delete ON allele_frequency FOR DELETE TO homeward_admin USING (true);
GRANT SELECT ON allele_frequency TO homeward_officer;
GRANT SELECT, INSERT, UPDATE, DELETE ON allele_frequency TO homeward_admin;

-- reunion: the case's unit proposes (as themselves) and edits until sign-off;
-- the sign-off itself is checked by trigger (supervisor, not the proposer).
CREATE POLICY unit_read ON reunion FOR SELECT TO homeward_officer
    USING (EXISTS (SELECT 1 FROM abduction_case c
                    WHERE c.id = reunion.case_id AND c.unit_id = (SELECT homeward.current_unit_id())));
CREATE POLICY unit_insert ON reunion FOR INSERT TO homeward_officer
    WITH CHECK (proposed_by = (SELECT homeward.current_officer_id())
                AND EXISTS (SELECT 1 FROM abduction_case c
                             WHERE c.id = reunion.case_id AND c.unit_id = (SELECT homeward.current_unit_id())));
CREATE POLICY unit_update ON reunion FOR UPDATE TO homeward_officer
    USING (EXISTS (SELECT 1 FROM abduction_case c
                    WHERE c.id = reunion.case_id AND c.unit_id = (SELECT homeward.current_unit_id())))
    WITH CHECK (EXISTS (SELECT 1 FROM abduction_case c
                         WHERE c.id = reunion.case_id AND c.unit_id = (SELECT homeward.current_unit_id())));
GRANT SELECT, INSERT, UPDATE ON reunion TO homeward_officer;
GRANT SELECT ON reunion TO homeward_admin;

-- audit_log: admins read all (admin_read above); supervisors read all rows except
-- those of unit-restricted tables belonging to another unit.  Nobody but the
-- owner (the trigger) inserts; nobody updates or deletes.
CREATE POLICY supervisor_read ON audit_log FOR SELECT TO homeward_supervisor
    USING (table_name NOT IN ('person', 'family_member', 'contact_event', 'reunion', 'dna_sample',
                              'dna_custody_event', 'dna_str_allele', 'dna_comparison')
           OR unit_id = (SELECT homeward.current_unit_id()));
GRANT SELECT ON audit_log TO homeward_supervisor, homeward_admin;

-- change_log: everyone reads (ids and versions only); the trigger writes.
CREATE POLICY officer_read ON change_log FOR SELECT TO homeward_officer USING (true);
GRANT SELECT ON change_log TO homeward_officer, homeward_admin;

-- Append-only tables: no UPDATE/DELETE/TRUNCATE for anybody, owner included
-- (the triggers in 0003 are the guarantee for superusers).
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, verification_step
    FROM PUBLIC, homeward_officer, homeward_supervisor, homeward_admin, homeward_owner;

-- ---------------------------------------------------------------------------
-- Administration functions (SECURITY INVOKER: run them as a superuser, or as a
-- member of homeward_admin that also has CREATEROLE).
-- ---------------------------------------------------------------------------

-- Creates or updates a unit; returns its id.
CREATE FUNCTION homeward.create_unit(p_code text, p_name text, p_region text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = homeward, pg_catalog
AS $fn$
DECLARE
    v_id bigint;
BEGIN
    IF p_code IS NULL OR p_code !~ '^[A-Z][A-Z0-9]{0,15}$' THEN
        RAISE EXCEPTION 'invalid unit code "%": use 1-16 upper-case letters or digits, starting with a letter', p_code
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_name IS NULL OR btrim(p_name) = '' THEN
        RAISE EXCEPTION 'unit name must not be empty' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO homeward.unit (code, name, region)
    VALUES (p_code, btrim(p_name), nullif(btrim(p_region), ''))
    ON CONFLICT (code) DO UPDATE
        SET name = EXCLUDED.name, region = coalesce(EXCLUDED.region, homeward.unit.region)
    RETURNING id INTO v_id;
    RETURN v_id;
END
$fn$;

-- Creates the login role if missing (no password: set it with ALTER ROLE ... PASSWORD),
-- makes it a member of exactly one homeward group role, and upserts the officer
-- row (re-activating it).  Returns the officer id.  p_unit_code may be NULL for admins.
CREATE FUNCTION homeward.create_officer(p_login text, p_display_name text, p_unit_code text, p_role text)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = homeward, pg_catalog
AS $fn$
DECLARE
    v_unit bigint;
    v_id   bigint;
    v_grp  text;
BEGIN
    IF p_login IS NULL OR p_login !~ '^[a-z_][a-z0-9_]{0,62}$' THEN
        RAISE EXCEPTION 'invalid login "%": use 1-63 lower-case letters, digits or "_", not starting with a digit', p_login
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_login LIKE 'pg\_%' OR p_login LIKE 'homeward\_%' THEN
        RAISE EXCEPTION 'login "%" is reserved', p_login USING ERRCODE = 'reserved_name';
    END IF;
    IF p_role IS NULL OR p_role NOT IN ('officer', 'supervisor', 'admin') THEN
        RAISE EXCEPTION 'invalid role "%": use officer, supervisor or admin', p_role
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_display_name IS NULL OR btrim(p_display_name) = '' THEN
        RAISE EXCEPTION 'display name must not be empty' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_unit_code IS NOT NULL THEN
        SELECT id INTO v_unit FROM homeward.unit WHERE code = p_unit_code;
        IF v_unit IS NULL THEN
            RAISE EXCEPTION 'unknown unit "%"', p_unit_code USING ERRCODE = 'invalid_parameter_value';
        END IF;
    ELSIF p_role <> 'admin' THEN
        RAISE EXCEPTION 'an % needs a unit', p_role USING ERRCODE = 'invalid_parameter_value';
    END IF;

    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
        EXECUTE format('CREATE ROLE %I LOGIN', p_login);
    ELSIF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login AND rolsuper) THEN
        RAISE EXCEPTION 'role "%" is a superuser and cannot be an officer', p_login
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    FOREACH v_grp IN ARRAY ARRAY['homeward_officer', 'homeward_supervisor', 'homeward_admin'] LOOP
        IF v_grp <> 'homeward_' || p_role AND EXISTS (
               SELECT 1 FROM pg_auth_members m
                WHERE m.roleid = v_grp::regrole AND m.member = p_login::regrole) THEN
            EXECUTE format('REVOKE %I FROM %I', v_grp, p_login);
        END IF;
    END LOOP;
    IF NOT EXISTS (SELECT 1 FROM pg_auth_members m
                    WHERE m.roleid = ('homeward_' || p_role)::regrole AND m.member = p_login::regrole) THEN
        EXECUTE format('GRANT %I TO %I', 'homeward_' || p_role, p_login);
    END IF;

    INSERT INTO homeward.officer (login, display_name, unit_id, role, active)
    VALUES (p_login, btrim(p_display_name), v_unit, p_role, true)
    ON CONFLICT (login) DO UPDATE
        SET display_name = EXCLUDED.display_name, unit_id = EXCLUDED.unit_id,
            role = EXCLUDED.role, active = true
    RETURNING id INTO v_id;
    RETURN v_id;
END
$fn$;

REVOKE ALL ON FUNCTION homeward.create_unit(text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION homeward.create_officer(text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION homeward.create_unit(text, text, text) TO homeward_admin;
GRANT EXECUTE ON FUNCTION homeward.create_officer(text, text, text, text) TO homeward_admin;

RESET ROLE;
