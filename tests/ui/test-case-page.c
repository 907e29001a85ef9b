/* test-case-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "hw-case.h"
#include "hw-case-conflict-dialog.h"
#include "hw-case-contact-dialog.h"
#include "hw-case-family-dialog.h"
#include "hw-case-page.h"
#include "hw-case-photo-viewer.h"
#include "hw-case-store.h"
#include "hw-case-status-dialog.h"
#include "hw-case-summary.h"
#include "hw-session.h"
#include "hw-setup.h"
#include "hw-test-cluster.h"
#include "hw-ui-test-util.h"

/* The case page against a real embedded server with demo data: a demo case
 * is shown with its child, family, contacts and history; an officer of
 * another unit sees that the family's details are restricted, not their
 * phone numbers. The page is rendered to PNG in the build directory for
 * people to look at (LANGUAGE=zh_CN gives test-case-page-zh_CN.png). */

#define DEMO_CASES     40
#define DEMO_SIGHTINGS 20

static HwLocalServer *server;

/* Test helpers (the general ones are in hw-ui-test-util.c) */

/* Everything the page shows as text, one label per line. */
static char *
page_text (HwCasePage *page)
{
  return hw_ui_test_dup_text (GTK_WIDGET (page));
}

static void
wait_for_text (HwCasePage *page,
               const char *needle)
{
  hw_ui_test_wait_for_text (GTK_WIDGET (page), needle);
}

static gboolean
action_enabled (HwCasePage *page,
                const char *action_name)
{
  return hw_ui_test_action_enabled (GTK_WIDGET (page), action_name);
}

/* The window as a person sees it, and the whole page, scrolled or not. */
static void
save_pictures (GtkWindow  *window,
               HwCasePage *page,
               const char *basename)
{
  GtkWidget *clamp;
  g_autofree char *full = g_strconcat (basename, "-full", NULL);

  /* In the window, the list has the focus, not a label of the page. */
  gtk_window_set_focus (window, NULL);
  hw_ui_test_deselect_labels (GTK_WIDGET (window));
  hw_ui_test_wait_settled (GTK_WIDGET (page));
  hw_ui_test_wait_for_frames (GTK_WIDGET (window));
  hw_ui_test_save_png (GTK_WIDGET (window), basename);

  clamp = hw_ui_test_find_mapped (GTK_WIDGET (page), ADW_TYPE_CLAMP);
  g_assert_nonnull (clamp);
  hw_ui_test_save_png (clamp, full);
}

static HwSession *
sign_in (const char *login,
         HwDb      **db_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = hw_local_server_get_conninfo (server, login, HW_SETUP_DEFAULT_DBNAME);
  g_autoptr(HwDb) db = hw_test_connect (conninfo);
  HwSession *session;

  hw_db_listen (db, HW_DB_CHANNEL);
  session = hw_session_load_sync (db, NULL, &error);
  g_assert_no_error (error);

  if (db_out != NULL)
    *db_out = g_object_ref (db);

  return session;
}

static GtkWindow *
window_with_page (HwCasePage *page,
                  int         height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 720, height);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);

  return window;
}

/* A case assigned to the demo officer (who reads its family's contact
 * details) with a photo, family with a phone number and contacts. */
static gint64
pick_own_case (HwDb *db)
{
  return hw_test_query_int (db,
                            "SELECT c.id FROM homeward.abduction_case c "
                            " WHERE c.unit_id = homeward.current_unit_id () "
                            "   AND c.assigned_officer_id = homeward.current_officer_id () "
                            "   AND EXISTS (SELECT 1 FROM homeward.photo p WHERE p.case_id = c.id) "
                            "   AND EXISTS (SELECT 1 FROM homeward.family_contact_state (c.id) f "
                            "                WHERE f.has_contact) "
                            "   AND (SELECT count (*) FROM homeward.contact_event e "
                            "         WHERE e.case_id = c.id) >= 2 "
                            " ORDER BY c.id LIMIT 1", NULL);
}

/* The form row that edits @field (for the circumstances, its text view). */
static GtkWidget *
find_field (GtkWidget   *widget,
            HwCaseField  field)
{
  GtkWidget *row;

  if (field == HW_CASE_FIELD_NICKNAMES)
    return hw_ui_test_find_form_row (widget, _("Nicknames, separated by commas"));

  row = hw_ui_test_find_form_row (widget, hw_case_field_get_label (field));
  if (row != NULL && field == HW_CASE_FIELD_CIRCUMSTANCES)
    return hw_ui_test_find_descendant (row, GTK_TYPE_TEXT_VIEW);

  return row;
}

/* Types into the form, as the officer would. */
static void
type_field (HwCasePage  *page,
            HwCaseField  field,
            const char  *text)
{
  GtkWidget *row = find_field (GTK_WIDGET (page), field);

  g_assert_nonnull (row);
  if (GTK_IS_TEXT_VIEW (row))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (row)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static const char *
field_text (HwCasePage  *page,
            HwCaseField  field)
{
  GtkWidget *row = find_field (GTK_WIDGET (page), field);

  g_assert_true (GTK_IS_EDITABLE (row));

  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
saved_cb (HwCasePage *page,
          gint64      case_id,
          gint64     *saved)
{
  *saved = case_id;
}

static gboolean
is_saved (gpointer data)
{
  return *(gint64 *) data != 0;
}

static gboolean
has_conflict_dialog (gpointer data)
{
  HwCaseConflictDialog **dialog = data;

  *dialog = (HwCaseConflictDialog *) hw_ui_test_find_window (HW_TYPE_CASE_CONFLICT_DIALOG);

  return *dialog != NULL;
}

/* Whether the page's status menu offers @status. */
static gboolean
offers_status (HwCasePage *page,
               const char *status)
{
  GtkWidget *button = hw_ui_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_MENU_BUTTON);
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));

  for (int i = 0; menu != NULL && i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                                          G_VARIANT_TYPE_STRING);

      if (target != NULL && g_str_equal (g_variant_get_string (target, NULL), status))
        return TRUE;
    }

  return FALSE;
}

/* Tests */

