/* hw-test-cluster.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "hw-schema.h"
#include "hw-setup.h"
#include "hw-test-cluster.h"

static HwLocalServer *cluster;
static char *cluster_dir;
static guint n_databases;

/* A failed assertion aborts the test; stop its server then, or it would
 * outlive the test run. Prepared in advance: a signal handler may only fork
 * and exec. */
static char *abort_argv[8];
static uid_t abort_uid;
static gid_t abort_gid;

static void
stop_on_abort (int signum)
{
  pid_t pid = fork ();

  if (pid == 0)
    {
      /* pg_ctl's words are no TAP output (they would be read as such). */
      int null_fd = open ("/dev/null", O_WRONLY);

      if (null_fd >= 0)
        {
          dup2 (null_fd, STDOUT_FILENO);
          dup2 (null_fd, STDERR_FILENO);
        }
      if (getuid () == 0 && (setgid (abort_gid) != 0 || setuid (abort_uid) != 0))
        _exit (127);
      execv (abort_argv[0], abort_argv);
      _exit (127);
    }

  if (pid > 0)
    waitpid (pid, NULL, 0);

  signal (signum, SIG_DFL);
  raise (signum);
}

static void
prepare_stop_on_abort (void)
{
  g_autofree char *bindir = hw_local_server_find_bindir (NULL);
  struct passwd *pw = getpwnam ("postgres");

  if (bindir == NULL)
    return;

  abort_argv[0] = g_build_filename (bindir, "pg_ctl", NULL);
  abort_argv[1] = g_strdup ("stop");
  abort_argv[2] = g_strdup ("-s");
  abort_argv[3] = g_strdup ("-m");
  abort_argv[4] = g_strdup ("immediate");
  abort_argv[5] = g_strdup ("-D");
  abort_argv[6] = g_strdup (hw_local_server_get_data_dir (cluster));
  abort_argv[7] = NULL;

  if (pw != NULL)
    {
      abort_uid = pw->pw_uid;
      abort_gid = pw->pw_gid;
    }

  signal (SIGABRT, stop_on_abort);
}

void
hw_test_cluster_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *socket_dir = NULL;

  g_assert_null (cluster);

  cluster_dir = g_dir_make_tmp ("hw-test-XXXXXX", &error);
  g_assert_no_error (error);
  socket_dir = g_build_filename (cluster_dir, "run", NULL);

  cluster = hw_local_server_new (cluster_dir, socket_dir);
  hw_local_server_start (cluster, NULL, &error);
  g_assert_no_error (error);

  prepare_stop_on_abort ();
}

void
hw_test_cluster_stop (void)
{
  g_autoptr(GError) error = NULL;

  if (cluster == NULL)
    return;

  signal (SIGABRT, SIG_DFL);
  for (guint i = 0; i < G_N_ELEMENTS (abort_argv); i++)
    g_clear_pointer (&abort_argv[i], g_free);

  hw_local_server_destroy (cluster, &error);
  g_assert_no_error (error);
  g_clear_object (&cluster);
  g_clear_pointer (&cluster_dir, g_free);
}

HwLocalServer *
hw_test_cluster_get_server (void)
{
  g_assert_nonnull (cluster);

  return cluster;
}

char *
hw_test_cluster_conninfo (const char *user,
                          const char *dbname)
{
  g_assert_nonnull (cluster);

  return hw_local_server_get_conninfo (cluster, user, dbname);
}

/**
 * hw_test_cluster_new_database:
 *
 * Creates and migrates a fresh database.
 *
 * Returns: its name.
 */
char *
hw_test_cluster_new_database (const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = NULL;
  char *dbname;
  gboolean created = FALSE;

  dbname = g_strdup_printf ("%s_%u_%u", prefix, (guint) getpid (), ++n_databases);
  conninfo = hw_test_cluster_conninfo (NULL, dbname);

  hw_setup_init_database_sync (conninfo, &created, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (created);

  return dbname;
}

HwDb *
hw_test_connect (const char *conninfo)
{
  g_autoptr(GError) error = NULL;
  HwDb *db = hw_db_new (conninfo);

  hw_db_connect_sync (db, NULL, &error);
  g_assert_no_error (error);

  return db;
}

static GPtrArray *
collect_params (va_list args)
{
  GPtrArray *params = g_ptr_array_new ();
  const char *param;

  while ((param = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (params, (gpointer) param);

  return params;
}

HwDbResult *
hw_test_query (HwDb       *db,
               const char *sql,
               ...)
{
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(GError) error = NULL;
  HwDbResult *result;
  va_list args;

  va_start (args, sql);
  params = collect_params (args);
  va_end (args);

  result = hw_db_query_sync (db, sql, (const char * const *) params->pdata, params->len, NULL, &error);
  if (error != NULL)
    g_printerr ("%s: %s\n", sql, error->message);
  g_assert_no_error (error);

  return result;
}

GError *
hw_test_query_error (HwDb       *db,
                     const char *sql,
                     ...)
{
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(HwDbResult) result = NULL;
  GError *error = NULL;
  va_list args;

  va_start (args, sql);
  params = collect_params (args);
  va_end (args);

  result = hw_db_query_sync (db, sql, (const char * const *) params->pdata, params->len, NULL, &error);
  if (result != NULL)
    g_printerr ("Unexpected success: %s\n", sql);
  g_assert_null (result);
  g_assert_nonnull (error);

  return error;
}

gint64
hw_test_query_int (HwDb       *db,
                   const char *sql,
                   ...)
{
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HwDbResult) result = NULL;
  va_list args;

  va_start (args, sql);
  params = collect_params (args);
  va_end (args);

  result = hw_db_query_sync (db, sql, (const char * const *) params->pdata, params->len, NULL, &error);
  if (error != NULL)
    g_printerr ("%s: %s\n", sql, error->message);
  g_assert_no_error (error);
  g_assert_cmpuint (hw_db_result_get_n_rows (result), ==, 1);

  return hw_db_result_get_int64 (result, 0, 0);
}

static gboolean
timed_out_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Iterates the main context until done() says so; fails the test after
 * timeout_ms. */
void
hw_test_wait_until (gboolean (*done) (gpointer),
                    gpointer   data,
                    guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timed_out_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  g_assert_false (timed_out);
}
