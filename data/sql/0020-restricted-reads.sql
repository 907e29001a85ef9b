-- Homeward schema v1, part 20: family contact details and DNA results are
-- read through the database's own functions, by whom DESIGN.md says, and
-- every read is logged (issue 13).
--
--   * Who may read them: the officer assigned to the case and the
--     supervisors of its unit, and administrators
--     (homeward.family_details_visible).  The other officers of the unit see
--     that a relative exists, the relationship, the consents and whether a
--     DNA sample was given; that contact details exist, not what they are.
--     Another unit sees none of it (row security, 0002).
--
--   * What is restricted: a relative's phone and address; the family
--     contact log; the STR profiles and the labs' conclusions and figures;
--     the outcome and notes of the verification steps that carry DNA results
--     and family identifications.  Nobody selects these columns from the
--     tables (column privileges); they come from the functions below,
--     SECURITY DEFINER, which apply the rule and append each read to
--     access_log: who, when, which case, what.  A read repeated by the same
--     login within a minute (a page reloading after someone's change) is
--     logged once.
--
--   * Writing them: a relative's contact details are changed only by those
--     who may read them (save_family_member, and a trigger for the rest).
--
--   * Search: a phone number or an address finds a case only for those who
--     may read its contact details; the relatives' names stay searchable by
--     the unit (0007).

SET LOCAL ROLE homeward_owner;
SET LOCAL search_path = pg_catalog, homeward, pg_temp;

-- ---------------------------------------------------------------------------
-- Who may read a case's family contact details and DNA results.
-- ---------------------------------------------------------------------------
CREATE FUNCTION homeward.family_details_visible(p_case_id bigint)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
    SELECT p_case_id IS NOT NULL
       AND (homeward.is_superuser()
            OR homeward.is_admin()
            OR EXISTS (SELECT 1 FROM homeward.abduction_case c
                        WHERE c.id = p_case_id
                          AND c.unit_id = homeward.current_unit_id()
                          AND (homeward.is_supervisor()
                               OR c.assigned_officer_id = homeward.current_officer_id())))
$fn$;
GRANT EXECUTE ON FUNCTION homeward.family_details_visible(bigint) TO homeward_officer, homeward_admin;

-- DNA results already follow that rule (homeward.dna_result_visible, 0014).

-- ---------------------------------------------------------------------------
-- The access log: append-only, written by the functions below alone.
-- ---------------------------------------------------------------------------
CREATE TABLE homeward.access_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    db_role     text NOT NULL DEFAULT session_user,
    officer_id  bigint,           -- no FK: the log must outlive anything
    case_id     bigint NOT NULL,
    unit_id     bigint,           -- the case's unit (for its supervisors)
    what        text NOT NULL CHECK (what IN ('family_contacts', 'contact_log', 'dna_results',
                                              'dna_profiles', 'restricted_steps', 'family_search'))
);
CREATE INDEX access_log_case_idx ON homeward.access_log (case_id, at DESC);
CREATE INDEX access_log_recent_idx ON homeward.access_log (db_role, case_id, what, at DESC);

ALTER TABLE homeward.access_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE homeward.access_log FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON homeward.access_log TO homeward_owner USING (true) WITH CHECK (true);
CREATE POLICY admin_read ON homeward.access_log FOR SELECT TO homeward_admin USING (true);
CREATE POLICY supervisor_read ON homeward.access_log FOR SELECT TO homeward_supervisor
    USING (unit_id = (SELECT homeward.current_unit_id()));
REVOKE ALL ON homeward.access_log FROM PUBLIC;
GRANT SELECT ON homeward.access_log TO homeward_supervisor, homeward_admin;
REVOKE UPDATE, DELETE, TRUNCATE ON homeward.access_log
    FROM homeward_officer, homeward_supervisor, homeward_admin, homeward_owner;
CREATE TRIGGER hw_00_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON homeward.access_log
    FOR EACH STATEMENT EXECUTE FUNCTION homeward.tg_append_only();
