#!/usr/bin/env bash
# The red team: a hostile officer with psql and their own login, against the
# database's rules (issue 13, data/sql/0019-hardening.sql).  Every attack is
# tried over libpq as a real officer role of a throwaway embedded server and
# must be refused, or leave nothing changed.  Much of it is generated from
# the catalog, so that a new function, table or column is attacked too:
#
#   * every function of the schema: a fixed search path, pg_catalog first
#     and pg_temp last (or an SQL-standard body, bound when created), and no
#     catalog relation named without pg_catalog;
#   * every relation and function that any homeward function names is
#     shadowed, in pg_temp and in public (on a server that still gave
#     officers TEMP and CREATE there), by objects that raise when they are
#     read; then every act the app performs is run under them;
#   * every column that records who did an act, or when, is forged on
#     insert and on update, on every table that has one;
#   * every column of a photo is changed.
#
# The attacks are counted; the figure is printed at the end.
#
# Usage: tests/db/redteam.sh PATH/TO/homeward-cli
set -u

. "$(dirname "$0")/demo-cluster.sh" "$1" redteam 60 120 13
attacks=0
through=0
db=$(psql "$conninfo" -qAt -c "SELECT current_database()")

# as ROLE SQL: run SQL as ROLE (one session), errors included in the output
as () { psql "$conninfo user=$1" -X -qAt -v ON_ERROR_STOP=1 -c "$2" 2>&1; }
su () { as postgres "$1"; }
eq () { local out; out=$(su "$2"); if [ "$out" = "$3" ]; then ok "$1"; else not_ok "$1 (wanted $3)" "$out"; fi; }

# attack NAME ROLE SQL CHECK: ROLE tries SQL; CHECK, run as the superuser
# afterwards, must say 't' (nothing happened).  Refused or without effect.
attack () {
  local out check
  attacks=$((attacks + 1))
  out=$(as "$2" "$3")
  check=$(su "$4")
  if [ "$check" = t ]; then ok "$1"; else through=$((through + 1)); not_ok "$1" "attack said: $out"$'\n'"check said: $check"; fi
}
# refused NAME ROLE SQLSTATE SQL: ROLE's SQL must fail with that SQLSTATE.
refused () {
  local out
  attacks=$((attacks + 1))
  out=$(printf '\\set VERBOSITY verbose\n%s\n' "$4" | psql "$conninfo user=$2" -X -qAt -v ON_ERROR_STOP=1 2>&1)
  if [ $? -ne 0 ] && grep -q "ERROR:  $3:" <<<"$out"; then ok "$1"; else through=$((through + 1)); not_ok "$1 (wanted SQLSTATE $3)" "$out"; fi
}