static void
test_show_case (void)
{
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwSession) session = sign_in (HW_SETUP_DEMO_OFFICER, &db);
  g_autoptr(HwDbResult) row = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *text = NULL;
  HwCasePage *page;
  GtkWindow *window;
  gint64 case_id;

  case_id = pick_own_case (db);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  row = hw_test_query (db,
                       "SELECT c.case_number, concat (p.family_name, p.given_name), "
                       "       (SELECT summary FROM homeward.read_contact_log (c.id) e "
                       "         ORDER BY occurred_at DESC LIMIT 1), "
                       "       (SELECT phone FROM homeward.read_family_contacts (c.id) f "
                       "         WHERE f.phone IS NOT NULL LIMIT 1) "
                       "  FROM homeward.abduction_case c JOIN homeward.person p ON p.id = c.child_id "
                       " WHERE c.id = $1", id_text, NULL);

  page = hw_case_page_new ();
  window = window_with_page (page, 900);

  /* Nothing chosen yet. */
  text = page_text (page);
  g_assert_nonnull (strstr (text, _("No Case Selected")));
  g_clear_pointer (&text, g_free);

  hw_case_page_set_session (page, session);
  hw_case_page_set_case_id (page, case_id);
  g_assert_cmpint (hw_case_page_get_case_id (page), ==, case_id);

  wait_for_text (page, hw_db_result_get_string (row, 0, 0));
  text = page_text (page);
  g_assert_nonnull (strstr (text, hw_db_result_get_string (row, 0, 1)));
  /* The newest contact is listed, and the family's phone is there for its own unit. */
  g_assert_nonnull (strstr (text, hw_db_result_get_string (row, 0, 2)));
  g_assert_nonnull (strstr (text, hw_db_result_get_string (row, 0, 3)));
  g_assert_false (hw_case_page_get_modified (page));

  save_pictures (window, page, "test-case-page");

  /* Back to nothing. */
  hw_case_page_set_case_id (page, 0);
  wait_for_text (page, _("No Case Selected"));

  gtk_window_destroy (window);
  hw_db_close (db);
}

static void
test_other_unit_restricted (void)
{
  g_autoptr(HwDb) own_db = NULL;
  g_autoptr(HwSession) own = sign_in (HW_SETUP_DEMO_OFFICER, &own_db);
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwSession) session = NULL;
  g_autoptr(HwDbResult) row = NULL;
  g_autoptr(HwDbResult) login = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *text = NULL;
  HwCasePage *page;
  GtkWindow *window;
  gint64 case_id;

  case_id = pick_own_case (own_db);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  row = hw_test_query (own_db,
                       "SELECT c.case_number, array_to_string (array_agg (f.phone), E'\\n') "
                       "  FROM homeward.abduction_case c "
                       "  JOIN homeward.read_family_contacts (c.id) f ON f.phone IS NOT NULL "
                       " WHERE c.id = $1 GROUP BY c.case_number", id_text, NULL);
  login = hw_test_query (own_db,
                         "SELECT login FROM homeward.officer "
                         " WHERE role = 'officer' AND active "
                         "   AND unit_id <> homeward.current_unit_id () ORDER BY id LIMIT 1", NULL);

  session = sign_in (hw_db_result_get_string (login, 0, 0), &db);
  g_assert_false (hw_session_is_own_unit (session, hw_session_get_unit_id (own)));

  page = hw_case_page_new ();
  window = window_with_page (page, 900);
  hw_case_page_set_session (page, session);
  hw_case_page_set_case_id (page, case_id);

  wait_for_text (page, hw_db_result_get_string (row, 0, 0));
  text = page_text (page);

  /* Said, not silently left out; and none of the phone numbers. */
  g_assert_nonnull (strstr (text, _("The family’s details are restricted")));
  g_assert_nonnull (strstr (text, _("The contact log is restricted")));
  {
    g_auto(GStrv) phones = g_strsplit (hw_db_result_get_string (row, 0, 1), "\n", -1);

    for (guint i = 0; phones[i] != NULL; i++)
      g_assert_null (strstr (text, phones[i]));
  }

  /* Nothing of another unit's case is the officer's to change: no relative
   * to add or edit (the database refuses it too: test-case-store.c). */
  g_assert_false (action_enabled (page, "case.edit"));
  g_assert_false (action_enabled (page, "case.add-contact"));
  g_assert_false (gtk_widget_get_visible (hw_ui_test_find_actionable (GTK_WIDGET (page),
                                                                     "case.add-family-member")));
  g_assert_null (hw_ui_test_find_actionable (GTK_WIDGET (page), "case.edit-family-member"));

  gtk_window_destroy (window);
  hw_db_close (db);
  hw_db_close (own_db);
}

/* Two officers of the unit edit one case at the same time; the second to
 * save sees both versions, field by field, and loses nothing. */
