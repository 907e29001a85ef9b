-- The active officers one can assign a sighting to: of the caller's unit first.
SELECT o.id, o.display_name, u.code AS unit_code
  FROM homeward.officer o
  LEFT JOIN homeward.unit u ON u.id = o.unit_id
 WHERE o.active
 ORDER BY o.unit_id IS DISTINCT FROM homeward.current_unit_id(), o.display_name
 LIMIT 500
