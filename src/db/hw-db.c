/* hw-db.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-db"

#include "config.h"

#include <errno.h>
#include <poll.h>

#include <glib/gi18n.h>
#include <libpq-fe.h>

#include "hw-db.h"
#include "hw-db-result-private.h"

/* HwDb is one connection to the server.
 *
 * Establishing the connection runs PQconnectStartParams()/PQconnectPoll() on a
 * worker thread: libpq resolves host names and may do a TLS handshake inside
 * those calls, and neither may stall the main loop. Once connected, the socket
 * is non-blocking and everything else (queries, results, notifications,
 * cancellation) is driven from the main loop by a GSource on PQsocket().
 *
 * Queries run one at a time in the order they were queued. A query that was
 * in flight when the connection broke fails with HW_DB_ERROR_CONNECTION_LOST;
 * it is never replayed silently. Queries that were only queued wait for the
 * reconnection. */

#define BACKOFF_MIN_MS 250
#define BACKOFF_MAX_MS 30000
#define CATCH_UP_LIMIT "5000"
#define POSITION_REFRESH_SECONDS 10

typedef struct
{
  char *sqlstate;
  char *detail;
} HwDbErrorPrivate;

static void
hw_db_error_private_init (HwDbErrorPrivate *priv)
{
}

static void
hw_db_error_private_copy (const HwDbErrorPrivate *src,
                          HwDbErrorPrivate       *dest)
{
  dest->sqlstate = g_strdup (src->sqlstate);
  dest->detail = g_strdup (src->detail);
}

static void
hw_db_error_private_clear (HwDbErrorPrivate *priv)
{
  g_clear_pointer (&priv->sqlstate, g_free);
  g_clear_pointer (&priv->detail, g_free);
}

G_DEFINE_EXTENDED_ERROR (HwDbError, hw_db_error)

typedef enum
{
  QUERY_PARAMS,
  QUERY_SCRIPT,
} QueryKind;

typedef struct
{
  QueryKind      kind;
  char          *sql;
  char         **params;
  guint          n_params;
  GTask         *task;
  GCancellable  *cancellable;
  gulong         cancelled_id;
  gboolean       cancel_sent;
  guint          stray_cancels;   /* times cancelled for another query */
  gint64         queued_at;
  gint64         sent_at;
} Query;

typedef struct
{
  GSource  parent;
  HwDb    *db;
  gpointer tag;
} DbSource;

struct _HwDb
{
  GObject       parent_instance;

  char         *conninfo;
  PGconn       *conn;
  HwDbState     state;
  int           backend_pid;
  char         *user;

  GSource      *source;
  int           source_fd;

  GQueue        pending;
  Query        *current;
  PGresult     *current_result;
  PGresult     *current_error;

  GPtrArray    *channels;
  gboolean      reconnect;
  guint         backoff_ms;
  guint         reconnect_id;
  guint         cancel_idle_id;
  GCancellable *connect_cancellable;
  GCancellable *outer_cancellable;
  gulong        outer_cancelled_id;

  gboolean      tracking;
  char         *change_position;
  guint         position_refresh_id;
};

G_DEFINE_FINAL_TYPE (HwDb, hw_db, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (HwDbState, hw_db_state,
                    G_DEFINE_ENUM_VALUE (HW_DB_STATE_DISCONNECTED, "disconnected"),
                    G_DEFINE_ENUM_VALUE (HW_DB_STATE_CONNECTING, "connecting"),
                    G_DEFINE_ENUM_VALUE (HW_DB_STATE_CONNECTED, "connected"),
                    G_DEFINE_ENUM_VALUE (HW_DB_STATE_RECONNECTING, "reconnecting"),
                    G_DEFINE_ENUM_VALUE (HW_DB_STATE_CLOSED, "closed"))

enum {
  PROP_0,
  PROP_CONNINFO,
  PROP_STATE,
  N_PROPS
};

enum {
  NOTIFICATION,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void hw_db_send_next       (HwDb       *self);
static void hw_db_start_connect   (HwDb       *self,
                                   GTask      *task);
static void hw_db_connection_lost (HwDb       *self,
                                   const char *message);
static void hw_db_schedule_position_refresh (HwDb *self);

static void
query_free (Query *query)
{
  if (query->cancelled_id != 0)
    g_cancellable_disconnect (query->cancellable, query->cancelled_id);
  g_clear_object (&query->cancellable);
  g_clear_object (&query->task);
  g_clear_pointer (&query->sql, g_free);
  if (query->params != NULL)
    {
      for (guint i = 0; i < query->n_params; i++)
        g_free (query->params[i]);
      g_free (query->params);
    }
  g_free (query);
}

static GError *
error_new (HwDbError   code,
           const char *sqlstate,
           const char *detail,
           const char *message)
{
  GError *error = g_error_new_literal (HW_DB_ERROR, code, message);
  HwDbErrorPrivate *priv = hw_db_error_get_private (error);

  priv->sqlstate = g_strdup (sqlstate);
  priv->detail = g_strdup (detail);

  return error;
}

/**
 * hw_db_error_get_sqlstate:
 *
 * Returns: (nullable): the SQLSTATE the server gave with @error.
 */
const char *
hw_db_error_get_sqlstate (const GError *error)
{
  HwDbErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != HW_DB_ERROR)
    return NULL;

  priv = hw_db_error_get_private (error);

  return priv != NULL ? priv->sqlstate : NULL;
}

const char *
hw_db_error_get_detail (const GError *error)
{
  HwDbErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != HW_DB_ERROR)
    return NULL;

  priv = hw_db_error_get_private (error);

  return priv != NULL ? priv->detail : NULL;
}

