-- Removes a relative recorded by mistake, if nobody changed them since the
-- form read them.  No row comes back otherwise (or when the relative is not
-- the officer's to remove).  A relative named in the contact log or by a DNA
-- sample is refused by the foreign keys (23503).
-- $1 member id, $2 member version.
DELETE FROM homeward.family_member
 WHERE id = $1 AND version = $2
RETURNING id
