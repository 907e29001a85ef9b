-- Homeward schema v1, part 1: roles, tables, constraints, indexes, search columns.
--
-- Applied by the migration runner inside one transaction (no BEGIN/COMMIT here,
-- no psql meta-commands, no CREATE INDEX CONCURRENTLY).  The runner connects as
-- a superuser (or as a role with CREATEROLE that may become homeward_owner) and
-- has already created schema homeward and homeward.schema_migrations.
--
-- Every object is created by, and owned by, the NOLOGIN role homeward_owner
-- (SET LOCAL ROLE below); the identity helper functions live here too because
-- column defaults use them.

-- ---------------------------------------------------------------------------
-- Cluster-global group roles (several homeward databases may share a cluster).
-- ---------------------------------------------------------------------------
DO $roles$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['homeward_owner', 'homeward_officer',
                             'homeward_supervisor', 'homeward_admin'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;   -- created concurrently by another database's migration
            END;
        END IF;
    END LOOP;

    -- supervisors are officers; admins are NOT automatically officers
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m
                    WHERE m.roleid = 'homeward_officer'::regrole
                      AND m.member = 'homeward_supervisor'::regrole) THEN
        GRANT homeward_officer TO homeward_supervisor;
    END IF;

    -- a non-superuser runner must be able to SET ROLE homeward_owner
    IF NOT (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user)
       AND NOT pg_catalog.pg_has_role(current_user, 'homeward_owner', 'MEMBER') THEN
        EXECUTE format('GRANT homeward_owner TO %I', current_user);
    END IF;
END
$roles$;

CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER SCHEMA homeward OWNER TO homeward_owner;
REVOKE ALL ON SCHEMA homeward FROM PUBLIC;

SET LOCAL ROLE homeward_owner;
SET LOCAL search_path = homeward, pg_catalog, public;

-- ---------------------------------------------------------------------------
-- Search tokens: single CJK characters + CJK bigrams + latin/digit words.
-- Built with array_to_tsvector, so no dictionary touches the tokens.
-- ---------------------------------------------------------------------------

