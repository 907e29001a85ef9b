-- What happened to a case, its child, family, contacts, photos and reunion,
-- newest first, from the audit log (readable by supervisors and
-- administrators only).  $1: the case id, $2: the child's person id.
-- changed_columns: the columns an UPDATE changed, bookkeeping left out.
WITH rows (table_name, row_id) AS (
    SELECT 'abduction_case', $1::bigint
    UNION ALL SELECT 'person', $2::bigint
    UNION ALL SELECT 'family_member', fm.id FROM homeward.family_member fm WHERE fm.case_id = $1
    UNION ALL SELECT 'contact_event', e.id FROM homeward.contact_event e WHERE e.case_id = $1
    UNION ALL SELECT 'photo', ph.id FROM homeward.photo ph WHERE ph.case_id = $1
    UNION ALL SELECT 'reunion', r.id FROM homeward.reunion r WHERE r.case_id = $1)
SELECT a.id,
       a.table_name,
       a.action,
       extract(epoch FROM a.at)::bigint AS at,
       coalesce(o.display_name, a.db_role) AS who,
       (SELECT string_agg(k, ',' ORDER BY k)
          FROM jsonb_object_keys(a.new_row) AS k
         WHERE a.action = 'UPDATE'
           AND k NOT IN ('version', 'created_at', 'updated_at', 'updated_by', 'status_changed_at')
           AND a.old_row -> k IS DISTINCT FROM a.new_row -> k) AS changed_columns,
       a.old_row ->> 'status' AS old_status,
       a.new_row ->> 'status' AS new_status,
       a.new_row ->> 'status_reason' AS status_reason
  FROM rows r
  JOIN homeward.audit_log a ON a.table_name = r.table_name AND a.row_id = r.row_id
  LEFT JOIN homeward.officer o ON o.id = a.officer_id
 ORDER BY a.at DESC, a.id DESC
 LIMIT 200