static HwDbError
code_for_sqlstate (const char *sqlstate)
{
  if (sqlstate == NULL)
    return HW_DB_ERROR_QUERY;

  if (g_str_equal (sqlstate, "42501"))
    return HW_DB_ERROR_PERMISSION;
  if (g_str_equal (sqlstate, "23505") || g_str_equal (sqlstate, "40001"))
    return HW_DB_ERROR_CONFLICT;
  if (g_str_has_prefix (sqlstate, "23") || g_str_has_prefix (sqlstate, "HW") ||
      g_str_equal (sqlstate, "P0001"))
    return HW_DB_ERROR_RULE;
  if (g_str_equal (sqlstate, "53100"))
    return HW_DB_ERROR_DISK_FULL;
  if (g_str_has_prefix (sqlstate, "08") || g_str_has_prefix (sqlstate, "57P"))
    return HW_DB_ERROR_CONNECTION_LOST;

  return HW_DB_ERROR_QUERY;
}

static GError *
error_from_result (PGresult *result)
{
  const char *sqlstate = PQresultErrorField (result, PG_DIAG_SQLSTATE);
  const char *primary = PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);
  const char *detail = PQresultErrorField (result, PG_DIAG_MESSAGE_DETAIL);
  g_autofree char *safe_primary = NULL;
  g_autofree char *safe_detail = NULL;

  if (g_strcmp0 (sqlstate, "57014") == 0)
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The query was cancelled"));

  if (primary == NULL)
    primary = PQresultErrorMessage (result);

  /* The server's messages can quote a connection string too (dblink's,
   * a subscription's). */
  safe_primary = hw_db_redact_message (primary != NULL ? primary : "", NULL);
  safe_detail = detail != NULL ? hw_db_redact_message (detail, NULL) : NULL;

  return error_new (code_for_sqlstate (sqlstate), sqlstate, safe_detail, safe_primary);
}

/* libpq's messages end in a newline and indent their second line with a
 * tab; people read them in dialogs. They may quote @conninfo, which must
 * not show its passwords. */
static char *
libpq_message (const char *message,
               const char *conninfo)
{
  g_autoptr(GString) text = g_string_new (message != NULL ? message : "");
  g_autofree char *redacted = NULL;

  g_string_replace (text, "\n\t", "\n", 0);
  g_string_replace (text, "\t", " ", 0);
  redacted = hw_db_redact_message (text->str, conninfo);

  return g_strstrip (g_steal_pointer (&redacted));
}

