/* hw-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-cli"

#include "config.h"

#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "hw-case.h"
#include "hw-case-summary.h"
#include "hw-sighting.h"
#include "hw-cli.h"
#include "hw-db.h"
#include "hw-dna.h"
#include "hw-format.h"
#include "hw-demo-data.h"
#include "hw-image-hash.h"
#include "hw-lab-csv.h"
#include "hw-local-server.h"
#include "hw-photo-file.h"
#include "hw-report.h"
#include "hw-schema.h"
#include "hw-setup.h"

/* homeward-cli: administration and scripting. Every command works against
 * the embedded server unless --server names another; errors go to stderr
 * with exit status 1 (2 for a usage error). */

enum {
  EXIT_OK = 0,
  EXIT_FAILURE_ = 1,
  EXIT_USAGE = 2,
  EXIT_NOT_RUNNING = 3,
};

typedef struct
{
  char          *server;     /* --server, or NULL for the embedded default */
  HwLocalServer *local;
  gboolean       started;
} Cli;

typedef int (*CommandFunc) (Cli *cli, int argc, char **argv);

typedef struct
{
  const char  *name;
  const char  *args;
  const char  *summary;
  CommandFunc  func;
} Command;

/* Messages quote what people and files gave (a name, a lab's line): its
 * control characters are shown, never obeyed by the terminal. */
static int
fail (GError *error)
{
  g_autofree char *message = hw_format_for_terminal (error->message);

  g_printerr ("homeward-cli: %s\n", message);
  g_error_free (error);
  return EXIT_FAILURE_;
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_autofree char *shown = hw_format_for_terminal (message);

  g_printerr ("homeward-cli: %s\n", shown);
  g_printerr (_("Try “%s --help”.\n"), g_get_prgname ());
  return EXIT_USAGE;
}

static gboolean
parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv,
               int             *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error (context, error->message);
      return FALSE;
    }

  return TRUE;
}

/* Prints @root as indented JSON on standard output, for scripts. */
static int
print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
  return EXIT_OK;
}

/* The connection string to use, starting the embedded server if needed.
 * @user is the role for the embedded server (NULL: its superuser). */
static char *
cli_conninfo (Cli         *cli,
              const char  *user,
              GError     **error)
{
  if (cli->server != NULL)
    {
      if (!hw_db_check_conninfo (cli->server, error))
        return NULL;
      return g_strdup (cli->server);
    }

  if (cli->local == NULL)
    cli->local = hw_local_server_new_default ();

  if (!cli->started)
    {
      if (!hw_local_server_start (cli->local, NULL, error))
        return NULL;
      cli->started = TRUE;
    }

  return hw_local_server_get_conninfo (cli->local, user, HW_SETUP_DEFAULT_DBNAME);
}

static HwDb *
cli_connect (Cli     *cli,
             GError **error)
{
  g_autofree char *conninfo = cli_conninfo (cli, NULL, error);
  g_autoptr(HwDb) db = NULL;

  if (conninfo == NULL)
    return NULL;

  db = hw_db_new (conninfo);
  hw_db_set_reconnect (db, FALSE);

  if (!hw_db_connect_sync (db, NULL, error))
    return NULL;

  return g_steal_pointer (&db);
}

static gboolean
require_embedded (Cli         *cli,
                  const char  *command,
                  GError     **error)
{
  if (cli->server != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("“%s” manages the embedded server; it takes no --server"), command);
      return FALSE;
    }

  if (cli->local == NULL)
    cli->local = hw_local_server_new_default ();

  return TRUE;
}

/* server start|stop|status|conninfo */

static int
cmd_server (Cli   *cli,
            int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *user = NULL;
  g_autofree char *dbname = NULL;
  GError *error = NULL;
  const char *action;
  int status = EXIT_OK;
  GOptionEntry entries[] = {
    { "user", 'U', 0, G_OPTION_ARG_STRING, &user, N_("Role for “conninfo” (default: the superuser)"), N_("ROLE") },
    { "dbname", 'd', 0, G_OPTION_ARG_STRING, &dbname, N_("Database for “conninfo” (default: homeward)"), N_("NAME") },
    { NULL }
  };

  context = g_option_context_new ("start|stop|status|conninfo");
  g_option_context_set_summary (context,
                                _("Manage the embedded PostgreSQL server.\n\n"
                                  "  start     start it and keep it running until “stop”\n"
                                  "  stop      stop it now\n"
                                  "  status    say whether it runs (exit status 3 if not)\n"
                                  "  conninfo  print a connection string psql accepts"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!parse_options (context, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return usage_error (context, _("server needs one of start, stop, status, conninfo"));

  action = argv[1];

  if (!require_embedded (cli, "server", &error))
    return fail (error);

  if (g_str_equal (action, "start"))
    {
      if (!hw_local_server_start (cli->local, NULL, &error) ||
          !hw_local_server_keep_running (cli->local, &error))
        return fail (error);
      cli->started = TRUE;
      g_print (_("The embedded server is running (socket in %s).\n"),
               hw_local_server_get_socket_dir (cli->local));
    }
  else if (g_str_equal (action, "stop"))
    {
      if (!hw_local_server_stop (cli->local, &error))
        return fail (error);
      g_print (_("The embedded server is stopped.\n"));
    }
  else if (g_str_equal (action, "status"))
    {
      if (hw_local_server_is_running (cli->local))
        {
          g_print (_("running (data in %s, socket in %s)\n"),
                   hw_local_server_get_data_dir (cli->local),
                   hw_local_server_get_socket_dir (cli->local));
        }
      else
        {
          g_print (_("stopped (data in %s)\n"), hw_local_server_get_data_dir (cli->local));
          status = EXIT_NOT_RUNNING;
        }
    }
  else if (g_str_equal (action, "conninfo"))
    {
      g_autofree char *conninfo = hw_local_server_get_conninfo (cli->local, user,
                                                                dbname != NULL ? dbname : HW_SETUP_DEFAULT_DBNAME);
      g_print ("%s\n", conninfo);
    }
  else
    {
      return usage_error (context, _("server needs one of start, stop, status, conninfo"));
    }

  return status;
}

/* init and migrate */

static void
print_applied (guint applied)
{
  g_print (g_dngettext (GETTEXT_PACKAGE, "Applied %u migration; the schema is at version %u.\n",
                        "Applied %u migrations; the schema is at version %u.\n", applied),
           applied, hw_schema_get_known_version ());
}

static int
cmd_init (Cli   *cli,
          int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *conninfo = NULL;
  GError *error = NULL;
  gboolean created = FALSE;
  guint applied = 0;
  int status = EXIT_OK;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Create the database, the roles and the schema. Running it again "
                                  "changes nothing. With --server, connect as a role that may create "
                                  "databases and roles; the database is the one the connection names "
                                  "(homeward if none)."));

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return usage_error (context, _("init takes no arguments"));

  if (!(conninfo = cli_conninfo (cli, NULL, &error)) ||
      !hw_setup_init_database_sync (conninfo, &created, &applied, NULL, &error))
    return fail (error);

  g_print (created ? _("Created the database.\n") : _("The database exists.\n"));
  print_applied (applied);

  return EXIT_OK;
}

static int
cmd_migrate (Cli   *cli,
             int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HwDb) db = NULL;
  GError *error = NULL;
  guint applied = 0;
  int status = EXIT_OK;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Apply the schema migrations the database lacks, each in one "
                                  "transaction. A database newer than this program is left alone."));

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return usage_error (context, _("migrate takes no arguments"));

  if (!(db = cli_connect (cli, &error)) ||
      !hw_schema_migrate_sync (db, &applied, NULL, &error))
    return fail (error);

  if (applied == 0)
    g_print (_("The schema is up to date (version %u).\n"), hw_schema_get_known_version ());
  else
    print_applied (applied);

  return EXIT_OK;
}