ALTER TABLE homeward.access_log ENABLE ALWAYS TRIGGER hw_00_append_only;

-- Appends a read of case p_case_id, unless this login logged the same read
-- of the same case within the last minute.
CREATE FUNCTION homeward.log_access(p_case_id bigint, p_what text)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
BEGIN
    IF p_case_id IS NULL OR EXISTS (
           SELECT 1 FROM homeward.access_log a
            WHERE a.db_role = session_user AND a.case_id = p_case_id AND a.what = p_what
              AND a.at > now() - interval '1 minute') THEN
        RETURN;
    END IF;
    INSERT INTO homeward.access_log (officer_id, case_id, unit_id, what)
    SELECT homeward.current_officer_id(), p_case_id, c.unit_id, p_what
      FROM homeward.abduction_case c WHERE c.id = p_case_id;
END
$fn$;
REVOKE EXECUTE ON FUNCTION homeward.log_access(bigint, text) FROM PUBLIC;

-- ---------------------------------------------------------------------------
-- Reading: the functions, each logging what it gave.
-- ---------------------------------------------------------------------------

-- Whether each relative of a case has contact details recorded, without
-- them (nothing read, nothing logged): the unit's officers see that they
-- exist.
CREATE FUNCTION homeward.family_contact_state(p_case_id bigint)
RETURNS TABLE (family_member_id bigint, has_contact boolean)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
    SELECT fm.id, coalesce(btrim(fm.phone), '') <> '' OR coalesce(btrim(fm.address), '') <> ''
      FROM homeward.family_member fm
      JOIN homeward.abduction_case c ON c.id = fm.case_id
     WHERE fm.case_id = p_case_id
       AND (c.unit_id = homeward.current_unit_id() OR homeward.is_admin() OR homeward.is_superuser())
$fn$;

