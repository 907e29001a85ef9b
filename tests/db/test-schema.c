/* test-schema.c: schema v1 rules, enforced by PostgreSQL itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hw-schema.h"
#include "hw-test-cluster.h"

/* Every test gets a fresh database with two units, A and B:
 * officer_a and supervisor_a in A, officer_b in B, and admin_x. */
typedef struct
{
  char *dbname;
  HwDb *super;     /* the cluster's superuser */
  HwDb *officer_a;
  HwDb *supervisor_a;
  HwDb *officer_b;
  HwDb *admin;
  char *case_a;    /* a case of unit A, with a family member */
  char *case_b;    /* a case of unit B, with a family member */
} Fixture;

static HwDb *
connect_as (Fixture    *fixture,
            const char *login)
{
  g_autofree char *conninfo = hw_test_cluster_conninfo (login, fixture->dbname);

  return hw_test_connect (conninfo);
}

/* Creates a case with its child and a mother with a phone number, as @db,
 * who is assigned to it (and so reads the mother's phone number). */
static char *
create_case (HwDb       *db,
             const char *number,
             const char *family_name,
             const char *given_name,
             const char *phone)
{
  g_autoptr(HwDbResult) child = NULL;
  g_autoptr(HwDbResult) mother = NULL;
  g_autoptr(HwDbResult) kase = NULL;
  g_autoptr(HwDbResult) member = NULL;
  const char *child_id;
  const char *mother_id;
  const char *case_id;

  child = hw_test_query (db,
                         "INSERT INTO homeward.person (kind, family_name, given_name, sex, "
                         "distinguishing_marks) VALUES ('child', $1, $2, 'male', '左耳后有痣') RETURNING id",
                         family_name, given_name, NULL);
  child_id = hw_db_result_get_string (child, 0, 0);

  kase = hw_test_query (db,
                        "INSERT INTO homeward.abduction_case (case_number, child_id, abducted_at, "
                        "place_text, assigned_officer_id) "
                        "VALUES ($1, $2, '2011-03-04', '深圳市罗湖区', homeward.current_officer_id ()) RETURNING id",
                        number, child_id, NULL);
  case_id = hw_db_result_get_string (kase, 0, 0);

  mother = hw_test_query (db,
                          "INSERT INTO homeward.person (kind, family_name, given_name, sex) "
                          "VALUES ('relative', $1, '秀英', 'female') RETURNING id",
                          family_name, NULL);
  mother_id = hw_db_result_get_string (mother, 0, 0);

  member = hw_test_query (db,
                          "INSERT INTO homeward.family_member (case_id, person_id, relationship, phone) "
                          "VALUES ($1, $2, 'mother', $3) RETURNING id",
                          case_id, mother_id, phone, NULL);

  return g_strdup (case_id);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(HwDbResult) r1 = NULL;
  g_autoptr(HwDbResult) r2 = NULL;
  g_autoptr(HwDbResult) r3 = NULL;
  g_autoptr(HwDbResult) r4 = NULL;
  g_autoptr(HwDbResult) r5 = NULL;
  g_autoptr(HwDbResult) r6 = NULL;
  g_autofree char *conninfo = NULL;

  fixture->dbname = hw_test_cluster_new_database ("schema");
  conninfo = hw_test_cluster_conninfo (NULL, fixture->dbname);
  fixture->super = hw_test_connect (conninfo);

  r1 = hw_test_query (fixture->super, "SELECT homeward.create_unit('A', '单位甲', '广东')", NULL);
  r2 = hw_test_query (fixture->super, "SELECT homeward.create_unit('B', '单位乙', '四川')", NULL);
  r3 = hw_test_query (fixture->super, "SELECT homeward.create_officer('officer_a', '李伟', 'A', 'officer')", NULL);
  r4 = hw_test_query (fixture->super, "SELECT homeward.create_officer('supervisor_a', '王芳', 'A', 'supervisor')", NULL);
  r5 = hw_test_query (fixture->super, "SELECT homeward.create_officer('officer_b', '张强', 'B', 'officer')", NULL);
  r6 = hw_test_query (fixture->super, "SELECT homeward.create_officer('admin_x', '管理员', NULL, 'admin')", NULL);

  fixture->officer_a = connect_as (fixture, "officer_a");
  fixture->supervisor_a = connect_as (fixture, "supervisor_a");
  fixture->officer_b = connect_as (fixture, "officer_b");
  fixture->admin = connect_as (fixture, "admin_x");

  fixture->case_a = create_case (fixture->officer_a, "A-2011-0001", "彭", "文乐", "13800138000");
  fixture->case_b = create_case (fixture->officer_b, "B-2009-0007", "李", "娜", "13912345678");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->officer_a);
  g_clear_object (&fixture->supervisor_a);
  g_clear_object (&fixture->officer_b);
  g_clear_object (&fixture->admin);
  g_clear_object (&fixture->super);
  g_free (fixture->case_a);
  g_free (fixture->case_b);
  g_free (fixture->dbname);
}

