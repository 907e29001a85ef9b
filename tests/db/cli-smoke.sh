#!/usr/bin/env bash
# homeward-cli as an administrator meets it: every subcommand's --help, the
# embedded server's life cycle, init and migrate run twice, units and officers
# (a password from standard input that then works), and clear errors with a
# non-zero exit status for bad input.
#
# Usage: tests/db/cli-smoke.sh PATH/TO/homeward-cli
set -u

. "$(dirname "$0")/cli-cluster.sh" "$1" cli

# expect STATUS DESCRIPTION COMMAND…: the command exits with STATUS
expect () {
  want=$1; what=$2; shift 2
  out=$("$@" 2>&1); got=$?
  if [ "$got" = "$want" ]; then ok "$what"; else not_ok "$what (exit $got, wanted $want)" "$out"; fi
}

for sub in server init migrate add-unit add-officer demo-data hash near-duplicates add-sighting candidates dashboard import-lab-results access-log; do
  out=$("$cli" "$sub" --help 2>&1)
  if [ $? = 0 ] && grep -q "Usage:" <<<"$out"; then ok "$sub --help"; else not_ok "$sub --help" "$out"; fi
done
expect 0 "--help" "$cli" --help
expect 2 "no command is a usage error" "$cli"
expect 2 "an unknown command is a usage error" "$cli" frobnicate
expect 1 "an invalid connection string is an error" "$cli" --server "host='unterminated" migrate
expect 1 "an unreachable server is an error" "$cli" --server "host=$work/nowhere connect_timeout=2" migrate

# hash: fingerprints of photo files, without a server (it is not started yet).
echo '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAeACgDASIAAhEBAxEB/8QAGgAAAgMBAQAAAAAAAAAAAAAABAUAAQMGAv/EACoQAAIBAwMDAwMFAAAAAAAAAAECAwAEERIhMSJBUQUTYSNx8FKBkbHB/8QAGQEAAgMBAAAAAAAAAAAAAAAAAwQBAgcG/8QAHxEAAgICAgMBAAAAAAAAAAAAAQIAEQMFEiIGFTFB/9oADAMBAAIRAxEAPwDjprW3uyUfplXGk/qzSeexu7fVcQkBBuSDxk8/1VXNxcRqoBClxsR370bZ3LtbhJk2xvjlh5rnQHxoGU2JpDbC35o0UveNM+Q+Su2y80fZ+qOFMRA1KNzjjesksbeeWQxvpU488/atl9LaE++XBOAcDY81UMn2oxg3JsliKhEk6HLTRgP3PgVKudHaDoOrpxuM/wCfFSh9D+1HcfkeFRRgnppS5tQk+4GCFVckYNepFjWQGFm6TjGMftQVnGyTtolYLnIBHP3/AIoyZnCnBBDnJ8ijjMUBAmG+9yjoTc3sIY5R7mrQBtqyM4+KeWsSQQ4eUSgjxvXMRH6iMWcagCdOBvTFJpNQ0tpZCc44NJvyomN4NwzIACRGF0kMEnuYILHOjj871KUzXnu9Lxhic7kn87VKEiCu1yH3zIeLm5//2Q==' | base64 -d >"$work/photo.jpg"
printf 'not a photo' >"$work/note.jpg"
out=$("$cli" hash "$work/photo.jpg" 2>&1)
if [[ "$out" =~ ^[0-9a-f]{64}\ [0-9a-f]{16}\ [0-9a-f]{16}\ "$work/photo.jpg"$ ]]; then
  ok "hash prints sha256, pHash and dHash"
else
  not_ok "hash prints sha256, pHash and dHash" "$out"
fi
expect 1 "hash of a file that is not a photo fails" "$cli" hash "$work/photo.jpg" "$work/note.jpg"
out=$("$cli" hash "$work/note.jpg" "$work/photo.jpg" 2>&1 >/dev/null)
if [[ "$out" == *"note.jpg"* && "$out" != *"photo.jpg"* ]]; then
  ok "... with an error line naming it, the other file still hashed"
else
  not_ok "... with an error line naming it" "$out"
fi
expect 2 "hash needs a file" "$cli" hash

expect 3 "status before start says stopped" "$cli" server status
expect 0 "server start" "$cli" server start
expect 0 "status says running" "$cli" server status

out=$("$cli" init 2>&1)
if [ $? = 0 ] && grep -q "Created the database" <<<"$out"; then ok "init creates"; else not_ok "init creates" "$out"; fi
out=$("$cli" init 2>&1)
if [ $? = 0 ] && grep -q "exists" <<<"$out" && grep -q "Applied 0" <<<"$out"; then ok "init again changes nothing"; else not_ok "init again changes nothing" "$out"; fi
out=$("$cli" migrate 2>&1)
if [ $? = 0 ] && grep -q "up to date" <<<"$out"; then ok "migrate when up to date"; else not_ok "migrate when up to date" "$out"; fi

