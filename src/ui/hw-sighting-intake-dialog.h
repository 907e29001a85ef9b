/* hw-sighting-intake-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hw-sighting-store.h"

G_BEGIN_DECLS

#define HW_TYPE_SIGHTING_INTAKE_DIALOG (hw_sighting_intake_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HwSightingIntakeDialog, hw_sighting_intake_dialog, HW, SIGHTING_INTAKE_DIALOG, AdwWindow)

GtkWidget *hw_sighting_intake_dialog_new       (GtkWindow              *parent,
                                                HwSightingStore        *store);
void       hw_sighting_intake_dialog_add_photo (HwSightingIntakeDialog *self,
                                                GBytes                 *content,
                                                const char             *source_url);

G_END_DECLS
