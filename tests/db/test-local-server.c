/* test-local-server.c: the embedded server's life cycle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "hw-local-server.h"
#include "hw-test-cluster.h"

typedef struct
{
  char *base;
  char *socket;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->base = g_dir_make_tmp ("hw-server-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->socket = g_build_filename (fixture->base, "run", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(HwLocalServer) server = hw_local_server_new (fixture->base, fixture->socket);
  g_autoptr(GError) error = NULL;

  hw_local_server_destroy (server, &error);
  g_assert_no_error (error);
  g_free (fixture->base);
  g_free (fixture->socket);
}

static gboolean
can_query (HwLocalServer *server)
{
  g_autofree char *conninfo = hw_local_server_get_conninfo (server, NULL, "postgres");
  g_autoptr(HwDb) db = hw_db_new (conninfo);
  g_autoptr(HwDbResult) result = NULL;

  hw_db_set_reconnect (db, FALSE);
  if (!hw_db_connect_sync (db, NULL, NULL))
    return FALSE;

  result = hw_db_query_sync (db, "SELECT 1", NULL, 0, NULL, NULL);

  return result != NULL;
}

typedef struct
{
  HwLocalServer *server;
  GError        *error;
  gboolean       ok;
} StartData;

static gpointer
start_thread (gpointer data)
{
  StartData *start = data;

  start->ok = hw_local_server_start (start->server, NULL, &start->error);

  return NULL;
}

/* Two clients starting at once share one server; it stops when the last
 * one leaves. */
static void
test_two_clients (Fixture       *fixture,
                  gconstpointer  data)
{
  StartData a = { hw_local_server_new (fixture->base, fixture->socket) };
  StartData b = { hw_local_server_new (fixture->base, fixture->socket) };
  g_autoptr(GError) error = NULL;
  GThread *ta, *tb;

  ta = g_thread_new ("client-a", start_thread, &a);
  tb = g_thread_new ("client-b", start_thread, &b);
  g_thread_join (ta);
  g_thread_join (tb);

  g_assert_no_error (a.error);
  g_assert_no_error (b.error);
  g_assert_true (a.ok && b.ok);
  g_assert_true (can_query (a.server));
  g_assert_true (can_query (b.server));

  g_assert_true (hw_local_server_release (a.server, &error));
  g_assert_no_error (error);
  g_assert_true (hw_local_server_is_running (b.server));
  g_assert_true (can_query (b.server));

  g_assert_true (hw_local_server_release (b.server, &error));
  g_assert_no_error (error);
  g_assert_false (hw_local_server_is_running (b.server));

  g_object_unref (a.server);
  g_object_unref (b.server);
}

/* `server start` keeps it running after its client leaves. */
static void
test_keep_running (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(HwLocalServer) server = hw_local_server_new (fixture->base, fixture->socket);
  g_autoptr(GError) error = NULL;

  g_assert_true (hw_local_server_start (server, NULL, &error));
  g_assert_true (hw_local_server_keep_running (server, &error));
  g_assert_true (hw_local_server_release (server, &error));
  g_assert_no_error (error);
  g_assert_true (hw_local_server_is_running (server));

  g_assert_true (hw_local_server_stop (server, &error));
  g_assert_no_error (error);
  g_assert_false (hw_local_server_is_running (server));
}

static GPid
postmaster_pid (HwLocalServer *server)
{
  g_autofree char *path = g_build_filename (hw_local_server_get_data_dir (server), "postmaster.pid", NULL);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));

  return (GPid) g_ascii_strtoll (contents, NULL, 10);
}

/* Waits for @pid to exit, our child or not. */
static void
wait_for_death (GPid pid)
{
#ifdef SYS_pidfd_open
  int fd = (int) syscall (SYS_pidfd_open, pid, 0);
  struct pollfd pfd = { fd, POLLIN, 0 };

  if (fd < 0)
    {
      g_assert_cmpint (errno, ==, ESRCH);
      return;
    }

  g_assert_cmpint (poll (&pfd, 1, 60 * 1000), ==, 1);
  close (fd);
#else
  /* Until it is gone or a zombie, which kill() still finds. */
  for (;;)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
      g_autofree char *stat = NULL;

      if (!g_file_get_contents (path, &stat, NULL, NULL) || strstr (stat, ") Z ") != NULL)
        return;
      g_usleep (10000);
    }
#endif
}

/* A server killed without a chance to clean up leaves its pid file; the
 * next start recovers. So does a pid file naming an unrelated process. */
