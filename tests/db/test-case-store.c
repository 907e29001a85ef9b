/* test-case-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "hw-case-store.h"
#include "hw-image-hash.h"
#include "hw-setup.h"
#include "hw-test-cluster.h"

/* HwCaseStore against a real server with demo data: a case and its child
 * are saved together or not at all, only against the versions read; a
 * conflict hands back the other officer's version; new cases get the unit's
 * next number; the database's rules and row-level security show through as
 * errors that say why. And the form's rules (src/core/hw-case.c). */

#define DEMO_CASES     20
#define DEMO_SIGHTINGS 10

static HwLocalServer *server;

static HwCaseStore *
store_for (const char *login,
           HwDb      **db_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = hw_local_server_get_conninfo (server, login, HW_SETUP_DEFAULT_DBNAME);
  g_autoptr(HwDb) db = hw_test_connect (conninfo);
  g_autoptr(HwSession) session = hw_session_load_sync (db, NULL, &error);

  g_assert_no_error (error);
  if (db_out != NULL)
    *db_out = g_object_ref (db);

  return hw_case_store_new (session);
}

static void
got_result_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* Runs the main loop until the operation started with got_result_cb is done. */
static GAsyncResult *
wait_result (GAsyncResult **result)
{
  hw_test_wait_until (has_result, result, 10000);

  return *result;
}

static HwCaseDetails *
load (HwCaseStore    *store,
      gint64          case_id,
      HwCaseSections  sections,
      GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hw_case_store_load_async (store, case_id, sections, NULL, got_result_cb, &result);

  return hw_case_store_load_finish (store, wait_result (&result), error);
}

static HwCase *
save (HwCaseStore   *store,
      const HwCase  *edited,
      HwCase       **current,
      GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hw_case_store_save_async (store, edited, NULL, got_result_cb, &result);

  return hw_case_store_save_finish (store, wait_result (&result), current, error);
}

static HwCase *
create (HwCaseStore   *store,
        const HwCase  *edited,
        GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hw_case_store_create_async (store, edited, NULL, got_result_cb, &result);

  return hw_case_store_create_finish (store, wait_result (&result), error);
}

static gint64
own_case (HwDb *db,
          guint nth)
{
  g_autofree char *offset = g_strdup_printf ("%u", nth);

  return hw_test_query_int (db,
                            "SELECT id FROM homeward.abduction_case "
                            " WHERE unit_id = homeward.current_unit_id () ORDER BY id OFFSET $1 LIMIT 1",
                            offset, NULL);
}

static void
test_load (void)
{
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwCaseStore) store = store_for (HW_SETUP_DEMO_OFFICER, &db);
  g_autoptr(HwCaseDetails) details = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HwDbResult) row = NULL;
  g_autofree char *id_text = NULL;
  gint64 case_id = own_case (db, 0);

  details = load (store, case_id, HW_CASE_SECTION_ALL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (details->kase);
  g_assert_cmpint (details->kase->id, ==, case_id);
  g_assert_false (details->family_restricted);
  g_assert_nonnull (details->family);
  g_assert_nonnull (details->contacts);
  g_assert_nonnull (details->photos);
  /* An officer: the audit log is the supervisors'. */
  g_assert_true (details->history_restricted);

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  row = hw_test_query (db,
                       "SELECT c.case_number, p.family_name, p.birth_date_precision, "
                       "       (SELECT count (*) FROM homeward.family_member f WHERE f.case_id = c.id) "
                       "  FROM homeward.abduction_case c JOIN homeward.person p ON p.id = c.child_id "
                       " WHERE c.id = $1", id_text, NULL);
  g_assert_cmpstr (details->kase->case_number, ==, hw_db_result_get_string (row, 0, 0));
  g_assert_cmpstr (hw_case_get_field (details->kase, HW_CASE_FIELD_FAMILY_NAME), ==,
                   hw_db_result_get_string (row, 0, 1));
  g_assert_cmpuint (details->family->len, ==, hw_db_result_get_int64 (row, 0, 3));

  /* A case that does not exist. */
  g_clear_pointer (&details, hw_case_details_free);
  details = load (store, G_MAXINT32, HW_CASE_SECTION_ALL, &error);
  g_assert_error (error, HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_NOT_FOUND);
  g_assert_null (details);

  hw_db_close (db);
}

