-- Adds a photo to a case, unless the case has the very same file already
-- (same sha256).  No row comes back for a copy.
-- $1 case id, $2 content (bytea), $3 MIME type, $4 sha256 (bytea),
-- $5 width, $6 height, $7 thumbnail (bytea), $8 pHash, $9 dHash (bigint).
INSERT INTO homeward.photo (case_id, content, mime_type, sha256, width, height, thumbnail, phash, dhash)
SELECT $1::bigint, $2::bytea, $3::text, $4::bytea, $5::integer, $6::integer, $7::bytea, $8::bigint, $9::bigint
 WHERE NOT EXISTS (SELECT 1 FROM homeward.photo p
                    WHERE p.case_id = $1::bigint AND p.sha256 = $4::bytea)
RETURNING id