officer=demo_officer          # SZ, an officer
supervisor=demo_supervisor    # SZ, a supervisor
admin=demo_admin
other_sup=$(su "SELECT o.login FROM homeward.officer o JOIN homeward.unit u ON u.id = o.unit_id
                 WHERE u.code = 'GZ' AND o.role = 'supervisor' AND o.active ORDER BY o.id LIMIT 1")
other_off=$(su "SELECT o.login FROM homeward.officer o JOIN homeward.unit u ON u.id = o.unit_id
                 WHERE u.code = 'GZ' AND o.role = 'officer' AND o.active ORDER BY o.id LIMIT 1")
other_sup_id=$(su "SELECT id FROM homeward.officer WHERE login = '$other_sup'")
sup_id=$(su "SELECT id FROM homeward.officer WHERE login = '$supervisor'")
off_id=$(su "SELECT id FROM homeward.officer WHERE login = '$officer'")
if [ -n "$other_sup" ] && [ -n "$other_off" ] && [ -n "$off_id" ]; then
  ok "officers of two units ($officer, $supervisor; $other_off, $other_sup)"
else
  echo "Bail out! demo officers missing"; exit 1
fi

# ---------------------------------------------------------------------------
echo "# every function: a fixed search path, catalog relations qualified"
while IFS='|' read -r fn config sqlbody; do
  if [ "$sqlbody" = t ] || [ "$config" = "search_path=pg_catalog, homeward, pg_temp" ]; then
    ok "$fn: search_path pg_catalog, homeward, pg_temp${sqlbody:+}"
  else
    not_ok "$fn: search_path pg_catalog, homeward, pg_temp" "has: $config"
  fi
done < <(su "SELECT p.oid::regprocedure,
                    coalesce((SELECT c FROM unnest(p.proconfig) c WHERE c LIKE 'search_path=%'), 'none'),
                    p.prosqlbody IS NOT NULL
               FROM pg_catalog.pg_proc p
              WHERE p.pronamespace = 'homeward'::regnamespace AND p.prokind IN ('f', 'p')
              ORDER BY 1::text")

unqualified=$(su "SELECT string_agg(DISTINCT p.proname || ': ' || m[1], ', ')
                    FROM pg_catalog.pg_proc p,
                         regexp_matches(p.prosrc, '(?<![.\w\"])(pg_[a-z_]+)(?![\w\"(])', 'g') AS m
                   WHERE p.pronamespace = 'homeward'::regnamespace
                     AND EXISTS (SELECT 1 FROM pg_catalog.pg_class c
                                  WHERE c.relname = m[1] AND c.relnamespace = 'pg_catalog'::regnamespace)")
if [ -z "$unqualified" ]; then ok "no function names a catalog relation without pg_catalog"
else not_ok "no function names a catalog relation without pg_catalog" "$unqualified"; fi

# ---------------------------------------------------------------------------
echo "# nothing for an officer to create"
refused "no temporary table" $officer 42501 "CREATE TEMP TABLE pg_roles (rolname name, rolsuper bool)"
refused "no temporary function" $officer 42501 "CREATE FUNCTION pg_temp.f() RETURNS int LANGUAGE sql RETURN 1"
refused "nothing in public" $officer 42501 "CREATE TABLE public.pg_roles (rolname name, rolsuper bool)"
refused "nothing in homeward" $officer 42501 "CREATE TABLE homeward.x (a int)"
refused "no schema" $officer 42501 "CREATE SCHEMA evil"
eq "PUBLIC has no TEMP on the database" "SELECT has_database_privilege('public', '$db', 'TEMP')" f

# ---------------------------------------------------------------------------
echo "# the issue's attacks, on a server that still gave officers TEMP"
su "GRANT TEMPORARY ON DATABASE \"$db\" TO $officer, $supervisor" >/dev/null

# a located case of the officer's unit with a proposed reunion
case_id=$(as $officer "
  WITH p AS (INSERT INTO homeward.person (kind, family_name, given_name, sex, birth_date)
             VALUES ('child', '红', '队甲', 'male', '2015-01-01') RETURNING id)
  INSERT INTO homeward.abduction_case (case_number, child_id, place_text, assigned_officer_id)
  SELECT 'SZ-2099-0001', id, '深圳', homeward.current_officer_id() FROM p RETURNING id")
as $officer "UPDATE homeward.abduction_case SET status = 'investigating' WHERE id = $case_id;
             UPDATE homeward.abduction_case SET status = 'located' WHERE id = $case_id" >/dev/null
reunion_id=$(as $officer "INSERT INTO homeward.reunion (case_id, reunited_on, place) VALUES ($case_id, current_date, '深圳')
                          RETURNING id")
fm_id=$(as $officer "WITH p AS (INSERT INTO homeward.person (kind, family_name, given_name) VALUES ('relative', '红', '父') RETURNING id)
                     INSERT INTO homeward.family_member (case_id, person_id, relationship, phone)
                     SELECT $case_id, id, 'father', '137 0013 9999' FROM p RETURNING id")
gz_phone=$(su "SELECT fm.phone FROM homeward.family_member fm JOIN homeward.abduction_case c ON c.id = fm.case_id
                 JOIN homeward.unit u ON u.id = c.unit_id WHERE u.code = 'GZ' AND fm.phone IS NOT NULL ORDER BY fm.id LIMIT 1")
[ -n "$case_id" ] && [ -n "$reunion_id" ] && [ -n "$fm_id" ] && [ -n "$gz_phone" ] \
  && ok "a located case, its relative and a proposed reunion (case $case_id)" \
  || not_ok "a located case, its relative and a proposed reunion" "$case_id / $reunion_id / $fm_id / $gz_phone"

shadow_roles="CREATE TEMP TABLE pg_roles (rolname name, rolsuper bool, oid oid);
  INSERT INTO pg_roles VALUES (session_user, true, 0);
  GRANT SELECT ON pg_roles TO PUBLIC;
  CREATE TEMP TABLE pg_auth_members (roleid oid, member oid);
  GRANT SELECT ON pg_auth_members TO PUBLIC;"
attack "a temp pg_roles does not make an officer a superuser inside the database" $officer "$shadow_roles
  SELECT homeward.is_superuser()" \
  "SELECT true"
out=$(as $officer "$shadow_roles SELECT homeward.is_superuser()")
[ "$out" = f ] && ok "... is_superuser() is false under it" || not_ok "... is_superuser() is false under it" "$out"
attack "... nor signs a reunion off in a supervisor's name" $officer "$shadow_roles
  UPDATE homeward.reunion SET signed_off_by = $sup_id WHERE id = $reunion_id" \
  "SELECT signed_off_by IS NULL FROM homeward.reunion WHERE id = $reunion_id"
attack "... and the case is not reunited" $officer "$shadow_roles
  UPDATE homeward.reunion SET signed_off_by = $sup_id, signed_off_at = now() WHERE id = $reunion_id" \
  "SELECT status = 'located' FROM homeward.abduction_case WHERE id = $case_id"
attack "... nor inserts a case as closed" $officer "$shadow_roles
  WITH p AS (INSERT INTO homeward.person (kind, family_name) VALUES ('child', '红') RETURNING id)
  INSERT INTO homeward.abduction_case (case_number, child_id, status) SELECT 'SZ-2099-0002', id, 'closed' FROM p" \
  "SELECT NOT EXISTS (SELECT 1 FROM homeward.abduction_case WHERE case_number = 'SZ-2099-0002')"
attack "... nor a sighting as confirmed" $officer "$shadow_roles
  INSERT INTO homeward.sighting (channel, source_ref, status) VALUES ('hotline', 'redteam-confirmed', 'confirmed')" \
  "SELECT NOT EXISTS (SELECT 1 FROM homeward.sighting WHERE source_ref = 'redteam-confirmed')"
attack "... nor assigns the case to another unit's officer" $officer "$shadow_roles
  UPDATE homeward.abduction_case SET assigned_officer_id = (SELECT id FROM homeward.officer WHERE login = '$other_off')
   WHERE id = $case_id" \
  "SELECT assigned_officer_id = $off_id FROM homeward.abduction_case WHERE id = $case_id"
attack "... nor finds another unit's case by a family phone number" $officer "$shadow_roles
  SELECT homeward.search_family_cases('$gz_phone')" \
  "SELECT true"
out=$(as $officer "$shadow_roles SELECT cardinality(homeward.search_family_cases('$gz_phone'))")
[ "$out" = 0 ] && ok "... search_family_cases finds nothing of unit GZ" || not_ok "... search_family_cases finds nothing of unit GZ" "$out"

attack "a temp pg_attribute does not empty the audit trail" $officer "
  CREATE TEMP TABLE pg_attribute (attrelid oid, attnum int2, attname name, atttypid oid, attisdropped bool, attgenerated char);
  INSERT INTO pg_attribute SELECT 'homeward.family_member'::regclass, 1, 'id', 'int8'::regtype, false, '';
  GRANT SELECT ON pg_attribute TO PUBLIC;
  UPDATE homeward.family_member SET phone = '137 0013 8888' WHERE id = $fm_id" \
  "SELECT (old_row ->> 'phone') = '137 0013 9999' AND (new_row ->> 'phone') = '137 0013 8888'
     FROM homeward.audit_log WHERE table_name = 'family_member' AND row_id = $fm_id AND action = 'UPDATE'
    ORDER BY id DESC LIMIT 1"

# ---------------------------------------------------------------------------
echo "# every name privileged code uses, shadowed in pg_temp and public"
# Names: each relation of pg_catalog or homeward, and each function of
# pg_catalog or homeward, that a homeward function's body names.
words="SELECT DISTINCT w[1] AS w FROM pg_catalog.pg_proc p,
              regexp_matches(p.prosrc, '([a-z_][a-z0-9_]*)', 'g') AS w
        WHERE p.pronamespace = 'homeward'::regnamespace AND p.prokind IN ('f', 'p')"
relations=$(su "SELECT DISTINCT c.relname FROM ($words) x JOIN pg_catalog.pg_class c ON c.relname = x.w
                 WHERE c.relnamespace IN ('pg_catalog'::regnamespace, 'homeward'::regnamespace)
                   AND c.relkind IN ('r', 'v', 'm', 'p', 'f') ORDER BY 1")
# A view of that name, with the real one's columns, whose reading raises.
shadow_view () {   # SCHEMA-PREFIX BOOM RELNAME
  su "SELECT format('CREATE VIEW %s%I AS SELECT %s WHERE %s(%L);', '$1', c.relname,
                    string_agg(format('NULL::%s AS %I', CASE WHEN t.typtype = 'p' THEN 'text'
                                                          ELSE format_type(a.atttypid, a.atttypmod) END, a.attname),
                               ', ' ORDER BY a.attnum), '$2', c.relname)
        FROM pg_catalog.pg_class c JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
        JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
       WHERE c.relname = '$3' AND c.relnamespace IN ('pg_catalog'::regnamespace, 'homeward'::regnamespace)
         AND a.attnum > 0 AND NOT a.attisdropped
       GROUP BY c.oid, c.relname ORDER BY c.relnamespace = 'pg_catalog'::regnamespace DESC LIMIT 1"
}
temp_shadows="CREATE FUNCTION pg_temp.boom(text) RETURNS boolean LANGUAGE plpgsql
              AS \$b\$ BEGIN RAISE EXCEPTION 'SHADOW % was resolved', \$1; END \$b\$;"
public_shadows="CREATE FUNCTION public.boom(text) RETURNS boolean LANGUAGE plpgsql
                AS \$b\$ BEGIN RAISE EXCEPTION 'SHADOW % was resolved', \$1; END \$b\$;"
n_rel=0
for r in $relations; do
  temp_shadows+=$'\n'$(shadow_view "pg_temp." "pg_temp.boom" "$r")
  public_shadows+=$'\n'$(shadow_view "public." "public.boom" "$r")
  n_rel=$((n_rel + 1))
done
# Functions: one in public for every signature of that name in pg_catalog
# or homeward that a plpgsql function can take.
fn_shadows=$(su "SELECT string_agg(format('CREATE FUNCTION public.%I(%s) RETURNS %s LANGUAGE plpgsql AS %L;',
                                          f.proname, pg_get_function_arguments(f.oid),
                                          pg_get_function_result(f.oid),
                                          'BEGIN RAISE EXCEPTION ''SHADOW ' || f.proname || ' was resolved''; END'),
                                   E'\n')
                  FROM ($words) x JOIN pg_catalog.pg_proc f ON f.proname = x.w
                 WHERE f.pronamespace IN ('pg_catalog'::regnamespace, 'homeward'::regnamespace)
                   AND f.prokind = 'f' AND NOT f.proretset
                   AND NOT EXISTS (SELECT 1 FROM unnest(f.proargtypes::oid[] || f.prorettype) t
                                    WHERE t IN ('\"any\"'::regtype, 'internal'::regtype, 'cstring'::regtype,
                                                'trigger'::regtype, 'event_trigger'::regtype,
                                                'language_handler'::regtype, 'fdw_handler'::regtype,
                                                'index_am_handler'::regtype, 'tsm_handler'::regtype,
                                                'table_am_handler'::regtype, 'anycompatible'::regtype,
                                                'anycompatiblearray'::regtype, 'anycompatiblenonarray'::regtype,
                                                'anycompatiblerange'::regtype, 'anycompatiblemultirange'::regtype,
                                                'void'::regtype, 'record'::regtype))
                   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_proc d
                                    WHERE d.pronamespace = 'public'::regnamespace AND d.proname = f.proname
                                      AND d.proargtypes = f.proargtypes)")
n_fn=$(grep -c '^CREATE FUNCTION public\.' <<<"$fn_shadows")
if out=$(su "$public_shadows
$fn_shadows" 2>&1); then
  ok "$n_rel relations and $n_fn functions shadowed in public"
else
  not_ok "shadows in public" "$out"
fi

# Every act the app performs, by an officer, a supervisor and an
# administrator, each session with the relations shadowed in pg_temp too.
scenario_officer="$temp_shadows
\\set ON_ERROR_STOP 1
WITH p AS (INSERT INTO homeward.person (kind, family_name, given_name, sex, birth_date)
           VALUES ('child', '红', '队乙', 'male', '2016-02-02') RETURNING id)
INSERT INTO homeward.abduction_case (case_number, child_id, place_text, abducted_at, assigned_officer_id)
SELECT 'SZ-2099-0003', id, '深圳市罗湖区', '2020-05-01', homeward.current_officer_id() FROM p RETURNING id AS c \\gset
UPDATE homeward.abduction_case SET circumstances = '在公园被带走', status = 'investigating' WHERE id = :c;
UPDATE homeward.person SET distinguishing_marks = '左耳后有痣'
 WHERE id = (SELECT child_id FROM homeward.abduction_case WHERE id = :c);
WITH p AS (INSERT INTO homeward.person (kind, family_name, given_name) VALUES ('relative', '红', '母') RETURNING id)
INSERT INTO homeward.family_member (case_id, person_id, relationship, phone, address)
SELECT :c, id, 'mother', '139 0000 1234', '深圳' FROM p RETURNING id AS fm \\gset
UPDATE homeward.family_member SET consent_dna = true, phone = '139 0000 4321' WHERE id = :fm;
WITH p AS (INSERT INTO homeward.person (kind, family_name, given_name) VALUES ('relative', '红', '误') RETURNING id)
INSERT INTO homeward.family_member (case_id, person_id, relationship) SELECT :c, id, 'other' FROM p RETURNING id AS fm2 \\gset
DELETE FROM homeward.family_member WHERE id = :fm2;
INSERT INTO homeward.contact_event (case_id, family_member_id, channel, summary, occurred_at)
VALUES (:c, :fm, 'phone', '电话联系', now() - interval '1 day');
INSERT INTO homeward.photo (case_id, content, mime_type, sha256, phash)
VALUES (:c, '\\x0a0b0c', 'image/jpeg', sha256('\\x0a0b0c'::bytea), 4242424242);
INSERT INTO homeward.sighting (channel, description, apparent_sex, apparent_age_min, apparent_age_max, unit_id)
VALUES ('hotline', '红队 左耳后有痣 男孩', 'male', 5, 8, homeward.current_unit_id()) RETURNING id AS s \\gset
INSERT INTO homeward.photo (sighting_id, content, mime_type, sha256, phash)
VALUES (:s, '\\x0d', 'image/jpeg', sha256('\\x0d'::bytea), 4242424243);
INSERT INTO homeward.sighting (channel, description) VALUES ('microblog', '转发') RETURNING id AS s2 \\gset
INSERT INTO homeward.photo (sighting_id, content, mime_type, sha256, phash)
VALUES (:s2, '\\x0e', 'image/jpeg', sha256('\\x0e'::bytea), 4242424247);
SELECT homeward.claim_sighting(:s) AS v \\gset
SELECT homeward.assign_sighting(:s, homeward.current_officer_id(), :v) AS v \\gset
UPDATE homeward.sighting SET priority = 'high' WHERE id = :s;
UPDATE homeward.sighting SET status = 'triaged', status_reason = '照片清晰' WHERE id = :s;
INSERT INTO homeward.case_link (sighting_id, case_id, confidence, rationale)
VALUES (:s, :c, 'possible', '痣的位置相符') RETURNING id AS l \\gset
INSERT INTO homeward.verification_step (link_id, kind, outcome, notes) VALUES (:l, 'field_check', 'seen', '现场核实');
INSERT INTO homeward.verification_step (sighting_id, kind, notes) VALUES (:s, 'note', '备注');
SELECT count(*) >= 0 FROM homeward.candidate_cases(:s);
SELECT count(*) >= 0 FROM homeward.search_cases('红队');
SELECT cardinality(homeward.search_family_cases('139 0000 4321')) >= 0;
SELECT inbox >= 0 FROM homeward.inbox_counts();
SELECT homeward.dashboard(homeward.current_unit_id()) IS NOT NULL;
SELECT count(*) >= 0 FROM homeward.near_duplicate_photos(4242424243);
SELECT homeward.split_from_repost_group(:s2, '不是同一个孩子') IS NOT NULL;
SELECT homeward.family_contact_visible(:c) IS NOT NULL;
SELECT homeward.add_dna_sample(:c, :fm, NULL, now() - interval '2 days', '实验室', 'RT-M-1', 'Goldeneye 20A') AS ms \\gset
INSERT INTO homeward.dna_custody_event (sample_id, event, notes) VALUES (:ms, 'sealed', '封存');
SELECT count(*) FROM homeward.dna_custody_chain(:ms);
SELECT homeward.add_found_child(:c, '红', '童', 'male', now() - interval '3 days', '广州', '福利院', '020') AS f \\gset
SELECT homeward.add_dna_sample(:c, NULL, :f, now(), '实验室', 'RT-C-1', 'Goldeneye 20A') AS cs \\gset
INSERT INTO homeward.dna_str_allele (sample_id, locus, allele1, allele2) VALUES (:cs, 'D3S1358', 15, 16);
INSERT INTO homeward.dna_comparison (child_sample_id, mother_sample_id, conclusion, combined_index, probability)
VALUES (:cs, :ms, 'match', 123456, 0.99999);
UPDATE homeward.dna_comparison SET computed_index = 120000 WHERE child_sample_id = :cs;
UPDATE homeward.dna_sample SET lab = '市局实验室' WHERE id = :ms;
UPDATE homeward.abduction_case SET status = 'located' WHERE id = :c;
INSERT INTO homeward.reunion (case_id, reunited_on, place, family_present)
VALUES (:c, current_date, '深圳', '母亲') RETURNING id AS r \\gset
UPDATE homeward.reunion SET notes = '顺利' WHERE id = :r;
UPDATE homeward.case_link SET state = 'withdrawn', withdrawn_reason = '核实不符' WHERE id = :l;
SELECT 'SCENARIO DONE';"
scenario_supervisor="$temp_shadows
\\set ON_ERROR_STOP 1
UPDATE homeward.reunion SET signed_off_by = homeward.current_officer_id()
 WHERE id = (SELECT r.id FROM homeward.reunion r JOIN homeward.abduction_case c ON c.id = r.case_id
              WHERE c.case_number = 'SZ-2099-0003');
UPDATE homeward.sighting SET status = 'verifying', status_reason = '主管复核'
 WHERE id = (SELECT max(id) FROM homeward.sighting WHERE description = '红队 左耳后有痣 男孩');
SELECT homeward.assign_sighting(s.id, NULL, s.version) IS NOT NULL FROM homeward.sighting s
 WHERE s.description = '红队 左耳后有痣 男孩';
SELECT count(*) >= 0 FROM homeward.audit_log;
SELECT 'SCENARIO DONE';"
scenario_admin="\\set ON_ERROR_STOP 1
SELECT homeward.create_unit('RT', '红队测试单位', '440300') > 0;
INSERT INTO homeward.allele_frequency (kit, population, locus, allele, frequency) VALUES ('Goldeneye 20A', 'RT', 'D3S1358', 15, 0.3);
UPDATE homeward.unit SET name = '红队测试单位（改）' WHERE code = 'RT';
UPDATE homeward.allele_frequency SET frequency = 0.31 WHERE population = 'RT';
SELECT 'SCENARIO DONE';"
n_acts=$(( $(grep -c ';$' <<<"${scenario_officer#*ON_ERROR_STOP 1}") + $(grep -c ';$' <<<"${scenario_supervisor#*ON_ERROR_STOP 1}") + $(grep -c ';$' <<<"$scenario_admin") - 3 ))
run_scenario () {  # ROLE SCRIPT
  printf '%s\n' "$2" | psql "$conninfo user=$1 options=-csearch_path=public,pg_temp" -X -qAt 2>&1
}
for who in officer supervisor admin; do
  role=${!who}
  var=scenario_$who
  out=$(run_scenario "$role" "${!var}")
  if grep -q "SCENARIO DONE" <<<"$out" && ! grep -q "SHADOW\|ERROR" <<<"$out"; then
    ok "every act of the $who's day runs as before under the shadows"
  else
    not_ok "every act of the $who's day runs as before under the shadows" "$(grep -m5 "SHADOW\|ERROR\|CONTEXT" <<<"$out")"
  fi
done
attacks=$((attacks + n_acts))
eq "... the reunion is signed off by the supervisor and the case reunited" \
   "SELECT o.login || ' ' || c.status FROM homeward.reunion r JOIN homeward.abduction_case c ON c.id = r.case_id
      JOIN homeward.officer o ON o.id = r.signed_off_by WHERE c.case_number = 'SZ-2099-0003'" "$supervisor reunited"
eq "... the audit trail holds the whole rows" \
   "SELECT (old_row ->> 'phone') || ' > ' || (new_row ->> 'phone') || ' ' || (new_row ? 'consent_dna')::text
      FROM homeward.audit_log WHERE table_name = 'family_member' AND action = 'UPDATE'
       AND new_row ->> 'phone' = '139 0000 4321' AND old_row ->> 'phone' <> new_row ->> 'phone'" "139 0000 1234 > 139 0000 4321 true"
eq "... the sighting joined the repost group, then left it with a note" \
   "SELECT count(*) FROM homeward.verification_step v JOIN homeward.sighting s ON s.id = v.sighting_id
     WHERE s.description = '转发' AND v.outcome = 'not a repost'" 1
su "$(su "SELECT string_agg(format('DROP FUNCTION %s;', p.oid::regprocedure), E'\n')
             FROM pg_catalog.pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.proname <> 'boom'")
    $(su "SELECT string_agg(format('DROP VIEW public.%I;', c.relname), E'\n') FROM pg_catalog.pg_class c
           WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'v'")
    DROP FUNCTION public.boom(text);" >/dev/null
su "REVOKE TEMPORARY ON DATABASE \"$db\" FROM $officer, $supervisor" >/dev/null

# ---------------------------------------------------------------------------
echo "# who did an act, and when: forged on every column that says so"
# The rows the scenario wrote, one per table, by role.
row_of () {  # TABLE ROLE
  su "SELECT max(row_id) FROM homeward.audit_log WHERE table_name = '$1' AND db_role = '$2' AND action = 'INSERT'"
}
# Attribution columns: who (…_by, officer_id) and when (…_at) of every
# table, less the times of the world that an officer reports rather than
# does (when a child was taken, a tip received, a lab reported, a photo
# taken by its camera's clock), and the
# derived keys the database keeps itself.
facts="'abducted_at', 'observed_at', 'received_at', 'found_at', 'reported_at', 'taken_at', 'first_seen_at', 'last_seen_at'"
# Times of a past act an officer records after the fact: bounded, then fixed.
bounded="'occurred_at', 'collected_at'"
columns=$(su "SELECT c.relname || ' ' || a.attname || ' ' || format_type(a.atttypid, NULL)
                FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
               WHERE c.relnamespace = 'homeward'::regnamespace AND c.relkind = 'r'
                 AND c.relname NOT IN ('schema_migrations', 'audit_log', 'change_log', 'access_log',
                                       'case_list_key', 'case_match_key', 'case_family_key')
                 AND a.attnum > 0 AND NOT a.attisdropped
                 AND (a.attname ~ '_(by|at)\$' OR a.attname = 'officer_id')
                 AND a.attname NOT IN ($facts)
               ORDER BY 1")
forged_value () {  # TYPE COLUMN
  case $1 in
    bigint) echo "$other_sup_id" ;;
    *) echo "'2001-01-01 00:00+00'::timestamptz" ;;
  esac
}
# Who writes each table's rows in a day's work.
writer () {
  case $1 in
    unit|officer|allele_frequency) echo $admin ;;
    *) echo $officer ;;
  esac
}
# INSERT templates: @C@ and @V@ take ", column" and ", value", @R@ what
# RETURNING says (whether the forged value was stored).
declare -A insert
uniq="substr(md5(clock_timestamp()::text), 1, 8)"
insert[person]="INSERT INTO homeward.person (kind, family_name @C@) VALUES ('relative', '测' @V@) RETURNING @R@"
insert[abduction_case]="WITH p AS (INSERT INTO homeward.person (kind, family_name) VALUES ('child', '测') RETURNING id)
  INSERT INTO homeward.abduction_case (case_number, child_id @C@)
  SELECT 'SZ-2098-' || (10000 + (random() * 89999)::int), id @V@ FROM p RETURNING @R@"
insert[family_member]="WITH p AS (INSERT INTO homeward.person (kind, family_name) VALUES ('relative', '测') RETURNING id)
  INSERT INTO homeward.family_member (case_id, person_id, relationship @C@) SELECT $case_id, id, 'other' @V@ FROM p RETURNING @R@"
insert[contact_event]="INSERT INTO homeward.contact_event (case_id, channel, summary @C@) VALUES ($case_id, 'phone', '测' @V@) RETURNING @R@"
insert[sighting]="INSERT INTO homeward.sighting (channel @C@) VALUES ('hotline' @V@) RETURNING @R@"
insert[photo]="INSERT INTO homeward.photo (case_id, content, mime_type, sha256 @C@)
  SELECT $case_id, b, 'image/jpeg', sha256(b) @V@ FROM (SELECT convert_to($uniq, 'UTF8') AS b) x RETURNING @R@"
insert[case_link]="WITH s AS (INSERT INTO homeward.sighting (channel) VALUES ('hotline') RETURNING id)
  INSERT INTO homeward.case_link (sighting_id, case_id, confidence, rationale @C@) SELECT id, $case_id, 'possible', '测' @V@ FROM s RETURNING @R@"
insert[verification_step]="INSERT INTO homeward.verification_step (case_id, kind @C@) VALUES ($case_id, 'note' @V@) RETURNING @R@"
insert[dna_sample]="INSERT INTO homeward.dna_sample (family_member_id @C@) VALUES ($fm_id @V@) RETURNING @R@"
insert[dna_custody_event]="INSERT INTO homeward.dna_custody_event (sample_id, event @C@)
  SELECT id, 'sealed' @V@ FROM homeward.dna_sample WHERE family_member_id = $fm_id ORDER BY id LIMIT 1 RETURNING @R@"
insert[dna_str_allele]="INSERT INTO homeward.dna_str_allele (sample_id, locus, allele1, allele2 @C@)
  SELECT id, 'T' || $uniq, 10, 11 @V@ FROM homeward.dna_sample WHERE family_member_id = $fm_id ORDER BY id LIMIT 1 RETURNING @R@"
insert[dna_comparison]="INSERT INTO homeward.dna_comparison (child_sample_id, father_sample_id, conclusion @C@)
  SELECT cs.id, fs.id, 'inconclusive' @V@
    FROM homeward.dna_sample cs, homeward.dna_sample fs
   WHERE cs.found_child_id IS NOT NULL AND fs.family_member_id = $fm_id
     AND cs.found_child_id IN (SELECT id FROM homeward.found_child WHERE matched_case_id = $case_id)
   LIMIT 1 RETURNING @R@"
insert[reunion]="INSERT INTO homeward.reunion (case_id @C@) VALUES ($case_id @V@) RETURNING @R@"
insert[found_child]="WITH p AS (INSERT INTO homeward.person (kind, family_name) VALUES ('child', '测') RETURNING id)
  INSERT INTO homeward.found_child (person_id @C@) SELECT id @V@ FROM p RETURNING @R@"
insert[repost_group]="INSERT INTO homeward.repost_group (repost_count @C@) VALUES (1 @V@) RETURNING @R@"
insert[unit]="INSERT INTO homeward.unit (code, name @C@) VALUES ('X' || upper($uniq), '测' @V@) RETURNING @R@"
insert[officer]="INSERT INTO homeward.officer (login, display_name, role @C@) VALUES ('x_' || $uniq, '测', 'admin' @V@) RETURNING @R@"
insert[allele_frequency]="INSERT INTO homeward.allele_frequency (kit, population, locus, allele, frequency @C@)
  VALUES ('k', 'p' || $uniq, 'L', 10, 0.1 @V@) RETURNING @R@"
# for the found child's sample and the comparison template
as $officer "SELECT homeward.add_found_child($case_id, '红', '甲', 'male', now(), '广州', '福利院', '020')" >/dev/null
as $officer "SELECT homeward.add_dna_sample($case_id, NULL, (SELECT max(id) FROM homeward.found_child WHERE matched_case_id = $case_id),
                                            now(), NULL, NULL, NULL);
             SELECT homeward.add_dna_sample($case_id, $fm_id, NULL, now(), NULL, NULL, NULL)" >/dev/null

declare -A baseline_done
while read -r table column type; do
  [ -z "$table" ] && continue
  role=$(writer "$table")
  value=$(forged_value "$type" "$column")
  template=${insert[$table]:-}
  if [ -z "$template" ]; then
    not_ok "$table.$column: an insert to forge it with (add one to tests/db/redteam.sh)"
    continue
  fi
  if [ -z "${baseline_done[$table]:-}" ]; then
    sql=${template//@C@/}; sql=${sql//@V@/}; sql=${sql//@R@/true}
    out=$(as "$role" "$sql")
    if [ "$table" = repost_group ]; then
      grep -q "permission denied" <<<"$out" && ok "repost_group: officers write no group (the database does)" \
        || not_ok "repost_group: officers write no group" "$out"
    elif [ "$out" = t ]; then ok "$table: $role inserts a row"
    else not_ok "$table: $role inserts a row" "$out"; fi
    baseline_done[$table]=1
  fi
  # on insert
  if grep -qw "$column" <<<"occurred_at collected_at"; then
    future="now() + interval '1 day'"
    sql=${template//@C@/, $column}; sql=${sql//@V@/, $future}; sql=${sql//@R@/true}
    attacks=$((attacks + 1))
    out=$(as "$role" "$sql")
    if grep -q "cannot lie in the future" <<<"$out"; then ok "$table.$column: not in the future"
    else through=$((through + 1)); not_ok "$table.$column: not in the future" "$out"; fi
  else
    sql=${template//@C@/, $column}; sql=${sql//@V@/, $value}
    sql=${sql//@R@/$column IS NOT DISTINCT FROM $value}
    attacks=$((attacks + 1))
    out=$(as "$role" "$sql")
    if [ "$out" = f ] || grep -q "ERROR" <<<"$out"; then ok "$table.$column: forged on insert, not stored"
    else through=$((through + 1)); not_ok "$table.$column: forged on insert, not stored" "$out"; fi
  fi
  # on update, of the row the scenario wrote
  row=$(row_of "$table" "$role")
  if [ -z "$row" ] || [ "$row" = "" ]; then
    not_ok "$table.$column: a row of the day's work to forge it on"
    continue
  fi
  # unchanged; the time and officer of the last write are the database's own
  before=$(su "SELECT coalesce(md5(($column)::text), 'null') FROM homeward.$table WHERE id = $row")
  attack "$table.$column: forged on update, not stored" "$role" \
    "UPDATE homeward.$table SET $column = $value WHERE id = $row" \
    "SELECT $column IS DISTINCT FROM $value
            AND (coalesce(md5(($column)::text), 'null') = '$before' OR '$column' IN ('updated_at', 'updated_by'))
       FROM homeward.$table WHERE id = $row"
done <<<"$columns"

# ---------------------------------------------------------------------------
echo "# evidence: every column of every piece of it, changed"
# Evidence: each column of the append-only tables (a photo, a step, a custody
# event) and those columns of a link and a lab's result that say what was
# claimed, by whom and when.  The rows are the day's; each column gets a
# value of its type (for a reference, another row it could point to), from
# the officer of the case and the unit's supervisor.
photo=$(row_of photo $officer)
custody=$(row_of dna_custody_event $officer)
vstep=$(row_of verification_step $officer)
link=$(row_of case_link $officer)
result=$(row_of dna_comparison $officer)
evidence="SELECT c.relname || ' ' || a.attname || ' ' || format_type(a.atttypid, NULL) || ' '
                 || coalesce((SELECT t.relname FROM pg_catalog.pg_constraint k
                               JOIN pg_catalog.pg_class t ON t.oid = k.confrelid
                              WHERE k.conrelid = c.oid AND k.contype = 'f' AND k.conkey = ARRAY[a.attnum]), '-')
            FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
           WHERE c.relnamespace = 'homeward'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
             AND a.attgenerated = '' AND a.attname <> 'id'
             AND (c.relname IN ('photo', 'verification_step', 'dna_custody_event')
                  OR (c.relname = 'case_link'
                      AND a.attname NOT IN ('confidence', 'state', 'withdrawn_reason', 'withdrawn_by',
                                            'withdrawn_at', 'version', 'updated_at'))
                  OR (c.relname = 'dna_comparison'
                      AND a.attname NOT IN ('computed_index', 'version', 'updated_at')))
           ORDER BY c.relname, a.attnum"
while read -r table column type target; do
  case $table in
    photo) row=$photo ;; dna_custody_event) row=$custody ;; verification_step) row=$vstep ;;
    case_link) row=$link ;; dna_comparison) row=$result ;;
  esac
  if [ -z "$row" ]; then not_ok "$table: a row of the day's work to change"; continue; fi
  case $type in
    bytea) value="'\\xdeadbeef'::bytea" ;;
    bigint) if [ "$target" != - ]; then value="(SELECT max(t.id) FROM homeward.$target t WHERE t.id <> coalesce(x.$column, 0))"
            else value="(4242)::bigint"; fi ;;
    integer|smallint) value="7" ;;
    numeric|'double precision') value="42" ;;
    boolean) value="NOT x.$column" ;;
    text) value="'forged'" ;;
    'text[]') value="'{forged}'" ;;
    timestamp*) value="'2001-01-01'::timestamptz" ;;
    *) value="NULL" ;;
  esac
  before=$(su "SELECT coalesce(md5(x.$column::text), 'null') FROM homeward.$table x WHERE id = $row")
  for role in $officer $supervisor; do
    attack "$table.$column: changed by $role, unchanged" "$role" \
      "UPDATE homeward.$table x SET $column = $value WHERE id = $row" \
      "SELECT coalesce(md5(x.$column::text), 'null') = '$before' FROM homeward.$table x WHERE id = $row"
  done
