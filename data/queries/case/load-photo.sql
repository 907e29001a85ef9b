-- The stored file of one photo (hex), when it is not too big to show.
-- $1 photo id, $2 the most bytes wanted.
SELECT encode(content, 'hex') AS content
  FROM homeward.photo
 WHERE id = $1 AND octet_length(content) <= $2::integer
