/* test-sighting-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "hw-case-dna.h"
#include "hw-case-page.h"
#include "hw-report-export.h"
#include "hw-dashboard-view.h"
#include "hw-demo-image.h"
#include "hw-inbox-view.h"
#include "hw-session.h"
#include "hw-setup.h"
#include "hw-sighting-intake-dialog.h"
#include "hw-sighting-page.h"
#include "hw-sighting-store.h"
#include "hw-test-cluster.h"
#include "hw-ui-test-util.h"

/* Sightings in the UI against a real embedded server with demo data: a tip
 * recorded through the intake form with a photo; the same photo coming in
 * again joins its repost group, which the inbox and the sighting page show;
 * a candidate case linked with a confidence and a rationale; a step added
 * to the verification timeline. The inbox and the page are rendered to PNG
 * in the build directory (test-sighting-*.png; -zh_CN in Chinese). */

#define DEMO_CASES     60
#define DEMO_SIGHTINGS 200

static HwLocalServer *server;
static HwSession *session;
static HwDb *db;
static GBytes *photo;           /* a JPEG, recorded twice (a repost) */
static gint64 first_id;         /* the sighting recorded through the form */
static gint64 repost_id;

static void
save_picture (GtkWidget  *widget,
              const char *name)
{
  gtk_window_set_focus (GTK_WINDOW (gtk_widget_get_root (widget)), NULL);
  hw_ui_test_deselect_labels (widget);
  hw_ui_test_wait_settled (widget);
  hw_ui_test_wait_for_frames (widget);
  /* It adds the language to the name. */
  hw_ui_test_save_png (widget, name);
}

static GtkWindow *
window_with (GtkWidget *child,
             int        width,
             int        height)
{
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  GtkWidget *overlay = adw_toast_overlay_new ();

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), child);
  adw_window_set_content (ADW_WINDOW (window), overlay);
  gtk_window_set_default_size (window, width, height);
  gtk_window_present (window);

  return window;
}

static void
created_cb (HwSightingIntakeDialog *dialog,
            gint64                  id,
            gint64                 *created)
{
  *created = id;
}

static gboolean
is_set (gpointer data)
{
  return *(gint64 *) data != 0;
}

static gboolean
has_photos (gpointer data)
{
  GtkWidget *box = hw_ui_test_find_descendant (data, GTK_TYPE_FLOW_BOX);

  /* The form's first flow box holds the photos. */
  return box != NULL && gtk_widget_get_first_child (box) != NULL;
}

static char *
id_text (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

/* Fills the form and saves, as the officer would; returns the new id. */
static gint64
record_through_form (HwSightingStore *store,
                     const char      *source_ref,
                     const char      *description,
                     gboolean         render)
{
  HwSightingIntakeDialog *dialog;
  gint64 created = 0;

  dialog = HW_SIGHTING_INTAKE_DIALOG (hw_sighting_intake_dialog_new (NULL, store));
  g_signal_connect (dialog, "created", G_CALLBACK (created_cb), &created);
  gtk_window_present (GTK_WINDOW (dialog));

  gtk_editable_set_text (GTK_EDITABLE (hw_ui_test_find_form_row (GTK_WIDGET (dialog), _("Post address or call number"))),
                         source_ref);
  gtk_editable_set_text (GTK_EDITABLE (hw_ui_test_find_form_row (GTK_WIDGET (dialog), _("Place"))),
                         "广东省深圳市 罗湖火车站");
  gtk_editable_set_text (GTK_EDITABLE (hw_ui_test_find_form_row (GTK_WIDGET (dialog),
                                                                 _("Coordinates (latitude, longitude)"))),
                         "22.531，114.117");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (hw_ui_test_find_descendant (GTK_WIDGET (dialog),
                                                                                                   GTK_TYPE_TEXT_VIEW))),
                            description, -1);
  hw_sighting_intake_dialog_add_photo (dialog, photo, NULL);
  hw_test_wait_until (has_photos, dialog, 20000);

  if (render)
    save_picture (GTK_WIDGET (dialog), "test-sighting-intake");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "intake.save", NULL));
  hw_test_wait_until (is_set, &created, 20000);

  return created;
}

/* Tests */

static void
test_intake_with_photo (void)
{
  g_autoptr(HwSightingStore) store = hw_sighting_store_new (session);
  g_autofree char *id = NULL;
  g_autoptr(HwDbResult) row = NULL;

  first_id = record_through_form (store, "https://weibo.example/p/ui-test-1",
                                  "在罗湖火车站看到一名约6岁的女孩在乞讨，左脸有痣。", TRUE);
  id = id_text (first_id);
  row = hw_test_query (db,
                       "SELECT s.channel, s.place_text, count (p.id), s.unit_id = homeward.current_unit_id (), "
                       "       s.latitude::text || ',' || s.longitude::text "
                       "  FROM homeward.sighting s LEFT JOIN homeward.photo p ON p.sighting_id = s.id "
                       " WHERE s.id = $1 GROUP BY s.id", id, NULL);
  g_assert_cmpuint (hw_db_result_get_n_rows (row), ==, 1);
  g_assert_cmpstr (hw_db_result_get_string (row, 0, 0), ==, "hotline");
  g_assert_cmpstr (hw_db_result_get_string (row, 0, 1), ==, "广东省深圳市 罗湖火车站");
  g_assert_cmpstr (hw_db_result_get_string (row, 0, 2), ==, "1");
  g_assert_cmpstr (hw_db_result_get_string (row, 0, 3), ==, "t");
  g_assert_cmpstr (hw_db_result_get_string (row, 0, 4), ==, "22.531,114.117");
}

/* A form the database refuses keeps everything the officer typed. */
static void
test_intake_refused_keeps_form (void)
{
  g_autoptr(HwSightingStore) store = hw_sighting_store_new (session);
  HwSightingIntakeDialog *dialog = HW_SIGHTING_INTAKE_DIALOG (hw_sighting_intake_dialog_new (NULL, store));
  GtkWidget *source = hw_ui_test_find_form_row (GTK_WIDGET (dialog), _("Post address or call number"));
  GtkWidget *place = hw_ui_test_find_form_row (GTK_WIDGET (dialog), _("Place"));

  gtk_window_present (GTK_WINDOW (dialog));

  /* Neither a description nor a place: the form says so, nothing is sent. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "intake.save", NULL));
  hw_ui_test_wait_for_text (GTK_WIDGET (dialog), _("Say what was seen or where: a tip needs a description or a place."));

  /* The same reference through the same channel again: refused, kept. */
  gtk_editable_set_text (GTK_EDITABLE (source), "https://weibo.example/p/ui-test-1");
  gtk_editable_set_text (GTK_EDITABLE (place), "深圳北站");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "intake.save", NULL));
  hw_ui_test_wait_for_text (GTK_WIDGET (dialog), _("This is recorded already: a sighting with the same reference "
                                                    "came through the same channel, or the link exists."));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (place)), ==, "深圳北站");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The same photo again joins the first one's repost group: the inbox shows
 * the group once, with its count, and the page shows the other sighting. */
