-- Homeward schema v1, part 3: triggers.
--
-- Custom SQLSTATEs (class HW) raised here; clients map them to messages:
--   HW001  status change not allowed (message names both statuses)
--   HW002  a reason is required for this status change
--   HW003  only a supervisor may do this (close a case, re-open a sighting, sign off a reunion)
--   HW004  case cannot become reunited without a signed-off reunion
--   HW005  table is append-only (UPDATE/DELETE/TRUNCATE refused, superusers included)
--   HW006  reunion sign-off rule broken (two-person rule, sign as yourself, frozen after sign-off)
--   HW007  a child of 16 or more must have a recorded decision before sign-off
--   HW008  abduction_case.child_id / found_child.person_id must be a person of kind 'child'

SET LOCAL ROLE homeward_owner;
SET LOCAL search_path = homeward, pg_catalog, public;

-- ---------------------------------------------------------------------------
-- version / updated_at
-- ---------------------------------------------------------------------------
CREATE FUNCTION homeward.tg_bump_version()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = homeward, pg_catalog
AS $fn$
BEGIN
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
    NEW.created_at := OLD.created_at;
    RETURN NEW;
END
$fn$;

-- ---------------------------------------------------------------------------
-- Case status
-- ---------------------------------------------------------------------------
CREATE FUNCTION homeward.tg_case_status()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
DECLARE
    t homeward.case_status_transition%ROWTYPE;
BEGIN
    IF (TG_OP = 'INSERT' OR NEW.child_id IS DISTINCT FROM OLD.child_id)
       AND NOT EXISTS (SELECT 1 FROM homeward.person p WHERE p.id = NEW.child_id AND p.kind = 'child') THEN
        RAISE EXCEPTION 'person % is not recorded as a child (person.kind must be ''child'')', NEW.child_id
            USING ERRCODE = 'HW008';
    END IF;

    IF TG_OP = 'INSERT' THEN
        IF NEW.status NOT IN ('open', 'investigating') AND NOT homeward.is_superuser() THEN
            RAISE EXCEPTION 'a new case cannot start with status "%"', NEW.status
                USING ERRCODE = 'HW001', HINT = 'Create the case as open or investigating.';
        END IF;
        RETURN NEW;
    END IF;

    IF NEW.status IS NOT DISTINCT FROM OLD.status THEN
        RETURN NEW;
    END IF;

    SELECT * INTO t FROM homeward.case_status_transition
     WHERE from_status = OLD.status AND to_status = NEW.status;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'case % cannot change status from "%" to "%"', OLD.case_number, OLD.status, NEW.status
            USING ERRCODE = 'HW001';
    END IF;
    IF t.needs_reason AND coalesce(btrim(NEW.status_reason), '') = '' THEN
        RAISE EXCEPTION 'changing case % from "%" to "%" needs a reason', OLD.case_number, OLD.status, NEW.status
            USING ERRCODE = 'HW002';
    END IF;
    IF t.needs_supervisor AND NOT homeward.is_supervisor() THEN
        RAISE EXCEPTION 'only a supervisor may change case % from "%" to "%"', OLD.case_number, OLD.status, NEW.status
            USING ERRCODE = 'HW003';
    END IF;
    IF NEW.status = 'reunited' AND NOT EXISTS (
           SELECT 1 FROM homeward.reunion r WHERE r.case_id = NEW.id AND r.signed_off_by IS NOT NULL) THEN
        RAISE EXCEPTION 'case % cannot change status from "%" to "reunited" before a supervisor signs off its reunion',
              OLD.case_number, OLD.status
            USING ERRCODE = 'HW004';
    END IF;
    NEW.status_changed_at := now();
    RETURN NEW;
END
$fn$;

-- ---------------------------------------------------------------------------
-- Sighting status and triage deadline
-- ---------------------------------------------------------------------------
CREATE FUNCTION homeward.triage_interval(p_priority text)
RETURNS interval
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$
    SELECT CASE p_priority
               WHEN 'urgent' THEN interval '4 hours'
               WHEN 'high'   THEN interval '12 hours'
               WHEN 'low'    THEN interval '72 hours'
               ELSE               interval '24 hours'
           END
$fn$;

