/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "hw-case.h"
#include "hw-case-list-model.h"
#include "hw-case-page.h"
#include "hw-case-summary.h"
#include "hw-connection-dialog.h"
#include "hw-dashboard-view.h"
#include "hw-inbox-view.h"
#include "hw-sighting-page.h"
#include "hw-setup.h"
#include "hw-test-cluster.h"
#include "hw-ui-test-util.h"
#include "hw-window.h"

/* The main window against a real embedded server with demo data: rows
 * appear, the count is the server's, and a case inserted by another
 * connection shows up through LISTEN/NOTIFY. The window is rendered to a PNG
 * in the build directory for people to look at. */

#define DEMO_CASES     50
#define DEMO_SIGHTINGS 100
#define BULK_CASES     450

static gboolean
first_row_loaded (gpointer data)
{
  GListModel *model = data;
  g_autoptr(HwCaseSummary) first = NULL;
  g_autoptr(HwCaseSummary) last = NULL;

  if (hw_case_list_model_get_loading (HW_CASE_LIST_MODEL (model)) ||
      g_list_model_get_n_items (model) == 0)
    return FALSE;

  first = g_list_model_get_item (model, 0);

  return !hw_case_summary_get_loading (first);
}

static gboolean
row_loaded (gpointer data)
{
  return !hw_case_summary_get_loading (data);
}

static gboolean
counted (gpointer data)
{
  HwCaseListModel *model = data;

  return !hw_case_list_model_get_loading (model) && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
}

static gboolean
last_row_loaded (gpointer data)
{
  GListModel *model = data;
  g_autoptr(HwCaseSummary) last = NULL;
  guint n_items = g_list_model_get_n_items (model);

  if (hw_case_list_model_get_loading (HW_CASE_LIST_MODEL (model)) || n_items == 0)
    return FALSE;

  last = g_list_model_get_item (model, n_items - 1);

  return !hw_case_summary_get_loading (last);
}

typedef struct
{
  GListModel *model;
  guint       n_items;
} CountWait;

static gboolean
has_n_items (gpointer data)
{
  CountWait *wait = data;

  return !hw_case_list_model_get_loading (HW_CASE_LIST_MODEL (wait->model)) &&
         g_list_model_get_n_items (wait->model) == wait->n_items;
}

typedef struct
{
  GListModel *model;
  const char *case_number;
  const char *child_name;
} CaseWait;

/* Looks at every row, as scrolling through the list would. */
static gboolean
has_case (gpointer data)
{
  CaseWait *wait = data;

  for (guint i = 0; i < g_list_model_get_n_items (wait->model); i++)
    {
      g_autoptr(HwCaseSummary) summary = g_list_model_get_item (wait->model, i);

      if (g_strcmp0 (hw_case_summary_get_case_number (summary), wait->case_number) == 0)
        return g_strcmp0 (hw_case_summary_get_child_name (summary), wait->child_name) == 0;
    }

  return FALSE;
}

/* The first widget of @type inside a popover (the list's filter popover;
 * the case page has drop-downs and check buttons of its own). */