static gint64
count_migrations (HwDb *db)
{
  return hw_test_query_int (db, "SELECT count(*) FROM homeward.schema_migrations", NULL);
}

/* Every migration the build carries (numbers may skip one). */
static gint64
count_known_migrations (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children ("/io/github/homeward/Homeward/sql/", 0, NULL);
  gint64 n = 0;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    n += g_str_has_suffix (names[i], ".sql");

  return n;
}

static void
test_migrations (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint applied = 99;
  guint version = 0;

  g_assert_cmpint (count_migrations (fixture->super), ==, count_known_migrations ());
  g_assert_true (hw_schema_check_sync (fixture->officer_a, &version, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (version, ==, hw_schema_get_known_version ());

  /* Again: nothing to do, nothing changes. */
  g_assert_true (hw_schema_migrate_sync (fixture->super, &applied, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (applied, ==, 0);
  g_assert_cmpint (count_migrations (fixture->super), ==, count_known_migrations ());
}

static void
test_newer_schema_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(HwDbResult) newer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *future = g_strdup_printf ("%u", hw_schema_get_known_version () + 1);
  guint applied = 0;

  newer = hw_test_query (fixture->super,
                         "INSERT INTO homeward.schema_migrations (version, name) VALUES ($1, 'from-the-future')",
                         future, NULL);

  g_assert_false (hw_schema_check_sync (fixture->officer_a, NULL, NULL, &error));
  g_assert_error (error, HW_DB_ERROR, HW_DB_ERROR_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer"));
  g_clear_error (&error);

  g_assert_false (hw_schema_migrate_sync (fixture->super, &applied, NULL, &error));
  g_assert_error (error, HW_DB_ERROR, HW_DB_ERROR_SCHEMA);
  g_assert_cmpuint (applied, ==, 0);
  g_assert_cmpint (count_migrations (fixture->super), ==, count_known_migrations () + 1);
}

static void
assert_rule_error (GError     *error,
                   const char *sqlstate)
{
  g_assert_error (error, HW_DB_ERROR, HW_DB_ERROR_RULE);
  g_assert_cmpstr (hw_db_error_get_sqlstate (error), ==, sqlstate);
  g_error_free (error);
}

static void
test_case_transitions (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *update = "UPDATE homeward.abduction_case SET status = $2, status_reason = $3 "
                       "WHERE id = $1 RETURNING status";
  const char *no_reason = "UPDATE homeward.abduction_case SET status = $2, status_reason = NULL "
                          "WHERE id = $1 RETURNING status";
  const char *forbidden[] = { "reunited", "located" };
  g_autoptr(HwDbResult) investigating = NULL;
  g_autoptr(HwDbResult) closed = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    assert_rule_error (hw_test_query_error (fixture->officer_a, update, fixture->case_a,
                                            forbidden[i], "test", NULL), "HW001");

  /* Even the superuser cannot skip a step. */
  assert_rule_error (hw_test_query_error (fixture->super, update, fixture->case_a,
                                          "reunited", "test", NULL), "HW001");

  investigating = hw_test_query (fixture->officer_a, no_reason, fixture->case_a, "investigating", NULL);
  g_assert_cmpuint (hw_db_result_get_n_rows (investigating), ==, 1);

  /* Cold needs a reason; closing needs a supervisor. */
  assert_rule_error (hw_test_query_error (fixture->officer_a, no_reason, fixture->case_a,
                                          "cold", NULL), "HW002");
  assert_rule_error (hw_test_query_error (fixture->officer_a, update, fixture->case_a,
                                          "closed", "duplicate case", NULL), "HW003");
  closed = hw_test_query (fixture->supervisor_a, update, fixture->case_a, "closed", "duplicate case", NULL);
  g_assert_cmpstr (hw_db_result_get_string (closed, 0, 0), ==, "closed");
}

static void
test_sighting_transitions (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *update = "UPDATE homeward.sighting SET status = $2, status_reason = $3 WHERE id = $1";
  const char *no_reason = "UPDATE homeward.sighting SET status = $2, status_reason = NULL WHERE id = $1";
  g_autoptr(HwDbResult) sighting = NULL;
  g_autoptr(HwDbResult) triaged = NULL;
  const char *id;

  sighting = hw_test_query (fixture->officer_b,
                            "INSERT INTO homeward.sighting (channel, source_ref, description) "
                            "VALUES ('hotline', 'HL-2011-000001', '火车站附近乞讨的男孩') RETURNING id",
                            NULL);
  id = hw_db_result_get_string (sighting, 0, 0);

  assert_rule_error (hw_test_query_error (fixture->officer_a, update, id, "confirmed", "looks right", NULL),
                     "HW001");
  assert_rule_error (hw_test_query_error (fixture->officer_a, no_reason, id, "triaged", NULL), "HW002");
  triaged = hw_test_query (fixture->officer_a, update, id, "triaged", "photo is clear", NULL);
  g_assert_cmpint (hw_db_result_get_affected (triaged), ==, 1);

  /* The same source reference cannot come in twice. */
  {
    g_autoptr(GError) error = hw_test_query_error (fixture->officer_a,
                                                   "INSERT INTO homeward.sighting (channel, source_ref) "
                                                   "VALUES ('hotline', 'HL-2011-000001')", NULL);
    g_assert_error (error, HW_DB_ERROR, HW_DB_ERROR_CONFLICT);
  }
}

/* Every insert and update lands in the audit log with the officer's role
 * and the row's old and new values. */
static void
test_writes_audited (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(HwDbResult) update = NULL;
  g_autoptr(HwDbResult) audit = NULL;

  update = hw_test_query (fixture->officer_a,
                          "UPDATE homeward.abduction_case SET circumstances = '在菜市场走失' WHERE id = $1",
                          fixture->case_a, NULL);

  audit = hw_test_query (fixture->supervisor_a,
                         "SELECT action, db_role, old_row->>'circumstances', new_row->>'circumstances' "
                         "FROM homeward.audit_log WHERE table_name = 'abduction_case' AND row_id = $1 "
                         "ORDER BY id",
                         fixture->case_a, NULL);
  g_assert_cmpuint (hw_db_result_get_n_rows (audit), ==, 2);
  g_assert_cmpstr (hw_db_result_get_string (audit, 0, 0), ==, "INSERT");
  g_assert_cmpstr (hw_db_result_get_string (audit, 0, 1), ==, "officer_a");
  g_assert_cmpstr (hw_db_result_get_string (audit, 1, 0), ==, "UPDATE");
  g_assert_null (hw_db_result_get_string (audit, 1, 2));
  g_assert_cmpstr (hw_db_result_get_string (audit, 1, 3), ==, "在菜市场走失");

  /* One audit row for each row written in the fixture, per table. */
  g_assert_cmpint (hw_test_query_int (fixture->super,
                                      "SELECT count(*) FROM homeward.audit_log WHERE table_name = 'person'",
                                      NULL), ==,
                   hw_test_query_int (fixture->super, "SELECT count(*) FROM homeward.person", NULL));
  g_assert_cmpint (hw_test_query_int (fixture->super,
                                      "SELECT count(*) FROM homeward.audit_log WHERE table_name = 'family_member'",
                                      NULL), ==, 2);
  g_assert_cmpint (hw_test_query_int (fixture->super,
                                      "SELECT count(*) FROM homeward.audit_log WHERE table_name = 'officer'",
                                      NULL), ==, 4);

  /* The audit log is for supervisors and administrators. */
  {
    g_autoptr(GError) error = hw_test_query_error (fixture->officer_b,
                                                   "SELECT count(*) FROM homeward.audit_log", NULL);
    g_assert_error (error, HW_DB_ERROR, HW_DB_ERROR_PERMISSION);
  }
}

static void
test_append_only (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(HwDbResult) step = NULL;
  HwDb *writers[] = { fixture->super, fixture->admin, fixture->supervisor_a, fixture->officer_a };
  const char *statements[] = {
    "UPDATE homeward.audit_log SET db_role = 'nobody'",
    "DELETE FROM homeward.audit_log",
    "TRUNCATE homeward.audit_log",
    "UPDATE homeward.verification_step SET notes = 'rewritten'",
    "DELETE FROM homeward.verification_step",
    "TRUNCATE homeward.verification_step",
  };

  step = hw_test_query (fixture->officer_a,
                        "INSERT INTO homeward.verification_step (case_id, kind, outcome, notes) "
                        "VALUES ($1, 'note', 'recorded', '与母亲通话') RETURNING id",
                        fixture->case_a, NULL);

  for (guint w = 0; w < G_N_ELEMENTS (writers); w++)
    for (guint s = 0; s < G_N_ELEMENTS (statements); s++)
      {
        g_autoptr(GError) error = hw_test_query_error (writers[w], statements[s], NULL);

        g_assert_true (error->domain == HW_DB_ERROR);
      }

  g_assert_cmpint (hw_test_query_int (fixture->super, "SELECT count(*) FROM homeward.verification_step", NULL), ==, 1);
  g_assert_cmpint (hw_test_query_int (fixture->super, "SELECT count(*) FROM homeward.audit_log "
                                      "WHERE db_role = 'nobody'", NULL), ==, 0);
}

/* Unit A's officer reads every case and child, but not unit B's family
 * contacts or DNA, and cannot edit unit B's cases. */
static void
test_row_level_security (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(HwDbResult) child = NULL;
  g_autoptr(HwDbResult) edit = NULL;
  g_autoptr(HwDbResult) sample = NULL;
  g_autoptr(GError) insert_error = NULL;
  g_autoptr(GError) status_error = NULL;
  const char *family_of_b = "SELECT count(*) FROM homeward.family_member WHERE case_id = $1::bigint";
  const char *phone_of_b = "SELECT count(*) FROM homeward.read_family_contacts($1::bigint) "
                           "WHERE phone = '13912345678'";

  child = hw_test_query (fixture->officer_a,
                         "SELECT p.family_name || p.given_name FROM homeward.abduction_case c "
                         "JOIN homeward.person p ON p.id = c.child_id WHERE c.id = $1",
                         fixture->case_b, NULL);
  g_assert_cmpuint (hw_db_result_get_n_rows (child), ==, 1);
  g_assert_cmpstr (hw_db_result_get_string (child, 0, 0), ==, "李娜");

  g_assert_cmpint (hw_test_query_int (fixture->officer_a, family_of_b, fixture->case_b, NULL), ==, 0);
  g_assert_cmpint (hw_test_query_int (fixture->officer_a, phone_of_b, fixture->case_b, NULL), ==, 0);
  g_assert_cmpint (hw_test_query_int (fixture->officer_b, family_of_b, fixture->case_b, NULL), ==, 1);
  g_assert_cmpint (hw_test_query_int (fixture->officer_b, phone_of_b, fixture->case_b, NULL), ==, 1);

  /* Editing unit B's case: no row is visible for update. */
  edit = hw_test_query (fixture->officer_a,
                        "UPDATE homeward.abduction_case SET circumstances = 'changed' WHERE id = $1",
                        fixture->case_b, NULL);
  g_assert_cmpint (hw_db_result_get_affected (edit), ==, 0);
  g_assert_cmpint (hw_test_query_int (fixture->super,
                                      "SELECT count(*) FROM homeward.abduction_case "
                                      "WHERE circumstances = 'changed'", NULL), ==, 0);

  /* Adding a relative to unit B's case is refused. */
  insert_error = hw_test_query_error (fixture->officer_a,
                                      "INSERT INTO homeward.family_member (case_id, person_id, relationship) "
                                      "SELECT $1::bigint, child_id, 'sibling' FROM homeward.abduction_case "
                                      "WHERE id = $1::bigint",
                                      fixture->case_b, NULL);
  g_assert_error (insert_error, HW_DB_ERROR, HW_DB_ERROR_PERMISSION);

  /* DNA of unit B's family stays in unit B. */
  sample = hw_test_query (fixture->officer_b,
                          "INSERT INTO homeward.dna_sample (family_member_id, lab, lab_reference) "
                          "SELECT id, '省公安厅物证鉴定中心', 'LAB-1' FROM homeward.family_member "
                          "WHERE case_id = $1::bigint RETURNING id",
                          fixture->case_b, NULL);
  g_assert_cmpuint (hw_db_result_get_n_rows (sample), ==, 1);
  g_assert_cmpint (hw_test_query_int (fixture->officer_b, "SELECT count(*) FROM homeward.dna_sample", NULL), ==, 1);
  g_assert_cmpint (hw_test_query_int (fixture->officer_a, "SELECT count(*) FROM homeward.dna_sample", NULL), ==, 0);
  g_assert_cmpint (hw_test_query_int (fixture->supervisor_a, "SELECT count(*) FROM homeward.dna_sample", NULL), ==, 0);

  /* Officers do not write other officers' records. */
  status_error = hw_test_query_error (fixture->officer_a,
                                      "UPDATE homeward.officer SET role = 'supervisor' WHERE login = 'officer_a' "
                                      "RETURNING id", NULL);
  g_assert_true (status_error->domain == HW_DB_ERROR);
}

static void
test_two_person_signoff (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(HwDbResult) progress = NULL;
  g_autoptr(HwDbResult) progress2 = NULL;
  g_autoptr(HwDbResult) reunion = NULL;
  g_autoptr(HwDb) supervisor_2 = NULL;
  g_autoptr(HwDbResult) r = NULL;
  g_autoptr(HwDbResult) signed_off = NULL;
  g_autoptr(HwDbResult) reunited = NULL;
  const char *reunion_id;

  progress = hw_test_query (fixture->officer_a,
                            "UPDATE homeward.abduction_case SET status = 'investigating' WHERE id = $1",
                            fixture->case_a, NULL);
  progress2 = hw_test_query (fixture->officer_a,
                             "UPDATE homeward.abduction_case SET status = 'located' WHERE id = $1",
                             fixture->case_a, NULL);

  /* The supervisor proposes the reunion... */
  reunion = hw_test_query (fixture->supervisor_a,
                           "INSERT INTO homeward.reunion (case_id, reunited_on, place, child_decision) "
                           "VALUES ($1, '2026-11-01', '深圳市公安局', 'not_applicable') RETURNING id",
                           fixture->case_a, NULL);
  reunion_id = hw_db_result_get_string (reunion, 0, 0);

  /* ...and cannot sign it off themselves. */
  {
    g_autoptr(GError) error = hw_test_query_error (fixture->supervisor_a,
                                                   "UPDATE homeward.reunion SET signed_off_by = "
                                                   "homeward.current_officer_id(), signed_off_at = now() "
                                                   "WHERE id = $1", reunion_id, NULL);
    g_assert_true (error->domain == HW_DB_ERROR);
  }

  /* Before sign-off the case cannot become reunited. */
  assert_rule_error (hw_test_query_error (fixture->supervisor_a,
                                          "UPDATE homeward.abduction_case SET status = 'reunited' WHERE id = $1",
                                          fixture->case_a, NULL), "HW004");

  /* A second supervisor signs off; then the case may move. */
  r = hw_test_query (fixture->super, "SELECT homeward.create_officer('supervisor_a2', '陈静', 'A', 'supervisor')", NULL);
  supervisor_2 = connect_as (fixture, "supervisor_a2");
  signed_off = hw_test_query (supervisor_2,
                              "UPDATE homeward.reunion SET signed_off_by = homeward.current_officer_id(), "
                              "signed_off_at = now() WHERE id = $1", reunion_id, NULL);
  g_assert_cmpint (hw_db_result_get_affected (signed_off), ==, 1);
  reunited = hw_test_query (supervisor_2,
                            "UPDATE homeward.abduction_case SET status = 'reunited' WHERE id = $1 RETURNING status",
                            fixture->case_a, NULL);
  g_assert_cmpstr (hw_db_result_get_string (reunited, 0, 0), ==, "reunited");
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  const char *search = "SELECT count(*) FROM homeward.person WHERE search @@ homeward.cjk_query($1)";

  g_assert_cmpint (hw_test_query_int (fixture->officer_a, search, "文乐", NULL), ==, 1);
  g_assert_cmpint (hw_test_query_int (fixture->officer_a, search, "彭文乐", NULL), ==, 1);
  g_assert_cmpint (hw_test_query_int (fixture->officer_a, search, "乐", NULL), ==, 1);
  g_assert_cmpint (hw_test_query_int (fixture->officer_a, search, "李娜", NULL), ==, 1);
  g_assert_cmpint (hw_test_query_int (fixture->officer_a, search, "文娜", NULL), ==, 0);
  g_assert_cmpint (hw_test_query_int (fixture->officer_a, search, "耳后", NULL), ==, 2);
}

/* The search columns are kept by triggers (data/sql/0004): what officers
 * write is found, whatever they put in the column itself, and the column
 * stays out of the audit log. */
static void
test_search_kept (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *person = "SELECT count(*) FROM homeward.person WHERE search @@ homeward.cjk_query($1)";
  const char *sighting = "SELECT count(*) FROM homeward.sighting WHERE search @@ homeward.cjk_query($1)";
  const char *family = "SELECT cardinality (homeward.search_family_cases ($1))";
  const char *finds_case = "SELECT count(*) FROM homeward.search_cases($1) AS s(id) WHERE id = $2";
  const char *mismatches[] = {
    "SELECT count(*) FROM homeward.person WHERE search IS DISTINCT FROM homeward.person_search("
    "family_name, given_name, family_name_latin, given_name_latin, distinguishing_marks, native_place, nicknames)",
    "SELECT count(*) FROM homeward.abduction_case WHERE search IS DISTINCT FROM homeward.abduction_case_search("
    "case_number, place_text, circumstances)",
    "SELECT count(*) FROM homeward.family_member WHERE search IS DISTINCT FROM homeward.family_member_search("
    "phone, address)",
    "SELECT count(*) FROM homeward.sighting WHERE search IS DISTINCT FROM homeward.sighting_search("
    "description, place_text, source_ref, reporter_name, reporter_contact)",
  };
  g_autoptr(HwDbResult) renamed = NULL;
  g_autoptr(HwDbResult) forged = NULL;
  g_autoptr(HwDbResult) reported = NULL;
  g_autoptr(HwDbResult) described = NULL;
  g_autoptr(HwDbResult) rephoned = NULL;
  g_autoptr(HwDbResult) pinyin = NULL;

  /* A renamed child is found by the new name only. */
  renamed = hw_test_query (fixture->officer_a,
                           "UPDATE homeward.person SET given_name = '文静' "
                           "WHERE id = (SELECT child_id FROM homeward.abduction_case WHERE id = $1)",
                           fixture->case_a, NULL);
  g_assert_cmpint (hw_db_result_get_affected (renamed), ==, 1);
  g_assert_cmpint (hw_test_query_int (fixture->officer_a, person, "彭文静", NULL), ==, 1);
  g_assert_cmpint (hw_test_query_int (fixture->officer_a, person, "文乐", NULL), ==, 0);
  g_assert_cmpint (hw_test_query_int (fixture->officer_b, finds_case, "文静", fixture->case_a, NULL), ==, 1);

  /* An update of another column recomputes too, from the names. */
  pinyin = hw_test_query (fixture->officer_a,
                          "UPDATE homeward.person SET family_name_latin = 'Peng', given_name_latin = 'Wenjing' "
                          "WHERE id = (SELECT child_id FROM homeward.abduction_case WHERE id = $1)",
                          fixture->case_a, NULL);
  g_assert_cmpint (hw_test_query_int (fixture->officer_a, person, "pengwenjing", NULL), ==, 1);
  g_assert_cmpint (hw_test_query_int (fixture->officer_a, person, "wenj", NULL), ==, 1);

  /* Writing the column itself changes nothing. */
  forged = hw_test_query (fixture->officer_a,
                          "UPDATE homeward.person SET search = 'forged'::tsvector "
                          "WHERE id = (SELECT child_id FROM homeward.abduction_case WHERE id = $1)",
                          fixture->case_a, NULL);
  g_assert_cmpint (hw_db_result_get_affected (forged), ==, 1);
  g_assert_cmpint (hw_test_query_int (fixture->officer_a, person, "forged", NULL), ==, 0);
  g_assert_cmpint (hw_test_query_int (fixture->officer_a, person, "文静", NULL), ==, 1);

  reported = hw_test_query (fixture->officer_b,
                            "INSERT INTO homeward.sighting (channel, description, place_text, reporter_contact, search) "
                            "VALUES ('hotline', '在火车站看到一个男孩在乞讨', '广州市', '138-0013-8000', 'forged') "
                            "RETURNING id", NULL);
  g_assert_cmpint (hw_test_query_int (fixture->officer_a, sighting, "乞讨", NULL), ==, 1);
  g_assert_cmpint (hw_test_query_int (fixture->officer_a, sighting, "13800138000", NULL), ==, 1);
  g_assert_cmpint (hw_test_query_int (fixture->officer_a, sighting, "138 0013", NULL), ==, 1);
  g_assert_cmpint (hw_test_query_int (fixture->officer_a, sighting, "forged", NULL), ==, 0);

  /* A case's circumstances, a relative's new phone number. */
  described = hw_test_query (fixture->officer_a,
                             "UPDATE homeward.abduction_case SET circumstances = '在菜市场走失' WHERE id = $1",
                             fixture->case_a, NULL);
  g_assert_cmpint (hw_test_query_int (fixture->super,
                                      "SELECT count(*) FROM homeward.abduction_case "
                                      "WHERE search @@ homeward.cjk_query($1) AND id = $2",
                                      "菜市场", fixture->case_a, NULL), ==, 1);
  /* ... which the case list does not search: names should find names. */
  g_assert_cmpint (hw_test_query_int (fixture->officer_b, finds_case, "菜市场", fixture->case_a, NULL), ==, 0);
  rephoned = hw_test_query (fixture->officer_a,
                            "UPDATE homeward.family_member SET phone = '139-1111-2222' WHERE case_id = $1",
                            fixture->case_a, NULL);
  g_assert_cmpint (hw_test_query_int (fixture->officer_a, family, "13911112222", NULL), ==, 1);
  g_assert_cmpint (hw_test_query_int (fixture->officer_a, family, "13800138000", NULL), ==, 0);

  /* Every row holds what its table's function computes. */
  for (guint i = 0; i < G_N_ELEMENTS (mismatches); i++)
    g_assert_cmpint (hw_test_query_int (fixture->super, mismatches[i], NULL), ==, 0);

  /* The audit log has the officers' writes, not the lexemes. */
  g_assert_cmpint (hw_test_query_int (fixture->super,
                                      "SELECT count(*) FROM homeward.audit_log "
                                      "WHERE new_row ? 'search' OR old_row ? 'search'", NULL), ==, 0);
  g_assert_cmpint (hw_test_query_int (fixture->super,
                                      "SELECT count(*) FROM homeward.audit_log WHERE table_name = 'person' "
                                      "AND new_row->>'given_name' = '文静'", NULL), >=, 1);
}

typedef struct
{
  char *payload;
} Received;

static void
notification_cb (HwDb       *db,
                 const char *channel,
                 const char *payload,
                 Received   *received)
{
  if (g_str_has_prefix (payload, "abduction_case:") && received->payload == NULL)
    received->payload = g_strdup (payload);
}

static gboolean
received_done (gpointer data)
{
  return ((Received *) data)->payload != NULL;
}

static void
test_notify_payload (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(HwDbResult) sync = NULL;
  g_autoptr(HwDbResult) update = NULL;
  g_autofree char *expected = NULL;
  Received received = { NULL };

  g_signal_connect (fixture->officer_b, "notification", G_CALLBACK (notification_cb), &received);
  hw_db_listen (fixture->officer_b, HW_DB_CHANNEL);
  sync = hw_test_query (fixture->officer_b, "SELECT 1", NULL);

  update = hw_test_query (fixture->officer_a,
                          "UPDATE homeward.abduction_case SET circumstances = '放学路上' WHERE id = $1 "
                          "RETURNING version", fixture->case_a, NULL);
  expected = g_strdup_printf ("abduction_case:%s:%s", fixture->case_a, hw_db_result_get_string (update, 0, 0));

  hw_test_wait_until (received_done, &received, 5000);
  g_assert_cmpstr (received.payload, ==, expected);
  g_free (received.payload);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  hw_test_cluster_start ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/db/schema/migrations", test_migrations);
  ADD ("/db/schema/newer-refused", test_newer_schema_refused);
  ADD ("/db/schema/case-transitions", test_case_transitions);
  ADD ("/db/schema/sighting-transitions", test_sighting_transitions);
  ADD ("/db/schema/audited", test_writes_audited);
  ADD ("/db/schema/append-only", test_append_only);
  ADD ("/db/schema/row-level-security", test_row_level_security);
  ADD ("/db/schema/two-person-signoff", test_two_person_signoff);
  ADD ("/db/schema/search", test_search);
  ADD ("/db/schema/search-kept", test_search_kept);
  ADD ("/db/schema/notify-payload", test_notify_payload);
#undef ADD

  ret = g_test_run ();

  hw_test_cluster_stop ();

  return ret;
}
