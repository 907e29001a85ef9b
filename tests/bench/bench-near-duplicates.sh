#!/bin/sh
# Benchmark (not a test): the near-duplicate photo query over N pHashes
# (issue 4: target < 5 ms over 1,000,000).
#
#   tests/bench/bench-near-duplicates.sh [BUILDDIR] [N]
#
# Starts a fresh embedded cluster and fills homeward.photo with N rows of
# random 64-bit hashes (tiny contents: only the hashes matter here), a
# thousandth of them near copies of others (a few bits flipped). Then
# pgbench asks homeward.near_duplicate_photos() for the hash of a random
# stored photo (it finds itself and its near copies), 2,000 times, on one
# connection; p50 and p95 come from pgbench's per-query log.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/_build}
n=${2:-1000000}
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
conninfo=$("$cli" server conninfo)

start=$(date +%s.%N)
psql "$conninfo" -q -v ON_ERROR_STOP=1 -v n="$n" <<'EOF'
SET session_replication_role = replica;
INSERT INTO homeward.sighting (channel, description) VALUES ('hotline', 'benchmark');
INSERT INTO homeward.photo (sighting_id, content, mime_type, sha256, phash)
SELECT (SELECT min(id) FROM homeward.sighting), '\x00', 'image/jpeg',
       sha256(g::text::bytea),
       (floor(random() * 4294967296)::bigint << 32) # floor(random() * 4294967296)::bigint
  FROM generate_series(1, :n - :n / 1000) AS g;
-- near copies: 1 to 8 bits flipped
INSERT INTO homeward.photo (sighting_id, content, mime_type, sha256, phash)
SELECT sighting_id, content, mime_type, sha256(('near' || id)::bytea),
       phash # (1::bigint << (id % 64)::integer) # (CASE WHEN id % 3 = 0 THEN 1::bigint << ((id / 7) % 64)::integer ELSE 0 END)
  FROM homeward.photo WHERE id % 1000 = 0 LIMIT :n / 1000;
VACUUM ANALYZE homeward.photo;
EOF
end=$(date +%s.%N)
echo "filled $n photos in $(awk "BEGIN { printf \"%.1f\", $end - $start }") s"
psql "$conninfo" -Atc "SELECT 'photos: ' || (SELECT count(*) FROM homeward.photo) || ', block indexes: ' || pg_size_pretty(sum(pg_relation_size(c.oid))) FROM pg_class c WHERE c.relname LIKE 'photo_phash_b%'"

cat >"$work/near.sql" <<EOF
\set id random(1, $n)
SELECT count(*) FROM homeward.near_duplicate_photos((SELECT phash FROM homeward.photo WHERE id = :id), 8);
EOF

# As the superuser: every officer reads every photo (0002), so an officer's
# plan is the same, with no row-level filter.
(cd "$work" && pgbench -n -f near.sql -t 2000 -c 1 -l --log-prefix=near "$conninfo" >/dev/null)
cat "$work"/near.* | awk '{ print $3 / 1000.0 }' | sort -n | awk '
  { v[NR] = $1 }
  END { printf "near_duplicate_photos over %d hashes, %d queries: p50 %.2f ms, p95 %.2f ms, max %.2f ms\n",
        '"$n"', NR, v[int(NR * 0.5)], v[int(NR * 0.95)], v[NR] }'
psql "$conninfo" -Atc "SELECT 'found per query (a random stored photo): ' || round(avg(c), 2) FROM (SELECT (SELECT count(*) FROM homeward.near_duplicate_photos(phash, 8)) AS c FROM homeward.photo WHERE id % 997 = 0) s"
