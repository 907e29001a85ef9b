/* hw-connection-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HW_TYPE_CONNECTION_DIALOG (hw_connection_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HwConnectionDialog, hw_connection_dialog, HW, CONNECTION_DIALOG, AdwMessageDialog)

HwConnectionDialog *hw_connection_dialog_new          (GtkWindow          *parent);
const char         *hw_connection_dialog_get_conninfo (HwConnectionDialog *self);
void                hw_connection_dialog_set_conninfo (HwConnectionDialog *self,
                                                       const char         *conninfo);
void                hw_connection_dialog_set_error    (HwConnectionDialog *self,
                                                       const GError       *error);

G_END_DECLS
