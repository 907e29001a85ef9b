/* hw-case-status-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HW_TYPE_CASE_STATUS_DIALOG (hw_case_status_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HwCaseStatusDialog, hw_case_status_dialog, HW, CASE_STATUS_DIALOG, AdwMessageDialog)

HwCaseStatusDialog *hw_case_status_dialog_new        (GtkWindow          *parent,
                                                      const char         *case_number,
                                                      const char         *from_status,
                                                      const char         *to_status,
                                                      gboolean            needs_reason);
const char         *hw_case_status_dialog_get_status (HwCaseStatusDialog *self);
char               *hw_case_status_dialog_dup_reason (HwCaseStatusDialog *self);
void                hw_case_status_dialog_set_reason (HwCaseStatusDialog *self,
                                                      const char         *reason);

G_END_DECLS
