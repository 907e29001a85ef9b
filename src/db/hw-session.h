/* hw-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hw-db.h"

G_BEGIN_DECLS

#define HW_TYPE_SESSION (hw_session_get_type ())

G_DECLARE_FINAL_TYPE (HwSession, hw_session, HW, SESSION, GObject)

void         hw_session_load_async        (HwDb                 *db,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
HwSession   *hw_session_load_finish       (GAsyncResult         *result,
                                           GError              **error);
HwSession   *hw_session_load_sync         (HwDb                 *db,
                                           GCancellable         *cancellable,
                                           GError              **error);
HwDb        *hw_session_get_db            (HwSession            *self);
const char  *hw_session_get_login         (HwSession            *self);
gint64       hw_session_get_officer_id    (HwSession            *self);
const char  *hw_session_get_officer_name  (HwSession            *self);
gint64       hw_session_get_unit_id       (HwSession            *self);
const char  *hw_session_get_unit_code     (HwSession            *self);
const char  *hw_session_get_unit_name     (HwSession            *self);
gboolean     hw_session_is_supervisor     (HwSession            *self);
gboolean     hw_session_is_admin          (HwSession            *self);
gboolean     hw_session_is_own_unit       (HwSession            *self,
                                           gint64                unit_id);

G_END_DECLS
