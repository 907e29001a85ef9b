/* hw-local-server.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HW_LOCAL_SERVER_ERROR (hw_local_server_error_quark ())

typedef enum
{
  HW_LOCAL_SERVER_ERROR_NO_BINARIES,   /* PostgreSQL's server programs are not installed */
  HW_LOCAL_SERVER_ERROR_DIRECTORY,     /* a directory could not be made or used */
  HW_LOCAL_SERVER_ERROR_INITDB,        /* initdb failed */
  HW_LOCAL_SERVER_ERROR_START,         /* pg_ctl start failed */
  HW_LOCAL_SERVER_ERROR_STOP,          /* pg_ctl stop failed */
  HW_LOCAL_SERVER_ERROR_ACCOUNT,       /* running as root, but no postgres account */
} HwLocalServerError;

#define HW_TYPE_LOCAL_SERVER (hw_local_server_get_type ())

G_DECLARE_FINAL_TYPE (HwLocalServer, hw_local_server, HW, LOCAL_SERVER, GObject)

GQuark         hw_local_server_error_quark    (void);
HwLocalServer *hw_local_server_new_default    (void);
HwLocalServer *hw_local_server_new            (const char           *base_dir,
                                               const char           *socket_dir);
const char    *hw_local_server_get_base_dir   (HwLocalServer        *self);
const char    *hw_local_server_get_data_dir   (HwLocalServer        *self);
const char    *hw_local_server_get_socket_dir (HwLocalServer        *self);
const char    *hw_local_server_get_superuser  (HwLocalServer        *self);
char          *hw_local_server_get_conninfo   (HwLocalServer        *self,
                                               const char           *user,
                                               const char           *dbname);
char          *hw_local_server_find_bindir    (GError              **error);
gboolean       hw_local_server_is_running     (HwLocalServer        *self);
gboolean       hw_local_server_start          (HwLocalServer        *self,
                                               GCancellable         *cancellable,
                                               GError              **error);
void           hw_local_server_start_async    (HwLocalServer        *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean       hw_local_server_start_finish   (HwLocalServer        *self,
                                               GAsyncResult         *result,
                                               GError              **error);
gboolean       hw_local_server_release        (HwLocalServer        *self,
                                               GError              **error);
gboolean       hw_local_server_keep_running   (HwLocalServer        *self,
                                               GError              **error);
gboolean       hw_local_server_stop           (HwLocalServer        *self,
                                               GError              **error);
gboolean       hw_local_server_destroy        (HwLocalServer        *self,
                                               GError              **error);

G_END_DECLS
