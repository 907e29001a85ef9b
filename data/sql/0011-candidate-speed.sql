-- Homeward schema v1, part 11: ranking the candidate cases for a sighting
-- in milliseconds rather than a tenth of a second (issue 4: 100,000 cases,
-- target < 50 ms; 0010 took ~130 ms, ~220 ms at the 95th percentile).
--
-- The score is the one 0010 documents, factor for factor and formula for
-- formula, and so is the result: the first p_limit open cases by total,
-- then case id.  No case is hidden because of one factor; what changes is
-- which cases get their score computed.
--
-- Where 0010's time went: it scored every open case (~59,000), in numeric
-- arithmetic (dates divided by 365.25, the time and photo factors), and
-- counted shared pairs with a subquery per case; a description shares a
-- common pair (疤痕, 胎记, 有一...) with thousands of cases.  Now:
--
--   * The factors are computed in double precision, each once per row (the
--     OFFSET 0 subqueries keep the planner from copying them into the
--     total), and the shared pairs are counted without a subquery, as
--     |marks| + |description| - |both together| on tsvectors (the pairs of
--     both are already distinct; && on arrays compares every element with
--     every other and is slower still).
--
--   * Only the cases that can reach the first p_limit are scored.  Pass 1
--     scores, found through indexes (combined by a bitmap OR):
--       - the cases with a photo within 11 bits of one of the sighting's;
--       - the cases that share a pair with the description, leaving out the
--         e most common pairs (at most two, found in more than one case in
--         twelve: estimated from a fixed ~1,000-row sample of the table,
--         TABLESAMPLE ... REPEATABLE; the planner's statistics are hidden
--         by row security);
--       - "the lead": the cases whose age lies in the apparent range (with
--         the largest slack, a year), whose sex does not count against them
--         and who were not taken after the sighting, within D = 2.5 degrees
--         of the place seen (case_match_key_lead_idx).
--     Any other case has no photo, at most e shared pairs (so marks at most
--     m = min(3, 3/4 e)), a time factor at most 0.05 / 365.25, and either
--       - an age out of the range or unknown (age factor at most 0), or
--         its sex against it (-2 + 1.5), or was taken after the sighting
--         (-5): its total is at most S + 1 + m, S = 1 when the apparent sex
--         is known, else 0;
--       - or it is in the lead's band but farther than D (distance as the
--         place factor measures it: a latitude or cos(latitude) * longitude
--         difference over D) or without coordinates (0.3 at most, by
--         region): at most S + 1.5 + max(0.3, e^(-0.257 D)) + m.
--     When the last of pass 1's first p_limit is above both bounds (by
--     0.001, which also covers the time factor and the rounding to real),
--     nothing unscored can come before it: that is the ranking.
--
--   * Otherwise pass 2 takes pass 1's last total as a floor (the final
--     last total can only be higher, pass 1's first p_limit being scored
--     again): it leaves out as many of the common pairs, and reaches as far
--     (the whole band if need be), as keeps both bounds below that floor.
--     If pass 1 had too few cases, the whole band with every pair.  Pass 3,
--     when even that cannot be bounded (no age given and few marks, too
--     large a p_limit, a nearly empty table), scores every open case, as
--     0010 did.  Over the demo data's 100,000 cases ~97% of sightings are
--     ranked in pass 1, the rest in pass 2.
--
-- The lead's sexes are the values person.sex may take (male, female,
-- unknown: 0001) less the one that scores -2.  plan_cache_mode is forced
-- to custom plans so that each pass's conditions reach the planner as
-- values (it folds the others away and combines the indexes; a generic
-- plan would scan the table); parallel workers and JIT cost more than they
-- save on a few thousand rows.

SET LOCAL ROLE homeward_owner;
SET LOCAL search_path = homeward, pg_catalog, public;

CREATE INDEX case_match_key_lead_idx ON homeward.case_match_key
    (sex, birth_date, latitude, longitude, coalesce(abducted_on, '-infinity'::date)) WHERE open;