static void
test_edit_conflict (void)
{
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwSession) session = sign_in (HW_SETUP_DEMO_OFFICER, &db);
  g_autoptr(HwDb) other = NULL;
  g_autoptr(HwSession) other_session = sign_in ("demo_supervisor", &other);
  g_autoptr(HwDbResult) row = NULL;
  g_autoptr(HwDbResult) updated = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *banner = NULL;
  g_autofree char *their_priority = NULL;
  HwCaseConflictDialog *dialog = NULL;
  HwCasePage *page;
  GtkWindow *window;
  gint64 saved = 0;
  gint64 case_id;

  case_id = hw_test_query_int (db,
                               "SELECT id FROM homeward.abduction_case "
                               " WHERE unit_id = homeward.current_unit_id () "
                               " ORDER BY id OFFSET 1 LIMIT 1", NULL);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  row = hw_test_query (db, "SELECT case_number, place_text FROM homeward.abduction_case WHERE id = $1",
                       id_text, NULL);

  page = hw_case_page_new ();
  window = window_with_page (page, 900);
  g_signal_connect (page, "saved", G_CALLBACK (saved_cb), &saved);
  hw_case_page_set_session (page, session);
  hw_case_page_set_case_id (page, case_id);
  wait_for_text (page, hw_db_result_get_string (row, 0, 0));

  /* The officer starts editing and types new marks. */
  g_assert_true (action_enabled (page, "case.edit"));
  gtk_widget_activate_action (GTK_WIDGET (page), "case.edit", NULL);
  g_assert_nonnull (find_field (GTK_WIDGET (page), HW_CASE_FIELD_MARKS));
  g_assert_false (hw_case_page_get_modified (page));
  type_field (page, HW_CASE_FIELD_MARKS, "左耳后有一颗痣（我的记录）");
  g_assert_true (hw_case_page_get_modified (page));

  /* Meanwhile a supervisor of the unit saves the place and the marks. */
  updated = hw_test_query (other,
                           "UPDATE homeward.abduction_case SET place_text = '广东省深圳市罗湖火车站（主管更正）', "
                           "       priority = CASE priority WHEN 'high' THEN 'low' ELSE 'high' END "
                           " WHERE id = $1 RETURNING version, priority", id_text, NULL);
  their_priority = g_strdup (hw_db_result_get_string (updated, 0, 1));
  g_clear_pointer (&updated, hw_db_result_unref);
  updated = hw_test_query (other,
                           "UPDATE homeward.person SET distinguishing_marks = '右手有烫伤疤痕（主管记录）' "
                           " WHERE id = (SELECT child_id FROM homeward.abduction_case WHERE id = $1) "
                           "RETURNING version", id_text, NULL);

  /* The page says so, naming the supervisor, and the form keeps what was typed. */
  banner = g_strdup_printf (_("Changed by %s while you were editing. Reload to see their changes beside yours."),
                            hw_session_get_officer_name (other_session));
  wait_for_text (page, banner);
  g_assert_cmpstr (field_text (page, HW_CASE_FIELD_MARKS), ==, "左耳后有一颗痣（我的记录）");
  g_assert_cmpstr (field_text (page, HW_CASE_FIELD_PLACE), ==, hw_db_result_get_string (row, 0, 1));

  /* Saving meets their version: both are shown, field by field. */
  gtk_widget_activate_action (GTK_WIDGET (page), "case.save", NULL);
  hw_test_wait_until (has_conflict_dialog, &dialog, 10000);
  g_assert_true (hw_case_conflict_dialog_has_field (dialog, HW_CASE_FIELD_MARKS));
  g_assert_true (hw_case_conflict_dialog_has_field (dialog, HW_CASE_FIELD_PLACE));
  g_assert_true (hw_case_conflict_dialog_has_field (dialog, HW_CASE_FIELD_PRIORITY));
  g_assert_cmpuint (hw_case_conflict_dialog_get_n_fields (dialog), ==, 3);
  {
    g_autofree char *dialog_text = hw_ui_test_dup_text (GTK_WIDGET (dialog));

    g_assert_nonnull (strstr (dialog_text, "左耳后有一颗痣（我的记录）"));
    g_assert_nonnull (strstr (dialog_text, "右手有烫伤疤痕（主管记录）"));
    g_assert_nonnull (strstr (dialog_text, "广东省深圳市罗湖火车站（主管更正）"));
    g_clear_pointer (&banner, g_free);
    banner = g_strdup_printf (_("Saved by %s"), hw_session_get_officer_name (other_session));
    g_assert_nonnull (strstr (dialog_text, banner));
  }

  hw_ui_test_wait_for_frames (GTK_WIDGET (dialog));
  hw_ui_test_save_png (GTK_WIDGET (dialog), "test-case-conflict");

  /* The defaults: their place (only they changed it), the officer's marks
   * (both did; what was typed wins unless the officer says otherwise). */
  hw_case_conflict_dialog_resolve (dialog);
  hw_test_wait_until (is_saved, &saved, 10000);
  g_assert_cmpint (saved, ==, case_id);
  g_assert_false (hw_case_page_get_modified (page));

  g_clear_pointer (&updated, hw_db_result_unref);
  updated = hw_test_query (other,
                           "SELECT c.place_text, p.distinguishing_marks, c.priority "
                           "  FROM homeward.abduction_case c JOIN homeward.person p ON p.id = c.child_id "
                           " WHERE c.id = $1", id_text, NULL);
  g_assert_cmpstr (hw_db_result_get_string (updated, 0, 0), ==, "广东省深圳市罗湖火车站（主管更正）");
  g_assert_cmpstr (hw_db_result_get_string (updated, 0, 1), ==, "左耳后有一颗痣（我的记录）");
  g_assert_cmpstr (hw_db_result_get_string (updated, 0, 2), ==, their_priority);

  /* The page shows what was saved. */
  wait_for_text (page, "广东省深圳市罗湖火车站（主管更正）");
  text = page_text (page);
  g_assert_nonnull (strstr (text, "左耳后有一颗痣（我的记录）"));

  gtk_window_destroy (window);
  hw_db_close (other);
  hw_db_close (db);
}

static gboolean
has_officers (gpointer data)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (data));

  return model != NULL && g_list_model_get_n_items (model) > 2;
}

/* The position of the choice of @dropdown that starts with @label. */
static guint
find_choice (GtkDropDown *dropdown,
             const char  *label)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_has_prefix (gtk_string_object_get_string (item), label))
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* The priority and the assigned officer are edited in the form (a
 * searchable drop-down of the unit's active officers) and saved with it. */
static void
test_assign (void)
{
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwSession) session = sign_in (HW_SETUP_DEMO_OFFICER, &db);
  g_autoptr(HwDbResult) row = NULL;
  g_autoptr(HwDbResult) colleague = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *assigned = NULL;
  g_autofree char *priority = NULL;
  GtkWidget *officer_row;
  GtkDropDown *dropdown;
  HwCasePage *page;
  GtkWindow *window;
  gint64 saved = 0;
  gint64 case_id;
  guint choice;

  case_id = hw_test_query_int (db,
                               "SELECT id FROM homeward.abduction_case "
                               " WHERE unit_id = homeward.current_unit_id () AND priority <> 'urgent' "
                               " ORDER BY id OFFSET 4 LIMIT 1", NULL);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  row = hw_test_query (db, "SELECT case_number FROM homeward.abduction_case WHERE id = $1", id_text, NULL);
  colleague = hw_test_query (db,
                             "SELECT id::text, display_name FROM homeward.officer "
                             " WHERE unit_id = homeward.current_unit_id () AND active AND role <> 'admin' "
                             "   AND id IS DISTINCT FROM (SELECT assigned_officer_id FROM homeward.abduction_case "
                             "                             WHERE id = $1) "
                             " ORDER BY display_name DESC LIMIT 1", id_text, NULL);

  page = hw_case_page_new ();
  window = window_with_page (page, 900);
  g_signal_connect (page, "saved", G_CALLBACK (saved_cb), &saved);
  hw_case_page_set_session (page, session);
  hw_case_page_set_case_id (page, case_id);
  wait_for_text (page, hw_db_result_get_string (row, 0, 0));

  gtk_widget_activate_action (GTK_WIDGET (page), "case.edit", NULL);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_field (GTK_WIDGET (page), HW_CASE_FIELD_PRIORITY)), 0);

  /* The unit's officers arrive; the drop-down searches them by name. */
  officer_row = find_field (GTK_WIDGET (page), HW_CASE_FIELD_ASSIGNED_OFFICER);
  g_assert_nonnull (officer_row);
  dropdown = GTK_DROP_DOWN (hw_ui_test_find_descendant (officer_row, GTK_TYPE_DROP_DOWN));
  g_assert_true (gtk_drop_down_get_enable_search (dropdown));
  hw_test_wait_until (has_officers, dropdown, 10000);
  choice = find_choice (dropdown, hw_db_result_get_string (colleague, 0, 1));
  g_assert_cmpuint (choice, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (dropdown, choice);
  g_assert_true (hw_case_page_get_modified (page));

  gtk_widget_activate_action (GTK_WIDGET (page), "case.save", NULL);
  hw_test_wait_until (is_saved, &saved, 10000);

  g_clear_pointer (&row, hw_db_result_unref);
  row = hw_test_query (db, "SELECT priority, assigned_officer_id::text FROM homeward.abduction_case WHERE id = $1",
                       id_text, NULL);
  g_assert_cmpstr (hw_db_result_get_string (row, 0, 0), ==, "urgent");
  g_assert_cmpstr (hw_db_result_get_string (row, 0, 1), ==, hw_db_result_get_string (colleague, 0, 0));

  /* The header says so. */
  assigned = g_strdup_printf (_("Assigned to %s"), hw_db_result_get_string (colleague, 0, 1));
  priority = g_strdup_printf (_("Priority: %s"), hw_case_priority_to_label ("urgent"));
  wait_for_text (page, assigned);
  wait_for_text (page, priority);

  gtk_window_destroy (window);
  hw_db_close (db);
}

