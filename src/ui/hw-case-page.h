/* hw-case-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hw-session.h"

G_BEGIN_DECLS

#define HW_TYPE_CASE_PAGE (hw_case_page_get_type ())

G_DECLARE_FINAL_TYPE (HwCasePage, hw_case_page, HW, CASE_PAGE, AdwBin)

HwCasePage *hw_case_page_new          (void);
HwSession  *hw_case_page_get_session  (HwCasePage *self);
void        hw_case_page_set_session  (HwCasePage *self,
                                       HwSession  *session);
gint64      hw_case_page_get_case_id  (HwCasePage *self);
void        hw_case_page_set_case_id  (HwCasePage *self,
                                       gint64      case_id);
void        hw_case_page_new_case     (HwCasePage *self);
gboolean    hw_case_page_get_modified (HwCasePage *self);
void        hw_case_page_discard_changes (HwCasePage *self);

G_END_DECLS