static void
set_state (HwDb      *self,
           HwDbState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Main-loop source on the connection's socket. */

static gboolean
db_source_dispatch (GSource     *source,
                    GSourceFunc  callback,
                    gpointer     user_data)
{
  DbSource *db_source = (DbSource *) source;
  g_autoptr(HwDb) self = g_object_ref (db_source->db);
  GIOCondition revents = g_source_query_unix_fd (source, db_source->tag);

  if (self->conn == NULL)
    return G_SOURCE_CONTINUE;

  if (revents & G_IO_OUT)
    {
      int flushed = PQflush (self->conn);

      if (flushed < 0)
        {
          hw_db_connection_lost (self, PQerrorMessage (self->conn));
          return G_SOURCE_CONTINUE;
        }

      g_source_modify_unix_fd (source, db_source->tag, flushed == 0 ? G_IO_IN : G_IO_IN | G_IO_OUT);
    }

  if (revents & (G_IO_IN | G_IO_HUP | G_IO_ERR))
    {
      PGnotify *notify;

      if (!PQconsumeInput (self->conn))
        {
          hw_db_connection_lost (self, PQerrorMessage (self->conn));
          return G_SOURCE_CONTINUE;
        }

      while (self->current != NULL && !PQisBusy (self->conn))
        {
          PGresult *result = PQgetResult (self->conn);
          Query *query;

          if (result != NULL)
            {
              switch (PQresultStatus (result))
                {
                case PGRES_COMMAND_OK:
                case PGRES_TUPLES_OK:
                case PGRES_EMPTY_QUERY:
                  g_clear_pointer (&self->current_result, PQclear);
                  self->current_result = result;
                  break;

                case PGRES_COPY_IN:
                case PGRES_COPY_OUT:
                case PGRES_COPY_BOTH:
                  /* COPY belongs on a bulk connection, not here. */
                  PQclear (result);
                  hw_db_connection_lost (self, "COPY is not supported on an interactive connection");
                  return G_SOURCE_CONTINUE;

                case PGRES_BAD_RESPONSE:
                case PGRES_NONFATAL_ERROR:
                case PGRES_FATAL_ERROR:
                default:
                  if (self->current_error == NULL)
                    self->current_error = result;
                  else
                    PQclear (result);
                  break;
                }
              continue;
            }

          /* NULL: the query is complete. */
          query = g_steal_pointer (&self->current);
          /* G_MESSAGES_DEBUG=hw-db: where a connection's time goes (the
           * query's first 100 characters, not bytes: whole characters). */
          if (!g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
            {
              g_autofree char *start = g_utf8_make_valid (query->sql, -1);
              g_autofree char *shown = g_utf8_substring (start, 0, MIN (100, g_utf8_strlen (start, -1)));

              g_debug ("%.1f ms (%.1f ms queued): %s",
                       (g_get_monotonic_time () - query->sent_at) / 1000.0,
                       (query->sent_at - query->queued_at) / 1000.0, shown);
            }

          /* A cancel request for the query before (PQcancel() is sent from a
           * thread, and the server cancels whatever runs when it arrives)
           * may cancel this one: a statement cancelled is rolled back whole,
           * so it is sent again. */
          if (self->current_error != NULL && query->kind == QUERY_PARAMS && query->stray_cancels < 2 &&
              g_strcmp0 (PQresultErrorField (self->current_error, PG_DIAG_SQLSTATE), "57014") == 0 &&
              (query->cancellable == NULL || !g_cancellable_is_cancelled (query->cancellable)))
            {
              g_debug ("Sending again a query cancelled for the one before it");
              query->stray_cancels++;
              g_clear_pointer (&self->current_error, PQclear);
              g_clear_pointer (&self->current_result, PQclear);
              g_queue_push_head (&self->pending, query);
              continue;
            }

          if (self->current_error != NULL)
            {
              GError *error = error_from_result (self->current_error);

              g_clear_pointer (&self->current_error, PQclear);
              g_clear_pointer (&self->current_result, PQclear);
              g_task_return_error (query->task, error);
            }
          else if (self->current_result != NULL)
            {
              g_task_return_pointer (query->task,
                                     _hw_db_result_new (g_steal_pointer (&self->current_result)),
                                     (GDestroyNotify) hw_db_result_unref);
            }
          else
            {
              g_task_return_new_error (query->task, HW_DB_ERROR, HW_DB_ERROR_QUERY,
                                       _("The server sent no result"));
            }

          query_free (query);
        }

      while (self->conn != NULL && (notify = PQnotifies (self->conn)) != NULL)
        {
          if (notify->be_pid != self->backend_pid)
            {
              g_signal_emit (self, signals[NOTIFICATION], 0, notify->relname, notify->extra);
              hw_db_schedule_position_refresh (self);
            }
          PQfreemem (notify);
        }

      if (self->conn != NULL && PQstatus (self->conn) == CONNECTION_BAD)
        {
          hw_db_connection_lost (self, PQerrorMessage (self->conn));
          return G_SOURCE_CONTINUE;
        }

      if (self->current == NULL)
        hw_db_send_next (self);
    }

  return G_SOURCE_CONTINUE;
}

static GSourceFuncs db_source_funcs = {
  .dispatch = db_source_dispatch,
};

static void
hw_db_remove_source (HwDb *self)
{
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }
}

static void
hw_db_add_source (HwDb *self)
{
  DbSource *db_source;

  hw_db_remove_source (self);

  self->source = g_source_new (&db_source_funcs, sizeof (DbSource));
  g_source_set_static_name (self->source, "[hw-db]");
  db_source = (DbSource *) self->source;
  db_source->db = self;
  self->source_fd = PQsocket (self->conn);
  db_source->tag = g_source_add_unix_fd (self->source, self->source_fd, G_IO_IN);
  g_source_attach (self->source, g_main_context_get_thread_default ());
}

static void
hw_db_want_write (HwDb *self)
{
  DbSource *db_source = (DbSource *) self->source;

  g_source_modify_unix_fd (self->source, db_source->tag, G_IO_IN | G_IO_OUT);
}

/* Sending */

static void
hw_db_send_next (HwDb *self)
{
  while (self->current == NULL && self->conn != NULL && self->state == HW_DB_STATE_CONNECTED)
    {
      Query *query = g_queue_pop_head (&self->pending);
      int sent;

      if (query == NULL)
        return;

      if (query->cancellable != NULL && g_cancellable_is_cancelled (query->cancellable))
        {
          g_task_return_new_error (query->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   _("The query was cancelled"));
          query_free (query);
          continue;
        }

      if (query->kind == QUERY_SCRIPT)
        sent = PQsendQuery (self->conn, query->sql);
      else
        sent = PQsendQueryParams (self->conn, query->sql, (int) query->n_params, NULL,
                                  (const char * const *) query->params, NULL, NULL, 0);

      if (!sent)
        {
          g_autofree char *message = libpq_message (PQerrorMessage (self->conn), self->conninfo);

          if (PQstatus (self->conn) == CONNECTION_BAD)
            {
              /* Not sent: it may wait for the reconnection like any queued query. */
              g_queue_push_head (&self->pending, query);
              hw_db_connection_lost (self, message);
              return;
            }

          g_task_return_new_error (query->task, HW_DB_ERROR, HW_DB_ERROR_QUERY, "%s", message);
          query_free (query);
          continue;
        }

      query->sent_at = g_get_monotonic_time ();
      self->current = query;
      hw_db_want_write (self);
    }
}

static void
hw_db_enqueue (HwDb     *self,
               Query    *query,
               gboolean  at_head)
{
  if (self->state == HW_DB_STATE_CLOSED)
    {
      g_task_return_new_error (query->task, HW_DB_ERROR, HW_DB_ERROR_CLOSED,
                               _("The database connection was closed"));
      query_free (query);
      return;
    }

  if (self->state == HW_DB_STATE_DISCONNECTED)
    {
      g_task_return_new_error (query->task, HW_DB_ERROR, HW_DB_ERROR_CONNECT,
                               _("Not connected to the database"));
      query_free (query);
      return;
    }

  if (at_head)
    g_queue_push_head (&self->pending, query);
  else
    g_queue_push_tail (&self->pending, query);

  hw_db_send_next (self);
}

/* Cancellation. A cancelled handler may not disconnect itself, so the work
 * happens in an idle on the main loop. */

static void
send_cancel_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  PGcancel *cancel = task_data;
  char errbuf[256];

  if (!PQcancel (cancel, errbuf, sizeof errbuf))
    g_debug ("Could not cancel a query: %s", errbuf);

  g_task_return_boolean (task, TRUE);
}