static gboolean
dialog_idle (gpointer data)
{
  return !hw_case_family_dialog_get_busy (HW_CASE_FAMILY_DIALOG (data));
}

/* Opens the family dialog for @member_id (0: a new relative). */
static HwCaseFamilyDialog *
open_family_dialog (HwCasePage *page,
                    gint64      member_id)
{
  if (member_id == 0)
    gtk_widget_activate_action (GTK_WIDGET (page), "case.add-family-member", NULL);
  else
    gtk_widget_activate_action (GTK_WIDGET (page), "case.edit-family-member", "x", member_id);

  return hw_ui_test_wait_for_window (HW_TYPE_CASE_FAMILY_DIALOG);
}

static gboolean
save_enabled (HwCaseFamilyDialog *dialog)
{
  return hw_ui_test_action_enabled (GTK_WIDGET (dialog), "family.save");
}

static gboolean
no_family_dialog (gpointer data)
{
  return hw_ui_test_find_window (HW_TYPE_CASE_FAMILY_DIALOG) == NULL;
}

/* The preferences row of @widget titled @title, or NULL. */
static GtkWidget *
find_row_titled (GtkWidget  *widget,
                 const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_titled (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* An officer of the unit not assigned to the case sees the relatives, not
 * their phone numbers and addresses, nor the contact log, and cannot change
 * them; the unit's supervisor reads them, and sees who did (issue 13). */
static void
test_restricted_family (void)
{
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwSession) session = sign_in (HW_SETUP_DEMO_OFFICER, &db);
  g_autoptr(HwDb) supervisor_db = NULL;
  g_autoptr(HwSession) supervisor = sign_in ("demo_supervisor", &supervisor_db);
  g_autoptr(HwDb) super = NULL;
  g_autoptr(HwDbResult) row = NULL;
  g_autoptr(HwFamilyMember) member = NULL;
  g_autofree char *super_info = hw_local_server_get_conninfo (server, NULL, HW_SETUP_DEFAULT_DBNAME);
  g_autofree char *id_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *read_by = NULL;
  HwCaseFamilyDialog *dialog;
  HwCasePage *page;
  GtkWindow *window;
  gint64 case_id;
  gint64 member_id;

  super = hw_test_connect (super_info);
  case_id = hw_test_query_int (db,
                               "SELECT c.id FROM homeward.abduction_case c "
                               " WHERE c.unit_id = homeward.current_unit_id () "
                               "   AND c.assigned_officer_id IS DISTINCT FROM homeward.current_officer_id () "
                               "   AND EXISTS (SELECT 1 FROM homeward.family_contact_state (c.id) f "
                               "                WHERE f.has_contact) "
                               "   AND EXISTS (SELECT 1 FROM homeward.contact_event e WHERE e.case_id = c.id) "
                               " ORDER BY c.id LIMIT 1", NULL);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  row = hw_test_query (super,
                       "SELECT c.case_number, fm.phone, fm.id, "
                       "       (SELECT e.summary FROM homeward.contact_event e WHERE e.case_id = c.id LIMIT 1) "
                       "  FROM homeward.abduction_case c JOIN homeward.family_member fm ON fm.case_id = c.id "
                       " WHERE c.id = $1 AND fm.phone IS NOT NULL ORDER BY fm.id LIMIT 1", id_text, NULL);
  member_id = g_ascii_strtoll (hw_db_result_get_string (row, 0, 2), NULL, 10);

  page = hw_case_page_new ();
  window = window_with_page (page, 900);
  hw_case_page_set_session (page, session);
  hw_case_page_set_case_id (page, case_id);
  wait_for_text (page, hw_db_result_get_string (row, 0, 0));
  wait_for_text (page, _("Phone and address restricted to the assigned officer and supervisors"));
  text = page_text (page);
  g_assert_null (strstr (text, hw_db_result_get_string (row, 0, 1)));
  g_assert_null (strstr (text, hw_db_result_get_string (row, 0, 3)));
  g_assert_nonnull (strstr (text, _("The contact log is restricted")));
  /* Who read what is the supervisors'. */
  g_assert_null (strstr (text, _("Who Read the Family’s Details")));
  g_clear_pointer (&text, g_free);
  save_pictures (window, page, "test-case-restricted-family");

  /* The relative's name may be corrected; the phone and address are not offered. */
  dialog = open_family_dialog (page, member_id);
  member = hw_case_family_dialog_dup_member (dialog);
  g_assert_false (member->contact_visible);
  g_assert_cmpstr (member->phone, ==, "");
  {
    GtkWidget *phone = find_row_titled (GTK_WIDGET (dialog), _("Phone (restricted)"));

    g_assert_nonnull (phone);
    g_assert_false (gtk_widget_get_sensitive (phone));
  }
  hw_ui_test_wait_for_frames (GTK_WIDGET (dialog));
  hw_ui_test_save_png (GTK_WIDGET (dialog), "test-case-restricted-family-dialog");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (hw_test_query_int (super, "SELECT count (*) FROM homeward.access_log "
                                             " WHERE case_id = $1 AND db_role = 'demo_officer'",
                                      id_text, NULL), ==, 0);

  /* The supervisor reads them, and the page says who read the family's details. */
  gtk_window_destroy (window);
  page = hw_case_page_new ();
  window = window_with_page (page, 900);
  hw_case_page_set_session (page, supervisor);
  hw_case_page_set_case_id (page, case_id);
  wait_for_text (page, hw_db_result_get_string (row, 0, 1));
  wait_for_text (page, hw_db_result_get_string (row, 0, 3));
  wait_for_text (page, _("Who Read the Family’s Details"));
  /* TRANSLATORS: as in the page */
  read_by = g_strdup_printf (_("%s · %s"), hw_session_get_officer_name (supervisor),
                             hw_case_access_to_label ("family_contacts"));
  wait_for_text (page, read_by);
  g_assert_cmpint (hw_test_query_int (super, "SELECT count (*) FROM homeward.access_log "
                                             " WHERE case_id = $1 AND db_role = 'demo_supervisor' "
                                             "   AND what IN ('family_contacts', 'contact_log')",
                                      id_text, NULL), ==, 2);
  save_pictures (window, page, "test-case-access-log");

  gtk_window_destroy (window);
  hw_db_close (super);
  hw_db_close (supervisor_db);
  hw_db_close (db);
}

/* A relative is added, edited and removed from the page; each time the page
 * and the database show it. */
static void
test_family (void)
{
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwSession) session = sign_in (HW_SETUP_DEMO_OFFICER, &db);
  g_autoptr(HwDbResult) row = NULL;
  g_autoptr(HwFamilyMember) member = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *member_text = NULL;
  HwCaseFamilyDialog *dialog;
  HwCasePage *page;
  GtkWindow *window;
  gint64 saved = 0;
  gint64 member_id;
  gint64 case_id;

  case_id = pick_own_case (db);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  row = hw_test_query (db, "SELECT case_number FROM homeward.abduction_case WHERE id = $1", id_text, NULL);

  page = hw_case_page_new ();
  window = window_with_page (page, 900);
  g_signal_connect (page, "saved", G_CALLBACK (saved_cb), &saved);
  hw_case_page_set_session (page, session);
  hw_case_page_set_case_id (page, case_id);
  wait_for_text (page, hw_db_result_get_string (row, 0, 0));

  /* Add: nothing typed yet is nothing to save; a wrong phone is said. */
  g_assert_true (action_enabled (page, "case.add-family-member"));
  dialog = open_family_dialog (page, 0);
  g_assert_false (save_enabled (dialog));
  member = hw_case_family_dialog_dup_member (dialog);
  hw_family_member_set_text (&member->family_name, "彭");
  hw_family_member_set_text (&member->given_name, "淑芬");
  hw_family_member_set_text (&member->family_name_latin, "Peng");
  hw_family_member_set_text (&member->given_name_latin, "Shufen");
  hw_family_member_set_text (&member->relationship, "grandparent");
  hw_family_member_set_text (&member->phone, "138 0013");
  hw_family_member_set_text (&member->address, "广东省深圳市龙岗区布吉街道");
  member->consent_contact = TRUE;
  hw_case_family_dialog_set_member (dialog, member);
  g_assert_false (save_enabled (dialog));
  g_assert_true (hw_ui_test_shows_text (GTK_WIDGET (dialog), _("A mobile number has 11 digits, for example 138 0013 8000.")));

  hw_family_member_set_text (&member->phone, "138-0013-7777");
  hw_case_family_dialog_set_member (dialog, member);
  g_assert_true (save_enabled (dialog));
  hw_ui_test_wait_for_frames (GTK_WIDGET (dialog));
  hw_ui_test_save_png (GTK_WIDGET (dialog), "test-case-family");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "family.save", NULL);
  hw_test_wait_until (is_saved, &saved, 10000);
  hw_test_wait_until (no_family_dialog, NULL, 10000);
  wait_for_text (page, "138-0013-7777");

  member_id = hw_test_query_int (db,
                                 "SELECT f.id FROM homeward.family_member f "
                                 "  JOIN homeward.person p ON p.id = f.person_id "
                                 "  JOIN homeward.read_family_contacts ($1) x ON x.family_member_id = f.id "
                                 " WHERE f.case_id = $1 AND p.family_name = '彭' AND p.given_name = '淑芬' "
                                 "   AND p.given_name_latin = 'Shufen' AND p.kind = 'relative' "
                                 "   AND f.relationship = 'grandparent' AND f.consent_contact "
                                 "   AND NOT f.consent_dna AND x.address = '广东省深圳市龙岗区布吉街道'",
                                 id_text, NULL);
  g_assert_cmpint (member_id, >, 0);
  member_text = g_strdup_printf ("%" G_GINT64_FORMAT, member_id);

  /* Edit: the phone and a consent. */
  saved = 0;
  dialog = open_family_dialog (page, member_id);
  g_assert_false (save_enabled (dialog));
  g_clear_pointer (&member, hw_family_member_free);
  member = hw_case_family_dialog_dup_member (dialog);
  g_assert_cmpstr (member->phone, ==, "138-0013-7777");
  hw_family_member_set_text (&member->phone, "0755-8888 1234");
  member->dna_given = TRUE;
  hw_case_family_dialog_set_member (dialog, member);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "family.save", NULL);
  hw_test_wait_until (is_saved, &saved, 10000);
  wait_for_text (page, "0755-8888 1234");
  g_assert_cmpint (hw_test_query_int (db,
                                      "SELECT count (*) FROM homeward.family_member fm, "
                                      "       LATERAL homeward.read_family_contacts (fm.case_id) x "
                                      " WHERE fm.id = $1 AND x.family_member_id = fm.id "
                                      "   AND x.phone = '0755-8888 1234' AND fm.dna_given",
                                      member_text, NULL), ==, 1);

  /* Remove, after asking. */
  saved = 0;
  hw_test_wait_until (no_family_dialog, NULL, 10000);
  dialog = open_family_dialog (page, member_id);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "family.remove", NULL);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (hw_ui_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG)),
                               "remove");
  hw_test_wait_until (is_saved, &saved, 10000);
  hw_test_wait_until (no_family_dialog, NULL, 10000);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count (*) FROM homeward.family_member WHERE id = $1",
                                      member_text, NULL), ==, 0);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count (*) FROM homeward.person WHERE given_name = '淑芬'",
                                      NULL), ==, 0);
  wait_for_text (page, _("Family member removed"));
  g_assert_false (hw_ui_test_shows_text (GTK_WIDGET (page), "0755-8888 1234"));

  gtk_window_destroy (window);
  hw_db_close (db);
}

