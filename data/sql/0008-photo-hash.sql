-- Homeward schema v1, part 8: finding a photo's near duplicates.
--
-- Two photos are near duplicates when their 64-bit pHashes differ in at
-- most about 8 bits (src/core/hw-image-hash.c).  Comparing a hash with a
-- million others one by one takes a table scan; instead, by the pigeonhole
-- principle, when two hashes differ in at most d bits, one of their four
-- 16-bit blocks differs in at most floor(d / 4) bits.  So the candidates are
-- the photos with a block within that distance of the same block of the
-- hash (for d = 8: 137 values of each block, looked up in an index), and
-- only those are compared in full.  The block indexes carry the hash and the
-- id, so the candidates are read from the indexes alone (index-only scans).

SET LOCAL ROLE homeward_owner;
SET LOCAL search_path = homeward, pg_catalog, public;

DROP INDEX homeward.photo_phash_b0_idx;
DROP INDEX homeward.photo_phash_b1_idx;
DROP INDEX homeward.photo_phash_b2_idx;
DROP INDEX homeward.photo_phash_b3_idx;
CREATE INDEX photo_phash_b0_idx ON homeward.photo (phash_b0) INCLUDE (phash, id);
CREATE INDEX photo_phash_b1_idx ON homeward.photo (phash_b1) INCLUDE (phash, id);
CREATE INDEX photo_phash_b2_idx ON homeward.photo (phash_b2) INCLUDE (phash, id);
CREATE INDEX photo_phash_b3_idx ON homeward.photo (phash_b3) INCLUDE (phash, id);

-- Every 16-bit value within p_radius (0, 1 or 2) bits of p_value.
CREATE FUNCTION homeward.hamming_ball16(p_value integer, p_radius integer)
RETURNS integer[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$
    SELECT array_agg(p_value # m)
      FROM (SELECT 0 AS m
            UNION ALL
            SELECT 1 << i FROM generate_series(0, 15) AS i WHERE p_radius >= 1
            UNION ALL
            SELECT (1 << i) | (1 << j)
              FROM generate_series(0, 15) AS i, generate_series(0, 15) AS j
             WHERE i < j AND p_radius >= 2) AS flips
$fn$;

-- The photos whose pHash lies within p_max_distance bits (at most 11) of
-- p_phash, nearest first.  Every officer sees every photo (0002), so this
-- runs with the caller's rights.  In plpgsql so that the query's plan is
-- made once per connection: planning it (four probe lists) cost as much
-- as running it.
CREATE FUNCTION homeward.near_duplicate_photos(p_phash bigint, p_max_distance integer DEFAULT 8)
RETURNS TABLE (photo_id bigint, distance integer)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = homeward, pg_catalog
AS $fn$
DECLARE
    v_max integer := least(greatest(coalesce(p_max_distance, 8), 0), 11);
    b0 integer[] := homeward.hamming_ball16((p_phash & 65535)::integer, v_max / 4);
    b1 integer[] := homeward.hamming_ball16(((p_phash >> 16) & 65535)::integer, v_max / 4);
    b2 integer[] := homeward.hamming_ball16(((p_phash >> 32) & 65535)::integer, v_max / 4);
    b3 integer[] := homeward.hamming_ball16(((p_phash >> 48) & 65535)::integer, v_max / 4);
BEGIN
    IF p_phash IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT c.id, c.dist
          FROM (SELECT p.id, bit_count((p.phash # p_phash)::bit(64))::integer AS dist
                  FROM homeward.photo p WHERE p.phash_b0 = ANY (b0)
                UNION
                SELECT p.id, bit_count((p.phash # p_phash)::bit(64))::integer
                  FROM homeward.photo p WHERE p.phash_b1 = ANY (b1)
                UNION
                SELECT p.id, bit_count((p.phash # p_phash)::bit(64))::integer
                  FROM homeward.photo p WHERE p.phash_b2 = ANY (b2)
                UNION
                SELECT p.id, bit_count((p.phash # p_phash)::bit(64))::integer
                  FROM homeward.photo p WHERE p.phash_b3 = ANY (b3)) AS c
         WHERE c.dist <= v_max
         ORDER BY c.dist, c.id;
END
$fn$;
GRANT EXECUTE ON FUNCTION homeward.near_duplicate_photos(bigint, integer) TO homeward_officer, homeward_admin;

RESET ROLE;
