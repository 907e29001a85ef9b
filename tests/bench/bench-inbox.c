/* bench-inbox.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Benchmark (not a test): the inbox's first rows (issue 4: target < 400 ms
 * with 1,000,000 sightings), as the app reads them: connect without
 * blocking, read the session, then the first page of the inbox model; then
 * the first page in the other order and scopes, and pages deep down the list.
 *
 *   bench-inbox CONNINFO      (run by tests/bench/bench-inbox.sh)
 */

#include "config.h"

#include <adwaita.h>

#include "hw-db.h"
#include "hw-inbox-model.h"
#include "hw-session.h"
#include "hw-sighting-store.h"

#define RUNS 20

static gboolean done;

static void
connected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!hw_db_connect_finish (HW_DB (object), result, &error))
    g_error ("connect: %s", error->message);
  done = TRUE;
}

static void
session_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(HwSession **) user_data = hw_session_load_finish (result, &error);
  if (error != NULL)
    g_error ("session: %s", error->message);
}

static void
counts_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!hw_sighting_store_counts_finish (HW_SIGHTING_STORE (object), result, user_data, &error))
    g_error ("counts: %s", error->message);
  done = TRUE;
}

static void
wait_for (gboolean *flag)
{
  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
loaded (HwInboxModel *model)
{
  return !hw_inbox_model_get_loading (model);
}

static double
first_page (HwSightingStore *store,
            HwInboxOrder     order,
            HwInboxScope     scope,
            guint           *n_rows)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(HwInboxModel) model = hw_inbox_model_new (store);

  hw_inbox_model_set_order (model, order);
  hw_inbox_model_set_scope (model, scope);
  while (!loaded (model))
    g_main_context_iteration (NULL, TRUE);
  *n_rows = g_list_model_get_n_items (G_LIST_MODEL (model));

  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        double     *times,
        guint       n,
        guint       n_rows)
{
  qsort (times, n, sizeof (double), compare_doubles);
  g_print ("%-40s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms  (%u rows)\n", what,
           times[n / 2], times[MIN (n - 1, (guint) (n * 0.95))], times[n - 1], n_rows);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwSightingStore) store = NULL;
  HwSession *session = NULL;
  double times[RUNS];
  guint n_rows = 0;
  gint64 start;

  if (argc != 2)
    g_error ("usage: bench-inbox CONNINFO");

  /* As the window does: from nothing to the first rows. */
  start = g_get_monotonic_time ();
  db = hw_db_new (argv[1]);
  hw_db_connect_async (db, NULL, connected_cb, NULL);
  wait_for (&done);
  hw_db_listen (db, HW_DB_CHANNEL);
  hw_session_load_async (db, NULL, session_cb, &session);
  while (session == NULL)
    g_main_context_iteration (NULL, TRUE);
  store = hw_sighting_store_new (session);
  {
    g_autoptr(HwInboxModel) model = hw_inbox_model_new (store);

    while (!loaded (model))
      g_main_context_iteration (NULL, TRUE);
    g_print ("%-40s %6.1f ms  (%u rows)\n", "connect + session + first rows",
             (g_get_monotonic_time () - start) / 1000.0, g_list_model_get_n_items (G_LIST_MODEL (model)));
  }

  for (guint i = 0; i < RUNS; i++)
    times[i] = first_page (store, HW_INBOX_NEWEST, HW_INBOX_ALL, &n_rows);
  report ("first rows, newest first", times, RUNS, n_rows);
  for (guint i = 0; i < RUNS; i++)
    times[i] = first_page (store, HW_INBOX_URGENT, HW_INBOX_ALL, &n_rows);
  report ("first rows, most urgent first", times, RUNS, n_rows);
  for (guint i = 0; i < RUNS; i++)
    times[i] = first_page (store, HW_INBOX_NEWEST, HW_INBOX_OVERDUE, &n_rows);
  report ("first rows, overdue", times, RUNS, n_rows);
  for (guint i = 0; i < RUNS; i++)
    times[i] = first_page (store, HW_INBOX_NEWEST, HW_INBOX_MINE, &n_rows);
  report ("first rows, mine", times, RUNS, n_rows);

  /* Scrolling: each next page is read after the last row shown. */
  {
    g_autoptr(HwInboxModel) model = hw_inbox_model_new (store);
    double pages[50];

    while (!loaded (model))
      g_main_context_iteration (NULL, TRUE);
    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        gint64 page_start = g_get_monotonic_time ();

        hw_inbox_model_load_more (model);
        while (!loaded (model))
          g_main_context_iteration (NULL, TRUE);
        pages[i] = (g_get_monotonic_time () - page_start) / 1000.0;
      }
    report ("next page (50 pages down)", pages, G_N_ELEMENTS (pages),
            g_list_model_get_n_items (G_LIST_MODEL (model)));
  }

  /* The sidebar's counts. */
  {
    double count_times[RUNS];
    HwInboxCounts counts = { 0 };

    for (guint i = 0; i < RUNS; i++)
      {
        gint64 count_start = g_get_monotonic_time ();

        done = FALSE;
        hw_sighting_store_counts_async (store, NULL, counts_cb, &counts);
        wait_for (&done);
        count_times[i] = (g_get_monotonic_time () - count_start) / 1000.0;
      }
    report ("sidebar counts", count_times, RUNS, 1);
    g_print ("inbox %" G_GINT64_FORMAT ", overdue %" G_GINT64_FORMAT ", mine %" G_GINT64_FORMAT "\n",
             counts.inbox, counts.overdue, counts.mine);
  }

  g_object_unref (session);
  return 0;
}