-- The CJK runs of a (lower-cased) text, every other character replaced by one space.
CREATE FUNCTION homeward.cjk_runs(p_text text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$
    SELECT regexp_replace(p_text,
           '[^\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+', ' ', 'g')
$fn$;

-- Lexemes of one text: every CJK character, every pair of adjacent CJK characters
-- (within a run), every latin/digit word, lower-cased.  One regular expression
-- finds the CJK runs; the pairs come from the character array itself, which is
-- about a quarter faster than more regular expressions (it matters for bulk
-- loads: every sighting, person and case computes this).
CREATE FUNCTION homeward.cjk_tokens(p_text text)
RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $fn$
DECLARE
    t     text := lower(coalesce(p_text, ''));
    chars text[] := string_to_array(homeward.cjk_runs(t), NULL);
    n     int := cardinality(chars);
BEGIN
    RETURN array_to_tsvector(array_remove(array_remove(
           chars
        || ARRAY(SELECT a || b FROM unnest(chars[1:n - 1], chars[2:n]) AS pair(a, b)
                  WHERE a <> ' ' AND b <> ' ')
        || regexp_split_to_array(t, '[^0-9a-z\u00df-\u024f]+'),
        ' '), ''));
END
$fn$;

-- Several fields at once (used by the generated search columns).  Fields are
-- joined by a newline, which ends CJK runs and words: no bigram crosses fields.
CREATE FUNCTION homeward.cjk_tokens_multi(VARIADIC p_texts text[])
RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $fn$
BEGIN
    RETURN homeward.cjk_tokens(array_to_string(p_texts, E'\n'));
END
$fn$;

-- Turns a user's search text into the AND of its tokens:
--   one CJK character -> that character (exact), two or more -> their bigrams,
--   latin/digit words -> prefix matches (word:*).
-- Text made only of digits and phone punctuation ("138 0013", "+86-138-0013")
-- additionally matches the concatenated digits as a prefix:
--   ('1380013':* | ('138':* & '0013':*)).
-- Returns NULL when the text has no token (then `search @@ NULL` matches nothing).
-- A match of 3+ CJK characters should be rechecked against the original text.
CREATE FUNCTION homeward.cjk_query(p_text text)
RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $fn$
DECLARE
    s      text := lower(coalesce(p_text, ''));
    parts  text[] := '{}';
    r      text;
    i      int;
    words  text[];
    digits text;
    q      text;
BEGIN
    FOR r IN SELECT m[1] FROM regexp_matches(s,
             '([\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+)', 'g') AS m LOOP
        IF length(r) = 1 THEN
            parts := parts || quote_literal(r);
        ELSE
            FOR i IN 1 .. length(r) - 1 LOOP
                parts := parts || quote_literal(substr(r, i, 2));
            END LOOP;
        END IF;
    END LOOP;

    SELECT coalesce(array_agg(quote_literal(m[1]) || ':*'), '{}')
      INTO words
      FROM regexp_matches(s, '([0-9a-z\u00df-\u024f]+)', 'g') AS m;

    IF s ~ '^[\s0-9+()./-]+$' THEN
        digits := regexp_replace(s, '[^0-9]', '', 'g');
        IF length(digits) >= 3 AND cardinality(words) > 1 THEN
            words := ARRAY['(' || quote_literal(digits) || ':* | ('
                           || array_to_string(words, ' & ') || '))'];
        END IF;
    END IF;

    parts := parts || words;
    IF cardinality(parts) = 0 THEN
        RETURN NULL;
    END IF;
    q := array_to_string(parts, ' & ');
    RETURN q::tsquery;
END
$fn$;

-- Digits-only form of a phone number (indexed so that digit prefixes match).
CREATE FUNCTION homeward.phone_digits(p_phone text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$ SELECT nullif(regexp_replace(coalesce(p_phone, ''), '[^0-9]', '', 'g'), '') $fn$;

-- ---------------------------------------------------------------------------
-- Status transition rules (reference data, read by the triggers in 0003).
-- ---------------------------------------------------------------------------
CREATE TABLE homeward.case_status_transition (
    from_status      text NOT NULL,
    to_status        text NOT NULL,
    needs_reason     boolean NOT NULL DEFAULT false,
    needs_supervisor boolean NOT NULL DEFAULT false,
    PRIMARY KEY (from_status, to_status),
    CHECK (from_status <> to_status)
);

CREATE TABLE homeward.sighting_status_transition (
    from_status      text NOT NULL,
    to_status        text NOT NULL,
    needs_reason     boolean NOT NULL DEFAULT true,
    needs_supervisor boolean NOT NULL DEFAULT false,
    PRIMARY KEY (from_status, to_status),
    CHECK (from_status <> to_status)
);

INSERT INTO homeward.case_status_transition (from_status, to_status, needs_reason, needs_supervisor) VALUES
    ('open',          'investigating', false, false),
    ('investigating', 'located',       false, false),
    ('located',       'investigating', true,  false),
    ('located',       'reunited',      false, false),   -- plus: a signed-off reunion must exist
    ('reunited',      'closed',        false, true),
    ('cold',          'investigating', true,  false),
    ('open',          'cold',          true,  false),
    ('investigating', 'cold',          true,  false),
    ('located',       'cold',          true,  false),
    ('open',          'closed',        true,  true),
    ('investigating', 'closed',        true,  true),
    ('located',       'closed',        true,  true),
    ('cold',          'closed',        true,  true);

INSERT INTO homeward.sighting_status_transition (from_status, to_status, needs_reason, needs_supervisor) VALUES
    ('new',       'triaged',   true, false),
    ('triaged',   'verifying', true, false),
    ('verifying', 'confirmed', true, false),
    ('new',       'no_match',  true, false),
    ('new',       'unfounded', true, false),
    ('new',       'duplicate', true, false),
    ('triaged',   'no_match',  true, false),
    ('triaged',   'unfounded', true, false),
    ('triaged',   'duplicate', true, false),
    ('verifying', 'no_match',  true, false),
    ('verifying', 'unfounded', true, false),
    ('verifying', 'duplicate', true, false),
    ('no_match',  'triaged',   true, true),
    ('unfounded', 'triaged',   true, true),
    ('duplicate', 'triaged',   true, true);

-- ---------------------------------------------------------------------------
-- Units and officers
-- ---------------------------------------------------------------------------
CREATE TABLE homeward.unit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer NOT NULL DEFAULT 1,
    code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9]{0,15}$'),
    name        text NOT NULL CHECK (btrim(name) <> ''),
    region      text
);