static gboolean
hw_db_process_cancellations (gpointer data)
{
  HwDb *self = data;
  GList *link = self->pending.head;

  self->cancel_idle_id = 0;

  while (link != NULL)
    {
      GList *next = link->next;
      Query *query = link->data;

      if (query->cancellable != NULL && g_cancellable_is_cancelled (query->cancellable))
        {
          g_queue_delete_link (&self->pending, link);
          g_task_return_new_error (query->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   _("The query was cancelled"));
          query_free (query);
        }

      link = next;
    }

  if (self->current != NULL &&
      self->current->cancellable != NULL &&
      g_cancellable_is_cancelled (self->current->cancellable) &&
      !self->current->cancel_sent &&
      self->conn != NULL)
    {
      PGcancel *cancel = PQgetCancel (self->conn);

      self->current->cancel_sent = TRUE;

      if (cancel != NULL)
        {
          /* PQcancel() opens a connection of its own and waits: a thread. */
          g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

          g_task_set_task_data (task, cancel, (GDestroyNotify) PQfreeCancel);
          g_task_run_in_thread (task, send_cancel_thread);
        }
    }

  return G_SOURCE_REMOVE;
}

static void
query_cancelled_cb (GCancellable *cancellable,
                    HwDb         *self)
{
  if (self->cancel_idle_id == 0)
    self->cancel_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT,
                                            hw_db_process_cancellations,
                                            g_object_ref (self),
                                            g_object_unref);
}

static Query *
query_new (HwDb                *self,
           QueryKind            kind,
           const char          *sql,
           const char * const  *params,
           guint                n_params,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data,
           gpointer             source_tag)
{
  Query *query = g_new0 (Query, 1);

  query->queued_at = g_get_monotonic_time ();

  query->kind = kind;
  query->sql = g_strdup (sql);
  query->n_params = n_params;
  if (n_params > 0)
    {
      query->params = g_new0 (char *, n_params);
      for (guint i = 0; i < n_params; i++)
        query->params[i] = g_strdup (params[i]);
    }

  query->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (query->task, source_tag);
  /* A write that completed is reported as done even if cancelled late. */
  g_task_set_check_cancellable (query->task, FALSE);

  if (cancellable != NULL)
    {
      query->cancellable = g_object_ref (cancellable);
      query->cancelled_id = g_cancellable_connect (cancellable,
                                                   G_CALLBACK (query_cancelled_cb),
                                                   self, NULL);
    }

  return query;
}

/* Connection loss and reconnection */

static void
fail_all_pending (HwDb      *self,
                  HwDbError  code,
                  const char *message)
{
  Query *query;

  while ((query = g_queue_pop_head (&self->pending)) != NULL)
    {
      g_task_return_new_error (query->task, HW_DB_ERROR, code, "%s", message);
      query_free (query);
    }
}

static gboolean
hw_db_reconnect_cb (gpointer data)
{
  HwDb *self = data;

  self->reconnect_id = 0;
  hw_db_start_connect (self, NULL);

  return G_SOURCE_REMOVE;
}

static void
hw_db_schedule_reconnect (HwDb *self)
{
  g_assert (self->reconnect_id == 0);

  self->backoff_ms = self->backoff_ms == 0 ? BACKOFF_MIN_MS
                                           : MIN (self->backoff_ms * 2, BACKOFF_MAX_MS);
  g_debug ("Reconnecting in %u ms", self->backoff_ms);
  self->reconnect_id = g_timeout_add (self->backoff_ms, hw_db_reconnect_cb, self);
}

static void
hw_db_connection_lost (HwDb       *self,
                       const char *message)
{
  g_autofree char *text = libpq_message (message, self->conninfo);
  Query *query;

  g_message ("Connection lost: %s", text);

  hw_db_remove_source (self);
  g_clear_pointer (&self->conn, PQfinish);
  g_clear_pointer (&self->current_result, PQclear);
  g_clear_pointer (&self->current_error, PQclear);
  self->backend_pid = 0;

  if ((query = g_steal_pointer (&self->current)) != NULL)
    {
      g_task_return_error (query->task,
                           error_new (HW_DB_ERROR_CONNECTION_LOST, NULL, NULL,
                                      _("The connection to the database was lost before the server answered")));
      query_free (query);
    }

  if (self->reconnect)
    {
      set_state (self, HW_DB_STATE_RECONNECTING);
      hw_db_schedule_reconnect (self);
    }
  else
    {
      set_state (self, HW_DB_STATE_DISCONNECTED);
      fail_all_pending (self, HW_DB_ERROR_CONNECTION_LOST,
                        _("The connection to the database was lost"));
    }
}

/* Change-log catch-up, so that notifications missed while disconnected are
 * delivered after all.
 *
 * change_log rows become visible in commit order, not in id order, so the
 * position is a transaction id: the oldest transaction that was still running
 * when we last looked (the snapshot's xmin). Catching up replays every row of
 * a transaction at or after it; a row seen twice only refreshes twice. */

static void
position_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  HwDb *self = HW_DB (object);
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (!(rows = hw_db_query_finish (self, result, &error)))
    {
      g_debug ("No change-log position: %s", error->message);
      return;
    }

  g_free (self->change_position);
  self->change_position = g_strdup (hw_db_result_get_string (rows, 0, 0));
}

static void
catch_up_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  HwDb *self = HW_DB (object);
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (!(rows = hw_db_query_finish (self, result, &error)))
    {
      /* No schema yet, or no right to read it: nothing to catch up with. */
      g_debug ("No change-log catch-up: %s", error->message);
      return;
    }

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      g_autofree char *payload = g_strdup_printf ("%s:%s:%s",
                                                  hw_db_result_get_string (rows, i, 0),
                                                  hw_db_result_get_string (rows, i, 1),
                                                  hw_db_result_get_string (rows, i, 2));

      g_signal_emit (self, signals[NOTIFICATION], 0, HW_DB_CHANNEL, payload);
    }
}

static void
ignore_result_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    g_warning ("%s", error->message);
}

