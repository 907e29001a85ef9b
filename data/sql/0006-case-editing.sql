-- Homeward schema v1, part 6: editing a case's record from the case page.
--
--   * Who wrote a row last.  The case page tells an officer who saved the
--     case (or its child, or a relative) while they were editing it.  The
--     audit log knows, but only supervisors may read it; updated_by is on
--     the row itself, readable by whoever reads the row.  A trigger sets it
--     from the signed-in officer on every insert and update, whatever the
--     statement says, so nobody can write in someone else's name.
--   * The assigned officer.  Any officer of a case's unit may reassign the
--     case (the row-level security of part 2 lets them update it), but only
--     to an active officer of that unit: a case assigned to someone who can
--     neither see its family nor edit it would be nobody's.
--   * Removing a relative recorded by mistake.  The case's unit may delete a
--     family_member row; the foreign keys of contact_event and dna_sample
--     keep a relative who was contacted or gave a sample (the record of
--     that stays).  The relative's person row goes with them when nothing
--     else refers to it.  The audit log keeps both rows as they were.
--
-- New SQLSTATE (see part 3):
--   HW009  the assigned officer is not an active officer of the case's unit

SET LOCAL ROLE homeward_owner;
SET LOCAL search_path = homeward, pg_catalog, public;

-- ---------------------------------------------------------------------------
-- updated_by
-- ---------------------------------------------------------------------------
ALTER TABLE homeward.abduction_case ADD COLUMN updated_by bigint REFERENCES homeward.officer (id);
ALTER TABLE homeward.person ADD COLUMN updated_by bigint REFERENCES homeward.officer (id);
ALTER TABLE homeward.family_member ADD COLUMN updated_by bigint REFERENCES homeward.officer (id);

-- NULL for writers that are no officer (administrators, superusers).
CREATE FUNCTION homeward.tg_updated_by()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = homeward, pg_catalog
AS $fn$
BEGIN
    NEW.updated_by := homeward.current_officer_id();
    RETURN NEW;
END
$fn$;

DO $attach$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['abduction_case', 'person', 'family_member'] LOOP
        EXECUTE format('CREATE TRIGGER hw_15_updated_by BEFORE INSERT OR UPDATE ON homeward.%I
                        FOR EACH ROW EXECUTE FUNCTION homeward.tg_updated_by()', t);
    END LOOP;
END
$attach$;

-- ---------------------------------------------------------------------------
-- The assigned officer: an active officer of the case's unit
-- ---------------------------------------------------------------------------
CREATE FUNCTION homeward.tg_case_assignment()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
BEGIN
    -- Only a change is checked: a case keeps an officer who left the unit
    -- until someone assigns it again.
    IF NEW.assigned_officer_id IS NULL
       OR (TG_OP = 'UPDATE' AND NEW.assigned_officer_id IS NOT DISTINCT FROM OLD.assigned_officer_id)
       OR homeward.is_superuser() THEN
        RETURN NEW;
    END IF;

    IF NOT EXISTS (SELECT 1 FROM homeward.officer o
                    WHERE o.id = NEW.assigned_officer_id AND o.active
                      AND o.role <> 'admin' AND o.unit_id = NEW.unit_id) THEN
        RAISE EXCEPTION 'officer % is not an active officer of the unit of case %',
              NEW.assigned_officer_id, NEW.case_number
            USING ERRCODE = 'HW009',
                  HINT = 'Assign the case to an active officer of its unit.';
    END IF;
    RETURN NEW;
END
$fn$;

CREATE TRIGGER hw_25_assignment BEFORE INSERT OR UPDATE ON homeward.abduction_case
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_case_assignment();

-- ---------------------------------------------------------------------------
-- Removing a relative
-- ---------------------------------------------------------------------------
CREATE POLICY unit_delete ON family_member FOR DELETE TO homeward_officer
    USING (EXISTS (SELECT 1 FROM abduction_case c
                    WHERE c.id = family_member.case_id AND c.unit_id = (SELECT homeward.current_unit_id())));
GRANT DELETE ON family_member TO homeward_officer;

-- The person rows of relatives removed, unless another family (or a found
-- child's record) refers to them.
CREATE FUNCTION homeward.tg_forget_relatives()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
BEGIN
    DELETE FROM homeward.person p
     USING (SELECT DISTINCT person_id FROM removed) r
     WHERE p.id = r.person_id
       AND p.kind = 'relative'
       AND NOT EXISTS (SELECT 1 FROM homeward.family_member fm WHERE fm.person_id = p.id)
       AND NOT EXISTS (SELECT 1 FROM homeward.found_child f WHERE f.person_id = p.id);
    RETURN NULL;
END
$fn$;

CREATE TRIGGER hw_85_forget_relatives AFTER DELETE ON homeward.family_member
    REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION homeward.tg_forget_relatives();

RESET ROLE;
