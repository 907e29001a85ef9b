#!/bin/sh
# Benchmark (not a test): the inbox's first rows with 1,000,000 sightings
# (issue 4: target < 400 ms). Loads demo data into a fresh embedded cluster,
# then runs bench-inbox as the demo officer: from connecting to the first
# rows, the first page in each order and scope, pages further down, and the
# sidebar's counts.
#
#   tests/bench/bench-inbox.sh [BUILDDIR] [CASES] [SIGHTINGS]
#
# Defaults: _build, 100000 cases, 1000000 sightings.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/_build}
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

# The steady state, not the minutes after a bulk load while autovacuum works.
psql "$("$cli" server conninfo)" -qc "VACUUM (ANALYZE)"
psql "$("$cli" server conninfo)" -Atc "SELECT 'sightings: ' || count(*) || ', in the inbox: ' || count(*) FILTER (WHERE status IN ('new', 'triaged', 'verifying')) FROM homeward.sighting"

"$build/tests/bench-inbox" "$("$cli" server conninfo -U demo_officer)"