/* add-unit, add-officer */

static int
cmd_add_unit (Cli   *cli,
              int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwDbResult) rows = NULL;
  g_autofree char *name = NULL;
  g_autofree char *region = NULL;
  GError *error = NULL;
  int status = EXIT_OK;
  GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, N_("The unit’s name (required)"), N_("NAME") },
    { "region", 'r', 0, G_OPTION_ARG_STRING, &region, N_("Its region or jurisdiction"), N_("REGION") },
    { NULL }
  };

  context = g_option_context_new (_("CODE"));
  g_option_context_set_summary (context,
                                _("Add a police unit, or rename it if CODE exists. CODE prefixes the "
                                  "unit’s case numbers, for example SZ."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (context, _("add-unit needs a unit code"));
  if (name == NULL || name[0] == '\0')
    return usage_error (context, _("add-unit needs --name"));

  {
    const char *params[] = { argv[1], name, region };

    if (!(db = cli_connect (cli, &error)) ||
        !(rows = hw_db_query_sync (db, "SELECT homeward.create_unit($1, $2, $3)",
                                   params, 3, NULL, &error)))
      return fail (error);
  }

  g_print (_("Unit %s (%s) saved.\n"), argv[1], name);

  return EXIT_OK;
}

static char *
read_password (GError **error)
{
  g_autoptr(GString) line = g_string_new (NULL);
  gboolean tty = isatty (STDIN_FILENO);
  struct termios saved;
  int c;

  if (tty)
    {
      struct termios quiet;

      g_printerr ("%s", _("Password: "));
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }

  while ((c = getchar ()) != EOF && c != '\n')
    g_string_append_c (line, (char) c);

  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }

  /* A line ended the Windows way (a file written there, a pasted one). */
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);

  if (line->len == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("No password was given on standard input"));
      return NULL;
    }
  /* A NUL would cut it short where libpq reads it, a control character is
   * no key on a keyboard: refused rather than stored as something else. */
  if (strlen (line->str) != line->len || !hw_text_is_clean (line->str, FALSE))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The password holds a NUL or control character; type it again"));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&line), FALSE);
}

static gboolean
valid_login (const char *login)
{
  if (login == NULL || login[0] == '\0' || strlen (login) > 63)
    return FALSE;

  if (!g_ascii_islower (login[0]) && login[0] != '_')
    return FALSE;

  for (const char *p = login; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;

  return TRUE;
}

static gboolean
set_password (HwDb        *db,
              const char  *login,
              const char  *password,
              GError     **error)
{
  g_autofree char *verifier = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(HwDbResult) rows = NULL;

  if (!(verifier = hw_db_encrypt_password (db, login, password, error)))
    return FALSE;

  /* ALTER ROLE takes no parameters. The login is checked by valid_login()
   * and the SCRAM verifier is base64 and punctuation libpq made, never a
   * quote: see the check. */
  if (strpbrk (verifier, "'\\") != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("Unexpected password hash"));
      return FALSE;
    }

  sql = g_strdup_printf ("ALTER ROLE \"%s\" PASSWORD '%s'", login, verifier);
  rows = hw_db_query_sync (db, sql, NULL, 0, NULL, error);

  return rows != NULL;
}