CREATE TABLE homeward.officer (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      integer NOT NULL DEFAULT 1,
    login        text NOT NULL UNIQUE CHECK (login ~ '^[a-z_][a-z0-9_]{0,62}$'),
    display_name text NOT NULL CHECK (btrim(display_name) <> ''),
    unit_id      bigint REFERENCES homeward.unit (id),
    rank         text,
    -- informational copy of the group role; the source of truth is role membership
    role         text NOT NULL DEFAULT 'officer' CHECK (role IN ('officer', 'supervisor', 'admin')),
    active       boolean NOT NULL DEFAULT true,
    CHECK (role = 'admin' OR unit_id IS NOT NULL)
);
CREATE INDEX officer_unit_idx ON homeward.officer (unit_id);

-- ---------------------------------------------------------------------------
-- Identity helpers.  Identity is session_user (SET ROLE cannot spoof it).
-- SECURITY DEFINER (owner homeward_owner, which has an owner policy on officer).
-- ---------------------------------------------------------------------------
CREATE FUNCTION homeward.current_officer_id()
RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
SET search_path = homeward, pg_catalog
AS $fn$ SELECT id FROM homeward.officer WHERE login = session_user AND active $fn$;

CREATE FUNCTION homeward.current_unit_id()
RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
SET search_path = homeward, pg_catalog
AS $fn$ SELECT unit_id FROM homeward.officer WHERE login = session_user AND active $fn$;

CREATE FUNCTION homeward.is_supervisor()
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
SET search_path = homeward, pg_catalog
AS $fn$ SELECT pg_has_role(session_user, 'homeward_supervisor', 'MEMBER') $fn$;

CREATE FUNCTION homeward.is_admin()
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
SET search_path = homeward, pg_catalog
AS $fn$ SELECT pg_has_role(session_user, 'homeward_admin', 'MEMBER') $fn$;

CREATE FUNCTION homeward.is_superuser()
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
SET search_path = homeward, pg_catalog
AS $fn$ SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false) $fn$;

-- ---------------------------------------------------------------------------
-- People
-- ---------------------------------------------------------------------------
CREATE TABLE homeward.person (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    version              integer NOT NULL DEFAULT 1,
    -- child: readable by every officer; relative: only by the unit(s) whose case it belongs to.
    -- Defaults to the restricted kind: create children with kind = 'child' (checked
    -- when a case or found_child points at the person).
    kind                 text NOT NULL DEFAULT 'relative' CHECK (kind IN ('child', 'relative')),
    -- recording unit (gives the recorder access before any case/family row points here)
    unit_id              bigint REFERENCES homeward.unit (id) DEFAULT homeward.current_unit_id(),
    family_name          text,
    given_name           text,
    family_name_latin    text,
    given_name_latin     text,
    nicknames            text[] NOT NULL DEFAULT '{}',
    sex                  text NOT NULL DEFAULT 'unknown' CHECK (sex IN ('male', 'female', 'unknown')),
    birth_date           date,
    birth_date_precision text NOT NULL DEFAULT 'day' CHECK (birth_date_precision IN ('day', 'month', 'year')),
    distinguishing_marks text,
    native_place         text,
    dialect              text,
    search tsvector GENERATED ALWAYS AS (
        homeward.cjk_tokens_multi(VARIADIC ARRAY[family_name, given_name, family_name || given_name,
                                                 family_name_latin, given_name_latin,
                                                 family_name_latin || given_name_latin,
                                                 distinguishing_marks, native_place] || nicknames)
    ) STORED
);
CREATE INDEX person_unit_idx ON homeward.person (unit_id);
CREATE INDEX person_search_idx ON homeward.person USING gin (search);

