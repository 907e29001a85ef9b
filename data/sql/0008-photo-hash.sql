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

-- ---------------------------------------------------------------------------
-- Repost groups
--
-- A sighting whose photo is a near duplicate of another sighting's photo is
-- a repost of it: it joins that sighting's group, or the two start one with
-- the earlier sighting as its primary.  The inbox shows a group once, with
-- its count and when it was first and last seen.  A sighting already in a
-- group stays there (groups are not merged behind an officer's back), and
-- an officer may take a sighting out of a wrong group.
-- ---------------------------------------------------------------------------

-- Recounts a group from its sightings.
CREATE FUNCTION homeward.recount_repost_group(p_group_id bigint)
RETURNS void
LANGUAGE sql SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
    UPDATE homeward.repost_group g
       SET repost_count = greatest(s.n, 1),
           first_seen_at = coalesce(s.first_seen, g.first_seen_at),
           last_seen_at = coalesce(s.last_seen, g.last_seen_at),
           primary_sighting_id = coalesce(s.first_id, g.primary_sighting_id)
      FROM (SELECT count(*)::integer AS n, min(received_at) AS first_seen, max(received_at) AS last_seen,
                   (array_agg(id ORDER BY received_at, id))[1] AS first_id
              FROM homeward.sighting WHERE repost_group_id = p_group_id) s
     WHERE g.id = p_group_id
$fn$;
REVOKE EXECUTE ON FUNCTION homeward.recount_repost_group(bigint) FROM PUBLIC;

CREATE FUNCTION homeward.tg_photo_repost()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
DECLARE
    v_new     homeward.sighting%ROWTYPE;
    v_other   homeward.sighting%ROWTYPE;
    v_group   bigint;
BEGIN
    IF NEW.sighting_id IS NULL OR NEW.phash IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT * INTO v_new FROM homeward.sighting WHERE id = NEW.sighting_id;
    IF v_new.repost_group_id IS NOT NULL THEN
        RETURN NULL;
    END IF;

    SELECT s.* INTO v_other
      FROM homeward.near_duplicate_photos(NEW.phash, 8) n
      JOIN homeward.photo p ON p.id = n.photo_id
      JOIN homeward.sighting s ON s.id = p.sighting_id
     WHERE p.id <> NEW.id AND s.id <> NEW.sighting_id
     ORDER BY n.distance, s.received_at, s.id
     LIMIT 1;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;

    v_group := v_other.repost_group_id;
    IF v_group IS NULL THEN
        INSERT INTO homeward.repost_group (primary_sighting_id, first_seen_at, last_seen_at)
        VALUES (v_other.id, least(v_other.received_at, v_new.received_at),
                greatest(v_other.received_at, v_new.received_at))
        RETURNING id INTO v_group;
        UPDATE homeward.sighting SET repost_group_id = v_group WHERE id = v_other.id;
    END IF;
    UPDATE homeward.sighting SET repost_group_id = v_group WHERE id = NEW.sighting_id;
    PERFORM homeward.recount_repost_group(v_group);
    RETURN NULL;
END
$fn$;

CREATE TRIGGER hw_70_repost AFTER INSERT ON homeward.photo
    FOR EACH ROW EXECUTE FUNCTION homeward.tg_photo_repost();

-- Takes a sighting out of its repost group (a wrong grouping), with the
-- officer's reason recorded as a note on the sighting.  Returns the group.
CREATE FUNCTION homeward.split_from_repost_group(p_sighting_id bigint, p_reason text)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
DECLARE
    v_group bigint;
BEGIN
    IF coalesce(btrim(p_reason), '') = '' THEN
        RAISE EXCEPTION 'taking a sighting out of its repost group needs a reason'
            USING ERRCODE = 'HW002';
    END IF;
    SELECT repost_group_id INTO v_group FROM homeward.sighting WHERE id = p_sighting_id FOR UPDATE;
    IF v_group IS NULL THEN
        RETURN NULL;
    END IF;
    UPDATE homeward.sighting SET repost_group_id = NULL WHERE id = p_sighting_id;
    INSERT INTO homeward.verification_step (sighting_id, kind, outcome, notes, performed_by)
    VALUES (p_sighting_id, 'note', 'not a repost', btrim(p_reason), homeward.current_officer_id());
    PERFORM homeward.recount_repost_group(v_group);
    RETURN v_group;
END
$fn$;
REVOKE EXECUTE ON FUNCTION homeward.split_from_repost_group(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION homeward.split_from_repost_group(bigint, text) TO homeward_officer;

RESET ROLE;
