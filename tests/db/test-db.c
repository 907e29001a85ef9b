/* test-db.c: the asynchronous connection against a real server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hw-test-cluster.h"

static char *dbname;

static char *
conninfo (void)
{
  return hw_test_cluster_conninfo (NULL, dbname);
}

typedef struct
{
  HwDbResult *result;
  GError     *error;
  gboolean    done;
  guint       ticks;
} QueryState;

static void
query_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  QueryState *state = user_data;

  state->result = hw_db_query_finish (HW_DB (object), result, &state->error);
  state->done = TRUE;
}

static gboolean
query_done (gpointer data)
{
  return ((QueryState *) data)->done;
}

static gboolean
tick_cb (gpointer data)
{
  ((QueryState *) data)->ticks++;

  return G_SOURCE_CONTINUE;
}

/* The main loop keeps dispatching while the server works on a query. */
static void
test_main_loop_runs (void)
{
  g_autofree char *info = conninfo ();
  g_autoptr(HwDb) db = hw_test_connect (info);
  QueryState state = { 0 };
  guint tick;

  tick = g_timeout_add (50, tick_cb, &state);
  hw_db_query_async (db, "SELECT pg_sleep(1)", NULL, 0, NULL, query_cb, &state);
  hw_test_wait_until (query_done, &state, 10000);
  g_source_remove (tick);

  g_assert_no_error (state.error);
  g_assert_nonnull (state.result);
  /* One second at 50 ms a tick: about 20; a blocked loop gives 0 or 1. */
  g_assert_cmpuint (state.ticks, >=, 10);
  hw_db_result_unref (state.result);
}

static void
test_parameters_and_types (void)
{
  g_autofree char *info = conninfo ();
  g_autoptr(HwDb) db = hw_test_connect (info);
  g_autoptr(HwDbResult) result = NULL;

  /* A parameter is never SQL, however it looks. */
  result = hw_test_query (db, "SELECT $1::text AS t, $2::int8 AS n, $3::bool AS b, NULL::text AS z",
                          "'; DROP TABLE homeward.unit; --", "9007199254740993", "true", NULL);
  g_assert_cmpuint (hw_db_result_get_n_rows (result), ==, 1);
  g_assert_cmpstr (hw_db_result_get_string (result, 0, 0), ==, "'; DROP TABLE homeward.unit; --");
  g_assert_cmpint (hw_db_result_get_int64 (result, 0, 1), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_true (hw_db_result_get_boolean (result, 0, 2));
  g_assert_true (hw_db_result_is_null (result, 0, 3));
  g_assert_cmpint (hw_db_result_get_column (result, "n"), ==, 1);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.unit", NULL), >=, 0);
}

static void
test_queries_in_order (void)
{
  g_autofree char *info = conninfo ();
  g_autoptr(HwDb) db = hw_test_connect (info);
  QueryState states[20] = { { 0 } };

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autofree char *n = g_strdup_printf ("%u", i);
      const char *params[] = { n };

      hw_db_query_async (db, "SELECT $1::int", params, 1, NULL, query_cb, &states[i]);
    }

  hw_test_wait_until (query_done, &states[G_N_ELEMENTS (states) - 1], 10000);

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_assert_true (states[i].done);
      g_assert_no_error (states[i].error);
      g_assert_cmpint (hw_db_result_get_int64 (states[i].result, 0, 0), ==, i);
      hw_db_result_unref (states[i].result);
    }
}

static void
test_error_mapping (void)
{
  g_autofree char *info = conninfo ();
  g_autoptr(HwDb) db = hw_test_connect (info);
  g_autoptr(GError) syntax = NULL;
  g_autoptr(GError) unique = NULL;
  g_autoptr(HwDbResult) after = NULL;

  syntax = hw_test_query_error (db, "SELEC 1", NULL);
  g_assert_error (syntax, HW_DB_ERROR, HW_DB_ERROR_QUERY);
  g_assert_cmpstr (hw_db_error_get_sqlstate (syntax), ==, "42601");

  unique = hw_test_query_error (db, "SELECT 1/0", NULL);
  g_assert_cmpstr (hw_db_error_get_sqlstate (unique), ==, "22012");

  /* The connection is usable after an error. */
  after = hw_test_query (db, "SELECT 1", NULL);
  g_assert_cmpuint (hw_db_result_get_n_rows (after), ==, 1);
}

typedef struct
{
  GPtrArray *payloads;
} NotifyState;

