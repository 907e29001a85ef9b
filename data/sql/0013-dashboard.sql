-- Homeward schema v1, part 13: the supervisor's dashboard (issue 5), as one
-- function the app and `homeward-cli dashboard` both read.
--
-- homeward.dashboard(unit, now) returns every figure as one jsonb document:
--
--   cases            cases of the unit by status
--   sightings        sightings received by the unit by status
--   untriaged        new sightings by age (under a day, 1-3 days, 3-7 days,
--                    7-30 days, older) and how many are past their deadline
--   workload         per active officer of the unit: open cases assigned
--                    (open, investigating, located), sightings assigned still
--                    in the inbox (new, triaged, verifying), and of those the
--                    ones past their triage deadline
--   weeks            the last 26 weeks (Monday to Sunday, Asia/Shanghai),
--                    oldest first: sightings received, links made (to the
--                    unit's cases), DNA checks reported (comparisons whose
--                    child sample belongs to a found child of the unit or
--                    whose family sample belongs to a relative in one of its
--                    cases) and reunions (signed off, of its cases)
--   reunions         the ten latest signed-off reunions of its cases
--
-- A NULL unit means the whole country (for an administrator's overview).
-- The function runs as its caller: row security decides what is counted,
-- so an officer of another unit, who may not read DNA rows, counts none.

SET LOCAL ROLE homeward_owner;
SET LOCAL search_path = homeward, pg_catalog, public;

-- Open cases by assigned officer (the workload figure).
CREATE INDEX abduction_case_officer_open_idx ON homeward.abduction_case (assigned_officer_id)
    WHERE status IN ('open', 'investigating', 'located');

CREATE FUNCTION homeward.dashboard(p_unit_id bigint, p_now timestamptz DEFAULT now())
RETURNS jsonb
LANGUAGE sql STABLE
SET search_path = homeward, pg_catalog
AS $fn$
WITH bounds AS (
    SELECT (date_trunc('week', p_now AT TIME ZONE 'Asia/Shanghai') - interval '25 weeks') AS first_week),
weeks AS (
    SELECT w, (SELECT first_week FROM bounds) + w * interval '1 week' AS week_start
      FROM generate_series(0, 25) AS w),
unit_sightings AS (
    SELECT s.status, s.received_at, s.triage_deadline, s.assigned_officer_id
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
received AS (
    SELECT date_trunc('week', received_at AT TIME ZONE 'Asia/Shanghai') AS week, count(*) AS n
      FROM unit_sightings
     WHERE received_at AT TIME ZONE 'Asia/Shanghai' >= (SELECT first_week FROM bounds)
     GROUP BY 1),
links AS (
    SELECT date_trunc('week', l.linked_at AT TIME ZONE 'Asia/Shanghai') AS week, count(*) AS n
      FROM homeward.case_link l JOIN homeward.abduction_case c ON c.id = l.case_id
     WHERE (p_unit_id IS NULL OR c.unit_id = p_unit_id)
       AND l.linked_at AT TIME ZONE 'Asia/Shanghai' >= (SELECT first_week FROM bounds)
     GROUP BY 1),
dna AS (
    SELECT date_trunc('week', d.reported_at AT TIME ZONE 'Asia/Shanghai') AS week, count(*) AS n
      FROM homeward.dna_comparison d
     WHERE d.reported_at AT TIME ZONE 'Asia/Shanghai' >= (SELECT first_week FROM bounds)
       AND (p_unit_id IS NULL
            OR EXISTS (SELECT 1 FROM homeward.dna_sample ds JOIN homeward.found_child f ON f.id = ds.found_child_id
                        WHERE ds.id = d.child_sample_id AND f.unit_id = p_unit_id)
            OR EXISTS (SELECT 1 FROM homeward.dna_sample ds
                         JOIN homeward.family_member fm ON fm.id = ds.family_member_id
                         JOIN homeward.abduction_case c ON c.id = fm.case_id
                        WHERE ds.id IN (d.father_sample_id, d.mother_sample_id) AND c.unit_id = p_unit_id))
     GROUP BY 1),
reunions AS (
    SELECT date_trunc('week', r.signed_off_at AT TIME ZONE 'Asia/Shanghai') AS week, count(*) AS n
      FROM homeward.reunion r JOIN homeward.abduction_case c ON c.id = r.case_id
     WHERE (p_unit_id IS NULL OR c.unit_id = p_unit_id)
       AND r.signed_off_at AT TIME ZONE 'Asia/Shanghai' >= (SELECT first_week FROM bounds)
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
$fn$;
GRANT EXECUTE ON FUNCTION homeward.dashboard(bigint, timestamptz) TO homeward_officer, homeward_admin;

RESET ROLE;
