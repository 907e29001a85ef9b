/* hw-case-contact-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HW_TYPE_CASE_CONTACT_DIALOG (hw_case_contact_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HwCaseContactDialog, hw_case_contact_dialog, HW, CASE_CONTACT_DIALOG, AdwMessageDialog)

HwCaseContactDialog *hw_case_contact_dialog_new                  (GtkWindow           *parent,
                                                                  GPtrArray           *family);
GDateTime           *hw_case_contact_dialog_get_occurred_at      (HwCaseContactDialog *self);
const char          *hw_case_contact_dialog_get_channel          (HwCaseContactDialog *self);
gint64               hw_case_contact_dialog_get_family_member_id (HwCaseContactDialog *self);
char                *hw_case_contact_dialog_dup_summary          (HwCaseContactDialog *self);
char                *hw_case_contact_dialog_dup_outcome          (HwCaseContactDialog *self);
char                *hw_case_contact_dialog_dup_next_step        (HwCaseContactDialog *self);
void                 hw_case_contact_dialog_set_entry            (HwCaseContactDialog *self,
                                                                  const char          *when,
                                                                  const char          *summary,
                                                                  const char          *outcome,
                                                                  const char          *next_step);

G_END_DECLS