static void
notification_cb (HwDb        *db,
                 const char  *channel,
                 const char  *payload,
                 NotifyState *state)
{
  g_ptr_array_add (state->payloads, g_strdup_printf ("%s|%s", channel, payload));
}

static gboolean
has_payloads (gpointer data)
{
  return ((NotifyState *) data)->payloads->len > 0;
}

static void
test_notify_from_other_connection (void)
{
  g_autofree char *info = conninfo ();
  g_autoptr(HwDb) listener = hw_test_connect (info);
  g_autoptr(HwDb) sender = hw_test_connect (info);
  g_autoptr(HwDbResult) sent = NULL;
  g_autoptr(HwDbResult) own = NULL;
  g_autoptr(HwDbResult) sync = NULL;
  NotifyState state = { g_ptr_array_new_with_free_func (g_free) };

  g_signal_connect (listener, "notification", G_CALLBACK (notification_cb), &state);
  hw_db_listen (listener, "hw_test");
  sync = hw_test_query (listener, "SELECT 1", NULL);

  /* Our own notification is dropped... */
  own = hw_test_query (listener, "SELECT pg_notify('hw_test', 'own')", NULL);
  /* ...another session's arrives. */
  sent = hw_test_query (sender, "SELECT pg_notify('hw_test', $1)", "abduction_case:7:2", NULL);

  hw_test_wait_until (has_payloads, &state, 5000);
  g_assert_cmpuint (state.payloads->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (state.payloads, 0), ==, "hw_test|abduction_case:7:2");

  g_ptr_array_unref (state.payloads);
}

static gboolean
is_connected (gpointer data)
{
  return hw_db_get_state (data) == HW_DB_STATE_CONNECTED;
}

static gboolean
is_reconnecting (gpointer data)
{
  return hw_db_get_state (data) == HW_DB_STATE_RECONNECTING;
}

/* After the server ends our session, the client reconnects, the next query
 * works, and changes missed meanwhile come from the change log. */
static void
test_reconnect_after_terminate (void)
{
  g_autofree char *info = conninfo ();
  g_autoptr(HwDb) db = hw_test_connect (info);
  g_autoptr(HwDb) admin = hw_test_connect (info);
  g_autoptr(HwDbResult) terminated = NULL;
  g_autoptr(HwDbResult) after = NULL;
  g_autoptr(HwDbResult) unit = NULL;
  g_autoptr(HwDbResult) sync = NULL;
  g_autofree char *pid = NULL;
  NotifyState state = { g_ptr_array_new_with_free_func (g_free) };
  int old_pid = hw_db_get_backend_pid (db);

  g_signal_connect (db, "notification", G_CALLBACK (notification_cb), &state);
  hw_db_listen (db, HW_DB_CHANNEL);
  sync = hw_test_query (db, "SELECT 1", NULL);

  pid = g_strdup_printf ("%d", old_pid);
  terminated = hw_test_query (admin, "SELECT pg_terminate_backend($1::int)", pid, NULL);
  hw_test_wait_until (is_reconnecting, db, 5000);

  /* A change while we are away: its NOTIFY is lost, the change log is not. */
  unit = hw_test_query (admin, "SELECT homeward.create_unit('RC', 'Reconnect unit', NULL)", NULL);

  hw_test_wait_until (is_connected, db, 10000);
  g_assert_cmpint (hw_db_get_backend_pid (db), !=, old_pid);

  after = hw_test_query (db, "SELECT 42", NULL);
  g_assert_cmpint (hw_db_result_get_int64 (after, 0, 0), ==, 42);

  hw_test_wait_until (has_payloads, &state, 5000);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (state.payloads, 0), HW_DB_CHANNEL "|unit:"));

  g_ptr_array_unref (state.payloads);
}

/* A query in flight when the connection breaks fails clearly; it is not
 * replayed. */
