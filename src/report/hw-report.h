/* hw-report.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "hw-report-data.h"

G_BEGIN_DECLS

/* A4 in points, the default page. */
#define HW_REPORT_A4_WIDTH  595.2756
#define HW_REPORT_A4_HEIGHT 841.8898

#define HW_TYPE_REPORT (hw_report_get_type ())

G_DECLARE_FINAL_TYPE (HwReport, hw_report, HW, REPORT, GObject)

/* A report laid out in pages: the same drawing serves print (any cairo
 * context in points, such as GtkPrintOperation's with GTK_UNIT_POINTS),
 * the PDF export and `homeward-cli report`. A report is used by one thread
 * at a time: lay it out and write it on a worker thread, or lay it out and
 * draw its pages on the main thread. */

HwReport    *hw_report_new_case          (HwReportCase     *data);
HwReport    *hw_report_new_summary       (HwReportSummary  *data);
const char  *hw_report_get_title         (HwReport         *self);
void         hw_report_set_page_size     (HwReport         *self,
                                          double            width,
                                          double            height);
void         hw_report_get_page_size     (HwReport         *self,
                                          double           *width,
                                          double           *height);
guint        hw_report_get_n_pages       (HwReport         *self);
void         hw_report_draw_page         (HwReport         *self,
                                          cairo_t          *cr,
                                          guint             page);
gboolean     hw_report_check_destination (const char       *path,
                                          GError          **error);
gboolean     hw_report_write_pdf         (HwReport         *self,
                                          const char       *path,
                                          GCancellable     *cancellable,
                                          GError          **error);
void         hw_report_write_pdf_async   (HwReport         *self,
                                          const char       *path,
                                          GCancellable     *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer          user_data);
gboolean     hw_report_write_pdf_finish  (HwReport         *self,
                                          GAsyncResult     *result,
                                          GError          **error);

G_END_DECLS
