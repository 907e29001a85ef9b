/* hw-db.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hw-db-result.h"

G_BEGIN_DECLS

#define HW_DB_ERROR (hw_db_error_quark ())

typedef enum
{
  HW_DB_ERROR_CONNINFO,         /* the connection string or URI is not valid */
  HW_DB_ERROR_CONNECT,          /* the server could not be reached or refused us */
  HW_DB_ERROR_AUTH,             /* wrong password or no such role */
  HW_DB_ERROR_CONNECTION_LOST,  /* the connection broke while a query was under way */
  HW_DB_ERROR_QUERY,            /* the server rejected a query for another reason */
  HW_DB_ERROR_PERMISSION,       /* privileges or row-level security said no */
  HW_DB_ERROR_RULE,             /* a constraint or a status rule said no */
  HW_DB_ERROR_CONFLICT,         /* a unique value or a row version was taken */
  HW_DB_ERROR_DISK_FULL,        /* the server could not write */
  HW_DB_ERROR_SCHEMA,           /* the schema is newer (or older) than this client */
  HW_DB_ERROR_CLOSED,           /* hw_db_close() was called */
} HwDbError;

typedef enum
{
  HW_DB_STATE_DISCONNECTED,
  HW_DB_STATE_CONNECTING,
  HW_DB_STATE_CONNECTED,
  HW_DB_STATE_RECONNECTING,
  HW_DB_STATE_CLOSED,
} HwDbState;

#define HW_TYPE_DB (hw_db_get_type ())

G_DECLARE_FINAL_TYPE (HwDb, hw_db, HW, DB, GObject)

GQuark       hw_db_error_quark          (void);
const char  *hw_db_error_get_sqlstate   (const GError         *error);
const char  *hw_db_error_get_detail     (const GError         *error);
GType        hw_db_state_get_type       (void) G_GNUC_CONST;
#define HW_TYPE_DB_STATE (hw_db_state_get_type ())

gboolean     hw_db_check_conninfo       (const char           *conninfo,
                                         GError              **error);
char        *hw_db_redact_conninfo      (const char           *conninfo);
char        *hw_db_redact_message       (const char           *message,
                                         const char           *conninfo);
void         hw_db_conninfo_append      (GString              *str,
                                         const char           *key,
                                         const char           *value);
char        *hw_db_conninfo_with        (const char           *conninfo,
                                         const char           *key,
                                         const char           *value,
                                         GError              **error);
char        *hw_db_bytea_param          (const guint8         *data,
                                         gsize                 size);
char        *hw_db_conninfo_get         (const char           *conninfo,
                                         const char           *key);
char        *hw_db_encrypt_password     (HwDb                 *self,
                                         const char           *user,
                                         const char           *password,
                                         GError              **error);
HwDb        *hw_db_new                  (const char           *conninfo);
const char  *hw_db_get_conninfo         (HwDb                 *self);
HwDbState    hw_db_get_state            (HwDb                 *self);
int          hw_db_get_backend_pid      (HwDb                 *self);
const char  *hw_db_get_user             (HwDb                 *self);
void         hw_db_set_reconnect        (HwDb                 *self,
                                         gboolean              reconnect);
void         hw_db_connect_async        (HwDb                 *self,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean     hw_db_connect_finish       (HwDb                 *self,
                                         GAsyncResult         *result,
                                         GError              **error);
void         hw_db_query_async          (HwDb                 *self,
                                         const char           *sql,
                                         const char * const   *params,
                                         guint                 n_params,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
HwDbResult  *hw_db_query_finish         (HwDb                 *self,
                                         GAsyncResult         *result,
                                         GError              **error);
void         hw_db_exec_script_async    (HwDb                 *self,
                                         const char           *script,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean     hw_db_exec_script_finish   (HwDb                 *self,
                                         GAsyncResult         *result,
                                         GError              **error);
/* The channel Homeward's NOTIFY triggers use; listening on it also turns on
 * catch-up from homeward.change_log after a reconnection. */
#define HW_DB_CHANNEL "homeward"

void         hw_db_listen               (HwDb                 *self,
                                         const char           *channel);
void         hw_db_close                (HwDb                 *self);

/* For the CLI and tests only: these iterate the thread-default main context
 * until the operation completes. The GUI never calls them. */
gboolean     hw_db_connect_sync         (HwDb                 *self,
                                         GCancellable         *cancellable,
                                         GError              **error);
HwDbResult  *hw_db_query_sync           (HwDb                 *self,
                                         const char           *sql,
                                         const char * const   *params,
                                         guint                 n_params,
                                         GCancellable         *cancellable,
                                         GError              **error);
gboolean     hw_db_exec_script_sync     (HwDb                 *self,
                                         const char           *script,
                                         GCancellable         *cancellable,
                                         GError              **error);

G_END_DECLS
