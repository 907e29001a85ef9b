#!/usr/bin/env bash
# Smoke test of the SQL migrations in data/sql/ against a throwaway PostgreSQL
# cluster.  Applies the files exactly as the C migration runner does (bootstrap,
# then per file: BEGIN; <file as one simple query>; INSERT INTO schema_migrations; COMMIT;)
# and checks status rules, audit, append-only tables, RLS, search, NOTIFY and the
# change log.  Exit status 0 when every check passes.
#
# Usage: tests/db/schema-smoke.sh        (PG_BINDIR overrides the PostgreSQL bin dir)
# Works as root (server runs as the postgres account) and as a normal user.

set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SQLDIR=$ROOT/data/sql

BIN=${PG_BINDIR:-}
if [ -z "$BIN" ]; then
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        BIN=$(pg_config --bindir)
    else
        BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    fi
fi
if [ ! -x "$BIN/initdb" ]; then
    echo "schema-smoke: PostgreSQL server binaries not found (install postgresql)" >&2
    exit 2
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/hw-smoke.XXXXXX")
chmod 755 "$TMP"
if [ "$(id -u)" = 0 ]; then
    chown postgres "$TMP"
    AS_PG=(runuser -u postgres --)
    SU=postgres
else
    AS_PG=()
    SU=$(id -un)
fi

cleanup() {
    "${AS_PG[@]}" "$BIN/pg_ctl" -D "$TMP/data" -m fast -w stop >/dev/null 2>&1
    rm -rf "$TMP"
}
trap cleanup EXIT

"${AS_PG[@]}" "$BIN/initdb" -D "$TMP/data" -E UTF8 --locale=C.UTF-8 --auth=trust -U "$SU" >"$TMP/initdb.log" 2>&1 \
    || { cat "$TMP/initdb.log"; echo "schema-smoke: initdb failed" >&2; exit 2; }
"${AS_PG[@]}" "$BIN/pg_ctl" -D "$TMP/data" -w -l "$TMP/server.log" \
    -o "-k $TMP -c listen_addresses=''" start >/dev/null \
    || { cat "$TMP/server.log"; echo "schema-smoke: server did not start" >&2; exit 2; }

PSQL=("$BIN/psql" -X -h "$TMP")
FAIL=0
NCHECK=0
pass() { NCHECK=$((NCHECK + 1)); echo "ok   - $1"; }
bad()  { NCHECK=$((NCHECK + 1)); FAIL=$((FAIL + 1)); echo "FAIL - $1"; [ -n "${2:-}" ] && printf '       %s\n' "$2"; }

# q WHO DB SQL : run SQL (one simple query), print tuples only; exit status of psql
q() { "${PSQL[@]}" -At -q -v ON_ERROR_STOP=1 -U "$1" -d "$2" -c "$3" 2>&1; }

# eq NAME WHO DB SQL EXPECTED
eq() {
    local out
    out=$(q "$2" "$3" "$4")
    if [ $? -eq 0 ] && [ "$out" = "$5" ]; then pass "$1"; else bad "$1" "expected [$5] got [$out]"; fi
}
# ok NAME WHO DB SQL
ok() {
    local out
    if out=$(q "$2" "$3" "$4"); then pass "$1"; else bad "$1" "$out"; fi
}
# err NAME WHO DB SQLSTATE SQL : must fail with that SQLSTATE
err() {
    local out
    out=$(printf '\\set VERBOSITY verbose\n%s\n' "$5" |
          "${PSQL[@]}" -At -q -v ON_ERROR_STOP=1 -U "$2" -d "$3" 2>&1)
    if [ $? -ne 0 ] && grep -q "ERROR:  $4:" <<<"$out"; then pass "$1"; else bad "$1" "expected SQLSTATE $4, got: $out"; fi
}

