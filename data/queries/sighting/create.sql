-- Records a sighting with its photos in one statement: the sighting, then
-- each photo ($18 … $26 are arrays, one element per photo).  A photo that is
-- a near duplicate of another sighting's joins its repost group (trigger
-- hw_70_repost).  Returns the new sighting's id.
WITH s AS (
    INSERT INTO homeward.sighting (channel, source_ref, observed_at, place_text, region_code, latitude,
                                   longitude, description, apparent_age_min, apparent_age_max,
                                   apparent_sex, context, priority, reporter_name, reporter_contact,
                                   reporter_anonymous, unit_id)
    VALUES ($1, nullif(btrim($2), ''), $3::timestamptz, nullif(btrim($4), ''), nullif($5, ''),
            $6::double precision, $7::double precision, nullif(btrim($8), ''), $9::smallint,
            $10::smallint, $11, $12::text[], $13, nullif(btrim($14), ''), nullif(btrim($15), ''),
            $16::boolean, $17::bigint)
    RETURNING id)
, p AS (
    INSERT INTO homeward.photo (sighting_id, content, mime_type, sha256, width, height, thumbnail, phash,
                                dhash, source_url)
    SELECT s.id, x.content, x.mime_type, x.sha256, x.width, x.height, x.thumbnail, x.phash, x.dhash,
           nullif(x.source_url, '')
      FROM s, unnest($18::bytea[], $19::text[], $20::bytea[], $21::integer[], $22::integer[],
                     $23::bytea[], $24::bigint[], $25::bigint[], $26::text[])
              AS x (content, mime_type, sha256, width, height, thumbnail, phash, dhash, source_url)
    RETURNING id)
SELECT s.id, (SELECT count(*) FROM p) AS photos FROM s