static void
test_repost_group_visible (void)
{
  g_autoptr(HwSightingStore) store = hw_sighting_store_new (session);
  g_autoptr(HwInboxModel) model = NULL;
  g_autofree char *first = id_text (first_id);
  g_autofree char *expected = NULL;
  HwInboxView *view;
  HwSightingPage *page;
  GtkWindow *window;

  repost_id = record_through_form (store, "https://weibo.example/p/ui-test-2",
                                   "#随手拍解救乞讨儿童# 转发：罗湖火车站乞讨的小女孩", FALSE);
  {
    g_autofree char *second = id_text (repost_id);
    g_assert_cmpint (hw_test_query_int (db, "SELECT count (*) FROM homeward.sighting a, homeward.sighting b "
                                            " WHERE a.id = $1 AND b.id = $2 AND a.repost_group_id = b.repost_group_id",
                                        first, second, NULL), ==, 1);
  }

  /* The inbox: the newest first, the group once with its count. */
  view = HW_INBOX_VIEW (hw_inbox_view_new ());
  model = hw_inbox_model_new (store);
  hw_inbox_view_set_model (view, model);
  window = window_with (GTK_WIDGET (view), 480, 760);
  expected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d repost · %s – %s", "%d reposts · %s – %s", 2), 2,
                              "", "");
  *strstr (expected, " · ") = '\0';
  hw_ui_test_wait_for_text (GTK_WIDGET (view), expected);
  g_assert_cmpuint (hw_inbox_model_find (model, first_id), ==, G_MAXUINT);
  g_assert_cmpuint (hw_inbox_model_find (model, repost_id), ==, 0);
  save_picture (GTK_WIDGET (view), "test-sighting-inbox");
  gtk_window_destroy (window);

  /* The page of the repost shows the first sighting in its strip. */
  page = HW_SIGHTING_PAGE (hw_sighting_page_new ());
  hw_sighting_page_set_session (page, session);
  window = window_with (GTK_WIDGET (page), 820, 1000);
  hw_sighting_page_show (page, repost_id);
  hw_ui_test_wait_for_text (GTK_WIDGET (page), "转发：罗湖火车站乞讨的小女孩");
  {
    g_autofree char *group = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "The same photo came in %d time. First seen %s; last seen %s.",
                                                           "The same photo came in %d times. First seen %s; last seen %s.",
                                                           2), 2, "\001", "\001");

    *strchr (group, '\001') = '\0';
    hw_ui_test_wait_for_text (GTK_WIDGET (page), group);
  }
  gtk_window_destroy (window);
}

static gboolean
has_message_dialog (gpointer data)
{
  *(GtkWindow **) data = hw_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  return *(GtkWindow **) data != NULL;
}

static gboolean
no_message_dialog (gpointer data)
{
  return hw_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

/* The button labelled @label (with its mnemonic underline). */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_candidates (gpointer data)
{
  return find_button (data, _("_Link…")) != NULL;
}

/* The officer links the best candidate with a confidence and a rationale,
 * then records a step: both land in the database and on the page. */
static void
test_link_and_step (void)
{
  g_autofree char *id = id_text (first_id);
  g_autofree char *link_rationale = g_strdup ("照片中痣的位置与案件照片一致。");
  HwSightingPage *page = HW_SIGHTING_PAGE (hw_sighting_page_new ());
  GtkWindow *window, *dialog = NULL;
  GtkWidget *button, *view, *outcome;
  g_autoptr(HwDbResult) link = NULL;

  hw_sighting_page_set_session (page, session);
  window = window_with (GTK_WIDGET (page), 860, 1200);
  hw_sighting_page_show (page, first_id);
  hw_test_wait_until (has_candidates, page, 20000);

  /* Link… on the first candidate: the rationale is required. */
  button = find_button (GTK_WIDGET (page), _("_Link…"));
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  hw_test_wait_until (has_message_dialog, &dialog, 20000);
  view = hw_ui_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "accept"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), link_rationale, -1);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "accept"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (hw_ui_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN)), 1);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "accept");
  gtk_window_destroy (dialog);
  hw_ui_test_wait_for_text (GTK_WIDGET (page), link_rationale);

  link = hw_test_query (db, "SELECT confidence, rationale, state, linked_by = homeward.current_officer_id () "
                            "  FROM homeward.case_link WHERE sighting_id = $1", id, NULL);
  g_assert_cmpuint (hw_db_result_get_n_rows (link), ==, 1);
  g_assert_cmpstr (hw_db_result_get_string (link, 0, 0), ==, "probable");
  g_assert_cmpstr (hw_db_result_get_string (link, 0, 1), ==, link_rationale);
  g_assert_cmpstr (hw_db_result_get_string (link, 0, 3), ==, "t");

  /* A step on the timeline. */
  hw_test_wait_until (no_message_dialog, NULL, 20000);
  dialog = NULL;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sighting.add-step", NULL));
  hw_test_wait_until (has_message_dialog, &dialog, 20000);
  outcome = hw_ui_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  g_assert_nonnull (outcome);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "accept"));
  gtk_editable_set_text (GTK_EDITABLE (outcome), "与家属照片比对一致");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "accept");
  gtk_window_destroy (dialog);
  hw_ui_test_wait_for_text (GTK_WIDGET (page), "与家属照片比对一致");
  g_assert_cmpint (hw_test_query_int (db, "SELECT count (*) FROM homeward.verification_step v "
                                          "  JOIN homeward.read_step_texts (ARRAY[v.id]) t ON t.step_id = v.id "
                                          " WHERE v.sighting_id = $1 AND t.outcome = '与家属照片比对一致'", id, NULL),
                   ==, 1);

  save_picture (GTK_WIDGET (page), "test-sighting-page");
  gtk_window_destroy (window);

  /* The case page lists the linked sighting with its latest step. */
  {
    HwCasePage *case_page = hw_case_page_new ();
    GtkWidget *sightings;
    gint64 case_id = hw_test_query_int (db, "SELECT case_id FROM homeward.case_link WHERE sighting_id = $1",
                                        id, NULL);

    hw_case_page_set_session (case_page, session);
    window = window_with (GTK_WIDGET (case_page), 860, 1400);
    hw_case_page_set_case_id (case_page, case_id);
    hw_ui_test_wait_for_text (GTK_WIDGET (case_page), link_rationale);
    hw_ui_test_wait_for_text (GTK_WIDGET (case_page), "与家属照片比对一致");
    sightings = hw_ui_test_find_descendant (GTK_WIDGET (case_page), g_type_from_name ("HwCaseSightings"));
    g_assert_nonnull (sightings);
    save_picture (sightings, "test-sighting-case-page");
    gtk_window_destroy (window);
  }
}

static GtkWidget *
find_inbox_list (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "inbox"))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_inbox_list (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
model_loaded (gpointer data)
{
  return !hw_inbox_model_get_loading (data) && g_list_model_get_n_items (data) >= 3;
}

/* Two sightings picked in the inbox are closed as duplicates with one
 * reason; they leave the inbox. */
static void
test_triage_many (void)
{
  g_autoptr(HwSightingStore) store = hw_sighting_store_new (session);
  g_autoptr(HwInboxModel) model = hw_inbox_model_new (store);
  g_autoptr(HwSightingSummary) a = NULL;
  g_autoptr(HwSightingSummary) b = NULL;
  g_autofree char *a_id = NULL;
  g_autofree char *b_id = NULL;
  HwInboxView *view = HW_INBOX_VIEW (hw_inbox_view_new ());
  GtkSelectionModel *selection;
  GtkWindow *window, *dialog = NULL;

  hw_inbox_view_set_model (view, model);
  window = window_with (GTK_WIDGET (view), 480, 760);
  hw_test_wait_until (model_loaded, model, 20000);

  a = g_list_model_get_item (G_LIST_MODEL (model), 1);
  b = g_list_model_get_item (G_LIST_MODEL (model), 2);
  a_id = id_text (hw_sighting_summary_get_id (a));
  b_id = id_text (hw_sighting_summary_get_id (b));

  selection = gtk_list_view_get_model (GTK_LIST_VIEW (find_inbox_list (GTK_WIDGET (view))));
  gtk_selection_model_select_item (selection, 1, TRUE);
  gtk_selection_model_select_item (selection, 2, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "inbox.triage", NULL));
  hw_test_wait_until (has_message_dialog, &dialog, 20000);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "triage"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (hw_ui_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN)), 1);
  gtk_editable_set_text (GTK_EDITABLE (hw_ui_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_ENTRY)),
                         "同一条微博的重复转发");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "triage"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "triage");
  gtk_window_destroy (dialog);

  {
    g_autofree char *toast = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d sighting closed",
                                                           "%d sightings closed", 2), 2);
    hw_ui_test_wait_for_text (GTK_WIDGET (window), toast);
  }
  g_assert_cmpint (hw_test_query_int (db, "SELECT count (*) FROM homeward.sighting WHERE id IN ($1, $2) "
                                          "   AND status = 'duplicate' AND status_reason = '同一条微博的重复转发'",
                                      a_id, b_id, NULL), ==, 2);
  hw_test_wait_until (no_message_dialog, NULL, 20000);
  gtk_window_destroy (window);
}

