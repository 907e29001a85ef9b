/* hw-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hw-case-list-model.h"
#include "hw-db.h"

G_BEGIN_DECLS

/* Declared in src/app (above this layer); the window only needs the name. */
typedef struct _HwApplication HwApplication;

#define HW_TYPE_WINDOW (hw_window_get_type ())

G_DECLARE_FINAL_TYPE (HwWindow, hw_window, HW, WINDOW, AdwApplicationWindow)

HwWindow        *hw_window_new            (HwApplication *application);
HwDb            *hw_window_get_db         (HwWindow      *self);
void             hw_window_set_db         (HwWindow      *self,
                                           HwDb          *db);
HwCaseListModel *hw_window_get_case_model (HwWindow      *self);
void             hw_window_show_loading   (HwWindow      *self,
                                           const char    *message);
void             hw_window_show_progress  (HwWindow      *self,
                                           const char    *message,
                                           const char    *step,
                                           double         fraction);
void             hw_window_show_error     (HwWindow      *self,
                                           const GError  *error);
void             hw_window_add_toast      (HwWindow      *self,
                                           const char    *message);

G_END_DECLS