# The runner: bootstrap, then each file not yet recorded, in one transaction each.
migrate() {
    local db=$1 f b v n done
    q "$SU" "$db" "CREATE SCHEMA IF NOT EXISTS homeward; CREATE TABLE IF NOT EXISTS homeward.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());" >/dev/null || return 1
    for f in "$SQLDIR"/[0-9][0-9][0-9][0-9]-*.sql; do
        b=$(basename "$f" .sql); v=$((10#${b%%-*})); n=${b#*-}
        done=$(q "$SU" "$db" "SELECT count(*) FROM homeward.schema_migrations WHERE version = $v") || return 1
        [ "$done" = 1 ] && continue
        q "$SU" "$db" "BEGIN;
$(cat "$f")
;
INSERT INTO homeward.schema_migrations (version, name) VALUES ($v, '$n'); COMMIT;" || { echo "migration $b failed" >&2; return 1; }
    done
}
createdb() {
    q "$SU" postgres "CREATE DATABASE $1 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0" >/dev/null
}

DB=homeward
S="$SU"

echo "# migrations"
createdb $DB || exit 1
if out=$(migrate $DB 2>&1); then pass "migrations apply to an empty database"; else bad "migrations apply to an empty database" "$out"; echo "cannot continue"; exit 1; fi
before=$(q $S $DB "SELECT string_agg(version || name || applied_at, ',' ORDER BY version) FROM homeward.schema_migrations")
if out=$(migrate $DB 2>&1); then pass "re-running the runner succeeds"; else bad "re-running the runner succeeds" "$out"; fi
eq "re-run is a no-op (records unchanged)" $S $DB \
   "SELECT string_agg(version || name || applied_at, ',' ORDER BY version) FROM homeward.schema_migrations" "$before"
createdb homeward2
if out=$(migrate homeward2 2>&1); then pass "second database in the same cluster migrates (roles exist)"; else bad "second database in the same cluster migrates" "$out"; fi
eq "all tables owned by homeward_owner" $S $DB \
   "SELECT count(*) FROM pg_tables WHERE schemaname = 'homeward' AND tablename <> 'schema_migrations' AND tableowner <> 'homeward_owner'" 0
eq "RLS enabled and forced on every table" $S $DB \
   "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'homeward' AND c.relkind = 'r' AND c.relname <> 'schema_migrations' AND NOT (c.relrowsecurity AND c.relforcerowsecurity)" 0
eq "supervisor is an officer, admin is not" $S $DB \
   "SELECT pg_has_role('homeward_supervisor','homeward_officer','MEMBER')::text || pg_has_role('homeward_admin','homeward_officer','MEMBER')::text" "truefalse"

echo "# set-up: units, officers, cases"
ok "create units and officers" $S $DB "
  SELECT homeward.create_unit('SZ', '深圳市公安局打拐办', '440300');
  SELECT homeward.create_unit('GZ', '广州市公安局打拐办', '440100');
  SELECT homeward.create_unit('SZ', '深圳市公安局打拐办', '440300');   -- idempotent
  SELECT homeward.create_officer('off_a1', '李警官', 'SZ', 'officer');
  SELECT homeward.create_officer('sup_a', '王队长', 'SZ', 'supervisor');
  SELECT homeward.create_officer('sup_a2', '赵队长', 'SZ', 'supervisor');
  SELECT homeward.create_officer('off_b1', '陈警官', 'GZ', 'officer');
  SELECT homeward.create_officer('off_b2', '周警官', 'GZ', 'officer');
  SELECT homeward.create_officer('sup_b', '孙队长', 'GZ', 'supervisor');
  SELECT homeward.create_officer('adm', 'Admin', NULL, 'admin');
  SELECT homeward.create_officer('off_a1', '李警官', 'SZ', 'officer');  -- idempotent"
eq "create_unit is idempotent" $S $DB "SELECT count(*) FROM homeward.unit" 2
err "create_officer validates the login" $S $DB 22023 "SELECT homeward.create_officer('Bad-Login', 'x', 'SZ', 'officer')"
err "create_officer validates the role" $S $DB 22023 "SELECT homeward.create_officer('xyz', 'x', 'SZ', 'boss')"
eq "identity helpers" off_a1 $DB \
   "SELECT homeward.current_officer_id() = (SELECT id FROM homeward.officer WHERE login='off_a1'), homeward.current_unit_id() = (SELECT id FROM homeward.unit WHERE code='SZ'), homeward.is_supervisor(), homeward.is_admin()" \
   "t|t|f|f"
eq "SET ROLE cannot spoof identity" sup_a $DB \
   "SET ROLE homeward_officer; SELECT homeward.current_officer_id() = (SELECT id FROM homeward.officer WHERE login='sup_a'), homeward.is_supervisor()" "t|t"

ok "officer A records a case with child and family member" off_a1 $DB "
  WITH c AS (INSERT INTO homeward.person (kind, family_name, given_name, family_name_latin, given_name_latin, sex, birth_date)
             VALUES ('child', '彭', '文乐', 'Peng', 'Wenle', 'male', '2005-03-01') RETURNING id)
  INSERT INTO homeward.abduction_case (case_number, child_id, abducted_at, place_text, circumstances, assigned_officer_id)
  SELECT 'SZ-2008-0142', id, '2008-03-21 10:00+08', '深圳市福田区', '在诊所门口被带走', homeward.current_officer_id() FROM c;
  WITH p AS (INSERT INTO homeward.person (kind, family_name, given_name) VALUES ('relative', '彭', '高峰') RETURNING id)
  INSERT INTO homeward.family_member (case_id, person_id, relationship, phone, address, dna_given)
  SELECT (SELECT id FROM homeward.abduction_case WHERE case_number = 'SZ-2008-0142'), id, 'father',
         '138-0013-8000', '深圳市福田区某街道', true FROM p;
  INSERT INTO homeward.person (kind, family_name, given_name) VALUES ('child', '张', '文静');"
ok "officer B records a case with child and family member" off_b1 $DB "
  WITH c AS (INSERT INTO homeward.person (kind, family_name, given_name, sex) VALUES ('child', '李', '娜', 'female') RETURNING id)
  INSERT INTO homeward.abduction_case (case_number, child_id, place_text, assigned_officer_id)
  SELECT 'GZ-2009-0007', id, '广州市', homeward.current_officer_id() FROM c;
  WITH p AS (INSERT INTO homeward.person (kind, family_name, given_name) VALUES ('relative', '李', '大明') RETURNING id)
  INSERT INTO homeward.family_member (case_id, person_id, relationship, phone)
  SELECT (SELECT id FROM homeward.abduction_case WHERE case_number = 'GZ-2009-0007'), id, 'father', '13912345678' FROM p;
  INSERT INTO homeward.dna_sample (family_member_id, lab, kit)
  SELECT id, 'GZ lab', 'Goldeneye 20A' FROM homeward.family_member;
  INSERT INTO homeward.dna_str_allele (sample_id, locus, allele1, allele2)
  SELECT id, 'D3S1358', 15, 16 FROM homeward.dna_sample;
  INSERT INTO homeward.dna_custody_event (sample_id, event) SELECT id, 'collected' FROM homeward.dna_sample;"
eq "new case gets version 1 and a default unit" off_a1 $DB \
   "SELECT c.version, u.code FROM homeward.abduction_case c JOIN homeward.unit u ON u.id = c.unit_id WHERE case_number = 'SZ-2008-0142'" "1|SZ"

echo "# row-level security"
eq "officer A sees only own unit's family members" off_a1 $DB \
   "SELECT string_agg(x.phone, ',') FROM homeward.family_member fm, LATERAL homeward.read_family_contacts(fm.case_id) x
     WHERE x.family_member_id = fm.id" "138-0013-8000"
eq "officer A sees no unit B family phone" off_a1 $DB \
   "SELECT count(*) FROM homeward.family_member fm JOIN homeward.abduction_case c ON c.id = fm.case_id WHERE c.case_number = 'GZ-2009-0007'" 0
eq "officer A reads unit B's case and child name" off_a1 $DB \
   "SELECT c.case_number || ' ' || p.family_name || p.given_name FROM homeward.abduction_case c JOIN homeward.person p ON p.id = c.child_id WHERE c.case_number = 'GZ-2009-0007'" "GZ-2009-0007 李娜"
eq "officer A cannot read unit B's relative person row" off_a1 $DB \
   "SELECT count(*) FROM homeward.person WHERE given_name = '大明'" 0
eq "officer A sees no unit B DNA rows" off_a1 $DB \
   "SELECT (SELECT count(*) FROM homeward.dna_sample) + (SELECT count(*) FROM homeward.dna_str_allele) + (SELECT count(*) FROM homeward.dna_custody_event)" 0
eq "officer B sees own DNA rows" off_b1 $DB \
   "SELECT (SELECT count(*) FROM homeward.dna_sample)::text || (SELECT count(*) FROM homeward.dna_str_allele) || (SELECT count(*) FROM homeward.dna_custody_event)" 111
eq "an officer of unit B not assigned to the case sees the sample, not its STR profile" off_b2 $DB \
   "SELECT (SELECT count(*) FROM homeward.dna_sample)::text || (SELECT count(*) FROM homeward.dna_str_allele) || (SELECT count(*) FROM homeward.dna_custody_event)" 101
err "... and cannot record one" off_b2 $DB 42501 \
   "INSERT INTO homeward.dna_str_allele (sample_id, locus, allele1, allele2) SELECT id, 'vWA', 14, 17 FROM homeward.dna_sample"
err "... nor a lab result" off_b2 $DB 42501 \
   "INSERT INTO homeward.dna_comparison (child_sample_id, father_sample_id, conclusion) SELECT id, id + 1000000, 'match' FROM homeward.dna_sample"
eq "the supervisor of unit B reads the STR profile" sup_b $DB "SELECT count(*) FROM homeward.dna_str_allele" 1
eq "officer A cannot update unit B's case (0 rows)" off_a1 $DB \
   "UPDATE homeward.abduction_case SET circumstances = 'x' WHERE case_number = 'GZ-2009-0007' RETURNING id" ""
err "officer A cannot create a case for unit B" off_a1 $DB 42501 \
   "INSERT INTO homeward.abduction_case (case_number, child_id, unit_id) SELECT 'GZ-2010-0001', child_id, unit_id FROM homeward.abduction_case WHERE case_number = 'GZ-2009-0007'"
err "officer A cannot move own case to unit B" off_a1 $DB 42501 \
   "UPDATE homeward.abduction_case SET unit_id = (SELECT id FROM homeward.unit WHERE code = 'GZ') WHERE case_number = 'SZ-2008-0142'"
err "officer A cannot add a family member to unit B's case" off_a1 $DB 42501 \
   "INSERT INTO homeward.family_member (case_id, person_id, relationship) SELECT c.id, p.id, 'mother' FROM homeward.abduction_case c, homeward.person p WHERE c.case_number = 'GZ-2009-0007' AND p.given_name = '文静'"
eq "(B's relative id is known to the test only)" $S $DB "SELECT count(*) FROM homeward.person WHERE given_name = '大明'" 1
BREL=$(q $S $DB "SELECT id FROM homeward.person WHERE given_name = '大明'")
err "officer A cannot use unit B's relative as family member" off_a1 $DB 42501 \
   "INSERT INTO homeward.family_member (case_id, person_id, relationship) SELECT id, $BREL, 'mother' FROM homeward.abduction_case WHERE case_number = 'SZ-2008-0142'"
err "officer A cannot use unit B's relative as a case child" off_a1 $DB HW008 \
   "INSERT INTO homeward.abduction_case (case_number, child_id) VALUES ('SZ-2012-0001', $BREL)"
err "a case child must be a person of kind child" off_a1 $DB HW008 \
   "WITH p AS (INSERT INTO homeward.person (family_name) VALUES ('王') RETURNING id) INSERT INTO homeward.abduction_case (case_number, child_id) SELECT 'SZ-2012-0002', id FROM p"
err "officers cannot delete cases" off_a1 $DB 42501 "DELETE FROM homeward.abduction_case WHERE case_number = 'SZ-2008-0142'"
eq "supervisor of unit A also sees no unit B family rows" sup_a $DB "SELECT count(*) FROM homeward.family_member" 1
eq "admin reads everything" adm $DB "SELECT (SELECT count(*) FROM homeward.family_member) || '/' || (SELECT count(*) FROM homeward.dna_sample)" "2/1"
err "admin writes no case data" adm $DB 42501 "UPDATE homeward.abduction_case SET circumstances = 'x'"
err "officer cannot read the audit log" off_a1 $DB 42501 "SELECT count(*) FROM homeward.audit_log"
eq "supervisor A reads audit rows but not unit B's family rows" sup_a $DB \
   "SELECT count(*) > 0, count(*) FILTER (WHERE table_name = 'family_member' AND new_row->>'phone' = '13912345678') FROM homeward.audit_log" "t|0"
err "officer cannot write the audit log" off_a1 $DB 42501 "INSERT INTO homeward.audit_log (table_name, row_id, action) VALUES ('x', 1, 'INSERT')"
err "officer cannot manage officers" off_a1 $DB 42501 "UPDATE homeward.officer SET display_name = 'x'"
ok "admin manages units" adm $DB "UPDATE homeward.unit SET region = '440300' WHERE code = 'SZ'"

echo "# case status transitions"
CASE_A="WHERE case_number = 'SZ-2008-0142'"
err "open -> reunited refused" off_a1 $DB HW001 "UPDATE homeward.abduction_case SET status = 'reunited' $CASE_A"
err "open -> located refused" off_a1 $DB HW001 "UPDATE homeward.abduction_case SET status = 'located' $CASE_A"
err "open -> cold without reason refused" off_a1 $DB HW002 "UPDATE homeward.abduction_case SET status = 'cold' $CASE_A"
err "open -> closed by an officer refused" off_a1 $DB HW003 "UPDATE homeward.abduction_case SET status = 'closed', status_reason = 'dup' $CASE_A"
err "new case as closed refused" off_a1 $DB HW001 \
   "INSERT INTO homeward.abduction_case (case_number, child_id, status) SELECT 'SZ-2011-0001', child_id, 'closed' FROM homeward.abduction_case $CASE_A"
ok "open -> investigating -> located allowed" off_a1 $DB \
   "UPDATE homeward.abduction_case SET status = 'investigating' $CASE_A; UPDATE homeward.abduction_case SET status = 'located' $CASE_A"
eq "version bumped per update" off_a1 $DB "SELECT version FROM homeward.abduction_case $CASE_A" 3
err "located -> reunited without signed-off reunion refused" off_a1 $DB HW004 "UPDATE homeward.abduction_case SET status = 'reunited' $CASE_A"

echo "# reunion sign-off"
ok "supervisor A proposes a reunion" sup_a $DB \
   "INSERT INTO homeward.reunion (case_id, reunited_on, place, family_present) SELECT id, current_date, '深圳', '父亲' FROM homeward.abduction_case $CASE_A"
err "proposing supervisor cannot sign off" sup_a $DB HW006 \
   "UPDATE homeward.reunion SET signed_off_by = homeward.current_officer_id()"
err "an officer cannot sign off" off_a1 $DB HW003 \
   "UPDATE homeward.reunion SET signed_off_by = homeward.current_officer_id()"
err "a supervisor cannot sign off in someone else's name" sup_a2 $DB HW006 \
   "UPDATE homeward.reunion SET signed_off_by = (SELECT id FROM homeward.officer WHERE login = 'off_a1')"
err "unit B cannot see or sign unit A's reunion (0 rows)" off_b1 $DB HW000 "DO \$\$BEGIN IF EXISTS (SELECT 1 FROM homeward.reunion) THEN RAISE EXCEPTION 'visible'; END IF; RAISE EXCEPTION 'invisible' USING ERRCODE = 'HW000'; END\$\$"
err "child of 16+ needs a decision before sign-off" sup_a2 $DB HW007 \
   "UPDATE homeward.reunion SET signed_off_by = homeward.current_officer_id()"
ok "second supervisor signs off" sup_a2 $DB \
   "UPDATE homeward.reunion SET child_decision = 'return', signed_off_by = homeward.current_officer_id()"
eq "sign-off time set" sup_a2 $DB "SELECT signed_off_at IS NOT NULL FROM homeward.reunion" t
err "signed-off reunion is frozen" sup_a $DB HW006 "UPDATE homeward.reunion SET notes = 'x'"
eq "the located case became reunited at sign-off" off_a1 $DB "SELECT status FROM homeward.abduction_case $CASE_A" reunited
ok "a sample from the case page" off_a1 $DB \
   "SELECT homeward.add_dna_sample(c.id, fm.id, NULL, NULL, ' 市局 ', 'SMOKE-REF-1', NULL)
      FROM homeward.abduction_case c JOIN homeward.family_member fm ON fm.case_id = c.id
     WHERE c.case_number = 'SZ-2008-0142' LIMIT 1"
eq "... with its collection as the first custody event, by the officer" off_a1 $DB \
   "SELECT count(*) FROM homeward.dna_custody_event e JOIN homeward.dna_sample s ON s.id = e.sample_id
     WHERE s.lab_reference = 'SMOKE-REF-1' AND e.event = 'collected' AND s.lab = '市局'
       AND e.officer_id = homeward.current_officer_id() AND s.collected_by = e.officer_id" 1
FM_B=$(q $S $DB "SELECT fm.id FROM homeward.family_member fm JOIN homeward.abduction_case c ON c.id = fm.case_id
                  WHERE c.case_number = 'GZ-2009-0007' LIMIT 1")
err "a sample of another case's relative refused" off_a1 $DB HW011 \
   "SELECT homeward.add_dna_sample(c.id, ${FM_B:-0}, NULL, NULL, 'lab', 'SMOKE-REF-2', NULL)
      FROM homeward.abduction_case c WHERE c.case_number = 'SZ-2008-0142'"
err "reunited -> closed by an officer refused" off_a1 $DB HW003 "UPDATE homeward.abduction_case SET status = 'closed' $CASE_A"
ok "reunited -> closed by a supervisor" sup_a $DB "UPDATE homeward.abduction_case SET status = 'closed' $CASE_A"
err "closed -> investigating refused" sup_a $DB HW001 "UPDATE homeward.abduction_case SET status = 'investigating', status_reason = 'x' $CASE_A"
err "supervisor A cannot close unit B's case (0 rows -> nothing)" sup_a $DB HW000 \
   "DO \$\$DECLARE n int; BEGIN UPDATE homeward.abduction_case SET status = 'closed', status_reason = 'x' WHERE case_number = 'GZ-2009-0007'; GET DIAGNOSTICS n = ROW_COUNT; RAISE EXCEPTION 'rows %', n USING ERRCODE = CASE WHEN n = 0 THEN 'HW000' ELSE 'HW999' END; END\$\$"
ok "cold with reason, then back to investigating" off_b1 $DB \
   "UPDATE homeward.abduction_case SET status = 'cold', status_reason = 'no leads' WHERE case_number = 'GZ-2009-0007';
    UPDATE homeward.abduction_case SET status = 'investigating', status_reason = 'new tip' WHERE case_number = 'GZ-2009-0007'"

echo "# sightings"
ok "officer B records sightings (shared pool)" off_b1 $DB "
  INSERT INTO homeward.sighting (channel, source_ref, description, place_text, priority, received_at, reporter_contact, context)
  VALUES ('microblog', 'https://weibo.example/1', '火车站附近乞讨的男孩，约十岁', '广州火车站', 'urgent', '2026-01-01 08:00+00', '138 0013 9999', '{begging,with_adults}'),
         ('hotline', 'call-0001', '市场里的女孩', '广州', 'low', '2026-01-01 08:00+00', NULL, '{}')"
eq "triage deadline from priority" off_a1 $DB \
   "SELECT string_agg(to_char(triage_deadline AT TIME ZONE 'UTC', 'DD HH24'), ',' ORDER BY id) FROM homeward.sighting" "01 12,04 08"
err "unique source reference per channel" off_a1 $DB 23505 \
   "INSERT INTO homeward.sighting (channel, source_ref) VALUES ('microblog', 'https://weibo.example/1')"
err "a new sighting must start as new" off_a1 $DB HW001 "INSERT INTO homeward.sighting (channel, status) VALUES ('patrol', 'confirmed')"
SIGHT="WHERE source_ref = 'call-0001'"
err "new -> confirmed refused" off_a1 $DB HW001 "UPDATE homeward.sighting SET status = 'confirmed', status_reason = 'x' $SIGHT"
err "status change without reason refused" off_a1 $DB HW002 "UPDATE homeward.sighting SET status = 'triaged' $SIGHT"
ok "new -> triaged -> no_match with reasons (officer of another unit)" off_a1 $DB \
   "UPDATE homeward.sighting SET status = 'triaged', status_reason = 'photo usable' $SIGHT;
    UPDATE homeward.sighting SET status = 'no_match', status_reason = 'no candidate' $SIGHT"
err "re-open by an officer refused" off_a1 $DB HW003 "UPDATE homeward.sighting SET status = 'triaged', status_reason = 'again' $SIGHT"
ok "re-open by a supervisor" sup_a $DB "UPDATE homeward.sighting SET status = 'triaged', status_reason = 'new photo' $SIGHT"
err "apparent age range checked" off_a1 $DB 23514 "INSERT INTO homeward.sighting (channel, apparent_age_min, apparent_age_max) VALUES ('patrol', 9, 5)"
ok "link and verification step" off_a1 $DB "
  INSERT INTO homeward.case_link (sighting_id, case_id, confidence, rationale)
  SELECT s.id, c.id, 'possible', '年龄和地点相符' FROM homeward.sighting s, homeward.abduction_case c
   WHERE s.source_ref = 'https://weibo.example/1' AND c.case_number = 'GZ-2009-0007';
  INSERT INTO homeward.verification_step (link_id, kind, outcome, notes)
  SELECT id, 'field_check', 'inconclusive', '现场未找到' FROM homeward.case_link;"
err "rationale required" off_a1 $DB 23514 \
   "INSERT INTO homeward.case_link (sighting_id, case_id, confidence, rationale) SELECT s.id, c.id, 'possible', ' ' FROM homeward.sighting s, homeward.abduction_case c WHERE s.source_ref = 'call-0001' AND c.case_number = 'GZ-2009-0007'"
err "one active link per sighting and case" off_a1 $DB 23505 \
   "INSERT INTO homeward.case_link (sighting_id, case_id, confidence, rationale) SELECT sighting_id, case_id, 'probable', 'again' FROM homeward.case_link"
err "withdrawing a link needs a reason" off_b1 $DB 23514 \
   "UPDATE homeward.case_link SET state = 'withdrawn' WHERE confidence = 'possible'"
eq "the linking officer of another unit cannot withdraw it (0 rows): the case's unit does" off_a1 $DB \
   "UPDATE homeward.case_link SET state = 'withdrawn', withdrawn_reason = 'x' RETURNING id" ""
ok "withdraw a link with a reason (the case's unit), link again" off_b1 $DB "
  UPDATE homeward.case_link SET state = 'withdrawn', withdrawn_reason = '核实后非同一儿童' WHERE confidence = 'possible';
  INSERT INTO homeward.case_link (sighting_id, case_id, confidence, rationale)
  SELECT sighting_id, case_id, 'probable', '新照片比对相符' FROM homeward.case_link WHERE state = 'withdrawn'"
err "links are withdrawn, never deleted" off_a1 $DB 42501 "DELETE FROM homeward.case_link"
eq "links audited: the link, its withdrawal with the reason, the new link" adm $DB \
   "SELECT string_agg(action || ':' || coalesce(new_row->>'state', '') || ':' || coalesce(new_row->>'withdrawn_reason', ''), ',' ORDER BY id)
      FROM homeward.audit_log WHERE table_name = 'case_link'" \
   "INSERT:active:,UPDATE:withdrawn:核实后非同一儿童,INSERT:active:"
eq "status changes audited with their reason" adm $DB \
   "SELECT string_agg((old_row->>'status') || '>' || (new_row->>'status') || ':' || (new_row->>'status_reason'), ',' ORDER BY id)
      FROM homeward.audit_log WHERE table_name = 'sighting' AND action = 'UPDATE'
       AND old_row->>'status' IS DISTINCT FROM new_row->>'status'" \
   "new>triaged:photo usable,triaged>no_match:no candidate,no_match>triaged:new photo"
eq "a verification step in somebody else's name is recorded in one's own" off_a1 $DB \
   "INSERT INTO homeward.verification_step (sighting_id, kind, performed_by) SELECT s.id, 'note', o.id FROM homeward.sighting s, homeward.officer o WHERE o.login = 'off_b1' LIMIT 1
    RETURNING performed_by = homeward.current_officer_id()" t
ok "photo with hash blocks" off_a1 $DB "
  INSERT INTO homeward.photo (sighting_id, content, mime_type, sha256, phash, width, height)
  SELECT id, '\\x89504e47'::bytea, 'image/png', sha256('\\x89504e47'::bytea), x'0123456789abcdef'::bigint, 10, 10
    FROM homeward.sighting WHERE source_ref = 'call-0001'"
eq "phash blocks" off_a1 $DB "SELECT phash_b0, phash_b1, phash_b2, phash_b3 FROM homeward.photo" "52719|35243|17767|291"
eq "photo audit row stores length, not content" adm $DB \
   "SELECT (new_row ? 'content')::text || (new_row->>'content_bytes') FROM homeward.audit_log WHERE table_name = 'photo'" "false4"

echo "# append-only"
for t in audit_log verification_step; do
    col=table_name; [ $t = verification_step ] && col=notes
    err "$t: UPDATE refused for the superuser" $S $DB HW005 "UPDATE homeward.$t SET $col = $col"
    err "$t: DELETE refused for the superuser" $S $DB HW005 "DELETE FROM homeward.$t"
    err "$t: TRUNCATE refused for the superuser" $S $DB HW005 "TRUNCATE homeward.$t"
    err "$t: DELETE refused even in replica mode" $S $DB HW005 "SET session_replication_role = replica; DELETE FROM homeward.$t"
    err "$t: UPDATE refused for the admin" adm $DB 42501 "UPDATE homeward.$t SET $col = $col"
    err "$t: DELETE refused for the admin" adm $DB 42501 "DELETE FROM homeward.$t"
    err "$t: TRUNCATE refused for the admin" adm $DB 42501 "TRUNCATE homeward.$t"
    err "$t: DELETE refused for a supervisor" sup_a $DB 42501 "DELETE FROM homeward.$t"
done
err "verification_step: UPDATE refused for an officer" off_a1 $DB 42501 "UPDATE homeward.verification_step SET notes = 'x'"

echo "# audit"
eq "every insert audited (cases, persons, family, sightings)" adm $DB "
  SELECT bool_and(n_rows = n_audit) FROM (
    SELECT 'abduction_case' t, (SELECT count(*) FROM homeward.abduction_case) n_rows UNION ALL
    SELECT 'person', (SELECT count(*) FROM homeward.person) UNION ALL
    SELECT 'family_member', (SELECT count(*) FROM homeward.family_member) UNION ALL
    SELECT 'sighting', (SELECT count(*) FROM homeward.sighting) UNION ALL
    SELECT 'verification_step', (SELECT count(*) FROM homeward.verification_step) UNION ALL
    SELECT 'reunion', (SELECT count(*) FROM homeward.reunion)) r
  JOIN LATERAL (SELECT count(*) n_audit FROM homeward.audit_log a WHERE a.table_name = r.t AND a.action = 'INSERT') a ON true" t
eq "every case update audited with old/new, role and officer" adm $DB "
  SELECT count(*), string_agg(DISTINCT db_role, ','), bool_and(officer_id IS NOT NULL),
         bool_and((old_row->>'version')::int + 1 = (new_row->>'version')::int)
    FROM homeward.audit_log WHERE table_name = 'abduction_case' AND action = 'UPDATE'
     AND row_id = (SELECT id FROM homeward.abduction_case $CASE_A)" "4|off_a1,sup_a,sup_a2|t|t"
before=$(q adm $DB "SELECT count(*) FROM homeward.audit_log")
ok "an update" off_a1 $DB "UPDATE homeward.person SET nicknames = '{乐乐}' WHERE given_name = '文乐'"
eq "the update wrote one audit row" adm $DB "SELECT count(*) - $before FROM homeward.audit_log" 1
eq "audit row has the new nickname and no search column" adm $DB \
   "SELECT new_row->'nicknames'->>0, new_row ? 'search' FROM homeward.audit_log WHERE id = (SELECT max(id) FROM homeward.audit_log)" "乐乐|f"

echo "# search"
eq "2-character name finds exactly that child" off_a1 $DB \
   "SELECT string_agg(family_name || given_name, ',') FROM homeward.person WHERE search @@ homeward.cjk_query('文乐')" "彭文乐"
eq "2-character name of another unit's child" off_a1 $DB \
   "SELECT string_agg(family_name || given_name, ',') FROM homeward.person WHERE search @@ homeward.cjk_query('李娜')" "李娜"
eq "single character" off_a1 $DB \
   "SELECT string_agg(family_name || given_name, ',' ORDER BY id) FROM homeward.person WHERE search @@ homeward.cjk_query('文')" "彭文乐,张文静"
eq "full name across family/given name" off_a1 $DB \
   "SELECT string_agg(family_name || given_name, ',') FROM homeward.person WHERE search @@ homeward.cjk_query('彭文乐')" "彭文乐"
eq "nickname" off_a1 $DB \
   "SELECT string_agg(family_name || given_name, ',') FROM homeward.person WHERE search @@ homeward.cjk_query('乐乐')" "彭文乐"
eq "pinyin prefix" off_a1 $DB \
   "SELECT string_agg(family_name || given_name, ',') FROM homeward.person WHERE search @@ homeward.cjk_query('peng wen')" "彭文乐"
eq "case number" off_a1 $DB \
   "SELECT string_agg(case_number, ',') FROM homeward.abduction_case WHERE search @@ homeward.cjk_query('SZ-2008-0142')" "SZ-2008-0142"
eq "phone digits prefix" $S $DB \
   "SELECT string_agg(phone, ',') FROM homeward.family_member WHERE search @@ homeward.cjk_query('138 0013')" "138-0013-8000"
err "officers read no phone number from the table (homeward.read_family_contacts gives it)" off_a1 $DB 42501 \
   "SELECT phone FROM homeward.family_member"
eq "phone search respects RLS" off_a1 $DB \
   "SELECT cardinality(homeward.search_family_cases('1391234'))" 0
eq "sighting by description bigram and by source ref" off_a1 $DB \
   "SELECT (SELECT count(*) FROM homeward.sighting WHERE search @@ homeward.cjk_query('乞讨')) || ',' || (SELECT count(*) FROM homeward.sighting WHERE search @@ homeward.cjk_query('call-0001'))" "1,1"
eq "no token -> no rows" off_a1 $DB "SELECT count(*) FROM homeward.person WHERE search @@ homeward.cjk_query('!!')" 0
out=$(q $S $DB "SET enable_seqscan = off; EXPLAIN (COSTS OFF) SELECT case_id FROM homeward.case_list_key WHERE search @@ homeward.cjk_query('文乐')")
if grep -q "Bitmap Index Scan on case_list_key_search_idx" <<<"$out"; then pass "GIN index is usable"; else bad "GIN index is usable" "$out"; fi

echo "# case list keys and search_cases"
eq "every case has list keys, child's pinyin as name key" adm $DB \
   "SELECT count(*) FILTER (WHERE k.case_id IS NULL) || ',' || max(k.child_name_key) FILTER (WHERE c.case_number = 'SZ-2008-0142')
      FROM homeward.abduction_case c LEFT JOIN homeward.case_list_key k ON k.case_id = c.id" "0,peng wenle"
before=$(q adm $DB "SELECT last_activity_at FROM homeward.case_list_key k JOIN homeward.abduction_case c ON c.id = k.case_id WHERE c.case_number = 'SZ-2008-0142'")
ok "a contact entry on the case" off_a1 $DB "
  INSERT INTO homeward.contact_event (case_id, channel, summary)
  SELECT id, 'phone', '电话回访' FROM homeward.abduction_case WHERE case_number = 'SZ-2008-0142'"
eq "... is the case's last activity" adm $DB \
   "SELECT last_activity_at > '$before' FROM homeward.case_list_key k JOIN homeward.abduction_case c ON c.id = k.case_id WHERE c.case_number = 'SZ-2008-0142'" t
eq "officers cannot write list keys" off_a1 $DB \
   "SELECT has_table_privilege('homeward.case_list_key', 'UPDATE')::text || has_table_privilege('homeward.case_list_key', 'INSERT')::text" "falsefalse"
eq "search_cases: child's name, any unit" off_a1 $DB \
   "SELECT string_agg(c.case_number, ',' ORDER BY c.case_number) FROM homeward.abduction_case c WHERE c.id IN (SELECT homeward.search_cases('李娜'))" "GZ-2009-0007"
eq "search_cases: own unit's family phone" off_a1 $DB \
   "SELECT string_agg(c.case_number, ',') FROM homeward.abduction_case c WHERE c.id IN (SELECT homeward.search_cases('13800138'))" "SZ-2008-0142"
eq "search_cases: another unit's family phone tells nothing" off_a1 $DB \
   "SELECT count(*) FROM homeward.search_cases('1391234')" 0
eq "search_cases: the other unit finds its own" off_b1 $DB \
   "SELECT string_agg(c.case_number, ',') FROM homeward.abduction_case c WHERE c.id IN (SELECT homeward.search_cases('1391234'))" "GZ-2009-0007"
eq "search_cases: relative's name, own unit only" off_b1 $DB \
   "SELECT count(*) FROM homeward.search_cases('高峰')" 0
eq "search_cases: relative's name in the own unit" off_a1 $DB \
   "SELECT string_agg(c.case_number, ',') FROM homeward.abduction_case c WHERE c.id IN (SELECT homeward.search_cases('高峰'))" "SZ-2008-0142"
eq "officers cannot read the families' search text" off_a1 $DB \
   "SELECT has_table_privilege('homeward.case_family_key', 'SELECT')::text" "false"
eq "a surname alone does not reach the relatives" adm $DB \
   "SELECT string_agg(homeward.search_reaches_family(t)::text, ',' ORDER BY n) FROM unnest(ARRAY['高', '高峰', '138', '1380', 'gao', 'gaofeng', 'gao feng']) WITH ORDINALITY AS u(t, n)" \
   "false,true,false,true,false,true,true"
eq "the list search holds the case number, place and child, not the circumstances" adm $DB \
   "SELECT (k.search @@ homeward.cjk_query('SZ-2008-0142'))::text || (k.search @@ homeward.cjk_query('彭文乐'))::text
      FROM homeward.case_list_key k JOIN homeward.abduction_case c ON c.id = k.case_id WHERE c.case_number = 'SZ-2008-0142'" "truetrue"
ok "a relative's phone number changes" off_a1 $DB "
  UPDATE homeward.family_member SET phone = '13911112222'
   WHERE case_id = (SELECT id FROM homeward.abduction_case WHERE case_number = 'SZ-2008-0142') AND relationship = 'father'"
eq "... and the search follows: the new number finds the case, the old one no more" off_a1 $DB \
   "SELECT (SELECT count(*) FROM homeward.search_cases('13911112222')) || ',' || (SELECT count(*) FROM homeward.search_cases('13800138'))" "1,0"

echo "# repost groups and near-duplicate photos"
ok "three sightings with photos: two near duplicates (3 bits apart), one unrelated" off_a1 $DB "
  WITH s AS (INSERT INTO homeward.sighting (channel, source_ref, received_at)
             VALUES ('microblog', 'repost-a', '2026-02-01 10:00+08') RETURNING id)
  INSERT INTO homeward.photo (sighting_id, content, mime_type, sha256, phash)
  SELECT id, '\\x01', 'image/jpeg', sha256('\\x01'::bytea), 1234567890123 FROM s;
  WITH s AS (INSERT INTO homeward.sighting (channel, source_ref, received_at)
             VALUES ('microblog', 'repost-b', '2026-02-03 10:00+08') RETURNING id)
  INSERT INTO homeward.photo (sighting_id, content, mime_type, sha256, phash)
  SELECT id, '\\x02', 'image/jpeg', sha256('\\x02'::bytea), 1234567890123 # 7 FROM s;
  WITH s AS (INSERT INTO homeward.sighting (channel, source_ref, received_at)
             VALUES ('microblog', 'repost-c', '2026-02-02 10:00+08') RETURNING id)
  INSERT INTO homeward.photo (sighting_id, content, mime_type, sha256, phash)
  SELECT id, '\\x03', 'image/jpeg', sha256('\\x03'::bytea), -1234567890123 FROM s"
eq "the near duplicates form one group: two sightings, the first one primary, first and last seen" off_a1 $DB "
  SELECT g.repost_count || ',' || (p.source_ref) || ',' || to_char(g.first_seen_at AT TIME ZONE 'Asia/Shanghai', 'MM-DD')
         || ',' || to_char(g.last_seen_at AT TIME ZONE 'Asia/Shanghai', 'MM-DD')
    FROM homeward.repost_group g JOIN homeward.sighting p ON p.id = g.primary_sighting_id
   WHERE g.id = (SELECT repost_group_id FROM homeward.sighting WHERE source_ref = 'repost-b')" "2,repost-a,02-01,02-03"
eq "the unrelated photo's sighting is in no group" off_a1 $DB \
   "SELECT count(*) FROM homeward.sighting WHERE source_ref = 'repost-c' AND repost_group_id IS NOT NULL" 0
eq "joining the group is audited" adm $DB \
   "SELECT count(*) > 0 FROM homeward.audit_log WHERE table_name = 'sighting' AND action = 'UPDATE'
      AND new_row ->> 'repost_group_id' IS NOT NULL AND old_row ->> 'repost_group_id' IS NULL" t
err "taking a sighting out of its group needs a reason" off_a1 $DB HW002 \
   "SELECT homeward.split_from_repost_group((SELECT id FROM homeward.sighting WHERE source_ref = 'repost-b'), ' ')"
ok "an officer takes a sighting out of a wrong group, with a reason" off_a1 $DB \
   "SELECT homeward.split_from_repost_group((SELECT id FROM homeward.sighting WHERE source_ref = 'repost-b'), '不同的孩子')"
eq "... the group counts one, and the reason is a note on the sighting" off_a1 $DB "
  SELECT (SELECT repost_count FROM homeward.repost_group g JOIN homeward.sighting s ON s.repost_group_id = g.id
           WHERE s.source_ref = 'repost-a') || ',' ||
         (SELECT t.notes FROM homeward.verification_step v JOIN homeward.sighting s ON s.id = v.sighting_id
                 CROSS JOIN LATERAL homeward.read_step_texts(ARRAY[v.id]) t
           WHERE s.source_ref = 'repost-b' AND v.kind = 'note')" "1,不同的孩子"

echo "# sighting status by reason or step; claims"
err "a sighting's status change without a reason or a step is refused" off_a1 $DB HW002 \
   "UPDATE homeward.sighting SET status = 'triaged' WHERE source_ref = 'repost-a'"
ok "a verification step on the sighting" off_a1 $DB "
  INSERT INTO homeward.verification_step (sighting_id, kind, outcome, notes)
  SELECT id, 'field_check', 'seen', '派出所民警已到现场核实' FROM homeward.sighting WHERE source_ref = 'repost-a'"
ok "... then the status changes without a separate reason" off_a1 $DB \
   "UPDATE homeward.sighting SET status = 'triaged' WHERE source_ref = 'repost-a'"
err "... but the next change needs a reason or a new step again" off_a1 $DB HW002 \
   "UPDATE homeward.sighting SET status = 'verifying' WHERE source_ref = 'repost-a'"
eq "an officer claims a sighting" off_a1 $DB \
   "SELECT homeward.claim_sighting(id) > 0 FROM homeward.sighting WHERE source_ref = 'repost-c'" t
eq "... again: still theirs" off_a1 $DB \
   "SELECT homeward.claim_sighting(id) > 0 FROM homeward.sighting WHERE source_ref = 'repost-c'" t
err "another officer's claim is refused, naming who has it" off_b1 $DB HW010 \
   "SELECT homeward.claim_sighting(id) FROM homeward.sighting WHERE source_ref = 'repost-c'"
"${PSQL[@]}" -At -q -U off_a1 -d $DB -c "BEGIN; SELECT homeward.claim_sighting(id) FROM homeward.sighting WHERE source_ref = 'repost-b'; SELECT pg_sleep(1.5); COMMIT;" >/dev/null 2>&1 &
claim_pid=$!
sleep 0.5
err "two claims at once: the second waits for the first, then is told" off_b1 $DB HW010 \
   "SELECT homeward.claim_sighting(id) FROM homeward.sighting WHERE source_ref = 'repost-b'"
wait $claim_pid || true

echo "# notify and change log"
out=$(printf 'LISTEN homeward;\nUPDATE homeward.sighting SET priority = %s WHERE source_ref = %s;\nSELECT 1;\n' "'high'" "'call-0001'" |
      "${PSQL[@]}" -q -U off_a1 -d $DB 2>&1)
id=$(q off_a1 $DB "SELECT id || ':' || version FROM homeward.sighting $SIGHT")
if grep -q "payload \"sighting:$id\"" <<<"$out"; then pass "NOTIFY payload table:id:version (sighting:$id)"; else bad "NOTIFY payload table:id:version" "$out"; fi
eq "change_log row for that update" off_a1 $DB \
   "SELECT table_name || ':' || row_id || ':' || version || ':' || action FROM homeward.change_log ORDER BY id DESC LIMIT 1" "sighting:$id:UPDATE"
eq "change_log covers every audited row" adm $DB \
   "SELECT (SELECT count(*) FROM homeward.change_log WHERE table_name <> 'case_list_key') = (SELECT count(*) FROM homeward.audit_log)" t
eq "case list keys changed too (derived, not audited)" adm $DB \
   "SELECT count(*) > 0 FROM homeward.change_log WHERE table_name = 'case_list_key'" t
eq "triage deadline recomputed on priority change" off_a1 $DB \
   "SELECT to_char(triage_deadline AT TIME ZONE 'UTC', 'DD HH24') FROM homeward.sighting $SIGHT" "01 20"

echo "# case editing (part 6)"
eq "updated_by names the officer who saved the case" sup_a $DB "
  UPDATE homeward.abduction_case SET circumstances = '在诊所门口被陌生女子带走' WHERE case_number = 'SZ-2008-0142';
  SELECT o.login FROM homeward.abduction_case c JOIN homeward.officer o ON o.id = c.updated_by
   WHERE c.case_number = 'SZ-2008-0142'" sup_a
eq "updated_by cannot be written in someone else's name" off_a1 $DB "
  UPDATE homeward.abduction_case SET updated_by = (SELECT id FROM homeward.officer WHERE login = 'sup_a')
   WHERE case_number = 'SZ-2008-0142';
  SELECT o.login FROM homeward.abduction_case c JOIN homeward.officer o ON o.id = c.updated_by
   WHERE c.case_number = 'SZ-2008-0142'" off_a1
eq "a relative and a child record who saved them too" off_a1 $DB "
  SELECT count(*) FROM homeward.person p JOIN homeward.officer o ON o.id = p.updated_by
   WHERE o.login = 'off_a1' AND p.given_name IN ('文乐', '高峰')" 2
ok "a case is assigned to an active officer of its unit" off_a1 $DB "
  UPDATE homeward.abduction_case SET assigned_officer_id = (SELECT id FROM homeward.officer WHERE login = 'sup_a2')
   WHERE case_number = 'SZ-2008-0142'"
err "... not to an officer of another unit" off_a1 $DB HW009 "
  UPDATE homeward.abduction_case SET assigned_officer_id = (SELECT id FROM homeward.officer WHERE login = 'off_b1')
   WHERE case_number = 'SZ-2008-0142'"
err "... nor to an administrator" off_a1 $DB HW009 "
  UPDATE homeward.abduction_case SET assigned_officer_id = (SELECT id FROM homeward.officer WHERE login = 'adm')
   WHERE case_number = 'SZ-2008-0142'"
ok "the case's unit adds a relative" off_a1 $DB "
  WITH p AS (INSERT INTO homeward.person (kind, family_name, given_name) VALUES ('relative', '彭', '误录') RETURNING id)
  INSERT INTO homeward.family_member (case_id, person_id, relationship)
  SELECT (SELECT id FROM homeward.abduction_case WHERE case_number = 'SZ-2008-0142'), id, 'other' FROM p"
eq "another unit cannot remove the relative (0 rows)" off_b1 $DB \
   "DELETE FROM homeward.family_member WHERE relationship = 'other' RETURNING id" ""
err "the unit cannot remove a relative who gave a DNA sample" off_b1 $DB 23503 \
   "DELETE FROM homeward.family_member WHERE relationship = 'father'"
eq "the case's unit removes the relative, and their person row goes too" off_a1 $DB "
  DELETE FROM homeward.family_member WHERE relationship = 'other';
  SELECT count(*) FROM homeward.person WHERE given_name = '误录'" 0
eq "the removal is audited" sup_a $DB \
   "SELECT count(*) FROM homeward.audit_log WHERE action = 'DELETE' AND old_row ->> 'given_name' = '误录'" 1

echo
if [ $FAIL -eq 0 ]; then
    echo "schema-smoke: all $NCHECK checks passed"
    exit 0
fi
echo "schema-smoke: $FAIL of $NCHECK checks FAILED"
exit 1