static void
test_save_conflict (void)
{
  g_autoptr(HwDb) db_a = NULL;
  g_autoptr(HwDb) db_b = NULL;
  g_autoptr(HwCaseStore) a = store_for (HW_SETUP_DEMO_OFFICER, &db_a);
  g_autoptr(HwCaseStore) b = store_for ("demo_supervisor", &db_b);
  g_autoptr(HwCaseDetails) read_a = NULL;
  g_autoptr(HwCaseDetails) read_b = NULL;
  g_autoptr(HwCase) saved_b = NULL;
  g_autoptr(HwCase) saved_a = NULL;
  g_autoptr(HwCase) current = NULL;
  g_autoptr(HwCase) again = NULL;
  g_autoptr(HwDbResult) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id_text = NULL;
  gint64 case_id = own_case (db_a, 1);
  gint64 audit_rows;

  read_a = load (a, case_id, HW_CASE_SECTION_CASE, &error);
  g_assert_no_error (error);
  read_b = load (b, case_id, HW_CASE_SECTION_CASE, &error);
  g_assert_no_error (error);

  /* B saves first: the place (case) and the dialect (child). */
  hw_case_set_field (read_b->kase, HW_CASE_FIELD_PLACE, "乙改的地点");
  hw_case_set_field (read_b->kase, HW_CASE_FIELD_DIALECT, "乙改的方言");
  saved_b = save (b, read_b->kase, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved_b->version, ==, read_b->kase->version + 1);
  g_assert_cmpint (saved_b->child_version, ==, read_b->kase->child_version + 1);

  /* A, from the versions read before: refused, with B's version to compare. */
  hw_case_set_field (read_a->kase, HW_CASE_FIELD_MARKS, "甲改的特征");
  saved_a = save (a, read_a->kase, &current, &error);
  g_assert_error (error, HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_CONFLICT);
  g_assert_null (saved_a);
  g_assert_nonnull (current);
  g_assert_cmpstr (hw_case_get_field (current, HW_CASE_FIELD_PLACE), ==, "乙改的地点");
  g_assert_cmpstr (hw_case_get_field (current, HW_CASE_FIELD_DIALECT), ==, "乙改的方言");
  g_clear_error (&error);

  /* Nothing of A's was written: neither the child nor the case. */
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  row = hw_test_query (db_a,
                       "SELECT coalesce (p.distinguishing_marks, ''), c.version, p.version "
                       "  FROM homeward.abduction_case c JOIN homeward.person p ON p.id = c.child_id "
                       " WHERE c.id = $1", id_text, NULL);
  g_assert_cmpstr (hw_db_result_get_string (row, 0, 0), !=, "甲改的特征");
  g_assert_cmpint (hw_db_result_get_int64 (row, 0, 1), ==, saved_b->version);
  g_assert_cmpint (hw_db_result_get_int64 (row, 0, 2), ==, saved_b->child_version);

  /* A takes B's values into the form and saves against B's versions. */
  hw_case_set_field (current, HW_CASE_FIELD_MARKS, "甲改的特征");
  again = save (a, current, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hw_case_get_field (again, HW_CASE_FIELD_MARKS), ==, "甲改的特征");
  g_assert_cmpstr (hw_case_get_field (again, HW_CASE_FIELD_PLACE), ==, "乙改的地点");
  /* Only the child changed this time: the case keeps its version. */
  g_assert_cmpint (again->version, ==, saved_b->version);
  g_assert_cmpint (again->child_version, ==, saved_b->child_version + 1);

  /* Saving without a change writes nothing, not even to the audit log. */
  audit_rows = hw_test_query_int (db_b, "SELECT count (*) FROM homeward.audit_log", NULL);
  g_clear_pointer (&saved_a, hw_case_free);
  saved_a = save (a, again, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved_a->version, ==, again->version);
  g_assert_cmpint (saved_a->child_version, ==, again->child_version);
  g_assert_cmpint (hw_test_query_int (db_b, "SELECT count (*) FROM homeward.audit_log", NULL), ==,
                   audit_rows);

  hw_db_close (db_a);
  hw_db_close (db_b);
}