/* Another officer claimed the sighting first: claiming it here tells the
 * officer who has it, and the sighting stays theirs. */
static void
test_claim_taken (void)
{
  g_autofree char *id = id_text (repost_id);
  g_autofree char *conninfo = hw_local_server_get_conninfo (server, "demo_supervisor", HW_SETUP_DEFAULT_DBNAME);
  g_autoptr(HwDb) other = hw_test_connect (conninfo);
  g_autoptr(HwDbResult) claimed = NULL;
  g_autofree char *expected = NULL;
  HwSightingPage *page = HW_SIGHTING_PAGE (hw_sighting_page_new ());
  GtkWindow *window;

  hw_sighting_page_set_session (page, session);
  window = window_with (GTK_WIDGET (page), 820, 900);
  hw_sighting_page_show (page, repost_id);
  hw_ui_test_wait_for_text (GTK_WIDGET (page), "转发：罗湖火车站乞讨的小女孩");

  /* The supervisor's claim holds the row until it commits, and nobody hears
   * of it before: the officer's claim, sent meanwhile, waits for it in the
   * database and is then told.  (Committed first, the page could hear of
   * it, reload and offer no claim before the officer's click.) */
  g_clear_pointer (&claimed, hw_db_result_unref);
  claimed = hw_test_query (other, "BEGIN", NULL);
  g_clear_pointer (&claimed, hw_db_result_unref);
  claimed = hw_test_query (other, "SELECT homeward.claim_sighting ($1)", id, NULL);
  g_assert_cmpuint (hw_db_result_get_n_rows (claimed), ==, 1);

  g_assert_true (hw_ui_test_action_enabled (GTK_WIDGET (page), "sighting.claim"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sighting.claim", NULL));
  g_clear_pointer (&claimed, hw_db_result_unref);
  claimed = hw_test_query (other, "COMMIT", NULL);
  expected = g_strdup_printf (_("%s has already claimed this sighting."), "演示主管");
  hw_ui_test_wait_for_text (GTK_WIDGET (window), expected);
  /* The page reloads: it now says who has it. */
  hw_ui_test_wait_for_text (GTK_WIDGET (page), "演示主管");
  g_assert_cmpint (hw_test_query_int (db, "SELECT count (*) FROM homeward.sighting s JOIN homeward.officer o "
                                          "    ON o.id = s.assigned_officer_id "
                                          " WHERE s.id = $1 AND o.login = 'demo_supervisor'", id, NULL), ==, 1);
  gtk_window_destroy (window);
  hw_db_close (other);
}

/* The case page's DNA samples: a sealing recorded after the shipping is
 * flagged out of order; an officer not assigned to the case is told that
 * the lab results are not theirs to see. */
static void
test_case_dna (void)
{
  HwCasePage *page = hw_case_page_new ();
  g_autofree char *case_text = NULL;
  g_autofree char *sample_text = NULL;
  g_autofree char *problems = NULL;
  GtkWindow *window;
  gint64 case_id, sample_id;
  gboolean readable;
  GtkWidget *dna;

  /* A sample of a relative in a case of the unit (one not assigned to the
   * demo officer when there is one), shipped before it was sealed. */
  case_id = hw_test_query_int (db, "SELECT c.id FROM homeward.abduction_case c "
                                   " WHERE c.unit_id = homeward.current_unit_id () "
                                   "   AND EXISTS (SELECT 1 FROM homeward.family_member fm WHERE fm.case_id = c.id) "
                                   " ORDER BY c.assigned_officer_id IS NOT DISTINCT FROM homeward.current_officer_id (), "
                                   "          c.id LIMIT 1", NULL);
  case_text = id_text (case_id);
  sample_id = hw_test_query_int (db, "INSERT INTO homeward.dna_sample (family_member_id, lab, lab_reference, kit, collected_at) "
                                     "SELECT fm.id, '广东省公安厅物证鉴定中心', 'UI-DNA-1', 'Goldeneye 20A', '2026-11-02 09:00+08' "
                                     "  FROM homeward.family_member fm WHERE fm.case_id = $1::bigint ORDER BY fm.id LIMIT 1 "
                                     "RETURNING id", case_text, NULL);
  sample_text = id_text (sample_id);
  g_assert_cmpint (hw_test_query_int (db, "WITH e AS (INSERT INTO homeward.dna_custody_event (sample_id, event, occurred_at, notes) "
                                          "  VALUES ($1::bigint, 'collected', '2026-11-02 09:00+08', '现场采集口腔拭子'), "
                                          "         ($1::bigint, 'shipped', '2026-11-03 10:00+08', '经机要通道送检'), "
                                          "         ($1::bigint, 'sealed', '2026-11-03 11:00+08', '补贴封条') "
                                          "  RETURNING id) SELECT count (*) FROM e", sample_text, NULL), ==, 3);
  readable = hw_test_query_int (db, "SELECT count (*) FROM homeward.abduction_case "
                                    " WHERE id = $1::bigint AND assigned_officer_id = homeward.current_officer_id ()",
                                case_text, NULL) > 0;

  hw_case_page_set_session (page, session);
  window = window_with (GTK_WIDGET (page), 860, 1600);
  hw_case_page_set_case_id (page, case_id);
  /* Shipped before sealed: a gap (sealing missing) and an out-of-order sealing. */
  problems = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Custody: %u problem", "Custody: %u problems", 2), 2);
  hw_ui_test_wait_for_text (GTK_WIDGET (page), problems);
  hw_ui_test_wait_for_text (GTK_WIDGET (page), C_("custody event", "Sealed"));
  g_assert_true (hw_ui_test_shows_text (GTK_WIDGET (page), _("Out of order")));
  {
    g_autofree char *missing = g_strdup_printf (_("Missing before it: %s"), C_("custody event", "Sealed"));
    g_assert_true (hw_ui_test_shows_text (GTK_WIDGET (page), missing));
  }
  g_assert_true (hw_ui_test_shows_text (GTK_WIDGET (page),
                                        readable ? _("No lab results yet")
                                                 : _("Lab results: for the officers assigned to the case and supervisors")));

  dna = hw_ui_test_find_descendant (GTK_WIDGET (page), g_type_from_name ("HwCaseDna"));
  g_assert_nonnull (dna);
  {
    GtkWidget *expander = hw_ui_test_find_descendant (dna, ADW_TYPE_EXPANDER_ROW);

    /* The sample with the problem, opened. */
    for (GtkWidget *row = expander; row != NULL; row = gtk_widget_get_next_sibling (row))
      if (ADW_IS_EXPANDER_ROW (row) && hw_ui_test_shows_text (row, problems))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  }
  save_picture (dna, "test-case-dna");

  /* The next stage, recorded from the page. */
  {
    GtkWindow *dialog = NULL;
    GtkWidget *button = find_button (dna, _("Record a Custody _Event…"));

    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
    hw_test_wait_until (has_message_dialog, &dialog, 20000);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (hw_ui_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN)), 3);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "record");
    gtk_window_destroy (dialog);
    hw_ui_test_wait_for_text (dna, C_("custody event", "Received by the lab"));
    g_assert_cmpint (hw_test_query_int (db, "SELECT count (*) FROM homeward.dna_custody_event "
                                            " WHERE sample_id = $1::bigint AND event = 'received' "
                                            "   AND officer_id = homeward.current_officer_id ()", sample_text, NULL), ==, 1);
    hw_test_wait_until (no_message_dialog, NULL, 20000);
  }
  gtk_window_destroy (window);
}

