/* hw-case-summary.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define HW_TYPE_CASE_SUMMARY (hw_case_summary_get_type ())

G_DECLARE_FINAL_TYPE (HwCaseSummary, hw_case_summary, HW, CASE_SUMMARY, GObject)

HwCaseSummary *hw_case_summary_new              (gint64         id,
                                                 const char    *case_number,
                                                 const char    *child_name,
                                                 const char    *child_name_latin,
                                                 const char    *status);
HwCaseSummary *hw_case_summary_new_placeholder  (void);
gint64         hw_case_summary_get_id           (HwCaseSummary *self);
const char    *hw_case_summary_get_case_number  (HwCaseSummary *self);
const char    *hw_case_summary_get_child_name   (HwCaseSummary *self);
const char    *hw_case_summary_get_child_name_latin (HwCaseSummary *self);
const char    *hw_case_summary_get_status       (HwCaseSummary *self);
const char    *hw_case_summary_get_status_label (HwCaseSummary *self);
gboolean       hw_case_summary_get_loading      (HwCaseSummary *self);
void           hw_case_summary_update           (HwCaseSummary *self,
                                                 gint64         id,
                                                 const char    *case_number,
                                                 const char    *child_name,
                                                 const char    *child_name_latin,
                                                 const char    *status);

G_END_DECLS
