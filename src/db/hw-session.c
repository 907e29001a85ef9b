/* hw-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-session"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-session.h"

/* Who is signed in: the connection and the officer behind its login role.
 * The database decides what that officer may do (GRANTs and row-level
 * security); the session only lets the UI leave out what would be refused.
 * An administrator need not be an officer of a unit: then the officer id
 * and the unit id are 0. */

struct _HwSession
{
  GObject   parent_instance;

  HwDb     *db;
  char     *login;
  gint64    officer_id;
  char     *officer_name;
  gint64    unit_id;
  char     *unit_code;
  char     *unit_name;
  gboolean  supervisor;
  gboolean  admin;
};

G_DEFINE_FINAL_TYPE (HwSession, hw_session, G_TYPE_OBJECT)

#define SESSION_QUERY \
  "SELECT session_user, o.id, o.display_name, u.id, u.code, u.name, " \
  "homeward.is_supervisor (), homeward.is_admin () " \
  "FROM (SELECT 1) one " \
  "LEFT JOIN homeward.officer o ON o.id = homeward.current_officer_id () " \
  "LEFT JOIN homeward.unit u ON u.id = o.unit_id"

static void
hw_session_finalize (GObject *object)
{
  HwSession *self = HW_SESSION (object);

  g_clear_object (&self->db);
  g_free (self->login);
  g_free (self->officer_name);
  g_free (self->unit_code);
  g_free (self->unit_name);

  G_OBJECT_CLASS (hw_session_parent_class)->finalize (object);
}

static void
hw_session_class_init (HwSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hw_session_finalize;
}

static void
hw_session_init (HwSession *self)
{
}

static HwSession *
session_from_result (HwDb        *db,
                     HwDbResult  *result,
                     GError     **error)
{
  HwSession *self;

  if (hw_db_result_get_n_rows (result) != 1)
    {
      g_set_error_literal (error, HW_DB_ERROR, HW_DB_ERROR_QUERY,
                           _("Could not read who is signed in"));
      return NULL;
    }

  /* Neither an officer nor an administrator: nothing in Homeward is theirs. */
  if (hw_db_result_is_null (result, 0, 1) && !hw_db_result_get_boolean (result, 0, 7))
    {
      g_set_error (error, HW_DB_ERROR, HW_DB_ERROR_PERMISSION,
                   _("The database role “%s” is not an active Homeward officer. "
                     "An administrator can add it with “homeward-cli add-officer”."),
                   hw_db_result_get_string (result, 0, 0));
      return NULL;
    }

  self = g_object_new (HW_TYPE_SESSION, NULL);
  self->db = g_object_ref (db);
  self->login = g_strdup (hw_db_result_get_string (result, 0, 0));
  self->officer_id = hw_db_result_get_int64 (result, 0, 1);
  self->officer_name = g_strdup (hw_db_result_get_string (result, 0, 2));
  self->unit_id = hw_db_result_get_int64 (result, 0, 3);
  self->unit_code = g_strdup (hw_db_result_get_string (result, 0, 4));
  self->unit_name = g_strdup (hw_db_result_get_string (result, 0, 5));
  self->supervisor = hw_db_result_get_boolean (result, 0, 6);
  self->admin = hw_db_result_get_boolean (result, 0, 7);

  return self;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  HwDb *db = HW_DB (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;
  HwSession *self;

  if (!(rows = hw_db_query_finish (db, result, &error)) ||
      !(self = session_from_result (db, rows, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, self, g_object_unref);
}

/**
 * hw_session_load_async:
 * @db: a connection (connected, or connecting)
 *
 * Reads which officer and unit the connection's login role belongs to.
 */
void
hw_session_load_async (HwDb                *db,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HW_IS_DB (db));

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_session_load_async);
  hw_db_query_async (db, SESSION_QUERY, NULL, 0, cancellable, load_cb, g_steal_pointer (&task));
}

/**
 * hw_session_load_finish:
 *
 * Returns: (transfer full): the session, or %NULL with @error set (an error
 *   of %HW_DB_ERROR_PERMISSION when the role is no active officer)
 */
HwSession *
hw_session_load_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* For the CLI and tests: iterates the thread-default main context. */
HwSession *
hw_session_load_sync (HwDb          *db,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(HwDbResult) rows = NULL;

  g_return_val_if_fail (HW_IS_DB (db), NULL);

  if (!(rows = hw_db_query_sync (db, SESSION_QUERY, NULL, 0, cancellable, error)))
    return NULL;

  return session_from_result (db, rows, error);
}

HwDb *
hw_session_get_db (HwSession *self)
{
  g_return_val_if_fail (HW_IS_SESSION (self), NULL);
  return self->db;
}

const char *
hw_session_get_login (HwSession *self)
{
  g_return_val_if_fail (HW_IS_SESSION (self), NULL);
  return self->login;
}

/* Returns: the officer's id, or 0 for an administrator who is no officer */
gint64
hw_session_get_officer_id (HwSession *self)
{
  g_return_val_if_fail (HW_IS_SESSION (self), 0);
  return self->officer_id;
}

/* Returns: (nullable): the officer's display name */
const char *
hw_session_get_officer_name (HwSession *self)
{
  g_return_val_if_fail (HW_IS_SESSION (self), NULL);
  return self->officer_name;
}

/* Returns: the officer's unit, or 0 */
gint64
hw_session_get_unit_id (HwSession *self)
{
  g_return_val_if_fail (HW_IS_SESSION (self), 0);
  return self->unit_id;
}

/* Returns: (nullable): the unit's code ("SZ") */
const char *
hw_session_get_unit_code (HwSession *self)
{
  g_return_val_if_fail (HW_IS_SESSION (self), NULL);
  return self->unit_code;
}

/* Returns: (nullable): the unit's name */
const char *
hw_session_get_unit_name (HwSession *self)
{
  g_return_val_if_fail (HW_IS_SESSION (self), NULL);
  return self->unit_name;
}

gboolean
hw_session_is_supervisor (HwSession *self)
{
  g_return_val_if_fail (HW_IS_SESSION (self), FALSE);
  return self->supervisor;
}

gboolean
hw_session_is_admin (HwSession *self)
{
  g_return_val_if_fail (HW_IS_SESSION (self), FALSE);
  return self->admin;
}

/* Whether a record of @unit_id belongs to the officer's own unit, whose
 * cases they edit and whose families they may see. */
gboolean
hw_session_is_own_unit (HwSession *self,
                        gint64     unit_id)
{
  g_return_val_if_fail (HW_IS_SESSION (self), FALSE);
  return self->unit_id != 0 && self->unit_id == unit_id;
}