static int
cmd_add_officer (Cli   *cli,
                 int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwDbResult) rows = NULL;
  g_autofree char *name = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *role = NULL;
  g_autofree char *secret = NULL;
  g_autoptr(HwDbResult) begin = NULL;
  g_autoptr(HwDbResult) commit = NULL;
  gboolean password = FALSE;
  GError *error = NULL;
  int status = EXIT_OK;
  GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, N_("The officer’s display name (required)"), N_("NAME") },
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit, N_("The code of the officer’s unit (required but for an administrator)"), N_("CODE") },
    { "role", 'r', 0, G_OPTION_ARG_STRING, &role, N_("officer, supervisor or admin (required)"), N_("ROLE") },
    { "password", 'p', 0, G_OPTION_ARG_NONE, &password, N_("Read a password from standard input"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("LOGIN"));
  g_option_context_set_summary (context,
                                _("Add an officer: a PostgreSQL login role LOGIN in the group of ROLE, "
                                  "and the officer’s record. Running it again updates the record."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (context, _("add-officer needs a login"));
  if (!valid_login (argv[1]))
    return usage_error (context, _("A login is lower-case letters, digits and underscores, "
                                   "starting with a letter"));
  if (name == NULL || role == NULL)
    return usage_error (context, _("add-officer needs --name and --role"));
  if (!g_str_equal (role, "officer") && !g_str_equal (role, "supervisor") && !g_str_equal (role, "admin"))
    return usage_error (context, _("--role is officer, supervisor or admin"));
  /* An administrator belongs to no unit (the database allows none). */
  if (unit == NULL && !g_str_equal (role, "admin"))
    return usage_error (context, _("An officer or a supervisor needs --unit"));
  if (!hw_text_is_clean (name, FALSE))
    return usage_error (context, _("Remove the control characters from --name"));

  /* The password first, so that a missing one leaves nothing behind; the
   * officer and the password are saved together or not at all. */
  if (password && !(secret = read_password (&error)))
    return fail (error);

  if (!(db = cli_connect (cli, &error)) ||
      !(begin = hw_db_query_sync (db, "BEGIN", NULL, 0, NULL, &error)))
    return fail (error);

  {
    const char *params[] = { argv[1], name, unit, role };

    if (!(rows = hw_db_query_sync (db, "SELECT homeward.create_officer($1, $2, $3, $4)",
                                   params, 4, NULL, &error)) ||
        (secret != NULL && !set_password (db, argv[1], secret, &error)) ||
        !(commit = hw_db_query_sync (db, "COMMIT", NULL, 0, NULL, &error)))
      return fail (error);
  }

  g_print (_("Officer %s (%s, %s) saved.\n"), argv[1], name, role);

  return EXIT_OK;
}

/* demo-data */

static void
demo_progress (const char *stage,
               double      fraction,
               gpointer    user_data)
{
  if (isatty (STDERR_FILENO))
    g_printerr ("\r%-40s %3d%%", stage, (int) (fraction * 100));
}

static int
cmd_demo_data (Cli   *cli,
               int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *conninfo = NULL;
  gint64 cases = -1;
  gint64 sightings = -1;
  gint64 seed = 1;
  gint64 started;
  GError *error = NULL;
  int status = EXIT_OK;
  GOptionEntry entries[] = {
    { "cases", 'c', 0, G_OPTION_ARG_INT64, &cases, N_("How many cases (required)"), N_("N") },
    { "sightings", 's', 0, G_OPTION_ARG_INT64, &sightings, N_("How many sightings (required)"), N_("M") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("The random seed: the same seed gives the same data (default 1)"), N_("S") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Load synthetic demo data (units, officers, cases, families, "
                                  "sightings with generated photos, links, DNA, reunions) into a "
                                  "migrated database, as a superuser. Nothing in it is real."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return usage_error (context, _("demo-data takes no arguments"));
  if (cases < 0 || sightings < 0)
    return usage_error (context, _("demo-data needs --cases and --sightings"));
  if (cases > 10000000 || sightings > 100000000)
    return usage_error (context, _("That is more demo data than Homeward generates"));

  if (!(conninfo = cli_conninfo (cli, NULL, &error)))
    return fail (error);

  started = g_get_monotonic_time ();

  if (!hw_demo_data_generate_sync (conninfo, (guint) cases, (guint) sightings, (guint64) seed,
                                   demo_progress, NULL, NULL, &error))
    {
      if (isatty (STDERR_FILENO))
        g_printerr ("\n");
      return fail (error);
    }

  if (isatty (STDERR_FILENO))
    g_printerr ("\n");

  g_print (_("Loaded %u cases and %u sightings in %.1f s.\n"),
           (guint) cases, (guint) sightings,
           (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);

  return EXIT_OK;
}

/* Fingerprints of photo files, for scripts and checks: no database. */
/* A photo file named on the command line, read within the limits (a
 * device such as /dev/zero is read only up to them). */
static GBytes *
read_photo (const char  *path,
            GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  return hw_photo_file_read (file, NULL, error);
}

static int
cmd_hash (Cli   *cli,
          int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  int status = EXIT_OK;

  context = g_option_context_new (_("FILE…"));
  g_option_context_set_summary (context,
                                _("Print each photo’s sha256, perceptual hash (pHash) and "
                                  "difference hash (dHash) in hexadecimal, one line per file: "
                                  "SHA256 PHASH DHASH FILE. A file that is not a photo Homeward "
                                  "can read gets an error line, and the exit status is 1."));

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return usage_error (context, _("hash needs at least one file"));

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) content = NULL;
      g_autofree char *phash = NULL;
      g_autofree char *dhash = NULL;
      g_autoptr(GString) sha = g_string_new (NULL);
      HwImageHashes hashes;

      if (!(content = read_photo (argv[i], &error)) || !hw_image_hash_bytes (content, &hashes, &error))
        {
          g_printerr ("homeward-cli: %s: %s\n", argv[i], error->message);
          status = EXIT_FAILURE_;
          continue;
        }

      for (guint b = 0; b < sizeof hashes.sha256; b++)
        g_string_append_printf (sha, "%02x", hashes.sha256[b]);
      phash = hw_image_hash_to_hex (hashes.phash);
      dhash = hw_image_hash_to_hex (hashes.dhash);
      g_print ("%s %s %s %s\n", sha->str, phash, dhash, argv[i]);
    }

  return status;
}

/* The stored photos that look like a file: reposts, copies, crops. */
static int
cmd_near_duplicates (Cli   *cli,
                     int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autofree char *phash = NULL;
  g_autofree char *distance = NULL;
  HwImageHashes hashes;
  gint64 max_distance = HW_IMAGE_HASH_NEAR_DISTANCE;
  GError *error = NULL;
  int status = EXIT_OK;
  GOptionEntry entries[] = {
    { "max-distance", 'd', 0, G_OPTION_ARG_INT64, &max_distance,
      N_("How many of the 64 bits may differ, 0 to 11 (default 8)"), N_("D") },
    { NULL }
  };

  context = g_option_context_new (_("FILE"));
  g_option_context_set_summary (context,
                                _("List the stored photos whose perceptual hash lies within D bits of "
                                  "the photo FILE’s: one line per photo with its id, the distance, and "
                                  "the case, sighting or found child it belongs to, nearest first."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (context, _("near-duplicates needs one file"));
  if (max_distance < 0 || max_distance > 11)
    return usage_error (context, _("--max-distance must be between 0 and 11"));

  if (!(content = read_photo (argv[1], &error)) || !hw_image_hash_bytes (content, &hashes, &error))
    {
      g_printerr ("homeward-cli: %s: %s\n", argv[1], error->message);
      g_error_free (error);
      return EXIT_FAILURE_;
    }

  phash = g_strdup_printf ("%" G_GINT64_FORMAT, hw_image_hash_to_db (hashes.phash));
  distance = g_strdup_printf ("%" G_GINT64_FORMAT, max_distance);

  {
    const char *params[] = { phash, distance };

    if (!(db = cli_connect (cli, &error)) ||
        !(rows = hw_db_query_sync (db,
                                   "SELECT n.photo_id, n.distance, "
                                   "       CASE WHEN p.case_id IS NOT NULL THEN 'case ' || c.case_number "
                                   "            WHEN p.sighting_id IS NOT NULL THEN 'sighting ' || p.sighting_id "
                                   "            ELSE 'found-child ' || p.found_child_id END "
                                   "  FROM homeward.near_duplicate_photos($1::bigint, $2::integer) n "
                                   "  JOIN homeward.photo p ON p.id = n.photo_id "
                                   "  LEFT JOIN homeward.abduction_case c ON c.id = p.case_id "
                                   " ORDER BY n.distance, n.photo_id",
                                   params, 2, NULL, &error)))
      return fail (error);
  }

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    g_print ("%s %s %s\n", hw_db_result_get_string (rows, i, 0), hw_db_result_get_string (rows, i, 1),
             hw_db_result_get_string (rows, i, 2));

  return EXIT_OK;
}

/* Whether @value is one of @allowed (NULL-terminated). */
static gboolean
one_of (const char         *value,
        const char * const *allowed)
{
  return value == NULL || g_strv_contains (allowed, value);
}

/* A time as an officer gives it (hw_parse_past_time), as ISO 8601 for the
 * server; NULL for NULL. */
static HwPastTime
parse_time_option (const char  *text,
                   char       **out)
{
  g_autoptr(GDateTime) time = NULL;
  HwPastTime result;

  *out = NULL;
  if (text == NULL)
    return HW_PAST_TIME_OK;
  if ((result = hw_parse_past_time (text, NULL, &time)) == HW_PAST_TIME_OK)
    *out = g_date_time_format_iso8601 (time);

  return result;
}

/* A tip from a script: the sighting and its photos in one transaction. */
static int
cmd_add_sighting (Cli   *cli,
                  int    argc,
                  char **argv)
{
  static const char * const channels[] = { "hotline", "walk_in", "patrol", "microblog", "web_form",
                                           "partner_agency", "import", NULL };
  static const char * const sexes[] = { "male", "female", "unknown", NULL };
  static const char * const priorities[] = { "urgent", "high", "normal", "low", NULL };
  static const char * const contexts[] = { "begging", "with_adults", "alone", "injured", "disabled", "working",
                                           "performing", "selling", "drugged", "school", "other", NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_case_photo_import_free);
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwDbResult) rows = NULL;
  g_autofree char *channel = NULL, *source_ref = NULL, *received = NULL, *observed = NULL;
  g_autofree char *place = NULL, *region = NULL, *description = NULL, *sex = NULL, *priority = NULL;
  g_autofree char *reporter_name = NULL, *reporter_contact = NULL, *context_list = NULL;
  g_autofree char *received_at = NULL, *observed_at = NULL, *context_array = NULL;
  g_autofree char *lat_text = NULL, *lon_text = NULL, *age_min_text = NULL, *age_max_text = NULL;
  g_autofree char *lat_option = NULL, *lon_option = NULL, *problem = NULL;
  g_autoptr(HwSightingDraft) draft = hw_sighting_draft_new ();
  g_auto(GStrv) context_values = NULL;
  HwPastTime received_ok, observed_ok;
  double lat = G_MAXDOUBLE, lon = G_MAXDOUBLE;
  int age_min = -1, age_max = -1;
  gboolean anonymous = FALSE;
  GError *error = NULL;
  int status = EXIT_OK;
  GOptionEntry entries[] = {
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel, N_("How the tip came (required): hotline, walk_in, patrol, microblog, web_form, partner_agency or import"), N_("CHANNEL") },
    { "source-ref", 0, 0, G_OPTION_ARG_STRING, &source_ref, N_("The post’s address or the call’s number, unique per channel"), N_("REF") },
    { "received-at", 0, 0, G_OPTION_ARG_STRING, &received, N_("When the tip came (default: now)"), N_("TIME") },
    { "observed-at", 0, 0, G_OPTION_ARG_STRING, &observed, N_("When the child was seen"), N_("TIME") },
    { "place", 0, 0, G_OPTION_ARG_STRING, &place, N_("Where the child was seen"), N_("TEXT") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("The place’s six-digit region code"), N_("CODE") },
    { "lat", 0, 0, G_OPTION_ARG_STRING, &lat_option, N_("Latitude"), N_("DEGREES") },
    { "lon", 0, 0, G_OPTION_ARG_STRING, &lon_option, N_("Longitude"), N_("DEGREES") },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("What was seen"), N_("TEXT") },
    { "age-min", 0, 0, G_OPTION_ARG_INT, &age_min, N_("Youngest apparent age"), N_("YEARS") },
    { "age-max", 0, 0, G_OPTION_ARG_INT, &age_max, N_("Oldest apparent age"), N_("YEARS") },
    { "sex", 0, 0, G_OPTION_ARG_STRING, &sex, N_("Apparent sex: male, female or unknown"), N_("SEX") },
    { "context", 0, 0, G_OPTION_ARG_STRING, &context_list, N_("Comma-separated: begging, with_adults, alone, injured, disabled, working, performing, selling, drugged, school, other"), N_("LIST") },
    { "priority", 0, 0, G_OPTION_ARG_STRING, &priority, N_("urgent, high, normal or low (default normal)"), N_("PRIORITY") },
    { "reporter-name", 0, 0, G_OPTION_ARG_STRING, &reporter_name, N_("Who reported it (name or handle)"), N_("NAME") },
    { "reporter-contact", 0, 0, G_OPTION_ARG_STRING, &reporter_contact, N_("How to reach them"), N_("CONTACT") },
    { "anonymous", 0, 0, G_OPTION_ARG_NONE, &anonymous, N_("The reporter asked not to be named"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("[PHOTO…]"));
  g_option_context_set_summary (context,
                                _("Record a sighting (a tip) with its photos, in one transaction, and print "
                                  "its id. Photos are checked before anything is written; a photo that "
                                  "is a near duplicate of another sighting’s joins its repost group."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (channel == NULL)
    return usage_error (context, _("add-sighting needs --channel"));
  if (!one_of (channel, channels))
    return usage_error (context, _("Unknown --channel"));
  if (!one_of (sex, sexes))
    return usage_error (context, _("--sex must be male, female or unknown"));
  if (!one_of (priority, priorities))
    return usage_error (context, _("--priority must be urgent, high, normal or low"));
  if (region != NULL && !g_regex_match_simple ("^[0-9]{6}$", region, 0, 0))
    return usage_error (context, _("--region must be six digits"));
  if ((lat_option != NULL && !hw_parse_decimal (lat_option, &lat)) ||
      (lon_option != NULL && !hw_parse_decimal (lon_option, &lon)))
    return usage_error (context, _("--lat and --lon are degrees written as decimals, like 22.54 and 114.06"));
  if ((lat == G_MAXDOUBLE) != (lon == G_MAXDOUBLE))
    return usage_error (context, _("--lat and --lon go together"));
  if (lat != G_MAXDOUBLE && (lat < -90 || lat > 90 || lon < -180 || lon > 180))
    return usage_error (context, _("--lat must be between -90 and 90, --lon between -180 and 180"));
  if ((age_min != -1 && (age_min < 0 || age_min > 25)) || (age_max != -1 && (age_max < 0 || age_max > 25)) ||
      (age_min != -1 && age_max != -1 && age_min > age_max))
    return usage_error (context, _("Apparent ages go from 0 to 25, the youngest first"));
  received_ok = parse_time_option (received, &received_at);
  observed_ok = parse_time_option (observed, &observed_at);
  if (received_ok == HW_PAST_TIME_FUTURE || observed_ok == HW_PAST_TIME_FUTURE)
    return usage_error (context, _("--received-at and --observed-at cannot lie in the future"));
  if (received_ok != HW_PAST_TIME_OK || observed_ok != HW_PAST_TIME_OK)
    return usage_error (context, _("Times are written like 2026-03-01 14:30 or 2026-03-01T14:30+08:00, "
                                   "from 1900 on"));

  /* The checks the intake form makes, on the same draft. */
  g_free (draft->channel);
  draft->channel = g_strdup (channel);
  draft->source_ref = g_strdup (source_ref);
  draft->received_at = g_strdup (received_at);
  draft->observed_at = g_strdup (observed_at);
  draft->place_text = g_strdup (place);
  draft->region_code = g_strdup (region);
  draft->latitude = lat;
  draft->longitude = lon;
  draft->description = g_strdup (description);
  draft->age_min = age_min;
  draft->age_max = age_max;
  draft->reporter_name = g_strdup (reporter_name);
  draft->reporter_contact = g_strdup (reporter_contact);
  draft->has_photos = argc > 1;
  if ((problem = hw_sighting_draft_check (draft)) != NULL)
    return usage_error (context, problem);

  if (context_list != NULL)
    {
      GString *array = g_string_new ("{");

      context_values = g_strsplit (context_list, ",", -1);
      for (guint i = 0; context_values[i] != NULL; i++)
        {
          g_strstrip (context_values[i]);
          if (!g_strv_contains (contexts, context_values[i]))
            {
              g_string_free (array, TRUE);
              return usage_error (context, _("Unknown --context value"));
            }
          g_string_append_printf (array, "%s%s", i > 0 ? "," : "", context_values[i]);
        }
      g_string_append_c (array, '}');
      context_array = g_string_free (array, FALSE);
    }

  /* Every photo is read and checked before anything is written. */
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GBytes) content = NULL;
      HwCasePhotoImport *import;

      if (!(content = read_photo (argv[i], &error)) || !(import = hw_case_photo_import_new (content, &error)))
        {
          g_printerr ("homeward-cli: %s: %s\n", argv[i], error->message);
          g_error_free (error);
          return EXIT_FAILURE_;
        }
      g_ptr_array_add (photos, import);
    }

  if (lat != G_MAXDOUBLE)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      lat_text = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, lat));
      lon_text = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, lon));
    }
  if (age_min != -1)
    age_min_text = g_strdup_printf ("%d", age_min);
  if (age_max != -1)
    age_max_text = g_strdup_printf ("%d", age_max);

  if (!(db = cli_connect (cli, &error)) ||
      !(rows = hw_db_query_sync (db, "BEGIN", NULL, 0, NULL, &error)))
    return fail (error);
  g_clear_pointer (&rows, hw_db_result_unref);

  {
    const char *params[] = {
      channel, source_ref, received_at, observed_at, place, region, lat_text, lon_text, description,
      age_min_text, age_max_text, sex != NULL ? sex : "unknown", context_array != NULL ? context_array : "{}",
      priority != NULL ? priority : "normal", reporter_name, reporter_contact, anonymous ? "true" : "false",
    };

    rows = hw_db_query_sync (db,
                             "INSERT INTO homeward.sighting (channel, source_ref, received_at, observed_at, "
                             "  place_text, region_code, latitude, longitude, description, apparent_age_min, "
                             "  apparent_age_max, apparent_sex, context, priority, reporter_name, "
                             "  reporter_contact, reporter_anonymous) "
                             "VALUES ($1, $2, coalesce ($3::timestamptz, now ()), $4::timestamptz, $5, $6, "
                             "  $7::double precision, $8::double precision, $9, $10::smallint, $11::smallint, "
                             "  $12, $13::text[], $14, $15, $16, $17::boolean) RETURNING id",
                             params, G_N_ELEMENTS (params), NULL, &error);
  }

  for (guint i = 0; rows != NULL && error == NULL && i < photos->len; i++)
    {
      const HwCasePhotoImport *photo = g_ptr_array_index (photos, i);
      g_autofree char *content = hw_db_bytea_param (g_bytes_get_data (photo->content, NULL),
                                                    g_bytes_get_size (photo->content));
      g_autofree char *thumbnail = hw_db_bytea_param (g_bytes_get_data (photo->thumbnail, NULL),
                                                      g_bytes_get_size (photo->thumbnail));
      g_autofree char *sha256 = hw_db_bytea_param (photo->sha256, sizeof photo->sha256);
      g_autofree char *width = g_strdup_printf ("%d", photo->width);
      g_autofree char *height = g_strdup_printf ("%d", photo->height);
      g_autofree char *phash = g_strdup_printf ("%" G_GINT64_FORMAT, hw_image_hash_to_db (photo->phash));
      g_autofree char *dhash = g_strdup_printf ("%" G_GINT64_FORMAT, hw_image_hash_to_db (photo->dhash));
      const char *params[] = { hw_db_result_get_string (rows, 0, 0), content, photo->mime_type, sha256,
                               width, height, thumbnail, phash, dhash };
      g_autoptr(HwDbResult) stored = NULL;

      stored = hw_db_query_sync (db,
                                 "INSERT INTO homeward.photo (sighting_id, content, mime_type, sha256, width, "
                                 "  height, thumbnail, phash, dhash) "
                                 "VALUES ($1::bigint, $2::bytea, $3, $4::bytea, $5::integer, $6::integer, "
                                 "  $7::bytea, $8::bigint, $9::bigint)",
                                 params, G_N_ELEMENTS (params), NULL, &error);
    }

  if (rows == NULL || error != NULL)
    {
      g_autoptr(HwDbResult) rolled_back = hw_db_query_sync (db, "ROLLBACK", NULL, 0, NULL, NULL);

      if (hw_db_error_get_sqlstate (error) != NULL &&
          g_str_equal (hw_db_error_get_sqlstate (error), "23505"))
        {
          g_printerr (_("homeward-cli: a sighting from %s with reference %s exists already\n"),
                      channel, source_ref);
          g_error_free (error);
          return EXIT_FAILURE_;
        }
      return fail (error);
    }

  {
    g_autoptr(HwDbResult) committed = hw_db_query_sync (db, "COMMIT", NULL, 0, NULL, &error);

    if (committed == NULL)
      return fail (error);
  }

  g_print ("%s\n", hw_db_result_get_string (rows, 0, 0));

  return EXIT_OK;
}

