/* hw-schema.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-schema"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-schema.h"

/* Migrations are the numbered files NNNN-name.sql under SQL_PATH in the
 * GResource. Each runs as one simple-query message together with the row
 * that records it, so it is applied whole or not at all; an advisory lock
 * keeps two clients from migrating at once. */

#define SQL_PATH "/io/github/homeward/Homeward/sql"
#define MIGRATE_LOCK "4675113094526894389"

#define BOOTSTRAP_SQL \
  "CREATE SCHEMA IF NOT EXISTS homeward;\n" \
  "CREATE TABLE IF NOT EXISTS homeward.schema_migrations (\n" \
  "  version integer PRIMARY KEY,\n" \
  "  name text NOT NULL,\n" \
  "  applied_at timestamptz NOT NULL DEFAULT now());"

typedef struct
{
  guint  version;
  char  *name;
  char  *path;
} Migration;

static void
migration_free (Migration *migration)
{
  g_free (migration->name);
  g_free (migration->path);
  g_free (migration);
}

static int
compare_migrations (gconstpointer a,
                    gconstpointer b)
{
  const Migration *ma = *(const Migration * const *) a;
  const Migration *mb = *(const Migration * const *) b;

  return (int) ma->version - (int) mb->version;
}

static gboolean
valid_name (const char *name)
{
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;

  return TRUE;
}

static GPtrArray *
list_migrations (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children (SQL_PATH, 0, NULL);
  GPtrArray *migrations = g_ptr_array_new_with_free_func ((GDestroyNotify) migration_free);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      Migration *migration;
      char *end = NULL;
      guint64 version;

      if (!g_str_has_suffix (names[i], ".sql") || !valid_name (names[i]))
        continue;

      version = g_ascii_strtoull (names[i], &end, 10);
      if (end == names[i] || *end != '-' || version == 0 || version > G_MAXINT)
        continue;

      migration = g_new0 (Migration, 1);
      migration->version = (guint) version;
      migration->name = g_strndup (names[i], strlen (names[i]) - strlen (".sql"));
      migration->path = g_build_path ("/", SQL_PATH, names[i], NULL);
      g_ptr_array_add (migrations, migration);
    }

  g_ptr_array_sort (migrations, compare_migrations);

  return migrations;
}

/**
 * hw_schema_get_known_version:
 *
 * Returns: the newest schema version this build knows.
 */
guint
hw_schema_get_known_version (void)
{
  g_autoptr(GPtrArray) migrations = list_migrations ();

  if (migrations->len == 0)
    return 0;

  return ((Migration *) g_ptr_array_index (migrations, migrations->len - 1))->version;
}

static GError *
newer_schema_error (guint version)
{
  return g_error_new (HW_DB_ERROR, HW_DB_ERROR_SCHEMA,
                      _("The database has schema version %u, newer than this version of "
                        "Homeward knows (%u). Update Homeward before using this database; "
                        "nothing was changed."),
                      version, hw_schema_get_known_version ());
}

static gboolean
check_version (guint    version,
               GError **error)
{
  guint known = hw_schema_get_known_version ();

  if (version == 0)
    {
      g_set_error (error, HW_DB_ERROR, HW_DB_ERROR_SCHEMA,
                   _("The database has no Homeward schema. An administrator creates it with "
                     "“homeward-cli init”."));
      return FALSE;
    }

  if (version > known)
    {
      g_propagate_error (error, newer_schema_error (version));
      return FALSE;
    }

  if (version < known)
    {
      g_set_error (error, HW_DB_ERROR, HW_DB_ERROR_SCHEMA,
                   _("The database has schema version %u, older than this version of "
                     "Homeward needs (%u). An administrator updates it with "
                     "“homeward-cli migrate”."),
                   version, known);
      return FALSE;
    }

  return TRUE;
}

#define VERSION_SQL \
  "SELECT coalesce(max(version), 0) FROM homeward.schema_migrations"

static gboolean
version_from_result (HwDbResult  *rows,
                     GError      *query_error,
                     guint       *version,
                     GError     **error)
{
  if (rows == NULL)
    {
      /* 42P01: undefined table, 3F000: undefined schema. */
      const char *sqlstate = hw_db_error_get_sqlstate (query_error);

      if (g_strcmp0 (sqlstate, "42P01") == 0 || g_strcmp0 (sqlstate, "3F000") == 0)
        {
          *version = 0;
          return TRUE;
        }

      g_propagate_error (error, g_error_copy (query_error));
      return FALSE;
    }

  *version = (guint) hw_db_result_get_int64 (rows, 0, 0);

  return TRUE;
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GError) query_error = NULL;
  GError *error = NULL;
  guint version = 0;

  rows = hw_db_query_finish (HW_DB (object), result, &query_error);

  if (!version_from_result (rows, query_error, &version, &error) ||
      !check_version (version, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_int (task, version);
}

/**
 * hw_schema_check_async:
 *
 * Checks that the database's schema is the one this build knows.
 */
void
hw_schema_check_async (HwDb                *db,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HW_IS_DB (db));

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_schema_check_async);
  hw_db_query_async (db, VERSION_SQL, NULL, 0, cancellable, check_cb, g_steal_pointer (&task));
}

gboolean
hw_schema_check_finish (HwDb          *db,
                        GAsyncResult  *result,
                        guint         *version,
                        GError       **error)
{
  gssize ret;

  g_return_val_if_fail (g_task_is_valid (result, db), FALSE);

  ret = g_task_propagate_int (G_TASK (result), error);
  if (version != NULL)
    *version = ret > 0 ? (guint) ret : 0;

  return ret > 0;
}

