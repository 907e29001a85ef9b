/* hw-case-list-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hw-db.h"

G_BEGIN_DECLS

typedef enum
{
  HW_CASE_SORT_ACTIVITY,
  HW_CASE_SORT_CASE_NUMBER,
  HW_CASE_SORT_CHILD,
  HW_CASE_SORT_AGE,
  HW_CASE_SORT_ABDUCTED,
  HW_CASE_SORT_PLACE,
  HW_CASE_SORT_STATUS,
  HW_CASE_SORT_OFFICER,
} HwCaseSort;

/* Which cases the list shows. Zero/NULL fields do not filter. */
typedef struct
{
  char   **statuses;       /* values of abduction_case.status */
  gint64   unit_id;
  gint64   officer_id;     /* assigned officer */
  int      year_from;      /* abducted in or after this year */
  int      year_to;        /* abducted in or before this year */
  char    *search;         /* see data/sql/0007-case-search.sql */
} HwCaseFilter;

void          hw_case_filter_clear (HwCaseFilter       *filter);
HwCaseFilter *hw_case_filter_copy  (const HwCaseFilter *filter);
void          hw_case_filter_free  (HwCaseFilter       *filter);
gboolean      hw_case_filter_equal (const HwCaseFilter *a,
                                    const HwCaseFilter *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HwCaseFilter, hw_case_filter_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HwCaseFilter, hw_case_filter_clear)

#define HW_TYPE_CASE_LIST_MODEL (hw_case_list_model_get_type ())

G_DECLARE_FINAL_TYPE (HwCaseListModel, hw_case_list_model, HW, CASE_LIST_MODEL, GObject)

HwCaseListModel    *hw_case_list_model_new           (HwDb               *db);
HwDb               *hw_case_list_model_get_db        (HwCaseListModel    *self);
gboolean            hw_case_list_model_get_loading   (HwCaseListModel    *self);
void                hw_case_list_model_set_sort      (HwCaseListModel    *self,
                                                      HwCaseSort          sort,
                                                      gboolean            descending);
HwCaseSort          hw_case_list_model_get_sort      (HwCaseListModel    *self,
                                                      gboolean           *descending);
void                hw_case_list_model_set_filter    (HwCaseListModel    *self,
                                                      const HwCaseFilter *filter);
const HwCaseFilter *hw_case_list_model_get_filter    (HwCaseListModel    *self);
void                hw_case_list_model_reload        (HwCaseListModel    *self);
void                hw_case_list_model_refresh_case  (HwCaseListModel    *self,
                                                      gint64              case_id);
gboolean            hw_case_list_model_find          (HwCaseListModel    *self,
                                                      gint64              case_id,
                                                      guint              *position);

G_END_DECLS