static void
hw_db_queue_internal (HwDb                *self,
                      const char          *sql,
                      const char * const  *params,
                      guint                n_params,
                      GAsyncReadyCallback  callback)
{
  Query *query = query_new (self, QUERY_PARAMS, sql, params, n_params, NULL,
                            callback, NULL, hw_db_query_async);

  g_queue_push_tail (&self->pending, query);
}

static void
hw_db_queue_listen (HwDb       *self,
                    const char *channel)
{
  g_autofree char *sql = NULL;
  char *quoted;

  quoted = PQescapeIdentifier (self->conn, channel, strlen (channel));
  sql = g_strdup_printf ("LISTEN %s", quoted);
  PQfreemem (quoted);

  hw_db_queue_internal (self, sql, NULL, 0, ignore_result_cb);
}

static void
hw_db_queue_catch_up (HwDb *self)
{
  if (!self->tracking)
    return;

  if (self->change_position != NULL)
    {
      const char *params[] = { self->change_position };

      hw_db_queue_internal (self,
                            "SELECT table_name, row_id, version FROM homeward.change_log "
                            "WHERE txid >= $1::xid8 ORDER BY id LIMIT " CATCH_UP_LIMIT,
                            params, 1, catch_up_cb);
    }

  /* LISTEN was queued first: anything committed from here on is notified. */
  hw_db_queue_internal (self, "SELECT pg_snapshot_xmin(pg_current_snapshot())::text",
                        NULL, 0, position_cb);
}

/* While connected every commit is notified, so the position may move up to
 * now; doing it a little after a burst of changes keeps a later catch-up
 * short without a query per notification. */
static gboolean
position_refresh_cb (gpointer data)
{
  HwDb *self = data;

  self->position_refresh_id = 0;

  if (self->state == HW_DB_STATE_CONNECTED && self->tracking)
    {
      hw_db_queue_internal (self, "SELECT pg_snapshot_xmin(pg_current_snapshot())::text",
                            NULL, 0, position_cb);
      hw_db_send_next (self);
    }

  return G_SOURCE_REMOVE;
}

static void
hw_db_schedule_position_refresh (HwDb *self)
{
  if (self->tracking && self->position_refresh_id == 0)
    self->position_refresh_id = g_timeout_add_seconds (POSITION_REFRESH_SECONDS,
                                                       position_refresh_cb, self);
}

/* Connecting */

static void
connect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *conninfo = task_data;
  const char *keywords[] = { "fallback_application_name", "dbname", NULL };
  const char *values[] = { "homeward", conninfo, NULL };
  g_autoptr(PGconn) conn = NULL;
  PostgresPollingStatusType status = PGRES_POLLING_WRITING;
  GPollFD cancel_fd = { -1, 0, 0 };
  gboolean have_cancel_fd;

  conn = PQconnectStartParams (keywords, values, TRUE);

  if (conn == NULL)
    {
      g_task_return_new_error (task, HW_DB_ERROR, HW_DB_ERROR_CONNECT, _("Out of memory"));
      return;
    }

  have_cancel_fd = cancellable != NULL && g_cancellable_make_pollfd (cancellable, &cancel_fd);

  while (PQstatus (conn) != CONNECTION_BAD &&
         status != PGRES_POLLING_OK && status != PGRES_POLLING_FAILED)
    {
      struct pollfd fds[2] = { { 0 } };
      int r;

      fds[0].fd = PQsocket (conn);
      fds[0].events = status == PGRES_POLLING_READING ? POLLIN : POLLOUT;
      fds[1].fd = have_cancel_fd ? cancel_fd.fd : -1;
      fds[1].events = POLLIN;

      r = poll (fds, 2, -1);

      if (r < 0 && errno != EINTR)
        break;

      if (g_cancellable_is_cancelled (cancellable))
        {
          if (have_cancel_fd)
            g_cancellable_release_fd (cancellable);
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   _("Connecting was cancelled"));
          return;
        }

      if (r > 0)
        status = PQconnectPoll (conn);
    }

  if (have_cancel_fd)
    g_cancellable_release_fd (cancellable);

  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *message = libpq_message (PQerrorMessage (conn), conninfo);
      HwDbError code = HW_DB_ERROR_CONNECT;

      if (PQconnectionNeedsPassword (conn) || PQconnectionUsedPassword (conn))
        code = HW_DB_ERROR_AUTH;

      g_task_return_error (task, error_new (code, NULL, NULL, message));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&conn), (GDestroyNotify) PQfinish);
}

static void
notice_processor (void       *arg,
                  const char *message)
{
  g_autofree char *text = libpq_message (message, NULL);

  /* Server notices (and libpq's own) are for the developer, not stderr. */
  g_debug ("%s", text);
}

static void
hw_db_connected (HwDb   *self,
                 PGconn *conn)
{
  const char *user;

  self->conn = conn;
  self->backend_pid = PQbackendPID (conn);
  self->backoff_ms = 0;
  user = PQuser (conn);
  g_free (self->user);
  self->user = g_strdup (user);

  PQsetNoticeProcessor (conn, notice_processor, NULL);

  if (PQsetnonblocking (conn, 1) != 0)
    g_warning ("Could not make the connection non-blocking");

  hw_db_add_source (self);

  /* Re-establish the session before anything the callers queued. */
  {
    GQueue queued = self->pending;

    g_queue_init (&self->pending);

    for (guint i = 0; i < self->channels->len; i++)
      hw_db_queue_listen (self, g_ptr_array_index (self->channels, i));
    hw_db_queue_catch_up (self);

    for (GList *l = queued.head; l != NULL; l = l->next)
      g_queue_push_tail (&self->pending, l->data);
    g_list_free (queued.head);
  }

  set_state (self, HW_DB_STATE_CONNECTED);
  hw_db_send_next (self);
}

