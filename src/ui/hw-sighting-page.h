/* hw-sighting-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hw-session.h"

G_BEGIN_DECLS

#define HW_TYPE_SIGHTING_PAGE (hw_sighting_page_get_type ())

G_DECLARE_FINAL_TYPE (HwSightingPage, hw_sighting_page, HW, SIGHTING_PAGE, AdwBin)

GtkWidget  *hw_sighting_page_new             (void);
void        hw_sighting_page_set_session     (HwSightingPage *self,
                                              HwSession      *session);
void        hw_sighting_page_show            (HwSightingPage *self,
                                              gint64          sighting_id);
gint64      hw_sighting_page_get_sighting_id (HwSightingPage *self);
const char *hw_sighting_page_get_title       (HwSightingPage *self);

G_END_DECLS
