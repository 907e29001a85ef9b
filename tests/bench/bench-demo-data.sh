#!/bin/sh
# Benchmark (not a test): demo data generation at a given size on a fresh
# embedded cluster, and pgbench -S on the same cluster as a reference for the
# database's own speed.
#
#   tests/bench/bench-demo-data.sh [BUILDDIR] [CASES] [SIGHTINGS]
#
# Defaults: _build, 100000 cases, 1000000 sightings (issue 2's figure).
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

"$cli" server start
"$cli" init >/dev/null

start=$(date +%s.%N)
"$cli" demo-data --cases "$cases" --sightings "$sightings" --seed 1
end=$(date +%s.%N)
echo "demo-data: $cases cases, $sightings sightings: $(awk "BEGIN { printf \"%.1f\", $end - $start }") s"

conninfo=$("$cli" server conninfo)
psql "$conninfo" -Atc "SELECT 'database size: ' || pg_size_pretty(pg_database_size(current_database()))"
for t in abduction_case person family_member sighting photo repost_group case_link verification_step dna_sample reunion; do
  psql "$conninfo" -Atc "SELECT '$t: ' || count(*) FROM homeward.$t"
done

bindir=$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | tail -n 1)
pgconn=$("$cli" server conninfo --dbname postgres)
psql "$pgconn" -qc "DROP DATABASE IF EXISTS pgbench" -c "CREATE DATABASE pgbench"
bench=$("$cli" server conninfo --dbname pgbench)
"$bindir/pgbench" -q -i -s 10 "$bench" >/dev/null 2>&1
"$bindir/pgbench" -S -c 2 -j 2 -T 20 "$bench" | grep -E "^(tps|number of transactions)"