static void
connect_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HwDb *self = HW_DB (object);
  g_autoptr(GTask) outer = user_data;
  g_autoptr(GError) error = NULL;
  PGconn *conn;

  g_clear_object (&self->connect_cancellable);
  if (self->outer_cancelled_id != 0)
    g_cancellable_disconnect (self->outer_cancellable, self->outer_cancelled_id);
  self->outer_cancelled_id = 0;
  g_clear_object (&self->outer_cancellable);

  conn = g_task_propagate_pointer (G_TASK (result), &error);

  if (self->state == HW_DB_STATE_CLOSED)
    {
      g_clear_pointer (&conn, PQfinish);
      if (outer != NULL)
        g_task_return_new_error (outer, HW_DB_ERROR, HW_DB_ERROR_CLOSED,
                                 _("The database connection was closed"));
      return;
    }

  if (conn == NULL)
    {
      if (outer != NULL)
        {
          /* A first connection that fails is the caller's to report. */
          set_state (self, HW_DB_STATE_DISCONNECTED);
          fail_all_pending (self, HW_DB_ERROR_CONNECT, error->message);
          g_task_return_error (outer, g_steal_pointer (&error));
        }
      else
        {
          g_debug ("Reconnection failed: %s", error->message);
          hw_db_schedule_reconnect (self);
        }
      return;
    }

  hw_db_connected (self, conn);

  if (outer != NULL)
    g_task_return_boolean (outer, TRUE);
}

static void
outer_cancelled_cb (GCancellable *outer,
                    GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

static void
hw_db_start_connect (HwDb  *self,
                     GTask *outer)
{
  g_autoptr(GTask) task = NULL;

  g_clear_object (&self->connect_cancellable);
  self->connect_cancellable = g_cancellable_new ();

  /* The caller's cancellable stops the attempt; hw_db_close() stops it
   * through ours, without cancelling anything of the caller's. */
  if (outer != NULL && g_task_get_cancellable (outer) != NULL)
    {
      self->outer_cancellable = g_object_ref (g_task_get_cancellable (outer));
      self->outer_cancelled_id = g_cancellable_connect (self->outer_cancellable,
                                                        G_CALLBACK (outer_cancelled_cb),
                                                        g_object_ref (self->connect_cancellable),
                                                        g_object_unref);
    }

  task = g_task_new (self, self->connect_cancellable, connect_done_cb, outer);
  g_task_set_source_tag (task, hw_db_start_connect);
  g_task_set_task_data (task, g_strdup (self->conninfo), g_free);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, connect_thread);
}

/* GObject */

static void
hw_db_dispose (GObject *object)
{
  HwDb *self = HW_DB (object);

  hw_db_close (self);

  G_OBJECT_CLASS (hw_db_parent_class)->dispose (object);
}

static void
hw_db_finalize (GObject *object)
{
  HwDb *self = HW_DB (object);

  g_clear_pointer (&self->conninfo, g_free);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->channels, g_ptr_array_unref);
  g_clear_pointer (&self->change_position, g_free);

  G_OBJECT_CLASS (hw_db_parent_class)->finalize (object);
}