/* Two officers edit one relative: the second to save sees the first's
 * values, keeps what they typed, and saves both. */
static void
test_family_conflict (void)
{
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwSession) session = sign_in (HW_SETUP_DEMO_OFFICER, &db);
  g_autoptr(HwDb) other = NULL;
  g_autoptr(HwSession) other_session = sign_in ("demo_supervisor", &other);
  g_autoptr(HwDbResult) row = NULL;
  g_autoptr(HwDbResult) updated = NULL;
  g_autoptr(HwFamilyMember) member = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *member_text = NULL;
  g_autofree char *heading = NULL;
  HwCaseFamilyDialog *dialog;
  HwCasePage *page;
  GtkWindow *window;
  gint64 saved = 0;
  gint64 case_id;
  gint64 member_id;

  case_id = pick_own_case (db);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  row = hw_test_query (db, "SELECT case_number FROM homeward.abduction_case WHERE id = $1", id_text, NULL);
  member_id = hw_test_query_int (db, "SELECT min (id) FROM homeward.family_member WHERE case_id = $1",
                                 id_text, NULL);
  member_text = g_strdup_printf ("%" G_GINT64_FORMAT, member_id);

  page = hw_case_page_new ();
  window = window_with_page (page, 900);
  g_signal_connect (page, "saved", G_CALLBACK (saved_cb), &saved);
  hw_case_page_set_session (page, session);
  hw_case_page_set_case_id (page, case_id);
  wait_for_text (page, hw_db_result_get_string (row, 0, 0));

  /* The officer types a new address... */
  dialog = open_family_dialog (page, member_id);
  member = hw_case_family_dialog_dup_member (dialog);
  hw_family_member_set_text (&member->address, "深圳市南山区（民警记录）");
  hw_case_family_dialog_set_member (dialog, member);

  /* ...while the supervisor saves a new phone and another address. */
  updated = hw_test_query (other,
                           "UPDATE homeward.family_member SET phone = '139 1111 2222', "
                           "       address = '深圳市宝安区（主管记录）' WHERE id = $1 RETURNING version",
                           member_text, NULL);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "family.save", NULL);
  hw_test_wait_until (dialog_idle, dialog, 10000);

  /* Not saved: both versions are in the dialog, the typed one in the form. */
  heading = g_strdup_printf (_("Changed by %s While You Were Editing"),
                             hw_session_get_officer_name (other_session));
  g_assert_true (hw_ui_test_shows_text (GTK_WIDGET (dialog), heading));
  g_assert_true (hw_ui_test_shows_text (GTK_WIDGET (dialog), "深圳市宝安区（主管记录）"));
  g_clear_pointer (&member, hw_family_member_free);
  member = hw_case_family_dialog_dup_member (dialog);
  g_assert_cmpstr (member->address, ==, "深圳市南山区（民警记录）");
  g_assert_cmpstr (member->phone, ==, "139 1111 2222");
  g_assert_cmpint (hw_test_query_int (db, "SELECT count (*) FROM homeward.family_member fm, "
                                          "       LATERAL homeward.read_family_contacts (fm.case_id) x "
                                          " WHERE fm.id = $1 AND x.family_member_id = fm.id "
                                          "   AND x.address = '深圳市宝安区（主管记录）'",
                                      member_text, NULL), ==, 1);
  hw_ui_test_wait_for_frames (GTK_WIDGET (dialog));
  hw_ui_test_save_png (GTK_WIDGET (dialog), "test-case-family-conflict");

  /* Saved again, against their version: their phone, the officer's address. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "family.save", NULL);
  hw_test_wait_until (is_saved, &saved, 10000);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count (*) FROM homeward.family_member fm, "
                                          "       LATERAL homeward.read_family_contacts (fm.case_id) x "
                                          " WHERE fm.id = $1 AND x.family_member_id = fm.id "
                                          "   AND x.phone = '139 1111 2222' "
                                          "   AND x.address = '深圳市南山区（民警记录）'",
                                      member_text, NULL), ==, 1);
  wait_for_text (page, "深圳市南山区（民警记录）");

  gtk_window_destroy (window);
  hw_db_close (other);
  hw_db_close (db);
}

static void
photo_added_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 *id = user_data;

  *id = hw_case_store_add_photo_finish (HW_CASE_STORE (object), result, &error);
  g_assert_no_error (error);
}

/* A photo of @width × @height (a gradient) added to the case. */
static void
add_test_photo (HwSession *session,
                gint64     case_id,
                int        width,
                int        height)
{
  g_autoptr(HwCaseStore) store = hw_case_store_new (session);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(HwCasePhotoImport) import = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  gsize size = 0;
  gint64 id = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;

        p[0] = (guint8) (60 + 120 * x / width);
        p[1] = (guint8) (90 + 100 * y / height);
        p[2] = 170;
      }

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &size, "png", &error, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&data), size);
  import = hw_case_photo_import_new (bytes, &error);
  g_assert_no_error (error);

  hw_case_store_add_photo_async (store, case_id, import, NULL, photo_added_cb, &id);
  hw_test_wait_until (is_saved, &id, 10000);
}

