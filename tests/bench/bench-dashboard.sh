#!/bin/sh
# Benchmark (not a test): the supervisor's dashboard (issue 5: fully drawn in
# < 500 ms with 100,000 cases and 1,000,000 sightings). Loads demo data into
# a fresh embedded cluster; pgbench asks homeward.dashboard() for a random
# unit's figures 100 times (p50 and p95 from its per-query log); then
# bench-dashboard-ui, under Xvfb, times the figures read, built and drawn in
# a window, as the demo supervisor.
#
#   tests/bench/bench-dashboard.sh [BUILDDIR] [CASES] [SIGHTINGS]
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$top/_build}" && pwd)
cases=${2:-100000}
sightings=${3:-1000000}
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
units=$(psql "$conninfo" -Atc "SELECT max(id) FROM homeward.unit")

cat >"$work/dash.sql" <<SQL
\set unit random(1, $units)
SELECT length(homeward.dashboard(:unit)::text);
SQL
supervisor=$("$cli" server conninfo --user demo_supervisor)
(cd "$work" && pgbench -n -f dash.sql -t 100 -c 1 -l --log-prefix=dash "$supervisor" >/dev/null)
cat "$work"/dash.* | awk '{ print $3 / 1000.0 }' | sort -n | awk '
  { v[NR] = $1 }
  END { printf "homeward.dashboard(unit) over '"$cases"' cases, '"$sightings"' sightings: p50 %.1f ms, p95 %.1f ms, max %.1f ms\n",
        v[int(NR * 0.5)], v[int(NR * 0.95)], v[NR] }'

export GSK_RENDERER="${GSK_RENDERER:-cairo}"
export GSETTINGS_SCHEMA_DIR="$build/data"
xvfb-run -a -s "-screen 0 1280x1024x24" "$build/tests/bench-dashboard-ui" "$supervisor"
