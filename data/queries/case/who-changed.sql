-- Who last changed a row, from the audit log (supervisors and administrators
-- only).  $1: the table, $2: the row id.
SELECT coalesce(o.display_name, a.db_role) AS who
  FROM homeward.audit_log a
  LEFT JOIN homeward.officer o ON o.id = a.officer_id
 WHERE a.table_name = $1 AND a.row_id = $2
 ORDER BY a.at DESC, a.id DESC
 LIMIT 1