static void
test_save_rules (void)
{
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwDb) other_db = NULL;
  g_autoptr(HwCaseStore) store = store_for (HW_SETUP_DEMO_OFFICER, &db);
  g_autoptr(HwCaseStore) other = NULL;
  g_autoptr(HwCaseDetails) details = NULL;
  g_autoptr(HwCaseDetails) theirs = NULL;
  g_autoptr(HwCase) saved = NULL;
  g_autoptr(HwCase) current = NULL;
  g_autoptr(HwDbResult) login = NULL;
  g_autoptr(GError) error = NULL;
  gint64 case_id = own_case (db, 2);

  details = load (store, case_id, HW_CASE_SECTION_CASE, &error);
  g_assert_no_error (error);

  /* The form's rules are checked before anything is sent. */
  hw_case_set_field (details->kase, HW_CASE_FIELD_BIRTH_DATE, "2999-01-01");
  saved = save (store, details->kase, NULL, &error);
  g_assert_error (error, HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_INVALID);
  g_assert_null (saved);
  g_clear_error (&error);

  /* An officer of another unit reads the case but may not change it. */
  login = hw_test_query (db,
                         "SELECT login FROM homeward.officer WHERE role = 'officer' AND active "
                         "   AND unit_id <> homeward.current_unit_id () ORDER BY id LIMIT 1", NULL);
  other = store_for (hw_db_result_get_string (login, 0, 0), &other_db);
  theirs = load (other, case_id, HW_CASE_SECTION_ALL, &error);
  g_assert_no_error (error);
  g_assert_true (theirs->family_restricted);
  g_assert_cmpuint (theirs->family->len, ==, 0);
  g_assert_cmpuint (theirs->contacts->len, ==, 0);
  hw_case_set_field (theirs->kase, HW_CASE_FIELD_PLACE, "别的单位改的地点");
  saved = save (other, theirs->kase, &current, &error);
  g_assert_error (error, HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_NOT_ALLOWED);
  g_assert_null (saved);
  g_assert_null (current);

  hw_db_close (other_db);
  hw_db_close (db);
}

/* The priority and the assigned officer are saved with the case; the case
 * goes only to an active officer of its unit (HW009), and the case tells
 * who saved it last. */
static void
test_assignment (void)
{
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwCaseStore) store = store_for (HW_SETUP_DEMO_OFFICER, &db);
  g_autoptr(HwCaseDetails) details = NULL;
  g_autoptr(HwCase) saved = NULL;
  g_autoptr(HwCase) refused = NULL;
  g_autoptr(HwDbResult) colleague = NULL;
  g_autoptr(HwDbResult) row = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) officers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *stranger = NULL;
  gint64 case_id = own_case (db, 3);
  gboolean listed = FALSE;

  colleague = hw_test_query (db,
                             "SELECT id::text, display_name FROM homeward.officer "
                             " WHERE unit_id = homeward.current_unit_id () AND active AND role <> 'admin' "
                             "   AND id <> homeward.current_officer_id () ORDER BY id LIMIT 1", NULL);
  stranger = g_strdup_printf ("%" G_GINT64_FORMAT,
                              hw_test_query_int (db,
                                                 "SELECT id FROM homeward.officer "
                                                 " WHERE unit_id <> homeward.current_unit_id () AND active "
                                                 " ORDER BY id LIMIT 1", NULL));

  /* The unit's officers are offered, the colleague among them. */
  details = load (store, case_id, HW_CASE_SECTION_CASE, &error);
  g_assert_no_error (error);
  hw_case_store_load_officers_async (store, details->kase->unit_id, NULL, got_result_cb, &result);
  officers = hw_case_store_load_officers_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < officers->len; i++)
    {
      const HwCaseOfficer *officer = g_ptr_array_index (officers, i);
      g_autofree char *officer_id = g_strdup_printf ("%" G_GINT64_FORMAT, officer->id);

      listed |= g_str_equal (officer->name, hw_db_result_get_string (colleague, 0, 1));
      g_assert_cmpint (hw_test_query_int (db, "SELECT unit_id FROM homeward.officer WHERE id = $1",
                                          officer_id, NULL), ==, details->kase->unit_id);
    }
  g_assert_true (listed);

  hw_case_set_field (details->kase, HW_CASE_FIELD_PRIORITY, "urgent");
  hw_case_set_field (details->kase, HW_CASE_FIELD_ASSIGNED_OFFICER, hw_db_result_get_string (colleague, 0, 0));
  saved = save (store, details->kase, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hw_case_get_field (saved, HW_CASE_FIELD_PRIORITY), ==, "urgent");
  g_assert_cmpstr (hw_case_get_field (saved, HW_CASE_FIELD_ASSIGNED_OFFICER), ==,
                   hw_db_result_get_string (colleague, 0, 0));
  g_assert_cmpstr (saved->officer_name, ==, hw_db_result_get_string (colleague, 0, 1));
  g_assert_cmpstr (saved->updated_by_name, ==,
                   hw_session_get_officer_name (hw_case_store_get_session (store)));

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  row = hw_test_query (db, "SELECT priority, assigned_officer_id::text FROM homeward.abduction_case WHERE id = $1",
                       id_text, NULL);
  g_assert_cmpstr (hw_db_result_get_string (row, 0, 0), ==, "urgent");
  g_assert_cmpstr (hw_db_result_get_string (row, 0, 1), ==, hw_db_result_get_string (colleague, 0, 0));

  /* Not to an officer of another unit: the database says why. */
  hw_case_set_field (saved, HW_CASE_FIELD_ASSIGNED_OFFICER, stranger);
  refused = save (store, saved, NULL, &error);
  g_assert_null (refused);
  g_assert_nonnull (error);
  g_assert_cmpstr (hw_db_error_get_sqlstate (error), ==, "HW009");

  hw_db_close (db);
}