-- ---------------------------------------------------------------------------
-- Cases
-- ---------------------------------------------------------------------------
CREATE TABLE homeward.abduction_case (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    version                integer NOT NULL DEFAULT 1,
    case_number            text NOT NULL UNIQUE CHECK (case_number ~ '^[A-Z0-9]+(-[A-Z0-9]+)+$'),
    child_id               bigint NOT NULL REFERENCES homeward.person (id),
    abducted_at            timestamptz,
    abducted_at_precision  text NOT NULL DEFAULT 'day' CHECK (abducted_at_precision IN ('day', 'month', 'year')),
    place_text             text,
    region_code            text CHECK (region_code ~ '^[0-9]{6}$'),
    latitude               double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude              double precision CHECK (longitude BETWEEN -180 AND 180),
    circumstances          text,
    status                 text NOT NULL DEFAULT 'open'
                           CHECK (status IN ('open', 'investigating', 'located', 'reunited', 'closed', 'cold')),
    status_reason          text,
    status_changed_at      timestamptz NOT NULL DEFAULT now(),
    priority               text NOT NULL DEFAULT 'normal' CHECK (priority IN ('urgent', 'high', 'normal', 'low')),
    assigned_officer_id    bigint REFERENCES homeward.officer (id),
    unit_id                bigint NOT NULL REFERENCES homeward.unit (id) DEFAULT homeward.current_unit_id(),
    search tsvector GENERATED ALWAYS AS (
        homeward.cjk_tokens_multi(case_number, place_text, circumstances)
    ) STORED,
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX abduction_case_status_idx ON homeward.abduction_case (status);
CREATE INDEX abduction_case_unit_status_idx ON homeward.abduction_case (unit_id, status);
CREATE INDEX abduction_case_assigned_idx ON homeward.abduction_case (assigned_officer_id);
CREATE INDEX abduction_case_abducted_at_idx ON homeward.abduction_case (abducted_at);
CREATE INDEX abduction_case_child_idx ON homeward.abduction_case (child_id);
CREATE INDEX abduction_case_search_idx ON homeward.abduction_case USING gin (search);

CREATE TABLE homeward.family_member (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    case_id          bigint NOT NULL REFERENCES homeward.abduction_case (id),
    person_id        bigint NOT NULL REFERENCES homeward.person (id),
    relationship     text NOT NULL CHECK (relationship IN ('mother', 'father', 'guardian', 'sibling',
                                                           'grandparent', 'uncle_aunt', 'other')),
    phone            text,
    address          text,
    dna_given        boolean NOT NULL DEFAULT false,
    consent_contact  boolean NOT NULL DEFAULT false,
    consent_dna      boolean NOT NULL DEFAULT false,
    consent_publish  boolean NOT NULL DEFAULT false,
    search tsvector GENERATED ALWAYS AS (
        homeward.cjk_tokens_multi(phone, homeward.phone_digits(phone), address)
    ) STORED,
    UNIQUE (case_id, person_id)
);
CREATE INDEX family_member_person_idx ON homeward.family_member (person_id);
CREATE INDEX family_member_search_idx ON homeward.family_member USING gin (search);

CREATE TABLE homeward.contact_event (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    version           integer NOT NULL DEFAULT 1,
    case_id           bigint NOT NULL REFERENCES homeward.abduction_case (id),
    family_member_id  bigint REFERENCES homeward.family_member (id),
    occurred_at       timestamptz NOT NULL DEFAULT now(),
    officer_id        bigint NOT NULL REFERENCES homeward.officer (id) DEFAULT homeward.current_officer_id(),
    channel           text NOT NULL CHECK (channel IN ('phone', 'visit', 'message', 'video', 'letter')),
    summary           text NOT NULL CHECK (btrim(summary) <> ''),
    outcome           text,
    next_step         text
);
CREATE INDEX contact_event_case_idx ON homeward.contact_event (case_id, occurred_at DESC);
CREATE INDEX contact_event_family_member_idx ON homeward.contact_event (family_member_id);
CREATE INDEX contact_event_officer_idx ON homeward.contact_event (officer_id);

-- ---------------------------------------------------------------------------
-- Sightings
-- ---------------------------------------------------------------------------
CREATE TABLE homeward.repost_group (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    version              integer NOT NULL DEFAULT 1,
    primary_sighting_id  bigint,          -- FK added after sighting exists
    repost_count         integer NOT NULL DEFAULT 1 CHECK (repost_count >= 1),
    first_seen_at        timestamptz NOT NULL DEFAULT now(),
    last_seen_at         timestamptz NOT NULL DEFAULT now(),
    CHECK (first_seen_at <= last_seen_at)
);

CREATE TABLE homeward.sighting (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    version              integer NOT NULL DEFAULT 1,
    received_at          timestamptz NOT NULL DEFAULT now(),
    channel              text NOT NULL CHECK (channel IN ('hotline', 'walk_in', 'patrol', 'microblog',
                                                          'web_form', 'partner_agency', 'import')),
    source_ref           text,
    reporter_name        text,
    reporter_contact     text,
    reporter_anonymous   boolean NOT NULL DEFAULT false,
    observed_at          timestamptz,
    place_text           text,
    region_code          text CHECK (region_code ~ '^[0-9]{6}$'),
    latitude             double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude            double precision CHECK (longitude BETWEEN -180 AND 180),
    description          text,
    apparent_age_min     smallint CHECK (apparent_age_min BETWEEN 0 AND 25),
    apparent_age_max     smallint CHECK (apparent_age_max BETWEEN 0 AND 25),
    apparent_sex         text NOT NULL DEFAULT 'unknown' CHECK (apparent_sex IN ('male', 'female', 'unknown')),
    context              text[] NOT NULL DEFAULT '{}'
                         CHECK (context <@ ARRAY['begging', 'with_adults', 'alone', 'injured', 'disabled',
                                                 'working', 'performing', 'selling', 'drugged', 'school',
                                                 'other']::text[]),
    status               text NOT NULL DEFAULT 'new'
                         CHECK (status IN ('new', 'triaged', 'verifying', 'confirmed', 'no_match',
                                           'unfounded', 'duplicate')),
    status_reason        text,
    status_changed_at    timestamptz NOT NULL DEFAULT now(),
    priority             text NOT NULL DEFAULT 'normal' CHECK (priority IN ('urgent', 'high', 'normal', 'low')),
    triage_deadline      timestamptz,     -- set by trigger from received_at + priority unless given
    assigned_officer_id  bigint REFERENCES homeward.officer (id),
    unit_id              bigint REFERENCES homeward.unit (id),   -- receiving unit
    repost_group_id      bigint REFERENCES homeward.repost_group (id),
    search tsvector GENERATED ALWAYS AS (
        homeward.cjk_tokens_multi(description, place_text, source_ref, reporter_name, reporter_contact,
                                  homeward.phone_digits(reporter_contact))
    ) STORED,
    CHECK (apparent_age_min IS NULL OR apparent_age_max IS NULL OR apparent_age_min <= apparent_age_max),
    CHECK ((latitude IS NULL) = (longitude IS NULL)),
    CHECK (source_ref IS NULL OR btrim(source_ref) <> ''),
    UNIQUE (channel, source_ref)
);
CREATE INDEX sighting_status_received_idx ON homeward.sighting (status, received_at DESC);
CREATE INDEX sighting_assigned_status_idx ON homeward.sighting (assigned_officer_id, status);
CREATE INDEX sighting_new_deadline_idx ON homeward.sighting (triage_deadline) WHERE status = 'new';
CREATE INDEX sighting_repost_group_idx ON homeward.sighting (repost_group_id);
CREATE INDEX sighting_received_id_idx ON homeward.sighting (received_at DESC, id DESC);
CREATE INDEX sighting_unit_idx ON homeward.sighting (unit_id);
CREATE INDEX sighting_search_idx ON homeward.sighting USING gin (search);

ALTER TABLE homeward.repost_group
    ADD FOREIGN KEY (primary_sighting_id) REFERENCES homeward.sighting (id);
CREATE INDEX repost_group_primary_idx ON homeward.repost_group (primary_sighting_id);

-- ---------------------------------------------------------------------------
-- Found children
-- ---------------------------------------------------------------------------
CREATE TABLE homeward.found_child (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    version             integer NOT NULL DEFAULT 1,
    person_id           bigint NOT NULL REFERENCES homeward.person (id),
    unit_id             bigint NOT NULL REFERENCES homeward.unit (id) DEFAULT homeward.current_unit_id(),
    found_at            timestamptz,
    found_at_precision  text NOT NULL DEFAULT 'day' CHECK (found_at_precision IN ('day', 'month', 'year')),
    found_place_text    text,
    region_code         text CHECK (region_code ~ '^[0-9]{6}$'),
    latitude            double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude           double precision CHECK (longitude BETWEEN -180 AND 180),
    sighting_id         bigint REFERENCES homeward.sighting (id),
    care_institution    text,
    care_contact        text,
    apparent_age_min    smallint CHECK (apparent_age_min BETWEEN 0 AND 25),
    apparent_age_max    smallint CHECK (apparent_age_max BETWEEN 0 AND 25),
    matched_case_id     bigint REFERENCES homeward.abduction_case (id),
    CHECK (apparent_age_min IS NULL OR apparent_age_max IS NULL OR apparent_age_min <= apparent_age_max),
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX found_child_person_idx ON homeward.found_child (person_id);
CREATE INDEX found_child_unit_idx ON homeward.found_child (unit_id);
CREATE INDEX found_child_sighting_idx ON homeward.found_child (sighting_id);
CREATE INDEX found_child_matched_case_idx ON homeward.found_child (matched_case_id);

-- ---------------------------------------------------------------------------
-- Photos
-- ---------------------------------------------------------------------------
CREATE TABLE homeward.photo (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         integer NOT NULL DEFAULT 1,
    case_id         bigint REFERENCES homeward.abduction_case (id),
    sighting_id     bigint REFERENCES homeward.sighting (id),
    found_child_id  bigint REFERENCES homeward.found_child (id),
    content         bytea NOT NULL CHECK (octet_length(content) BETWEEN 1 AND 33554432),
    mime_type       text NOT NULL CHECK (mime_type ~ '^image/[a-z0-9.+-]+$'),
    sha256          bytea NOT NULL CHECK (octet_length(sha256) = 32),
    phash           bigint,
    dhash           bigint,
    width           integer CHECK (width > 0),
    height          integer CHECK (height > 0),
    thumbnail       bytea,
    source_url      text,
    taken_at        timestamptz,
    -- four 16-bit blocks of the pHash (pigeonhole lookup: within distance 3 one block is equal)
    phash_b0 integer GENERATED ALWAYS AS ((phash & 65535)::integer) STORED,
    phash_b1 integer GENERATED ALWAYS AS (((phash >> 16) & 65535)::integer) STORED,
    phash_b2 integer GENERATED ALWAYS AS (((phash >> 32) & 65535)::integer) STORED,
    phash_b3 integer GENERATED ALWAYS AS (((phash >> 48) & 65535)::integer) STORED,
    CHECK (num_nonnulls(case_id, sighting_id, found_child_id) = 1)
);
-- images are already compressed: store out of line without trying to compress
ALTER TABLE homeward.photo ALTER COLUMN content SET STORAGE EXTERNAL;
ALTER TABLE homeward.photo ALTER COLUMN thumbnail SET STORAGE EXTERNAL;
CREATE INDEX photo_case_idx ON homeward.photo (case_id);
CREATE INDEX photo_sighting_idx ON homeward.photo (sighting_id);
CREATE INDEX photo_found_child_idx ON homeward.photo (found_child_id);
CREATE INDEX photo_sha256_idx ON homeward.photo (sha256);
CREATE INDEX photo_phash_b0_idx ON homeward.photo (phash_b0);
CREATE INDEX photo_phash_b1_idx ON homeward.photo (phash_b1);
CREATE INDEX photo_phash_b2_idx ON homeward.photo (phash_b2);
CREATE INDEX photo_phash_b3_idx ON homeward.photo (phash_b3);

-- ---------------------------------------------------------------------------
-- Links and verification
-- ---------------------------------------------------------------------------
CREATE TABLE homeward.case_link (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    version           integer NOT NULL DEFAULT 1,
    sighting_id       bigint NOT NULL REFERENCES homeward.sighting (id),
    case_id           bigint NOT NULL REFERENCES homeward.abduction_case (id),
    confidence        text NOT NULL CHECK (confidence IN ('possible', 'probable', 'confirmed')),
    rationale         text NOT NULL CHECK (btrim(rationale) <> ''),
    linked_by         bigint NOT NULL REFERENCES homeward.officer (id) DEFAULT homeward.current_officer_id(),
    linked_at         timestamptz NOT NULL DEFAULT now(),
    state             text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'withdrawn')),
    withdrawn_reason  text,
    CHECK (state = 'active' OR coalesce(btrim(withdrawn_reason), '') <> '')
);
CREATE UNIQUE INDEX case_link_active_uniq ON homeward.case_link (sighting_id, case_id) WHERE state = 'active';
CREATE INDEX case_link_sighting_idx ON homeward.case_link (sighting_id);
CREATE INDEX case_link_case_idx ON homeward.case_link (case_id, state);
CREATE INDEX case_link_linked_by_idx ON homeward.case_link (linked_by);

