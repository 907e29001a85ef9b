-- Who read a case's restricted family details and DNA results, newest
-- first: the last 50 reads of the access log (data/sql/0020), which the
-- supervisors of the case's unit and administrators may read.  $1: the
-- case id.
SELECT a.id,
       extract(epoch FROM a.at)::bigint AS at,
       coalesce(o.display_name, a.db_role) AS who,
       a.what
  FROM homeward.access_log a
  LEFT JOIN homeward.officer o ON o.id = a.officer_id
 WHERE a.case_id = $1::bigint
 ORDER BY a.at DESC, a.id DESC
 LIMIT 50
