-- The case status changes the rules allow (read once per connection).
SELECT from_status, to_status, needs_reason, needs_supervisor
  FROM homeward.case_status_transition
 ORDER BY from_status, to_status
