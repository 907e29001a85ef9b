#!/usr/bin/env bash
# DNA on demo data: the custody chain flags an out-of-order event and a gap;
# `homeward-cli import-lab-results` imports a lab's STR export whole, reports
# a malformed file by line and writes nothing, refuses samples it does not
# know, and refuses an officer who is not assigned to the case (row
# security), while the assigned officer imports.
#
# Usage: tests/db/dna-smoke.sh PATH/TO/homeward-cli
set -u

. "$(dirname "$0")/demo-cluster.sh" "$1" dna 300 1000 5
q () { psql "$conninfo" -qAt -v ON_ERROR_STOP=1 -c "$1" 2>&1; }
eq () { out=$(q "$2"); if [ "$out" = "$3" ]; then ok "$1"; else not_ok "$1 (wanted $3)" "$out"; fi; }

# A family sample of an SZ case with an assigned officer other than the
# demo officer, and one of a case assigned to the demo officer.
other_ref=$(q "SELECT s.lab_reference FROM homeward.dna_sample s JOIN homeward.family_member fm ON fm.id = s.family_member_id
                 JOIN homeward.abduction_case c ON c.id = fm.case_id JOIN homeward.unit u ON u.id = c.unit_id
                 JOIN homeward.officer o ON o.id = c.assigned_officer_id
                WHERE u.code = 'SZ' AND o.login <> 'demo_officer' ORDER BY s.id LIMIT 1")
sample=$(q "SELECT id FROM homeward.dna_sample WHERE lab_reference = '$other_ref'")
q "UPDATE homeward.abduction_case SET assigned_officer_id = (SELECT id FROM homeward.officer WHERE login = 'demo_officer')
    WHERE id = (SELECT c.id FROM homeward.abduction_case c JOIN homeward.unit u ON u.id = c.unit_id
                 WHERE u.code = 'SZ' AND EXISTS (SELECT 1 FROM homeward.family_member fm JOIN homeward.dna_sample s
                                                   ON s.family_member_id = fm.id WHERE fm.case_id = c.id)
                   AND c.id <> (SELECT fm.case_id FROM homeward.family_member fm JOIN homeward.dna_sample s
                                  ON s.family_member_id = fm.id WHERE s.id = $sample)
                 ORDER BY c.id LIMIT 1)" >/dev/null
mine_ref=$(q "SELECT s.lab_reference FROM homeward.dna_sample s JOIN homeward.family_member fm ON fm.id = s.family_member_id
                JOIN homeward.abduction_case c ON c.id = fm.case_id JOIN homeward.officer o ON o.id = c.assigned_officer_id
               WHERE o.login = 'demo_officer' ORDER BY s.id LIMIT 1")
if [ -n "$other_ref" ] && [ -n "$mine_ref" ]; then ok "demo samples found ($other_ref, $mine_ref)"; else not_ok "demo samples" "$other_ref / $mine_ref"; fi

echo "# custody chain"
eq "a whole chain has no problem" \
   "SELECT count(*) FILTER (WHERE problem IS NOT NULL) || '/' || count(*) FROM homeward.dna_custody_chain($sample)" "0/5"
q "INSERT INTO homeward.dna_custody_event (sample_id, event, occurred_at)
   SELECT $sample, 'sealed', occurred_at + interval '1 minute' FROM homeward.dna_custody_event
    WHERE sample_id = $sample AND event = 'shipped'" >/dev/null
eq "sealed after shipped is out of order" \
   "SELECT string_agg(event || ':' || coalesce(problem, '-'), ',' ORDER BY occurred_at, event_id) FROM homeward.dna_custody_chain($sample)" \
   "collected:-,sealed:-,shipped:-,sealed:out_of_order,received:-,analysed:-"
new=$(q "INSERT INTO homeward.dna_sample (family_member_id, lab, lab_reference) SELECT family_member_id, lab, 'GAP-1' FROM homeward.dna_sample WHERE id = $sample RETURNING id")
q "INSERT INTO homeward.dna_custody_event (sample_id, event, occurred_at) VALUES ($new, 'collected', '2026-01-01'), ($new, 'shipped', '2026-01-02')" >/dev/null
eq "shipped without being sealed is a gap, naming what is missing" \
   "SELECT string_agg(event || ':' || coalesce(problem, '-') || ':' || coalesce(array_to_string(missing, '+'), ''), ',' ORDER BY occurred_at) FROM homeward.dna_custody_chain($new)" \
   "collected:-:,shipped:gap:sealed"

echo "# lab results import"
printf 'Sample Name\tMarker\tAllele 1\tAllele 2\n%s\tD3S1358\t15\t16\n%s\tAMEL\tX\tY\n%s\tTH01\t9.3\t\n%s\tvWA\t18\t14\n' \
  "$other_ref" "$other_ref" "$other_ref" "$mine_ref" >"$work/good.tsv"
printf 'sample,locus,allele1,allele2\n%s,D8S1179,13,15\n%s,TH01,nine,9\n%s,FGA,20\n' \
  "$other_ref" "$other_ref" "$other_ref" >"$work/bad.csv"
printf 'sample,locus,allele1,allele2\n%s,D8S1179,13,15\nNO-SUCH-REF,FGA,20,22\n' "$other_ref" >"$work/unknown.csv"

before=$(q "SELECT count(*) FROM homeward.dna_str_allele")
out=$("$cli" import-lab-results "$work/bad.csv" 2>&1); status=$?
if [ $status = 1 ] && grep -q "bad.csv:3:" <<<"$out" && grep -q "bad.csv:4:" <<<"$out" && ! grep -q "bad.csv:2:" <<<"$out"; then
  ok "a malformed file is reported by line"
else
  not_ok "malformed file reported by line (exit $status)" "$out"
fi
out=$("$cli" import-lab-results "$work/unknown.csv" 2>&1); status=$?
if [ $status = 1 ] && grep -q "unknown.csv:3:.*NO-SUCH-REF" <<<"$out"; then ok "an unknown lab reference is reported by line"; else not_ok "unknown reference (exit $status)" "$out"; fi
eq "... and nothing of either was written" "SELECT count(*) FROM homeward.dna_str_allele" "$before"

officer=$("$cli" server conninfo --user demo_officer)
out=$("$cli" --server "$officer" import-lab-results "$work/good.tsv" 2>&1); status=$?
if [ $status = 1 ] && grep -q "assigned" <<<"$out"; then ok "an officer not assigned to one of the cases is refused"; else not_ok "refused (exit $status)" "$out"; fi
eq "... and nothing was written" "SELECT count(*) FROM homeward.dna_str_allele" "$before"
printf 'Sample Name,Marker,Allele 1,Allele 2\n%s,vWA,18,14\n%s,D21S11,30,32.2\n' "$mine_ref" "$mine_ref" >"$work/mine.csv"
out=$("$cli" --server "$officer" import-lab-results "$work/mine.csv" 2>&1); status=$?
if [ $status = 0 ]; then ok "the assigned officer imports"; else not_ok "assigned officer imports (exit $status)" "$out"; fi
eq "... the alleles as the lab gave them, the smaller first" \
   "SELECT string_agg(locus || '=' || allele1 || '/' || allele2, ',' ORDER BY locus) FROM homeward.dna_str_allele a JOIN homeward.dna_sample s ON s.id = a.sample_id WHERE s.lab_reference = '$mine_ref' AND locus IN ('vWA', 'D21S11')" \
   "D21S11=30.0/32.2,vWA=14.0/18.0"
out=$("$cli" import-lab-results "$work/good.tsv" 2>&1); status=$?
if [ $status = 0 ] && grep -q "3" <<<"$out"; then ok "the administrator's superuser imports the whole file"; else not_ok "import (exit $status)" "$out"; fi
eq "... homozygote and Amelogenin handled" \
   "SELECT string_agg(locus || '=' || allele1 || '/' || allele2, ',' ORDER BY locus) FROM homeward.dna_str_allele a JOIN homeward.dna_sample s ON s.id = a.sample_id WHERE s.lab_reference = '$other_ref' AND locus IN ('D3S1358', 'TH01', 'AMEL')" \
   "D3S1358=15.0/16.0,TH01=9.3/9.3"
other_unit=$(q "SELECT o.login FROM homeward.officer o JOIN homeward.unit u ON u.id = o.unit_id WHERE u.code <> 'SZ' AND o.role = 'officer' ORDER BY o.id LIMIT 1")
out=$(psql "$("$cli" server conninfo --user "$other_unit")" -qAt -c "SELECT count(*) FROM homeward.dna_str_allele a JOIN homeward.dna_sample s ON s.id = a.sample_id WHERE s.lab_reference IN ('$other_ref', '$mine_ref')" 2>&1)
if [ "$out" = 0 ]; then ok "an officer of another unit cannot read the profiles"; else not_ok "other unit reads DNA" "$out"; fi

echo "1..$n"
[ "$failures" = 0 ]
