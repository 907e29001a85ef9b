#!/usr/bin/env bash
# The supervisor's figures (data/sql/0013-dashboard.sql) against plain SQL on
# demo data: `homeward-cli dashboard --json` for a unit must say what counting
# the rows says, figure by figure; an officer of another unit counts no DNA
# checks (row security); the text form prints every section.
#
# Usage: tests/db/dashboard-smoke.sh PATH/TO/homeward-cli
set -u

. "$(dirname "$0")/demo-cluster.sh" "$1" dash 600 6000 3

json=$("$cli" dashboard --unit SZ --json 2>&1)
if [[ "$json" == "{"* ]]; then ok "dashboard --unit SZ --json prints JSON"; else not_ok "dashboard --json" "$json"; fi

# check DESCRIPTION SQL: SQL (reading :'dash' and the unit u) yields t
check () {
  out=$(psql "$conninfo" -qAt -v ON_ERROR_STOP=1 -v dash="$json" 2>&1 <<SQL
WITH u AS (SELECT id FROM homeward.unit WHERE code = 'SZ'), d AS (SELECT :'dash'::jsonb AS j)
$2
SQL
)
  if [ "$out" = "t" ]; then ok "$1"; else not_ok "$1" "$out"; fi
}

check "cases by status" "
SELECT bool_and(coalesce((d.j->'cases'->>st)::bigint, 0) =
                (SELECT count(*) FROM homeward.abduction_case c, u WHERE c.unit_id = u.id AND c.status = st))
  FROM d, unnest(ARRAY['open', 'investigating', 'located', 'reunited', 'closed', 'cold']) st"
check "sightings by status" "
SELECT bool_and(coalesce((d.j->'sightings'->>st)::bigint, 0) =
                (SELECT count(*) FROM homeward.sighting s, u WHERE s.unit_id = u.id AND s.status = st))
  FROM d, unnest(ARRAY['new', 'triaged', 'verifying', 'confirmed', 'no_match', 'unfounded', 'duplicate']) st"
check "untriaged: total, overdue and the age groups add up" "
SELECT (d.j->'untriaged'->>'total')::bigint =
         (SELECT count(*) FROM homeward.sighting s, u WHERE s.unit_id = u.id AND s.status = 'new')
   AND (d.j->'untriaged'->>'overdue')::bigint =
         (SELECT count(*) FROM homeward.sighting s, u WHERE s.unit_id = u.id AND s.status = 'new'
             AND s.triage_deadline < (d.j->>'at')::timestamptz)
   AND (d.j->'untriaged'->>'over_30_days')::bigint =
         (SELECT count(*) FROM homeward.sighting s, u WHERE s.unit_id = u.id AND s.status = 'new'
             AND s.received_at <= (d.j->>'at')::timestamptz - interval '30 days')
   AND (SELECT sum(v::bigint) FROM jsonb_each_text(d.j->'untriaged') e(k, v) WHERE k NOT IN ('total', 'overdue'))
       = (d.j->'untriaged'->>'total')::bigint
  FROM d"
check "workload of every officer of the unit" "
SELECT count(*) = (SELECT count(*) FROM homeward.officer o, u WHERE o.unit_id = u.id AND o.active)
   AND bool_and((w->>'open_cases')::bigint =
                  (SELECT count(*) FROM homeward.abduction_case c WHERE c.assigned_officer_id = (w->>'officer_id')::bigint
                      AND c.status IN ('open', 'investigating', 'located'))
            AND (w->>'sightings')::bigint =
                  (SELECT count(*) FROM homeward.sighting s WHERE s.assigned_officer_id = (w->>'officer_id')::bigint
                      AND s.status IN ('new', 'triaged', 'verifying'))
            AND (w->>'overdue')::bigint =
                  (SELECT count(*) FROM homeward.sighting s WHERE s.assigned_officer_id = (w->>'officer_id')::bigint
                      AND s.status = 'new' AND s.triage_deadline < (d.j->>'at')::timestamptz))
  FROM d, jsonb_array_elements(d.j->'workload') w"