/* How many terminal columns @text takes (CJK characters take two). */
static int
display_width (const char *text)
{
  int width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;

  return width;
}

/* Prints @text left-aligned in @columns terminal columns. */
static void
print_padded (const char *text,
              int         columns)
{
  g_print ("%s%*s", text, MAX (1, columns - display_width (text)), "");
}

/* The open cases a sighting may be about, best first, with each factor's
 * part of the score (data/sql/0010-candidates.sql). */
static int
cmd_candidates (Cli   *cli,
                int    argc,
                char **argv)
{
  static const char * const factors[] = { "total", "sex", "age", "marks", "place", "time", "photo" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwDbResult) rows = NULL;
  g_autofree char *limit_text = NULL;
  gint64 sighting_id;
  gint64 limit = 20;
  gboolean json = FALSE;
  char *end = NULL;
  GError *error = NULL;
  int status = EXIT_OK;
  GOptionEntry entries[] = {
    { "limit", 'n', 0, G_OPTION_ARG_INT64, &limit, N_("How many cases (default 20)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("SIGHTING-ID"));
  g_option_context_set_summary (context,
                                _("List the open cases a sighting may be about, best first, with what each "
                                  "factor adds to the score: sex, age at the sighting, distinguishing marks "
                                  "in the description, place, time since the abduction, and photo likeness."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (context, _("candidates needs a sighting id"));
  sighting_id = g_ascii_strtoll (argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || sighting_id <= 0)
    return usage_error (context, _("A sighting id is a positive number"));
  if (limit < 1 || limit > 1000)
    return usage_error (context, _("--limit must be between 1 and 1000"));

  limit_text = g_strdup_printf ("%" G_GINT64_FORMAT, limit);

  {
    const char *params[] = { argv[1], limit_text };

    if (!(db = cli_connect (cli, &error)) ||
        !(rows = hw_db_query_sync (db,
                                   "SELECT c.case_number, concat (p.family_name, p.given_name), "
                                   "       r.total, r.sex, r.age, r.marks, r.place, r.\"time\", r.photo "
                                   "  FROM homeward.candidate_cases ($1::bigint, $2::integer) WITH ORDINALITY r "
                                   "  LEFT JOIN homeward.abduction_case c ON c.id = r.case_id "
                                   "  LEFT JOIN homeward.person p ON p.id = c.child_id "
                                   " ORDER BY r.ordinality",
                                   params, 2, NULL, &error)))
      {
        if (error != NULL && g_strcmp0 (hw_db_error_get_sqlstate (error), "P0002") == 0)
          {
            g_printerr (_("homeward-cli: there is no sighting %s\n"), argv[1]);
            g_error_free (error);
            return EXIT_FAILURE_;
          }
        return fail (error);
      }
  }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "rank");
          json_builder_add_int_value (builder, i + 1);
          json_builder_set_member_name (builder, "case_number");
          json_builder_add_string_value (builder, hw_db_result_get_string (rows, i, 0));
          json_builder_set_member_name (builder, "child");
          json_builder_add_string_value (builder, hw_db_result_get_string (rows, i, 1));
          for (guint f = 0; f < G_N_ELEMENTS (factors); f++)
            {
              json_builder_set_member_name (builder, factors[f]);
              json_builder_add_double_value (builder, g_ascii_strtod (hw_db_result_get_string (rows, i, 2 + f), NULL));
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      return print_json (root);
    }

  {
    /* TRANSLATORS: column heads of homeward-cli candidates; keep them short */
    const char *heads[] = { N_("score"), N_("sex"), N_("age"), N_("marks"), N_("place"), N_("time"), N_("photo") };

    print_padded ("#", 5);
    print_padded (_("case"), 15);
    print_padded (_("child"), 12);
    for (guint f = 0; f < G_N_ELEMENTS (heads); f++)
      {
        const char *head = _(heads[f]);

        g_print ("%*s%s", MAX (1, 8 - display_width (head)), "", head);
      }
    g_print ("\n");
  }
  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      g_autofree char *rank = g_strdup_printf ("%u", i + 1);

      print_padded (rank, 5);
      print_padded (hw_db_result_get_string (rows, i, 0), 15);
      print_padded (hw_db_result_get_string (rows, i, 1), 12);
      for (guint f = 0; f < G_N_ELEMENTS (factors); f++)
        g_print (" %7.2f", g_ascii_strtod (hw_db_result_get_string (rows, i, 2 + f), NULL));
      g_print ("\n");
    }

  return EXIT_OK;
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  return object != NULL && json_object_has_member (object, name) ? json_object_get_int_member (object, name) : 0;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

/* Prints @text right-aligned in @columns terminal columns. */
static void
print_right (const char *text,
             int         columns)
{
  g_print ("%*s%s", MAX (1, columns - display_width (text)), "", text);
}

/* One line of counts by status, in workflow order: "Open 16 · Cold 124". */
static void
print_counts (const char         *title,
              JsonObject         *counts,
              const char * const *statuses,
              const char       *(*to_label) (const char *))
{
  gint64 total = 0;

  g_print ("%s\n ", title);
  for (guint i = 0; statuses[i] != NULL; i++)
    {
      total += member_int (counts, statuses[i]);
      g_print (" %s %" G_GINT64_FORMAT, to_label (statuses[i]), member_int (counts, statuses[i]));
    }
  g_print ("  (%s %" G_GINT64_FORMAT ")\n\n", _("total"), total);
}

/* The supervisor's figures (data/sql/0013-dashboard.sql), as a table or JSON. */
static int
cmd_dashboard (Cli   *cli,
               int    argc,
               char **argv)
{
  static const char * const case_statuses[] = { "open", "investigating", "located", "reunited", "cold", "closed", NULL };
  static const char * const sighting_statuses[] = { "new", "triaged", "verifying", "confirmed", "no_match",
                                                    "unfounded", "duplicate", NULL };
  static const char * const buckets[] = { "under_1_day", "1_to_3_days", "3_to_7_days", "7_to_30_days",
                                          "over_30_days" };
  /* TRANSLATORS: the age groups of untriaged sightings in homeward-cli dashboard */
  const char *bucket_labels[] = { N_("under a day"), N_("1–3 days"), N_("3–7 days"), N_("7–30 days"),
                                  N_("over 30 days") };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *unit = NULL;
  JsonObject *root, *untriaged;
  JsonArray *array;
  gboolean json = FALSE;
  GError *error = NULL;
  int status = EXIT_OK;
  GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The unit (default: your own; the whole country for an administrator)"), N_("CODE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Print the unit's figures: cases and sightings by status, untriaged sightings "
                                  "by age and past their deadline, each officer's workload, the last 26 weeks "
                                  "of sightings, links, DNA checks and reunions, and the latest reunions."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return usage_error (context, _("dashboard takes no arguments"));

  {
    const char *params[] = { unit };

    if (!(db = cli_connect (cli, &error)) ||
        !(rows = hw_db_query_sync (db,
                                   "SELECT homeward.dashboard (CASE WHEN $1::text IS NULL "
                                   "                                THEN homeward.current_unit_id () "
                                   "                                ELSE u.id END)::text "
                                   "  FROM (SELECT NULL) x "
                                   "  LEFT JOIN homeward.unit u ON u.code = $1 "
                                   " WHERE $1::text IS NULL OR u.id IS NOT NULL",
                                   params, 1, NULL, &error)))
      return fail (error);
  }
  if (hw_db_result_get_n_rows (rows) == 0)
    {
      g_printerr (_("homeward-cli: there is no unit %s\n"), unit);
      return EXIT_FAILURE_;
    }
  if (!json_parser_load_from_data (parser, hw_db_result_get_string (rows, 0, 0), -1, &error))
    return fail (error);

  if (json)
    return print_json (json_parser_get_root (parser));

  root = json_node_get_object (json_parser_get_root (parser));
  print_counts (_("Cases by status"), json_object_get_object_member (root, "cases"), case_statuses,
                hw_case_status_to_label);
  print_counts (_("Sightings by status"), json_object_get_object_member (root, "sightings"), sighting_statuses,
                hw_sighting_status_to_label);

  untriaged = json_object_get_object_member (root, "untriaged");
  g_print (_("Untriaged sightings: %d, past their deadline: %d\n "),
           (int) member_int (untriaged, "total"), (int) member_int (untriaged, "overdue"));
  for (guint i = 0; i < G_N_ELEMENTS (buckets); i++)
    g_print (" %s %" G_GINT64_FORMAT, _(bucket_labels[i]), member_int (untriaged, buckets[i]));
  g_print ("\n\n");

  /* TRANSLATORS: column heads of homeward-cli dashboard's workload table */
  g_print ("%s\n", _("Workload"));
  print_padded (_("officer"), 20);
  print_right (_("open cases"), 12);
  print_right (_("sightings"), 12);
  print_right (_("overdue"), 10);
  g_print ("\n");
  array = json_object_get_array_member (root, "workload");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *officer = json_array_get_object_element (array, i);

      print_padded (member_string (officer, "name"), 20);
      g_print ("%12" G_GINT64_FORMAT "%12" G_GINT64_FORMAT "%10" G_GINT64_FORMAT "\n",
               member_int (officer, "open_cases"), member_int (officer, "sightings"), member_int (officer, "overdue"));
    }
  g_print ("\n");

  g_print ("%s\n", _("The last 26 weeks"));
  print_padded (_("week of"), 12);
  print_right (_("sightings"), 10);
  print_right (_("links"), 8);
  print_right (_("DNA"), 8);
  print_right (_("reunions"), 10);
  g_print ("\n");
  array = json_object_get_array_member (root, "weeks");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *week = json_array_get_object_element (array, i);

      print_padded (member_string (week, "week"), 12);
      g_print ("%10" G_GINT64_FORMAT "%8" G_GINT64_FORMAT "%8" G_GINT64_FORMAT "%10" G_GINT64_FORMAT "\n",
               member_int (week, "sightings"), member_int (week, "links"), member_int (week, "dna_checks"),
               member_int (week, "reunions"));
    }
  g_print ("\n");

  g_print ("%s\n", _("Latest reunions"));
  array = json_object_get_array_member (root, "reunions");
  if (array == NULL || json_array_get_length (array) == 0)
    g_print ("  %s\n", _("none"));
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *reunion = json_array_get_object_element (array, i);
      const char *day = member_string (reunion, "reunited_on");
      const char *place = member_string (reunion, "place");

      g_print ("  %s  ", day != NULL ? day : "          ");
      print_padded (member_string (reunion, "case_number"), 16);
      print_padded (member_string (reunion, "child_name"), 10);
      g_print ("%s\n", place != NULL ? place : "");
    }

  return EXIT_OK;
}

/* Commands over the app's asynchronous stores: the main loop runs until
 * the operation is done. */

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

/* Runs the main loop until @wait's operation is done (its callback is
 * wait_cb); the caller owns the result returned. */
static GAsyncResult *
wait_for (Wait *wait)
{
  wait->loop = g_main_loop_new (NULL, FALSE);
  if (wait->result == NULL)
    g_main_loop_run (wait->loop);
  g_clear_pointer (&wait->loop, g_main_loop_unref);

  return wait->result;
}

/* A lab's CSV export of STR profiles into the samples it names (by lab
 * reference), all or nothing: every problem is reported by line first. */
static int
cmd_import_lab_results (Cli   *cli,
                        int    argc,
                        char **argv)
{
  g_autofree char *file_shown = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) alleles = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) unknown = NULL;
  g_autoptr(HwDb) db = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  Wait wait = { NULL, NULL };
  guint n_loci = 0, n_samples = 0;
  gsize length = 0;
  GError *error = NULL;
  int status = EXIT_OK;

  context = g_option_context_new (_("FILE.csv"));
  g_option_context_set_summary (context,
                                _("Import a DNA laboratory's CSV export of STR profiles: one line per sample "
                                  "and locus, with the sample's lab reference, the locus and its two alleles "
                                  "(GeneMapper's column names are understood). Every problem is reported by "
                                  "line and nothing is imported from a file that has one. A locus already "
                                  "recorded for a sample takes the file's alleles."));

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (context, _("import-lab-results needs one file"));
  if (!g_file_get_contents (argv[1], &contents, &length, &error))
    return fail (error);

  alleles = hw_lab_csv_parse (contents, length, &problems);
  file_shown = hw_format_for_terminal (argv[1]);
  if (problems->len > 0)
    {
      for (guint i = 0; i < problems->len; i++)
        {
          HwLabProblem *problem = g_ptr_array_index (problems, i);
          g_autofree char *message = hw_format_for_terminal (problem->message);

          if (problem->line > 0)
            g_printerr ("%s:%u: %s\n", file_shown, problem->line, message);
          else
            g_printerr ("%s: %s\n", file_shown, message);
        }
      /* TRANSLATORS: after the list of problems of a lab export */
      g_printerr (_("homeward-cli: nothing was imported\n"));
      return EXIT_FAILURE_;
    }

  if (!(db = cli_connect (cli, &error)))
    return fail (error);

  hw_dna_import_async (db, alleles, NULL, wait_cb, &wait);
  result = wait_for (&wait);
  if (!hw_dna_import_finish (result, &n_loci, &n_samples, &unknown, &error))
    {
      if (g_error_matches (error, HW_DNA_ERROR, HW_DNA_ERROR_UNKNOWN_SAMPLE) && unknown != NULL)
        {
          for (guint i = 0; i < unknown->len; i++)
            {
              HwLabProblem *problem = g_ptr_array_index (unknown, i);
              g_autofree char *message = hw_format_for_terminal (problem->message);

              g_printerr ("%s:%u: %s\n", file_shown, problem->line, message);
            }
          g_printerr (_("homeward-cli: nothing was imported\n"));
          g_error_free (error);
          return EXIT_FAILURE_;
        }
      if (g_error_matches (error, HW_DNA_ERROR, HW_DNA_ERROR_NOT_ALLOWED))
        {
          g_printerr ("homeward-cli: %s\n", error->message);
          g_error_free (error);
          return EXIT_FAILURE_;
        }
      return fail (error);
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u locus for %u sample(s)\n",
                        "Imported %u loci for %u sample(s)\n", n_loci),
           n_loci, n_samples);

  return EXIT_OK;
}