gboolean
hw_schema_check_sync (HwDb          *db,
                      guint         *version,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GError) query_error = NULL;
  guint v = 0;

  rows = hw_db_query_sync (db, VERSION_SQL, NULL, 0, cancellable, &query_error);
  if (!version_from_result (rows, query_error, &v, error))
    return FALSE;

  if (version != NULL)
    *version = v;

  return check_version (v, error);
}

static gboolean
apply_pending (HwDb          *db,
               guint         *n_applied,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GPtrArray) migrations = list_migrations ();
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GError) query_error = NULL;
  guint current = 0;

  if (!hw_db_exec_script_sync (db, BOOTSTRAP_SQL, cancellable, error))
    return FALSE;

  rows = hw_db_query_sync (db, VERSION_SQL, NULL, 0, cancellable, &query_error);
  if (!version_from_result (rows, query_error, &current, error))
    return FALSE;

  if (current > hw_schema_get_known_version ())
    {
      g_propagate_error (error, newer_schema_error (current));
      return FALSE;
    }

  for (guint i = 0; i < migrations->len; i++)
    {
      Migration *migration = g_ptr_array_index (migrations, i);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *script = NULL;
      g_autoptr(GError) local_error = NULL;

      if (migration->version <= current)
        continue;

      if (!(bytes = g_resources_lookup_data (migration->path, 0, error)))
        return FALSE;

      /* Our own file and a name checked by valid_name(): no user text. */
      script = g_strdup_printf ("%.*s\n;\nINSERT INTO homeward.schema_migrations (version, name) "
                                "VALUES (%u, '%s');",
                                (int) g_bytes_get_size (bytes),
                                (const char *) g_bytes_get_data (bytes, NULL),
                                migration->version, migration->name);

      g_debug ("Applying migration %s", migration->name);

      if (!hw_db_exec_script_sync (db, script, cancellable, &local_error))
        {
          g_set_error (error, local_error->domain, local_error->code,
                       _("Migration %s failed, and was not applied: %s"),
                       migration->name, local_error->message);
          return FALSE;
        }

      (*n_applied)++;
    }

  return TRUE;
}

/**
 * hw_schema_migrate_sync:
 * @n_applied: (out) (optional): how many migrations were applied
 *
 * Applies the migrations the database lacks. Needs a role that may create
 * roles and objects (an administrator or the superuser). For the CLI and
 * for worker threads with their own main context.
 */
gboolean
hw_schema_migrate_sync (HwDb          *db,
                        guint         *n_applied,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(HwDbResult) locked = NULL;
  g_autoptr(HwDbResult) unlocked = NULL;
  guint applied = 0;
  gboolean ret;

  g_return_val_if_fail (HW_IS_DB (db), FALSE);

  if (!(locked = hw_db_query_sync (db, "SELECT pg_advisory_lock(" MIGRATE_LOCK ")",
                                   NULL, 0, cancellable, error)))
    return FALSE;

  ret = apply_pending (db, &applied, cancellable, error);

  unlocked = hw_db_query_sync (db, "SELECT pg_advisory_unlock(" MIGRATE_LOCK ")",
                               NULL, 0, NULL, NULL);

  if (n_applied != NULL)
    *n_applied = applied;

  return ret;
}

static gboolean
valid_identifier (const char *name)
{
  if (name == NULL || name[0] == '\0' || strlen (name) > 63)
    return FALSE;

  if (!g_ascii_islower (name[0]) && name[0] != '_')
    return FALSE;

  for (const char *p = name; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;

  return TRUE;
}

/**
 * hw_schema_create_database_sync:
 * @conninfo: how to reach the server, as a role that may create databases
 * @dbname: the database to create
 * @created: (out) (optional): whether it was created (it may exist)
 *
 * Creates @dbname with UTF-8 and LC_CTYPE C.UTF-8 (see DESIGN.md "Search")
 * unless it exists. Connects to the "postgres" maintenance database.
 */
gboolean
hw_schema_create_database_sync (const char    *conninfo,
                                const char    *dbname,
                                gboolean      *created,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autofree char *maintenance = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(HwDbResult) done = NULL;
  const char *params[] = { dbname };

  if (created != NULL)
    *created = FALSE;

  if (!valid_identifier (dbname))
    {
      g_set_error (error, HW_DB_ERROR, HW_DB_ERROR_CONNINFO,
                   _("“%s” is not a database name Homeward creates: use lower-case letters, "
                     "digits and underscores."), dbname);
      return FALSE;
    }

  if (!(maintenance = hw_db_conninfo_with (conninfo, "dbname", "postgres", error)))
    return FALSE;

  db = hw_db_new (maintenance);
  hw_db_set_reconnect (db, FALSE);

  if (!hw_db_connect_sync (db, cancellable, error))
    return FALSE;

  if (!(rows = hw_db_query_sync (db, "SELECT 1 FROM pg_database WHERE datname = $1",
                                 params, 1, cancellable, error)))
    return FALSE;

  if (hw_db_result_get_n_rows (rows) > 0)
    return TRUE;

  /* CREATE DATABASE takes no parameters; the name was checked above. */
  sql = g_strdup_printf ("CREATE DATABASE %s ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' "
                         "LC_CTYPE 'C.UTF-8' TEMPLATE template0", dbname);

  if (!(done = hw_db_query_sync (db, sql, NULL, 0, cancellable, error)))
    return FALSE;

  if (created != NULL)
    *created = TRUE;

  return TRUE;
}
