/* hw-report-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hw-report-data.h"
#include "hw-session.h"

G_BEGIN_DECLS

void hw_case_report_ask           (GtkWidget             *owner,
                                   HwSession             *session,
                                   gint64                 case_id,
                                   const char            *case_number,
                                   gboolean               print);
void hw_case_report_export_to     (GtkWidget             *owner,
                                   HwSession             *session,
                                   gint64                 case_id,
                                   const HwReportOptions *options,
                                   GFile                 *file);
void hw_case_report_print         (GtkWidget             *owner,
                                   HwSession             *session,
                                   gint64                 case_id,
                                   const HwReportOptions *options,
                                   GtkPrintOperationAction action,
                                   const char            *export_filename);

void hw_summary_report_ask       (GtkWidget             *owner,
                                   HwDb                  *db);
void hw_summary_report_export_to (GtkWidget             *owner,
                                   HwDb                  *db,
                                   GDateTime             *from,
                                   GDateTime             *to,
                                   GFile                 *file);

G_END_DECLS
