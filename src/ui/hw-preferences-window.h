/* hw-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HW_TYPE_PREFERENCES_WINDOW (hw_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (HwPreferencesWindow, hw_preferences_window, HW, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

HwPreferencesWindow *hw_preferences_window_new (GtkWindow  *parent,
                                                GSettings  *settings,
                                                const char *server);

G_END_DECLS
