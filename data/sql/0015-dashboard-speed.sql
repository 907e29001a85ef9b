-- Homeward schema v1, part 15: the dashboard's figures in a fraction of a
-- second with a million sightings (issue 5: fully drawn in < 500 ms).
--
-- 0013's function was plain SQL: its unit parameter reached the planner as
-- an unknown value, so "unit is NULL or unit_id = unit" read every sighting
-- and case of the country; and the DNA checks were counted through row
-- security, one visibility check per comparison ever made. Now:
--
--   * the same query runs from PL/pgSQL with custom plans, so the unit is a
--     value the planner folds in: an index-only scan of the unit's sightings
--     on a covering index (status, received and deadline);
--   * each week's counts are computed once (MATERIALIZED), not once for
--     each of the 26 weeks the trend looks them up for;
--   * the DNA checks of the last 26 weeks are counted by
--     dashboard_dna_weeks(), which applies 0014's rule (supervisors of the
--     unit, and the officers assigned to the case) to the unit's samples as
--     one join instead of per row; administrators and the superuser count
--     every check, as row security lets them read every row.
--
-- The document is the one 0013 describes, figure for figure.

SET LOCAL ROLE homeward_owner;
SET LOCAL search_path = homeward, pg_catalog, public;

CREATE INDEX dna_comparison_reported_idx ON homeward.dna_comparison (reported_at);
CREATE INDEX reunion_signed_off_idx ON homeward.reunion (signed_off_at) WHERE signed_off_at IS NOT NULL;
CREATE INDEX case_link_linked_at_idx ON homeward.case_link (linked_at);
CREATE INDEX sighting_unit_dashboard_idx ON homeward.sighting (unit_id) INCLUDE (status, received_at, triage_deadline);

