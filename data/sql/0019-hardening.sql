-- Homeward schema v1, part 19: the database as the last line against a
-- hostile officer (issue 13).  An officer has psql and their own login;
-- whatever the app does not offer, this schema must refuse.
--
--   * Privileged code resolves nothing the caller can create.  Every
--     function runs with search_path = pg_catalog, homeward, pg_temp:
--     pg_catalog first, so a temporary table named like a catalog table
--     is never taken for it, and pg_temp named last, so it is not searched
--     first (it is, when left out).  Catalog relations in function bodies
--     are written pg_catalog.x (rewritten below for the older parts).  The
--     few SQL functions the planner inlines into queries (the inbox's and
--     the case list's sort keys) have SQL-standard bodies instead: their
--     names are bound when they are created and nothing is looked up when
--     they run, and a SET clause would stop the inlining.  Officers get no
--     TEMP on the database and no CREATE on schema public.
--
--   * Who did an act, and when, belongs to the database.  On INSERT the
--     triggers below set the acting officer from the session and the time
--     from now(), whatever the statement says; afterwards these columns do
--     not change (HW012):
--       every table         created_at (now), updated_at (now; on updates 0003)
--       abduction_case,     status_changed_at (now, when the status changes)
--       sighting
--       case_link           linked_by, linked_at; withdrawn_by, withdrawn_at
--                           (new: who withdrew it, set on the withdrawal)
--       contact_event       officer_id (who recorded it)
--       verification_step   performed_by, performed_at
--       dna_sample          collected_by
--       dna_custody_event   officer_id
--       reunion             proposed_by; signed_off_by/at only by the
--                           signing supervisor (0003)
--     Times an officer records of a past act are theirs to give, within a
--     bound: contact_event.occurred_at, dna_sample.collected_at and
--     dna_custody_event.occurred_at may lie in the past (a visit logged the
--     next day) but not more than five minutes ahead of the server's clock
--     (HW013), and are fixed once recorded; so are when a tip was received
--     and when the child was seen (sighting.received_at, observed_at: a
--     call taken down after the fact), which set the triage deadline; the row's created_at and its
--     officer say when and by whom it was recorded.  A superuser (a data
--     migration) may give every column itself.
--
--   * Evidence is immutable.  A photo is append-only (its content, hashes
--     and owner never change) and its sha256 is computed again on insert
--     and must match (HW014).  A link's sighting and case never change, a
--     withdrawn link stays withdrawn, and a link is withdrawn by the case's
--     own unit.  A custody event is append-only.  The lab's figures of a
--     DNA comparison never change.  Repost groups are kept by the database
--     alone.  A sighting's reported content is fixed: officers change its
--     status, reason and priority only, and its assignee only through
--     claim_sighting() and assign_sighting().
--
-- New SQLSTATEs (see part 3):
--   HW012  who did an act, when, or what the evidence is cannot be changed
--   HW013  a recorded act cannot lie in the future
--   HW014  a photo's sha256 does not match its content

SET LOCAL ROLE homeward_owner;
SET LOCAL search_path = pg_catalog, homeward, pg_temp;

-- ---------------------------------------------------------------------------
-- Functions the planner inlines: SQL-standard bodies, bound at creation.
-- ---------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION homeward.priority_rank(p_priority text)
RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (CASE p_priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END)::smallint;

CREATE OR REPLACE FUNCTION homeward.sighting_in_inbox(p_status text)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN p_status IN ('new', 'triaged', 'verifying');

CREATE OR REPLACE FUNCTION homeward.sighting_shown_in_inbox(p_id bigint, p_status text, p_group_id bigint,
                                                            p_received_at timestamptz)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
RETURN p_status IN ('new', 'triaged', 'verifying')
       AND (p_group_id IS NULL
            OR NOT EXISTS (SELECT 1 FROM homeward.sighting o
                            WHERE o.repost_group_id = p_group_id
                              AND o.status IN ('new', 'triaged', 'verifying')
                              AND (o.received_at, o.id) > (p_received_at, p_id)));

CREATE OR REPLACE FUNCTION homeward.case_status_rank(p_status text)
RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN array_position(ARRAY['open', 'investigating', 'located', 'reunited', 'cold', 'closed'], p_status);

-- ---------------------------------------------------------------------------
-- Catalog relations named in function bodies: qualified with pg_catalog.
-- ---------------------------------------------------------------------------
DO $qualify$
DECLARE
    v_names text := (SELECT string_agg(c.relname, '|' ORDER BY length(c.relname) DESC)
                       FROM pg_catalog.pg_class c
                      WHERE c.relnamespace = 'pg_catalog'::pg_catalog.regnamespace
                        AND c.relkind IN ('r', 'v', 'm', 'p', 'f'));
    f record;
    v_src text;
BEGIN
    FOR f IN SELECT p.oid, p.prosrc FROM pg_catalog.pg_proc p
              WHERE p.pronamespace = 'homeward'::pg_catalog.regnamespace
                AND p.prokind IN ('f', 'p') AND p.prosqlbody IS NULL LOOP
        v_src := regexp_replace(f.prosrc, '(?<![.\w"])(' || v_names || ')(?![\w"])', 'pg_catalog.\1', 'g');
        IF v_src <> f.prosrc THEN
            EXECUTE replace(pg_catalog.pg_get_functiondef(f.oid), f.prosrc, v_src);
        END IF;
    END LOOP;
END
$qualify$;

-- ---------------------------------------------------------------------------
-- Nothing for officers to create: no temporary objects, nothing in public.
-- (As the database's owner or a superuser, which the migration runner is.)
-- ---------------------------------------------------------------------------
RESET ROLE;
DO $create$
BEGIN
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
END
$create$;
SET LOCAL ROLE homeward_owner;

-- ---------------------------------------------------------------------------
-- When a row was recorded: the database's clock.  (On an update the version
-- bump of 0003 keeps created_at and sets updated_at; the tables without a
-- version are append-only.)
-- ---------------------------------------------------------------------------
CREATE FUNCTION homeward.tg_row_times()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
BEGIN
    IF NOT homeward.is_superuser() THEN
        NEW.created_at := now();
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END
$fn$;

-- The time of an act an officer records after the fact: not in the future.
CREATE FUNCTION homeward.check_act_time(p_at timestamptz, p_what text)
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
BEGIN
    IF p_at > now() + interval '5 minutes' THEN
        RAISE EXCEPTION '% cannot lie in the future (%)', p_what, p_at
            USING ERRCODE = 'HW013', HINT = 'Give the time it happened, today or earlier.';
    END IF;
END
$fn$;

CREATE FUNCTION homeward.refuse_change(p_table text, p_column text)
RETURNS void
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
BEGIN
    RAISE EXCEPTION '%.% cannot be changed once recorded', p_table, p_column
        USING ERRCODE = 'HW012', HINT = 'Record a correction as a new row.';
END
$fn$;

-- ---------------------------------------------------------------------------
-- Status changes: their time is the database's.
-- ---------------------------------------------------------------------------
CREATE FUNCTION homeward.tg_status_changed_at()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT homeward.is_superuser() THEN
            NEW.status_changed_at := now();
        END IF;
    ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
        NEW.status_changed_at := now();
    ELSE
        NEW.status_changed_at := OLD.status_changed_at;
    END IF;
    RETURN NEW;
END
$fn$;

-- ---------------------------------------------------------------------------
-- Links: who linked, when; the ends never move; withdrawn once, by whom.
-- ---------------------------------------------------------------------------
ALTER TABLE homeward.case_link ADD COLUMN withdrawn_by bigint REFERENCES homeward.officer (id);
ALTER TABLE homeward.case_link ADD COLUMN withdrawn_at timestamptz;

CREATE FUNCTION homeward.tg_case_link_acts()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT homeward.is_superuser() THEN
            NEW.linked_by := homeward.current_officer_id();
            NEW.linked_at := now();
            NEW.state := 'active';
            NEW.withdrawn_reason := NULL;
            NEW.withdrawn_by := NULL;
            NEW.withdrawn_at := NULL;
        END IF;
        RETURN NEW;
    END IF;

    IF NEW.sighting_id IS DISTINCT FROM OLD.sighting_id THEN
        PERFORM homeward.refuse_change('case_link', 'sighting_id');
    ELSIF NEW.case_id IS DISTINCT FROM OLD.case_id THEN
        PERFORM homeward.refuse_change('case_link', 'case_id');
    ELSIF NEW.linked_by IS DISTINCT FROM OLD.linked_by THEN
        PERFORM homeward.refuse_change('case_link', 'linked_by');
    ELSIF NEW.linked_at IS DISTINCT FROM OLD.linked_at THEN
        PERFORM homeward.refuse_change('case_link', 'linked_at');
    ELSIF NEW.rationale IS DISTINCT FROM OLD.rationale THEN
        PERFORM homeward.refuse_change('case_link', 'rationale');
    END IF;

    IF OLD.state = 'withdrawn' THEN
        IF NEW.state IS DISTINCT FROM OLD.state OR NEW.withdrawn_reason IS DISTINCT FROM OLD.withdrawn_reason
           OR NEW.withdrawn_by IS DISTINCT FROM OLD.withdrawn_by
           OR NEW.withdrawn_at IS DISTINCT FROM OLD.withdrawn_at THEN
            RAISE EXCEPTION 'link % is withdrawn and stays so', OLD.id
                USING ERRCODE = 'HW012', HINT = 'Link the sighting to the case again.';
        END IF;
    ELSIF NEW.state = 'withdrawn' THEN
        NEW.withdrawn_by := homeward.current_officer_id();
        NEW.withdrawn_at := now();
    ELSIF NEW.withdrawn_by IS NOT NULL OR NEW.withdrawn_at IS NOT NULL OR NEW.withdrawn_reason IS NOT NULL THEN
        PERFORM homeward.refuse_change('case_link', 'withdrawn_by');
    END IF;
    RETURN NEW;
END
$fn$;

-- Withdrawing (or changing the confidence of) a link is for the case's unit.
DROP POLICY officer_update ON homeward.case_link;
CREATE POLICY unit_update ON homeward.case_link FOR UPDATE TO homeward_officer
    USING (EXISTS (SELECT 1 FROM homeward.abduction_case c WHERE c.id = case_link.case_id
                     AND c.unit_id = (SELECT homeward.current_unit_id())))
    WITH CHECK (EXISTS (SELECT 1 FROM homeward.abduction_case c WHERE c.id = case_link.case_id
                          AND c.unit_id = (SELECT homeward.current_unit_id())));
DROP POLICY officer_insert ON homeward.case_link;
CREATE POLICY officer_insert ON homeward.case_link FOR INSERT TO homeward_officer
    WITH CHECK ((SELECT homeward.current_officer_id()) IS NOT NULL);

-- ---------------------------------------------------------------------------
-- The other acts: the acting officer from the session.
-- ---------------------------------------------------------------------------
CREATE FUNCTION homeward.tg_contact_event_acts()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT homeward.is_superuser() THEN
            NEW.officer_id := homeward.current_officer_id();
            PERFORM homeward.check_act_time(NEW.occurred_at, 'a contact with the family');
        END IF;
    ELSIF NEW.officer_id IS DISTINCT FROM OLD.officer_id THEN
        PERFORM homeward.refuse_change('contact_event', 'officer_id');
    ELSIF NEW.occurred_at IS DISTINCT FROM OLD.occurred_at THEN
        PERFORM homeward.refuse_change('contact_event', 'occurred_at');
    ELSIF NEW.case_id IS DISTINCT FROM OLD.case_id THEN
        PERFORM homeward.refuse_change('contact_event', 'case_id');
    END IF;
    RETURN NEW;
END
$fn$;

CREATE FUNCTION homeward.tg_sighting_acts()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
BEGIN
    IF NOT homeward.is_superuser() THEN
        PERFORM homeward.check_act_time(NEW.received_at, 'when a tip was received');
        PERFORM homeward.check_act_time(NEW.observed_at, 'when a child was seen');
    END IF;
    RETURN NEW;
END
$fn$;

CREATE FUNCTION homeward.tg_verification_step_acts()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
BEGIN
    IF NOT homeward.is_superuser() THEN
        NEW.performed_by := homeward.current_officer_id();
        NEW.performed_at := now();
    END IF;
    RETURN NEW;
END
$fn$;

CREATE FUNCTION homeward.tg_dna_sample_acts()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT homeward.is_superuser() THEN
            NEW.collected_by := homeward.current_officer_id();
            PERFORM homeward.check_act_time(NEW.collected_at, 'a DNA sample''s collection');
        END IF;
    ELSIF NEW.collected_by IS DISTINCT FROM OLD.collected_by THEN
        PERFORM homeward.refuse_change('dna_sample', 'collected_by');
    ELSIF NEW.collected_at IS DISTINCT FROM OLD.collected_at THEN
        PERFORM homeward.refuse_change('dna_sample', 'collected_at');
    ELSIF NEW.family_member_id IS DISTINCT FROM OLD.family_member_id THEN
        PERFORM homeward.refuse_change('dna_sample', 'family_member_id');
    ELSIF NEW.found_child_id IS DISTINCT FROM OLD.found_child_id THEN
        PERFORM homeward.refuse_change('dna_sample', 'found_child_id');
    END IF;
    RETURN NEW;
END
$fn$;

CREATE FUNCTION homeward.tg_dna_custody_event_acts()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
BEGIN
    IF NOT homeward.is_superuser() THEN
        NEW.officer_id := homeward.current_officer_id();
        PERFORM homeward.check_act_time(NEW.occurred_at, 'a custody event');
    END IF;
    RETURN NEW;
END
$fn$;

-- The lab's figures are the lab's: Homeward's own index may be added later.
CREATE FUNCTION homeward.tg_dna_comparison_evidence()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
BEGIN
    IF (NEW.child_sample_id, NEW.father_sample_id, NEW.mother_sample_id, NEW.conclusion,
        NEW.combined_index, NEW.probability, NEW.reported_at, NEW.report_reference)
       IS DISTINCT FROM
       (OLD.child_sample_id, OLD.father_sample_id, OLD.mother_sample_id, OLD.conclusion,
        OLD.combined_index, OLD.probability, OLD.reported_at, OLD.report_reference) THEN
        RAISE EXCEPTION 'the lab''s result % cannot be changed once recorded', OLD.id
            USING ERRCODE = 'HW012', HINT = 'Record the lab''s corrected report as a new result.';
    END IF;
    RETURN NEW;
END
$fn$;

CREATE FUNCTION homeward.tg_reunion_acts()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
BEGIN
    IF NOT homeward.is_superuser() THEN
        NEW.proposed_by := homeward.current_officer_id();
        IF NEW.signed_off_by IS NOT NULL OR NEW.signed_off_at IS NOT NULL THEN
            RAISE EXCEPTION 'a reunion is signed off after it is recorded, by another supervisor'
                USING ERRCODE = 'HW006';
        END IF;
    END IF;
    RETURN NEW;
END
$fn$;

-- ---------------------------------------------------------------------------
-- Photos: the stored original is evidence.
-- ---------------------------------------------------------------------------
CREATE FUNCTION homeward.tg_photo_evidence()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
BEGIN
    IF NEW.sha256 IS DISTINCT FROM sha256(NEW.content) THEN
        RAISE EXCEPTION 'the photo''s sha256 does not match its content'
            USING ERRCODE = 'HW014';
    END IF;
    RETURN NEW;
END
$fn$;

-- ---------------------------------------------------------------------------
-- Sightings: claims and assignment go through their functions.
-- ---------------------------------------------------------------------------

-- Claim (0009), now with the owner's rights: officers no longer update
-- assigned_officer_id themselves.
ALTER FUNCTION homeward.claim_sighting(bigint) SECURITY DEFINER;

-- Assigns sighting p_sighting_id, read at version p_version, to officer
-- p_officer_id (NULL: nobody).  Returns the new version, or NULL when the
-- sighting changed since.  An officer hands on a sighting that is theirs or
-- nobody's; one another officer holds is reassigned by that officer or a
-- supervisor (HW010).  Only to an active officer (HW009).
CREATE FUNCTION homeward.assign_sighting(p_sighting_id bigint, p_officer_id bigint, p_version integer)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, homeward, pg_temp
AS $fn$
DECLARE
    v_me      bigint := homeward.current_officer_id();
    v_holder  bigint;
    v_version integer;
    v_name    text;
BEGIN
    IF v_me IS NULL THEN
        RAISE EXCEPTION 'only an officer can assign a sighting' USING ERRCODE = '42501';
    END IF;
    SELECT assigned_officer_id, version INTO v_holder, v_version
      FROM homeward.sighting WHERE id = p_sighting_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'there is no sighting %', p_sighting_id USING ERRCODE = 'P0002';
    END IF;
    IF v_version IS DISTINCT FROM p_version THEN
        RETURN NULL;
    END IF;
    IF v_holder IS NOT NULL AND v_holder <> v_me AND NOT homeward.is_supervisor() THEN
        SELECT display_name INTO v_name FROM homeward.officer WHERE id = v_holder;
        RAISE EXCEPTION 'sighting % is already claimed by %', p_sighting_id, v_name
            USING ERRCODE = 'HW010', DETAIL = v_name;
    END IF;
    IF p_officer_id IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM homeward.officer o
            WHERE o.id = p_officer_id AND o.active AND o.role <> 'admin') THEN
        RAISE EXCEPTION 'officer % is not an active officer', p_officer_id
            USING ERRCODE = 'HW009', HINT = 'Assign the sighting to an active officer.';
    END IF;
    UPDATE homeward.sighting SET assigned_officer_id = p_officer_id
     WHERE id = p_sighting_id
    RETURNING version INTO v_version;
    RETURN v_version;