static void
hw_db_get_property (GObject    *object,
                    guint       prop_id,
                    GValue     *value,
                    GParamSpec *pspec)
{
  HwDb *self = HW_DB (object);

  switch (prop_id)
    {
    case PROP_CONNINFO:
      g_value_set_string (value, self->conninfo);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hw_db_set_property (GObject      *object,
                    guint         prop_id,
                    const GValue *value,
                    GParamSpec   *pspec)
{
  HwDb *self = HW_DB (object);

  switch (prop_id)
    {
    case PROP_CONNINFO:
      self->conninfo = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hw_db_class_init (HwDbClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hw_db_dispose;
  object_class->finalize = hw_db_finalize;
  object_class->get_property = hw_db_get_property;
  object_class->set_property = hw_db_set_property;

  properties[PROP_CONNINFO] =
    g_param_spec_string ("conninfo", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       HW_TYPE_DB_STATE, HW_DB_STATE_DISCONNECTED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HwDb::notification:
   * @channel: the channel
   * @payload: the payload, "table:id:version" for Homeward's triggers
   *
   * A NOTIFY from another session (our own are dropped), or a change-log row
   * replayed after a reconnection. GObject's own "notify" signal is taken,
   * hence the name.
   */
  signals[NOTIFICATION] =
    g_signal_new ("notification",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
hw_db_init (HwDb *self)
{
  self->channels = g_ptr_array_new_with_free_func (g_free);
  self->reconnect = TRUE;
  self->source_fd = -1;
  g_queue_init (&self->pending);
}

/* Public API */

/**
 * hw_db_check_conninfo:
 *
 * Checks that @conninfo is a connection string or URI that libpq accepts,
 * without connecting.
 */
gboolean
hw_db_check_conninfo (const char  *conninfo,
                      GError     **error)
{
  PQconninfoOption *options;
  char *message = NULL;

  g_return_val_if_fail (conninfo != NULL, FALSE);

  options = PQconninfoParse (conninfo, &message);

  if (options == NULL)
    {
      g_autofree char *text = libpq_message (message, conninfo);

      g_set_error (error, HW_DB_ERROR, HW_DB_ERROR_CONNINFO,
                   _("The connection string is not valid: %s"),
                   message != NULL ? text : _("out of memory"));
      PQfreemem (message);
      return FALSE;
    }

  PQconninfoFree (options);

  return TRUE;
}

/**
 * hw_db_conninfo_append:
 * @str: a connection string being built
 *
 * Appends `key='value'` to @str, quoted as libpq reads it.
 */
void
hw_db_conninfo_append (GString    *str,
                       const char *key,
                       const char *value)
{
  g_return_if_fail (str != NULL);
  g_return_if_fail (key != NULL);
  g_return_if_fail (value != NULL);

  if (str->len > 0)
    g_string_append_c (str, ' ');

  g_string_append_printf (str, "%s='", key);
  for (const char *p = value; *p; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (str, '\\');
      g_string_append_c (str, *p);
    }
  g_string_append_c (str, '\'');
}

/**
 * hw_db_conninfo_with:
 * @conninfo: a connection string or URI
 * @key: a libpq keyword, such as "dbname"
 * @value: its new value
 *
 * Returns: (transfer full) (nullable): @conninfo as a key/value connection
 *   string with @key set to @value, or %NULL if @conninfo is not valid.
 */
char *
hw_db_conninfo_with (const char  *conninfo,
                     const char  *key,
                     const char  *value,
                     GError     **error)
{
  PQconninfoOption *options;
  GString *str;
  gboolean replaced = FALSE;

  g_return_val_if_fail (conninfo != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  if (!hw_db_check_conninfo (conninfo, error))
    return NULL;

  options = PQconninfoParse (conninfo, NULL);
  str = g_string_new (NULL);

  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      const char *v = o->val;

      if (g_str_equal (o->keyword, key))
        {
          v = value;
          replaced = TRUE;
        }

      if (v == NULL)
        continue;

      hw_db_conninfo_append (str, o->keyword, v);
    }

  PQconninfoFree (options);

  if (!replaced)
    {
      g_string_free (str, TRUE);
      g_set_error (error, HW_DB_ERROR, HW_DB_ERROR_CONNINFO,
                   _("“%s” is not a connection parameter"), key);
      return NULL;
    }

  return g_string_free (str, FALSE);
}

/**
 * hw_db_conninfo_get:
 *
 * Returns: (transfer full) (nullable): the value @conninfo gives @key.
 */
char *
hw_db_conninfo_get (const char *conninfo,
                    const char *key)
{
  PQconninfoOption *options;
  char *ret = NULL;

  g_return_val_if_fail (conninfo != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!(options = PQconninfoParse (conninfo, NULL)))
    return NULL;

  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, key))
      ret = g_strdup (o->val);

  PQconninfoFree (options);

  return ret;
}

/**
 * hw_db_encrypt_password:
 *
 * Returns: (transfer full): @password hashed with SCRAM-SHA-256 for @user,
 *   so that the clear text never travels to the server or its logs.
 */
char *
hw_db_encrypt_password (HwDb        *self,
                        const char  *user,
                        const char  *password,
                        GError     **error)
{
  char *hashed;
  char *ret;

  g_return_val_if_fail (HW_IS_DB (self), NULL);

  if (self->conn == NULL)
    {
      g_set_error (error, HW_DB_ERROR, HW_DB_ERROR_CONNECT, _("Not connected to the database"));
      return NULL;
    }

  /* With the algorithm named, libpq asks the server nothing. */
  if (!(hashed = PQencryptPasswordConn (self->conn, password, user, "scram-sha-256")))
    {
      g_autofree char *message = libpq_message (PQerrorMessage (self->conn), self->conninfo);

      g_set_error (error, HW_DB_ERROR, HW_DB_ERROR_QUERY, "%s", message);
      return NULL;
    }

  ret = g_strdup (hashed);
  PQfreemem (hashed);

  return ret;
}

HwDb *
hw_db_new (const char *conninfo)
{
  g_return_val_if_fail (conninfo != NULL, NULL);

  return g_object_new (HW_TYPE_DB, "conninfo", conninfo, NULL);
}

const char *
hw_db_get_conninfo (HwDb *self)
{
  g_return_val_if_fail (HW_IS_DB (self), NULL);

  return self->conninfo;
}

HwDbState
hw_db_get_state (HwDb *self)
{
  g_return_val_if_fail (HW_IS_DB (self), HW_DB_STATE_CLOSED);

  return self->state;
}

/**
 * hw_db_get_backend_pid:
 *
 * Returns: the server process of the current connection, or 0.
 */
int
hw_db_get_backend_pid (HwDb *self)
{
  g_return_val_if_fail (HW_IS_DB (self), 0);

  return self->backend_pid;
}

/**
 * hw_db_get_user:
 *
 * Returns: (nullable): the role the connection logged in as.
 */
const char *
hw_db_get_user (HwDb *self)
{
  g_return_val_if_fail (HW_IS_DB (self), NULL);

  return self->user;
}

/**
 * hw_db_set_reconnect:
 *
 * Whether to reconnect with back-off after a connection that was up breaks
 * (the default). Without it, a broken connection fails every queued query.
 */
void
hw_db_set_reconnect (HwDb     *self,
                     gboolean  reconnect)
{
  g_return_if_fail (HW_IS_DB (self));

  self->reconnect = !!reconnect;
}

void
hw_db_connect_async (HwDb                *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (HW_IS_DB (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_db_connect_async);

  if (self->state != HW_DB_STATE_DISCONNECTED)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The connection is already open or being opened"));
      return;
    }

  if (!hw_db_check_conninfo (self->conninfo, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  set_state (self, HW_DB_STATE_CONNECTING);
  hw_db_start_connect (self, g_steal_pointer (&task));
}

gboolean
hw_db_connect_finish (HwDb          *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (HW_IS_DB (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * hw_db_query_async:
 * @sql: one SQL statement with `$1`-style placeholders
 * @params: (array length=n_params) (nullable): the values in text form; a
 *   %NULL element is SQL NULL
 *
 * Queues @sql. Results come back in the order queries were queued.
 */
void
hw_db_query_async (HwDb                *self,
                   const char          *sql,
                   const char * const  *params,
                   guint                n_params,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_return_if_fail (HW_IS_DB (self));
  g_return_if_fail (sql != NULL);
  g_return_if_fail (n_params == 0 || params != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  hw_db_enqueue (self,
                 query_new (self, QUERY_PARAMS, sql, params, n_params, cancellable,
                            callback, user_data, hw_db_query_async),
                 FALSE);
}

/**
 * hw_db_query_finish:
 *
 * Returns: (transfer full): the result of the last statement.
 */
HwDbResult *
hw_db_query_finish (HwDb          *self,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (HW_IS_DB (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * hw_db_exec_script_async:
 * @script: SQL statements separated by semicolons, with no parameters
 *
 * Runs a script from the project's own resources (migrations). Never pass
 * text a user typed: it is not parameterised.
 */
void
hw_db_exec_script_async (HwDb                *self,
                         const char          *script,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (HW_IS_DB (self));
  g_return_if_fail (script != NULL);

  hw_db_enqueue (self,
                 query_new (self, QUERY_SCRIPT, script, NULL, 0, cancellable,
                            callback, user_data, hw_db_exec_script_async),
                 FALSE);
}

gboolean
hw_db_exec_script_finish (HwDb          *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_autoptr(HwDbResult) rows = NULL;

  g_return_val_if_fail (HW_IS_DB (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  rows = g_task_propagate_pointer (G_TASK (result), error);

  return rows != NULL;
}

/**
 * hw_db_listen:
 *
 * Listens on @channel now and after every reconnection. Listening on
 * %HW_DB_CHANNEL also replays homeward.change_log rows missed while the
 * connection was down.
 */
void
hw_db_listen (HwDb       *self,
              const char *channel)
{
  g_return_if_fail (HW_IS_DB (self));
  g_return_if_fail (channel != NULL);

  for (guint i = 0; i < self->channels->len; i++)
    if (g_str_equal (g_ptr_array_index (self->channels, i), channel))
      return;

  g_ptr_array_add (self->channels, g_strdup (channel));

  if (g_str_equal (channel, HW_DB_CHANNEL))
    self->tracking = TRUE;

  if (self->state == HW_DB_STATE_CONNECTED)
    {
      hw_db_queue_listen (self, channel);
      hw_db_queue_catch_up (self);
      hw_db_send_next (self);
    }
}

/**
 * hw_db_close:
 *
 * Closes the connection; queued queries fail with %HW_DB_ERROR_CLOSED.
 */
void
hw_db_close (HwDb *self)
{
  Query *query;

  g_return_if_fail (HW_IS_DB (self));

  if (self->state == HW_DB_STATE_CLOSED)
    return;

  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  g_clear_handle_id (&self->cancel_idle_id, g_source_remove);
  g_clear_handle_id (&self->position_refresh_id, g_source_remove);
  if (self->connect_cancellable != NULL)
    g_cancellable_cancel (self->connect_cancellable);

  set_state (self, HW_DB_STATE_CLOSED);

  if ((query = g_steal_pointer (&self->current)) != NULL)
    {
      g_task_return_new_error (query->task, HW_DB_ERROR, HW_DB_ERROR_CLOSED,
                               _("The database connection was closed"));
      query_free (query);
    }

  fail_all_pending (self, HW_DB_ERROR_CLOSED, _("The database connection was closed"));
  hw_db_remove_source (self);
  g_clear_pointer (&self->current_result, PQclear);
  g_clear_pointer (&self->current_error, PQclear);
  g_clear_pointer (&self->conn, PQfinish);
}

/* Synchronous wrappers for the CLI and tests */

typedef struct
{
  GAsyncResult *result;
} SyncData;

static void
sync_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SyncData *data = user_data;

  data->result = g_object_ref (result);
}

static GAsyncResult *
sync_wait (SyncData *data)
{
  GMainContext *context = g_main_context_get_thread_default ();

  while (data->result == NULL)
    g_main_context_iteration (context, TRUE);

  return data->result;
}

gboolean
hw_db_connect_sync (HwDb          *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  SyncData data = { NULL };
  gboolean ret;

  hw_db_connect_async (self, cancellable, sync_cb, &data);
  ret = hw_db_connect_finish (self, sync_wait (&data), error);
  g_object_unref (data.result);

  return ret;
}

HwDbResult *
hw_db_query_sync (HwDb                *self,
                  const char          *sql,
                  const char * const  *params,
                  guint                n_params,
                  GCancellable        *cancellable,
                  GError             **error)
{
  SyncData data = { NULL };
  HwDbResult *ret;

  hw_db_query_async (self, sql, params, n_params, cancellable, sync_cb, &data);
  ret = hw_db_query_finish (self, sync_wait (&data), error);
  g_object_unref (data.result);

  return ret;
}

gboolean
hw_db_exec_script_sync (HwDb          *self,
                        const char    *script,
                        GCancellable  *cancellable,
                        GError       **error)
{
  SyncData data = { NULL };
  gboolean ret;

  hw_db_exec_script_async (self, script, cancellable, sync_cb, &data);
  ret = hw_db_exec_script_finish (self, sync_wait (&data), error);
  g_object_unref (data.result);

  return ret;
}

/**
 * hw_db_bytea_param:
 *
 * Returns: (transfer full): @data in the hex form of bytea ("\\x…"), as a
 *   query parameter in text format
 */
char *
hw_db_bytea_param (const guint8 *data,
                   gsize         size)
{
  static const char digits[] = "0123456789abcdef";
  char *text = g_malloc (3 + 2 * size);
  char *p = text;

  *p++ = '\\';
  *p++ = 'x';
  for (gsize i = 0; i < size; i++)
    {
      *p++ = digits[data[i] >> 4];
      *p++ = digits[data[i] & 0xf];
    }
  *p = '\0';

  return text;
}