static void
test_lost_mid_query (void)
{
  g_autofree char *info = conninfo ();
  g_autoptr(HwDb) db = hw_test_connect (info);
  g_autoptr(HwDb) admin = hw_test_connect (info);
  g_autoptr(HwDbResult) terminated = NULL;
  g_autofree char *pid = g_strdup_printf ("%d", hw_db_get_backend_pid (db));
  QueryState state = { 0 };

  hw_db_set_reconnect (db, FALSE);
  hw_db_query_async (db, "SELECT pg_sleep(30)", NULL, 0, NULL, query_cb, &state);
  terminated = hw_test_query (admin, "SELECT pg_terminate_backend($1::int)", pid, NULL);
  hw_test_wait_until (query_done, &state, 10000);

  g_assert_null (state.result);
  g_assert_nonnull (state.error);
  g_assert_true (state.error->domain == HW_DB_ERROR);
  g_assert_true (state.error->code == HW_DB_ERROR_CONNECTION_LOST);
  g_assert_cmpint (hw_db_get_state (db), ==, HW_DB_STATE_DISCONNECTED);
  g_clear_error (&state.error);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);

  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autofree char *info = conninfo ();
  g_autoptr(HwDb) db = hw_test_connect (info);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(HwDbResult) after = NULL;
  QueryState running = { 0 };
  QueryState queued = { 0 };
  gint64 started = g_get_monotonic_time ();

  hw_db_query_async (db, "SELECT pg_sleep(20)", NULL, 0, cancellable, query_cb, &running);
  hw_db_query_async (db, "SELECT 1", NULL, 0, cancellable, query_cb, &queued);
  g_timeout_add (200, cancel_cb, cancellable);

  hw_test_wait_until (query_done, &running, 10000);
  hw_test_wait_until (query_done, &queued, 10000);
  g_assert_error (running.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (queued.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
  g_clear_error (&running.error);
  g_clear_error (&queued.error);

  after = hw_test_query (db, "SELECT 1", NULL);
  g_assert_cmpuint (hw_db_result_get_n_rows (after), ==, 1);
}

/* A cancel request travels on a connection of its own: when it reaches the
 * server after the cancelled query finished, it cancels the next one, which
 * nobody cancelled. That one is sent again and succeeds. */
static void
test_cancel_reaches_next_query (void)
{
  g_autofree char *info = conninfo ();
  g_autoptr(HwDb) db = hw_test_connect (info);
  guint resent = 0;

  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      QueryState first = { 0 };
      QueryState next = { 0 };

      /* The first ends about when the cancel is sent; the next runs long
       * enough for a late cancel to reach it. */
      hw_db_query_async (db, "SELECT pg_sleep(0.005)", NULL, 0, cancellable, query_cb, &first);
      hw_db_query_async (db, "SELECT pg_sleep(0.05), 42", NULL, 0, NULL, query_cb, &next);
      g_usleep ((i % 8) * 1000);
      g_cancellable_cancel (cancellable);

      hw_test_wait_until (query_done, &first, 10000);
      hw_test_wait_until (query_done, &next, 10000);
      g_assert_no_error (next.error);
      g_assert_cmpstr (hw_db_result_get_string (next.result, 0, 1), ==, "42");
      if (first.error == NULL)
        resent++;
      g_clear_error (&first.error);
      g_clear_pointer (&first.result, hw_db_result_unref);
      g_clear_pointer (&next.result, hw_db_result_unref);
    }
  g_test_message ("%u of 40 first queries finished before their cancel", resent);
}

static void
test_connect_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HwDb) bad_string = hw_db_new ("host=/tmp port='unterminated");
  g_autoptr(HwDb) bad_uri = hw_db_new ("postgresql://[::1");
  g_autoptr(HwDb) no_role = NULL;
  g_autoptr(HwDb) no_server = hw_db_new ("host=/nonexistent/socket/dir dbname=x connect_timeout=2");
  g_autofree char *nobody = hw_test_cluster_conninfo ("hw_no_such_role", dbname);

  g_assert_false (hw_db_connect_sync (bad_string, NULL, &error));
  g_assert_error (error, HW_DB_ERROR, HW_DB_ERROR_CONNINFO);
  g_clear_error (&error);

  g_assert_false (hw_db_connect_sync (bad_uri, NULL, &error));
  g_assert_error (error, HW_DB_ERROR, HW_DB_ERROR_CONNINFO);
  g_clear_error (&error);

  g_assert_false (hw_db_connect_sync (no_server, NULL, &error));
  g_assert_error (error, HW_DB_ERROR, HW_DB_ERROR_CONNECT);
  g_assert_cmpint (hw_db_get_state (no_server), ==, HW_DB_STATE_DISCONNECTED);
  g_clear_error (&error);

  no_role = hw_db_new (nobody);
  g_assert_false (hw_db_connect_sync (no_role, NULL, &error));
  g_assert_true (error->domain == HW_DB_ERROR);
  g_assert_nonnull (strstr (error->message, "hw_no_such_role"));
  g_clear_error (&error);
}

/* A role that must give a password: a wrong one is refused clearly, the
 * right one works. */