static GtkWidget *
find_in_popover (GtkWidget *widget,
                 GType      type)
{
  if (GTK_IS_POPOVER (widget))
    return hw_ui_test_find_descendant (widget, type);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_in_popover (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Any header bar title of the window (the list's shows the connection). */
static gboolean
title_says_demo (GtkWidget *widget)
{
  if (ADW_IS_WINDOW_TITLE (widget))
    {
      const char *subtitle = adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget));

      if (subtitle != NULL &&
          (strstr (subtitle, "Demo data") != NULL || strstr (subtitle, "演示数据") != NULL))
        return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (title_says_demo (child))
      return TRUE;

  return FALSE;
}

/* The form row titled like @field's label (the case page's editable rows). */
static GtkWidget *
find_form_row (GtkWidget   *widget,
               HwCaseField  field)
{
  if (ADW_IS_ENTRY_ROW (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                 hw_case_field_get_label (field)) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_form_row (child, field);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
saved_cb (GtkWidget *page,
          gint64     case_id,
          gint64    *saved)
{
  *saved = case_id;
}

static gboolean
dropdown_filled (gpointer data)
{
  GListModel *choices = gtk_drop_down_get_model (GTK_DROP_DOWN (data));

  return choices != NULL && g_list_model_get_n_items (choices) > 1;
}

static gboolean
is_saved (gpointer data)
{
  return *(gint64 *) data != 0;
}

static gboolean
stack_settled (gpointer data)
{
  GtkWidget *stack = hw_ui_test_find_descendant (GTK_WIDGET (data), GTK_TYPE_STACK);

  return stack != NULL && !gtk_stack_get_transition_running (GTK_STACK (stack));
}

typedef struct
{
  GListModel *model;
  const char *case_number;
} OnlyCase;

/* The search found exactly this case. */
static gboolean
only_case (gpointer data)
{
  OnlyCase *wait = data;
  g_autoptr(HwCaseSummary) summary = NULL;

  if (hw_case_list_model_get_loading (HW_CASE_LIST_MODEL (wait->model)) ||
      g_list_model_get_n_items (wait->model) != 1)
    return FALSE;

  summary = g_list_model_get_item (wait->model, 0);

  return g_strcmp0 (hw_case_summary_get_case_number (summary), wait->case_number) == 0;
}

static gboolean
says_demo (gpointer data)
{
  return title_says_demo (GTK_WIDGET (data));
}

typedef struct
{
  GListModel *model;
  gint64      sighting_id;
} SightingWait;

/* The inbox shows the sighting at its top (newest first). */
static gboolean
sighting_on_top (gpointer data)
{
  SightingWait *wait = data;
  g_autoptr(HwSightingSummary) top = NULL;

  if (g_list_model_get_n_items (wait->model) == 0)
    return FALSE;
  top = g_list_model_get_item (wait->model, 0);

  return hw_sighting_summary_get_id (top) == wait->sighting_id;
}

/* The widget of @type with the style class @css_class. */
static GtkWidget *
find_styled (GtkWidget  *widget,
             GType       type,
             const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_has_css_class (widget, css_class))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_styled (child, type, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
dashboard_loaded (gpointer data)
{
  return hw_dashboard_view_get_dashboard (data) != NULL;
}

static gboolean
has_rows (gpointer data)
{
  return g_list_model_get_n_items (data) > 0;
}

static void
test_window_cases (void)
{
  g_autoptr(GError) error = NULL;
  HwLocalServer *server;
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwDb) other = NULL;
  g_autoptr(HwDbResult) inserted = NULL;
  g_autoptr(HwCaseSummary) first = NULL;
  g_autoptr(HwCaseSummary) last = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *case_number = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *text = NULL;
  HwDemoSize demo = { DEMO_CASES, DEMO_SIGHTINGS, 1 };
  GtkSelectionModel *shown;
  GtkAdjustment *adjustment;
  GtkWidget *column_view;
  HwWindow *window;
  GListModel *model;
  CountWait count_wait;
  CaseWait case_wait;
  gint64 n_cases;
  gint64 start;

  /* The test cluster stops its server when an assertion aborts. */
  hw_test_cluster_start ();
  server = hw_test_cluster_get_server ();
  hw_setup_embedded_sync (server, &demo, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  conninfo = hw_local_server_get_conninfo (server, HW_SETUP_DEMO_OFFICER, HW_SETUP_DEFAULT_DBNAME);
  db = hw_test_connect (conninfo);
  hw_db_listen (db, HW_DB_CHANNEL);

  window = hw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 760);
  hw_window_set_db (window, db);
  gtk_window_present (GTK_WINDOW (window));

  model = G_LIST_MODEL (hw_window_get_case_model (window));
  g_assert_nonnull (model);

  /* The column view asks for the rows it shows; the first page arrives. */
  hw_test_wait_until (first_row_loaded, model, 10000);

  other = hw_test_connect (conninfo);
  n_cases = hw_test_query_int (other, "SELECT count(*) FROM homeward.abduction_case", NULL);
  g_assert_cmpint (n_cases, >=, DEMO_CASES);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_cases);

  /* What the column view shows, through its selection model: the top row. */
  column_view = hw_ui_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW);
  g_assert_nonnull (column_view);
  g_assert_true (gtk_widget_get_mapped (column_view));
  shown = gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, n_cases);
  first = g_list_model_get_item (G_LIST_MODEL (shown), 0);
  g_assert_false (hw_case_summary_get_loading (first));
  g_assert_cmpstr (hw_case_summary_get_case_number (first), !=, "");
  g_assert_cmpstr (hw_case_summary_get_status_label (first), !=, "");

  /* Demo data says so in the header bar. */
  hw_test_wait_until (says_demo, window, 15000);

  /* Picking a case shows it in the detail pane. */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (shown), 0);
  {
    GtkWidget *page = hw_ui_test_find_descendant (GTK_WIDGET (window), HW_TYPE_CASE_PAGE);
    gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

    g_assert_nonnull (page);
    g_assert_cmpint (hw_case_page_get_case_id (HW_CASE_PAGE (page)), ==,
                     hw_case_summary_get_id (first));
    /* Let the page load and draw before the picture. */
    while (g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
  }

  hw_test_wait_until (stack_settled, window, 15000);
  hw_ui_test_wait_for_frames (GTK_WIDGET (window));
  hw_ui_test_save_png (GTK_WIDGET (window), "test-window");

  /* Another officer's client (the same login, its own unit) adds a case,
   * assigned to the officer who records it, as the app does (so that its
   * family's phone numbers are theirs to search). */
  suffix = g_strdup_printf ("%u", (guint) getpid ());
  inserted = hw_test_query (other,
                            "WITH p AS (INSERT INTO homeward.person (family_name, given_name, "
                            "                                       family_name_latin, given_name_latin, kind) "
                            "           VALUES ('测', '试童', 'Ce', 'Shitong', 'child') RETURNING id) "
                            "INSERT INTO homeward.abduction_case (case_number, child_id, assigned_officer_id) "
                            "SELECT (SELECT code FROM homeward.unit WHERE id = homeward.current_unit_id()) "
                            "       || '-UI-' || $1, p.id, homeward.current_officer_id () FROM p "
                            "RETURNING case_number",
                            suffix, NULL);
  g_assert_cmpuint (hw_db_result_get_n_rows (inserted), ==, 1);
  case_number = g_strdup (hw_db_result_get_string (inserted, 0, 0));

  start = g_get_monotonic_time ();
  count_wait.model = model;
  count_wait.n_items = (guint) n_cases + 1;
  hw_test_wait_until (has_n_items, &count_wait, 2000);
  g_test_message ("New case listed after %.0f ms",
                  (g_get_monotonic_time () - start) / 1000.0);

  case_wait.model = model;
  case_wait.case_number = case_number;
  case_wait.child_name = "测试童";
  hw_test_wait_until (has_case, &case_wait, 15000);

  /* Search as the officer types it: the child's two-character given name,
   * then a relative's phone number as people write it. */
  {
    GtkWidget *search = hw_ui_test_find_list_search (GTK_WIDGET (window));
    OnlyCase only = { model, case_number };
    g_autoptr(HwDbResult) family = NULL;

    g_assert_nonnull (search);
    gtk_editable_set_text (GTK_EDITABLE (search), "试童");
    hw_test_wait_until (only_case, &only, 15000);

    family = hw_test_query (other,
                            "WITH p AS (INSERT INTO homeward.person (family_name, given_name) "
                            "           VALUES ('测', '母') RETURNING id) "
                            "INSERT INTO homeward.family_member (case_id, person_id, relationship, phone) "
                            "SELECT c.id, p.id, 'mother', '139-2417-' || $1 "
                            "  FROM homeward.abduction_case c, p WHERE c.case_number = $2 RETURNING id",
                            suffix, case_number, NULL);
    g_assert_cmpuint (hw_db_result_get_n_rows (family), ==, 1);

    text = g_strdup_printf ("1392417%s", suffix);
    gtk_editable_set_text (GTK_EDITABLE (search), text);
    hw_test_wait_until (only_case, &only, 15000);

    gtk_editable_set_text (GTK_EDITABLE (search), "");
    count_wait.n_items = (guint) n_cases + 1;
    hw_test_wait_until (has_n_items, &count_wait, 15000);
  }

  /* Filtered by unit (the first one in the drop-down) and by status. */
  {
    GtkWidget *unit_dropdown = find_in_popover (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN);
    g_autofree char *expected = NULL;
    gint64 n_unit;

    g_assert_nonnull (unit_dropdown);
    hw_test_wait_until (dropdown_filled, unit_dropdown, 15000);
    n_unit = hw_test_query_int (other,
                                "SELECT count(*) FROM homeward.abduction_case c "
                                "WHERE c.unit_id = (SELECT id FROM homeward.unit ORDER BY code LIMIT 1) "
                                "  AND c.status = 'open'", NULL);
    g_test_message ("unit filter: expecting %" G_GINT64_FORMAT " open cases", n_unit);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (unit_dropdown), 1);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (find_in_popover (GTK_WIDGET (window),
                                                                     GTK_TYPE_CHECK_BUTTON)), TRUE);
    count_wait.n_items = (guint) n_unit;
    hw_test_wait_until (has_n_items, &count_wait, 15000);

    gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL);
    count_wait.n_items = (guint) n_cases + 1;
    hw_test_wait_until (has_n_items, &count_wait, 15000);
  }

  /* The officer records a case in this window (Ctrl+N), then finds it in
   * the list by the child's two-character given name. */
  {
    GtkWidget *page = hw_ui_test_find_descendant (GTK_WIDGET (window), HW_TYPE_CASE_PAGE);
    GtkWidget *search = hw_ui_test_find_list_search (GTK_WIDGET (window));
    g_autoptr(HwDbResult) recorded = NULL;
    g_autofree char *id_text = NULL;
    OnlyCase only = { model, NULL };
    gint64 saved = 0;

    g_signal_connect (page, "saved", G_CALLBACK (saved_cb), &saved);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-case", NULL));
    g_assert_cmpint (hw_case_page_get_case_id (HW_CASE_PAGE (page)), ==, 0);

    gtk_editable_set_text (GTK_EDITABLE (find_form_row (page, HW_CASE_FIELD_FAMILY_NAME)), "窗");
    gtk_editable_set_text (GTK_EDITABLE (find_form_row (page, HW_CASE_FIELD_GIVEN_NAME)), "录童");
    adw_combo_row_set_selected (ADW_COMBO_ROW (hw_ui_test_find_form_row (page, hw_case_field_get_label (HW_CASE_FIELD_SEX))),
                                1);
    g_assert_true (hw_case_page_get_modified (HW_CASE_PAGE (page)));

    gtk_widget_activate_action (page, "case.save", NULL);
    hw_test_wait_until (is_saved, &saved, 10000);
    g_signal_handlers_disconnect_by_func (page, saved_cb, &saved);

    id_text = g_strdup_printf ("%" G_GINT64_FORMAT, saved);
    recorded = hw_test_query (other, "SELECT case_number FROM homeward.abduction_case WHERE id = $1",
                              id_text, NULL);
    only.case_number = hw_db_result_get_string (recorded, 0, 0);

    gtk_editable_set_text (GTK_EDITABLE (search), "录童");
    hw_test_wait_until (only_case, &only, 15000);
    gtk_editable_set_text (GTK_EDITABLE (search), "");
    count_wait.n_items = (guint) n_cases + 2;
    hw_test_wait_until (has_n_items, &count_wait, 15000);
  }

  /* Many cases in one statement, then the end of the list: pages past the
   * first are fetched when they are scrolled to. */
  g_clear_pointer (&inserted, hw_db_result_unref);
  inserted = hw_test_query (other,
                            "WITH p AS (INSERT INTO homeward.person (family_name, given_name, "
                            "                                       family_name_latin, given_name_latin, kind) "
                            "           SELECT '李', '批' || g, 'Li', 'Pi' || g, 'child' "
                            "             FROM generate_series (1, " G_STRINGIFY (BULK_CASES) ") g "
                            "           RETURNING id) "
                            "INSERT INTO homeward.abduction_case (case_number, child_id) "
                            "SELECT (SELECT code FROM homeward.unit WHERE id = homeward.current_unit_id()) "
                            "       || '-UI-' || $1 || '-' || row_number () OVER (), p.id FROM p",
                            suffix, NULL);
  count_wait.n_items = (guint) n_cases + 2 + BULK_CASES;
  hw_test_wait_until (has_n_items, &count_wait, 15000);

  hw_ui_test_wait_for_frames (GTK_WIDGET (window));
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  hw_test_wait_until (last_row_loaded, model, 15000);

  /* The rows are in the server's order (most recent activity first), at the
   * right positions. */
  g_clear_pointer (&inserted, hw_db_result_unref);
  inserted = hw_test_query (other,
                            "SELECT c.case_number FROM homeward.abduction_case c "
                            "JOIN homeward.case_list_key k ON k.case_id = c.id "
                            "ORDER BY k.last_activity_at, k.case_id LIMIT 1", NULL);
  last = g_list_model_get_item (model, g_list_model_get_n_items (model) - 1);
  g_assert_cmpstr (hw_case_summary_get_case_number (last), ==,
                   hw_db_result_get_string (inserted, 0, 0));

  /* The inbox: picked in the sidebar, it lists the sightings; one entered
   * on another client appears at its top within a second or so. */
  {
    GtkWidget *sidebar = find_styled (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, "navigation-sidebar");
    GtkWidget *view;
    GListModel *inbox;
    g_autoptr(HwDbResult) sighting = NULL;
    SightingWait wait;
    double elapsed;

    gtk_list_box_select_row (GTK_LIST_BOX (sidebar), gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), 0));
    view = hw_ui_test_find_descendant (GTK_WIDGET (window), HW_TYPE_INBOX_VIEW);
    g_assert_nonnull (view);
    hw_test_wait_until (is_mapped, view, 15000);
    inbox = G_LIST_MODEL (hw_inbox_view_get_model (HW_INBOX_VIEW (view)));
    g_assert_nonnull (inbox);
    hw_test_wait_until (has_rows, inbox, 15000);

    sighting = hw_test_query (other,
                              "INSERT INTO homeward.sighting (channel, place_text, description, apparent_sex, "
                              "                               apparent_age_min, apparent_age_max, priority) "
                              "VALUES ('hotline', '广东省广州市 火车站', '在广州火车站看到一名约7岁的男孩在乞讨。', "
                              "        'male', 6, 8, 'urgent') RETURNING id", NULL);
    wait.model = inbox;
    wait.sighting_id = g_ascii_strtoll (hw_db_result_get_string (sighting, 0, 0), NULL, 10);
    start = g_get_monotonic_time ();
    hw_test_wait_until (sighting_on_top, &wait, 2000);
    elapsed = (g_get_monotonic_time () - start) / 1000.0;
    g_test_message ("New sighting in the inbox after %.0f ms", elapsed);

    /* Picking it shows its page. */
    gtk_selection_model_select_item (gtk_list_view_get_model (GTK_LIST_VIEW (find_styled (view, GTK_TYPE_LIST_VIEW, "inbox"))),
                                     0, TRUE);
    {
      GtkWidget *page = hw_ui_test_find_descendant (GTK_WIDGET (window), HW_TYPE_SIGHTING_PAGE);

      g_assert_nonnull (page);
      hw_test_wait_until (is_mapped, page, 15000);
      g_assert_cmpint (hw_sighting_page_get_sighting_id (HW_SIGHTING_PAGE (page)), ==, wait.sighting_id);
      hw_ui_test_wait_for_text (page, "在广州火车站看到一名约7岁的男孩在乞讨。");
      hw_ui_test_wait_settled (page);
    }
    hw_ui_test_wait_for_frames (GTK_WIDGET (window));
    hw_ui_test_save_png (GTK_WIDGET (window), "test-window-inbox");

    /* The dashboard: its figures, and a figure's list behind it. */
    {
      GtkWidget *dashboard;

      gtk_list_box_select_row (GTK_LIST_BOX (sidebar), gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), 6));
      dashboard = hw_ui_test_find_descendant (GTK_WIDGET (window), HW_TYPE_DASHBOARD_VIEW);
      hw_test_wait_until (is_mapped, dashboard, 15000);
      hw_test_wait_until (dashboard_loaded, dashboard, 15000);
      hw_ui_test_wait_settled (dashboard);
      hw_ui_test_wait_for_frames (GTK_WIDGET (window));
      hw_ui_test_save_png (GTK_WIDGET (window), "test-window-dashboard");

      g_assert_true (gtk_widget_activate_action (dashboard, "win.show-inbox", "s", "overdue"));
      g_assert_true (gtk_list_box_get_selected_row (GTK_LIST_BOX (sidebar)) ==
                     gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), 1));
      g_assert_true (hw_inbox_model_get_scope (HW_INBOX_MODEL (inbox)) == HW_INBOX_OVERDUE);
    }

    /* Back to the cases. */
    gtk_list_box_select_row (GTK_LIST_BOX (sidebar), gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), 3));
    g_assert_true (gtk_widget_get_mapped (column_view));
  }

  gtk_window_destroy (GTK_WINDOW (window));

  /* A list read from end to end does not keep every row: pages shown long
   * ago are let go and read again when shown again. */
  {
    g_autoptr(HwDb) reader = NULL;
    g_autoptr(HwCaseListModel) list = NULL;
    g_autoptr(HwCaseSummary) top_row = NULL;
    g_autoptr(HwCaseSummary) again = NULL;
    g_autoptr(HwDbResult) top = NULL;
    HwCaseSummary *first_seen;
    guint n_items;

    g_clear_pointer (&inserted, hw_db_result_unref);
    inserted = hw_test_query (other,
                              "WITH p AS (INSERT INTO homeward.person (family_name, given_name, kind) "
                              "           SELECT '翻', '页' || g, 'child' FROM generate_series (1, 7000) g "
                              "           RETURNING id) "
                              "INSERT INTO homeward.abduction_case (case_number, child_id) "
                              "SELECT (SELECT code FROM homeward.unit WHERE id = homeward.current_unit_id()) "
                              "       || '-PG-' || $1 || '-' || row_number () OVER (), p.id FROM p",
                              suffix, NULL);
    /* A connection of its own that does not listen: no live update (the
     * 7,000 new cases' notices) rebases the list while it is read. */
    reader = hw_test_connect (conninfo);
    list = hw_case_list_model_new (reader);
    hw_test_wait_until (counted, list, 15000);
    n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
    g_assert_cmpuint (n_items, >, 36 * 200);

    top_row = g_list_model_get_item (G_LIST_MODEL (list), 0);
    hw_test_wait_until (row_loaded, top_row, 15000);
    first_seen = top_row;
    g_clear_object (&top_row);

    for (guint position = 0; position < n_items; position += 200)
      {
        g_autoptr(HwCaseSummary) row = g_list_model_get_item (G_LIST_MODEL (list), position);

        hw_test_wait_until (row_loaded, row, 15000);
      }

    again = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_true (again != first_seen || hw_case_summary_get_loading (again));
    hw_test_wait_until (row_loaded, again, 15000);
    top = hw_test_query (other,
                         "SELECT c.case_number FROM homeward.abduction_case c "
                         "JOIN homeward.case_list_key k ON k.case_id = c.id "
                         "ORDER BY k.last_activity_at DESC, k.case_id DESC LIMIT 1", NULL);
    g_assert_cmpstr (hw_case_summary_get_case_number (again), ==, hw_db_result_get_string (top, 0, 0));
    g_clear_object (&list);
    hw_db_close (reader);
  }

  hw_db_close (other);
  hw_db_close (db);

  hw_test_cluster_stop ();
}

