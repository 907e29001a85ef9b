/* hw-dashboard-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hw-dashboard.h"

G_BEGIN_DECLS

#define HW_TYPE_DASHBOARD_VIEW (hw_dashboard_view_get_type ())

G_DECLARE_FINAL_TYPE (HwDashboardView, hw_dashboard_view, HW, DASHBOARD_VIEW, GtkBox)

GtkWidget   *hw_dashboard_view_new           (void);
void         hw_dashboard_view_set_db        (HwDashboardView *self,
                                              HwDb            *db);
HwDashboard *hw_dashboard_view_get_dashboard (HwDashboardView *self);

G_END_DECLS
