/* hw-case-family-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hw-case.h"
#include "hw-case-store.h"

G_BEGIN_DECLS

#define HW_TYPE_CASE_FAMILY_DIALOG (hw_case_family_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HwCaseFamilyDialog, hw_case_family_dialog, HW, CASE_FAMILY_DIALOG, AdwWindow)

HwCaseFamilyDialog *hw_case_family_dialog_new         (GtkWindow            *parent,
                                                       HwCaseStore          *store,
                                                       gint64                case_id,
                                                       const HwFamilyMember *member);
gint64              hw_case_family_dialog_get_member_id (HwCaseFamilyDialog *self);
HwFamilyMember     *hw_case_family_dialog_dup_member  (HwCaseFamilyDialog   *self);
void                hw_case_family_dialog_set_member  (HwCaseFamilyDialog   *self,
                                                       const HwFamilyMember *member);
gboolean            hw_case_family_dialog_get_busy    (HwCaseFamilyDialog   *self);

G_END_DECLS