CREATE FUNCTION homeward.tg_sighting_status()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
DECLARE
    t homeward.sighting_status_transition%ROWTYPE;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.status <> 'new' AND NOT homeward.is_superuser() THEN
            RAISE EXCEPTION 'a new sighting cannot start with status "%"', NEW.status
                USING ERRCODE = 'HW001', HINT = 'Record the sighting as new, then triage it.';
        END IF;
        IF NEW.triage_deadline IS NULL THEN
            NEW.triage_deadline := NEW.received_at + homeward.triage_interval(NEW.priority);
        END IF;
        RETURN NEW;
    END IF;

    -- priority changed and deadline not set explicitly: recompute
    IF NEW.priority IS DISTINCT FROM OLD.priority
       AND NEW.triage_deadline IS NOT DISTINCT FROM OLD.triage_deadline THEN
        NEW.triage_deadline := NEW.received_at + homeward.triage_interval(NEW.priority);
    END IF;

    IF NEW.status IS NOT DISTINCT FROM OLD.status THEN
        RETURN NEW;
    END IF;

    SELECT * INTO t FROM homeward.sighting_status_transition
     WHERE from_status = OLD.status AND to_status = NEW.status;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'sighting % cannot change status from "%" to "%"', OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'HW001';
    END IF;
    IF t.needs_reason AND coalesce(btrim(NEW.status_reason), '') = '' THEN
        RAISE EXCEPTION 'changing sighting % from "%" to "%" needs a reason', OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'HW002';
    END IF;
    IF t.needs_supervisor AND NOT homeward.is_supervisor() THEN
        RAISE EXCEPTION 'only a supervisor may change sighting % from "%" to "%"', OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'HW003';
    END IF;
    NEW.status_changed_at := now();
    RETURN NEW;
END
$fn$;

-- ---------------------------------------------------------------------------
-- Reunion sign-off (two-person rule)
-- ---------------------------------------------------------------------------
CREATE FUNCTION homeward.tg_reunion_signoff()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
DECLARE
    v_birth date;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.signed_off_by IS NOT NULL THEN
            RAISE EXCEPTION 'reunion % is signed off and can no longer be changed', OLD.id
                USING ERRCODE = 'HW006';
        END IF;
        IF NEW.proposed_by IS DISTINCT FROM OLD.proposed_by OR NEW.case_id IS DISTINCT FROM OLD.case_id THEN
            RAISE EXCEPTION 'the case and proposer of reunion % cannot be changed', OLD.id
                USING ERRCODE = 'HW006';
        END IF;
    END IF;

    IF NEW.signed_off_by IS NULL THEN
        NEW.signed_off_at := NULL;
        RETURN NEW;
    END IF;

    -- a sign-off happens in this statement
    IF NOT homeward.is_superuser() THEN
        IF NOT homeward.is_supervisor() THEN
            RAISE EXCEPTION 'only a supervisor may sign off a reunion' USING ERRCODE = 'HW003';
        END IF;
        IF NEW.signed_off_by IS DISTINCT FROM homeward.current_officer_id() THEN
            RAISE EXCEPTION 'a reunion must be signed off by the signing supervisor themselves'
                USING ERRCODE = 'HW006';
        END IF;
        NEW.signed_off_at := now();
    ELSE
        NEW.signed_off_at := coalesce(NEW.signed_off_at, now());
    END IF;
    IF NEW.signed_off_by = NEW.proposed_by THEN
        RAISE EXCEPTION 'two-person rule: the officer who proposed reunion % cannot sign it off', NEW.id
            USING ERRCODE = 'HW006';
    END IF;

    SELECT p.birth_date INTO v_birth
      FROM homeward.abduction_case c JOIN homeward.person p ON p.id = c.child_id
     WHERE c.id = NEW.case_id;
    IF v_birth IS NOT NULL
       AND age(coalesce(NEW.reunited_on, current_date), v_birth) >= interval '16 years'
       AND coalesce(NEW.child_decision, 'not_applicable') = 'not_applicable' THEN
        RAISE EXCEPTION 'the child is 16 or older: record the child''s decision before sign-off'
            USING ERRCODE = 'HW007';
    END IF;
    RETURN NEW;
END
$fn$;

-- ---------------------------------------------------------------------------
-- Append-only guard (statement level: refuses even 0-row UPDATE/DELETE, and TRUNCATE)
-- ---------------------------------------------------------------------------
CREATE FUNCTION homeward.tg_append_only()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = homeward, pg_catalog
AS $fn$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'HW005', HINT = 'Record a correction as a new row.';
END
$fn$;

-- ---------------------------------------------------------------------------
-- Audit log, change log and NOTIFY (statement level, transition tables:
-- one INSERT ... SELECT per statement, so bulk loads stay fast).
-- ---------------------------------------------------------------------------