-- append-only (see 0003): corrections are new rows referencing corrects_step_id
CREATE TABLE homeward.verification_step (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    sighting_id       bigint REFERENCES homeward.sighting (id),
    link_id           bigint REFERENCES homeward.case_link (id),
    case_id           bigint REFERENCES homeward.abduction_case (id),
    kind              text NOT NULL CHECK (kind IN ('field_check', 'identity_check', 'photo_comparison',
                                                    'dna_sample_collected', 'dna_result', 'family_contacted',
                                                    'family_identification', 'child_located', 'rejected',
                                                    'note')),
    outcome           text,
    notes             text,
    performed_by      bigint NOT NULL REFERENCES homeward.officer (id) DEFAULT homeward.current_officer_id(),
    performed_at      timestamptz NOT NULL DEFAULT now(),
    corrects_step_id  bigint REFERENCES homeward.verification_step (id),
    CHECK (num_nonnulls(sighting_id, link_id, case_id) >= 1),
    CHECK (corrects_step_id IS NULL OR corrects_step_id <> id)
);
CREATE INDEX verification_step_sighting_idx ON homeward.verification_step (sighting_id, performed_at);
CREATE INDEX verification_step_link_idx ON homeward.verification_step (link_id, performed_at);
CREATE INDEX verification_step_case_idx ON homeward.verification_step (case_id, performed_at);
CREATE INDEX verification_step_performed_by_idx ON homeward.verification_step (performed_by);
CREATE INDEX verification_step_corrects_idx ON homeward.verification_step (corrects_step_id);

