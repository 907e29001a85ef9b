/* hw-setup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-setup"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-demo-data.h"
#include "hw-schema.h"
#include "hw-setup.h"

/* Creating and migrating a database, and the embedded server's first run.
 * These block: the CLI calls them directly, the GUI through
 * hw_setup_embedded_async(), which runs them on a thread with a main context
 * of its own. */

/**
 * hw_setup_init_database_sync:
 * @admin_conninfo: the server and database, as a role that may create them
 * @created: (out) (optional): whether the database was created
 * @n_applied: (out) (optional): how many migrations were applied
 *
 * Creates the database named in @admin_conninfo ("homeward" if it names
 * none) unless it exists, then applies the migrations it lacks. Running it
 * again changes nothing.
 */
gboolean
hw_setup_init_database_sync (const char    *admin_conninfo,
                             gboolean      *created,
                             guint         *n_applied,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autofree char *dbname = NULL;
  g_autofree char *target = NULL;
  g_autoptr(HwDb) db = NULL;

  g_return_val_if_fail (admin_conninfo != NULL, FALSE);

  if (!hw_db_check_conninfo (admin_conninfo, error))
    return FALSE;

  dbname = hw_db_conninfo_get (admin_conninfo, "dbname");
  if (dbname == NULL || dbname[0] == '\0')
    {
      g_free (dbname);
      dbname = g_strdup (HW_SETUP_DEFAULT_DBNAME);
    }

  if (!hw_schema_create_database_sync (admin_conninfo, dbname, created, cancellable, error))
    return FALSE;

  if (!(target = hw_db_conninfo_with (admin_conninfo, "dbname", dbname, error)))
    return FALSE;

  db = hw_db_new (target);
  hw_db_set_reconnect (db, FALSE);

  if (!hw_db_connect_sync (db, cancellable, error))
    return FALSE;

  return hw_schema_migrate_sync (db, n_applied, cancellable, error);
}

/**
 * hw_setup_embedded_sync:
 * @demo: (nullable): the size of the demo data loaded into a new database
 * @progress: (nullable) (scope call): told how loading the demo data goes,
 *   on this thread
 *
 * Starts the embedded server (counting this process as a client), creates
 * and migrates its database, and loads demo data the first time.
 */
gboolean
hw_setup_embedded_sync (HwLocalServer     *server,
                        const HwDemoSize  *demo,
                        HwDemoProgress     progress,
                        gpointer           progress_data,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autofree char *conninfo = NULL;
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwDbResult) units = NULL;

  g_return_val_if_fail (HW_IS_LOCAL_SERVER (server), FALSE);

  if (!hw_local_server_start (server, cancellable, error))
    return FALSE;

  conninfo = hw_local_server_get_conninfo (server, NULL, HW_SETUP_DEFAULT_DBNAME);

  if (!hw_setup_init_database_sync (conninfo, NULL, NULL, cancellable, error))
    return FALSE;

  if (demo == NULL)
    return TRUE;

  /* A database without units has never had data: load the demo. The demo
   * loads in one transaction, so one that failed half-way is retried. */
  db = hw_db_new (conninfo);
  hw_db_set_reconnect (db, FALSE);

  if (!hw_db_connect_sync (db, cancellable, error) ||
      !(units = hw_db_query_sync (db, "SELECT count(*) FROM homeward.unit", NULL, 0,
                                  cancellable, error)))
    return FALSE;

  hw_db_close (db);

  if (hw_db_result_get_int64 (units, 0, 0) == 0 &&
      !hw_demo_data_generate_sync (conninfo, demo->n_cases, demo->n_sightings, demo->seed,
                                   progress, progress_data, cancellable, error))
    return FALSE;

  return TRUE;
}

typedef struct
{
  HwDemoSize      demo;
  gboolean        has_demo;
  HwDemoProgress  progress;
  gpointer        progress_data;
} EmbeddedData;

typedef struct
{
  GTask *task;
  char  *stage;
  double fraction;
} ProgressReport;

static void
progress_report_free (gpointer data)
{
  ProgressReport *report = data;

  g_object_unref (report->task);
  g_free (report->stage);
  g_free (report);
}

/* On the caller's main context: only while the task is still under way, so
 * no report comes after its callback or after it was cancelled. */
static gboolean
deliver_progress (gpointer user_data)
{
  ProgressReport *report = user_data;
  EmbeddedData *data = g_task_get_task_data (report->task);

  if (!g_task_get_completed (report->task) &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (report->task)))
    data->progress (report->stage, report->fraction, data->progress_data);

  return G_SOURCE_REMOVE;
}

/* On the setup thread (the generator reports at most ten times a second). */
static void
forward_progress (const char *stage,
                  double      fraction,
                  gpointer    user_data)
{
  GTask *task = user_data;
  ProgressReport *report = g_new0 (ProgressReport, 1);

  report->task = g_object_ref (task);
  report->stage = g_strdup (stage);
  report->fraction = fraction;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              deliver_progress, report, progress_report_free);
}

static void
embedded_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  EmbeddedData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  /* HwDb attaches to the thread-default context; this thread has its own. */
  g_main_context_push_thread_default (context);
  ok = hw_setup_embedded_sync (source_object, data->has_demo ? &data->demo : NULL,
                               data->progress != NULL ? forward_progress : NULL, task,
                               cancellable, &error);
  g_main_context_pop_thread_default (context);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * hw_setup_embedded_async:
 * @progress: (nullable): told how loading the demo data goes, on the
 *   thread-default main context of the caller, until @callback runs
 *
 * Runs hw_setup_embedded_sync() on a thread.
 */
void
hw_setup_embedded_async (HwLocalServer       *server,
                         const HwDemoSize    *demo,
                         HwDemoProgress       progress,
                         gpointer             progress_data,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EmbeddedData *data;

  g_return_if_fail (HW_IS_LOCAL_SERVER (server));

  data = g_new0 (EmbeddedData, 1);
  if (demo != NULL)
    {
      data->demo = *demo;
      data->has_demo = TRUE;
    }
  data->progress = progress;
  data->progress_data = progress_data;

  task = g_task_new (server, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_setup_embedded_async);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, embedded_thread);
}

gboolean
hw_setup_embedded_finish (HwLocalServer  *server,
                          GAsyncResult   *result,
                          GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, server), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
