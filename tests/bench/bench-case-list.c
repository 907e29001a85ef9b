/* bench-case-list.c — benchmark of the case list (not a test)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by tests/bench/bench-case-list.sh on a cluster with demo data, under a
 * real display:
 *
 *   bench-case-list CONNINFO
 *
 * Prints:
 *   - the time from start (connecting) to the first rows drawn in the window;
 *   - search latency, p50/p95, for names of one, two and three characters,
 *     pinyin and phone numbers: from setting the filter to the first page in
 *     the model (the database's part is most of it), and to the total count;
 *   - the longest gap between frames while a search is typed into the window,
 *     one character every 120 ms;
 *   - the RSS after scrolling through the whole list.
 */

#include "config.h"

#include <adwaita.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "hw-case-list-model.h"
#include "hw-case-summary.h"
#include "hw-db.h"
#include "hw-i18n.h"
#include "hw-schema.h"
#include "hw-test-cluster.h"
#include "ui/hw-ui-test-util.h"
#include "hw-window.h"

#define SAMPLES 20

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
store_result_cb (GObject      *object,
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

static gboolean
first_row_loaded (gpointer data)
{
  GListModel *model = data;
  g_autoptr(HwCaseSummary) first = NULL;

  if (g_list_model_get_n_items (model) == 0)
    return FALSE;

  first = g_list_model_get_item (model, 0);

  return !hw_case_summary_get_loading (first);
}

static gboolean changed;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added)
{
  changed = TRUE;
}

/* The new first page replaced the rows (or the count says there are none). */
static gboolean
first_page_or_empty (gpointer data)
{
  return changed || !hw_case_list_model_get_loading (HW_CASE_LIST_MODEL (data));
}

static gboolean
counted (gpointer data)
{
  return !hw_case_list_model_get_loading (HW_CASE_LIST_MODEL (data));
}

/* Frames */

typedef struct
{
  gint64 last;
  gint64 max_gap;
  guint  n_frames;
} Frames;

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Frames *frames = user_data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (frames->last != 0)
    frames->max_gap = MAX (frames->max_gap, now - frames->last);
  frames->last = now;
  frames->n_frames++;

  return G_SOURCE_CONTINUE;
}

static gboolean
n_frames_at_least (gpointer data)
{
  Frames *frames = data;

  /* A tick comes before its frame is drawn: the second one follows the
   * first frame drawn since. */
  return frames->n_frames >= 2;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        GArray     *times)
{
  g_array_sort (times, compare_double);
  printf ("  %-26s n=%u  p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms\n", what, times->len,
          g_array_index (times, double, times->len / 2),
          g_array_index (times, double, MIN (times->len - 1, (times->len * 95) / 100)),
          g_array_index (times, double, times->len - 1));
}

