/* hw-local-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-local-server"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <poll.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>

#include "hw-db.h"
#include "hw-local-server.h"

/* HwLocalServer is the private PostgreSQL cluster Homeward runs when no
 * server is configured, and the throwaway cluster of the tests.
 *
 * Layout under the base directory:
 *   pgdata/         the cluster (initdb), owned by the server's account
 *   server.lock     held exclusively while a client starts or stops the server
 *   clients.lock    held shared by every client for as long as it runs
 *   keep-running    present after `homeward-cli server start`
 *
 * The last client to leave takes clients.lock exclusively (under
 * server.lock, so no new client can slip in) and stops the server. */

#define PORT "5432"
#define SERVER_LOG "homeward-server.log"
#define SERVER_TIMEOUT_SECONDS 120
#define PING_INTERVAL_USEC (G_USEC_PER_SEC / 20)
#define START_ATTEMPTS 3

struct _HwLocalServer
{
  GObject   parent_instance;

  char     *base_dir;
  char     *data_dir;
  char     *socket_dir;
  char     *bindir;
  char     *superuser;

  /* When we run as root, the server runs as this account. */
  gboolean  as_root;
  uid_t     server_uid;
  gid_t     server_gid;

  int       clients_fd;
  gboolean  durable;
};

G_DEFINE_FINAL_TYPE (HwLocalServer, hw_local_server, G_TYPE_OBJECT)
G_DEFINE_QUARK (hw-local-server-error-quark, hw_local_server_error)

/* Helpers */

static gboolean
program_in (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_IS_EXECUTABLE);
}

static gboolean
has_server_programs (const char *dir)
{
  return program_in (dir, "initdb") && program_in (dir, "pg_ctl") && program_in (dir, "postgres");
}

static int
compare_versions_desc (gconstpointer a,
                       gconstpointer b)
{
  const char *sa = *(const char * const *) a;
  const char *sb = *(const char * const *) b;

  return (int) (g_ascii_strtoll (sb, NULL, 10) - g_ascii_strtoll (sa, NULL, 10));
}

/**
 * hw_local_server_find_bindir:
 *
 * Finds PostgreSQL's server programs: `pg_config --bindir`, then the newest
 * `/usr/lib/postgresql/N/bin`.
 *
 * Returns: (transfer full): the directory, or %NULL with a message that says
 *   what to install.
 */
char *
hw_local_server_find_bindir (GError **error)
{
  g_autofree char *pg_config = g_find_program_in_path ("pg_config");
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  const char *name;
  const char *env;

  /* An explicit choice is final: no guessing past it. */
  if ((env = g_getenv ("HOMEWARD_PG_BINDIR")) != NULL && env[0] != '\0')
    {
      if (has_server_programs (env))
        return g_strdup (env);

      g_set_error (error, HW_LOCAL_SERVER_ERROR, HW_LOCAL_SERVER_ERROR_NO_BINARIES,
                   _("HOMEWARD_PG_BINDIR is %s, but PostgreSQL’s server programs (initdb, pg_ctl, "
                     "postgres) are not there. Install them (on Debian: “sudo apt install "
                     "postgresql”) or correct the variable."), env);
      return NULL;
    }

  if (pg_config != NULL)
    {
      const char *argv[] = { pg_config, "--bindir", NULL };
      g_autofree char *out = NULL;
      int status = 0;

      if (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, &out, NULL, &status, NULL) &&
          g_spawn_check_wait_status (status, NULL) &&
          out != NULL && has_server_programs (g_strstrip (out)))
        return g_steal_pointer (&out);
    }

  versions = g_ptr_array_new_with_free_func (g_free);
  if ((dir = g_dir_open ("/usr/lib/postgresql", 0, NULL)) != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      g_ptr_array_add (versions, g_strdup (name));
  g_ptr_array_sort (versions, compare_versions_desc);

  for (guint i = 0; i < versions->len; i++)
    {
      g_autofree char *bindir = g_build_filename ("/usr/lib/postgresql",
                                                  (char *) g_ptr_array_index (versions, i),
                                                  "bin", NULL);

      if (has_server_programs (bindir))
        return g_steal_pointer (&bindir);
    }

  g_set_error (error, HW_LOCAL_SERVER_ERROR, HW_LOCAL_SERVER_ERROR_NO_BINARIES,
               _("PostgreSQL’s server programs (initdb, pg_ctl, postgres) were not found. "
                 "Install them (on Debian: “sudo apt install postgresql”) or connect to a "
                 "shared server with --server."));
  return NULL;
}

