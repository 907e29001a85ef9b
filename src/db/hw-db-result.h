/* hw-db-result.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define HW_TYPE_DB_RESULT (hw_db_result_get_type ())

typedef struct _HwDbResult HwDbResult;

GType         hw_db_result_get_type      (void) G_GNUC_CONST;
HwDbResult   *hw_db_result_ref           (HwDbResult *self);
void          hw_db_result_unref         (HwDbResult *self);
guint         hw_db_result_get_n_rows    (HwDbResult *self);
guint         hw_db_result_get_n_columns (HwDbResult *self);
int           hw_db_result_get_column    (HwDbResult *self,
                                          const char *name);
const char   *hw_db_result_get_column_name (HwDbResult *self,
                                            guint       column);
gboolean      hw_db_result_is_null       (HwDbResult *self,
                                          guint       row,
                                          guint       column);
const char   *hw_db_result_get_string    (HwDbResult *self,
                                          guint       row,
                                          guint       column);
gint64        hw_db_result_get_int64     (HwDbResult *self,
                                          guint       row,
                                          guint       column);
gboolean      hw_db_result_get_boolean   (HwDbResult *self,
                                          guint       row,
                                          guint       column);
double        hw_db_result_get_double    (HwDbResult *self,
                                          guint       row,
                                          guint       column);
gint64        hw_db_result_get_affected  (HwDbResult *self);

/* Cells by column name, for reading the rows of Homeward's own queries
 * (a missing column is a bug). */
const char   *hw_db_result_cell          (HwDbResult *self,
                                          guint       row,
                                          const char *column);
char         *hw_db_result_dup_cell      (HwDbResult *self,
                                          guint       row,
                                          const char *column);
gint64        hw_db_result_int_cell      (HwDbResult *self,
                                          guint       row,
                                          const char *column,
                                          gint64      fallback);
double        hw_db_result_double_cell   (HwDbResult *self,
                                          guint       row,
                                          const char *column,
                                          double      fallback);
gboolean      hw_db_result_bool_cell     (HwDbResult *self,
                                          guint       row,
                                          const char *column);
GBytes       *hw_db_result_hex_cell      (HwDbResult *self,
                                          guint       row,
                                          const char *column);

/* The text of a query compiled into the GResource: @dir, then @name.sql. */
const char   *hw_db_get_query            (const char *dir,
                                          const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HwDbResult, hw_db_result_unref)

G_END_DECLS