-- ---------------------------------------------------------------------------
-- DNA
-- ---------------------------------------------------------------------------
CREATE TABLE homeward.dna_sample (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    version           integer NOT NULL DEFAULT 1,
    found_child_id    bigint REFERENCES homeward.found_child (id),
    family_member_id  bigint REFERENCES homeward.family_member (id),
    collected_at      timestamptz,
    collected_by      bigint REFERENCES homeward.officer (id),
    lab               text,
    lab_reference     text,
    kit               text,
    CHECK (num_nonnulls(found_child_id, family_member_id) = 1)
);
CREATE INDEX dna_sample_found_child_idx ON homeward.dna_sample (found_child_id);
CREATE INDEX dna_sample_family_member_idx ON homeward.dna_sample (family_member_id);
CREATE INDEX dna_sample_collected_by_idx ON homeward.dna_sample (collected_by);

CREATE TABLE homeward.dna_custody_event (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    sample_id    bigint NOT NULL REFERENCES homeward.dna_sample (id),
    event        text NOT NULL CHECK (event IN ('collected', 'sealed', 'shipped', 'received', 'analysed')),
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    officer_id   bigint REFERENCES homeward.officer (id) DEFAULT homeward.current_officer_id(),
    notes        text
);
CREATE INDEX dna_custody_event_sample_idx ON homeward.dna_custody_event (sample_id, occurred_at);
CREATE INDEX dna_custody_event_officer_idx ON homeward.dna_custody_event (officer_id);

