/* hw-report-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-report-export"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-case.h"
#include "hw-report-export.h"
#include "hw-report.h"
#include "hw-ui-util.h"

/* A case report out of the case page: asked for with its options (photos,
 * a copy for outside the police with the children's faces blurred and the
 * family's contact details left out, the timeline's period), then exported
 * to a PDF chosen with a file chooser — a toast says it is being written
 * and then offers to open it — or printed with GtkPrintOperation.  Both
 * draw with src/report, as `homeward-cli report` does; the data is read
 * without blocking, the layout and the PDF made on a worker thread.  The
 * dashboard exports the unit's summary the same way. */

/* Gathering and laying out */

typedef struct
{
  HwReportOptions *options;
  HwReport        *report;
} LayoutData;

static void
layout_data_free (LayoutData *data)
{
  hw_report_options_free (data->options);
  g_clear_object (&data->report);
  g_free (data);
}

static void
layout_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LayoutData *data = task_data;

  /* Laying out decodes the photos and breaks the pages. */
  hw_report_get_n_pages (data->report);
  g_task_return_boolean (task, TRUE);
}

static void
case_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LayoutData *data = g_task_get_task_data (task);
  GError *error = NULL;
  HwReportCase *report_case = hw_report_case_load_finish (result, &error);

  if (report_case == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->report = hw_report_new_case (report_case);
  g_task_run_in_thread (task, layout_thread);
}

static void
summary_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LayoutData *data = g_task_get_task_data (task);
  GError *error = NULL;
  HwReportSummary *summary = hw_report_summary_load_finish (result, &error);

  if (summary == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->report = hw_report_new_summary (summary);
  g_task_run_in_thread (task, layout_thread);
}

/* Reads the report of @case_id — or, when it is 0, the summary of the
 * caller's unit from @from to @to — and lays it out on A4, off the main
 * thread. */
static void
report_load_async (HwDb                  *db,
                   gint64                 case_id,
                   GDateTime             *from,
                   GDateTime             *to,
                   const HwReportOptions *options,
                   GAsyncReadyCallback    callback,
                   gpointer               user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);
  LayoutData *data = g_new0 (LayoutData, 1);

  data->options = hw_report_options_copy (options);
  g_task_set_task_data (task, data, (GDestroyNotify) layout_data_free);
  if (case_id > 0)
    hw_report_case_load_async (db, case_id, NULL, data->options, NULL, case_loaded_cb, task);
  else
    hw_report_summary_load_async (db, 0, NULL, from, to, data->options, NULL, summary_loaded_cb, task);
}

static HwReport *
report_load_finish (GAsyncResult  *result,
                    GError       **error)
{
  LayoutData *data;

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  data = g_task_get_task_data (G_TASK (result));
  return g_steal_pointer (&data->report);
}

/* Export */

typedef struct
{
  GtkWidget *owner;
  GFile     *file;
  AdwToast  *progress;
  HwReport  *report;
} Export;

static void
export_free (Export *export)
{
  if (export->progress != NULL)
    adw_toast_dismiss (export->progress);
  g_clear_object (&export->progress);
  g_clear_object (&export->report);
  g_object_unref (export->file);
  g_object_unref (export->owner);
  g_free (export);
}

static void
export_failed (Export *export,
               GError *error)
{
  g_autofree char *message = g_strdup_printf (_("The report was not written: %s"), error->message);

  hw_show_toast (export->owner, message);
}

static void
open_clicked_cb (AdwToast *toast,
                 GFile    *file)
{
  GtkWidget *owner = g_object_get_data (G_OBJECT (toast), "hw-owner");
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (owner)), uri, GDK_CURRENT_TIME);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (export->file);
  g_autofree char *message = NULL;
  GtkWidget *overlay;
  AdwToast *toast;

  if (!hw_report_write_pdf_finish (HW_REPORT (object), result, &error))
    {
      export_failed (export, error);
      export_free (export);
      return;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %s (%u page)", "Exported %s (%u pages)",
                                          hw_report_get_n_pages (export->report)),
                             name, hw_report_get_n_pages (export->report));
  overlay = gtk_widget_get_ancestor (export->owner, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      toast = adw_toast_new (message);
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_timeout (toast, 10);
      /* The answer to what the officer asked for: shown at once. */
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      g_object_set_data_full (G_OBJECT (toast), "hw-owner", g_object_ref (export->owner), g_object_unref);
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_clicked_cb), g_object_ref (export->file),
                             (GClosureNotify) g_object_unref, 0);
      if (export->progress != NULL)
        adw_toast_dismiss (export->progress);
      g_clear_object (&export->progress);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
  export_free (export);
}