/* report and summary: PDFs through the same code as the app's Export */

/* "2026-03-01" as local midnight; @next_day: the midnight after it (an end
 * day is inclusive on the command line, exclusive below). */
static gboolean
parse_day_option (const char  *text,
                  gboolean     next_day,
                  GDateTime  **out)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) day = NULL;
  int y = 0, m = 0, d = 0;
  char end = '\0';

  *out = NULL;
  if (text == NULL)
    return TRUE;
  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  day = g_date_time_new (local, y, m, d, 0, 0, 0);
  if (day == NULL)
    return FALSE;
  *out = next_day ? g_date_time_add_days (day, 1) : g_date_time_ref (day);
  return TRUE;
}

/* Lays @report out and writes it to @output, saying how long it took when
 * @timings (from @started, a monotonic time, with @gathered the time the
 * data was in). */
static int
write_report (HwReport   *report,
              const char *output,
              gboolean    timings,
              gint64      started,
              gint64      gathered)
{
  GError *error = NULL;
  gint64 laid_out, written;
  guint n_pages;

  n_pages = hw_report_get_n_pages (report);
  laid_out = g_get_monotonic_time ();
  if (!hw_report_write_pdf (report, output, NULL, &error))
    return fail (error);
  written = g_get_monotonic_time ();

  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %s (%u page).\n", "Wrote %s (%u pages).\n", n_pages),
           output, n_pages);
  if (timings)
    g_print (_("gathered in %.0f ms, %u pages laid out in %.0f ms, written in %.0f ms (%.0f ms in all)\n"),
             (gathered - started) / 1000.0, n_pages, (laid_out - gathered) / 1000.0, (written - laid_out) / 1000.0,
             (written - started) / 1000.0);

  return EXIT_OK;
}