/* Another unit's officer can neither add, change nor remove a relative of
 * the case: the database refuses, whatever the client sends. */
static void
test_family_other_unit (void)
{
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwDb) other_db = NULL;
  g_autoptr(HwCaseStore) store = store_for (HW_SETUP_DEMO_OFFICER, &db);
  g_autoptr(HwCaseStore) other = NULL;
  g_autoptr(HwCaseDetails) details = NULL;
  g_autoptr(HwFamilyMember) added = NULL;
  g_autoptr(HwFamilyMember) changed = NULL;
  g_autoptr(HwFamilyMember) stranger = hw_family_member_new ();
  g_autoptr(HwDbResult) login = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id_text = NULL;
  HwFamilyMember *member;
  gint64 case_id;
  gint64 n_family;

  case_id = hw_test_query_int (db,
                               "SELECT min (c.id) FROM homeward.abduction_case c "
                               " WHERE c.unit_id = homeward.current_unit_id () "
                               "   AND EXISTS (SELECT 1 FROM homeward.family_member f WHERE f.case_id = c.id)",
                               NULL);

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  details = load (store, case_id, HW_CASE_SECTION_FAMILY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (details->family->len, >, 0);
  member = g_ptr_array_index (details->family, 0);
  n_family = hw_test_query_int (db, "SELECT count (*) FROM homeward.family_member WHERE case_id = $1",
                                id_text, NULL);

  login = hw_test_query (db,
                         "SELECT login FROM homeward.officer WHERE role = 'officer' AND active "
                         "   AND unit_id <> homeward.current_unit_id () ORDER BY id LIMIT 1", NULL);
  other = store_for (hw_db_result_get_string (login, 0, 0), &other_db);

  /* Add: refused by row-level security. */
  hw_family_member_set_text (&stranger->family_name, "冒");
  hw_family_member_set_text (&stranger->given_name, "名");
  hw_family_member_set_text (&stranger->relationship, "other");
  hw_case_store_save_family_member_async (other, case_id, stranger, NULL, got_result_cb, &result);
  added = hw_case_store_save_family_member_finish (other, wait_result (&result), NULL, &error);
  g_assert_null (added);
  g_assert_error (error, HW_DB_ERROR, HW_DB_ERROR_PERMISSION);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Change: no row of theirs to update. */
  changed = hw_family_member_copy (member);
  hw_family_member_set_text (&changed->phone, "13700000000");
  hw_case_store_save_family_member_async (other, case_id, changed, NULL, got_result_cb, &result);
  g_assert_null (hw_case_store_save_family_member_finish (other, wait_result (&result), NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Remove: nothing removed. */
  hw_case_store_remove_family_member_async (other, member, NULL, got_result_cb, &result);
  g_assert_false (hw_case_store_remove_family_member_finish (other, wait_result (&result), NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_cmpint (hw_test_query_int (db, "SELECT count (*) FROM homeward.family_member WHERE case_id = $1",
                                      id_text, NULL), ==, n_family);
  {
    g_autofree char *conninfo = hw_local_server_get_conninfo (server, NULL, HW_SETUP_DEFAULT_DBNAME);
    g_autoptr(HwDb) super = hw_test_connect (conninfo);

    g_assert_cmpint (hw_test_query_int (super, "SELECT count (*) FROM homeward.family_member "
                                               " WHERE case_id = $1 AND phone = '13700000000'",
                                        id_text, NULL), ==, 0);
    hw_db_close (super);
  }

  hw_db_close (other_db);
  hw_db_close (db);
}

/* A check's message (transfer full): there is one. */
static void
assert_refused (char *message)
{
  g_assert_nonnull (message);
  g_free (message);
}

/* The form's rules for a relative (src/core/hw-case.c). */
static void
test_family_rules (void)
{
  g_autoptr(HwFamilyMember) member = hw_family_member_new ();
  const char *good[] = { "13800138000", "138 0013 8000", "+86 138-0013-8000", "0755-8888 1234",
                         "010-12345678 转 801", "+44 20 7946 0958", "" };
  const char *bad[] = { "12345", "138001380001", "phone", "0755-88", "+1 23" };

  assert_refused (hw_family_member_check_name (member));
  assert_refused (hw_family_member_check_relationship (member));
  hw_family_member_set_text (&member->family_name_latin, "Wang");
  hw_family_member_set_text (&member->given_name_latin, "Xiuying");
  hw_family_member_set_text (&member->relationship, "mother");
  g_assert_null (hw_family_member_check_name (member));
  g_assert_null (hw_family_member_check_relationship (member));
  hw_family_member_set_text (&member->given_name_latin, "秀英");
  assert_refused (hw_family_member_check_name (member));

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *message = NULL;

      hw_family_member_set_text (&member->phone, good[i]);
      message = hw_family_member_check_phone (member);
      g_assert_null (message);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *message = NULL;

      hw_family_member_set_text (&member->phone, bad[i]);
      message = hw_family_member_check_phone (member);
      g_assert_nonnull (message);
    }
}

static void
test_create (void)
{
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwCaseStore) store = store_for (HW_SETUP_DEMO_OFFICER, &db);
  g_autoptr(HwCase) form = hw_case_new ();
  g_autoptr(HwCase) first = NULL;
  g_autoptr(HwCase) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *prefix = NULL;
  g_autofree char *taken = NULL;
  g_autoptr(HwDbResult) row = NULL;
  g_autofree char *id_text = NULL;
  guint64 n1, n2;

  hw_case_set_field (form, HW_CASE_FIELD_NICKNAMES, "小宝，宝宝");
  hw_case_set_field (form, HW_CASE_FIELD_SEX, "unknown");
  hw_case_set_field (form, HW_CASE_FIELD_ABDUCTED_AT, "2024");
  hw_case_set_field (form, HW_CASE_FIELD_LATITUDE, "22.5");
  hw_case_set_field (form, HW_CASE_FIELD_LONGITUDE, "114.05");

  prefix = g_strdup_printf ("SZ-%d-", g_date_time_get_year (now));

  /* Someone already took a high number this year: the next is above it. */
  taken = g_strdup_printf ("%s0417", prefix);
  g_clear_pointer (&row, hw_db_result_unref);
  row = hw_test_query (db,
                       "WITH p AS (INSERT INTO homeward.person (kind, given_name) VALUES ('child', '占号') "
                       "           RETURNING id) "
                       "INSERT INTO homeward.abduction_case (case_number, child_id) "
                       "SELECT $1, p.id FROM p RETURNING id", taken, NULL);

  first = create (store, form, &error);
  g_assert_no_error (error);
  second = create (store, form, &error);
  g_assert_no_error (error);

  g_assert_true (g_str_has_prefix (first->case_number, prefix));
  n1 = g_ascii_strtoull (first->case_number + strlen (prefix), NULL, 10);
  n2 = g_ascii_strtoull (second->case_number + strlen (prefix), NULL, 10);
  g_assert_cmpuint (n1, ==, 418);
  g_assert_cmpuint (n2, ==, n1 + 1);
  g_assert_cmpstr (first->status, ==, "open");
  g_assert_cmpstr (hw_case_get_field (first, HW_CASE_FIELD_NICKNAMES), ==, "小宝, 宝宝");
  g_assert_cmpstr (hw_case_get_field (first, HW_CASE_FIELD_ABDUCTED_AT), ==, "2024");

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, first->id);
  g_clear_pointer (&row, hw_db_result_unref);
  row = hw_test_query (db,
                       "SELECT p.kind, p.nicknames::text, c.abducted_at_precision, c.latitude "
                       "  FROM homeward.abduction_case c JOIN homeward.person p ON p.id = c.child_id "
                       " WHERE c.id = $1", id_text, NULL);
  g_assert_cmpstr (hw_db_result_get_string (row, 0, 0), ==, "child");
  g_assert_cmpstr (hw_db_result_get_string (row, 0, 1), ==, "{小宝,宝宝}");
  g_assert_cmpstr (hw_db_result_get_string (row, 0, 2), ==, "year");
  g_assert_cmpfloat (hw_db_result_get_double (row, 0, 3), ==, 22.5);

  hw_db_close (db);
}

static GError *
change_status (HwCaseStore *store,
               gint64       case_id,
               gint64       version,
               const char  *status,
               const char  *reason)
{
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  hw_case_store_change_status_async (store, case_id, version, status, reason, NULL,
                                     got_result_cb, &result);
  if (hw_case_store_change_status_finish (store, wait_result (&result), &error))
    g_assert_no_error (error);

  return error;
}

/* The rules of homeward.case_status_transition, as the database applies
 * them, come back with the SQLSTATE that says why (HW001–HW003). */
static void
test_status (void)
{
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwCaseStore) store = store_for (HW_SETUP_DEMO_OFFICER, &db);
  g_autoptr(HwCaseStore) supervisor = store_for ("demo_supervisor", NULL);
  g_autoptr(GPtrArray) transitions = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(HwCaseDetails) details = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id_text = NULL;
  gint64 case_id;
  gint64 version;

  hw_case_store_load_transitions_async (store, NULL, got_result_cb, &result);
  transitions = hw_case_store_load_transitions_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (transitions->len, >=, 13);

  case_id = hw_test_query_int (db,
                               "SELECT id FROM homeward.abduction_case "
                               " WHERE unit_id = homeward.current_unit_id () AND status = 'investigating' "
                               " ORDER BY id LIMIT 1", NULL);
  details = load (store, case_id, HW_CASE_SECTION_CASE, &error);
  g_assert_no_error (error);
  version = details->kase->version;

  error = change_status (store, case_id, version, "reunited", NULL);
  g_assert_error (error, HW_DB_ERROR, HW_DB_ERROR_RULE);
  g_assert_cmpstr (hw_db_error_get_sqlstate (error), ==, "HW001");
  g_clear_error (&error);

  error = change_status (store, case_id, version, "cold", "  ");
  g_assert_cmpstr (hw_db_error_get_sqlstate (error), ==, "HW002");
  g_clear_error (&error);

  error = change_status (store, case_id, version, "closed", "家属已自行找回");
  g_assert_cmpstr (hw_db_error_get_sqlstate (error), ==, "HW003");
  g_clear_error (&error);

  /* Against a version that moved: nothing changes. */
  error = change_status (store, case_id, version - 1, "cold", "线索中断");
  g_assert_error (error, HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* The officer lets it go cold; only a supervisor closes it. */
  g_assert_null (change_status (store, case_id, version, "cold", "线索中断"));
  g_assert_null (change_status (supervisor, case_id, version + 1, "closed", "家属已自行找回"));
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  {
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, version + 2);

    g_assert_cmpint (hw_test_query_int (db, "SELECT count (*) FROM homeward.abduction_case "
                                            " WHERE id = $1 AND status = 'closed' "
                                            "   AND status_reason = '家属已自行找回' AND version = $2",
                                        id_text, expected, NULL), ==, 1);
  }

  hw_db_close (db);
}