static void
export_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (export->file);

  if (!(export->report = report_load_finish (result, &error)))
    {
      export_failed (export, error);
      export_free (export);
      return;
    }

  if (path == NULL)
    {
      g_autoptr(GError) remote = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                      _("choose a folder on this computer"));

      export_failed (export, remote);
      export_free (export);
      return;
    }

  hw_report_write_pdf_async (export->report, path, NULL, written_cb, export);
}

/* Writes the report (of @case_id, or the unit's summary from @from to @to)
 * to @file, with a toast while it is written and one that offers to open it. */
static void
export_start (GtkWidget             *owner,
              HwDb                  *db,
              gint64                 case_id,
              GDateTime             *from,
              GDateTime             *to,
              const HwReportOptions *options,
              GFile                 *file)
{
  Export *export = g_new0 (Export, 1);
  GtkWidget *overlay = gtk_widget_get_ancestor (owner, ADW_TYPE_TOAST_OVERLAY);

  export->owner = g_object_ref (owner);
  export->file = g_object_ref (file);
  if (overlay != NULL)
    {
      export->progress = g_object_ref_sink (adw_toast_new (case_id > 0 ? _("Writing the case report…")
                                                                       : _("Writing the unit summary…")));
      adw_toast_set_timeout (export->progress, 0);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (export->progress));
    }
  report_load_async (db, case_id, from, to, options, export_loaded_cb, export);
}

/**
 * hw_case_report_export_to:
 *
 * Writes the report of @case_id as @options say to @file (a local file),
 * with a toast while it is written and one that offers to open it.
 */
void
hw_case_report_export_to (GtkWidget             *owner,
                          HwSession             *session,
                          gint64                 case_id,
                          const HwReportOptions *options,
                          GFile                 *file)
{
  g_return_if_fail (HW_IS_SESSION (session));
  g_return_if_fail (case_id > 0);
  g_return_if_fail (G_IS_FILE (file));

  export_start (owner, hw_session_get_db (session), case_id, NULL, NULL, options, file);
}

/**
 * hw_summary_report_export_to:
 * @from: the first day of the period
 * @to: the end of the period, exclusive
 *
 * Writes the summary of the caller's unit to @file, as
 * hw_case_report_export_to() writes a case report.
 */
void
hw_summary_report_export_to (GtkWidget *owner,
                             HwDb      *db,
                             GDateTime *from,
                             GDateTime *to,
                             GFile     *file)
{
  g_autoptr(HwReportOptions) options = hw_report_options_new ();

  g_return_if_fail (HW_IS_DB (db));
  g_return_if_fail (G_IS_FILE (file));

  export_start (owner, db, 0, from, to, options, file);
}

/* Print */

typedef struct
{
  GtkWidget               *owner;
  HwSession               *session;
  gint64                   case_id;
  HwReportOptions         *options;
  GtkPrintOperationAction  action;
  char                    *export_filename;
  HwReport                *report;
} Print;

static void
print_free (Print *print)
{
  g_object_unref (print->owner);
  g_object_unref (print->session);
  hw_report_options_free (print->options);
  g_free (print->export_filename);
  g_clear_object (&print->report);
  g_free (print);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              Print             *print)
{
  hw_report_draw_page (print->report, gtk_print_context_get_cairo_context (context), (guint) page);
}

/* Laid out again for the paper chosen (the report keeps its own margins). */
static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Print             *print)
{
  hw_report_set_page_size (print->report, gtk_print_context_get_width (context),
                           gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, (int) hw_report_get_n_pages (print->report));
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               Print                   *print)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("The report was not printed: %s"), error->message);
          hw_show_toast (print->owner, message);
        }
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (print->owner, ADW_TYPE_TOAST_OVERLAY);
      AdwToast *toast = adw_toast_new (_("Case report sent to the printer"));

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      else
        g_object_unref (g_object_ref_sink (toast));
    }
}

static void
print_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Print *print = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  if (!(print->report = report_load_finish (result, &error)))
    {
      g_autofree char *message = g_strdup_printf (_("The report was not printed: %s"), error->message);

      hw_show_toast (print->owner, message);
      print_free (print);
      return;
    }

  /* A4 unless the officer chooses other paper; the page is drawn as a
   * whole, in points, with the report's own margins. */
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, hw_report_get_title (print->report));
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (print->export_filename != NULL)
    gtk_print_operation_set_export_filename (operation, print->export_filename);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), print);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), print);
  g_signal_connect_data (operation, "done", G_CALLBACK (print_done_cb), print, (GClosureNotify) print_free, 0);

  if (gtk_print_operation_run (operation, print->action, GTK_WINDOW (gtk_widget_get_root (print->owner)),
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("The report was not printed: %s"), error->message);
      hw_show_toast (print->owner, message);
    }
}