static void
child_setup_drop_privileges (gpointer data)
{
  HwLocalServer *self = data;

  /* Runs between fork and exec: only async-signal-safe calls. */
  if (setgroups (0, NULL) != 0 ||
      setgid (self->server_gid) != 0 ||
      setuid (self->server_uid) != 0)
    _exit (127);
}

static char *
read_log_tail (HwLocalServer *self)
{
  g_autofree char *path = g_build_filename (self->data_dir, SERVER_LOG, NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;
  const char *start;
  int lines = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL) || len == 0)
    return NULL;

  start = contents + len;
  while (start > contents && lines < 6)
    {
      start--;
      if (*start == '\n' && start != contents + len - 1)
        lines++;
    }

  return g_strstrip (g_strdup (start));
}

/* Runs a server program (as the server's account when we are root) and
 * returns its exit status; its output goes into @output. */
static gboolean
run_program (HwLocalServer  *self,
             const char    **argv,
             int            *exit_status,
             char          **output,
             GError        **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;

  if (self->bindir == NULL && !(self->bindir = hw_local_server_find_bindir (error)))
    return FALSE;

  g_ptr_array_add (args, g_build_filename (self->bindir, argv[0], NULL));
  for (guint i = 1; argv[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (argv[i]));
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_MERGE |
                                        G_SUBPROCESS_FLAGS_STDIN_INHERIT);
  /* Messages we show must not depend on the user's locale being installed. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "PGDATA");
  g_subprocess_launcher_unsetenv (launcher, "PGPORT");
  g_subprocess_launcher_unsetenv (launcher, "PGHOST");
  g_subprocess_launcher_set_cwd (launcher, "/");

  if (self->as_root)
    g_subprocess_launcher_set_child_setup (launcher, child_setup_drop_privileges, self, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, error);
  if (process == NULL)
    return FALSE;

  if (!g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, error))
    return FALSE;

  *exit_status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : 255;

  if (output != NULL)
    *output = g_steal_pointer (&out);

  return TRUE;
}

static gboolean
chown_to_server (HwLocalServer  *self,
                 const char     *path,
                 GError        **error)
{
  if (self->as_root && chown (path, self->server_uid, self->server_gid) != 0)
    {
      int errsv = errno;

      g_set_error (error, HW_LOCAL_SERVER_ERROR, HW_LOCAL_SERVER_ERROR_DIRECTORY,
                   _("Could not give %s to the postgres account: %s"), path, g_strerror (errsv));
      return FALSE;
    }

  return TRUE;
}

/* Makes @path a directory with @mode, refusing a symbolic link or a
 * directory that belongs to somebody else. */
static gboolean
ensure_private_dir (HwLocalServer  *self,
                    const char     *path,
                    int             mode,
                    GError        **error)
{
  struct stat st;

  if (g_mkdir_with_parents (path, mode) != 0)
    {
      int errsv = errno;

      g_set_error (error, HW_LOCAL_SERVER_ERROR, HW_LOCAL_SERVER_ERROR_DIRECTORY,
                   _("Could not create the directory %s: %s"), path, g_strerror (errsv));
      return FALSE;
    }

  if (lstat (path, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_set_error (error, HW_LOCAL_SERVER_ERROR, HW_LOCAL_SERVER_ERROR_DIRECTORY,
                   _("%s is not a directory"), path);
      return FALSE;
    }

  if (st.st_uid != getuid () && !(self->as_root && st.st_uid == self->server_uid))
    {
      g_set_error (error, HW_LOCAL_SERVER_ERROR, HW_LOCAL_SERVER_ERROR_DIRECTORY,
                   _("%s belongs to another user"), path);
      return FALSE;
    }

  if (chmod (path, mode) != 0)
    {
      int errsv = errno;

      g_set_error (error, HW_LOCAL_SERVER_ERROR, HW_LOCAL_SERVER_ERROR_DIRECTORY,
                   _("Could not set the permissions of %s: %s"), path, g_strerror (errsv));
      return FALSE;
    }

  return TRUE;
}

/* Whether the postgres account can reach @path: every directory on the way
 * must let it search. */
static gboolean
server_can_traverse (HwLocalServer *self,
                     const char    *path)
{
  g_autofree char *dir = g_strdup (path);

  while (dir[0] != '\0' && !g_str_equal (dir, "/"))
    {
      struct stat st;
      char *parent;

      if (stat (dir, &st) == 0)
        {
          gboolean ok = (st.st_mode & S_IXOTH) ||
                        (st.st_uid == self->server_uid && (st.st_mode & S_IXUSR)) ||
                        (st.st_gid == self->server_gid && (st.st_mode & S_IXGRP));

          if (!ok)
            return FALSE;
        }

      parent = g_path_get_dirname (dir);
      g_free (dir);
      dir = parent;
    }

  return TRUE;
}

static int
open_lock (const char  *path,
           GError     **error)
{
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int errsv = errno;

      g_set_error (error, HW_LOCAL_SERVER_ERROR, HW_LOCAL_SERVER_ERROR_DIRECTORY,
                   _("Could not open %s: %s"), path, g_strerror (errsv));
    }

  return fd;
}

static int
take_server_lock (HwLocalServer  *self,
                  GError        **error)
{
  g_autofree char *path = g_build_filename (self->base_dir, "server.lock", NULL);
  int fd = open_lock (path, error);

  if (fd >= 0)
    while (flock (fd, LOCK_EX) != 0 && errno == EINTR)
      ;

  return fd;
}

static void
release_server_lock (int fd)
{
  if (fd >= 0)
    {
      flock (fd, LOCK_UN);
      close (fd);
    }
}

static gboolean
prepare (HwLocalServer  *self,
         GError        **error)
{
  if (self->bindir == NULL && !(self->bindir = hw_local_server_find_bindir (error)))
    return FALSE;

  if (!ensure_private_dir (self, self->base_dir, self->as_root ? 0711 : 0700, error))
    return FALSE;

  if (!ensure_private_dir (self, self->socket_dir, 0700, error) ||
      !chown_to_server (self, self->socket_dir, error))
    return FALSE;

  return TRUE;
}

/* Whether @pid is a process that has not exited. A killed server's
 * postmaster stays a zombie until its parent (often init) reaps it, and
 * kill() still finds a zombie. */
static gboolean
process_is_live (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  const char *after_comm;

  if (pid <= 0)
    return FALSE;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return !g_file_test ("/proc/self/stat", G_FILE_TEST_EXISTS) &&
           (kill (pid, 0) == 0 || errno == EPERM);

  /* "pid (comm) state …", and comm may itself hold ") ". */
  if ((after_comm = strrchr (stat, ')')) == NULL || after_comm[1] != ' ')
    return TRUE;

  return after_comm[2] != 'Z' && after_comm[2] != 'X';
}

/* Whether @pid is a live process of this cluster's server: a postgres
 * process whose working directory is the data directory, as the
 * postmaster's and all its children's is. When we may not look at its
 * working directory, @trust_name takes the name alone. */
static gboolean
is_server_process (HwLocalServer *self,
                   GPid           pid,
                   gboolean       trust_name)
{
  g_autofree char *comm_path = g_strdup_printf ("/proc/%d/comm", (int) pid);
  g_autofree char *cwd_path = g_strdup_printf ("/proc/%d/cwd", (int) pid);
  g_autofree char *comm = NULL;
  struct stat cwd_st;
  struct stat data_st;

  if (!process_is_live (pid))
    return FALSE;

  /* Without /proc, kill() is all there is to go by. */
  if (!g_file_test ("/proc/self/comm", G_FILE_TEST_EXISTS))
    return trust_name;

  if (!g_file_get_contents (comm_path, &comm, NULL, NULL) ||
      !(g_str_has_prefix (comm, "postgres") || g_str_has_prefix (comm, "postmaster")))
    return FALSE;

  if (stat (cwd_path, &cwd_st) != 0)
    return trust_name && errno == EACCES;

  return stat (self->data_dir, &data_st) == 0 &&
         cwd_st.st_dev == data_st.st_dev && cwd_st.st_ino == data_st.st_ino;
}

/* The processes of this cluster's server: after its postmaster was
 * killed, the children linger until they notice, attached to the shared
 * memory a new server cannot start beside. */
static GArray *
find_server_processes (HwLocalServer *self)
{
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (GPid));
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      guint64 number;
      GPid pid;

      if (!g_ascii_string_to_unsigned (name, 10, 1, G_MAXINT, &number, NULL))
        continue;

      pid = (GPid) number;
      if (pid != getpid () && is_server_process (self, pid, FALSE))
        g_array_append_val (pids, pid);
    }

  return pids;
}

