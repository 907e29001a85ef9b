/* hw-case-photo-viewer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hw-case-store.h"

G_BEGIN_DECLS

#define HW_TYPE_CASE_PHOTO_VIEWER (hw_case_photo_viewer_get_type ())

G_DECLARE_FINAL_TYPE (HwCasePhotoViewer, hw_case_photo_viewer, HW, CASE_PHOTO_VIEWER, AdwWindow)

HwCasePhotoViewer *hw_case_photo_viewer_new        (GtkWindow         *parent,
                                                    HwCaseStore       *store,
                                                    GPtrArray         *photos,
                                                    guint              index);
guint              hw_case_photo_viewer_get_index  (HwCasePhotoViewer *self);
gint64             hw_case_photo_viewer_get_photo_id (HwCasePhotoViewer *self);
gboolean           hw_case_photo_viewer_get_shown  (HwCasePhotoViewer *self);

G_END_DECLS
