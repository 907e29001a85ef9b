/* hw-case-list-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hw-db.h"

G_BEGIN_DECLS

#define HW_TYPE_CASE_LIST_MODEL (hw_case_list_model_get_type ())

G_DECLARE_FINAL_TYPE (HwCaseListModel, hw_case_list_model, HW, CASE_LIST_MODEL, GObject)

HwCaseListModel *hw_case_list_model_new         (HwDb            *db);
HwDb            *hw_case_list_model_get_db      (HwCaseListModel *self);
gboolean         hw_case_list_model_get_loading (HwCaseListModel *self);
void             hw_case_list_model_reload      (HwCaseListModel *self);

G_END_DECLS
