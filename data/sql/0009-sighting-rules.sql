-- Homeward schema v1, part 9: how a sighting changes hands and status.
--
--   * A status change needs a reason, or a verification step recorded on
--     the sighting (or on one of its links) since its last status change:
--     the step says why.
--   * Claiming a sighting (assigning it to oneself) happens in the
--     database, under the row's lock: of two officers claiming the same
--     sighting at once, the second is told who has it (HW010).

SET LOCAL ROLE homeward_owner;
SET LOCAL search_path = homeward, pg_catalog, public;

CREATE OR REPLACE FUNCTION homeward.tg_sighting_status()
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
    IF t.needs_reason AND coalesce(btrim(NEW.status_reason), '') = ''
       AND NOT EXISTS (SELECT 1 FROM homeward.verification_step v
                        WHERE (v.sighting_id = OLD.id
                               OR v.link_id IN (SELECT l.id FROM homeward.case_link l WHERE l.sighting_id = OLD.id))
                          AND v.performed_at >= OLD.status_changed_at) THEN
        RAISE EXCEPTION 'changing sighting % from "%" to "%" needs a reason or a verification step',
                        OLD.id, OLD.status, NEW.status
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

-- Assigns a sighting to the calling officer unless another officer has it.
-- Returns the sighting's new version.
CREATE FUNCTION homeward.claim_sighting(p_sighting_id bigint)
RETURNS integer
LANGUAGE plpgsql
SET search_path = homeward, pg_catalog
AS $fn$
DECLARE
    v_me      bigint := homeward.current_officer_id();
    v_holder  bigint;
    v_name    text;
    v_version integer;
BEGIN
    IF v_me IS NULL THEN
        RAISE EXCEPTION 'only an officer can claim a sighting' USING ERRCODE = '42501';
    END IF;

    -- the row's lock: a second claim waits here, then sees the first
    SELECT assigned_officer_id INTO v_holder
      FROM homeward.sighting WHERE id = p_sighting_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'there is no sighting %', p_sighting_id USING ERRCODE = 'P0002';
    END IF;
    IF v_holder IS NOT NULL AND v_holder <> v_me THEN
        SELECT display_name INTO v_name FROM homeward.officer WHERE id = v_holder;
        RAISE EXCEPTION 'sighting % is already claimed by %', p_sighting_id, v_name
            USING ERRCODE = 'HW010', DETAIL = v_name;
    END IF;

    UPDATE homeward.sighting SET assigned_officer_id = v_me
     WHERE id = p_sighting_id
    RETURNING version INTO v_version;

    RETURN v_version;
END
$fn$;
REVOKE EXECUTE ON FUNCTION homeward.claim_sighting(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION homeward.claim_sighting(bigint) TO homeward_officer;

RESET ROLE;