-- STR profile: one row per locus; allele1 <= allele2 (clients normalise the order).
-- Microvariants such as 9.3 fit numeric(4,1).  Amelogenin (X/Y) is not stored here.
CREATE TABLE homeward.dna_str_allele (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer NOT NULL DEFAULT 1,
    sample_id   bigint NOT NULL REFERENCES homeward.dna_sample (id),
    locus       text NOT NULL CHECK (locus ~ '^[A-Za-z0-9_.-]{2,32}$'),
    allele1     numeric(4,1) NOT NULL CHECK (allele1 > 0),
    allele2     numeric(4,1) NOT NULL CHECK (allele2 > 0),
    CHECK (allele1 <= allele2),
    UNIQUE (sample_id, locus)
);
CREATE INDEX dna_str_allele_locus_idx ON homeward.dna_str_allele (locus, allele1, allele2);

CREATE TABLE homeward.dna_comparison (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    version           integer NOT NULL DEFAULT 1,
    child_sample_id   bigint NOT NULL REFERENCES homeward.dna_sample (id),
    father_sample_id  bigint REFERENCES homeward.dna_sample (id),
    mother_sample_id  bigint REFERENCES homeward.dna_sample (id),
    conclusion        text CHECK (conclusion IN ('match', 'exclusion', 'inconclusive')),  -- the lab's own
    combined_index    numeric CHECK (combined_index >= 0),                                -- the lab's CPI
    probability       numeric CHECK (probability BETWEEN 0 AND 1),
    computed_index    numeric CHECK (computed_index >= 0),                                -- Homeward's CPI
    reported_at       timestamptz,
    report_reference  text,
    CHECK (num_nonnulls(father_sample_id, mother_sample_id) >= 1),
    CHECK (child_sample_id <> father_sample_id AND child_sample_id <> mother_sample_id)
);
CREATE INDEX dna_comparison_child_idx ON homeward.dna_comparison (child_sample_id);
CREATE INDEX dna_comparison_father_idx ON homeward.dna_comparison (father_sample_id);
CREATE INDEX dna_comparison_mother_idx ON homeward.dna_comparison (mother_sample_id);