-- The DNA checks reported each week since p_from that the caller may read,
-- of the unit's samples (a found child of the unit, or a relative in one of
-- its cases); p_unit_id NULL: the whole country.
CREATE FUNCTION homeward.dashboard_dna_weeks(p_unit_id bigint, p_from timestamp)
RETURNS TABLE (week timestamp, n bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = homeward, pg_catalog
SET plan_cache_mode = force_custom_plan
AS $fn$
DECLARE
    v_all        boolean := homeward.is_superuser() OR homeward.is_admin();
    v_supervisor boolean := homeward.is_supervisor();
    v_unit       bigint  := homeward.current_unit_id();
    v_officer    bigint  := homeward.current_officer_id();
BEGIN
    -- The comparisons of the weeks asked for (an index on reported_at), each
    -- judged by its samples, found through their keys.
    RETURN QUERY
    SELECT date_trunc('week', d.reported_at AT TIME ZONE 'Asia/Shanghai'), count(*)
      FROM homeward.dna_comparison d
     WHERE d.reported_at >= p_from AT TIME ZONE 'Asia/Shanghai'
       -- 0014's rule: the sample's unit (for a found child, also the unit of
       -- the case it was matched to), as a supervisor or as the officer
       -- assigned to the case
       AND (v_all OR EXISTS (
             SELECT 1 FROM homeward.dna_sample s
               LEFT JOIN homeward.family_member fm ON fm.id = s.family_member_id
               LEFT JOIN homeward.abduction_case c ON c.id = fm.case_id
               LEFT JOIN homeward.found_child f ON f.id = s.found_child_id
               LEFT JOIN homeward.abduction_case mc ON mc.id = f.matched_case_id
              WHERE s.id IN (d.child_sample_id, d.father_sample_id, d.mother_sample_id)
                AND (coalesce(c.unit_id, f.unit_id) = v_unit OR mc.unit_id = v_unit)
                AND (v_supervisor OR coalesce(c.assigned_officer_id, mc.assigned_officer_id) = v_officer)))
       AND (p_unit_id IS NULL OR EXISTS (
             SELECT 1 FROM homeward.dna_sample s
               LEFT JOIN homeward.family_member fm ON fm.id = s.family_member_id
               LEFT JOIN homeward.abduction_case c ON c.id = fm.case_id
               LEFT JOIN homeward.found_child f ON f.id = s.found_child_id
              WHERE s.id IN (d.child_sample_id, d.father_sample_id, d.mother_sample_id)
                AND coalesce(c.unit_id, f.unit_id) = p_unit_id))
     GROUP BY 1;
END
$fn$;
REVOKE EXECUTE ON FUNCTION homeward.dashboard_dna_weeks(bigint, timestamp) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION homeward.dashboard_dna_weeks(bigint, timestamp) TO homeward_officer, homeward_admin;

CREATE OR REPLACE FUNCTION homeward.dashboard(p_unit_id bigint, p_now timestamptz DEFAULT now())
RETURNS jsonb
LANGUAGE plpgsql STABLE
SET search_path = homeward, pg_catalog
SET plan_cache_mode = force_custom_plan
AS $fn$
DECLARE
    v_first_week timestamp := date_trunc('week', p_now AT TIME ZONE 'Asia/Shanghai') - interval '25 weeks';
    v_result     jsonb;
BEGIN
    WITH weeks AS (
        SELECT w, v_first_week + w * interval '1 week' AS week_start
          FROM generate_series(0, 25) AS w),
    unit_sightings AS MATERIALIZED (
        SELECT s.status, s.received_at, s.triage_deadline
          FROM homeward.sighting s
         WHERE p_unit_id IS NULL OR s.unit_id = p_unit_id),
    case_counts AS (
        SELECT coalesce(jsonb_object_agg(status, n), '{}') AS v
          FROM (SELECT c.status, count(*) AS n FROM homeward.abduction_case c
                 WHERE p_unit_id IS NULL OR c.unit_id = p_unit_id GROUP BY c.status) x),
    sighting_counts AS (
        SELECT coalesce(jsonb_object_agg(status, n), '{}') AS v
          FROM (SELECT status, count(*) AS n FROM unit_sightings GROUP BY status) x),
    untriaged AS (
        SELECT jsonb_build_object(
                 'under_1_day', count(*) FILTER (WHERE p_now - received_at < interval '1 day'),
                 '1_to_3_days', count(*) FILTER (WHERE p_now - received_at >= interval '1 day'
                                                  AND p_now - received_at < interval '3 days'),
                 '3_to_7_days', count(*) FILTER (WHERE p_now - received_at >= interval '3 days'
                                                  AND p_now - received_at < interval '7 days'),
                 '7_to_30_days', count(*) FILTER (WHERE p_now - received_at >= interval '7 days'
                                                   AND p_now - received_at < interval '30 days'),
                 'over_30_days', count(*) FILTER (WHERE p_now - received_at >= interval '30 days'),
                 'total', count(*),
                 'overdue', count(*) FILTER (WHERE triage_deadline < p_now)) AS v
          FROM unit_sightings WHERE status = 'new'),
    workload AS (
        SELECT coalesce(jsonb_agg(jsonb_build_object(
                          'officer_id', o.id, 'name', o.display_name,
                          'open_cases', (SELECT count(*) FROM homeward.abduction_case c
                                          WHERE c.assigned_officer_id = o.id
                                            AND c.status IN ('open', 'investigating', 'located')),
                          'sightings', (SELECT count(*) FROM homeward.sighting s
                                         WHERE s.assigned_officer_id = o.id
                                           AND s.status IN ('new', 'triaged', 'verifying')),
                          'overdue', (SELECT count(*) FROM homeward.sighting s
                                       WHERE s.assigned_officer_id = o.id AND s.status = 'new'
                                         AND s.triage_deadline < p_now))
                        ORDER BY o.display_name, o.id), '[]') AS v
          FROM homeward.officer o
         WHERE o.active AND (p_unit_id IS NULL OR o.unit_id = p_unit_id)),
    received AS MATERIALIZED (
        SELECT date_trunc('week', received_at AT TIME ZONE 'Asia/Shanghai') AS week, count(*) AS n
          FROM unit_sightings
         WHERE received_at >= v_first_week AT TIME ZONE 'Asia/Shanghai'
         GROUP BY 1),
    links AS MATERIALIZED (
        SELECT date_trunc('week', l.linked_at AT TIME ZONE 'Asia/Shanghai') AS week, count(*) AS n
          FROM homeward.case_link l JOIN homeward.abduction_case c ON c.id = l.case_id
         WHERE (p_unit_id IS NULL OR c.unit_id = p_unit_id)
           AND l.linked_at >= v_first_week AT TIME ZONE 'Asia/Shanghai'
         GROUP BY 1),
    dna AS MATERIALIZED (
        SELECT d.week, d.n FROM homeward.dashboard_dna_weeks(p_unit_id, v_first_week) d),
    reunions AS MATERIALIZED (
        SELECT date_trunc('week', r.signed_off_at AT TIME ZONE 'Asia/Shanghai') AS week, count(*) AS n
          FROM homeward.reunion r JOIN homeward.abduction_case c ON c.id = r.case_id
         WHERE (p_unit_id IS NULL OR c.unit_id = p_unit_id)
           AND r.signed_off_at >= v_first_week AT TIME ZONE 'Asia/Shanghai'
         GROUP BY 1),
    trend AS (
        SELECT jsonb_agg(jsonb_build_object(
                 'week', to_char(w.week_start, 'YYYY-MM-DD'),
                 'sightings', coalesce((SELECT n FROM received x WHERE x.week = w.week_start), 0),
                 'links', coalesce((SELECT n FROM links x WHERE x.week = w.week_start), 0),
                 'dna_checks', coalesce((SELECT n FROM dna x WHERE x.week = w.week_start), 0),
                 'reunions', coalesce((SELECT n FROM reunions x WHERE x.week = w.week_start), 0))
                 ORDER BY w.w) AS v
          FROM weeks w),
    recent AS (
        SELECT coalesce(jsonb_agg(x.v ORDER BY x.signed_off_at DESC, x.id DESC), '[]') AS v
          FROM (SELECT r.id, r.signed_off_at,
                       jsonb_build_object('case_id', c.id, 'case_number', c.case_number,
                                          'child_name', coalesce(p.family_name, '') || coalesce(p.given_name, ''),
                                          'reunited_on', r.reunited_on, 'place', r.place,
                                          'signed_off_at', r.signed_off_at) AS v
                  FROM homeward.reunion r
                  JOIN homeward.abduction_case c ON c.id = r.case_id
                  JOIN homeward.person p ON p.id = c.child_id
                 WHERE r.signed_off_at IS NOT NULL AND (p_unit_id IS NULL OR c.unit_id = p_unit_id)
                 ORDER BY r.signed_off_at DESC, r.id DESC
                 LIMIT 10) x)
    SELECT jsonb_build_object(
             'unit_id', p_unit_id,
             'at', p_now,
             'cases', (SELECT v FROM case_counts),
             'sightings', (SELECT v FROM sighting_counts),
             'untriaged', (SELECT v FROM untriaged),
             'workload', (SELECT v FROM workload),
             'weeks', (SELECT v FROM trend),
             'reunions', (SELECT v FROM recent))
      INTO v_result;

    RETURN v_result;
END
$fn$;

RESET ROLE;