static void
bench_searches (HwCaseListModel *model,
                HwDb            *db,
                const char      *what,
                const char      *sample_sql)
{
  g_autoptr(HwDbResult) samples = hw_test_query (db, sample_sql, NULL);
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
  guint64 n_results = 0;
  g_autofree char *label_first = g_strdup_printf ("%s, first page", what);
  g_autofree char *label_total = g_strdup_printf ("%s, with count", what);

  /* The sample query above reads the whole person table; one search first
   * brings the list's own pages back into the server's cache, so that its
   * first figure measures the search and not this benchmark's sampling. */
  {
    HwCaseFilter warm = { .search = (char *) "预热" };

    hw_case_list_model_set_filter (model, &warm);
    hw_test_wait_until (counted, model, 30000);
    hw_case_list_model_set_filter (model, NULL);
    hw_test_wait_until (counted, model, 30000);
  }

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), NULL);

  for (guint i = 0; i < hw_db_result_get_n_rows (samples); i++)
    {
      HwCaseFilter filter = { 0 };
      gint64 start;

      filter.search = (char *) hw_db_result_get_string (samples, i, 0);
      changed = FALSE;
      start = g_get_monotonic_time ();
      hw_case_list_model_set_filter (model, &filter);
      hw_test_wait_until (first_page_or_empty, model, 30000);
      g_array_append_val (first, (double) { ms_since (start) });
      hw_test_wait_until (counted, model, 30000);
      g_array_append_val (total, (double) { ms_since (start) });
      n_results += g_list_model_get_n_items (G_LIST_MODEL (model));

      hw_case_list_model_set_filter (model, NULL);
      hw_test_wait_until (counted, model, 30000);
    }

  g_signal_handlers_disconnect_by_func (model, items_changed_cb, NULL);
  report (label_first, first);
  report (label_total, total);
  printf ("  %-26s %.0f cases found on average\n", "",
          (double) n_results / MAX (1, hw_db_result_get_n_rows (samples)));
}

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return -1;

  return strtol (line + strlen ("VmRSS:"), NULL, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwDb) other = NULL;
  g_autoptr(HwCaseListModel) search_model = NULL;
  g_autoptr(GError) error = NULL;
  HwWindow *window;
  GListModel *model;
  GtkWidget *search;
  GtkAdjustment *adjustment;
  Frames frames = { 0 };
  guint tick;
  gint64 start;
  double first_rows;
  const char *typed = "李明";
  GAsyncResult *async_result = NULL;
  g_autofree char *phone_query = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: %s CONNINFO\n", argv[0]);
      return 2;
    }

  /* Lines as they come, also into a file. */
  setvbuf (stdout, NULL, _IOLBF, 0);

  hw_i18n_init ();
  gtk_init ();
  adw_init ();

  /* Start to first rows drawn, in the application's order: the window
   * shows at once (saying it is connecting), then the connection, the
   * schema check, and the list. */
  start = g_get_monotonic_time ();
  window = hw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 760);
  hw_window_show_loading (window, "Connecting…");
  gtk_window_present (GTK_WINDOW (window));
  printf ("  window presented: %.0f ms\n", ms_since (start));

  /* As the application does: connecting and checking the schema run while
   * the main loop draws the window. */
  db = hw_db_new (argv[1]);
  hw_db_connect_async (db, NULL, store_result_cb, &async_result);
  hw_test_wait_until (has_result, &async_result, 30000);
  hw_db_connect_finish (db, async_result, &error);
  g_assert_no_error (error);
  g_clear_object (&async_result);
  printf ("  connected: %.0f ms\n", ms_since (start));
  hw_db_listen (db, HW_DB_CHANNEL);
  hw_schema_check_async (db, NULL, store_result_cb, &async_result);
  hw_test_wait_until (has_result, &async_result, 30000);
  hw_schema_check_finish (db, async_result, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&async_result);
  printf ("  schema checked: %.0f ms\n", ms_since (start));

  hw_window_set_db (window, db);
  model = G_LIST_MODEL (hw_window_get_case_model (window));
  hw_test_wait_until (first_row_loaded, model, 30000);
  printf ("  first page in the model: %.0f ms\n", ms_since (start));
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, &frames, NULL);
  hw_test_wait_until (n_frames_at_least, &frames, 30000);
  first_rows = ms_since (start);
  /* A tick callback keeps the frame clock running: only while measuring. */
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);
  hw_test_wait_until (counted, model, 30000);
  printf ("cases: %u\n", g_list_model_get_n_items (model));
  printf ("start to first rows drawn: %.0f ms (to the full count: %.0f ms); RSS %.1f MiB\n",
          first_rows, ms_since (start), rss_kib () / 1024.0);

  /* The connection's own round trip, for reference. */
  {
    g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; i < SAMPLES; i++)
      {
        g_autoptr(HwDbResult) one = NULL;
        gint64 t = g_get_monotonic_time ();

        one = hw_db_query_sync (db, "SELECT 1", NULL, 0, NULL, &error);
        g_assert_no_error (error);
        g_array_append_val (times, (double) { ms_since (t) });
      }
    report ("round trip (SELECT 1)", times);
  }

  /* Search latency: a model of its own on a second connection, not shown, so
   * that drawing frames does not count as waiting for the database. */
  other = hw_test_connect (argv[1]);
  search_model = hw_case_list_model_new (other);
  hw_test_wait_until (counted, search_model, 30000);
  printf ("search latency (set filter -> rows in the model; no window):\n");

  /* The first search of a connection also loads the search functions and
   * plans them: once per connection, reported on its own. */
  {
    HwCaseFilter filter = { .search = (char *) "预热" };
    gint64 t = g_get_monotonic_time ();

    hw_case_list_model_set_filter (search_model, &filter);
    hw_test_wait_until (counted, search_model, 30000);
    printf ("  first search of a connection: %.1f ms\n", ms_since (t));
    hw_case_list_model_set_filter (search_model, NULL);
    hw_test_wait_until (counted, search_model, 30000);
  }

  bench_searches (search_model, other, "one character",
                  "SELECT DISTINCT family_name FROM homeward.person "
                  "WHERE kind = 'child' AND length (family_name) = 1 ORDER BY 1 LIMIT " G_STRINGIFY (SAMPLES));
  bench_searches (search_model, other, "two characters",
                  "SELECT given_name FROM homeward.person WHERE kind = 'child' "
                  "AND length (given_name) = 2 ORDER BY id % 997, id LIMIT " G_STRINGIFY (SAMPLES));
  bench_searches (search_model, other, "three characters",
                  "SELECT family_name || given_name FROM homeward.person WHERE kind = 'child' "
                  "AND length (family_name || given_name) = 3 ORDER BY id % 991, id LIMIT " G_STRINGIFY (SAMPLES));
  bench_searches (search_model, other, "pinyin",
                  "SELECT lower (given_name_latin) FROM homeward.person WHERE kind = 'child' "
                  "AND given_name_latin IS NOT NULL ORDER BY id % 983, id LIMIT " G_STRINGIFY (SAMPLES));
  phone_query = g_strdup ("SELECT regexp_replace (fm.phone, '[^0-9]', '', 'g') FROM homeward.family_member fm "
                          "WHERE fm.phone IS NOT NULL ORDER BY fm.id % 977, fm.id LIMIT " G_STRINGIFY (SAMPLES));
  bench_searches (search_model, other, "phone number", phone_query);

  /* Typing into the window: no frame may wait on the database. */
  search = hw_ui_test_find_list_search (GTK_WIDGET (window));
  g_assert_nonnull (search);
  frames.max_gap = 0;
  frames.last = 0;
  frames.n_frames = 0;
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, &frames, NULL);
  for (const char *p = typed; *p; p = g_utf8_next_char (p))
    {
      g_autofree char *text = g_strndup (typed, g_utf8_next_char (p) - typed);
      gint64 until = g_get_monotonic_time () + 120 * 1000;

      gtk_editable_set_text (GTK_EDITABLE (search), text);
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
  hw_test_wait_until (counted, model, 30000);
  printf ("typing \"%s\": longest gap between frames %.1f ms (%u frames)\n", typed,
          frames.max_gap / 1000.0, frames.n_frames);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  hw_test_wait_until (counted, model, 30000);
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);

  printf ("RSS before scrolling: %.1f MiB\n", rss_kib () / 1024.0);

  /* The rows alone, without a view: every row of a model of its own. */
  {
    GListModel *rows = G_LIST_MODEL (search_model);
    long before = rss_kib ();

    hw_case_list_model_set_filter (search_model, NULL);
    hw_test_wait_until (counted, search_model, 30000);
    for (guint row = 0; row < g_list_model_get_n_items (rows); row += 200)
      {
        g_autoptr(HwCaseSummary) summary = g_list_model_get_item (rows, row);

        while (hw_case_summary_get_loading (summary))
          g_main_context_iteration (NULL, TRUE);
      }
    printf ("all %u rows read through by a model without a view (it keeps the recent pages): +%.1f MiB\n",
            g_list_model_get_n_items (rows), (rss_kib () - before) / 1024.0);
  }

  /* Only the window's own model counts from here on, as in the application. */
  g_clear_object (&search_model);
  malloc_trim (0);
  printf ("RSS without that model: %.1f MiB\n", rss_kib () / 1024.0);

  /* Scroll through everything, a screen at a time, waiting for the rows. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (hw_ui_test_find_descendant (GTK_WIDGET (window),
                                                                                GTK_TYPE_COLUMN_VIEW)));
  g_assert_nonnull (adjustment);
  start = g_get_monotonic_time ();
  {
    guint n = g_list_model_get_n_items (model);

    for (guint row = 0; row < n; row += 200)
      {
        g_autoptr(HwCaseSummary) summary = NULL;
        double upper = gtk_adjustment_get_upper (adjustment);

        gtk_adjustment_set_value (adjustment, upper * row / n);
        while (g_main_context_iteration (NULL, FALSE))
          ;
        summary = g_list_model_get_item (model, row);
        while (hw_case_summary_get_loading (summary))
          g_main_context_iteration (NULL, TRUE);
      }
  }
  malloc_trim (0);
  printf ("scrolled through %u cases in %.1f s; RSS %.1f MiB\n",
          g_list_model_get_n_items (model), ms_since (start) / 1000.0, rss_kib () / 1024.0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&search_model);
  hw_db_close (other);
  hw_db_close (db);

  return 0;
}