-- The relatives of a case the caller's unit may see, each with whether
-- contact details are recorded (family_contact_state) and, for those who
-- may read them, what.
CREATE FUNCTION homeward.read_family_contacts(p_case_id bigint)
RETURNS TABLE (family_member_id bigint, has_contact boolean, visible boolean, phone text, address text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
DECLARE
    v_visible boolean := homeward.family_details_visible(p_case_id);
BEGIN
    RETURN QUERY
        SELECT st.family_member_id, st.has_contact, v_visible,
               CASE WHEN v_visible THEN fm.phone END,
               CASE WHEN v_visible THEN fm.address END
          FROM homeward.family_contact_state(p_case_id) st
          JOIN homeward.family_member fm ON fm.id = st.family_member_id;
    IF v_visible AND FOUND THEN
        PERFORM homeward.log_access(p_case_id, 'family_contacts');
    END IF;
END
$fn$;

-- The family contact log of a case, for those who may read it.
CREATE FUNCTION homeward.read_contact_log(p_case_id bigint)
RETURNS TABLE (id bigint, family_member_id bigint, occurred_at timestamptz, officer_id bigint,
               channel text, summary text, outcome text, next_step text, created_at timestamptz)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
BEGIN
    IF NOT homeward.family_details_visible(p_case_id) THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT e.id, e.family_member_id, e.occurred_at, e.officer_id, e.channel, e.summary, e.outcome,
               e.next_step, e.created_at
          FROM homeward.contact_event e
         WHERE e.case_id = p_case_id;
    IF FOUND THEN
        PERFORM homeward.log_access(p_case_id, 'contact_log');
    END IF;
END
$fn$;

-- The DNA samples of a case: its relatives' and those of the found child
-- matched to it.
CREATE FUNCTION homeward.case_dna_samples(p_case_id bigint)
RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
    SELECT s.id FROM homeward.family_member fm JOIN homeward.dna_sample s ON s.family_member_id = fm.id
     WHERE fm.case_id = p_case_id
    UNION
    SELECT s.id FROM homeward.found_child f JOIN homeward.dna_sample s ON s.found_child_id = f.id
     WHERE f.matched_case_id = p_case_id
$fn$;
REVOKE EXECUTE ON FUNCTION homeward.case_dna_samples(bigint) FROM PUBLIC;

-- The labs' comparisons involving a case's samples, for those who may read them.
CREATE FUNCTION homeward.read_dna_results(p_case_id bigint)
RETURNS TABLE (id bigint, child_sample_id bigint, father_sample_id bigint, mother_sample_id bigint,
               conclusion text, combined_index numeric, probability numeric, computed_index numeric,
               reported_at timestamptz, report_reference text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
BEGIN
    IF NOT homeward.family_details_visible(p_case_id) THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT d.id, d.child_sample_id, d.father_sample_id, d.mother_sample_id, d.conclusion,
               d.combined_index, d.probability, d.computed_index, d.reported_at, d.report_reference
          FROM homeward.dna_comparison d
         WHERE d.id IN (SELECT x.id FROM homeward.dna_comparison x
                          JOIN homeward.case_dna_samples(p_case_id) cs (sample_id)
                            ON cs.sample_id IN (x.child_sample_id, x.father_sample_id, x.mother_sample_id));
    IF FOUND THEN
        PERFORM homeward.log_access(p_case_id, 'dna_results');
    END IF;
END
$fn$;

-- The STR profiles of a case's samples, for those who may read them.
CREATE FUNCTION homeward.read_dna_profiles(p_case_id bigint)
RETURNS TABLE (sample_id bigint, locus text, allele1 numeric, allele2 numeric)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
BEGIN
    IF NOT homeward.family_details_visible(p_case_id) THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT a.sample_id, a.locus, a.allele1, a.allele2
          FROM homeward.case_dna_samples(p_case_id) cs (sample_id)
          JOIN homeward.dna_str_allele a ON a.sample_id = cs.sample_id;
    IF FOUND THEN
        PERFORM homeward.log_access(p_case_id, 'dna_profiles');
    END IF;
END
$fn$;

-- The case a verification step is about: its own, or its link's.
CREATE FUNCTION homeward.step_case_id(p_case_id bigint, p_link_id bigint)
RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
    SELECT coalesce(p_case_id, (SELECT l.case_id FROM homeward.case_link l WHERE l.id = p_link_id))
$fn$;
REVOKE EXECUTE ON FUNCTION homeward.step_case_id(bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION homeward.step_case_id(bigint, bigint) TO homeward_officer, homeward_admin;

-- Whether the caller may read the outcome and notes of a step of this kind
-- on this case (NULL: a step on a sighting alone): those of a DNA result or
-- a family identification are for those who may read the case's family
-- details; on a sighting alone, for the officer who recorded it, the
-- supervisors of their unit and administrators.
CREATE FUNCTION homeward.step_text_visible(p_kind text, p_case_id bigint, p_performed_by bigint)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
    SELECT p_kind NOT IN ('dna_result', 'family_identification')
        OR (p_case_id IS NOT NULL AND homeward.family_details_visible(p_case_id))
        OR (p_case_id IS NULL
            AND (p_performed_by = homeward.current_officer_id()
                 OR homeward.is_admin() OR homeward.is_superuser()
                 OR (homeward.is_supervisor()
                     AND EXISTS (SELECT 1 FROM homeward.officer o
                                  WHERE o.id = p_performed_by AND o.unit_id = homeward.current_unit_id()))))
$fn$;
REVOKE EXECUTE ON FUNCTION homeward.step_text_visible(text, bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION homeward.step_text_visible(text, bigint, bigint) TO homeward_officer, homeward_admin;

-- The outcome and notes of verification steps, where the caller may read
-- them (restricted is true for the others, and the texts are NULL).
CREATE FUNCTION homeward.read_step_texts(p_step_ids bigint[])
RETURNS TABLE (step_id bigint, outcome text, notes text, restricted boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
DECLARE
    v_case bigint;
BEGIN
    RETURN QUERY
        SELECT v.id,
               CASE WHEN r.shown THEN v.outcome END,
               CASE WHEN r.shown THEN v.notes END,
               NOT r.shown
          FROM homeward.verification_step v
         CROSS JOIN LATERAL (
               SELECT homeward.step_text_visible(v.kind, homeward.step_case_id(v.case_id, v.link_id),
                                                 v.performed_by) AS shown) r
         WHERE v.id = ANY (p_step_ids);
    FOR v_case IN SELECT DISTINCT homeward.step_case_id(v.case_id, v.link_id)
                    FROM homeward.verification_step v
                   WHERE v.id = ANY (p_step_ids) AND v.kind IN ('dna_result', 'family_identification')
                     AND homeward.family_details_visible(homeward.step_case_id(v.case_id, v.link_id)) LOOP
        PERFORM homeward.log_access(v_case, 'restricted_steps');
    END LOOP;
END
$fn$;

GRANT EXECUTE ON FUNCTION homeward.read_family_contacts(bigint), homeward.family_contact_state(bigint),
                          homeward.read_contact_log(bigint),
                          homeward.read_dna_results(bigint), homeward.read_dna_profiles(bigint),
                          homeward.read_step_texts(bigint[])
    TO homeward_officer, homeward_admin;

-- ---------------------------------------------------------------------------
-- Importing a lab's STR profiles: a locus already recorded takes the new
-- alleles, which the importer may not select from the table; so the import
-- is the database's.  The samples named by lab reference p_refs that the
-- caller's unit sees; every one of them must be one whose results the
-- caller may record (42501 otherwise, and nothing is written); a superuser
-- (an administrator's import) writes any.  Returns one row per locus
-- written.
-- ---------------------------------------------------------------------------
CREATE FUNCTION homeward.import_str_profiles(p_refs text[], p_loci text[], p_allele1 numeric[],
                                             p_allele2 numeric[])
RETURNS SETOF bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
DECLARE
    v_ref text;
BEGIN
    SELECT s.lab_reference INTO v_ref
      FROM homeward.dna_sample s
     WHERE s.lab_reference = ANY (p_refs) AND NOT homeward.is_superuser()
       AND homeward.dna_sample_visible(s.id) AND NOT homeward.dna_result_visible(s.id)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'only the officer assigned to the case and the unit''s supervisors record the results of sample %', v_ref
            USING ERRCODE = '42501';
    END IF;
    RETURN QUERY
        INSERT INTO homeward.dna_str_allele AS a (sample_id, locus, allele1, allele2)
        SELECT s.id, x.locus, x.a1, x.a2
          FROM unnest(p_refs, p_loci, p_allele1, p_allele2) AS x (ref, locus, a1, a2)
          JOIN homeward.dna_sample s ON s.lab_reference = x.ref
         WHERE homeward.is_superuser() OR homeward.dna_sample_visible(s.id)
        ON CONFLICT (sample_id, locus) DO UPDATE
           SET allele1 = excluded.allele1, allele2 = excluded.allele2
        RETURNING a.sample_id;
END
$fn$;
REVOKE EXECUTE ON FUNCTION homeward.import_str_profiles(text[], text[], numeric[], numeric[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION homeward.import_str_profiles(text[], text[], numeric[], numeric[])
    TO homeward_officer;

-- ---------------------------------------------------------------------------
-- Writing a relative: contact details by those who may read them.
-- ---------------------------------------------------------------------------

-- Saves a relative read at versions p_version (family_member) and
-- p_person_version (person), as save-family-member.sql did, in the
-- caller's unit; the phone and address only when p_with_contact (the form
-- held them: the caller may read them).  No row when either changed since.
CREATE FUNCTION homeward.save_family_member(p_id bigint, p_version integer, p_person_version integer,
                                            p_family_name text, p_given_name text,
                                            p_family_name_latin text, p_given_name_latin text,
                                            p_relationship text, p_phone text, p_address text,
                                            p_dna_given boolean, p_consent_contact boolean,
                                            p_consent_dna boolean, p_consent_publish boolean,
                                            p_with_contact boolean)
RETURNS TABLE (id bigint, version integer, person_version integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
DECLARE
    m homeward.family_member%ROWTYPE;
    p homeward.person%ROWTYPE;
    v_version integer;
    v_person_version integer;
BEGIN
    SELECT fm.* INTO m FROM homeward.family_member fm
      JOIN homeward.abduction_case c ON c.id = fm.case_id
     WHERE fm.id = p_id AND c.unit_id = homeward.current_unit_id()
       FOR UPDATE OF fm;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    SELECT * INTO p FROM homeward.person WHERE person.id = m.person_id FOR UPDATE;
    IF m.version <> p_version OR p.version <> p_person_version THEN
        RETURN;
    END IF;
    IF p_with_contact AND NOT homeward.family_details_visible(m.case_id) THEN
        RAISE EXCEPTION 'only the officer assigned to the case and the unit''s supervisors change a relative''s contact details'
            USING ERRCODE = '42501';
    END IF;

    v_version := m.version;
    IF (m.relationship, m.dna_given, m.consent_contact, m.consent_dna, m.consent_publish)
       IS DISTINCT FROM (p_relationship, p_dna_given, p_consent_contact, p_consent_dna, p_consent_publish)
       OR (p_with_contact AND (m.phone, m.address) IS DISTINCT FROM (p_phone, p_address)) THEN
        UPDATE homeward.family_member fm
           SET relationship = p_relationship,
               dna_given = p_dna_given,
               consent_contact = p_consent_contact,
               consent_dna = p_consent_dna,
               consent_publish = p_consent_publish,
               phone = CASE WHEN p_with_contact THEN p_phone ELSE fm.phone END,
               address = CASE WHEN p_with_contact THEN p_address ELSE fm.address END
         WHERE fm.id = p_id
        RETURNING fm.version INTO v_version;
    END IF;

    v_person_version := p.version;
    IF (p.family_name, p.given_name, p.family_name_latin, p.given_name_latin)
       IS DISTINCT FROM (p_family_name, p_given_name, p_family_name_latin, p_given_name_latin) THEN
        UPDATE homeward.person
           SET family_name = p_family_name, given_name = p_given_name,
               family_name_latin = p_family_name_latin, given_name_latin = p_given_name_latin
         WHERE person.id = m.person_id
        RETURNING person.version INTO v_person_version;
    END IF;

    RETURN QUERY SELECT p_id, v_version, v_person_version;
END
$fn$;
REVOKE EXECUTE ON FUNCTION homeward.save_family_member(bigint, integer, integer, text, text, text, text, text,
                                                       text, text, boolean, boolean, boolean, boolean, boolean)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION homeward.save_family_member(bigint, integer, integer, text, text, text, text, text,
                                                      text, text, boolean, boolean, boolean, boolean, boolean)
    TO homeward_officer;

-- Any other change of the contact details (psql): by those who may read them.
CREATE FUNCTION homeward.tg_family_contact_writer()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
BEGIN
    IF (NEW.phone, NEW.address) IS DISTINCT FROM (OLD.phone, OLD.address)
       AND NOT homeward.family_details_visible(OLD.case_id) THEN
        RAISE EXCEPTION 'only the officer assigned to the case and the unit''s supervisors change a relative''s contact details'
            USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END
$fn$;
CREATE TRIGGER hw_22_contact_writer BEFORE UPDATE ON homeward.family_member
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_family_contact_writer();

-- ---------------------------------------------------------------------------
-- Search: the relatives' names for the unit, their phones and addresses for
-- those who may read them.
-- ---------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION homeward.search_family_cases(p_text text)
RETURNS bigint[]
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
DECLARE
    q       tsquery := homeward.cjk_query(p_text);
    v_found bigint[];
    v_case  bigint;
BEGIN
    IF q IS NULL OR NOT homeward.search_reaches_family(p_text) THEN
        RETURN '{}';
    END IF;
    -- The unit's cases the whole family text finds, and which of them the
    -- relatives' names alone find.  A case found by a phone number or an
    -- address only is for those who may read them, and logged.
    SELECT coalesce(array_agg(f.case_id), '{}') INTO v_found
      FROM homeward.case_family_key f
     WHERE f.search @@ q
       AND (homeward.is_admin() OR homeward.is_superuser() OR f.unit_id = homeward.current_unit_id());
    FOR v_case IN
        SELECT x.case_id FROM unnest(v_found) AS x (case_id)
         WHERE NOT coalesce((SELECT homeward.tsvector_agg(p.search) FROM homeward.family_member fm
                               JOIN homeward.person p ON p.id = fm.person_id
                              WHERE fm.case_id = x.case_id) @@ q, false) LOOP
        IF homeward.family_details_visible(v_case) THEN
            PERFORM homeward.log_access(v_case, 'family_search');
        ELSE
            v_found := array_remove(v_found, v_case);
        END IF;
    END LOOP;
    RETURN v_found;
END
$fn$;

-- search_cases() calls the above: no longer STABLE either.
ALTER FUNCTION homeward.search_cases(text) VOLATILE;

-- ---------------------------------------------------------------------------
-- Column privileges: what may be selected from the tables themselves.
-- ---------------------------------------------------------------------------
REVOKE SELECT ON homeward.family_member FROM homeward_officer, homeward_admin;
GRANT SELECT (id, created_at, updated_at, version, case_id, person_id, relationship, dna_given,
              consent_contact, consent_dna, consent_publish, updated_by)
    ON homeward.family_member TO homeward_officer, homeward_admin;

REVOKE SELECT ON homeward.contact_event FROM homeward_officer, homeward_admin;
GRANT SELECT (id, created_at, updated_at, version, case_id, family_member_id)
    ON homeward.contact_event TO homeward_officer, homeward_admin;

REVOKE SELECT ON homeward.dna_str_allele FROM homeward_officer, homeward_admin;
GRANT SELECT (id, created_at, updated_at, version, sample_id, locus)
    ON homeward.dna_str_allele TO homeward_officer, homeward_admin;

REVOKE SELECT ON homeward.dna_comparison FROM homeward_officer, homeward_admin;
GRANT SELECT (id, created_at, updated_at, version, child_sample_id, father_sample_id, mother_sample_id,
              reported_at)
    ON homeward.dna_comparison TO homeward_officer, homeward_admin;

REVOKE SELECT ON homeward.verification_step FROM homeward_officer, homeward_admin;
GRANT SELECT (id, created_at, updated_at, sighting_id, link_id, case_id, kind, performed_by, performed_at,
              corrects_step_id)
    ON homeward.verification_step TO homeward_officer, homeward_admin;

-- The audit log holds whole rows: its family, contact and DNA rows are for
-- the unit's supervisors (0002), who may read them anyway; so are now the
-- rows of identification and DNA steps (0002 let every supervisor read
-- every step's row).
DROP POLICY supervisor_read ON homeward.audit_log;
CREATE POLICY supervisor_read ON homeward.audit_log FOR SELECT TO homeward_supervisor
    USING ((table_name NOT IN ('person', 'family_member', 'contact_event', 'reunion', 'dna_sample',
                               'dna_custody_event', 'dna_str_allele', 'dna_comparison')
            OR unit_id = (SELECT homeward.current_unit_id()))
           AND (table_name <> 'verification_step'
                OR coalesce(new_row, old_row) ->> 'kind' NOT IN ('dna_result', 'family_identification')
                OR homeward.step_text_visible(coalesce(new_row, old_row) ->> 'kind',
                                              homeward.step_case_id((coalesce(new_row, old_row) ->> 'case_id')::bigint,
                                                                    (coalesce(new_row, old_row) ->> 'link_id')::bigint),
                                              (coalesce(new_row, old_row) ->> 'performed_by')::bigint)));

RESET ROLE;