static gboolean
photo_shown (gpointer data)
{
  return hw_case_photo_viewer_get_shown (HW_CASE_PHOTO_VIEWER (data));
}

static gboolean
no_viewer (gpointer data)
{
  return hw_ui_test_find_window (HW_TYPE_CASE_PHOTO_VIEWER) == NULL;
}

/* A thumbnail opens the photo itself, read from the database; the arrows
 * move between the case's photos; Escape closes. */
static void
test_photo_viewer (void)
{
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwSession) session = sign_in (HW_SETUP_DEMO_OFFICER, &db);
  g_autoptr(HwDbResult) row = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *size = NULL;
  HwCasePhotoViewer *viewer;
  HwCasePage *page;
  GtkWindow *window;
  gint64 case_id;
  gint64 n_photos;

  case_id = pick_own_case (db);
  add_test_photo (session, case_id, 1200, 900);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  row = hw_test_query (db, "SELECT case_number FROM homeward.abduction_case WHERE id = $1", id_text, NULL);
  n_photos = hw_test_query_int (db, "SELECT count (*) FROM homeward.photo WHERE case_id = $1", id_text, NULL);
  g_assert_cmpint (n_photos, >=, 2);

  page = hw_case_page_new ();
  window = window_with_page (page, 900);
  hw_case_page_set_session (page, session);
  hw_case_page_set_case_id (page, case_id);
  wait_for_text (page, hw_db_result_get_string (row, 0, 0));

  /* The first thumbnail, activated as a click or Enter would. */
  {
    GtkWidget *box = hw_ui_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_FLOW_BOX);
    GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (box), 0);

    g_assert_nonnull (child);
    g_signal_emit_by_name (box, "child-activated", child);
  }
  viewer = hw_ui_test_wait_for_window (HW_TYPE_CASE_PHOTO_VIEWER);
  hw_test_wait_until (photo_shown, viewer, 10000);
  first = g_strdup_printf (_("Photo %u of %u"), 1, (guint) n_photos);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (viewer)), ==, first);
  g_assert_false (gtk_widget_get_visible (hw_ui_test_find_actionable (GTK_WIDGET (viewer), "viewer.previous")));

  /* Right arrow to the last photo: the one just added, at its size. */
  for (gint64 i = 1; i < n_photos; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.next", NULL);
      g_assert_cmpuint (hw_case_photo_viewer_get_index (viewer), ==, i);
      hw_test_wait_until (photo_shown, viewer, 10000);
    }
  last = g_strdup_printf (_("Photo %u of %u"), (guint) n_photos, (guint) n_photos);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (viewer)), ==, last);
  size = g_strdup_printf (_("%d × %d"), 1200, 900);
  g_assert_true (hw_ui_test_shows_text (GTK_WIDGET (viewer), size));
  g_assert_false (gtk_widget_get_visible (hw_ui_test_find_actionable (GTK_WIDGET (viewer), "viewer.next")));
  hw_ui_test_wait_settled (GTK_WIDGET (viewer));
  hw_ui_test_wait_for_frames (GTK_WIDGET (viewer));
  hw_ui_test_save_png (GTK_WIDGET (viewer), "test-case-photo");

  /* Left goes back; Escape closes. */
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.previous", NULL);
  g_assert_cmpuint (hw_case_photo_viewer_get_index (viewer), ==, n_photos - 2);
  gtk_widget_activate_action (GTK_WIDGET (viewer), "window.close", NULL);
  hw_test_wait_until (no_viewer, NULL, 5000);

  gtk_window_destroy (window);
  hw_db_close (db);
}