static GBytes *
png_bytes (int width,
           int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  char *data = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x3080c0ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &size, "png", NULL, NULL));

  return g_bytes_new_take (data, size);
}

static guint32
crc32_of (const guint8 *data,
          gsize         size)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < size; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & (0U - (crc & 1)));
    }

  return crc ^ 0xffffffff;
}

/* A small PNG file whose header claims a picture of 30000 × 30000. */
static GBytes *
png_bomb (void)
{
  g_autoptr(GBytes) small = png_bytes (1, 1);
  gsize size;
  guint8 *data = g_memdup2 (g_bytes_get_data (small, &size), g_bytes_get_size (small));
  guint32 crc;

  /* IHDR: length (4) and type (4) at 8, width at 16, height at 20, CRC at 29 */
  data[16] = 0; data[17] = 0; data[18] = 0x75; data[19] = 0x30;
  data[20] = 0; data[21] = 0; data[22] = 0x75; data[23] = 0x30;
  crc = crc32_of (data + 12, 17);
  data[29] = crc >> 24; data[30] = crc >> 16; data[31] = crc >> 8; data[32] = crc;

  return g_bytes_new_take (data, size);
}

/* Photos from files: decoded under limits, a thumbnail made, stored once. */
static void
test_photos (void)
{
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwCaseStore) store = store_for (HW_SETUP_DEMO_OFFICER, &db);
  g_autoptr(GBytes) png = png_bytes (300, 200);
  g_autoptr(GBytes) bomb = png_bomb ();
  g_autoptr(GBytes) text = g_bytes_new_static ("not a photo", 11);
  g_autoptr(HwCasePhotoImport) import = NULL;
  g_autoptr(HwCasePhotoImport) refused = NULL;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(HwCaseDetails) details = NULL;
  g_autoptr(GError) error = NULL;
  GdkPixbuf *thumbnail;
  gint64 case_id = own_case (db, 3);
  gint64 photo_id;
  gboolean found = FALSE;

  import = hw_case_photo_import_new (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (import->width, ==, 300);
  g_assert_cmpint (import->height, ==, 200);
  g_assert_cmpstr (import->mime_type, ==, "image/png");
  g_assert_true (g_bytes_equal (import->content, png));
  g_assert_true (gdk_pixbuf_loader_write_bytes (loader, import->thumbnail, NULL));
  g_assert_true (gdk_pixbuf_loader_close (loader, NULL));
  thumbnail = gdk_pixbuf_loader_get_pixbuf (loader);
  g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, HW_CASE_THUMBNAIL_SIZE);

  refused = hw_case_photo_import_new (bomb, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (refused);
  g_clear_error (&error);
  refused = hw_case_photo_import_new (text, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  /* A drawing is no photo; an empty file is said to be empty (issue 14). */
  {
    static const char svg[] = "<svg xmlns='http://www.w3.org/2000/svg' width='300' height='200'>"
                              "<rect width='300' height='200' fill='red'/></svg>";
    g_autoptr(GBytes) drawing = g_bytes_new_static (svg, sizeof svg - 1);
    g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

    refused = hw_case_photo_import_new (drawing, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_assert_null (refused);
    g_clear_error (&error);
    refused = hw_case_photo_import_new (empty, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) && strstr (error->message, "empty") != NULL);
    g_clear_error (&error);
  }

  hw_case_store_add_photo_async (store, case_id, import, NULL, got_result_cb, &result);
  photo_id = hw_case_store_add_photo_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (photo_id, >, 0);

  /* Stored with its perceptual hashes, those homeward-cli hash prints. */
  {
    g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, photo_id);
    g_autofree char *phash = NULL;
    g_autofree char *dhash = NULL;
    HwImageHashes hashes;

    g_assert_true (hw_image_hash_bytes (png, &hashes, &error));
    g_assert_no_error (error);
    phash = g_strdup_printf ("%" G_GINT64_FORMAT, hw_image_hash_to_db (hashes.phash));
    dhash = g_strdup_printf ("%" G_GINT64_FORMAT, hw_image_hash_to_db (hashes.dhash));
    g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.photo "
                                        "WHERE id = $1 AND phash = $2 AND dhash = $3",
                                        id_text, phash, dhash, NULL), ==, 1);
  }

  /* The same file again: the case has it already. */
  g_clear_object (&result);
  hw_case_store_add_photo_async (store, case_id, import, NULL, got_result_cb, &result);
  g_assert_cmpint (hw_case_store_add_photo_finish (store, wait_result (&result), &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  details = load (store, case_id, HW_CASE_SECTION_PHOTOS, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < details->photos->len; i++)
    {
      HwCasePhoto *photo = g_ptr_array_index (details->photos, i);

      if (photo->id == photo_id)
        {
          found = TRUE;
          g_assert_true (g_bytes_equal (photo->thumbnail, import->thumbnail));
          g_assert_cmpint (photo->width, ==, 300);
        }
    }
  g_assert_true (found);

  /* The stored file is the original, byte for byte. */
  g_clear_object (&result);
  hw_case_store_load_photo_async (store, photo_id, 1024 * 1024, NULL, got_result_cb, &result);
  {
    g_autoptr(GBytes) stored = hw_case_store_load_photo_finish (store, wait_result (&result), &error);

    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (stored, png));
  }

  hw_db_close (db);
}