typedef struct
{
  GtkWidget  *widget;
  const char *label;
} ButtonWait;

static gboolean
button_shown (gpointer data)
{
  ButtonWait *wait = data;

  return find_button (wait->widget, wait->label) != NULL;
}

static HwDashboardView *
dashboard_as (HwDb       *viewer_db,
              GtkWindow **window)
{
  HwDashboardView *view = HW_DASHBOARD_VIEW (hw_dashboard_view_new ());
  ButtonWait wait = { GTK_WIDGET (view), _("Sign _Off…") };

  *window = window_with (GTK_WIDGET (view), 620, 900);
  hw_dashboard_view_set_db (view, viewer_db);
  hw_test_wait_until (button_shown, &wait, 20000);

  return view;
}

/* A reunion proposed by one supervisor waits in the dashboard's review
 * queue: its proposer cannot sign it off (the button says why), an officer
 * is refused by the database, another supervisor signs it off. */
static void
test_reunion_sign_off (void)
{
  g_autofree char *proposer_info = hw_local_server_get_conninfo (server, "demo_supervisor", HW_SETUP_DEFAULT_DBNAME);
  g_autoptr(HwDb) proposer = hw_test_connect (proposer_info);
  g_autofree char *other_login = NULL;
  g_autofree char *other_info = NULL;
  g_autoptr(HwDb) other = NULL;
  g_autofree char *reunion_text = NULL;
  g_autofree char *refused = NULL;
  HwDashboardView *view;
  GtkWindow *window, *dialog = NULL;
  GtkWidget *button;
  gint64 reunion_id;

  /* The child's own decision is recorded (required from 16). */
  reunion_id = hw_test_query_int (proposer, "INSERT INTO homeward.reunion (case_id, reunited_on, place, family_present, "
                                            "                              child_decision) "
                                            "SELECT c.id, current_date, '深圳市救助站', '父亲、母亲', 'return' "
                                            "  FROM homeward.abduction_case c "
                                            " WHERE c.unit_id = homeward.current_unit_id () "
                                            "   AND NOT EXISTS (SELECT 1 FROM homeward.reunion r WHERE r.case_id = c.id) "
                                            " ORDER BY c.id LIMIT 1 RETURNING id", NULL);
  reunion_text = id_text (reunion_id);

  /* The proposer: the button is there, and may not be used. */
  view = dashboard_as (proposer, &window);
  button = find_button (GTK_WIDGET (view), _("Sign _Off…"));
  g_assert_false (gtk_widget_get_sensitive (button));
  save_picture (GTK_WIDGET (view), "test-dashboard-sign-off");
  gtk_window_destroy (window);

  /* An officer: the database refuses, the dashboard says so. */
  view = dashboard_as (db, &window);
  button = find_button (GTK_WIDGET (view), _("Sign _Off…"));
  g_signal_emit_by_name (button, "clicked");
  hw_test_wait_until (has_message_dialog, &dialog, 20000);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "sign");
  gtk_window_destroy (dialog);
  refused = g_strdup_printf (_("Not signed off: %s"), _("Only a supervisor may sign off a reunion."));
  hw_ui_test_wait_for_text (GTK_WIDGET (window), refused);
  gtk_window_destroy (window);
  hw_test_wait_until (no_message_dialog, NULL, 20000);
  g_assert_cmpint (hw_test_query_int (proposer, "SELECT count (*) FROM homeward.reunion WHERE id = $1::bigint "
                                                "   AND signed_off_by IS NULL", reunion_text, NULL), ==, 1);

  /* Another supervisor of the unit signs it off. */
  {
    g_autoptr(HwDbResult) logins = hw_test_query (proposer,
                                                  "SELECT o.login FROM homeward.officer o "
                                                  " WHERE o.unit_id = homeward.current_unit_id () "
                                                  "   AND o.role = 'supervisor' AND o.login <> 'demo_supervisor' "
                                                  "   AND o.active ORDER BY o.id LIMIT 1", NULL);

    if (hw_db_result_get_n_rows (logins) > 0)
      other_login = g_strdup (hw_db_result_get_string (logins, 0, 0));
  }
  if (other_login == NULL)
    {
      g_test_skip ("the demo unit has one supervisor only");
      return;
    }
  other_info = hw_local_server_get_conninfo (server, other_login, HW_SETUP_DEFAULT_DBNAME);
  other = hw_test_connect (other_info);
  dialog = NULL;
  view = dashboard_as (other, &window);
  g_signal_emit_by_name (find_button (GTK_WIDGET (view), _("Sign _Off…")), "clicked");
  hw_test_wait_until (has_message_dialog, &dialog, 20000);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "sign");
  gtk_window_destroy (dialog);
  hw_ui_test_wait_for_text (GTK_WIDGET (window), _("Reunion signed off"));
  g_assert_cmpint (hw_test_query_int (proposer, "SELECT count (*) FROM homeward.reunion r "
                                                "  JOIN homeward.officer o ON o.id = r.signed_off_by "
                                                " WHERE r.id = $1::bigint AND o.login <> 'demo_supervisor'",
                                      reunion_text, NULL), ==, 1);
  gtk_window_destroy (window);
  hw_test_wait_until (no_message_dialog, NULL, 20000);
}

/* The button whose tooltip is @tooltip (buttons with an icon and a label). */
static GtkWidget *
find_tooltip_button (GtkWidget  *widget,
                     const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip_button (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The @n-th (from 0) widget of @type under @widget, depth first. */
static GtkWidget *
find_nth (GtkWidget *widget,
          GType      type,
          guint     *n)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && (*n)-- == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_nth (child, type, n);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
nth_of_type (GtkWidget *widget,
             GType      type,
             guint      n)
{
  GtkWidget *found = find_nth (widget, type, &n);

  g_assert_nonnull (found);
  return found;
}

/* Opens the dialog a click on @button brings, and returns it. */
static GtkWindow *
open_dialog (GtkWidget *button)
{
  GtkWindow *dialog = NULL;

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  hw_test_wait_until (has_message_dialog, &dialog, 20000);
  return dialog;
}

static void
respond (GtkWindow  *dialog,
         const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (dialog);
  hw_test_wait_until (no_message_dialog, NULL, 20000);
}

static gboolean
query_is_one (gpointer data)
{
  const char * const *query = data;

  return hw_test_query_int (db, query[0], query[1], NULL) == 1;
}

/* Selects the item of @dropdown (a string list) that contains @text. */
static void
select_containing (GtkDropDown *dropdown,
                   const char  *text)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (strstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) != NULL)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  g_error ("no item with “%s”", text);
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} ImportWait;

