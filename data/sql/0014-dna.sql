-- Homeward schema v1, part 14: DNA samples and results (issue 5).
--
--   * Lab results — STR profiles (dna_str_allele) and the comparisons with
--     the lab's conclusion (dna_comparison) — are for the officers assigned
--     to the case and for supervisors, of the unit the sample belongs to
--     (0002 let every officer of that unit read them). Samples and their
--     custody events stay readable by the unit: officers collect and ship.
--     The case of a sample: the family member's case, or the case a found
--     child was matched to.
--
--   * A sample's chain of custody goes collected, sealed, shipped,
--     received, analysed. dna_custody_chain(sample) lists the events in the
--     order they happened, each with what is wrong with it: 'out_of_order'
--     when a stage comes after a later one (sealed after shipped), 'gap'
--     when stages before it are missing (shipped, never sealed; the first
--     event not a collection), 'repeated' when a stage happens again.
--
--   * lab_reference is how a lab names a sample: unique, so that a lab's
--     export finds its samples.

SET LOCAL ROLE homeward_owner;
SET LOCAL search_path = homeward, pg_catalog, public;

CREATE UNIQUE INDEX dna_sample_lab_reference_uniq ON homeward.dna_sample (lab_reference)
    WHERE lab_reference IS NOT NULL;

-- May the caller read and record this sample's lab results?  A supervisor of
-- the sample's unit, or the officer assigned to its case.
CREATE FUNCTION homeward.dna_result_visible(p_sample_id bigint)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
SET search_path = homeward, pg_catalog
AS $fn$
    SELECT p_sample_id IS NOT NULL
       AND homeward.dna_sample_visible(p_sample_id)
       AND (homeward.is_supervisor()
            OR EXISTS (SELECT 1 FROM homeward.dna_sample s
                         LEFT JOIN homeward.family_member fm ON fm.id = s.family_member_id
                         LEFT JOIN homeward.found_child f ON f.id = s.found_child_id
                         JOIN homeward.abduction_case c ON c.id = coalesce(fm.case_id, f.matched_case_id)
                        WHERE s.id = p_sample_id
                          AND c.assigned_officer_id = homeward.current_officer_id()))
$fn$;

DROP POLICY unit_read ON homeward.dna_str_allele;
DROP POLICY unit_insert ON homeward.dna_str_allele;
DROP POLICY unit_update ON homeward.dna_str_allele;
CREATE POLICY result_read ON homeward.dna_str_allele FOR SELECT TO homeward_officer
    USING (homeward.dna_result_visible(sample_id));
CREATE POLICY result_insert ON homeward.dna_str_allele FOR INSERT TO homeward_officer
    WITH CHECK (homeward.dna_result_visible(sample_id));
CREATE POLICY result_update ON homeward.dna_str_allele FOR UPDATE TO homeward_officer
    USING (homeward.dna_result_visible(sample_id))
    WITH CHECK (homeward.dna_result_visible(sample_id));

DROP POLICY unit_read ON homeward.dna_comparison;
DROP POLICY unit_insert ON homeward.dna_comparison;
DROP POLICY unit_update ON homeward.dna_comparison;
CREATE POLICY result_read ON homeward.dna_comparison FOR SELECT TO homeward_officer
    USING (homeward.dna_result_visible(child_sample_id)
           OR homeward.dna_result_visible(father_sample_id)
           OR homeward.dna_result_visible(mother_sample_id));
CREATE POLICY result_insert ON homeward.dna_comparison FOR INSERT TO homeward_officer
    WITH CHECK (homeward.dna_result_visible(child_sample_id)
                OR homeward.dna_result_visible(father_sample_id)
                OR homeward.dna_result_visible(mother_sample_id));
CREATE POLICY result_update ON homeward.dna_comparison FOR UPDATE TO homeward_officer
    USING (homeward.dna_result_visible(child_sample_id)
           OR homeward.dna_result_visible(father_sample_id)
           OR homeward.dna_result_visible(mother_sample_id))
    WITH CHECK (homeward.dna_result_visible(child_sample_id)
                OR homeward.dna_result_visible(father_sample_id)
                OR homeward.dna_result_visible(mother_sample_id));

CREATE FUNCTION homeward.dna_custody_stage(p_event text)
RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$
    SELECT CASE p_event WHEN 'collected' THEN 1 WHEN 'sealed' THEN 2 WHEN 'shipped' THEN 3
                        WHEN 'received' THEN 4 WHEN 'analysed' THEN 5 END::smallint
$fn$;

-- A sample's custody events in the order they happened, each with what is
-- wrong with it (NULL: nothing), and for a gap the stages that are missing.
CREATE FUNCTION homeward.dna_custody_chain(p_sample_id bigint)
RETURNS TABLE (event_id bigint, event text, occurred_at timestamptz, officer_id bigint, notes text,
               problem text, missing text[])
LANGUAGE sql STABLE
SET search_path = homeward, pg_catalog
AS $fn$
    WITH e AS (
        SELECT d.id, d.event, d.occurred_at, d.officer_id, d.notes,
               homeward.dna_custody_stage(d.event) AS stage,
               max(homeward.dna_custody_stage(d.event))
                   OVER (ORDER BY d.occurred_at, d.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
          FROM homeward.dna_custody_event d
         WHERE d.sample_id = p_sample_id)
    SELECT e.id, e.event, e.occurred_at, e.officer_id, e.notes,
           CASE WHEN e.stage < coalesce(e.before, 0) THEN 'out_of_order'
                WHEN e.stage = e.before THEN 'repeated'
                WHEN e.stage > coalesce(e.before, 0) + 1 THEN 'gap'
           END,
           CASE WHEN e.stage > coalesce(e.before, 0) + 1 THEN
                ARRAY(SELECT x FROM unnest(ARRAY['collected', 'sealed', 'shipped', 'received', 'analysed'])
                               WITH ORDINALITY AS t(x, n)
                       WHERE n > coalesce(e.before, 0) AND n < e.stage ORDER BY n)
           END
      FROM e
     ORDER BY e.occurred_at, e.id
$fn$;
GRANT EXECUTE ON FUNCTION homeward.dna_custody_chain(bigint) TO homeward_officer, homeward_admin;

RESET ROLE;