static void
test_passwords (void)
{
  g_autofree char *info = conninfo ();
  g_autoptr(HwDb) admin = hw_test_connect (info);
  g_autoptr(HwDbResult) role = NULL;
  g_autoptr(HwDbResult) reloaded = NULL;
  g_autoptr(HwDbResult) who = NULL;
  g_autoptr(HwDb) wrong = NULL;
  g_autoptr(HwDb) missing = NULL;
  g_autoptr(HwDb) right = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *verifier = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *hba_path = NULL;
  g_autofree char *hba = NULL;
  g_autofree char *with_password = NULL;
  g_autofree char *base = hw_test_cluster_conninfo ("hw_pw_user", dbname);
  g_autofree char *wrong_info = NULL;
  g_autofree char *right_info = NULL;

  verifier = hw_db_encrypt_password (admin, "hw_pw_user", "секрет 密码", &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("CREATE ROLE hw_pw_user LOGIN PASSWORD '%s'", verifier);
  role = hw_test_query (admin, sql, NULL);

  hba_path = g_build_filename (hw_local_server_get_data_dir (hw_test_cluster_get_server ()),
                               "pg_hba.conf", NULL);
  g_assert_true (g_file_get_contents (hba_path, &hba, NULL, NULL));
  with_password = g_strconcat ("local all hw_pw_user scram-sha-256\n", hba, NULL);
  g_assert_true (g_file_set_contents (hba_path, with_password, -1, NULL));
  reloaded = hw_test_query (admin, "SELECT pg_reload_conf()", NULL);
  g_usleep (G_USEC_PER_SEC / 5);

  missing = hw_db_new (base);
  g_assert_false (hw_db_connect_sync (missing, NULL, &error));
  g_assert_error (error, HW_DB_ERROR, HW_DB_ERROR_AUTH);
  g_clear_error (&error);

  wrong_info = hw_db_conninfo_with (base, "password", "guess", NULL);
  wrong = hw_db_new (wrong_info);
  g_assert_false (hw_db_connect_sync (wrong, NULL, &error));
  g_assert_error (error, HW_DB_ERROR, HW_DB_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "password authentication failed"));
  g_clear_error (&error);

  right_info = hw_db_conninfo_with (base, "password", "секрет 密码", NULL);
  right = hw_test_connect (right_info);
  who = hw_test_query (right, "SELECT current_user", NULL);
  g_assert_cmpstr (hw_db_result_get_string (who, 0, 0), ==, "hw_pw_user");
}

static void
test_conninfo_forms (void)
{
  g_autofree char *info = conninfo ();
  g_autofree char *socket = g_uri_escape_string (hw_local_server_get_socket_dir (hw_test_cluster_get_server ()),
                                                 NULL, FALSE);
  g_autofree char *uri = g_strdup_printf ("postgresql:///%s?host=%s&port=5432&user=%s", dbname, socket,
                                          hw_local_server_get_superuser (hw_test_cluster_get_server ()));
  g_autoptr(HwDb) by_uri = hw_test_connect (uri);
  g_autoptr(HwDb) by_string = hw_test_connect (info);
  g_autoptr(HwDbResult) a = hw_test_query (by_uri, "SELECT current_database()", NULL);
  g_autoptr(HwDbResult) b = hw_test_query (by_string, "SELECT current_database()", NULL);

  g_assert_cmpstr (hw_db_result_get_string (a, 0, 0), ==, dbname);
  g_assert_cmpstr (hw_db_result_get_string (b, 0, 0), ==, dbname);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  hw_test_cluster_start ();
  dbname = hw_test_cluster_new_database ("db");

  g_test_add_func ("/db/connection/main-loop-runs", test_main_loop_runs);
  g_test_add_func ("/db/connection/parameters", test_parameters_and_types);
  g_test_add_func ("/db/connection/in-order", test_queries_in_order);
  g_test_add_func ("/db/connection/errors", test_error_mapping);
  g_test_add_func ("/db/connection/notify", test_notify_from_other_connection);
  g_test_add_func ("/db/connection/reconnect", test_reconnect_after_terminate);
  g_test_add_func ("/db/connection/lost-mid-query", test_lost_mid_query);
  g_test_add_func ("/db/connection/cancel", test_cancel);
  g_test_add_func ("/db/connection/cancel-reaches-next-query", test_cancel_reaches_next_query);
  g_test_add_func ("/db/connection/connect-errors", test_connect_errors);
  g_test_add_func ("/db/connection/conninfo-forms", test_conninfo_forms);
  g_test_add_func ("/db/connection/passwords", test_passwords);

  ret = g_test_run ();

  hw_test_cluster_stop ();
  g_free (dbname);

  return ret;
}