static gboolean
imported_or_refused (gpointer data)
{
  ImportWait *wait = data;

  return hw_ui_test_shows_text (wait->widget, wait->text) ||
         hw_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
toast_shown (gpointer data)
{
  ImportWait *wait = data;
  g_autofree char *text = hw_ui_test_dup_text (wait->widget);

  return strstr (text, wait->text) != NULL || strstr (text, "Nothing was recorded") != NULL;
}

/* The path from a found child to a reunion, on the case page as the
 * assigned officer: the found child recorded, photos shown to the mother (who consents to DNA),
 * samples of the father and of the found child recorded (collection first
 * in their custody), a lab export with a bad line refused whole and a good
 * one imported, the lab's result entered by hand, the reunion recorded with
 * the decision of a child of 16 or more required; another supervisor's
 * sign-off makes the located case reunited. */
static void
test_path_to_reunion (void)
{
  HwCasePage *page = hw_case_page_new ();
  g_autofree char *supervisor_info = hw_local_server_get_conninfo (server, "demo_supervisor", HW_SETUP_DEFAULT_DBNAME);
  g_autoptr(HwDb) supervisor = hw_test_connect (supervisor_info);
  g_autofree char *case_text = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hw-lab-XXXXXX", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *good_path = g_build_filename (dir, "good.csv", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autofree char *day = g_date_time_format (yesterday, "%Y-%m-%d");
  GtkWidget *dna, *reunion, *button;
  GtkWindow *window, *dialog;
  gint64 case_id;

  /* A case of the unit with relatives and no reunion, given to the demo
   * officer; its child born 17 years ago. */
  case_id = hw_test_query_int (db, "SELECT c.id FROM homeward.abduction_case c "
                                   " WHERE c.unit_id = homeward.current_unit_id () "
                                   "   AND c.status IN ('open', 'investigating') "
                                   "   AND NOT EXISTS (SELECT 1 FROM homeward.reunion r WHERE r.case_id = c.id) "
                                   "   AND EXISTS (SELECT 1 FROM homeward.family_member fm WHERE fm.case_id = c.id) "
                                   " ORDER BY c.id LIMIT 1", NULL);
  g_assert_cmpint (case_id, >, 0);
  case_text = id_text (case_id);
  g_assert_cmpint (hw_test_query_int (db, "UPDATE homeward.abduction_case SET assigned_officer_id = homeward.current_officer_id () "
                                          " WHERE id = $1::bigint RETURNING 1", case_text, NULL), ==, 1);
  g_assert_cmpint (hw_test_query_int (db, "UPDATE homeward.person SET birth_date = current_date - interval '17 years 2 months' "
                                          " WHERE id = (SELECT child_id FROM homeward.abduction_case WHERE id = $1::bigint) "
                                          "RETURNING 1", case_text, NULL), ==, 1);

  hw_case_page_set_session (page, session);
  window = window_with (GTK_WIDGET (page), 860, 1800);
  hw_case_page_set_case_id (page, case_id);
  hw_ui_test_wait_for_text (GTK_WIDGET (page), _("No reunion recorded"));
  hw_ui_test_wait_for_text (GTK_WIDGET (page), _("No DNA samples yet"));
  dna = hw_ui_test_find_descendant (GTK_WIDGET (page), g_type_from_name ("HwCaseDna"));
  reunion = hw_ui_test_find_descendant (GTK_WIDGET (page), g_type_from_name ("HwCaseReunion"));

  /* The child is found: recorded from the page. */
  dialog = open_dialog (find_button (reunion, _("Record the _Found Child…")));
  gtk_editable_set_text (GTK_EDITABLE (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 0)), "无名");
  gtk_editable_set_text (GTK_EDITABLE (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 1)), "男孩");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, 0)), 1);
  gtk_editable_set_text (GTK_EDITABLE (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 3)), "深圳市救助站");
  gtk_editable_set_text (GTK_EDITABLE (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 4)), "深圳市儿童福利院");
  respond (dialog, "accept");
  {
    g_autofree char *found = g_strdup_printf (_("Found child %s"), "无名男孩");
    hw_ui_test_wait_for_text (reunion, found);
  }
  g_assert_cmpint (hw_test_query_int (db, "SELECT count (*) FROM homeward.found_child f "
                                          "  JOIN homeward.person p ON p.id = f.person_id AND p.kind = 'child' "
                                          " WHERE f.matched_case_id = $1::bigint AND p.sex = 'male' "
                                          "   AND f.found_place_text = '深圳市救助站' "
                                          "   AND f.care_institution = '深圳市儿童福利院'", case_text, NULL), ==, 1);

  /* Photos shown to the first relative, who consents to a DNA sample. */
  dialog = open_dialog (find_tooltip_button (reunion, _("Record that photos were shown to a relative, and what came of it")));
  gtk_editable_set_text (GTK_EDITABLE (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 0)), "救助站照片三张");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON, 0)), TRUE);
  respond (dialog, "accept");
  {
    const char *query[] = { "SELECT count (*) FROM homeward.verification_step s "
                            "  JOIN homeward.read_step_texts (ARRAY[s.id]) t ON t.step_id = s.id "
                            " WHERE s.case_id = $1::bigint AND s.kind = 'family_identification' "
                            "   AND t.notes LIKE '%救助站照片三张%' "
                            "   AND EXISTS (SELECT 1 FROM homeward.family_member fm WHERE fm.case_id = $1::bigint "
                            "                  AND fm.consent_dna)", case_text };
    hw_test_wait_until (query_is_one, query, 20000);
  }

  /* Samples: the first relative's, then the found child's (the last choice). */
  for (guint i = 0; i < 2; i++)
    {
      GtkDropDown *whose;

      dialog = open_dialog (find_tooltip_button (dna, _("Record a DNA sample of a relative or of the found child")));
      whose = GTK_DROP_DOWN (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, 0));
      if (i == 1)
        gtk_drop_down_set_selected (whose, g_list_model_get_n_items (gtk_drop_down_get_model (whose)) - 1);
      gtk_editable_set_text (GTK_EDITABLE (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 1)), "广东省公安厅物证鉴定中心");
      gtk_editable_set_text (GTK_EDITABLE (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 2)),
                             i == 0 ? "UI-PARENT-1" : "UI-CHILD-1");
      gtk_editable_set_text (GTK_EDITABLE (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 3)), "Goldeneye 20A");
      respond (dialog, "accept");
      hw_ui_test_wait_for_text (dna, i == 0 ? "UI-PARENT-1" : "UI-CHILD-1");
    }
  g_assert_cmpint (hw_test_query_int (db, "SELECT count (*) FROM homeward.dna_sample s "
                                          "  JOIN homeward.dna_custody_event e ON e.sample_id = s.id AND e.event = 'collected' "
                                          "   AND e.officer_id = homeward.current_officer_id () "
                                          " WHERE s.lab_reference IN ('UI-PARENT-1', 'UI-CHILD-1') "
                                          "   AND s.collected_by = homeward.current_officer_id ()", NULL), ==, 2);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count (*) FROM homeward.dna_sample s "
                                          "  JOIN homeward.found_child f ON f.id = s.found_child_id "
                                          " WHERE s.lab_reference = 'UI-CHILD-1' AND f.matched_case_id = $1::bigint",
                                      case_text, NULL), ==, 1);

  /* A lab export with a bad line: nothing imported, the line named. */
  g_assert_true (g_file_set_contents (bad_path, "Sample Name,Marker,Allele 1,Allele 2\n"
                                                "UI-CHILD-1,D8S1179,12,14\n"
                                                "UI-CHILD-1,D21S11,abc,30\n", -1, NULL));
  hw_case_dna_import_file (HW_CASE_DNA (dna), bad);
  hw_test_wait_until (has_message_dialog, &dialog, 20000);
  g_assert_true (hw_ui_test_shows_text (GTK_WIDGET (dialog), "3"));
  save_picture (GTK_WIDGET (dialog), "test-case-lab-import-refused");
  respond (dialog, "close");
  g_assert_cmpint (hw_test_query_int (db, "SELECT count (*) FROM homeward.dna_str_allele a "
                                          "  JOIN homeward.dna_sample s ON s.id = a.sample_id "
                                          " WHERE s.lab_reference = 'UI-CHILD-1'", NULL), ==, 0);
  g_assert_true (g_file_set_contents (good_path, "Sample Name,Marker,Allele 1,Allele 2\n"
                                                 "UI-CHILD-1,D8S1179,12,14\n"
                                                 "UI-CHILD-1,D21S11,28,30\n"
                                                 "UI-CHILD-1,TH01,9.3,\n"
                                                 "UI-PARENT-1,D8S1179,14,15\n"
                                                 "UI-PARENT-1,D21S11,30,31.2\n", -1, NULL));
  hw_case_dna_import_file (HW_CASE_DNA (dna), good);
  {
    g_autofree char *imported = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u locus for %u sample(s)",
                                                              "Imported %u loci for %u sample(s)", 5), 5, 2);
    ImportWait wait = { GTK_WIDGET (window), imported };

    hw_test_wait_until (imported_or_refused, &wait, 20000);
    if (hw_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL)
      {
        g_autofree char *text = hw_ui_test_dup_text (GTK_WIDGET (hw_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG)));
        g_error ("the import was refused: %s", text);
      }
  }
  hw_ui_test_wait_for_text (dna, "TH01 9.3/9.3");

  /* The lab's result, by hand, for the found child's sample. */
  {
    ButtonWait wait = { dna, _("Record a Lab _Result…") };

    hw_test_wait_until (button_shown, &wait, 20000);
  }
  dialog = open_dialog (find_button (dna, _("Record a Lab _Result…")));
  select_containing (GTK_DROP_DOWN (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, 0)), "UI-PARENT-1");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, 1)), 0);
  gtk_editable_set_text (GTK_EDITABLE (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 0)), "abc");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "record"));
  gtk_editable_set_text (GTK_EDITABLE (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 0)), "1,234,567");
  gtk_editable_set_text (GTK_EDITABLE (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 1)), "99.99%");
  gtk_editable_set_text (GTK_EDITABLE (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 2)), "粤公鉴(DNA)2026-118");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "record"));
  respond (dialog, "record");
  {
    ImportWait wait = { GTK_WIDGET (window), _("Lab result recorded") };

    hw_test_wait_until (toast_shown, &wait, 20000);
    if (!hw_ui_test_shows_text (GTK_WIDGET (window), wait.text))
      {
        g_autofree char *text = hw_ui_test_dup_text (GTK_WIDGET (window));
        g_error ("the result was not recorded: %s", strstr (text, "Nothing was recorded"));
      }
  }
  hw_ui_test_wait_for_text (dna, "粤公鉴(DNA)2026-118");
  g_assert_cmpint (hw_test_query_int (db, "SELECT count (*) FROM homeward.read_dna_results ($1::bigint) d "
                                          "  JOIN homeward.dna_sample c ON c.id = d.child_sample_id "
                                          "  JOIN homeward.dna_sample p ON p.id = d.father_sample_id "
                                          " WHERE c.lab_reference = 'UI-CHILD-1' AND p.lab_reference = 'UI-PARENT-1' "
                                          "   AND d.conclusion = 'match' AND d.combined_index = 1234567 "
                                          "   AND d.probability = 0.9999 AND d.report_reference = '粤公鉴(DNA)2026-118'",
                                      case_text, NULL), ==, 1);
  for (GtkWidget *row = hw_ui_test_find_descendant (dna, ADW_TYPE_EXPANDER_ROW); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_EXPANDER_ROW (row))
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), hw_ui_test_shows_text (row, "UI-CHILD-1"));
  save_picture (dna, "test-case-dna-results");

  /* Refused by the database (a rule added for the test): the form comes
   * back with everything typed. */
  {
    g_autofree char *super_info = hw_local_server_get_conninfo (server, NULL, HW_SETUP_DEFAULT_DBNAME);
    g_autoptr(HwDb) super = hw_test_connect (super_info);
    GtkWindow *again = NULL;

    g_assert_true (hw_db_exec_script_sync (super, "ALTER TABLE homeward.reunion ADD CONSTRAINT test_refused "
                                                  "CHECK (notes IS DISTINCT FROM '测试拒绝')", NULL, NULL));
    dialog = open_dialog (find_tooltip_button (reunion, _("Record the reunion for a supervisor's sign-off")));
    gtk_editable_set_text (GTK_EDITABLE (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 0)), day);
    gtk_editable_set_text (GTK_EDITABLE (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 1)), "深圳市救助站会见室");
    gtk_drop_down_set_selected (GTK_DROP_DOWN (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, 0)), 1);
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (hw_ui_test_find_descendant (GTK_WIDGET (dialog),
                                                                                                     GTK_TYPE_TEXT_VIEW))),
                              "测试拒绝", -1);
    respond (dialog, "record");
    hw_test_wait_until (has_message_dialog, &again, 20000);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (nth_of_type (GTK_WIDGET (again), GTK_TYPE_ENTRY, 1))), ==,
                     "深圳市救助站会见室");
    g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (nth_of_type (GTK_WIDGET (again), GTK_TYPE_DROP_DOWN, 0))),
                      ==, 1);
    respond (again, "cancel");
    g_assert_true (hw_db_exec_script_sync (super, "ALTER TABLE homeward.reunion DROP CONSTRAINT test_refused", NULL,
                                           NULL));
    g_assert_cmpint (hw_test_query_int (db, "SELECT count (*) FROM homeward.reunion WHERE case_id = $1::bigint",
                                        case_text, NULL), ==, 0);
  }

  /* The reunion: the child is 17, so their own decision is required. */
  dialog = open_dialog (find_tooltip_button (reunion, _("Record the reunion for a supervisor's sign-off")));
  gtk_editable_set_text (GTK_EDITABLE (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 0)), day);
  gtk_editable_set_text (GTK_EDITABLE (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 1)), "深圳市救助站会见室");
  gtk_editable_set_text (GTK_EDITABLE (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 2)), "父亲、母亲、外婆");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON, 0)), TRUE);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "record"));
  g_assert_true (hw_ui_test_shows_text (GTK_WIDGET (dialog), _("Record the child's own decision: they are 16 or older.")));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, 0)), 1);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "record"));
  save_picture (GTK_WIDGET (dialog), "test-case-reunion-form");
  respond (dialog, "record");
  hw_ui_test_wait_for_text (reunion, _("Awaiting sign-off"));
  g_assert_cmpint (hw_test_query_int (db, "SELECT count (*) FROM homeward.reunion r "
                                          " WHERE r.case_id = $1::bigint AND r.child_decision = 'return' "
                                          "   AND r.place = '深圳市救助站会见室' AND cardinality (r.officers) = 1 "
                                          "   AND r.proposed_by = homeward.current_officer_id ()", case_text, NULL), ==, 1);

  /* Changed before the sign-off: the form comes back filled in. */
  {
    ButtonWait wait = { reunion, _("_Change…") };

    hw_test_wait_until (button_shown, &wait, 20000);
  }
  dialog = open_dialog (find_button (reunion, _("_Change…")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 1))), ==,
                   "深圳市救助站会见室");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON, 0))));
  gtk_editable_set_text (GTK_EDITABLE (nth_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 1)), "深圳市救助站接待室");
  respond (dialog, "record");
  hw_ui_test_wait_for_text (reunion, "深圳市救助站接待室");

  /* The case is located; a supervisor signs off; the case is reunited. */
  hw_test_query_int (db, "WITH u AS (UPDATE homeward.abduction_case SET status = 'investigating' "
                         " WHERE id = $1::bigint AND status = 'open' RETURNING 1) SELECT count (*) FROM u",
                     case_text, NULL);
  g_assert_cmpint (hw_test_query_int (db, "UPDATE homeward.abduction_case SET status = 'located' "
                                          " WHERE id = $1::bigint RETURNING 1", case_text, NULL), ==, 1);
  g_assert_cmpint (hw_test_query_int (supervisor, "UPDATE homeward.reunion "
                                                  "   SET signed_off_by = homeward.current_officer_id () "
                                                  " WHERE case_id = $1::bigint RETURNING 1", case_text, NULL), ==, 1);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count (*) FROM homeward.abduction_case "
                                          " WHERE id = $1::bigint AND status = 'reunited'", case_text, NULL), ==, 1);
  hw_ui_test_wait_for_text (reunion, _("Signed off"));
  button = find_tooltip_button (reunion, _("Record the reunion for a supervisor's sign-off"));
  g_assert_false (gtk_widget_get_visible (button));
  save_picture (reunion, "test-case-reunion");

  gtk_window_destroy (window);
  g_unlink (bad_path);
  g_unlink (good_path);
  g_rmdir (dir);
}

