/* hw-case-contact-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-case-contact-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-case.h"
#include "hw-case-contact-dialog.h"

/* One entry of the family contact log: when (now, unless said otherwise),
 * how (phone, visit, …), with whom of the family, a summary (required), the
 * outcome and the next step. The "add" response is enabled when the entry
 * can be recorded; the page then inserts it. */

/* The values of homeward.contact_event.channel, in the dialog's order. */
static const char * const channels[] = { "phone", "visit", "message", "video", "letter" };

struct _HwCaseContactDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  AdwEntryRow      *when_row;
  AdwComboRow      *channel_row;
  AdwComboRow      *member_row;
  AdwEntryRow      *summary_row;
  AdwEntryRow      *outcome_row;
  AdwEntryRow      *next_step_row;
  GtkLabel         *message_label;

  GArray           *member_ids;   /* gint64, in the member row's order; 0 first */
};

G_DEFINE_FINAL_TYPE (HwCaseContactDialog, hw_case_contact_dialog, ADW_TYPE_MESSAGE_DIALOG)

static char *
dup_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
changed_cb (HwCaseContactDialog *self)
{
  g_autoptr(GDateTime) when = hw_case_contact_dialog_get_occurred_at (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *summary = dup_text (self->summary_row);
  const char *message = NULL;

  if (when == NULL)
    message = _("Write when as 2026-11-20 14:30, or 2026-11-20.");
  else if (g_date_time_compare (when, now) > 0)
    message = _("The contact cannot be in the future.");

  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->when_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->when_row), "error");
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add",
                                           message == NULL && summary[0] != '\0');
}

static void
hw_case_contact_dialog_finalize (GObject *object)
{
  HwCaseContactDialog *self = HW_CASE_CONTACT_DIALOG (object);

  g_clear_pointer (&self->member_ids, g_array_unref);

  G_OBJECT_CLASS (hw_case_contact_dialog_parent_class)->finalize (object);
}

static void
hw_case_contact_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HW_TYPE_CASE_CONTACT_DIALOG);

  G_OBJECT_CLASS (hw_case_contact_dialog_parent_class)->dispose (object);
}

static void
hw_case_contact_dialog_class_init (HwCaseContactDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hw_case_contact_dialog_dispose;
  object_class->finalize = hw_case_contact_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/homeward/Homeward/hw-case-contact-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HwCaseContactDialog, when_row);
  gtk_widget_class_bind_template_child (widget_class, HwCaseContactDialog, channel_row);
  gtk_widget_class_bind_template_child (widget_class, HwCaseContactDialog, member_row);
  gtk_widget_class_bind_template_child (widget_class, HwCaseContactDialog, summary_row);
  gtk_widget_class_bind_template_child (widget_class, HwCaseContactDialog, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, HwCaseContactDialog, next_step_row);
  gtk_widget_class_bind_template_child (widget_class, HwCaseContactDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
}

static void
hw_case_contact_dialog_init (HwCaseContactDialog *self)
{
  g_autoptr(GtkStringList) channel_labels = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");

  gtk_widget_init_template (GTK_WIDGET (self));

  self->member_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    gtk_string_list_append (channel_labels, hw_case_channel_to_label (channels[i]));
  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (channel_labels));

  gtk_editable_set_text (GTK_EDITABLE (self->when_row), when);
}

/**
 * hw_case_contact_dialog_new:
 * @parent: (nullable): the window of the case page
 * @family: (element-type HwFamilyMember) (nullable): the case's family
 */