/* The form's rules, without a database. */
static void
test_fields (void)
{
  g_autoptr(HwCase) kase = hw_case_new ();
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 23, 12, 0, 0);
  g_autoptr(GDateTime) time = NULL;
  const char *precision = NULL;
  char *message;

  g_assert_true (hw_case_parse_date ("2008", FALSE, NULL, &precision));
  g_assert_cmpstr (precision, ==, "year");
  g_assert_true (hw_case_parse_date ("2008-3", FALSE, NULL, &precision));
  g_assert_cmpstr (precision, ==, "month");
  g_assert_true (hw_case_parse_date ("2008年3月14日", FALSE, &time, &precision));
  g_assert_cmpstr (precision, ==, "day");
  g_assert_cmpint (g_date_time_get_day_of_month (time), ==, 14);
  g_assert_true (hw_case_parse_date ("2008/03/14 15:30", TRUE, NULL, NULL));
  g_assert_false (hw_case_parse_date ("2008/03/14 15:30", FALSE, NULL, NULL));
  g_assert_false (hw_case_parse_date ("2008-02-30", FALSE, NULL, NULL));
  g_assert_false (hw_case_parse_date ("14.3.2008", FALSE, NULL, NULL));
  g_assert_false (hw_case_parse_date ("yesterday", FALSE, NULL, NULL));
  g_assert_false (hw_case_parse_date ("", FALSE, NULL, NULL));

  /* A name, or a nickname. */
  message = hw_case_check_field (kase, HW_CASE_FIELD_FAMILY_NAME, now);
  g_assert_nonnull (message);
  g_free (message);
  hw_case_set_field (kase, HW_CASE_FIELD_NICKNAMES, " 小军 ");
  g_assert_null (hw_case_check_field (kase, HW_CASE_FIELD_FAMILY_NAME, now));

  /* The sex is chosen, even if as unknown. */
  message = hw_case_check_field (kase, HW_CASE_FIELD_SEX, now);
  g_assert_nonnull (message);
  g_free (message);
  hw_case_set_field (kase, HW_CASE_FIELD_SEX, "unknown");
  g_assert_null (hw_case_check_field (kase, HW_CASE_FIELD_SEX, now));

  /* Dates: not in the future, the abduction not before the birth (to the
   * precision known). */
  hw_case_set_field (kase, HW_CASE_FIELD_BIRTH_DATE, "2026-12");
  message = hw_case_check_field (kase, HW_CASE_FIELD_BIRTH_DATE, now);
  g_assert_nonnull (message);
  g_free (message);
  hw_case_set_field (kase, HW_CASE_FIELD_BIRTH_DATE, "2019-06");
  hw_case_set_field (kase, HW_CASE_FIELD_ABDUCTED_AT, "2019-06-20 08:00");
  g_assert_null (hw_case_check_field (kase, HW_CASE_FIELD_ABDUCTED_AT, now));
  hw_case_set_field (kase, HW_CASE_FIELD_ABDUCTED_AT, "2019-05-31");
  message = hw_case_check_field (kase, HW_CASE_FIELD_ABDUCTED_AT, now);
  g_assert_nonnull (message);
  g_free (message);

  /* Coordinates in pairs, within range; region codes of six digits. */
  hw_case_set_field (kase, HW_CASE_FIELD_LATITUDE, "22.5");
  message = hw_case_check_field (kase, HW_CASE_FIELD_LONGITUDE, now);
  g_assert_nonnull (message);
  g_free (message);
  hw_case_set_field (kase, HW_CASE_FIELD_LONGITUDE, "190");
  message = hw_case_check_field (kase, HW_CASE_FIELD_LONGITUDE, now);
  g_assert_nonnull (message);
  g_free (message);
  hw_case_set_field (kase, HW_CASE_FIELD_LONGITUDE, "114.05");
  g_assert_null (hw_case_check_field (kase, HW_CASE_FIELD_LONGITUDE, now));
  hw_case_set_field (kase, HW_CASE_FIELD_REGION_CODE, "44030");
  message = hw_case_check_field (kase, HW_CASE_FIELD_REGION_CODE, now);
  g_assert_nonnull (message);
  g_free (message);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  HwDemoSize demo = { DEMO_CASES, DEMO_SIGHTINGS, 1 };
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/case-store/fields", test_fields);
  g_test_add_func ("/case-store/load", test_load);
  g_test_add_func ("/case-store/save-conflict", test_save_conflict);
  g_test_add_func ("/case-store/save-rules", test_save_rules);
  g_test_add_func ("/case-store/assignment", test_assignment);
  g_test_add_func ("/case-store/family-other-unit", test_family_other_unit);
  g_test_add_func ("/case-store/family-rules", test_family_rules);
  g_test_add_func ("/case-store/create", test_create);
  g_test_add_func ("/case-store/status", test_status);
  g_test_add_func ("/case-store/photos", test_photos);

  /* The test cluster stops its server when an assertion aborts. */
  hw_test_cluster_start ();
  server = hw_test_cluster_get_server ();
  hw_setup_embedded_sync (server, &demo, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  status = g_test_run ();

  hw_test_cluster_stop ();

  return status;
}
