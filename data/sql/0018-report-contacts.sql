-- Homeward schema v1, part 18: who a case report prints the family's
-- phone numbers and addresses for (issue 6).
--
--   A report leaves the screen: it is printed, signed and handed over.  Its
--   contact details follow the reader's role, not their assignment: the
--   supervisors of the case's unit (who sign reports) and administrators
--   see them; an officer's report — the assigned officer's too, who reads
--   them in the app — leaves them out and says so.  0016 let the assigned
--   officer's report print them.

SET LOCAL ROLE homeward_owner;
SET LOCAL search_path = homeward, pg_catalog, public;

CREATE OR REPLACE FUNCTION homeward.family_contact_visible(p_case_id bigint)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
SET search_path = homeward, pg_catalog
AS $fn$
    SELECT p_case_id IS NOT NULL
       AND (homeward.is_superuser()
            OR homeward.is_admin()
            OR (homeward.is_supervisor()
                AND EXISTS (SELECT 1 FROM homeward.abduction_case c
                             WHERE c.id = p_case_id AND c.unit_id = homeward.current_unit_id())))
$fn$;

RESET ROLE;
