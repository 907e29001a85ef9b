-- Homeward schema v1, part 16: case reports and unit summaries (issue 6).
--
--   * Family contact details — relatives' phone numbers and addresses — are
--     for the officer assigned to the case and the supervisors of the case's
--     unit (DESIGN.md "Roles and security"); row security lets every officer
--     of the unit read the family rows.  family_contact_visible(case) says
--     whether the caller may read them, so that a report never fetches what
--     it may not print: the report's queries select the phone and address
--     only when it is true.  Administrators and the superuser read every
--     row anyway.

SET LOCAL ROLE homeward_owner;
SET LOCAL search_path = homeward, pg_catalog, public;

CREATE FUNCTION homeward.family_contact_visible(p_case_id bigint)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
SET search_path = homeward, pg_catalog
AS $fn$
    SELECT p_case_id IS NOT NULL
       AND (homeward.is_superuser()
            OR homeward.is_admin()
            OR EXISTS (SELECT 1 FROM homeward.abduction_case c
                        WHERE c.id = p_case_id
                          AND c.unit_id = homeward.current_unit_id()
                          AND (homeward.is_supervisor()
                               OR c.assigned_officer_id = homeward.current_officer_id())))
$fn$;
GRANT EXECUTE ON FUNCTION homeward.family_contact_visible(bigint) TO homeward_officer, homeward_admin;

RESET ROLE;