check "26 weeks, each week's sightings received and links made" "
SELECT bool_and(jsonb_array_length(d.j->'weeks') = 26)
   AND bool_and((w->>'sightings')::bigint =
                  (SELECT count(*) FROM homeward.sighting s, u WHERE s.unit_id = u.id
                      AND (s.received_at AT TIME ZONE 'Asia/Shanghai')::date >= (w->>'week')::date
                      AND (s.received_at AT TIME ZONE 'Asia/Shanghai')::date < (w->>'week')::date + 7)
            AND (w->>'links')::bigint =
                  (SELECT count(*) FROM homeward.case_link l JOIN homeward.abduction_case c ON c.id = l.case_id, u
                    WHERE c.unit_id = u.id
                      AND (l.linked_at AT TIME ZONE 'Asia/Shanghai')::date >= (w->>'week')::date
                      AND (l.linked_at AT TIME ZONE 'Asia/Shanghai')::date < (w->>'week')::date + 7)
            AND (w->>'reunions')::bigint =
                  (SELECT count(*) FROM homeward.reunion r JOIN homeward.abduction_case c ON c.id = r.case_id, u
                    WHERE c.unit_id = u.id
                      AND (r.signed_off_at AT TIME ZONE 'Asia/Shanghai')::date >= (w->>'week')::date
                      AND (r.signed_off_at AT TIME ZONE 'Asia/Shanghai')::date < (w->>'week')::date + 7))
  FROM d, jsonb_array_elements(d.j->'weeks') w"
check "the latest reunions, newest first" "
SELECT coalesce((SELECT array_agg(x->>'case_number' ORDER BY o) FROM jsonb_array_elements(d.j->'reunions') WITH ORDINALITY t(x, o)), '{}') =
       coalesce((SELECT array_agg(case_number) FROM (
                  SELECT c.case_number FROM homeward.reunion r JOIN homeward.abduction_case c ON c.id = r.case_id, u
                   WHERE c.unit_id = u.id AND r.signed_off_at IS NOT NULL
                   ORDER BY r.signed_off_at DESC, r.id DESC LIMIT 10) x), '{}')
  FROM d"

# DNA checks: a unit with some in the last 26 weeks, as the superuser sees
# it, and as an officer of another unit, who may read no DNA row.
dna_sum='SELECT coalesce(sum((w->>'"'"'dna_checks'"'"')::bigint), 0) FROM jsonb_array_elements((:'"'"'dash'"'"'::jsonb)->'"'"'weeks'"'"') w'
unit=""
for code in $(psql "$conninfo" -qAt -c "SELECT code FROM homeward.unit ORDER BY code"); do
  d=$("$cli" dashboard --unit "$code" --json 2>&1)
  if [ "$(psql "$conninfo" -qAt -v dash="$d" <<<"$dna_sum")" != 0 ]; then unit=$code; break; fi
done
if [ -n "$unit" ]; then
  other=$(psql "$conninfo" -qAt -v code="$unit" <<'SQL'
SELECT o.login FROM homeward.officer o JOIN homeward.unit u ON u.id = o.unit_id
 WHERE u.code <> :'code' AND o.role = 'officer' AND o.active ORDER BY o.id LIMIT 1
SQL
)
  seen=$("$cli" --server "$("$cli" server conninfo --user "$other")" dashboard --unit "$unit" --json 2>&1)
  out=$(psql "$conninfo" -qAt -v dash="$seen" <<<"$dna_sum" 2>&1)
  if [ "$out" = 0 ]; then ok "DNA checks of unit $unit: some for the superuser, none for $other of another unit"
  else not_ok "DNA hidden from another unit" "$out
$seen"; fi
else
  not_ok "no unit has DNA checks in the last 26 weeks of the demo data"
fi

out=$("$cli" dashboard --unit SZ 2>&1)
if [ $? = 0 ] && grep -q "Cases by status" <<<"$out" && grep -q "Workload" <<<"$out" && grep -q "26 weeks" <<<"$out"; then
  ok "the text form prints every section"
else
  not_ok "dashboard text" "$out"
fi
out=$("$cli" dashboard --unit NOPE 2>&1)
if [ $? = 1 ] && grep -q "NOPE" <<<"$out"; then ok "an unknown unit is an error naming it"; else not_ok "unknown unit" "$out"; fi

echo "1..$n"
[ "$failures" = 0 ]
