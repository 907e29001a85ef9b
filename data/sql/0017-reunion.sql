-- Homeward schema v1, part 17: recording DNA samples and reunions from the
-- case page (issue 5).
--
--   * add_dna_sample() records a sample of a relative of a case, or of the
--     child found for it, together with the first event of its chain of
--     custody (collected, when and by the calling officer).  One function,
--     so that the custody event's row security sees the new sample.
--
--   * add_found_child() records a child found (in a shelter, on the street)
--     and matched to a case: the person (kind child) and the found_child
--     row together, in the caller's unit.
--
--   * When a supervisor signs off a reunion, a case that was located
--     becomes reunited in the same transaction (the status trigger of 0003
--     still checks the transition and the signed-off reunion).  A case in
--     another status keeps it: moving it is the officer's decision.
--
-- Custom SQLSTATE raised here:
--   HW011  a DNA sample must be of a relative of the case or of the child found for it

SET LOCAL ROLE homeward_owner;
SET LOCAL search_path = homeward, pg_catalog, public;

CREATE FUNCTION homeward.add_dna_sample(p_case_id bigint,
                                        p_family_member_id bigint,
                                        p_found_child_id bigint,
                                        p_collected_at timestamptz,
                                        p_lab text,
                                        p_lab_reference text,
                                        p_kit text)
RETURNS bigint
LANGUAGE plpgsql SECURITY INVOKER
SET search_path = homeward, pg_catalog
AS $fn$
DECLARE
    v_id bigint;
    v_at timestamptz := coalesce(p_collected_at, now());
BEGIN
    IF num_nonnulls(p_family_member_id, p_found_child_id) <> 1
       OR NOT (EXISTS (SELECT 1 FROM homeward.family_member fm
                        WHERE fm.id = p_family_member_id AND fm.case_id = p_case_id)
               OR EXISTS (SELECT 1 FROM homeward.found_child f
                           WHERE f.id = p_found_child_id AND f.matched_case_id = p_case_id)) THEN
        RAISE EXCEPTION 'a DNA sample of case % must be of one of its relatives or of the child found for it', p_case_id
            USING ERRCODE = 'HW011';
    END IF;

    INSERT INTO homeward.dna_sample (family_member_id, found_child_id, collected_at, collected_by,
                                     lab, lab_reference, kit)
    VALUES (p_family_member_id, p_found_child_id, v_at, homeward.current_officer_id(),
            nullif(btrim(p_lab), ''), nullif(btrim(p_lab_reference), ''), nullif(btrim(p_kit), ''))
    RETURNING id INTO v_id;

    INSERT INTO homeward.dna_custody_event (sample_id, event, occurred_at)
    VALUES (v_id, 'collected', v_at);

    IF p_family_member_id IS NOT NULL THEN
        UPDATE homeward.family_member SET dna_given = true
         WHERE id = p_family_member_id AND NOT dna_given;
    END IF;

    RETURN v_id;
END
$fn$;
GRANT EXECUTE ON FUNCTION homeward.add_dna_sample(bigint, bigint, bigint, timestamptz, text, text, text)
    TO homeward_officer;

CREATE FUNCTION homeward.add_found_child(p_case_id bigint,
                                         p_family_name text,
                                         p_given_name text,
                                         p_sex text,
                                         p_found_at timestamptz,
                                         p_place text,
                                         p_care_institution text,
                                         p_care_contact text)
RETURNS bigint
LANGUAGE plpgsql SECURITY INVOKER
SET search_path = homeward, pg_catalog
AS $fn$
DECLARE
    v_person bigint;
    v_id bigint;
BEGIN
    INSERT INTO homeward.person (kind, family_name, given_name, sex)
    VALUES ('child', nullif(btrim(p_family_name), ''), nullif(btrim(p_given_name), ''), coalesce(p_sex, 'unknown'))
    RETURNING id INTO v_person;

    INSERT INTO homeward.found_child (person_id, found_at, found_place_text, care_institution, care_contact,
                                      matched_case_id)
    VALUES (v_person, p_found_at, nullif(btrim(p_place), ''), nullif(btrim(p_care_institution), ''),
            nullif(btrim(p_care_contact), ''), p_case_id)
    RETURNING id INTO v_id;

    RETURN v_id;
END
$fn$;
GRANT EXECUTE ON FUNCTION homeward.add_found_child(bigint, text, text, text, timestamptz, text, text, text)
    TO homeward_officer;

CREATE FUNCTION homeward.tg_reunion_case_reunited()
RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER
SET search_path = homeward, pg_catalog
AS $fn$
BEGIN
    UPDATE homeward.abduction_case
       SET status = 'reunited'
     WHERE id = NEW.case_id AND status = 'located';
    RETURN NULL;
END
$fn$;

CREATE TRIGGER hw_30_case_reunited AFTER UPDATE OF signed_off_by ON homeward.reunion
    FOR EACH ROW WHEN (OLD.signed_off_by IS NULL AND NEW.signed_off_by IS NOT NULL)
    EXECUTE FUNCTION homeward.tg_reunion_case_reunited();

RESET ROLE;