/* A new case: checked as typed, saved with the unit's next case number. */
static void
test_new_case (void)
{
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwSession) session = sign_in (HW_SETUP_DEMO_OFFICER, &db);
  g_autoptr(HwDbResult) row = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *id_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pattern = NULL;
  HwCasePage *page;
  GtkWindow *window;
  gint64 saved = 0;

  page = hw_case_page_new ();
  window = window_with_page (page, 900);
  g_signal_connect (page, "saved", G_CALLBACK (saved_cb), &saved);
  hw_case_page_set_session (page, session);

  hw_case_page_new_case (page);
  g_assert_cmpint (hw_case_page_get_case_id (page), ==, 0);
  g_assert_false (hw_case_page_get_modified (page));

  /* Nothing typed yet: a name and the sex are needed. */
  g_assert_false (action_enabled (page, "case.save"));
  text = page_text (page);
  g_assert_nonnull (strstr (text, _("Enter the child’s family and given name, or a nickname.")));
  g_clear_pointer (&text, g_free);

  type_field (page, HW_CASE_FIELD_FAMILY_NAME, "测");
  type_field (page, HW_CASE_FIELD_GIVEN_NAME, "新童");
  type_field (page, HW_CASE_FIELD_FAMILY_NAME_LATIN, "Ce");
  type_field (page, HW_CASE_FIELD_GIVEN_NAME_LATIN, "Xintong");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_field (GTK_WIDGET (page), HW_CASE_FIELD_SEX)), 1);
  type_field (page, HW_CASE_FIELD_BIRTH_DATE, "2099-01-01");
  type_field (page, HW_CASE_FIELD_REGION_CODE, "4403");
  g_assert_true (hw_case_page_get_modified (page));

  /* Said where it is wrong, and not saved. */
  text = page_text (page);
  g_assert_nonnull (strstr (text, _("The date cannot be in the future.")));
  g_assert_nonnull (strstr (text, _("A region code has six digits, for example 440300.")));
  g_assert_false (action_enabled (page, "case.save"));
  g_clear_pointer (&text, g_free);

  save_pictures (window, page, "test-case-new");

  type_field (page, HW_CASE_FIELD_BIRTH_DATE, "2019年6月");
  type_field (page, HW_CASE_FIELD_REGION_CODE, "440306");
  type_field (page, HW_CASE_FIELD_ABDUCTED_AT, "2025-03-02 14:30");
  type_field (page, HW_CASE_FIELD_PLACE, "广东省深圳市宝安区西乡街道");
  type_field (page, HW_CASE_FIELD_CIRCUMSTANCES, "在小区游乐场玩耍时走失。");
  g_assert_true (action_enabled (page, "case.save"));

  gtk_widget_activate_action (GTK_WIDGET (page), "case.save", NULL);
  hw_test_wait_until (is_saved, &saved, 10000);
  g_assert_cmpint (hw_case_page_get_case_id (page), ==, saved);
  g_assert_false (hw_case_page_get_modified (page));

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, saved);
  row = hw_test_query (db,
                       "SELECT c.case_number, p.kind, p.birth_date::text, p.birth_date_precision, "
                       "       c.assigned_officer_id = homeward.current_officer_id (), c.status, "
                       "       c.region_code, c.circumstances "
                       "  FROM homeward.abduction_case c JOIN homeward.person p ON p.id = c.child_id "
                       " WHERE c.id = $1 AND p.family_name = '测' AND p.given_name = '新童'",
                       id_text, NULL);
  g_assert_cmpuint (hw_db_result_get_n_rows (row), ==, 1);
  pattern = g_strdup_printf ("^%s-%d-[0-9]{4}$", hw_session_get_unit_code (session),
                             g_date_time_get_year (now));
  g_assert_true (g_regex_match_simple (pattern, hw_db_result_get_string (row, 0, 0), 0, 0));
  g_assert_cmpstr (hw_db_result_get_string (row, 0, 1), ==, "child");
  g_assert_cmpstr (hw_db_result_get_string (row, 0, 2), ==, "2019-06-01");
  g_assert_cmpstr (hw_db_result_get_string (row, 0, 3), ==, "month");
  g_assert_true (hw_db_result_get_boolean (row, 0, 4));
  g_assert_cmpstr (hw_db_result_get_string (row, 0, 5), ==, "open");
  g_assert_cmpstr (hw_db_result_get_string (row, 0, 6), ==, "440306");
  g_assert_cmpstr (hw_db_result_get_string (row, 0, 7), ==, "在小区游乐场玩耍时走失。");

  /* The page now shows the recorded case under its number. */
  wait_for_text (page, hw_db_result_get_string (row, 0, 0));

  gtk_window_destroy (window);
  hw_db_close (db);
}

/* A status change asks for the reason the rules require, and the audit log
 * (as a supervisor reads it) records who made it and why; the supervisor's
 * page tells it in words. Then a contact with the family is logged. */