/* A case report: the case as the caller may read it, to a PDF. */
static int
cmd_report (Cli   *cli,
            int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HwReportOptions) options = hw_report_options_new ();
  g_autoptr(HwReport) report = NULL;
  g_autoptr(HwDb) db = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *output = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean no_photos = FALSE, blur = FALSE, timings = FALSE;
  Wait wait = { NULL, NULL };
  HwReportCase *data;
  GError *error = NULL;
  int status = EXIT_OK;
  gint64 started;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write (required)"), N_("FILE.pdf") },
    { "no-photos", 0, 0, G_OPTION_ARG_NONE, &no_photos, N_("Leave the photos out"), NULL },
    { "blur-photos", 0, 0, G_OPTION_ARG_NONE, &blur,
      N_("Blur the children's faces, for a copy shared outside the police"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Show the verification steps from this day on"),
      N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Show the verification steps up to this day"), N_("YYYY-MM-DD") },
    { "timings", 0, 0, G_OPTION_ARG_NONE, &timings, N_("Print how long each stage took"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("CASE-NUMBER"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Write a case report as a PDF: the case, the child and the photos, the abduction, "
                                  "the family, the linked sightings, the verification timeline, DNA, family "
                                  "contacts and the reunion. Phone numbers and addresses of the family are printed "
                                  "only for the supervisors of the case's unit. Nothing is written when the case "
                                  "cannot be read."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (context, _("report needs one case number"));
  if (output == NULL)
    return usage_error (context, _("report needs --output"));
  if (!parse_day_option (from, FALSE, &options->timeline_from) || !parse_day_option (to, TRUE, &options->timeline_to))
    return usage_error (context, _("Days are written like 2026-03-01"));
  if (options->timeline_from != NULL && options->timeline_to != NULL &&
      g_date_time_compare (options->timeline_from, options->timeline_to) >= 0)
    return usage_error (context, _("--from must come before --to"));
  options->include_photos = !no_photos;
  options->blur_photos = blur;
  /* Nothing is read (nor logged as read) for a report that could not be written. */
  if (!hw_report_check_destination (output, &error))
    return fail (error);

  started = g_get_monotonic_time ();
  if (!(db = cli_connect (cli, &error)))
    return fail (error);

  hw_report_case_load_async (db, 0, argv[1], options, NULL, wait_cb, &wait);
  result = wait_for (&wait);
  if (!(data = hw_report_case_load_finish (result, &error)))
    return fail (error);

  report = hw_report_new_case (data);
  return write_report (report, output, timings, started, g_get_monotonic_time ());
}

/* A unit's summary for a supervisor's weekly review, to a PDF. */
static int
cmd_summary (Cli   *cli,
             int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HwReportOptions) options = hw_report_options_new ();
  g_autoptr(HwReport) report = NULL;
  g_autoptr(HwDb) db = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GDateTime) period_from = NULL;
  g_autoptr(GDateTime) period_to = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *output = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean timings = FALSE;
  Wait wait = { NULL, NULL };
  HwReportSummary *data;
  GError *error = NULL;
  int status = EXIT_OK;
  gint64 started;
  GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The unit (required)"), N_("CODE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write (required)"), N_("FILE.pdf") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The first day of the period (default: a week before its end)"),
      N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The last day of the period (default: today)"), N_("YYYY-MM-DD") },
    { "timings", 0, 0, G_OPTION_ARG_NONE, &timings, N_("Print how long each stage took"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Write a unit's summary for a supervisor's weekly review as a PDF: cases and "
                                  "sightings by status, the sightings past their triage deadline, the reunions of "
                                  "the period and every open case."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return usage_error (context, _("summary takes no arguments"));
  if (unit == NULL)
    return usage_error (context, _("summary needs --unit"));
  if (output == NULL)
    return usage_error (context, _("summary needs --output"));
  if (!parse_day_option (from, FALSE, &period_from) || !parse_day_option (to, TRUE, &period_to))
    return usage_error (context, _("Days are written like 2026-03-01"));
  hw_report_summary_period (&period_from, &period_to);
  if (g_date_time_compare (period_from, period_to) >= 0)
    return usage_error (context, _("--from must come before --to"));
  if (!hw_report_check_destination (output, &error))
    return fail (error);

  started = g_get_monotonic_time ();
  if (!(db = cli_connect (cli, &error)))
    return fail (error);

  hw_report_summary_load_async (db, 0, unit, period_from, period_to, options, NULL, wait_cb, &wait);
  result = wait_for (&wait);
  if (!(data = hw_report_summary_load_finish (result, &error)))
    return fail (error);

  report = hw_report_new_summary (data);
  return write_report (report, output, timings, started, g_get_monotonic_time ());
}

/* Who read a case's restricted family details and DNA results: the access
 * log as the case page shows it to supervisors (the same query). */
static int
cmd_access_log (Cli   *cli,
                int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwDbResult) found = NULL;
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GBytes) sql = NULL;
  g_autofree char *case_ref = NULL;
  gboolean json = FALSE;
  GError *error = NULL;
  int status = EXIT_OK;
  GOptionEntry entries[] = {
    { "case", 'c', 0, G_OPTION_ARG_STRING, &case_ref, N_("The case: its number or its id (required)"),
      N_("CASE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("List who read a case’s family contact details, contact log and DNA "
                                  "results, and when: the last 50 reads, newest first. For the "
                                  "supervisors of the case’s unit and administrators."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return usage_error (context, _("access-log takes no other arguments"));
  if (case_ref == NULL || g_strstrip (case_ref)[0] == '\0')
    return usage_error (context, _("access-log needs --case"));

  sql = g_resources_lookup_data ("/io/github/homeward/Homeward/queries/case/load-access-log.sql",
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (sql != NULL);

  {
    const char *params[] = { case_ref };

    if (!(db = cli_connect (cli, &error)) ||
        !(found = hw_db_query_sync (db,
                                    "SELECT id FROM homeward.abduction_case "
                                    " WHERE case_number = upper ($1) OR id::text = $1",
                                    params, 1, NULL, &error)))
      return fail (error);
  }
  if (hw_db_result_get_n_rows (found) != 1)
    {
      g_printerr (_("homeward-cli: there is no case %s\n"), case_ref);
      return EXIT_FAILURE_;
    }

  {
    const char *params[] = { hw_db_result_get_string (found, 0, 0) };

    if (!(rows = hw_db_query_sync (db, g_bytes_get_data (sql, NULL), params, 1, NULL, &error)))
      {
        if (g_error_matches (error, HW_DB_ERROR, HW_DB_ERROR_PERMISSION))
          {
            g_printerr (_("homeward-cli: only supervisors and administrators read who read a case’s "
                          "family details\n"));
            g_error_free (error);
            return EXIT_FAILURE_;
          }
        return fail (error);
      }
  }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
        {
          g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (hw_db_result_int_cell (rows, i, "at", 0));
          g_autofree char *at_text = g_date_time_format_iso8601 (at);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "at");
          json_builder_add_string_value (builder, at_text);
          json_builder_set_member_name (builder, "who");
          json_builder_add_string_value (builder, hw_db_result_cell (rows, i, "who"));
          json_builder_set_member_name (builder, "what");
          json_builder_add_string_value (builder, hw_db_result_cell (rows, i, "what"));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      return print_json (root);
    }

  if (hw_db_result_get_n_rows (rows) == 0)
    {
      g_print ("%s\n", _("Nobody has read the family’s contact details or DNA results yet"));
      return EXIT_OK;
    }

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (hw_db_result_int_cell (rows, i, "at", 0));
      g_autoptr(GDateTime) at = g_date_time_to_local (utc);
      g_autofree char *when = g_date_time_format (at, "%Y-%m-%d %H:%M:%S");

      g_print ("%s  %s  %s\n", when, hw_db_result_cell (rows, i, "who"),
               hw_case_access_to_label (hw_db_result_cell (rows, i, "what")));
    }

  return EXIT_OK;
}

static const Command commands[] = {
  { "server", "start|stop|status|conninfo", N_("Manage the embedded server"), cmd_server },
  { "init", "", N_("Create the database, roles and schema"), cmd_init },
  { "migrate", "", N_("Apply pending schema migrations"), cmd_migrate },
  { "add-unit", "CODE --name NAME", N_("Add a police unit"), cmd_add_unit },
  { "add-officer", "LOGIN --name NAME --unit CODE --role ROLE", N_("Add an officer"), cmd_add_officer },
  { "demo-data", "--cases N --sightings M [--seed S]", N_("Load synthetic demo data"), cmd_demo_data },
  { "hash", "FILE…", N_("Print the fingerprints of photo files (no database)"), cmd_hash },
  { "near-duplicates", "FILE [--max-distance D]", N_("List the stored photos that look like a photo file"),
    cmd_near_duplicates },
  { "add-sighting", "--channel CHANNEL [OPTION…] [PHOTO…]", N_("Record a sighting with its photos; print its id"),
    cmd_add_sighting },
  { "candidates", "SIGHTING-ID [--limit N] [--json]", N_("Rank the open cases a sighting may be about"),
    cmd_candidates },
  { "dashboard", "[--unit CODE] [--json]", N_("Print the supervisor's figures for a unit"), cmd_dashboard },
  { "import-lab-results", "FILE.csv", N_("Import a DNA lab's STR profiles (all or nothing)"),
    cmd_import_lab_results },
  { "report", "CASE-NUMBER -o FILE.pdf", N_("Write a case report as a PDF"), cmd_report },
  { "summary", "--unit CODE -o FILE.pdf", N_("Write a unit's summary for a weekly review as a PDF"),
    cmd_summary },
  { "access-log", "--case CASE [--json]", N_("List who read a case's family details and DNA results"),
    cmd_access_log },
};

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n  homeward-cli [--server CONNINFO] COMMAND [OPTIONS…]\n\n", _("Usage:"));
  fprintf (out, "%s\n", _("Administration of a Homeward database. Without --server, commands use the "
                          "embedded server (started if needed)."));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-12s %-42s %s\n", commands[i].name, commands[i].args, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  --server CONNINFO  %s\n", _("a libpq connection string or URI"));
  fprintf (out, "  --help             %s\n", _("show this help; COMMAND --help shows a command’s"));
  fprintf (out, "  --version          %s\n", _("show the version"));
}

int
hw_cli_run (int    argc,
            char **argv)
{
  Cli cli = { NULL };
  int i = 1;
  int status;

  g_set_prgname ("homeward-cli");

  /* Global options come before the command. */
  while (i < argc && argv[i][0] == '-')
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_help (stdout);
          return EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          g_print ("homeward-cli %s\n", PACKAGE_VERSION);
          return EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--server") && i + 1 < argc)
        {
          g_free (cli.server);
          cli.server = g_strdup (argv[i + 1]);
          i += 2;
        }
      else if (g_str_has_prefix (argv[i], "--server="))
        {
          g_free (cli.server);
          cli.server = g_strdup (argv[i] + strlen ("--server="));
          i += 1;
        }
      else
        {
          g_printerr (_("homeward-cli: unknown option %s\n"), argv[i]);
          print_help (stderr);
          g_free (cli.server);
          return EXIT_USAGE;
        }
    }

  if (i >= argc)
    {
      print_help (stderr);
      g_free (cli.server);
      return EXIT_USAGE;
    }

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      if (g_str_equal (argv[i], commands[c].name))
        {
          g_autofree char *prgname = g_strdup_printf ("homeward-cli %s", commands[c].name);
          g_autoptr(GError) error = NULL;

          g_set_prgname (prgname);
          status = commands[c].func (&cli, argc - i, argv + i);

          if (cli.local != NULL && cli.started &&
              !hw_local_server_release (cli.local, &error))
            {
              g_printerr ("homeward-cli: %s\n", error->message);
              if (status == EXIT_OK)
                status = EXIT_FAILURE_;
            }

          g_clear_object (&cli.local);
          g_free (cli.server);
          return status;
        }
    }

  g_printerr (_("homeward-cli: unknown command “%s”\n"), argv[i]);
  print_help (stderr);
  g_free (cli.server);

  return EXIT_USAGE;
}
