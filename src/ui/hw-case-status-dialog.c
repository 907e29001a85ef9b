/* hw-case-status-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-case-status-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-case-status-dialog.h"
#include "hw-case-summary.h"

/* Asks for the reason of a status change before it is made. The reason is
 * required when homeward.case_status_transition says so (the database
 * refuses the change without one, HW002); otherwise it is welcome. The
 * "change" response is enabled only when the change can be made. */

struct _HwCaseStatusDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  AdwEntryRow      *reason_row;
  GtkLabel         *hint_label;

  char             *to_status;
  gboolean          needs_reason;
};

G_DEFINE_FINAL_TYPE (HwCaseStatusDialog, hw_case_status_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
reason_changed_cb (HwCaseStatusDialog *self)
{
  g_autofree char *reason = hw_case_status_dialog_dup_reason (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "change",
                                           !self->needs_reason || reason[0] != '\0');
}

static void
hw_case_status_dialog_finalize (GObject *object)
{
  HwCaseStatusDialog *self = HW_CASE_STATUS_DIALOG (object);

  g_free (self->to_status);

  G_OBJECT_CLASS (hw_case_status_dialog_parent_class)->finalize (object);
}

static void
hw_case_status_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HW_TYPE_CASE_STATUS_DIALOG);

  G_OBJECT_CLASS (hw_case_status_dialog_parent_class)->dispose (object);
}

static void
hw_case_status_dialog_class_init (HwCaseStatusDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hw_case_status_dialog_dispose;
  object_class->finalize = hw_case_status_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/homeward/Homeward/hw-case-status-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HwCaseStatusDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, HwCaseStatusDialog, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, reason_changed_cb);
}

static void
hw_case_status_dialog_init (HwCaseStatusDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * hw_case_status_dialog_new:
 * @parent: (nullable): the window of the case page
 * @needs_reason: whether the change needs a reason
 */
HwCaseStatusDialog *
hw_case_status_dialog_new (GtkWindow  *parent,
                           const char *case_number,
                           const char *from_status,
                           const char *to_status,
                           gboolean    needs_reason)
{
  HwCaseStatusDialog *self;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (case_number != NULL && from_status != NULL && to_status != NULL, NULL);

  self = g_object_new (HW_TYPE_CASE_STATUS_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->to_status = g_strdup (to_status);
  self->needs_reason = needs_reason;

  /* TRANSLATORS: %s is a case status: "Change Status to “Cold”?" */
  heading = g_strdup_printf (_("Change Status to “%s”?"), hw_case_status_to_label (to_status));
  /* TRANSLATORS: a case number, its status now, the status it is to have */
  body = g_strdup_printf (_("Case %s goes from “%s” to “%s”. The change is recorded with your name."),
                          case_number, hw_case_status_to_label (from_status),
                          hw_case_status_to_label (to_status));
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row),
                                 needs_reason ? _("Reason") : _("Reason (optional)"));
  gtk_label_set_text (self->hint_label,
                      needs_reason ? _("This change needs a reason: say why, for the case’s history.")
                                   : _("A reason helps whoever reads the case’s history later."));

  if (g_str_equal (to_status, "closed"))
    adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "change",
                                                ADW_RESPONSE_DESTRUCTIVE);

  reason_changed_cb (self);

  return self;
}

/* Returns: the status the case is to have */
const char *
hw_case_status_dialog_get_status (HwCaseStatusDialog *self)
{
  g_return_val_if_fail (HW_IS_CASE_STATUS_DIALOG (self), NULL);

  return self->to_status;
}

/* Returns: (transfer full): the reason typed, trimmed ("" for none) */
char *
hw_case_status_dialog_dup_reason (HwCaseStatusDialog *self)
{
  g_return_val_if_fail (HW_IS_CASE_STATUS_DIALOG (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));
}

void
hw_case_status_dialog_set_reason (HwCaseStatusDialog *self,
                                  const char         *reason)
{
  g_return_if_fail (HW_IS_CASE_STATUS_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), reason != NULL ? reason : "");
}