static void
test_status_and_contact (void)
{
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwSession) session = sign_in (HW_SETUP_DEMO_OFFICER, &db);
  g_autoptr(HwDb) supervisor_db = NULL;
  g_autoptr(HwSession) supervisor = sign_in ("demo_supervisor", &supervisor_db);
  g_autoptr(HwDbResult) row = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *from_status = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *reason_line = NULL;
  const char *reason = "线索中断，转为积案继续关注";
  HwCaseStatusDialog *status_dialog;
  HwCaseContactDialog *contact_dialog;
  HwCasePage *page;
  GtkWindow *window;
  gint64 saved = 0;
  gint64 case_id;

  case_id = hw_test_query_int (db,
                               "SELECT c.id FROM homeward.abduction_case c "
                               " WHERE c.unit_id = homeward.current_unit_id () "
                               "   AND c.status IN ('open', 'investigating') "
                               "   AND EXISTS (SELECT 1 FROM homeward.family_member f WHERE f.case_id = c.id) "
                               " ORDER BY c.id DESC LIMIT 1", NULL);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  /* The officer takes the case: its contact log is the assigned officer's. */
  g_assert_cmpint (hw_test_query_int (db, "UPDATE homeward.abduction_case "
                                          "   SET assigned_officer_id = homeward.current_officer_id () "
                                          " WHERE id = $1 RETURNING 1", id_text, NULL), ==, 1);
  row = hw_test_query (db, "SELECT case_number, status FROM homeward.abduction_case WHERE id = $1",
                       id_text, NULL);
  from_status = g_strdup (hw_db_result_get_string (row, 0, 1));

  page = hw_case_page_new ();
  window = window_with_page (page, 900);
  g_signal_connect (page, "saved", G_CALLBACK (saved_cb), &saved);
  hw_case_page_set_session (page, session);
  hw_case_page_set_case_id (page, case_id);
  wait_for_text (page, hw_db_result_get_string (row, 0, 0));

  /* An officer may let the case go cold, not close it (a supervisor's). */
  g_assert_true (offers_status (page, "cold"));
  g_assert_false (offers_status (page, "closed"));
  g_assert_false (offers_status (page, "reunited"));

  gtk_widget_activate_action (GTK_WIDGET (page), "case.change-status", "s", "cold");
  status_dialog = hw_ui_test_wait_for_window (HW_TYPE_CASE_STATUS_DIALOG);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (status_dialog), "change"));
  hw_case_status_dialog_set_reason (status_dialog, reason);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (status_dialog), "change"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (status_dialog), "change");

  hw_test_wait_until (is_saved, &saved, 10000);
  reason_line = g_strdup_printf (_("Reason: %s"), reason);
  wait_for_text (page, reason_line);

  /* Audited: who, from what, to what, why. */
  g_assert_cmpint (hw_test_query_int (supervisor_db,
                                      "SELECT count (*) FROM homeward.audit_log a "
                                      " WHERE a.table_name = 'abduction_case' AND a.row_id = $1 "
                                      "   AND a.action = 'UPDATE' "
                                      "   AND a.old_row ->> 'status' = $2 AND a.new_row ->> 'status' = 'cold' "
                                      "   AND a.new_row ->> 'status_reason' = $3 "
                                      "   AND a.db_role = 'demo_officer' "
                                      "   AND a.officer_id = (SELECT id FROM homeward.officer "
                                      "                        WHERE login = 'demo_officer')",
                                      id_text, from_status, reason, NULL), ==, 1);

  /* A contact with the family, logged from the page. */
  saved = 0;
  gtk_widget_activate_action (GTK_WIDGET (page), "case.add-contact", NULL);
  contact_dialog = hw_ui_test_wait_for_window (HW_TYPE_CASE_CONTACT_DIALOG);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (contact_dialog), "add"));
  hw_case_contact_dialog_set_entry (contact_dialog, NULL, "电话告知家属案件转为积案", "家属表示理解",
                                    "三个月后回访");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (contact_dialog), "add"));
  hw_ui_test_wait_for_frames (GTK_WIDGET (contact_dialog));
  hw_ui_test_save_png (GTK_WIDGET (contact_dialog), "test-case-contact");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (contact_dialog), "add");
  hw_test_wait_until (is_saved, &saved, 10000);
  wait_for_text (page, "电话告知家属案件转为积案");
  g_assert_cmpint (hw_test_query_int (db,
                                      "SELECT count (*) FROM homeward.read_contact_log ($1) "
                                      " WHERE summary = '电话告知家属案件转为积案' "
                                      "   AND next_step = '三个月后回访' "
                                      "   AND officer_id = homeward.current_officer_id ()",
                                      id_text, NULL), ==, 1);
  gtk_window_destroy (window);

  /* The supervisor's page tells the history in words. */
  page = hw_case_page_new ();
  window = window_with_page (page, 900);
  hw_case_page_set_session (page, supervisor);
  hw_case_page_set_case_id (page, case_id);
  sentence = g_strdup_printf (_("%s changed status from %s to %s"), hw_session_get_officer_name (session),
                              hw_case_status_to_label (from_status), hw_case_status_to_label ("cold"));
  wait_for_text (page, sentence);
  /* A supervisor may close it. */
  g_assert_true (offers_status (page, "closed"));
  save_pictures (window, page, "test-case-supervisor");

  gtk_window_destroy (window);
  hw_db_close (supervisor_db);
  hw_db_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  HwDemoSize demo = { DEMO_CASES, DEMO_SIGHTINGS, 1 };
  int status;

  g_setenv ("GTK_A11Y", "none", FALSE);

  /* --language=zh_CN: the test suite's second run, in Chinese. */
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--language="))
      {
        g_setenv ("LANGUAGE", argv[i] + strlen ("--language="), TRUE);
        memmove (&argv[i], &argv[i + 1], (size_t) (argc - i) * sizeof (char *));
        argc--;
        i--;
      }

  gtk_test_init (&argc, &argv, NULL);

  /* gtk_test_init() asks for en_US.UTF-8, which may not exist; take the
   * environment's locale so that LANGUAGE=zh_CN renders in Chinese. */
  if (g_strcmp0 (setlocale (LC_ALL, ""), "C") == 0)
    setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("HOMEWARD_LOCALEDIR") != NULL ? g_getenv ("HOMEWARD_LOCALEDIR")
                                                                          : HW_SOURCE_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  adw_init ();

  g_test_add_func ("/ui/case-page/show", test_show_case);
  g_test_add_func ("/ui/case-page/other-unit-restricted", test_other_unit_restricted);
  g_test_add_func ("/ui/case-page/edit-conflict", test_edit_conflict);
  g_test_add_func ("/ui/case-page/assign", test_assign);
  g_test_add_func ("/ui/case-page/family", test_family);
  g_test_add_func ("/ui/case-page/restricted-family", test_restricted_family);
  g_test_add_func ("/ui/case-page/photo-viewer", test_photo_viewer);
  g_test_add_func ("/ui/case-page/family-conflict", test_family_conflict);
  g_test_add_func ("/ui/case-page/new-case", test_new_case);
  g_test_add_func ("/ui/case-page/status-and-contact", test_status_and_contact);

  /* The test cluster stops its server when an assertion aborts. */
  hw_test_cluster_start ();
  server = hw_test_cluster_get_server ();
  hw_setup_embedded_sync (server, &demo, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  status = g_test_run ();

  hw_test_cluster_stop ();

  return status;
}
