/* hw-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HW_TYPE_APPLICATION (hw_application_get_type ())

G_DECLARE_FINAL_TYPE (HwApplication, hw_application, HW, APPLICATION, AdwApplication)

HwApplication *hw_application_new         (void);
const char    *hw_application_get_server  (HwApplication *self);
const char    *hw_application_get_officer (HwApplication *self);

G_END_DECLS