/* Waits until @pid exits or @deadline (monotonic time) passes. */
static gboolean
wait_for_exit (GPid   pid,
               gint64 deadline)
{
  int fd = -1;

#ifdef SYS_pidfd_open
  fd = (int) syscall (SYS_pidfd_open, pid, 0);
#endif

  while (process_is_live (pid))
    {
      gint64 now = g_get_monotonic_time ();

      if (now >= deadline)
        break;

      /* A pidfd becomes readable when the process exits, even one that is
       * not our child; without one (old kernels), look again shortly. */
      if (fd >= 0)
        {
          struct pollfd pfd = { fd, POLLIN, 0 };

          poll (&pfd, 1, (int) MIN ((deadline - now) / 1000 + 1, G_MAXINT));
        }
      else
        {
          g_usleep (MIN (deadline - now, 10000));
        }
    }

  if (fd >= 0)
    close (fd);

  return !process_is_live (pid);
}

static GPid
read_lock_file_pid (const char *path,
                    gboolean   *exists)
{
  g_autofree char *contents = NULL;

  *exists = g_file_get_contents (path, &contents, NULL, NULL);

  return *exists ? (GPid) g_ascii_strtoll (contents, NULL, 10) : 0;
}

static GPid
read_postmaster_pid (HwLocalServer *self)
{
  g_autofree char *path = g_build_filename (self->data_dir, "postmaster.pid", NULL);
  gboolean exists;

  return read_lock_file_pid (path, &exists);
}