/**
 * hw_case_report_print:
 * @action: GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, or _EXPORT with
 *   @export_filename (a PDF through the print path, as tests use it)
 *
 * Prints the report of @case_id with the same drawing as the export.
 */
void
hw_case_report_print (GtkWidget               *owner,
                      HwSession               *session,
                      gint64                   case_id,
                      const HwReportOptions   *options,
                      GtkPrintOperationAction  action,
                      const char              *export_filename)
{
  Print *print = g_new0 (Print, 1);

  g_return_if_fail (HW_IS_SESSION (session));

  print->owner = g_object_ref (owner);
  print->session = g_object_ref (session);
  print->case_id = case_id;
  print->options = hw_report_options_copy (options);
  print->action = action;
  print->export_filename = g_strdup (export_filename);
  report_load_async (hw_session_get_db (session), case_id, NULL, NULL, options, print_loaded_cb, print);
}

/* Asking */

typedef struct
{
  GtkWidget *owner;
  HwSession *session;
  gint64     case_id;
  char      *case_number;
  gboolean   print;
  GtkWidget *photos;
  GtkWidget *outside;
  GtkWidget *from;
  GtkWidget *to;
  HwReportOptions *options;
} Ask;

static void
ask_free (Ask *ask)
{
  g_object_unref (ask->owner);
  g_object_unref (ask->session);
  g_free (ask->case_number);
  hw_report_options_free (ask->options);
  g_free (ask);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     Ask             *ask)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        hw_case_report_export_to (ask->owner, ask->session, ask->case_id, ask->options, file);
    }
  g_object_unref (chooser);
  ask_free (ask);
}

/* A day typed in @entry as the start of a day (local time), or NULL. */
static gboolean
parse_day (GtkWidget  *entry,
           int         add_days,
           GDateTime **day)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GDateTime) time = NULL;
  const char *precision = NULL;

  *day = NULL;
  if (text[0] == '\0')
    return TRUE;
  if (!hw_case_parse_date (text, FALSE, &time, &precision) || time == NULL || g_strcmp0 (precision, "day") != 0)
    return FALSE;
  *day = g_date_time_add_days (time, add_days);
  return TRUE;
}

static void
ask_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 Ask              *ask)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "accept"))
    {
      ask_free (ask);
      return;
    }

  ask->options->include_photos = gtk_check_button_get_active (GTK_CHECK_BUTTON (ask->photos));
  ask->options->blur_photos = gtk_check_button_get_active (GTK_CHECK_BUTTON (ask->outside));
  if (!parse_day (ask->from, 0, &ask->options->timeline_from) ||
      !parse_day (ask->to, 1, &ask->options->timeline_to))
    {
      hw_show_toast (ask->owner, _("Write the timeline's days like 2026-03-01; no report was made."));
      ask_free (ask);
      return;
    }

  if (ask->print)
    {
      hw_case_report_print (ask->owner, ask->session, ask->case_id, ask->options,
                            GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL);
      ask_free (ask);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Export the Case Report"),
                                         GTK_WINDOW (gtk_widget_get_root (ask->owner)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  /* Translators: the suggested file name of a case report; %s is the case number */
  name = g_strdup_printf (ask->options->blur_photos ? _("%s (shared copy).pdf") : _("%s.pdf"), ask->case_number);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), ask);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkWidget *
day_entry (GtkWidget  *box,
           const char *label,
           const char *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  return hw_form_field (box, label, entry);
}

/**
 * hw_case_report_ask:
 * @print: print the report (else export it to a PDF)
 *
 * Asks for the report's options, then exports or prints it.
 */
