#!/bin/sh
# Benchmark (not a test): the case list at a given size (issue 3's figures).
# Starts a fresh embedded cluster, loads demo data, then runs
# bench-case-list under Xvfb as the demo officer: start to first rows,
# search latency by kind of query, frame gaps while typing, RSS after
# scrolling through the whole list.
#
#   tests/bench/bench-case-list.sh [BUILDDIR] [CASES] [SIGHTINGS]
#
# Defaults: _build, 100000 cases, 100000 sightings.
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

# Measure the steady state, not the minutes after a bulk load while
# autovacuum works through it on the same two cores.
psql "$("$cli" server conninfo)" -qc "VACUUM (ANALYZE)"

conninfo=$("$cli" server conninfo -U demo_officer)
# Xvfb has no GPU: GTK's GL renderer would run on Mesa's software rasterizer
# (llvmpipe), slower and bigger than its cairo renderer. Officers' machines
# draw with a GPU; measure the application, not llvmpipe. Override by
# setting GSK_RENDERER.
export GSK_RENDERER="${GSK_RENDERER:-cairo}"
export GSETTINGS_SCHEMA_DIR="$build/data"
xvfb-run -a -s "-screen 0 1280x800x24" "$build/tests/bench-case-list" "$conninfo"