/* A lock file of the server (postmaster.pid, and the socket's) naming a
 * process that is gone, a zombie or not a server of ours (its number was
 * reused after a crash) is stale: the server refuses to start beside it. */
static gboolean
remove_stale_lock_file (HwLocalServer *self,
                        const char    *path)
{
  gboolean exists;
  GPid pid = read_lock_file_pid (path, &exists);

  if (!exists)
    return TRUE;

  if (is_server_process (self, pid, TRUE))
    return FALSE;

  g_message ("Removing the stale lock file %s (process %d is not a running server)",
             path, (int) pid);

  return g_unlink (path) == 0;
}

static PGPing
ping_server (HwLocalServer *self)
{
  g_autofree char *conninfo = hw_local_server_get_conninfo (self, NULL, "postgres");
  g_autoptr(GString) str = g_string_new (conninfo);

  /* A stopped (SIGSTOP) server accepts on its socket and answers nothing. */
  hw_db_conninfo_append (str, "connect_timeout", "5");

  return PQping (str->str);
}

/* Waits until the processes of a server whose postmaster is dead have
 * exited, then removes the lock files it left. */
static gboolean
wait_for_remains (HwLocalServer       *self,
                  gint64               deadline,
                  HwLocalServerError   code,
                  GError             **error)
{
  g_autoptr(GArray) pids = find_server_processes (self);
  g_autofree char *pid_path = g_build_filename (self->data_dir, "postmaster.pid", NULL);
  g_autofree char *socket = g_build_filename (self->socket_dir, ".s.PGSQL." PORT, NULL);
  g_autofree char *socket_lock = g_strconcat (socket, ".lock", NULL);

  for (guint i = 0; i < pids->len; i++)
    {
      GPid pid = g_array_index (pids, GPid, i);

      if (!wait_for_exit (pid, deadline))
        {
          g_set_error (error, HW_LOCAL_SERVER_ERROR, code,
                       _("Process %d of the local database server that stopped has not exited; "
                         "end it, then try again."), (int) pid);
          return FALSE;
        }
    }

  remove_stale_lock_file (self, pid_path);

  /* The socket goes with its lock, so that a stopped server's directory
   * is empty and nobody connects to a dead socket. */
  if (remove_stale_lock_file (self, socket_lock))
    g_unlink (socket);

  return TRUE;
}

/* Waits until the cluster's server either accepts connections (@ready) or
 * is gone, with nothing of it left in the way of a new one. A server that
 * is starting, shutting down or recovering from a crash is waited for. */
static gboolean
settle (HwLocalServer  *self,
        gint64          deadline,
        gboolean       *ready,
        GError        **error)
{
  GPid pid;

  *ready = FALSE;

  while (is_server_process (self, (pid = read_postmaster_pid (self)), TRUE))
    {
      gint64 now;

      if (ping_server (self) == PQPING_OK)
        {
          *ready = TRUE;
          return TRUE;
        }

      if ((now = g_get_monotonic_time ()) >= deadline)
        {
          g_set_error (error, HW_LOCAL_SERVER_ERROR, HW_LOCAL_SERVER_ERROR_START,
                       _("The local database server (process %d) neither accepts connections "
                         "nor stops."), (int) pid);
          return FALSE;
        }

      /* Ask again when it has exited, or in a moment. */
      wait_for_exit (pid, MIN (deadline, now + PING_INTERVAL_USEC));
    }

  return wait_for_remains (self, deadline, HW_LOCAL_SERVER_ERROR_START, error);
}

