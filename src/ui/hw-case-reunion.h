/* hw-case-reunion.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hw-session.h"

G_BEGIN_DECLS

#define HW_TYPE_CASE_REUNION (hw_case_reunion_get_type ())

G_DECLARE_FINAL_TYPE (HwCaseReunion, hw_case_reunion, HW, CASE_REUNION, AdwBin)

void hw_case_reunion_set_case (HwCaseReunion *self,
                               HwSession     *session,
                               gint64         case_id);

void hw_case_reunion_set_editable (HwCaseReunion *self,
                                   gboolean       editable);

G_END_DECLS