END
$fn$;
REVOKE EXECUTE ON FUNCTION homeward.assign_sighting(bigint, bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION homeward.assign_sighting(bigint, bigint, integer) TO homeward_officer;

-- What an officer changes of a sighting: its status (by the rules of 0009),
-- the reason, and its priority.  What was reported is fixed.
REVOKE UPDATE ON homeward.sighting FROM homeward_officer;
GRANT UPDATE (status, status_reason, priority) ON homeward.sighting TO homeward_officer;

-- Repost groups are the database's reckoning (0008).
REVOKE INSERT, UPDATE ON homeward.repost_group FROM homeward_officer;
DROP POLICY officer_insert ON homeward.repost_group;
DROP POLICY officer_update ON homeward.repost_group;

-- Photos and custody events are never updated.
REVOKE UPDATE ON homeward.photo FROM homeward_officer;
DROP POLICY owner_unit_update ON homeward.photo;

-- ---------------------------------------------------------------------------
-- Attach.  BEFORE row triggers fire in name order: the version bump (hw_10)
-- and the rules (hw_20, hw_25) come first, the acts (hw_40) see the row as
-- the rules left it, and the row times (hw_45) last.
-- ---------------------------------------------------------------------------
DO $attach$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'case_status_transition', 'sighting_status_transition',
        'unit', 'officer', 'person', 'abduction_case', 'family_member', 'contact_event',
        'repost_group', 'sighting', 'found_child', 'photo', 'case_link', 'verification_step',
        'dna_sample', 'dna_custody_event', 'dna_str_allele', 'dna_comparison', 'allele_frequency',
        'reunion'] LOOP
        IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                    WHERE a.attrelid = ('homeward.' || t)::pg_catalog.regclass
                      AND a.attname = 'created_at' AND NOT a.attisdropped) THEN
            EXECUTE format('CREATE TRIGGER hw_45_row_times BEFORE INSERT ON homeward.%I
                            FOR EACH ROW EXECUTE FUNCTION homeward.tg_row_times()', t);
        END IF;
    END LOOP;

    FOREACH t IN ARRAY ARRAY['photo', 'dna_custody_event'] LOOP
        EXECUTE format('CREATE TRIGGER hw_00_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON homeward.%I
                        FOR EACH STATEMENT EXECUTE FUNCTION homeward.tg_append_only()', t);
        EXECUTE format('ALTER TABLE homeward.%I ENABLE ALWAYS TRIGGER hw_00_append_only', t);
    END LOOP;
END
$attach$;

CREATE TRIGGER hw_40_status_changed_at BEFORE INSERT OR UPDATE ON homeward.abduction_case
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_status_changed_at();
CREATE TRIGGER hw_40_status_changed_at BEFORE INSERT OR UPDATE ON homeward.sighting
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_status_changed_at();
CREATE TRIGGER hw_40_acts BEFORE INSERT ON homeward.sighting
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_sighting_acts();
CREATE TRIGGER hw_40_acts BEFORE INSERT OR UPDATE ON homeward.case_link
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_case_link_acts();
CREATE TRIGGER hw_40_acts BEFORE INSERT OR UPDATE ON homeward.contact_event
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_contact_event_acts();
CREATE TRIGGER hw_40_acts BEFORE INSERT ON homeward.verification_step
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_verification_step_acts();
CREATE TRIGGER hw_40_acts BEFORE INSERT OR UPDATE ON homeward.dna_sample
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_dna_sample_acts();
CREATE TRIGGER hw_40_acts BEFORE INSERT ON homeward.dna_custody_event
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_dna_custody_event_acts();
CREATE TRIGGER hw_40_evidence BEFORE UPDATE ON homeward.dna_comparison
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_dna_comparison_evidence();
CREATE TRIGGER hw_05_acts BEFORE INSERT ON homeward.reunion
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_reunion_acts();
CREATE TRIGGER hw_40_evidence BEFORE INSERT ON homeward.photo
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_photo_evidence();

-- ---------------------------------------------------------------------------
-- Every function: a fixed search path, pg_temp last (the SQL-standard bodies
-- above resolve nothing at run time and keep none).
-- ---------------------------------------------------------------------------
DO $paths$
DECLARE
    f regprocedure;
BEGIN
    FOR f IN SELECT p.oid FROM pg_catalog.pg_proc p
              WHERE p.pronamespace = 'homeward'::pg_catalog.regnamespace
                AND p.prokind IN ('f', 'p') AND p.prosqlbody IS NULL LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = pg_catalog, homeward, pg_temp', f);
    END LOOP;
END
$paths$;

RESET ROLE;
