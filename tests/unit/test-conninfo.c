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

/* Issue 14: passwords never reach a message, a log or a title. */
static void
test_redact_conninfo (void)
{
  const struct
  {
    const char *conninfo;
    const char *redacted;
  } cases[] = {
    { "postgresql://li:s3cret@db.example:5433/homeward?sslmode=verify-full",
      "postgresql://li:***@db.example:5433/homeward?sslmode=verify-full" },
    { "postgres://li:s3cret@db.example/homeward", "postgres://li:***@db.example/homeward" },
    { "POSTGRESQL://li:s3cret@db.example", "POSTGRESQL://li:***@db.example" },
    { "postgresql://li:p%40ss%20w0rd@db.example/homeward",
      "postgresql://li:***@db.example/homeward" },
    { "postgresql://li@db.example/homeward?password=s3cret&sslmode=require",
      "postgresql://li@db.example/homeward?password=***&sslmode=require" },
    { "postgresql://li@db.example/homeward?%70assword=s3cret",
      "postgresql://li@db.example/homeward?%70assword=***" },
    { "postgresql:///homeward?host=/tmp&sslpassword=k3y",
      "postgresql:///homeward?host=/tmp&sslpassword=***" },
    /* Not encoded as they should be: libpq splits them, we do not. */
    { "postgresql://li:pa@ss@db.example/homeward", "postgresql://li:***@db.example/homeward" },
    { "postgresql://li:pa/ss@db.example/homeward", "postgresql://li:***@db.example/homeward" },
    { "postgresql://li:pa?ss@db.example/homeward", "postgresql://li:***@db.example/homeward" },
    /* Malformed. */
    { "postgresql://li:s3cret@[::1/homeward", "postgresql://li:***@[::1/homeward" },
    { "postgresql://li:sec%zzret@db.example", "postgresql://li:***@db.example" },
    /* Keywords. */
    { "host=db.example password=s3cret user=li", "host=db.example password=*** user=li" },
    { "host=db.example password = 'sec ret' user=li", "host=db.example password = *** user=li" },
    { "password='it\\'s \\\\ s3cret' host=db.example", "password=*** host=db.example" },
    { "password=sec ret host=db.example", "password=*** host=db.example" },
    { "password='unterminated s3cret", "password=***" },
    { "host=db.example sslpassword=k3y", "host=db.example sslpassword=***" },
    { "dbname='postgresql://li:s3cret@db.example/homeward' user=li",
      "dbname='postgresql://li:***@db.example/homeward' user=li" },
    /* Nothing to hide. */
    { "host=/run/homeward dbname=homeward", "host=/run/homeward dbname=homeward" },
    { "postgresql://li@db.example:5433/homeward", "postgresql://li@db.example:5433/homeward" },
    { "postgresql://db.example:5432/homeward?user=li@corp",
      "postgresql://db.example:5432/homeward?user=li@corp" },
    { "postgresql://[::1]:5432/homeward", "postgresql://[::1]:5432/homeward" },
    { "dbname=password user=passwords", "dbname=password user=passwords" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *redacted = hw_db_redact_conninfo (cases[i].conninfo);

      g_assert_cmpstr (redacted, ==, cases[i].redacted);
    }
}

/* libpq's messages quote what they could not parse, whole or in pieces. */
static void
test_redact_message (void)
{
  const struct
  {
    const char *message;
    const char *conninfo;
    const char *redacted;
  } cases[] = {
    { "end of string reached when looking for matching \"]\" in IPv6 host address in URI: "
      "\"postgresql://li:s3cret@[::1/homeward\"",
      "postgresql://li:s3cret@[::1/homeward",
      "end of string reached when looking for matching \"]\" in IPv6 host address in URI: "
      "\"postgresql://li:***@[::1/homeward\"" },
    { "invalid percent-encoded token: \"sec%zzret\"",
      "postgresql://li:sec%zzret@db.example",
      "invalid percent-encoded token: \"***\"" },
    { "missing \"=\" after \"ret\" in connection info string",
      "password=sec ret host=db.example",
      "missing \"=\" after \"***\" in connection info string" },
    { "could not translate host name \"ss@db.example\" to address: Name or service not known",
      "postgresql://li:pa@ss@db.example/homeward",
      "could not translate host name \"***@db.example\" to address: Name or service not known" },
    { "invalid integer value \"pa\" for connection option \"port\"",
      "postgresql://li:pa/ss@db.example/homeward",
      "invalid integer value \"***\" for connection option \"port\"" },
    /* Without the connection string, what the message writes itself. */
    { "could not connect with \"host=db.example password=s3cret\"", NULL,
      "could not connect with \"host=db.example password=***\"" },
    { "dblink: postgres://li:s3cret@db.example/homeward refused", NULL,
      "dblink: postgres://li:***@db.example/homeward refused" },
    /* A quoted word that is the password goes, whatever it stood for... */
    { "password authentication failed for user \"li\"", "host=db.example user=li password=li",
      "password authentication failed for user \"***\"" },
    /* ...but words outside quotes, and quoted words that are not it, stay. */
    { "connection to server on socket \"/run/homeward/.s.PGSQL.5432\" failed: pa",
      "host=/run/homeward password=pa",
      "connection to server on socket \"/run/homeward/.s.PGSQL.5432\" failed: pa" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *redacted = hw_db_redact_message (cases[i].message, cases[i].conninfo);

      g_assert_cmpstr (redacted, ==, cases[i].redacted);
    }
}

/* What hw_db_check_conninfo() and a connection attempt say, straight from
 * libpq, shows no password. */
static void
test_redact_errors (void)
{
  const struct
  {
    const char *conninfo;
    const char *password;
  } malformed[] = {
    { "postgresql://li:s3cret@[::1/homeward", "s3cret" },
    { "postgres://li:s3cret@[]/homeward", "s3cret" },
    { "postgresql://li:sec%zzret@db.example/homeward", "zzret" },
    { "postgresql://li:s3cr%00et@db.example/homeward", "s3cr" },
    { "postgresql://li@db.example/homeward?password=s3c%zz", "s3c" },
    { "password=s3cret s3cond host=db.example", "s3cond" },
  };
  g_autoptr(HwDb) db = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) check_error = NULL;

      g_assert_false (hw_db_check_conninfo (malformed[i].conninfo, &check_error));
      g_assert_error (check_error, HW_DB_ERROR, HW_DB_ERROR_CONNINFO);
      g_test_message ("%s", check_error->message);
      g_assert_null (strstr (check_error->message, malformed[i].password));
      g_assert_nonnull (strstr (check_error->message, "***"));
    }

  /* libpq reads "li:pa/ss@…" as host "li", port "pa": refused before any
   * network, quoting the port. */
  db = hw_db_new ("postgresql://li:pa/ss@db.example/homeward");
  hw_db_set_reconnect (db, FALSE);
  g_assert_false (hw_db_connect_sync (db, NULL, &error));
  g_assert_error (error, HW_DB_ERROR, HW_DB_ERROR_CONNECT);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, "\"pa\""));
  g_assert_nonnull (strstr (error->message, "\"***\""));
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
  g_test_add_func ("/unit/conninfo/redact", test_redact_conninfo);
  g_test_add_func ("/unit/conninfo/redact-message", test_redact_message);
  g_test_add_func ("/unit/conninfo/redact-errors", test_redact_errors);
  g_test_add_func ("/unit/schema/migrations-known", test_migrations_known);

  return g_test_run ();
}
