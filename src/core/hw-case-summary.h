/* hw-case-summary.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define HW_CASE_SUMMARY_NO_TIME G_MININT64

/* One row of the case list as read from the database. Strings may be NULL. */
typedef struct
{
  gint64      id;
  gint64      version;
  const char *case_number;
  const char *status;
  gint64      child_id;
  const char *child_name;
  const char *child_name_latin;
  const char *birth_date;               /* "YYYY-MM-DD" */
  const char *birth_date_precision;
  gint64      abducted_at;              /* Unix time, or HW_CASE_SUMMARY_NO_TIME */
  const char *abducted_at_precision;
  const char *place;
  const char *officer_name;
  const char *unit_code;
  gint64      last_activity_at;         /* Unix time, or HW_CASE_SUMMARY_NO_TIME */
  const char *sort_key;                 /* the list's key of the row, as text */
} HwCaseSummaryData;

#define HW_TYPE_CASE_SUMMARY (hw_case_summary_get_type ())

G_DECLARE_FINAL_TYPE (HwCaseSummary, hw_case_summary, HW, CASE_SUMMARY, GObject)

const char    *hw_case_status_to_label              (const char              *status);
HwCaseSummary *hw_case_summary_new                  (const HwCaseSummaryData *data);
HwCaseSummary *hw_case_summary_new_placeholder      (void);
void           hw_case_summary_update               (HwCaseSummary           *self,
                                                     const HwCaseSummaryData *data);
gint64         hw_case_summary_get_id               (HwCaseSummary           *self);
gint64         hw_case_summary_get_version          (HwCaseSummary           *self);
gint64         hw_case_summary_get_child_id         (HwCaseSummary           *self);
const char    *hw_case_summary_get_case_number      (HwCaseSummary           *self);
const char    *hw_case_summary_get_child_name       (HwCaseSummary           *self);
const char    *hw_case_summary_get_child_name_latin (HwCaseSummary           *self);
const char    *hw_case_summary_get_status           (HwCaseSummary           *self);
const char    *hw_case_summary_get_status_label     (HwCaseSummary           *self);
const char    *hw_case_summary_get_age_label        (HwCaseSummary           *self);
const char    *hw_case_summary_get_abducted_label   (HwCaseSummary           *self);
const char    *hw_case_summary_get_place            (HwCaseSummary           *self);
const char    *hw_case_summary_get_officer_name     (HwCaseSummary           *self);
const char    *hw_case_summary_get_unit_code        (HwCaseSummary           *self);
const char    *hw_case_summary_get_activity_label   (HwCaseSummary           *self);
const char    *hw_case_summary_get_sort_key         (HwCaseSummary           *self);
gboolean       hw_case_summary_get_loading          (HwCaseSummary           *self);

G_END_DECLS