static void
test_stale_pid_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(HwLocalServer) server = hw_local_server_new (fixture->base, fixture->socket);
  g_autoptr(GError) error = NULL;
  g_autofree char *pid_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *forged = NULL;
  GPid pid;

  g_assert_true (hw_local_server_start (server, NULL, &error));
  pid = postmaster_pid (server);
  pid_path = g_build_filename (hw_local_server_get_data_dir (server), "postmaster.pid", NULL);

  /* Kill the postmaster: its pid file stays. */
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  wait_for_death (pid);
  g_assert_true (g_file_get_contents (pid_path, &contents, NULL, NULL));

  /* The last client leaving has nothing to stop, and clears what is left. */
  g_assert_true (hw_local_server_release (server, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (pid_path, G_FILE_TEST_EXISTS));

  /* A pid file naming a live process that is not a server: ours. */
  forged = g_strdup_printf ("%d%s", (int) getpid (), strchr (contents, '\n'));
  g_assert_true (g_file_set_contents (pid_path, forged, -1, NULL));

  g_assert_true (hw_local_server_start (server, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (can_query (server));
  g_assert_true (hw_local_server_release (server, &error));
}

/* `server start` right after the server was killed, and `server status`
 * (issue 14). The test is the server's subreaper: the killed postmaster
 * stays a zombie, which kill() still finds, until we reap it, as it does
 * under any init for a moment and under a busy one for seconds. */
static void
test_killed (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(HwLocalServer) first = hw_local_server_new (fixture->base, fixture->socket);
  g_autoptr(HwLocalServer) second = hw_local_server_new (fixture->base, fixture->socket);
  g_autoptr(HwLocalServer) third = hw_local_server_new (fixture->base, fixture->socket);
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_assert_cmpint (prctl (PR_SET_CHILD_SUBREAPER, 1), ==, 0);

  g_assert_true (hw_local_server_start (first, NULL, &error));
  g_assert_no_error (error);
  pid = postmaster_pid (first);

  /* Dead, but not yet reaped: not running. */
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  wait_for_death (pid);
  g_assert_cmpint (kill (pid, 0), ==, 0);
  g_assert_false (hw_local_server_is_running (first));

  /* The next client starts a new server and can use it as soon as
   * start returns. */
  g_assert_true (hw_local_server_start (second, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (can_query (second));
  g_assert_true (hw_local_server_is_running (second));

  /* Killed and started again at once, while it may still be dying. */
  pid = postmaster_pid (second);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_true (hw_local_server_start (third, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (can_query (third));

  g_assert_true (hw_local_server_release (first, &error));
  g_assert_true (hw_local_server_release (second, &error));
  g_assert_true (hw_local_server_is_running (third));
  g_assert_true (hw_local_server_release (third, &error));
  g_assert_no_error (error);
  g_assert_false (hw_local_server_is_running (third));

  g_assert_cmpint (prctl (PR_SET_CHILD_SUBREAPER, 0), ==, 0);
  while (waitpid (-1, NULL, WNOHANG) > 0)
    ;
}

static void
test_missing_binaries (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bindir = NULL;
  g_autofree char *missing = NULL;
  g_autoptr(HwLocalServer) server = NULL;
  g_autofree char *base = g_dir_make_tmp ("hw-nobin-XXXXXX", NULL);

  /* Debian's layout is found... */
  bindir = hw_local_server_find_bindir (&error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (bindir, G_FILE_TEST_IS_DIR));

  /* ...and without the programs, starting says what to install. */
  g_setenv ("HOMEWARD_PG_BINDIR", "/nonexistent/postgresql/bin", TRUE);
  server = hw_local_server_new (base, NULL);
  g_assert_false (hw_local_server_start (server, NULL, &error));
  g_assert_error (error, HW_LOCAL_SERVER_ERROR, HW_LOCAL_SERVER_ERROR_NO_BINARIES);
  g_assert_nonnull (strstr (error->message, "apt install postgresql"));
  g_unsetenv ("HOMEWARD_PG_BINDIR");
  g_rmdir (base);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/db/local-server/two-clients", Fixture, NULL, fixture_setup, test_two_clients, fixture_teardown);
  g_test_add ("/db/local-server/keep-running", Fixture, NULL, fixture_setup, test_keep_running, fixture_teardown);
  g_test_add ("/db/local-server/stale-pid-file", Fixture, NULL, fixture_setup, test_stale_pid_file, fixture_teardown);
  g_test_add ("/db/local-server/killed", Fixture, NULL, fixture_setup, test_killed, fixture_teardown);
  g_test_add_func ("/db/local-server/find-binaries", test_missing_binaries);

  return g_test_run ();
}
