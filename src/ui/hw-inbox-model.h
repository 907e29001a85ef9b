/* hw-inbox-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hw-sighting-store.h"

G_BEGIN_DECLS

#define HW_TYPE_INBOX_MODEL (hw_inbox_model_get_type ())

G_DECLARE_FINAL_TYPE (HwInboxModel, hw_inbox_model, HW, INBOX_MODEL, GObject)

HwInboxModel *hw_inbox_model_new          (HwSightingStore *store);
HwSightingStore *hw_inbox_model_get_store (HwInboxModel    *self);
void          hw_inbox_model_set_order    (HwInboxModel    *self,
                                           HwInboxOrder     order);
void          hw_inbox_model_set_scope    (HwInboxModel    *self,
                                           HwInboxScope     scope);
HwInboxScope  hw_inbox_model_get_scope    (HwInboxModel    *self);
void          hw_inbox_model_load_more    (HwInboxModel    *self);
void          hw_inbox_model_refresh      (HwInboxModel    *self);
gboolean      hw_inbox_model_get_loading  (HwInboxModel    *self);
gboolean      hw_inbox_model_get_complete (HwInboxModel    *self);
guint         hw_inbox_model_find         (HwInboxModel    *self,
                                           gint64           sighting_id);

G_END_DECLS