-- Unit a row belongs to, stored in audit_log.unit_id (supervisor visibility).
CREATE FUNCTION homeward.audit_unit_id(p_table text, p_row jsonb)
RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
    SELECT CASE
        WHEN p_row ? 'unit_id' THEN (p_row ->> 'unit_id')::bigint
        WHEN p_table IN ('family_member', 'contact_event', 'reunion') THEN
            (SELECT c.unit_id FROM homeward.abduction_case c WHERE c.id = (p_row ->> 'case_id')::bigint)
        WHEN p_table = 'dna_sample' THEN
            coalesce((SELECT c.unit_id FROM homeward.family_member fm
                        JOIN homeward.abduction_case c ON c.id = fm.case_id
                       WHERE fm.id = (p_row ->> 'family_member_id')::bigint),
                     (SELECT f.unit_id FROM homeward.found_child f
                       WHERE f.id = (p_row ->> 'found_child_id')::bigint))
        WHEN p_table IN ('dna_custody_event', 'dna_str_allele') THEN
            homeward.dna_sample_unit_id((p_row ->> 'sample_id')::bigint)
        WHEN p_table = 'dna_comparison' THEN
            homeward.dna_sample_unit_id((p_row ->> 'child_sample_id')::bigint)
    END
$fn$;

-- Payload: 'table:id:version' per row (version 0 on DELETE or for tables without
-- a version column).  A statement touching more than 500 rows sends one
-- 'table:0:0' instead: clients then catch up from change_log.
CREATE FUNCTION homeward.tg_record_changes()
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
    -- large image columns are logged as their length; generated columns are left out
    SELECT string_agg(CASE WHEN a.atttypid = 'bytea'::regtype AND a.attname IN ('content', 'thumbnail')
                           THEN format('octet_length(n.%I) AS %I', a.attname, a.attname || '_bytes')
                           ELSE format('n.%I', a.attname) END,
                      ', ' ORDER BY a.attnum)
      INTO v_cols
      FROM pg_attribute a
     WHERE a.attrelid = TG_RELID AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '';

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

-- ---------------------------------------------------------------------------
-- Attach
-- ---------------------------------------------------------------------------
DO $attach$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'unit', 'officer', 'person', 'abduction_case', 'family_member', 'contact_event',
        'repost_group', 'sighting', 'found_child', 'photo', 'case_link', 'dna_sample',
        'dna_str_allele', 'dna_comparison', 'allele_frequency', 'reunion'] LOOP
        EXECUTE format('CREATE TRIGGER hw_10_version BEFORE UPDATE ON homeward.%I
                        FOR EACH ROW EXECUTE FUNCTION homeward.tg_bump_version()', t);
    END LOOP;

    FOREACH t IN ARRAY ARRAY[
        'case_status_transition', 'sighting_status_transition',
        'unit', 'officer', 'person', 'abduction_case', 'family_member', 'contact_event',
        'repost_group', 'sighting', 'found_child', 'photo', 'case_link', 'verification_step',
        'dna_sample', 'dna_custody_event', 'dna_str_allele', 'dna_comparison', 'allele_frequency',
        'reunion'] LOOP
        EXECUTE format('CREATE TRIGGER hw_90_record_insert AFTER INSERT ON homeward.%I
                        REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION homeward.tg_record_changes()', t);
        EXECUTE format('CREATE TRIGGER hw_90_record_update AFTER UPDATE ON homeward.%I
                        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION homeward.tg_record_changes()', t);
        EXECUTE format('CREATE TRIGGER hw_90_record_delete AFTER DELETE ON homeward.%I
                        REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION homeward.tg_record_changes()', t);
    END LOOP;

    FOREACH t IN ARRAY ARRAY['verification_step', 'audit_log'] LOOP
        EXECUTE format('CREATE TRIGGER hw_00_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON homeward.%I
                        FOR EACH STATEMENT EXECUTE FUNCTION homeward.tg_append_only()', t);
        -- fire even with session_replication_role = replica
        EXECUTE format('ALTER TABLE homeward.%I ENABLE ALWAYS TRIGGER hw_00_append_only', t);
    END LOOP;
END
$attach$;

CREATE TRIGGER hw_20_status BEFORE INSERT OR UPDATE ON homeward.abduction_case
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_case_status();
CREATE TRIGGER hw_20_status BEFORE INSERT OR UPDATE ON homeward.sighting
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_sighting_status();
CREATE FUNCTION homeward.tg_found_child_person()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
BEGIN
    IF (TG_OP = 'INSERT' OR NEW.person_id IS DISTINCT FROM OLD.person_id)
       AND NOT EXISTS (SELECT 1 FROM homeward.person p WHERE p.id = NEW.person_id AND p.kind = 'child') THEN
        RAISE EXCEPTION 'person % is not recorded as a child (person.kind must be ''child'')', NEW.person_id
            USING ERRCODE = 'HW008';
    END IF;
    RETURN NEW;
END
$fn$;

CREATE TRIGGER hw_20_child BEFORE INSERT OR UPDATE ON homeward.found_child
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_found_child_person();
CREATE TRIGGER hw_20_signoff BEFORE INSERT OR UPDATE ON homeward.reunion
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_reunion_signoff();

RESET ROLE;
