#!/bin/sh
# Benchmark (not a test): PDF reports (issue 6: a case with 50 linked
# sightings and 20 photos exports in under 1 s; a unit summary of 10,000
# cases in under 5 s). Loads demo data into a fresh embedded cluster (the
# SZ unit gets a fifth of the cases: 50,000 cases make about 10,000 of SZ),
# gives one SZ case 20 photos and 50 linked sightings with 1024x768 JPEGs,
# then bench-report times gathering, layout and writing in process, as the
# demo supervisor, and `homeward-cli report` / `summary` are timed whole
# (process start, connection and all).
#
#   tests/bench/bench-report.sh [BUILDDIR] [CASES] [SIGHTINGS]
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$top/_build}" && pwd)
cases=${2:-50000}
sightings=${3:-100000}
cli="$build/src/homeward-cli"

work=$(mktemp -d /tmp/hw-bench-XXXXXX)
chmod 0711 "$work"
export XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 0700 "$XDG_RUNTIME_DIR"

cleanup () {
  "$cli" server stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"$cli" server start >/dev/null
"$cli" init >/dev/null
"$cli" demo-data --cases "$cases" --sightings "$sightings" --seed 1 >/dev/null
conninfo=$("$cli" server conninfo)
supervisor=$("$cli" server conninfo --user demo_supervisor)
psql "$conninfo" -qc "VACUUM (ANALYZE)"
case_number=$(psql "$conninfo" -Atc "SELECT c.case_number FROM homeward.abduction_case c
                                        JOIN homeward.unit u ON u.id = c.unit_id AND u.code = 'SZ'
                                       WHERE c.status = 'investigating' ORDER BY c.id LIMIT 1")
echo "SZ: $(psql "$conninfo" -Atc "SELECT count(*) FROM homeward.abduction_case c JOIN homeward.unit u ON u.id = c.unit_id WHERE u.code = 'SZ'") cases"

"$build/tests/bench-report" "$conninfo" "$supervisor" "$case_number" SZ

for i in 1 2 3; do
  start=$(date +%s%N)
  "$cli" --server "$supervisor" report "$case_number" -o "$work/case.pdf" >/dev/null
  echo "homeward-cli report $case_number, whole process: $(( ($(date +%s%N) - start) / 1000000 )) ms" \
       "($(pdfinfo "$work/case.pdf" 2>/dev/null | sed -n 's/^Pages: *//p') pages, $(du -k "$work/case.pdf" | cut -f1) kB)"
done
for i in 1 2 3; do
  start=$(date +%s%N)
  "$cli" --server "$supervisor" summary --unit SZ -o "$work/summary.pdf" >/dev/null
  echo "homeward-cli summary --unit SZ, whole process: $(( ($(date +%s%N) - start) / 1000000 )) ms" \
       "($(pdfinfo "$work/summary.pdf" 2>/dev/null | sed -n 's/^Pages: *//p') pages, $(du -k "$work/summary.pdf" | cut -f1) kB)"
done