static gboolean
write_settings (HwLocalServer  *self,
                GError        **error)
{
  g_autofree char *path = g_build_filename (self->data_dir, "homeward.conf", NULL);
  g_autoptr(GString) conf = g_string_new ("# Written by Homeward at every start.\n");
  g_autoptr(GString) socket_dir = g_string_new (self->socket_dir);

  g_string_replace (socket_dir, "\\", "\\\\", 0);
  g_string_replace (socket_dir, "'", "''", 0);

  g_string_append (conf, "listen_addresses = ''\n");
  g_string_append (conf, "port = " PORT "\n");
  g_string_append_printf (conf, "unix_socket_directories = '%s'\n", socket_dir->str);
  g_string_append (conf, "unix_socket_permissions = 0700\n");
  g_string_append (conf, "max_connections = 200\n");
  g_string_append (conf, "timezone = 'UTC'\n");
  if (!self->durable)
    g_string_append (conf, "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n");

  if (!g_file_set_contents_full (path, conf->str, conf->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  return chown_to_server (self, path, error);
}

static gboolean
run_initdb (HwLocalServer  *self,
            GError        **error)
{
  g_autofree char *output = NULL;
  g_autofree char *conf_path = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *username = g_strdup_printf ("--username=%s", self->superuser);
  g_autofree char *pgdata = g_strdup_printf ("--pgdata=%s", self->data_dir);
  const char *argv[] = {
    "initdb", pgdata, "--encoding=UTF8", "--locale=C.UTF-8", "--auth=trust",
    username, self->durable ? NULL : "--no-sync", NULL
  };
  int status = 0;

  /* As root, the server's account cannot write into our base directory:
   * make the data directory for it. */
  if (self->as_root)
    {
      if (g_mkdir (self->data_dir, 0700) != 0 && errno != EEXIST)
        {
          int errsv = errno;

          g_set_error (error, HW_LOCAL_SERVER_ERROR, HW_LOCAL_SERVER_ERROR_DIRECTORY,
                       _("Could not create the directory %s: %s"), self->data_dir, g_strerror (errsv));
          return FALSE;
        }

      if (!chown_to_server (self, self->data_dir, error))
        return FALSE;
    }

  if (!run_program (self, argv, &status, &output, error))
    return FALSE;

  if (status != 0)
    {
      g_set_error (error, HW_LOCAL_SERVER_ERROR, HW_LOCAL_SERVER_ERROR_INITDB,
                   _("Could not create the database cluster in %s:\n%s"),
                   self->data_dir, output != NULL ? g_strstrip (output) : "");
      return FALSE;
    }

  conf_path = g_build_filename (self->data_dir, "postgresql.conf", NULL);
  if (!g_file_get_contents (conf_path, &conf, NULL, error))
    return FALSE;

  {
    g_autofree char *with_include = g_strconcat (conf, "\ninclude_if_exists = 'homeward.conf'\n", NULL);

    if (!g_file_set_contents_full (conf_path, with_include, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error) ||
        !chown_to_server (self, conf_path, error))
      return FALSE;
  }

  return TRUE;
}

static gboolean
pg_ctl_start (HwLocalServer  *self,
              GError        **error)
{
  g_autofree char *log = g_build_filename (self->data_dir, SERVER_LOG, NULL);
  g_autofree char *output = NULL;
  const char *argv[] = {
    "pg_ctl", "start", "-w", "-t", G_STRINGIFY (SERVER_TIMEOUT_SECONDS), "-D", self->data_dir,
    "-l", log, NULL
  };
  int status = 0;

  if (!run_program (self, argv, &status, &output, error))
    return FALSE;

  if (status != 0)
    {
      g_autofree char *tail = read_log_tail (self);

      g_set_error (error, HW_LOCAL_SERVER_ERROR, HW_LOCAL_SERVER_ERROR_START,
                   _("The local database server did not start:\n%s"),
                   tail != NULL ? tail : g_strstrip (output));
      return FALSE;
    }

  return TRUE;
}

/* As root every cluster has a socket directory of its own in /run; a
 * stopped server leaves it empty, so it goes too (rmdir keeps it if not). */
static void
remove_own_socket_dir (HwLocalServer *self)
{
  if (self->as_root && !g_str_has_prefix (self->socket_dir, self->base_dir))
    g_rmdir (self->socket_dir);
}

static gboolean
pg_ctl_stop (HwLocalServer  *self,
             GError        **error)
{
  g_autofree char *output = NULL;
  const char *argv[] = { "pg_ctl", "stop", "-w", "-m", "fast", "-D", self->data_dir, NULL };
  int status = 0;

  /* A killed server has nothing to stop, but what it left must go first. */
  if (!is_server_process (self, read_postmaster_pid (self), TRUE))
    {
      gint64 deadline = g_get_monotonic_time () + SERVER_TIMEOUT_SECONDS * G_USEC_PER_SEC;

      if (!wait_for_remains (self, deadline, HW_LOCAL_SERVER_ERROR_STOP, error))
        return FALSE;

      remove_own_socket_dir (self);
      return TRUE;
    }

  if (!run_program (self, argv, &status, &output, error))
    return FALSE;

  if (status != 0)
    {
      g_set_error (error, HW_LOCAL_SERVER_ERROR, HW_LOCAL_SERVER_ERROR_STOP,
                   _("The local database server did not stop: %s"), g_strstrip (output));
      return FALSE;
    }

  remove_own_socket_dir (self);

  return TRUE;
}

static char *
keep_running_path (HwLocalServer *self)
{
  return g_build_filename (self->base_dir, "keep-running", NULL);
}

/* GObject */

static void
hw_local_server_finalize (GObject *object)
{
  HwLocalServer *self = HW_LOCAL_SERVER (object);

  if (self->clients_fd >= 0)
    close (self->clients_fd);

  g_clear_pointer (&self->base_dir, g_free);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->socket_dir, g_free);
  g_clear_pointer (&self->bindir, g_free);
  g_clear_pointer (&self->superuser, g_free);

  G_OBJECT_CLASS (hw_local_server_parent_class)->finalize (object);
}

static void
hw_local_server_class_init (HwLocalServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hw_local_server_finalize;
}

static void
hw_local_server_init (HwLocalServer *self)
{
  self->clients_fd = -1;
  self->durable = TRUE;
}

/* Public API */

/**
 * hw_local_server_new:
 * @base_dir: where the cluster and its lock files live
 * @socket_dir: (nullable): where the server's socket goes; @base_dir if %NULL
 *
 * A cluster in @base_dir. Tests use this with a temporary directory; such
 * clusters skip fsync (they are thrown away).
 */
HwLocalServer *
hw_local_server_new (const char *base_dir,
                     const char *socket_dir)
{
  HwLocalServer *self;

  g_return_val_if_fail (base_dir != NULL, NULL);

  self = g_object_new (HW_TYPE_LOCAL_SERVER, NULL);
  self->base_dir = g_canonicalize_filename (base_dir, NULL);
  self->data_dir = g_build_filename (self->base_dir, "pgdata", NULL);
  self->socket_dir = socket_dir != NULL ? g_canonicalize_filename (socket_dir, NULL)
                                        : g_strdup (self->base_dir);
  self->as_root = getuid () == 0;
  self->durable = g_getenv ("HOMEWARD_TEST_CLUSTER") == NULL;

  if (self->as_root)
    {
      struct passwd *pw = getpwnam ("postgres");

      if (pw != NULL)
        {
          self->server_uid = pw->pw_uid;
          self->server_gid = pw->pw_gid;
        }
      self->superuser = g_strdup ("postgres");
    }
  else
    {
      self->superuser = g_strdup (g_get_user_name ());
    }

  return self;
}

/**
 * hw_local_server_new_default:
 *
 * The embedded default: the cluster under `$XDG_DATA_HOME/homeward/`, its
 * socket in the runtime directory. As root, when the postgres account cannot
 * reach the data directory (root's home is private), the cluster lives in
 * /var/lib/homeward instead.
 */
HwLocalServer *
hw_local_server_new_default (void)
{
  g_autofree char *base_dir = g_build_filename (g_get_user_data_dir (), "homeward", NULL);
  const char *runtime_dir = g_getenv ("XDG_RUNTIME_DIR");
  HwLocalServer *self;

  self = hw_local_server_new (base_dir, NULL);
  g_clear_pointer (&self->socket_dir, g_free);

  if (self->as_root)
    {
      g_autofree char *parent = g_path_get_dirname (self->base_dir);

      if (!server_can_traverse (self, parent))
        {
          g_free (self->base_dir);
          g_free (self->data_dir);
          self->base_dir = g_strdup ("/var/lib/homeward");
          self->data_dir = g_build_filename (self->base_dir, "pgdata", NULL);
        }

      /* The postgres account cannot reach root's runtime directory; one
       * socket directory per cluster, so that clusters never share one. */
      self->socket_dir = g_strdup_printf ("/run/homeward-%08x", g_str_hash (self->base_dir));
    }
  else if (runtime_dir != NULL && runtime_dir[0] != '\0')
    {
      self->socket_dir = g_build_filename (runtime_dir, "homeward", NULL);
    }
  else
    {
      self->socket_dir = g_strdup_printf ("%s/homeward-%u", g_get_tmp_dir (), (guint) getuid ());
    }

  return self;
}

const char *
hw_local_server_get_base_dir (HwLocalServer *self)
{
  g_return_val_if_fail (HW_IS_LOCAL_SERVER (self), NULL);

  return self->base_dir;
}

const char *
hw_local_server_get_data_dir (HwLocalServer *self)
{
  g_return_val_if_fail (HW_IS_LOCAL_SERVER (self), NULL);

  return self->data_dir;
}

const char *
hw_local_server_get_socket_dir (HwLocalServer *self)
{
  g_return_val_if_fail (HW_IS_LOCAL_SERVER (self), NULL);

  return self->socket_dir;
}

/**
 * hw_local_server_get_superuser:
 *
 * Returns: the cluster's superuser: the user's own name, or "postgres" as root.
 */
const char *
hw_local_server_get_superuser (HwLocalServer *self)
{
  g_return_val_if_fail (HW_IS_LOCAL_SERVER (self), NULL);

  return self->superuser;
}

/**
 * hw_local_server_get_conninfo:
 * @user: (nullable): the role; the superuser if %NULL
 * @dbname: (nullable): the database; "homeward" if %NULL
 *
 * Returns: (transfer full): a libpq connection string, which psql accepts too.
 */
char *
hw_local_server_get_conninfo (HwLocalServer *self,
                              const char    *user,
                              const char    *dbname)
{
  GString *str = g_string_new (NULL);

  g_return_val_if_fail (HW_IS_LOCAL_SERVER (self), NULL);

  hw_db_conninfo_append (str, "host", self->socket_dir);
  hw_db_conninfo_append (str, "port", PORT);
  hw_db_conninfo_append (str, "dbname", dbname != NULL ? dbname : "homeward");
  hw_db_conninfo_append (str, "user", user != NULL ? user : self->superuser);

  return g_string_free (str, FALSE);
}

/**
 * hw_local_server_is_running:
 *
 * Whether the server accepts connections now: its postmaster is alive (a
 * pid file alone, or a killed postmaster not yet reaped, is not enough) and
 * answers on the socket. Changes nothing on disk.
 */
gboolean
hw_local_server_is_running (HwLocalServer *self)
{
  g_return_val_if_fail (HW_IS_LOCAL_SERVER (self), FALSE);

  if (!g_file_test (self->data_dir, G_FILE_TEST_IS_DIR))
    return FALSE;

  return is_server_process (self, read_postmaster_pid (self), TRUE) &&
         ping_server (self) == PQPING_OK;
}

/**
 * hw_local_server_start:
 *
 * Creates the cluster if there is none, starts the server unless it runs
 * already, and counts this process among its clients until
 * hw_local_server_release(). Blocks: call it from a thread (or use
 * hw_local_server_start_async()).
 */
gboolean
hw_local_server_start (HwLocalServer  *self,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autofree char *clients_path = NULL;
  g_autofree char *version_path = NULL;
  g_autoptr(GError) start_error = NULL;
  gboolean ret = FALSE;
  gint64 deadline;
  int lock_fd;

  g_return_val_if_fail (HW_IS_LOCAL_SERVER (self), FALSE);

  if (self->as_root && self->server_uid == 0)
    {
      g_set_error (error, HW_LOCAL_SERVER_ERROR, HW_LOCAL_SERVER_ERROR_ACCOUNT,
                   _("Running as root, the local database server needs the “postgres” system "
                     "account, which does not exist. Install PostgreSQL (on Debian: "
                     "“apt install postgresql”)."));
      return FALSE;
    }

  if (!prepare (self, error))
    return FALSE;

  if ((lock_fd = take_server_lock (self, error)) < 0)
    return FALSE;

  if (self->clients_fd < 0)
    {
      clients_path = g_build_filename (self->base_dir, "clients.lock", NULL);
      if ((self->clients_fd = open_lock (clients_path, error)) < 0)
        goto out;
      while (flock (self->clients_fd, LOCK_SH) != 0 && errno == EINTR)
        ;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  version_path = g_build_filename (self->data_dir, "PG_VERSION", NULL);
  if (!g_file_test (version_path, G_FILE_TEST_EXISTS) && !run_initdb (self, error))
    goto out;

  if (!write_settings (self, error))
    goto out;

  /* A server killed a moment ago may still be dying, its children still
   * holding its shared memory; one shutting down or recovering may yet go
   * either way. Whatever pg_ctl says, it is up once it answers. */
  deadline = g_get_monotonic_time () + SERVER_TIMEOUT_SECONDS * G_USEC_PER_SEC;
  for (guint attempt = 0; ; attempt++)
    {
      gboolean ready;

      if (!settle (self, deadline, &ready, error))
        goto out;

      if (ready)
        break;

      if (attempt == START_ATTEMPTS)
        {
          if (start_error == NULL)
            {
              g_autofree char *tail = read_log_tail (self);

              g_set_error (&start_error, HW_LOCAL_SERVER_ERROR, HW_LOCAL_SERVER_ERROR_START,
                           _("The local database server did not start:\n%s"),
                           tail != NULL ? tail : "");
            }
          g_propagate_error (error, g_steal_pointer (&start_error));
          goto out;
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      if (start_error != NULL)
        g_debug ("Start failed, trying again: %s", start_error->message);
      g_clear_error (&start_error);
      pg_ctl_start (self, &start_error);
    }

  ret = TRUE;

out:
  if (!ret && self->clients_fd >= 0)
    {
      close (self->clients_fd);
      self->clients_fd = -1;
    }
  release_server_lock (lock_fd);

  return ret;
}

static void
start_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (hw_local_server_start (source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
hw_local_server_start_async (HwLocalServer       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HW_IS_LOCAL_SERVER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_local_server_start_async);
  g_task_run_in_thread (task, start_thread);
}

gboolean
hw_local_server_start_finish (HwLocalServer  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (HW_IS_LOCAL_SERVER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * hw_local_server_release:
 *
 * This process stops being a client. If it was the last one and nobody
 * asked the server to keep running, the server stops (`pg_ctl -m fast`).
 */
gboolean
hw_local_server_release (HwLocalServer  *self,
                         GError        **error)
{
  g_autofree char *keep = NULL;
  gboolean ret = TRUE;
  int lock_fd;

  g_return_val_if_fail (HW_IS_LOCAL_SERVER (self), FALSE);

  if (self->clients_fd < 0)
    return TRUE;

  if ((lock_fd = take_server_lock (self, error)) < 0)
    return FALSE;

  keep = keep_running_path (self);

  /* Under server.lock no client can join, so "nobody else holds the shared
   * lock" means we are the last. */
  if (flock (self->clients_fd, LOCK_EX | LOCK_NB) == 0 &&
      !g_file_test (keep, G_FILE_TEST_EXISTS))
    ret = pg_ctl_stop (self, error);

  close (self->clients_fd);
  self->clients_fd = -1;
  release_server_lock (lock_fd);

  return ret;
}

/**
 * hw_local_server_stop:
 *
 * Stops the server now, whoever else uses it (`homeward-cli server stop`).
 */
gboolean
hw_local_server_stop (HwLocalServer  *self,
                      GError        **error)
{
  g_autofree char *keep = NULL;
  gboolean ret;
  int lock_fd;

  g_return_val_if_fail (HW_IS_LOCAL_SERVER (self), FALSE);

  if (!prepare (self, error))
    return FALSE;

  if ((lock_fd = take_server_lock (self, error)) < 0)
    return FALSE;

  keep = keep_running_path (self);
  g_unlink (keep);
  ret = !g_file_test (self->data_dir, G_FILE_TEST_IS_DIR) || pg_ctl_stop (self, error);
  release_server_lock (lock_fd);

  return ret;
}

/**
 * hw_local_server_keep_running:
 *
 * Marks the server to stay up when its last client leaves, until
 * hw_local_server_stop().
 */
gboolean
hw_local_server_keep_running (HwLocalServer  *self,
                              GError        **error)
{
  g_autofree char *keep = NULL;

  g_return_val_if_fail (HW_IS_LOCAL_SERVER (self), FALSE);

  keep = keep_running_path (self);

  return g_file_set_contents (keep, "", 0, error);
}

/**
 * hw_local_server_destroy:
 *
 * Stops the server and removes the whole base directory (tests).
 */
gboolean
hw_local_server_destroy (HwLocalServer  *self,
                         GError        **error)
{
  g_return_val_if_fail (HW_IS_LOCAL_SERVER (self), FALSE);

  if (self->clients_fd >= 0)
    {
      close (self->clients_fd);
      self->clients_fd = -1;
    }

  if (g_file_test (self->data_dir, G_FILE_TEST_IS_DIR) && !pg_ctl_stop (self, error))
    return FALSE;

  {
    const char *argv[] = { "rm", "-rf", "--one-file-system", self->base_dir, NULL };
    int status = 0;

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                       NULL, NULL, &status, error))
      return FALSE;

    if (!g_spawn_check_wait_status (status, error))
      return FALSE;
  }

  return TRUE;
}