-- One ranked case, as candidate_cases() returns it.
CREATE TYPE homeward.candidate_score AS (case_id bigint, total real, sex real, age real, marks real,
                                         place real, "time" real, photo real);

CREATE OR REPLACE FUNCTION homeward.candidate_cases(p_sighting_id bigint, p_limit integer DEFAULT 20)
RETURNS TABLE (case_id bigint, total real, sex real, age real, marks real, place real,
               "time" real, photo real)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = homeward, pg_catalog
SET plan_cache_mode = force_custom_plan
SET max_parallel_workers_per_gather = 0
SET jit = off
AS $fn$
DECLARE
    s              homeward.sighting%ROWTYPE;
    v_seen         timestamptz;
    v_day          date;
    v_limit        integer := greatest(coalesce(p_limit, 20), 1);
    v_has_age      boolean;
    v_min          double precision;
    v_max          double precision;
    v_born_from    date;
    v_born_to      date;
    v_sexes        text[];
    v_sex_max      integer;
    v_tokens       text[];
    v_desc         tsvector;
    v_common       text[];
    v_common_share double precision[];
    v_kept         text[];
    v_left_out     integer := 0;
    v_coslat       double precision;
    v_whole_band   boolean;
    v_reach        double precision := 2.5;
    v_lat_from     double precision;
    v_lat_to       double precision;
    v_lon_from     double precision;
    v_lon_to       double precision;
    v_room         double precision;
    v_photo_cases  bigint[];
    v_photo_dist   integer[];
    v_pass         integer := 1;
    v_lead         bigint[] := '{}';
    v_last         real;
    v_bound        double precision;
    v_top          homeward.candidate_score[];
