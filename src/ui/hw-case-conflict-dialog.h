/* hw-case-conflict-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hw-case.h"

G_BEGIN_DECLS

#define HW_TYPE_CASE_CONFLICT_DIALOG (hw_case_conflict_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HwCaseConflictDialog, hw_case_conflict_dialog, HW, CASE_CONFLICT_DIALOG, AdwWindow)

HwCaseConflictDialog *hw_case_conflict_dialog_new        (GtkWindow            *parent,
                                                          const HwCase         *base,
                                                          const HwCase         *mine,
                                                          const HwCase         *theirs,
                                                          const char           *their_name,
                                                          gboolean              saving);
guint                 hw_case_conflict_dialog_get_n_fields (HwCaseConflictDialog *self);
gboolean              hw_case_conflict_dialog_has_field  (HwCaseConflictDialog *self,
                                                          HwCaseField           field);
void                  hw_case_conflict_dialog_choose     (HwCaseConflictDialog *self,
                                                          HwCaseField           field,
                                                          gboolean              theirs);
HwCase               *hw_case_conflict_dialog_get_merged (HwCaseConflictDialog *self);
void                  hw_case_conflict_dialog_resolve    (HwCaseConflictDialog *self);

G_END_DECLS
