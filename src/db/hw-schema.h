/* hw-schema.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hw-db.h"

G_BEGIN_DECLS

guint     hw_schema_get_known_version   (void);
void      hw_schema_check_async         (HwDb                 *db,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean  hw_schema_check_finish        (HwDb                 *db,
                                         GAsyncResult         *result,
                                         guint                *version,
                                         GError              **error);
gboolean  hw_schema_migrate_sync        (HwDb                 *db,
                                         guint                *n_applied,
                                         GCancellable         *cancellable,
                                         GError              **error);
gboolean  hw_schema_check_sync          (HwDb                 *db,
                                         guint                *version,
                                         GCancellable         *cancellable,
                                         GError              **error);
gboolean  hw_schema_create_database_sync (const char          *conninfo,
                                          const char          *dbname,
                                          gboolean            *created,
                                          GCancellable        *cancellable,
                                          GError             **error);

G_END_DECLS