expect 0 "add-unit" "$cli" add-unit SZ --name 深圳市公安局打拐办 --region 广东
expect 1 "add-unit with a bad code" "$cli" add-unit "sz; DROP" --name x
expect 2 "add-unit without --name" "$cli" add-unit GZ
out=$(printf 'correct horse\n' | "$cli" add-officer li_wei --name 李伟 --unit SZ --role officer --password 2>&1)
if [ $? = 0 ] && grep -q "li_wei" <<<"$out"; then ok "add-officer with a password"; else not_ok "add-officer with a password" "$out"; fi
expect 1 "add-officer in an unknown unit" "$cli" add-officer wang_fang --name 王芳 --unit XX --role officer
expect 2 "add-officer with a bad role" "$cli" add-officer wang_fang --name 王芳 --unit SZ --role chief
expect 2 "add-officer with a bad login" "$cli" add-officer "Robert'); --" --name x --unit SZ --role officer
expect 1 "add-officer --password with nothing on stdin" sh -c "'$cli' add-officer zhao_lei --name 赵磊 --unit SZ --role officer --password </dev/null"

conninfo=$("$cli" server conninfo)
psql=$(command -v psql)
if [ -n "$psql" ]; then
  out=$("$psql" "$conninfo" -Atc "SELECT login || ',' || display_name || ',' || role FROM homeward.officer" 2>&1)
  if [ "$out" = "li_wei,李伟,officer" ]; then ok "conninfo works with psql"; else not_ok "conninfo works with psql" "$out"; fi
  out=$("$psql" "$conninfo" -Atc "SELECT rolpassword LIKE 'SCRAM-SHA-256\$%' FROM pg_authid WHERE rolname = 'li_wei'" 2>&1)
  if [ "$out" = "t" ]; then ok "the password is stored as a SCRAM verifier"; else not_ok "the password is stored as a SCRAM verifier" "$out"; fi

  # An administrator needs no unit; a password typed the Windows way loses its CR; a NUL is refused.
  expect 0 "add-officer: an administrator without a unit" "$cli" add-officer guan_li --name 管理员 --role admin
  expect 2 "add-officer: an officer needs a unit" "$cli" add-officer zhou_qi --name 周琪 --role officer
  expect 0 "add-officer: a password ending in CR LF" sh -c "printf 'correct horse\\r\\n' | '$cli' add-officer li_wei --name 李伟 --unit SZ --role officer --password"
  expect 1 "add-officer: a password with a NUL is refused" sh -c "printf 'correct\\000horse\\n' | '$cli' add-officer li_wei --name 李伟 --unit SZ --role officer --password"
  expect 2 "add-officer: control characters in a name are refused" "$cli" add-officer wu_di --name "$(printf 'x\033[2J')" --unit SZ --role officer

  # near-duplicates: none stored yet; then the photo, stored, finds itself.
  out=$("$cli" near-duplicates "$work/photo.jpg" 2>&1)
  if [ $? = 0 ] && [ -z "$out" ]; then ok "near-duplicates: nothing stored, nothing found"; else not_ok "near-duplicates: nothing stored" "$out"; fi
  phash=$("$cli" hash "$work/photo.jpg" | cut -d' ' -f2)
  "$psql" "$conninfo" -qAt -v ON_ERROR_STOP=1 >/dev/null 2>&1 <<EOF
