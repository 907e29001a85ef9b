#!/usr/bin/env bash
# Case reports and unit summaries (issue 6) from demo data, read back with
# poppler: the case number, the child's Chinese name and every linked
# sighting are in the text; an officer's report has no family phone number
# while a supervisor's has; a case that does not exist, or that the role
# may not read, is a clear error and no file; more content, more pages,
# none of it lost or cut at a page's edge; pdfinfo reads every PDF without
# a warning.
#
# Usage: tests/report/report-smoke.sh PATH/TO/homeward-cli
set -u

cli=$1
for tool in pdftotext pdfinfo pdfimages psql; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "1..0 # SKIP $tool is not installed (poppler-utils, postgresql-client)"
    exit 0
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/hw-report.XXXXXX")
chmod 0711 "$work"
export XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/run" HOMEWARD_TEST_CLUSTER=1
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 0700 "$XDG_RUNTIME_DIR"

failures=0
n=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"; [ -n "${2:-}" ] && sed 's/^/# /' <<<"$2"; }
# check DESCRIPTION CONDITION [DIAGNOSIS]: both are evaluated, the diagnosis
# only when the condition fails.
check () { if eval "$2"; then ok "$1"; else not_ok "$1" "$(eval "${3:-true}" 2>&1)"; fi; }
cleanup () {
  "$cli" server stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

"$cli" server start >/dev/null 2>&1 || { echo "Bail out! server start"; exit 1; }
"$cli" init >/dev/null 2>&1 || { echo "Bail out! init"; exit 1; }
"$cli" demo-data --cases 600 --sightings 6000 --seed 3 >/dev/null 2>&1 || { echo "Bail out! demo-data"; exit 1; }
conninfo=$("$cli" server conninfo)
officer=$("$cli" server conninfo --user demo_officer)
supervisor=$("$cli" server conninfo --user demo_supervisor)
sql () { psql "$conninfo" -qAt -v ON_ERROR_STOP=1 "$@"; }

# pdfinfo prints nothing on stderr and the page count on stdout.
pages () { pdfinfo "$1" 2>"$work/pdfinfo.err" | sed -n 's/^Pages: *//p'; }
pdfinfo_clean () { pdfinfo "$1" >/dev/null 2>"$work/pdfinfo.err" && [ ! -s "$work/pdfinfo.err" ]; }

# No word reaches over a page's edge, and none of the body runs into the
# footer: every word lies in the header band, the body or the footer band.
within_pages () {
  pdftotext -bbox "$1" - 2>/dev/null | awk '
    /<page / { match($0, /height="[0-9.]+"/); h = substr($0, RSTART + 8, RLENGTH - 9) + 0
               match($0, /width="[0-9.]+"/); w = substr($0, RSTART + 7, RLENGTH - 8) + 0 }
    /<word / {
      split($0, a, "\"")
      x0 = a[2] + 0; y0 = a[4] + 0; x1 = a[6] + 0; y1 = a[8] + 0
      if (x0 < 0 || y0 < 0 || x1 > w + 0.5 || y1 > h + 0.5) { print "off the page: " $0; bad = 1 }
      if (y1 > h - 74 + 1.5 && y0 < h - 74 + 8) { print "into the footer: " $0; bad = 1 }
    }
    END { exit bad }'
}

# A case of the demo supervisor's unit (SZ) with at least two active
# sightings linked, a relative with a phone number, and an assigned officer
# who is not demo_officer.
read -r case_id case_number child <<<"$(sql -F ' ' <<'SQL'
SELECT c.id, c.case_number, concat(p.family_name, p.given_name)
  FROM homeward.abduction_case c
  JOIN homeward.unit u ON u.id = c.unit_id AND u.code = 'SZ'
  JOIN homeward.person p ON p.id = c.child_id
  LEFT JOIN homeward.officer o ON o.id = c.assigned_officer_id
 WHERE coalesce(o.login, '') <> 'demo_officer'
   AND (SELECT count(*) FROM homeward.case_link l WHERE l.case_id = c.id AND l.state = 'active') >= 2
   AND EXISTS (SELECT 1 FROM homeward.family_member f WHERE f.case_id = c.id AND length(f.phone) >= 8)
 ORDER BY c.id LIMIT 1
SQL
)"
[ -n "${case_number:-}" ] || { echo "Bail out! no SZ case with links and a family phone in the demo data"; exit 1; }
echo "# case $case_number ($child)"
sightings=$(sql -c "SELECT sighting_id FROM homeward.case_link WHERE case_id = $case_id ORDER BY sighting_id")
phones=$(sql -c "SELECT phone FROM homeward.family_member WHERE case_id = $case_id AND phone IS NOT NULL")

