-- Logs a contact with the family of a case, as the signed-in officer.
-- $1 case id, $2 when, $3 channel, $4 family member id (may be NULL),
-- $5 summary, $6 outcome, $7 next step (may be NULL).
INSERT INTO homeward.contact_event (case_id, occurred_at, channel, family_member_id,
                                    summary, outcome, next_step)
VALUES ($1, $2::timestamptz, $3, $4::bigint, btrim($5), nullif(btrim($6), ''), nullif(btrim($7), ''))
RETURNING id
