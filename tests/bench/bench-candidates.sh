#!/bin/sh
# Benchmark (not a test): ranking the open cases for one sighting (issue 4:
# target < 50 ms over 100,000 cases).
#
#   tests/bench/bench-candidates.sh [BUILDDIR] [CASES] [SIGHTINGS]
#
# Loads demo data into a fresh embedded cluster, then pgbench asks
# homeward.candidate_cases() for the top 20 of a random sighting, 300 times
# on one connection; p50 and p95 come from pgbench's per-query log.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/_build}
cases=${2:-100000}
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
psql "$conninfo" -qc "VACUUM (ANALYZE)"
psql "$conninfo" -Atc "SELECT 'open cases: ' || count(*) FILTER (WHERE open) || ' of ' || count(*) FROM homeward.case_match_key"

cat >"$work/rank.sql" <<SQL
\set id random(1, $sightings)
SELECT count(*) FROM homeward.candidate_cases(:id, 20);
SQL
(cd "$work" && pgbench -n -f rank.sql -t 300 -c 1 -l --log-prefix=rank "$conninfo" >/dev/null)
cat "$work"/rank.* | awk '{ print $3 / 1000.0 }' | sort -n | awk '
  { v[NR] = $1 }
  END { printf "candidate_cases over '"$cases"' cases, %d sightings ranked: p50 %.1f ms, p95 %.1f ms, max %.1f ms\n",
        NR, v[int(NR * 0.5)], v[int(NR * 0.95)], v[NR] }'
