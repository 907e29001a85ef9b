/* hw-settings.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HW_SETTINGS_SCHEMA_ID "io.github.homeward.Homeward"

GSettings *hw_settings_new (void);

G_END_DECLS
