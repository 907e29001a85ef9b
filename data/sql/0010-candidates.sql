-- Homeward schema v1, part 10: the open cases a sighting may be about,
-- ranked by an explained score (DESIGN.md "Matching").
--
-- Each factor adds to or takes from the score; none hides a case.
--
--   sex       +1 when the apparent sex is the child's, -2 when it is not,
--             0 when either is unknown;
--   age       +1.5 when the child's age in whole years on the day of the
--             sighting lies in the apparent age range (a quarter of a year
--             of slack, a year for a birth known to the month or year), then
--             -1 a year outside, down to -4;
--   marks     up to +3: 3/4 for each character pair of the child's
--             distinguishing marks that the description holds (one mark
--             written out, 左脚底有痣, is four pairs);
--   place     up to +1, weakly: trafficked children are moved far, so
--             distance only breaks ties (1 at the same spot, 1/2 at 300 km,
--             or 0.3 for the same province by region code);
--   time      -5 when the child was taken after the sighting, else a little
--             less the longer ago it was taken (-0.05 a year);
--   photo     up to +4: 4 (1 - d / 12) for the nearest of the case's photos
--             within d <= 11 pHash bits of one of the sighting's.
--
-- The keys come from case_match_key, a narrow copy of what matching reads
-- (the person table is too wide to scan for every sighting), kept by
-- triggers on the case and the child.

SET LOCAL ROLE homeward_owner;
SET LOCAL search_path = homeward, pg_catalog, public;