static void
connect_requested_cb (HwConnectionDialog *dialog,
                      const char         *conninfo,
                      char              **out)
{
  g_free (*out);
  *out = g_strdup (conninfo);
}

/* The dialog checks the connection string as it is typed, and hands it on
 * with the password added, exactly as libpq takes it. */
static void
test_connection_dialog (void)
{
  g_autofree char *chosen = NULL;
  g_autofree char *password = NULL;
  g_autofree char *host = NULL;
  HwConnectionDialog *dialog;
  GtkWidget *password_row;
  AdwMessageDialog *message_dialog;

  dialog = hw_connection_dialog_new (NULL);
  message_dialog = ADW_MESSAGE_DIALOG (dialog);
  g_signal_connect (dialog, "connect-requested", G_CALLBACK (connect_requested_cb), &chosen);

  /* Nothing typed: nothing to connect to. */
  g_assert_false (adw_message_dialog_get_response_enabled (message_dialog, "connect"));

  hw_connection_dialog_set_conninfo (dialog, "host='unterminated");
  g_assert_false (adw_message_dialog_get_response_enabled (message_dialog, "connect"));

  hw_connection_dialog_set_conninfo (dialog, "postgresql://li_wei@db.example.org:5433/homeward");
  g_assert_true (adw_message_dialog_get_response_enabled (message_dialog, "connect"));

  password_row = hw_ui_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_PASSWORD_ENTRY_ROW);
  g_assert_nonnull (password_row);
  gtk_editable_set_text (GTK_EDITABLE (password_row), "s3cret 'quoted'");

  adw_message_dialog_response (message_dialog, "connect");
  g_assert_nonnull (chosen);

  password = hw_db_conninfo_get (chosen, "password");
  host = hw_db_conninfo_get (chosen, "host");
  g_assert_cmpstr (password, ==, "s3cret 'quoted'");
  g_assert_cmpstr (host, ==, "db.example.org");

  /* The password does not stay in the dialog. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password_row)), ==, "");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  /* Without a session bus (Xvfb in CI), the accessibility bus would warn,
   * and warnings are fatal in tests. */
  g_setenv ("GTK_A11Y", "none", FALSE);

  gtk_test_init (&argc, &argv, NULL);

  /* gtk_test_init() asks for en_US.UTF-8, which may not exist; take the
   * environment's locale so that LANGUAGE=zh_CN renders in Chinese. */
  if (g_strcmp0 (setlocale (LC_ALL, ""), "C") == 0)
    setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, HW_SOURCE_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  adw_init ();

  g_test_add_func ("/ui/window/connection-dialog", test_connection_dialog);
  g_test_add_func ("/ui/window/cases", test_window_cases);

  return g_test_run ();
}