SET session_replication_role = replica;
WITH s AS (INSERT INTO homeward.sighting (channel) VALUES ('hotline') RETURNING id)
INSERT INTO homeward.photo (sighting_id, content, mime_type, sha256, phash)
SELECT s.id, '\\x00', 'image/jpeg', sha256('x'), ('x' || '$phash')::bit(64)::bigint # 5 FROM s;
EOF
  out=$("$cli" near-duplicates "$work/photo.jpg" 2>&1)
  if [[ "$out" =~ ^[0-9]+\ 2\ sighting\ [0-9]+$ ]]; then ok "near-duplicates finds a photo two bits away, and its sighting"; else not_ok "near-duplicates finds the stored photo" "$out"; fi
  out=$("$cli" near-duplicates --max-distance 1 "$work/photo.jpg" 2>&1)
  if [ -z "$out" ]; then ok "... but not within one bit"; else not_ok "near-duplicates --max-distance 1" "$out"; fi

  # add-sighting: a tip with its photo; a repost of it joins the same group.
  first=$("$cli" add-sighting --channel microblog --source-ref https://weibo.example/smoke/1 \
            --place 广州火车站 --description 火车站乞讨的男孩 --age-min 6 --age-max 8 --sex male \
            --context begging,with_adults --observed-at "2026-03-01 14:30" "$work/photo.jpg" 2>&1)
  if [[ "$first" =~ ^[0-9]+$ ]]; then ok "add-sighting prints the new id"; else not_ok "add-sighting prints the new id" "$first"; fi
  second=$("$cli" add-sighting --channel microblog --source-ref https://weibo.example/smoke/2 "$work/photo.jpg" 2>&1)
  out=$("$psql" "$conninfo" -Atc "SELECT count(DISTINCT repost_group_id) || ',' || count(repost_group_id) FROM homeward.sighting WHERE id IN ($first, $second)" 2>&1)
  if [ "$out" = "1,2" ]; then ok "... and a repost of its photo joins the same repost group"; else not_ok "repost grouped" "$out"; fi
  out=$("$psql" "$conninfo" -Atc "SELECT apparent_sex || ',' || array_to_string(context, '+') || ',' || to_char(observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM homeward.sighting WHERE id = $first" 2>&1)
  if [[ "$out" == male,begging+with_adults,2026-03-0* ]]; then ok "... with the fields given"; else not_ok "add-sighting fields" "$out"; fi
  expect 0 "candidates ranks the open cases for a sighting" "$cli" candidates "$first" --limit 3
  out=$("$cli" candidates "$first" --limit 3 --json 2>&1)
  if [[ "$out" == "["* ]]; then ok "... and prints JSON"; else not_ok "candidates --json" "$out"; fi
  expect 1 "candidates of a sighting that does not exist fails" "$cli" candidates 999999999
  before=$("$psql" "$conninfo" -Atc "SELECT count(*) FROM homeward.sighting")
  expect 1 "add-sighting with a reference its channel has already fails" \
    "$cli" add-sighting --channel microblog --source-ref https://weibo.example/smoke/1 --description 转发
  expect 1 "add-sighting with a file that is not a photo fails" "$cli" add-sighting --channel hotline "$work/note.jpg"
  after=$("$psql" "$conninfo" -Atc "SELECT count(*) FROM homeward.sighting")
  if [ "$before" = "$after" ]; then ok "... and writes nothing"; else not_ok "failed add-sighting wrote nothing" "$before -> $after"; fi
fi
expect 2 "candidates needs a number" "$cli" candidates twelve
expect 2 "add-sighting needs a channel" "$cli" add-sighting
expect 1 "hash refuses /dev/zero at the size limit (reads no more)" "$cli" hash /dev/zero
: >"$work/empty.jpg"
out=$("$cli" hash "$work/empty.jpg" 2>&1)
if grep -q "empty" <<<"$out"; then ok "hash says an empty file is empty"; else not_ok "hash says an empty file is empty" "$out"; fi
printf 'sample,locus,allele1,allele2\nX1,\033[2JD3,15,16\n' >"$work/escape.csv"
out=$("$cli" import-lab-results "$work/escape.csv" 2>&1); status=$?
if [ $status = 1 ] && ! grep -q "$(printf '\033')" <<<"$out" && grep -q 'x1b' <<<"$out"; then
  ok "a lab line's control characters are shown, not sent to the terminal"
else
  not_ok "a lab line's control characters are shown, not sent to the terminal (exit $status)" "$(printf '%q' "$out")"
fi
expect 2 "add-sighting refuses an unknown channel" "$cli" add-sighting --channel pigeon
expect 2 "add-sighting refuses ages the wrong way round" "$cli" add-sighting --channel hotline --age-min 9 --age-max 5
expect 2 "add-sighting refuses a tip received in the future" "$cli" add-sighting --channel hotline --place 深圳 --received-at 2999-01-01
expect 2 "add-sighting refuses a child seen in the future" "$cli" add-sighting --channel hotline --place 深圳 --observed-at 9999-12-31
expect 2 "add-sighting refuses a latitude in hexadecimal" "$cli" add-sighting --channel hotline --place 深圳 --lat 0x10 --lon 114
expect 2 "add-sighting refuses a latitude that is not a number" "$cli" add-sighting --channel hotline --place 深圳 --lat nan --lon 114
out=$("$cli" add-sighting --channel hotline --place 深圳 --reporter-name "$(printf 'x\033[2J')" 2>&1); status=$?
if [ $status = 2 ] && ! grep -q "$(printf '\033')" <<<"$out"; then ok "add-sighting refuses control characters and does not echo them"
else not_ok "add-sighting refuses control characters (exit $status)" "$(printf '%q' "$out")"; fi
expect 2 "near-duplicates refuses a distance beyond 11" "$cli" near-duplicates --max-distance 12 "$work/photo.jpg"
expect 1 "near-duplicates of a file that is not a photo fails" "$cli" near-duplicates "$work/note.jpg"

expect 1 "access-log of no such case fails" "$cli" access-log --case XX-0000-0000
expect 2 "access-log needs --case" "$cli" access-log

expect 0 "server stop" "$cli" server stop
expect 3 "status after stop says stopped" "$cli" server status

echo "1..$n"
[ "$failures" = 0 ]