void
hw_case_report_ask (GtkWidget  *owner,
                    HwSession  *session,
                    gint64      case_id,
                    const char *case_number,
                    gboolean    print)
{
  GtkWidget *dialog, *box;
  Ask *ask = g_new0 (Ask, 1);
  g_autofree char *heading = g_strdup_printf (print ? _("Print the Report of %s") : _("Export the Report of %s"),
                                              case_number);

  g_return_if_fail (HW_IS_SESSION (session));

  ask->owner = g_object_ref (owner);
  ask->session = g_object_ref (session);
  ask->case_id = case_id;
  ask->case_number = g_strdup (case_number);
  ask->print = print;
  ask->options = hw_report_options_new ();

  box = hw_form_box ();
  ask->photos = gtk_check_button_new_with_mnemonic (_("Include the _photos"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ask->photos), TRUE);
  gtk_box_append (GTK_BOX (box), ask->photos);
  ask->outside = gtk_check_button_new ();
  {
    GtkWidget *label = gtk_label_new_with_mnemonic (_("A copy for _outside the police: the children’s faces "
                                                      "blurred, the family’s phone numbers and addresses left out"));

    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_label_set_mnemonic_widget (GTK_LABEL (label), ask->outside);
    gtk_check_button_set_child (GTK_CHECK_BUTTON (ask->outside), label);
  }
  gtk_box_append (GTK_BOX (box), ask->outside);
  ask->from = day_entry (box, _("Timeline _from"), _("The first day (empty: from the start)"));
  ask->to = day_entry (box, _("Timeline _to"), _("The last day (empty: up to today)"));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (owner)), heading,
                                   _("The report carries your name and the time, and a confidentiality line on "
                                     "every page."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "accept",
                                    print ? _("_Print…") : _("_Export…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "accept", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "accept");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (ask_response_cb), ask);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The unit summary */

typedef struct
{
  GtkWidget *owner;
  HwDb      *db;
  GtkWidget *from;
  GtkWidget *to;
  GDateTime *period_from;
  GDateTime *period_to;
} SummaryAsk;

static void
summary_ask_free (SummaryAsk *ask)
{
  g_object_unref (ask->owner);
  g_object_unref (ask->db);
  g_clear_pointer (&ask->period_from, g_date_time_unref);
  g_clear_pointer (&ask->period_to, g_date_time_unref);
  g_free (ask);
}

static void
summary_chooser_response_cb (GtkNativeDialog *chooser,
                             int              response,
                             SummaryAsk      *ask)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        hw_summary_report_export_to (ask->owner, ask->db, ask->period_from, ask->period_to, file);
    }
  g_object_unref (chooser);
  summary_ask_free (ask);
}

static void
summary_ask_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         SummaryAsk       *ask)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  g_autofree char *last_day = NULL;
  g_autoptr(GDateTime) last = NULL;

  if (!g_str_equal (response, "accept"))
    {
      summary_ask_free (ask);
      return;
    }

  if (!parse_day (ask->to, 1, &ask->period_to) || !parse_day (ask->from, 0, &ask->period_from))
    {
      hw_show_toast (ask->owner, _("Write the period's days like 2026-03-01; no summary was made."));
      summary_ask_free (ask);
      return;
    }
  hw_report_summary_period (&ask->period_from, &ask->period_to);
  if (g_date_time_compare (ask->period_from, ask->period_to) >= 0)
    {
      hw_show_toast (ask->owner, _("The period must begin before it ends; no summary was made."));
      summary_ask_free (ask);
      return;
    }

  last = g_date_time_add_days (ask->period_to, -1);
  last_day = g_date_time_format (last, "%Y-%m-%d");
  chooser = gtk_file_chooser_native_new (_("Export the Unit Summary"), GTK_WINDOW (gtk_widget_get_root (ask->owner)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  /* Translators: the suggested file name of a unit summary; %s is its last day */
  name = g_strdup_printf (_("Unit summary %s.pdf"), last_day);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (summary_chooser_response_cb), ask);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * hw_summary_report_ask:
 *
 * Asks for the period of the caller's unit summary (the last seven days
 * unless changed), then for the file to export it to.
 */
void
hw_summary_report_ask (GtkWidget *owner,
                       HwDb      *db)
{
  SummaryAsk *ask = g_new0 (SummaryAsk, 1);
  GtkWidget *dialog, *box;

  g_return_if_fail (HW_IS_DB (db));

  ask->owner = g_object_ref (owner);
  ask->db = g_object_ref (db);
  box = hw_form_box ();
  ask->from = day_entry (box, _("_From"), _("The first day (empty: a week before the last)"));
  ask->to = day_entry (box, _("_To"), _("The last day (empty: today)"));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (owner)), _("Export the Unit Summary"),
                                   _("For the weekly review: cases and sightings by status, the sightings past "
                                     "their triage deadline, the reunions of the period and every open case."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "accept", _("_Export…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "accept", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "accept");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (summary_ask_response_cb), ask);
  gtk_window_present (GTK_WINDOW (dialog));
}