BEGIN
    -- (every officer reads every sighting: 0002)
    SELECT * INTO s FROM homeward.sighting WHERE id = p_sighting_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'there is no sighting %', p_sighting_id USING ERRCODE = 'P0002';
    END IF;
    v_seen := coalesce(s.observed_at, s.received_at);
    v_day := v_seen::date;
    v_has_age := s.apparent_age_min IS NOT NULL OR s.apparent_age_max IS NOT NULL;
    v_min := coalesce(s.apparent_age_min, 0);
    v_max := coalesce(s.apparent_age_max, 25) + 1;   -- "7" is 7.0 to 7.99 years
    v_tokens := homeward.match_tokens(s.description);
    v_desc := array_to_tsvector(v_tokens);
    v_coslat := cos(radians(s.latitude));

    -- The age band: born so that the age lies within the range widened by
    -- the largest slack (a year), and a day more each side.  Empty when the
    -- sighting gives no age (then the age counts for no case).
    IF v_has_age THEN
        v_born_from := v_day - ceil((v_max + 1) * 365.25)::integer - 1;
        v_born_to := v_day - floor((v_min - 1) * 365.25)::integer + 1;
    ELSE
        v_born_from := v_day + 1;
        v_born_to := v_day;
    END IF;
    v_sexes := CASE s.apparent_sex WHEN 'male' THEN ARRAY['male', 'unknown']
                                   WHEN 'female' THEN ARRAY['female', 'unknown']
                                   ELSE ARRAY['male', 'female', 'unknown'] END;
    v_sex_max := CASE WHEN s.apparent_sex IN ('male', 'female') THEN 1 ELSE 0 END;
    v_whole_band := s.latitude IS NULL OR v_coslat < 0.01 OR NOT v_has_age;

    -- How common each of the description's pairs is among the cases'
    -- marks, from a fixed sample of about a thousand rows.
    SELECT coalesce(array_agg(c.tok ORDER BY c.n DESC, c.tok), '{}'),
           coalesce(array_agg(c.n / greatest(c.rows, 1) ORDER BY c.n DESC, c.tok), '{}')
      INTO v_common, v_common_share
      FROM (SELECT t.tok, count(*)::double precision AS n, max(smp.rows) AS rows
              FROM (SELECT k.marks, count(*) OVER () AS rows
                      FROM homeward.case_match_key k
                           TABLESAMPLE SYSTEM ((SELECT least(100, 100000 / greatest(c.reltuples, 1000))
                                                  FROM pg_class c WHERE c.oid = 'homeward.case_match_key'::regclass))
                           REPEATABLE (0)
                     WHERE k.open) smp,
                   unnest(smp.marks) AS t(tok)
             WHERE t.tok = ANY (v_tokens)
             GROUP BY t.tok) c;

    SELECT coalesce(array_agg(m.case_id), '{}'), coalesce(array_agg(m.d), '{}')
      INTO v_photo_cases, v_photo_dist
      FROM (SELECT p.case_id, min(n.distance) AS d
              FROM homeward.photo sp
             CROSS JOIN LATERAL homeward.near_duplicate_photos(sp.phash, 11) n
              JOIN homeward.photo p ON p.id = n.photo_id AND p.case_id IS NOT NULL
             WHERE sp.sighting_id = p_sighting_id AND sp.phash IS NOT NULL
             GROUP BY p.case_id) m;

    -- Pass 1 leaves out the (at most two) pairs found in more than one case
    -- in twelve, and reaches v_reach degrees around the place seen.
    WHILE v_left_out < least(2, cardinality(v_common)) AND v_common_share[v_left_out + 1] > 0.08 LOOP
        v_left_out := v_left_out + 1;
    END LOOP;

    LOOP
        v_kept := ARRAY(SELECT t FROM unnest(v_tokens) AS t WHERE t <> ALL (v_common[1:v_left_out]));
        IF NOT v_whole_band THEN
            v_lat_from := s.latitude - v_reach;
            v_lat_to := s.latitude + v_reach;
            v_lon_from := s.longitude - v_reach / v_coslat;
            v_lon_to := s.longitude + v_reach / v_coslat;
        END IF;

        v_top := ARRAY(
          SELECT ROW(r.case_id, r.total, r.sex, r.age, r.marks, r.place, r.t, r.photo)::homeward.candidate_score
            FROM (
            SELECT f.case_id, (f.sex + f.age + f.marks + f.place + f.t + f.photo)::real AS total,
                   f.sex::real AS sex, f.age::real AS age, f.marks::real AS marks, f.place::real AS place,
                   f.t::real AS t, f.photo::real AS photo
              FROM (SELECT k.case_id,
                           CASE WHEN s.apparent_sex = 'unknown' OR k.sex NOT IN ('male', 'female') THEN 0
                                WHEN s.apparent_sex = k.sex THEN 1 ELSE -2 END::double precision AS sex,
                           -- years outside the apparent range, less the slack
                           -- the birth date's precision allows
                           CASE WHEN k.birth_date IS NULL OR NOT v_has_age THEN 0
                                WHEN k.outside <= k.slack THEN 1.5
                                ELSE greatest(-4, k.slack - k.outside) END AS age,
                           -- the pairs both hold: |marks| + |description| - |both|
                           least(3, 0.75::double precision
                                    * (cardinality(k.marks) + length(v_desc)
                                       - length(array_to_tsvector(k.marks) || v_desc))) AS marks,
                           CASE WHEN k.latitude IS NOT NULL AND s.latitude IS NOT NULL
                                THEN exp(-0.257::double precision
                                         * sqrt((k.latitude - s.latitude) * (k.latitude - s.latitude)
                                                + (k.longitude - s.longitude) * v_coslat
                                                  * (k.longitude - s.longitude) * v_coslat))
                                WHEN left(k.region_code, 2) = left(s.region_code, 2) THEN 0.3
                                ELSE 0 END AS place,
                           CASE WHEN k.abducted_on IS NULL THEN 0
                                WHEN k.abducted_on > v_day + 1 THEN -5
                                ELSE -0.05::double precision * (v_day - k.abducted_on) / 365.25::double precision
                                END AS t,
                           coalesce(4 * (1 - ph.d / 12::double precision), 0) AS photo
                      FROM (SELECT mk.case_id, mk.sex, mk.birth_date, mk.marks, mk.latitude, mk.longitude,
                                   mk.region_code, mk.abducted_on,
                                   greatest(v_min - (v_day - mk.birth_date) / 365.25::double precision,
                                            (v_day - mk.birth_date) / 365.25::double precision - v_max) AS outside,
                                   CASE WHEN mk.birth_precision = 'day' THEN 0.25 ELSE 1 END::double precision AS slack
                              FROM homeward.case_match_key mk
                             WHERE mk.open
                               AND (v_pass = 3
                                    OR mk.case_id = ANY (v_lead)
                                    OR mk.case_id = ANY (v_photo_cases)
                                    OR mk.marks && v_kept
                                    OR (mk.sex = ANY (v_sexes)
                                        AND mk.birth_date BETWEEN v_born_from AND v_born_to
                                        AND coalesce(mk.abducted_on, '-infinity'::date) <= v_day + 1
                                        AND (v_whole_band
                                             OR (mk.latitude BETWEEN v_lat_from AND v_lat_to
                                                 AND mk.longitude BETWEEN v_lon_from AND v_lon_to))))
                            OFFSET 0) k
                      LEFT JOIN unnest(v_photo_cases, v_photo_dist) AS ph(case_id, d) ON ph.case_id = k.case_id
                    OFFSET 0) f
             ORDER BY 2 DESC, 1
             LIMIT v_limit) r
           ORDER BY r.total DESC, r.case_id);
        v_last := CASE WHEN cardinality(v_top) = v_limit THEN (v_top[v_limit]).total END;

        EXIT WHEN v_pass = 3;
        -- The most an unscored case can reach: no photo, at most v_left_out
        -- pairs, out of the band (or the sex against it) or out of reach.
        v_bound := v_sex_max + 1 + least(3, 0.75 * v_left_out) + 0.001;
        IF NOT v_whole_band THEN
            v_bound := greatest(v_bound, v_sex_max + 1.5 + greatest(0.3, exp(-0.257 * v_reach))
                                         + least(3, 0.75 * v_left_out) + 0.001);
        END IF;
        EXIT WHEN v_last > v_bound;
        IF v_pass = 2 OR (v_whole_band AND (v_last IS NULL OR v_last <= v_sex_max + 1.001)) THEN
            v_pass := 3;
            CONTINUE;
        END IF;
        v_lead := ARRAY(SELECT (c).case_id FROM unnest(v_top) AS c);
        v_pass := 2;
        IF v_last IS NULL OR v_last <= v_sex_max + 1.001 THEN
            -- too few within reach: the whole band, every pair
            v_whole_band := true;
            v_left_out := 0;
            CONTINUE;
        END IF;

        -- pass 2: with the last case of pass 1 as a floor, leave out as many
        -- of the common pairs as it allows, and reach as far as it needs.
        v_left_out := 0;
        WHILE v_left_out < cardinality(v_common)
              AND v_sex_max + 1 + least(3, 0.75 * (v_left_out + 1)) + 0.001 < v_last LOOP
            v_left_out := v_left_out + 1;
        END LOOP;
        IF NOT v_whole_band THEN
            LOOP
                v_room := v_last - (v_sex_max + 1.5 + least(3, 0.75 * v_left_out) + 0.001);
                EXIT WHEN v_room > 0.3 OR v_left_out = 0;
                v_left_out := v_left_out - 1;
            END LOOP;
            IF v_room > 0.3 THEN
                v_reach := 1.001 * greatest(0, ln(1 / v_room) / 0.257) + 0.001;
            ELSE
                v_whole_band := true;
                -- (then as many pairs left out as the out-of-band bound allows)
                WHILE v_left_out < cardinality(v_common)
                      AND v_sex_max + 1 + least(3, 0.75 * (v_left_out + 1)) + 0.001 < v_last LOOP
                    v_left_out := v_left_out + 1;
                END LOOP;
            END IF;
        END IF;
    END LOOP;

    RETURN QUERY SELECT * FROM unnest(v_top) AS c ORDER BY 2 DESC, 1;
END
$fn$;

ANALYZE homeward.case_match_key;

RESET ROLE;