done < <(su "$evidence")
attack "a photo is not deleted, by the superuser either" postgres \
  "DELETE FROM homeward.photo WHERE id = $photo" "SELECT count(*) = 1 FROM homeward.photo WHERE id = $photo"
refused "a photo whose sha256 is not its content's" $officer HW014 \
  "INSERT INTO homeward.photo (case_id, content, mime_type, sha256) VALUES ($case_id, '\\x01', 'image/jpeg', sha256('\\x02'::bytea))"

link=$(su "SELECT l.id FROM homeward.case_link l JOIN homeward.abduction_case c ON c.id = l.case_id
            WHERE c.case_number = 'SZ-2099-0003'")
active_link=$(su "SELECT l.id FROM homeward.case_link l WHERE l.case_id = $case_id AND l.state = 'active' ORDER BY id LIMIT 1")
refused "a link does not move to another case" $officer HW012 \
  "UPDATE homeward.case_link SET case_id = (SELECT min(id) FROM homeward.abduction_case WHERE unit_id = homeward.current_unit_id()) WHERE id = $active_link"
refused "... nor to another sighting" $officer HW012 \
  "UPDATE homeward.case_link SET sighting_id = (SELECT min(id) FROM homeward.sighting) WHERE id = $active_link"
refused "... its rationale is what was written" $officer HW012 \
  "UPDATE homeward.case_link SET rationale = '改写' WHERE id = $active_link"
refused "a withdrawn link stays withdrawn" $officer HW012 \
  "UPDATE homeward.case_link SET state = 'active', withdrawn_reason = NULL WHERE id = $link"
attack "a supervisor of another unit does not withdraw a link on this unit's case" $other_sup \
  "UPDATE homeward.case_link SET state = 'withdrawn', withdrawn_reason = '外单位' WHERE id = $active_link" \
  "SELECT state = 'active' FROM homeward.case_link WHERE id = $active_link"
eq "the withdrawal says who withdrew it, and when" \
   "SELECT o.login || ' ' || (l.withdrawn_at > now() - interval '1 hour')::text FROM homeward.case_link l
      JOIN homeward.officer o ON o.id = l.withdrawn_by WHERE l.id = $link" "$officer true"

sighting=$(su "SELECT id FROM homeward.sighting WHERE description = '红队 左耳后有痣 男孩'")
as $officer "SELECT homeward.claim_sighting($sighting)" >/dev/null
refused "a claim is not taken over by updating the assignee" $other_off 42501 \
  "UPDATE homeward.sighting SET assigned_officer_id = homeward.current_officer_id() WHERE id = $sighting"
refused "... nor through assign_sighting by another officer" $other_off HW010 \
  "SELECT homeward.assign_sighting(id, homeward.current_officer_id(), version) FROM homeward.sighting WHERE id = $sighting"
refused "... and claim_sighting names who has it" $other_off HW010 "SELECT homeward.claim_sighting($sighting)"
refused "a tip is not received in the future" $officer HW013 \
  "INSERT INTO homeward.sighting (channel, received_at) VALUES ('hotline', now() + interval '2 days')"
refused "... nor a child seen there" $officer HW013 \
  "INSERT INTO homeward.sighting (channel, observed_at) VALUES ('hotline', '9999-12-31')"
refused "... nor is when it was received changed" $officer 42501 \
  "UPDATE homeward.sighting SET received_at = received_at - interval '3 days' WHERE id = $sighting"
refused "what a tip reported is fixed" $officer 42501 \
  "UPDATE homeward.sighting SET description = '改写' WHERE id = $sighting"
refused "a sighting is not put into a repost group by hand" $officer 42501 \
  "UPDATE homeward.sighting SET repost_group_id = (SELECT min(id) FROM homeward.repost_group) WHERE id = $sighting"
refused "a repost group's count is the database's" $officer 42501 \
  "UPDATE homeward.repost_group SET repost_count = 99"
refused "a verification step is never changed" $officer 42501 \
  "UPDATE homeward.verification_step SET notes = '改写' WHERE case_id = $case_id"
refused "... by the superuser either" postgres HW005 \
  "UPDATE homeward.verification_step SET notes = '改写' WHERE case_id = $case_id"
refused "... nor deleted, by the superuser either" postgres HW005 \
  "DELETE FROM homeward.verification_step WHERE case_id = $case_id"
refused "a custody event is never changed" $officer 42501 \
  "UPDATE homeward.dna_custody_event SET occurred_at = '2001-01-01' WHERE sample_id IN (SELECT id FROM homeward.dna_sample WHERE family_member_id = $fm_id)"
refused "... by the superuser either" postgres HW005 \
  "UPDATE homeward.dna_custody_event SET occurred_at = '2001-01-01' WHERE sample_id IN (SELECT id FROM homeward.dna_sample WHERE family_member_id = $fm_id)"
comparison=$(su "SELECT max(id) FROM homeward.dna_comparison d WHERE d.conclusion = 'match'
                   AND d.child_sample_id IN (SELECT id FROM homeward.dna_sample WHERE lab_reference = 'RT-C-1')")
refused "the lab's conclusion is never changed" $officer HW012 \
  "UPDATE homeward.dna_comparison SET conclusion = 'exclusion' WHERE id = $comparison"
refused "... nor its figures" $supervisor HW012 \
  "UPDATE homeward.dna_comparison SET combined_index = 1 WHERE id = $comparison"
refused "the audit log is written by the database alone" $supervisor 42501 \
  "INSERT INTO homeward.audit_log (table_name, row_id, action) VALUES ('x', 1, 'INSERT')"
refused "... and never changed" postgres HW005 "UPDATE homeward.audit_log SET db_role = 'x'"
refused "a reunion is not recorded as signed off" $officer HW006 \
  "INSERT INTO homeward.reunion (case_id, signed_off_by, signed_off_at) VALUES ($case_id, $sup_id, now())"
refused "a supervisor signs off in their own name only" $supervisor HW006 \
  "UPDATE homeward.reunion SET signed_off_by = $other_sup_id WHERE id = $reunion_id"

# ---------------------------------------------------------------------------
echo "# reading wider than the design"
# An officer of the same unit not assigned to the case, and one of another unit.
bystander=$(su "SELECT o.login FROM homeward.officer o JOIN homeward.unit u ON u.id = o.unit_id
                 WHERE u.code = 'SZ' AND o.role = 'officer' AND o.active AND o.login <> '$officer'
                 ORDER BY o.id LIMIT 1")
step=$(as $officer "INSERT INTO homeward.verification_step (case_id, kind, outcome, notes)
                    VALUES ($case_id, 'family_identification', 'recognised', '母亲认出了照片中的胎记') RETURNING id")
dna_step=$(as $officer "INSERT INTO homeward.verification_step (case_id, kind, outcome, notes)
                        VALUES ($case_id, 'dna_result', 'match', 'CPI 3.2e6') RETURNING id")
[ -n "$bystander" ] && [ -n "$step" ] && [ -n "$dna_step" ] && ok "a bystander of the unit ($bystander), an identification and a DNA step" \
  || not_ok "a bystander of the unit, an identification and a DNA step" "$bystander / $step / $dna_step"

# Every column an officer may not select, of every table: generated from
# the column privileges, tried by an officer, a supervisor and an administrator.
while read -r table column; do
  [ -z "$table" ] && continue
  for role in $bystander $supervisor $admin; do
    refused "$table.$column: not selected from the table by $role" $role 42501 \
      "SELECT $column FROM homeward.$table LIMIT 1"
  done
done < <(su "SELECT c.relname || ' ' || a.attname
               FROM pg_catalog.pg_class c JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
              WHERE c.relnamespace = 'homeward'::regnamespace AND c.relkind = 'r'
                AND a.attnum > 0 AND NOT a.attisdropped
                AND has_table_privilege('homeward_officer', c.oid, 'SELECT')
                    IS DISTINCT FROM true
                AND has_any_column_privilege('homeward_officer', c.oid, 'SELECT')
                AND NOT has_column_privilege('homeward_officer', c.oid, a.attnum, 'SELECT')
              ORDER BY 1")
eq "the restricted columns are the design's" \
   "SELECT string_agg(c.relname || '.' || a.attname, ',' ORDER BY c.relname, a.attname)
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
     WHERE c.relnamespace = 'homeward'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
       AND has_any_column_privilege('homeward_officer', c.oid, 'SELECT')
       AND NOT has_column_privilege('homeward_officer', c.oid, a.attnum, 'SELECT')" \
   "contact_event.channel,contact_event.next_step,contact_event.occurred_at,contact_event.officer_id,contact_event.outcome,contact_event.summary,dna_comparison.combined_index,dna_comparison.computed_index,dna_comparison.conclusion,dna_comparison.probability,dna_comparison.report_reference,dna_str_allele.allele1,dna_str_allele.allele2,family_member.address,family_member.phone,family_member.search,verification_step.notes,verification_step.outcome"

attack "the bystander reads no phone number or address through the function" $bystander \
  "SELECT phone, address FROM homeward.read_family_contacts($case_id)" \
  "SELECT true"
out=$(as $bystander "SELECT count(*) || ':' || count(phone) || count(address) || ':' || bool_or(has_contact)
                       FROM homeward.read_family_contacts($case_id)")
[ "${out%%:*}" -gt 0 ] && [ "$(cut -d: -f2 <<<"$out")" = 00 ] && [ "${out##*:}" = true ] \
  && ok "... sees the relatives and that contact details exist, not what they are ($out)" \
  || not_ok "... sees the relatives and that contact details exist, not what they are" "$out"
out=$(as $bystander "SELECT count(*) FROM homeward.read_contact_log($case_id)")
attacks=$((attacks + 1))
[ "$out" = 0 ] && ok "the bystander reads no contact log" || { through=$((through + 1)); not_ok "the bystander reads no contact log" "$out"; }
out=$(as $bystander "SELECT (SELECT count(*) FROM homeward.read_dna_results($case_id)) + (SELECT count(*) FROM homeward.read_dna_profiles($case_id))")
attacks=$((attacks + 1))
[ "$out" = 0 ] && ok "... no DNA result or profile" || { through=$((through + 1)); not_ok "... no DNA result or profile" "$out"; }
for who in $bystander $other_off $other_sup; do
  out=$(as $who "SELECT string_agg(coalesce(outcome, '-') || coalesce(notes, '-') || restricted::text, ',')
                   FROM homeward.read_step_texts(ARRAY[$step, $dna_step])")
  attacks=$((attacks + 1))
  [ "$out" = "--true,--true" ] && ok "$who reads neither the identification's nor the DNA step's outcome" \
    || { through=$((through + 1)); not_ok "$who reads neither the identification's nor the DNA step's outcome" "$out"; }
done
out=$(as $officer "SELECT string_agg(outcome, ',' ORDER BY step_id) FROM homeward.read_step_texts(ARRAY[$step, $dna_step])")
[ "$out" = "recognised,match" ] && ok "the assigned officer reads both" || not_ok "the assigned officer reads both" "$out"
phone=$(su "SELECT phone FROM homeward.family_member WHERE id = $fm_id")
attack "a phone number finds the case only for those who may read it" $bystander \
  "SELECT homeward.search_family_cases('$phone')" \
  "SELECT true"
out=$(as $bystander "SELECT $case_id = ANY (homeward.search_family_cases('$phone'))")
[ "$out" = f ] && ok "... the bystander's phone search does not find it" || not_ok "... the bystander's phone search does not find it" "$out"
out=$(as $supervisor "SELECT $case_id = ANY (homeward.search_family_cases('$phone'))")
[ "$out" = t ] && ok "... the supervisor's does" || not_ok "... the supervisor's does" "$out"
eq "... and is logged" \
   "SELECT count(*) FROM homeward.access_log WHERE case_id = $case_id AND what = 'family_search' AND db_role = '$supervisor'" 1
out=$(as $bystander "SELECT $case_id = ANY (homeward.search_family_cases('红父'))")
[ "$out" = t ] && ok "... and the relative's name still finds it for the unit" || not_ok "... the relative's name still finds it for the unit" "$out"
refused "the bystander does not write a phone number they may not read" $bystander 42501 \
  "UPDATE homeward.family_member SET phone = '13000000000' WHERE id = $fm_id"
refused "... nor through save_family_member" $bystander 42501 \
  "SELECT s.* FROM homeward.family_member fm JOIN homeward.person p ON p.id = fm.person_id
     CROSS JOIN LATERAL homeward.save_family_member(fm.id, fm.version, p.version, p.family_name, p.given_name,
           p.family_name_latin, p.given_name_latin, fm.relationship, '13000000000', NULL, fm.dna_given,
           fm.consent_contact, fm.consent_dna, fm.consent_publish, true) s
    WHERE fm.id = $fm_id"
attack "the bystander saves the relative's name without touching the phone" $bystander \
  "SELECT s.* FROM homeward.family_member fm JOIN homeward.person p ON p.id = fm.person_id
     CROSS JOIN LATERAL homeward.save_family_member(fm.id, fm.version, p.version, p.family_name, '父亲',
           p.family_name_latin, p.given_name_latin, fm.relationship, NULL, NULL, fm.dna_given,
           fm.consent_contact, fm.consent_dna, fm.consent_publish, false) s
    WHERE fm.id = $fm_id" \
  "SELECT fm.phone = '$phone' AND p.given_name = '父亲' FROM homeward.family_member fm
     JOIN homeward.person p ON p.id = fm.person_id WHERE fm.id = $fm_id"

echo "# reads are logged, and the log is the database's"
su "SELECT 1" >/dev/null
as $officer "SELECT count(*) FROM homeward.read_family_contacts($case_id)" >/dev/null
eq "the assigned officer's read is logged: who, which case, what" \
   "SELECT db_role || ' ' || what || ' ' || (unit_id = (SELECT unit_id FROM homeward.abduction_case WHERE id = $case_id))::text
      FROM homeward.access_log WHERE case_id = $case_id AND what = 'family_contacts' ORDER BY id DESC LIMIT 1" \
   "$officer family_contacts true"
eq "... the bystander's reads are not (nothing was read)" \
   "SELECT count(*) FROM homeward.access_log WHERE db_role = '$bystander'" 0
as $supervisor "SELECT count(*) FROM homeward.read_contact_log($case_id)" >/dev/null
out=$("$cli" access-log --case SZ-2099-0001 2>&1); status=$?
if [ $status = 0 ] && grep -q "$(su "SELECT display_name FROM homeward.officer WHERE login = '$supervisor'").*Family contact log" <<<"$out" \
   && grep -q "$(su "SELECT display_name FROM homeward.officer WHERE login = '$officer'").*Phone numbers and addresses" <<<"$out"; then
  ok "homeward-cli access-log --case lists who read what"
else
  not_ok "homeward-cli access-log --case lists who read what (exit $status)" "$out"
fi
out=$("$cli" access-log --case "$case_id" --json 2>&1)
grep -q '"what" : "contact_log"' <<<"$out" && ok "... --json, the case by its id" || not_ok "... --json, the case by its id" "$out"
attacks=$((attacks + 1))
if "$cli" --server "$conninfo user=$officer" access-log --case "$case_id" >/dev/null 2>&1; then
  through=$((through + 1)); not_ok "... an officer may not list it"
else
  ok "... an officer may not list it"
fi
refused "officers do not write the access log" $officer 42501 \
  "INSERT INTO homeward.access_log (case_id, what) VALUES ($case_id, 'dna_results')"
refused "... nor call its writer" $officer 42501 "SELECT homeward.log_access($case_id, 'dna_results')"
refused "... nor read it" $officer 42501 "SELECT count(*) FROM homeward.access_log"
refused "a supervisor does not erase it" $supervisor 42501 "DELETE FROM homeward.access_log"
refused "... nor the superuser" postgres HW005 "DELETE FROM homeward.access_log"
out=$(as $other_sup "SELECT count(*) FROM homeward.audit_log WHERE table_name = 'verification_step'
                                                              AND row_id IN ($step, $dna_step)")
attacks=$((attacks + 1))
[ "$out" = 0 ] && ok "another unit's supervisor reads no identification or DNA step through the audit log" \
  || { through=$((through + 1)); not_ok "another unit's supervisor reads no identification or DNA step through the audit log" "$out"; }
out=$(as $supervisor "SELECT count(*) FROM homeward.audit_log WHERE table_name = 'verification_step'
                                                               AND row_id IN ($step, $dna_step)")
[ "$out" = 2 ] && ok "... the unit's supervisor does" || not_ok "... the unit's supervisor does" "$out"
out=$(as $other_sup "SELECT count(*) FROM homeward.access_log WHERE case_id = $case_id")
[ "$out" = 0 ] && ok "another unit's supervisor does not read who read this unit's case" \
  || not_ok "another unit's supervisor does not read who read this unit's case" "$out"

echo "# $attacks attacks tried, $((attacks - through)) refused or without effect" \
     "(the acts of a day run under $n_rel relations shadowed in pg_temp and in public and $n_fn functions in public: $n_acts acts)"
echo "1..$n"
[ "$failures" -eq 0 ]