CREATE TABLE homeward.case_match_key (
    case_id          bigint PRIMARY KEY REFERENCES homeward.abduction_case (id),
    open             boolean NOT NULL,
    sex              text NOT NULL,
    birth_date       date,
    birth_precision  text,
    abducted_on      date,
    latitude         double precision,
    longitude        double precision,
    region_code      text,
    marks            text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX case_match_key_marks_idx ON homeward.case_match_key USING gin (marks) WHERE open;

ALTER TABLE homeward.case_match_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE homeward.case_match_key FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON homeward.case_match_key TO homeward_owner USING (true) WITH CHECK (true);
REVOKE TRUNCATE ON homeward.case_match_key FROM homeward_owner;

-- The character pairs (and words) of a text, as matching compares them:
-- single characters (左, 有, 痣) say too little to count.
CREATE FUNCTION homeward.match_tokens(p_text text)
RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$
    SELECT coalesce(array_agg(t), '{}')
      FROM unnest(tsvector_to_array(homeward.cjk_tokens(p_text))) AS t
     WHERE char_length(t) >= 2
$fn$;

CREATE FUNCTION homeward.touch_case_match_keys(p_case_ids bigint[])
RETURNS void
LANGUAGE sql SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
    INSERT INTO homeward.case_match_key AS k (case_id, open, sex, birth_date, birth_precision, abducted_on,
                                              latitude, longitude, region_code, marks)
    SELECT c.id, c.status IN ('open', 'investigating', 'located'), p.sex, p.birth_date,
           p.birth_date_precision, (c.abducted_at AT TIME ZONE 'Asia/Shanghai')::date,
           c.latitude, c.longitude, c.region_code,
           homeward.match_tokens(p.distinguishing_marks)
      FROM homeward.abduction_case c
      JOIN homeward.person p ON p.id = c.child_id
     WHERE p_case_ids IS NULL OR c.id = ANY (p_case_ids)
    ON CONFLICT (case_id) DO UPDATE
        SET open = excluded.open, sex = excluded.sex, birth_date = excluded.birth_date,
            birth_precision = excluded.birth_precision, abducted_on = excluded.abducted_on,
            latitude = excluded.latitude, longitude = excluded.longitude,
            region_code = excluded.region_code, marks = excluded.marks
$fn$;
REVOKE EXECUTE ON FUNCTION homeward.touch_case_match_keys(bigint[]) FROM PUBLIC;

CREATE FUNCTION homeward.tg_case_match_key()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
BEGIN
    IF TG_TABLE_NAME = 'person' THEN
        PERFORM homeward.touch_case_match_keys(
            (SELECT array_agg(c.id) FROM new_rows n JOIN homeward.abduction_case c ON c.child_id = n.id
              WHERE n.kind = 'child'));
    ELSE
        PERFORM homeward.touch_case_match_keys((SELECT array_agg(id) FROM new_rows));
    END IF;
    RETURN NULL;
END
$fn$;

CREATE TRIGGER hw_81_match_key_insert AFTER INSERT ON homeward.abduction_case
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION homeward.tg_case_match_key();
CREATE TRIGGER hw_81_match_key_update AFTER UPDATE ON homeward.abduction_case
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION homeward.tg_case_match_key();
CREATE TRIGGER hw_81_match_key_update AFTER UPDATE ON homeward.person
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION homeward.tg_case_match_key();

-- For loads that run without triggers (the demo data).
CREATE FUNCTION homeward.refresh_case_match_keys()
RETURNS void
LANGUAGE sql SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
    SELECT homeward.touch_case_match_keys(NULL)
$fn$;
REVOKE EXECUTE ON FUNCTION homeward.refresh_case_match_keys() FROM PUBLIC;

-- The ranked open cases for a sighting, each factor's contribution beside
-- the total.  Every officer may see every case and child; the sighting must
-- be one the caller may read.
CREATE FUNCTION homeward.candidate_cases(p_sighting_id bigint, p_limit integer DEFAULT 20)
RETURNS TABLE (case_id bigint, total real, sex real, age real, marks real, place real,
               "time" real, photo real)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = homeward, pg_catalog
AS $fn$
DECLARE
    s              homeward.sighting%ROWTYPE;
    v_seen         timestamptz;
    v_day          date;
    v_min          double precision;
    v_max          double precision;
    v_tokens       text[];
    v_coslat       double precision;
    v_mark_cases   bigint[];
    v_mark_scores  double precision[];
    v_photo_cases  bigint[];
    v_photo_dist   integer[];
BEGIN
    -- (every officer reads every sighting: 0002)
    SELECT * INTO s FROM homeward.sighting WHERE id = p_sighting_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'there is no sighting %', p_sighting_id USING ERRCODE = 'P0002';
    END IF;
    v_seen := coalesce(s.observed_at, s.received_at);
    v_day := v_seen::date;
    v_min := coalesce(s.apparent_age_min, 0);
    v_max := coalesce(s.apparent_age_max, 25) + 1;   -- "7" is 7.0 to 7.99 years
    v_tokens := homeward.match_tokens(s.description);
    v_coslat := cos(radians(s.latitude));

    -- The two costly factors only where they can count: marks for the
    -- cases that share a character pair with the description (GIN), photos
    -- for the cases with a photo near one of the sighting's.
    SELECT array_agg(k.case_id),
           array_agg(least(3.0, 0.75 * (SELECT count(*) FROM unnest(k.marks) AS m(tok)
                                          WHERE m.tok = ANY (v_tokens))))
      INTO v_mark_cases, v_mark_scores
      FROM homeward.case_match_key k
     WHERE k.open AND k.marks && v_tokens;

    SELECT array_agg(m.case_id), array_agg(m.d) INTO v_photo_cases, v_photo_dist
      FROM (SELECT p.case_id, min(n.distance) AS d
              FROM homeward.photo sp
             CROSS JOIN LATERAL homeward.near_duplicate_photos(sp.phash, 11) n
              JOIN homeward.photo p ON p.id = n.photo_id AND p.case_id IS NOT NULL
             WHERE sp.sighting_id = p_sighting_id AND sp.phash IS NOT NULL
             GROUP BY p.case_id) m;

    RETURN QUERY
    SELECT f.case_id, (f.sex + f.age + f.marks + f.place + f.t + f.photo)::real,
           f.sex::real, f.age::real, f.marks::real, f.place::real, f.t::real, f.photo::real
      FROM (SELECT k.case_id,
                   CASE WHEN s.apparent_sex = 'unknown' OR k.sex NOT IN ('male', 'female') THEN 0
                        WHEN s.apparent_sex = k.sex THEN 1 ELSE -2 END AS sex,
                   -- years outside the apparent range, less the slack the
                   -- birth date's precision allows
                   CASE WHEN k.years IS NULL
                             OR (s.apparent_age_min IS NULL AND s.apparent_age_max IS NULL) THEN 0
                        WHEN greatest(v_min - k.years, k.years - v_max) <= k.slack THEN 1.5
                        ELSE greatest(-4, k.slack - greatest(v_min - k.years, k.years - v_max)) END AS age,
                   coalesce(mk.score, 0) AS marks,
                   CASE WHEN k.latitude IS NOT NULL AND s.latitude IS NOT NULL
                        THEN exp(-0.257 * sqrt((k.latitude - s.latitude) * (k.latitude - s.latitude)
                                 + (k.longitude - s.longitude) * v_coslat * (k.longitude - s.longitude) * v_coslat))
                        WHEN left(k.region_code, 2) = left(s.region_code, 2) THEN 0.3
                        ELSE 0 END AS place,
                   CASE WHEN k.abducted_on IS NULL THEN 0
                        WHEN k.abducted_on > v_day + 1 THEN -5
                        ELSE -0.05 * (v_day - k.abducted_on) / 365.25 END AS t,
                   coalesce(4.0 * (1 - ph.d / 12.0), 0) AS photo
              FROM (SELECT mk.*, (v_day - mk.birth_date) / 365.25 AS years,
                           CASE WHEN mk.birth_precision = 'day' THEN 0.25 ELSE 1.0 END AS slack
                      FROM homeward.case_match_key mk WHERE mk.open) k
              LEFT JOIN unnest(v_mark_cases, v_mark_scores) AS mk(case_id, score) ON mk.case_id = k.case_id
              LEFT JOIN unnest(v_photo_cases, v_photo_dist) AS ph(case_id, d) ON ph.case_id = k.case_id) f
     ORDER BY 2 DESC, 1
     LIMIT greatest(coalesce(p_limit, 20), 1);
END
$fn$;
REVOKE EXECUTE ON FUNCTION homeward.candidate_cases(bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION homeward.candidate_cases(bigint, integer) TO homeward_officer, homeward_admin;

SELECT homeward.refresh_case_match_keys();
ANALYZE homeward.case_match_key;

RESET ROLE;