# The supervisor's report
out=$("$cli" --server "$supervisor" report "$case_number" -o "$work/sup.pdf" 2>&1)
status=$?
check "a supervisor's report of $case_number is written" '[ $status = 0 ] && [ -s "$work/sup.pdf" ]' 'echo "$out"'
check "pdfinfo reads it without a warning" 'pdfinfo_clean "$work/sup.pdf"' 'cat "$work/pdfinfo.err"'
pdftotext "$work/sup.pdf" "$work/sup.txt" 2>"$work/pdftotext.err"
check "pdftotext reads it without a warning" '[ ! -s "$work/pdftotext.err" ]' 'cat "$work/pdftotext.err"'
check "it holds the case number" 'grep -q "$case_number" "$work/sup.txt"'
check "it holds the child's Chinese name $child" 'grep -q "$child" "$work/sup.txt"'
missing=""
for s in $sightings; do grep -q "Sighting $s " "$work/sup.txt" || missing="$missing $s"; done
check "it names every linked sighting ($(wc -w <<<"$sightings"))" '[ -z "$missing" ]' 'echo "missing:$missing"'
missing=""
for p in $phones; do grep -qF "$p" "$work/sup.txt" || missing="$missing $p"; done
check "it holds the family's phone numbers" '[ -z "$missing" ]' 'echo "missing:$missing"'
check "every page says Page N of M and the confidentiality line" \
  '[ "$(grep -c "^Page [0-9]* of $(pages "$work/sup.pdf")$" "$work/sup.txt")" = "$(pages "$work/sup.pdf")" ] &&
   [ "$(grep -c "^Confidential" "$work/sup.txt")" = "$(pages "$work/sup.pdf")" ]'
check "it says who generated it" 'grep -q "Generated by 演示主管 at " "$work/sup.txt"'
check "no word is cut at a page's edge" 'within_pages "$work/sup.pdf" >"$work/bbox.out"' 'head -5 "$work/bbox.out"'

# The officer's report: the same case without a phone number
out=$("$cli" --server "$officer" report "$case_number" -o "$work/off.pdf" 2>&1)
status=$?
check "an officer's report of $case_number is written" '[ $status = 0 ] && pdfinfo_clean "$work/off.pdf"' 'echo "$out"'
pdftotext "$work/off.pdf" "$work/off.txt"
found=""
for p in $phones; do grep -qF "$p" "$work/off.txt" && found="$found $p"; done
check "an officer's report holds no family phone number" '[ -z "$found" ]' 'echo "found:$found"'
check "and says that they were redacted" 'grep -q "redacted" "$work/off.txt"'
check "an officer's report still holds the child and the sightings" \
  'grep -q "$child" "$work/off.txt" && grep -q "Sighting $(head -1 <<<"$sightings") " "$work/off.txt"'