static gboolean
exported_or_failed (gpointer data)
{
  ImportWait *wait = data;
  g_autofree char *text = hw_ui_test_dup_text (wait->widget);
  g_autofree char *failed = g_strdup_printf (_("The report was not written: %s"), "");

  return strstr (text, wait->text) != NULL || strstr (text, failed) != NULL;
}

/* Waits for the toast that says @file was exported (and offers to open it). */
static void
wait_for_open (GtkWidget *window,
               GFile     *file)
{
  g_autofree char *format = g_strdup (g_dngettext (GETTEXT_PACKAGE, "Exported %s (%u page)", "Exported %s (%u pages)", 2));
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *expected = NULL;
  ImportWait wait = { window, NULL };
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  /* "Exported NAME": the message up to the page count. */
  *strstr (format, "%s") = '\0';
  expected = g_strconcat (format, name, NULL);
  wait.text = expected;
  while (!exported_or_failed (&wait) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  if (!hw_ui_test_shows_text (window, expected))
    {
      g_autofree char *text = hw_ui_test_dup_text (window);
      g_error ("not exported: %s", text);
    }
}

/* Pages of a PDF as pdfinfo counts them, or -1 without pdfinfo. */
static int
pdf_pages (const char *path)
{
  g_autofree char *out = NULL;
  g_autofree char *command = NULL;
  const char *line;
  int status = 0;

  if (g_find_program_in_path ("pdfinfo") == NULL)
    return -1;
  command = g_strdup_printf ("pdfinfo '%s'", path);
  g_assert_true (g_spawn_command_line_sync (command, &out, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);
  line = strstr (out, "Pages:");
  g_assert_nonnull (line);
  return atoi (line + strlen ("Pages:"));
}

/* The case report out of the case page: Report ▸ Export PDF… asks for the
 * options; exported, a toast offers to open it; printed (through the print
 * path, to a file) the same pages come out. */
static void
test_case_report (void)
{
  HwCasePage *page = hw_case_page_new ();
  g_autofree char *dir = g_dir_make_tmp ("hw-report-XXXXXX", NULL);
  /* Kept for people to look at, as the pictures are. */
  g_autofree char *exported = g_test_build_filename (G_TEST_BUILT, g_strcmp0 (g_getenv ("LANGUAGE"), "zh_CN") == 0
                                                     ? "test-case-report-zh_CN.pdf" : "test-case-report.pdf", NULL);
  g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *case_number = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (exported);
  g_autoptr(HwReportOptions) options = hw_report_options_new ();
  GtkWindow *window, *dialog;
  gint64 case_id;
  gsize length = 0;

  case_id = hw_test_query_int (db, "SELECT c.id FROM homeward.abduction_case c "
                                   " WHERE c.unit_id = homeward.current_unit_id () "
                                   "   AND EXISTS (SELECT 1 FROM homeward.case_link l WHERE l.case_id = c.id) "
                                   " ORDER BY c.id LIMIT 1", NULL);
  {
    g_autofree char *id = id_text (case_id);
    g_autoptr(HwDbResult) rows = hw_test_query (db, "SELECT case_number FROM homeward.abduction_case WHERE id = $1::bigint",
                                                id, NULL);
    case_number = g_strdup (hw_db_result_get_string (rows, 0, 0));
  }

  hw_case_page_set_session (page, session);
  window = window_with (GTK_WIDGET (page), 860, 1000);
  hw_case_page_set_case_id (page, case_id);
  hw_ui_test_wait_for_text (GTK_WIDGET (page), case_number);
  hw_ui_test_wait_settled (GTK_WIDGET (page));

  /* The menu's Export PDF… asks for the options first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.export-report", NULL));
  dialog = NULL;
  hw_test_wait_until (has_message_dialog, &dialog, 20000);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (nth_of_type (GTK_WIDGET (dialog),
                                                                             GTK_TYPE_CHECK_BUTTON, 0))));
  save_picture (GTK_WIDGET (dialog), "test-case-report-options");
  respond (dialog, "cancel");

  /* Exported: the toast offers to open it. */
  hw_case_report_export_to (GTK_WIDGET (page), session, case_id, options, file);
  wait_for_open (GTK_WIDGET (window), file);
  g_assert_true (g_file_get_contents (exported, &contents, &length, NULL));
  g_assert_true (length > 1000 && g_str_has_prefix (contents, "%PDF-"));

  /* Printed, to a file through GtkPrintOperation: the same pages. */
  hw_case_report_print (GTK_WIDGET (page), session, case_id, options, GTK_PRINT_OPERATION_ACTION_EXPORT, printed);
  hw_ui_test_wait_for_text (GTK_WIDGET (window), _("Case report sent to the printer"));
  g_assert_true (g_file_test (printed, G_FILE_TEST_IS_REGULAR));
  if (pdf_pages (exported) >= 0)
    g_assert_cmpint (pdf_pages (printed), ==, pdf_pages (exported));

  gtk_window_destroy (window);
  g_unlink (printed);
  g_rmdir (dir);
}

/* Another unit's case: its DNA and reunion parts offer nothing to record
 * (the database would refuse it). */
static void
test_other_unit_read_only (void)
{
  HwCasePage *page = hw_case_page_new ();
  GtkWidget *dna, *reunion, *add;
  GtkWindow *window;
  gint64 case_id;

  case_id = hw_test_query_int (db, "SELECT id FROM homeward.abduction_case "
                                   " WHERE unit_id <> homeward.current_unit_id () ORDER BY id LIMIT 1", NULL);
  hw_case_page_set_session (page, session);
  window = window_with (GTK_WIDGET (page), 860, 1600);
  hw_case_page_set_case_id (page, case_id);
  hw_ui_test_wait_for_text (GTK_WIDGET (page), _("No reunion recorded"));
  hw_ui_test_wait_settled (GTK_WIDGET (page));
  dna = hw_ui_test_find_descendant (GTK_WIDGET (page), g_type_from_name ("HwCaseDna"));
  reunion = hw_ui_test_find_descendant (GTK_WIDGET (page), g_type_from_name ("HwCaseReunion"));

  add = find_tooltip_button (dna, _("Record a DNA sample of a relative or of the found child"));
  g_assert_false (gtk_widget_is_visible (add));
  add = find_tooltip_button (reunion, _("Record the reunion for a supervisor's sign-off"));
  g_assert_false (gtk_widget_is_visible (add));
  g_assert_null (find_button (reunion, _("Record the _Found Child…")));
  gtk_window_destroy (window);
}

static gboolean
dashboard_shown (gpointer data)
{
  return hw_dashboard_view_get_dashboard (data) != NULL;
}

/* The dashboard's figures are the database's counts; drawn for people to
 * look at (test-dashboard.png, -zh_CN). */
static void
test_dashboard (void)
{
  HwDashboardView *view = HW_DASHBOARD_VIEW (hw_dashboard_view_new ());
  HwDashboard *dashboard;
  GtkWindow *window;

  window = window_with (GTK_WIDGET (view), 620, 1500);
  hw_dashboard_view_set_db (view, db);
  hw_test_wait_until (dashboard_shown, view, 20000);
  dashboard = hw_dashboard_view_get_dashboard (view);

  g_assert_cmpint (hw_dashboard_count (dashboard->cases, "investigating"), ==,
                   hw_test_query_int (db, "SELECT count (*) FROM homeward.abduction_case "
                                          " WHERE unit_id = homeward.current_unit_id () AND status = 'investigating'", NULL));
  g_assert_cmpint (dashboard->untriaged_total, ==,
                   hw_test_query_int (db, "SELECT count (*) FROM homeward.sighting "
                                          " WHERE unit_id = homeward.current_unit_id () AND status = 'new'", NULL));
  g_assert_cmpint (dashboard->workload->len, ==,
                   hw_test_query_int (db, "SELECT count (*) FROM homeward.officer "
                                          " WHERE unit_id = homeward.current_unit_id () AND active", NULL));
  hw_ui_test_wait_for_text (GTK_WIDGET (view), _("The Last 26 Weeks"));
  save_picture (GTK_WIDGET (view), "test-dashboard");

  /* The charts read in the dark style too. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_widget_queue_draw (GTK_WIDGET (view));
  save_picture (GTK_WIDGET (window), "test-dashboard-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (window);
}

/* The unit's weekly summary out of the dashboard: the button asks for the
 * period; exported, the PDF lists the unit's open cases. */
static void
test_dashboard_summary (void)
{
  HwDashboardView *view = HW_DASHBOARD_VIEW (hw_dashboard_view_new ());
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, g_strcmp0 (g_getenv ("LANGUAGE"), "zh_CN") == 0
                                                 ? "test-unit-summary-zh_CN.pdf" : "test-unit-summary.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) from = g_date_time_add_days (now, -30);
  GtkWindow *window, *dialog = NULL;

  g_unlink (path);
  window = window_with (GTK_WIDGET (view), 620, 900);
  hw_dashboard_view_set_db (view, db);
  hw_test_wait_until (dashboard_shown, view, 20000);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "dashboard.export-summary", NULL));
  hw_test_wait_until (has_message_dialog, &dialog, 20000);
  save_picture (GTK_WIDGET (dialog), "test-dashboard-summary-options");
  respond (dialog, "cancel");

  hw_summary_report_export_to (GTK_WIDGET (view), db, from, now, file);
  wait_for_open (GTK_WIDGET (window), file);
  if (g_find_program_in_path ("pdftotext") != NULL)
    {
      g_autofree char *command = g_strdup_printf ("pdftotext '%s' -", path);
      g_autofree char *text = NULL;
      g_autofree char *first_open = NULL;
      g_autoptr(HwDbResult) rows = hw_test_query (db, "SELECT case_number FROM homeward.abduction_case "
                                                      " WHERE unit_id = homeward.current_unit_id () "
                                                      "   AND status = 'investigating' ORDER BY id LIMIT 1", NULL);
      int status = 0;

      g_assert_true (g_spawn_command_line_sync (command, &text, NULL, &status, NULL));
      g_assert_cmpint (status, ==, 0);
      if (hw_db_result_get_n_rows (rows) > 0)
        g_assert_nonnull (strstr (text, hw_db_result_get_string (rows, 0, 0)));
    }
  else
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HwDemoImage) image = NULL;
  HwDemoSize demo = { DEMO_CASES, DEMO_SIGHTINGS, 1 };
  g_autofree char *conninfo = NULL;
  int status;

  g_setenv ("GTK_A11Y", "none", FALSE);

  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--language="))
      {
        g_setenv ("LANGUAGE", argv[i] + strlen ("--language="), TRUE);
        memmove (&argv[i], &argv[i + 1], (size_t) (argc - i) * sizeof (char *));
        argc--;
        i--;
      }

  gtk_test_init (&argc, &argv, NULL);
  if (g_strcmp0 (setlocale (LC_ALL, ""), "C") == 0)
    setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("HOMEWARD_LOCALEDIR") != NULL ? g_getenv ("HOMEWARD_LOCALEDIR")
                                                                          : HW_SOURCE_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  adw_init ();

  g_test_add_func ("/ui/sighting/intake-with-photo", test_intake_with_photo);
  g_test_add_func ("/ui/sighting/intake-refused-keeps-form", test_intake_refused_keeps_form);
  g_test_add_func ("/ui/sighting/repost-group-visible", test_repost_group_visible);
  g_test_add_func ("/ui/sighting/link-and-step", test_link_and_step);
  g_test_add_func ("/ui/sighting/claim-taken", test_claim_taken);
  g_test_add_func ("/ui/sighting/triage-many", test_triage_many);
  g_test_add_func ("/ui/dashboard/figures", test_dashboard);
  g_test_add_func ("/ui/dashboard/summary", test_dashboard_summary);
  g_test_add_func ("/ui/case/dna", test_case_dna);
  g_test_add_func ("/ui/dashboard/reunion-sign-off", test_reunion_sign_off);
  g_test_add_func ("/ui/case/path-to-reunion", test_path_to_reunion);
  g_test_add_func ("/ui/case/report", test_case_report);
  g_test_add_func ("/ui/case/other-unit-read-only", test_other_unit_read_only);

  hw_test_cluster_start ();
  server = hw_test_cluster_get_server ();
  hw_setup_embedded_sync (server, &demo, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  conninfo = hw_local_server_get_conninfo (server, HW_SETUP_DEMO_OFFICER, HW_SETUP_DEFAULT_DBNAME);
  db = hw_test_connect (conninfo);
  hw_db_listen (db, HW_DB_CHANNEL);
  session = hw_session_load_sync (db, NULL, &error);
  g_assert_no_error (error);

  /* A photo no demo sighting has: the repost group is only the two made here. */
  image = hw_demo_image_new (987654321, 640, 480, 85, &error);
  g_assert_no_error (error);
  photo = g_bytes_ref (image->content);

  status = g_test_run ();

  g_clear_pointer (&photo, g_bytes_unref);
  g_clear_object (&session);
  g_clear_object (&db);
  hw_test_cluster_stop ();

  return status;
}