CREATE TABLE homeward.allele_frequency (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer NOT NULL DEFAULT 1,
    kit         text NOT NULL,
    population  text NOT NULL,
    locus       text NOT NULL,
    allele      numeric(4,1) NOT NULL CHECK (allele > 0),
    frequency   double precision NOT NULL CHECK (frequency > 0 AND frequency <= 1),
    UNIQUE (kit, population, locus, allele)
);

-- ---------------------------------------------------------------------------
-- Reunion
-- ---------------------------------------------------------------------------
CREATE TABLE homeward.reunion (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         integer NOT NULL DEFAULT 1,
    case_id         bigint NOT NULL REFERENCES homeward.abduction_case (id),
    reunited_on     date,
    place           text,
    officers        bigint[] NOT NULL DEFAULT '{}',    -- officer ids present
    family_present  text,
    notes           text,
    child_decision  text CHECK (child_decision IN ('return', 'not_return', 'not_applicable')),
    proposed_by     bigint NOT NULL REFERENCES homeward.officer (id) DEFAULT homeward.current_officer_id(),
    signed_off_by   bigint REFERENCES homeward.officer (id),
    signed_off_at   timestamptz,
    CHECK (signed_off_by <> proposed_by),
    CHECK ((signed_off_by IS NULL) = (signed_off_at IS NULL))
);
CREATE INDEX reunion_case_idx ON homeward.reunion (case_id);
CREATE INDEX reunion_proposed_by_idx ON homeward.reunion (proposed_by);
CREATE INDEX reunion_signed_off_by_idx ON homeward.reunion (signed_off_by);

-- ---------------------------------------------------------------------------
-- Audit and change log
-- ---------------------------------------------------------------------------
-- append-only (see 0003); written only by the SECURITY DEFINER trigger
CREATE TABLE homeward.audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_name  text NOT NULL,
    row_id      bigint NOT NULL,
    action      text NOT NULL CHECK (action IN ('INSERT', 'UPDATE', 'DELETE')),
    old_row     jsonb,
    new_row     jsonb,
    db_role     text NOT NULL DEFAULT session_user,
    officer_id  bigint,           -- no FK: the log must outlive anything
    unit_id     bigint,           -- unit the row belongs to (for supervisors' visibility)
    at          timestamptz NOT NULL DEFAULT now(),
    txid        bigint NOT NULL DEFAULT txid_current()
);
CREATE INDEX audit_log_row_idx ON homeward.audit_log (table_name, row_id, at);
CREATE INDEX audit_log_at_idx ON homeward.audit_log (at);
CREATE INDEX audit_log_officer_idx ON homeward.audit_log (officer_id, at);

-- Catch-up log for clients that missed notifications.  Rows become visible in
-- commit order, not id order: advance the watermark only past rows whose txid
-- is below pg_snapshot_xmin(pg_current_snapshot()) (or re-read a small overlap).
CREATE TABLE homeward.change_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_name  text NOT NULL,
    row_id      bigint NOT NULL,
    version     integer NOT NULL DEFAULT 0,
    action      text NOT NULL CHECK (action IN ('INSERT', 'UPDATE', 'DELETE')),
    changed_at  timestamptz NOT NULL DEFAULT now(),
    txid        xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX change_log_changed_at_idx ON homeward.change_log (changed_at);
-- Catch-up after a reconnection reads by transaction id: rows become visible in
-- commit order, not in id order (see HwDb).
CREATE INDEX change_log_txid_idx ON homeward.change_log (txid);

RESET ROLE;