HwCaseContactDialog *
hw_case_contact_dialog_new (GtkWindow *parent,
                            GPtrArray *family)
{
  HwCaseContactDialog *self;
  g_autoptr(GtkStringList) members = gtk_string_list_new (NULL);
  gint64 none = 0;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (HW_TYPE_CASE_CONTACT_DIALOG,
                       "transient-for", parent,
                       NULL);

  gtk_string_list_append (members, _("The family"));
  g_array_append_val (self->member_ids, none);
  for (guint i = 0; family != NULL && i < family->len; i++)
    {
      const HwFamilyMember *member = g_ptr_array_index (family, i);
      const char *name = member->name[0] != '\0' ? member->name : member->name_latin;
      g_autofree char *label = NULL;

      /* TRANSLATORS: a relative and their relationship to the child: "王秀英 (Mother)" */
      label = g_strdup_printf (_("%s (%s)"), name, hw_case_relationship_to_label (member->relationship));
      gtk_string_list_append (members, label);
      g_array_append_val (self->member_ids, member->id);
    }
  adw_combo_row_set_model (self->member_row, G_LIST_MODEL (members));
  /* The one relative, when there is one. */
  if (self->member_ids->len == 2)
    adw_combo_row_set_selected (self->member_row, 1);

  changed_cb (self);

  return self;
}

/**
 * hw_case_contact_dialog_get_occurred_at:
 *
 * Returns: (transfer full) (nullable): when the contact took place, or
 *   %NULL when what is written is no date
 */
GDateTime *
hw_case_contact_dialog_get_occurred_at (HwCaseContactDialog *self)
{
  g_autofree char *text = NULL;
  GDateTime *time = NULL;
  const char *precision = NULL;

  g_return_val_if_fail (HW_IS_CASE_CONTACT_DIALOG (self), NULL);

  text = dup_text (self->when_row);
  if (!hw_case_parse_date (text, TRUE, &time, &precision))
    return NULL;

  /* A contact is a moment: a day at least. */
  if (!g_str_equal (precision, "day"))
    g_clear_pointer (&time, g_date_time_unref);

  return time;
}

/* Returns: the value of homeward.contact_event.channel chosen */
const char *
hw_case_contact_dialog_get_channel (HwCaseContactDialog *self)
{
  guint selected;

  g_return_val_if_fail (HW_IS_CASE_CONTACT_DIALOG (self), NULL);

  selected = adw_combo_row_get_selected (self->channel_row);

  return channels[selected < G_N_ELEMENTS (channels) ? selected : 0];
}

/* Returns: the relative contacted, or 0 for the family as a whole */
gint64
hw_case_contact_dialog_get_family_member_id (HwCaseContactDialog *self)
{
  guint selected;

  g_return_val_if_fail (HW_IS_CASE_CONTACT_DIALOG (self), 0);

  selected = adw_combo_row_get_selected (self->member_row);

  return selected < self->member_ids->len ? g_array_index (self->member_ids, gint64, selected) : 0;
}

char *
hw_case_contact_dialog_dup_summary (HwCaseContactDialog *self)
{
  g_return_val_if_fail (HW_IS_CASE_CONTACT_DIALOG (self), NULL);

  return dup_text (self->summary_row);
}

char *
hw_case_contact_dialog_dup_outcome (HwCaseContactDialog *self)
{
  g_return_val_if_fail (HW_IS_CASE_CONTACT_DIALOG (self), NULL);

  return dup_text (self->outcome_row);
}

char *
hw_case_contact_dialog_dup_next_step (HwCaseContactDialog *self)
{
  g_return_val_if_fail (HW_IS_CASE_CONTACT_DIALOG (self), NULL);

  return dup_text (self->next_step_row);
}

/* Fills the entry, as typing would (for tests). NULL leaves a field. */
void
hw_case_contact_dialog_set_entry (HwCaseContactDialog *self,
                                  const char          *when,
                                  const char          *summary,
                                  const char          *outcome,
                                  const char          *next_step)
{
  g_return_if_fail (HW_IS_CASE_CONTACT_DIALOG (self));

  if (when != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->when_row), when);
  if (summary != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->summary_row), summary);
  if (outcome != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->outcome_row), outcome);
  if (next_step != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->next_step_row), next_step);
}