# The assigned officer's own report: contact details are for supervisors' reports only
mine=$(sql -c "SELECT c.case_number FROM homeward.abduction_case c
                 JOIN homeward.officer o ON o.id = c.assigned_officer_id AND o.login = 'demo_officer'
                WHERE EXISTS (SELECT 1 FROM homeward.family_member f WHERE f.case_id = c.id AND length(f.phone) >= 8)
                ORDER BY c.id LIMIT 1")
mine_phones=$(sql -c "SELECT f.phone FROM homeward.family_member f JOIN homeward.abduction_case c ON c.id = f.case_id
                       WHERE c.case_number = '$mine' AND f.phone IS NOT NULL")
out=$("$cli" --server "$officer" report "$mine" -o "$work/mine.pdf" 2>&1)
status=$?
pdftotext "$work/mine.pdf" "$work/mine.txt" 2>/dev/null
found=""
for p in $mine_phones; do grep -qF "$p" "$work/mine.txt" && found="$found $p"; done
check "the assigned officer's own report ($mine) holds no family phone number either" \
  '[ $status = 0 ] && [ -n "$mine_phones" ] && [ -z "$found" ] && grep -q "redacted" "$work/mine.txt"' \
  'echo "$out found:$found"'

# Errors: no such case; a role that may read no case
out=$("$cli" report SZ-1900-9999 -o "$work/none.pdf" 2>&1)
status=$?
check "a case that does not exist is an error naming it, and no file" \
  '[ $status = 1 ] && grep -q "SZ-1900-9999" <<<"$out" && [ ! -e "$work/none.pdf" ] && [ -z "$(ls -A "$work" | grep "^\.none")" ]' 'echo "$out"'
sql -c "CREATE ROLE hw_report_nobody LOGIN"
out=$("$cli" --server "$("$cli" server conninfo --user hw_report_nobody)" report "$case_number" -o "$work/denied.pdf" 2>&1)
status=$?
check "a role that may not read the case gets an error, and no file" \
  '[ $status = 1 ] && grep -qi "may not read" <<<"$out" && [ ! -e "$work/denied.pdf" ]' 'echo "$out"'
out=$("$cli" report "$case_number" 2>&1)
status=$?
check "report without --output is a usage error" '[ $status = 2 ]' 'echo "$out"'

# Options: no photos, blurred photos
"$cli" report "$case_number" --no-photos -o "$work/nophotos.pdf" >/dev/null 2>&1
check "--no-photos leaves every picture out" \
  '[ "$(pdfimages -list "$work/nophotos.pdf" 2>/dev/null | tail -n +3 | wc -l)" = 0 ]'
out=$("$cli" --server "$supervisor" report "$case_number" --blur-photos -o "$work/blur.pdf" 2>&1)
status=$?
check "--blur-photos writes a copy that says so" \
  '[ $status = 0 ] && pdfinfo_clean "$work/blur.pdf" && pdftotext "$work/blur.pdf" "$work/blur.txt" &&
   grep -q "blurred" "$work/blur.txt"' 'echo "$out"'
found=""
for p in $phones; do grep -qF "$p" "$work/blur.txt" && found="$found $p"; done
check "a copy for outside the police holds no phone number, even a supervisor's" '[ -z "$found" ]' 'echo "found:$found"'

# More content, more pages: forty long notes on the timeline (twenty in
# 2001, outside a date range), each with a marker that must come out whole.
before=$(pages "$work/sup.pdf")
sql <<SQL
INSERT INTO homeward.verification_step (case_id, kind, outcome, notes, performed_by, performed_at)
SELECT $case_id, 'note', 'REPORT-OUTCOME-' || g,
       'REPORT-MARKER-' || g || ' ' || repeat('走访核实线索，询问目击者并调取监控录像。 checked the footage again. ', 12 + g % 5),
       (SELECT id FROM homeward.officer WHERE login = 'demo_supervisor'),
       CASE WHEN g <= 20 THEN timestamptz '2001-06-01 10:00+08' + g * interval '1 day'
            ELSE timestamptz '2025-01-01 10:00+08' + g * interval '1 day' END
  FROM generate_series(1, 40) g
SQL
"$cli" --server "$supervisor" report "$case_number" -o "$work/long.pdf" >/dev/null 2>&1
after=$(pages "$work/long.pdf")
check "forty more steps take more pages ($before, then $after)" '[ -n "$after" ] && [ "$after" -gt "$before" ]'
check "the longer report opens without a warning" 'pdfinfo_clean "$work/long.pdf"' 'cat "$work/pdfinfo.err"'
pdftotext -nopgbrk "$work/long.pdf" "$work/long.txt"
tr -d '\n' <"$work/long.txt" >"$work/long.flat"
missing=""
for g in $(seq 1 40); do
  grep -q "REPORT-MARKER-$g " "$work/long.flat" || missing="$missing $g"
  [ "$(grep -c "^REPORT-OUTCOME-$g\$" "$work/long.txt")" = 1 ] || missing="$missing outcome-$g"
done
check "every note is there once, none lost at a page break" '[ -z "$missing" ]' 'echo "missing:$missing"'
check "nothing of the longer report is cut at a page's edge" 'within_pages "$work/long.pdf" >"$work/bbox.out"' \
  'head -5 "$work/bbox.out"'
"$cli" report "$case_number" --from 2020-01-01 --to 2030-12-31 -o "$work/range.pdf" >/dev/null 2>&1
pdftotext -nopgbrk "$work/range.pdf" "$work/range.txt"
check "a date range keeps the timeline's steps of the range only" \
  '! grep -q "^REPORT-OUTCOME-5\$" "$work/range.txt" && grep -q "^REPORT-OUTCOME-25\$" "$work/range.txt" &&
   grep -q "Steps from 2020-01-01 to 2030-12-31 only" "$work/range.txt"'

# The unit summary
out=$("$cli" --server "$supervisor" summary --unit SZ -o "$work/summary.pdf" 2>&1)
status=$?
check "summary --unit SZ is written" '[ $status = 0 ] && pdfinfo_clean "$work/summary.pdf"' 'echo "$out"'
pdftotext "$work/summary.pdf" "$work/summary.txt"
open_cases=$(sql -c "SELECT count(*) FROM homeward.abduction_case c JOIN homeward.unit u ON u.id = c.unit_id
                      WHERE u.code = 'SZ' AND c.status IN ('open', 'investigating', 'located')")
first_open=$(sql -c "SELECT c.case_number FROM homeward.abduction_case c JOIN homeward.unit u ON u.id = c.unit_id
                      WHERE u.code = 'SZ' AND c.status = 'investigating' ORDER BY c.id LIMIT 1")
check "it lists the $open_cases open cases" \
  'grep -q "Open cases ($open_cases)" "$work/summary.txt" && grep -q "$first_open" "$work/summary.txt"'
check "it has the status counts, the overdue sightings and the reunions" \
  'grep -q "Cases and sightings by status" "$work/summary.txt" && grep -q "past their triage deadline" "$work/summary.txt" &&
   grep -q "Reunions in the period" "$work/summary.txt"'
check "nothing of the summary is cut at a page's edge" 'within_pages "$work/summary.pdf" >"$work/bbox.out"' \
  'head -5 "$work/bbox.out"'
out=$("$cli" summary --unit NOPE -o "$work/nope.pdf" 2>&1)
status=$?
check "an unknown unit is an error naming it, and no file" \
  '[ $status = 1 ] && grep -q "NOPE" <<<"$out" && [ ! -e "$work/nope.pdf" ]' 'echo "$out"'

echo "1..$n"
[ "$failures" = 0 ]
