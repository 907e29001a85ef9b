/* hw-inbox-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hw-inbox-model.h"

G_BEGIN_DECLS

#define HW_TYPE_INBOX_VIEW (hw_inbox_view_get_type ())

G_DECLARE_FINAL_TYPE (HwInboxView, hw_inbox_view, HW, INBOX_VIEW, GtkBox)

GtkWidget    *hw_inbox_view_new        (void);
void          hw_inbox_view_set_model  (HwInboxView         *self,
                                        HwInboxModel        *model);
HwInboxModel *hw_inbox_view_get_model  (HwInboxView         *self);
void          hw_inbox_view_set_counts (HwInboxView         *self,
                                        const HwInboxCounts *counts);
void          hw_inbox_view_refresh    (HwInboxView         *self);
void          hw_inbox_view_focus_list (HwInboxView         *self);

G_END_DECLS
