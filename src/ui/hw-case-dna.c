/* hw-case-dna.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-case-dna"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-case.h"
#include "hw-case-dna.h"
#include "hw-db.h"
#include "hw-dna.h"
#include "hw-ui-util.h"

/* The case page's DNA samples: each relative's sample (and the matched found
 * child's) with its lab and reference, how far its chain of custody got and
 * whether something is wrong with it; expanded, the custody events in the
 * order they happened, an out-of-order, repeated or missing stage flagged.
 * The lab results' summary (loci typed, the labs' conclusions) is shown to
 * those who may read them: the officers assigned to the case and
 * supervisors; others are told that it is not theirs to see. */

#define REFRESH_DELAY_MS 300

struct _HwCaseDna
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *group;
  GPtrArray           *rows;
  GPtrArray           *samples;   /* HwDnaSample shown */

  HwSession           *session;
  GCancellable        *cancellable;
  gint64               case_id;
  guint                refresh_source;
};

G_DEFINE_FINAL_TYPE (HwCaseDna, hw_case_dna, ADW_TYPE_BIN)

static const char *
event_label (const char *event)
{
  if (g_strcmp0 (event, "collected") == 0)
    return C_("custody event", "Collected");
  if (g_strcmp0 (event, "sealed") == 0)
    return C_("custody event", "Sealed");
  if (g_strcmp0 (event, "shipped") == 0)
    return C_("custody event", "Shipped");
  if (g_strcmp0 (event, "received") == 0)
    return C_("custody event", "Received by the lab");
  if (g_strcmp0 (event, "analysed") == 0)
    return C_("custody event", "Analysed");
  return event != NULL ? event : "";
}

static const char *
conclusion_label (const char *conclusion)
{
  if (g_strcmp0 (conclusion, "match") == 0)
    return C_("dna conclusion", "Match");
  if (g_strcmp0 (conclusion, "exclusion") == 0)
    return C_("dna conclusion", "Exclusion");
  if (g_strcmp0 (conclusion, "inconclusive") == 0)
    return C_("dna conclusion", "Inconclusive");
  return conclusion;
}

static void
clear_rows (HwCaseDna *self)
{
  hw_group_rows_clear (self->rows);
}

static void
add_row (HwCaseDna *self,
         GtkWidget *row)
{
  hw_group_rows_add (self->rows, self->group, row);
}

static GtkWidget *
event_row (HwDnaCustodyEvent *event)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = hw_format_unix_time (event->occurred_at);
  GString *subtitle = g_string_new (when);

  if (event->officer_name != NULL)
    g_string_append_printf (subtitle, " · %s", event->officer_name);
  if (event->notes != NULL && event->notes[0] != '\0')
    g_string_append_printf (subtitle, "\n%s", event->notes);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), event_label (event->event));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  g_string_free (subtitle, TRUE);

  if (g_strcmp0 (event->problem, "out_of_order") == 0)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), hw_pill_new (_("Out of order"), "overdue"));
  else if (g_strcmp0 (event->problem, "repeated") == 0)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), hw_pill_new (_("Repeated"), "priority-high"));
  else if (g_strcmp0 (event->problem, "gap") == 0)
    {
      GString *missing = g_string_new (NULL);
      g_autofree char *text = NULL;

      for (guint i = 0; event->missing[i] != NULL; i++)
        g_string_append_printf (missing, "%s%s", i > 0 ? _(", ") : "", event_label (event->missing[i]));
      /* Translators: a gap in a chain of custody: the stages never recorded */
      text = g_strdup_printf (_("Missing before it: %s"), missing->str);
      g_string_free (missing, TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), hw_pill_new (text, "overdue"));
    }

  return row;
}

/* Recording a custody event */

typedef struct
{
  HwCaseDna   *self;
  gint64       sample_id;
  GtkDropDown *event;
  GtkEditable *when;
  GtkEditable *notes;
} EventForm;

static void
event_form_free (EventForm *form)
{
  g_object_unref (form->self);
  g_free (form);
}

static void load (HwCaseDna *self);

static void
event_added_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HwCaseDna) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hw_dna_add_custody_event_finish (result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The custody event was not recorded: %s"), error->message);
      hw_show_toast (GTK_WIDGET (self), message);
      return;
    }

  hw_show_toast (GTK_WIDGET (self), _("Custody event recorded"));
  load (self);
}

static void
event_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   EventForm        *form)
{
  g_autofree char *when = NULL;
  g_autoptr(GDateTime) time = NULL;
  const char *precision = NULL;
  const char *text;

  if (!g_str_equal (response, "record") || form->self->session == NULL)
    return;

  text = gtk_editable_get_text (form->when);
  if (text[0] != '\0')
    {
      if (!hw_case_parse_date (text, TRUE, &time, &precision) || time == NULL)
        {
          hw_show_toast (GTK_WIDGET (form->self), _("Write when it happened like 2026-03-01 14:30; nothing was recorded."));
          return;
        }
      when = g_date_time_format_iso8601 (time);
    }

  hw_dna_add_custody_event_async (hw_session_get_db (form->self->session), form->sample_id,
                                  hw_dna_get_custody_events ()[gtk_drop_down_get_selected (form->event)], when,
                                  gtk_editable_get_text (form->notes), form->self->cancellable, event_added_cb,
                                  g_object_ref (form->self));
}

static void
add_event_clicked_cb (GtkButton *button,
                      HwCaseDna *self)
{
  HwDnaSample *sample = g_object_get_data (G_OBJECT (button), "hw-sample");
  const char * const *events = hw_dna_get_custody_events ();
  HwDnaCustodyEvent *last = sample->events->len > 0 ? g_ptr_array_index (sample->events, sample->events->len - 1) : NULL;
  GtkWidget *dialog, *box, *event, *when, *notes;
  g_autofree char *heading = g_strdup_printf (_("Custody of %s"), sample->lab_reference);
  EventForm *form;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   _("Record the next stage of the sample's chain of custody, as it happened."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  event = gtk_drop_down_new (hw_labels_model (events, event_label), NULL);
  when = gtk_entry_new ();
  notes = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (when), _("When (empty: now), like 2026-03-01 14:30"));
  gtk_entry_set_placeholder_text (GTK_ENTRY (notes), _("Notes: seal number, courier, who received it"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (event), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stage"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (when), GTK_ACCESSIBLE_PROPERTY_LABEL, _("When"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (notes), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Notes"), -1);
  /* The stage after the last one recorded. */
  for (guint i = 0; last != NULL && events[i] != NULL; i++)
    if (g_str_equal (events[i], last->event) && events[i + 1] != NULL)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (event), i + 1);
  gtk_box_append (GTK_BOX (box), event);
  gtk_box_append (GTK_BOX (box), when);
  gtk_box_append (GTK_BOX (box), notes);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "record", _("_Record"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  form = g_new0 (EventForm, 1);
  form->self = g_object_ref (self);
  form->sample_id = sample->id;
  form->event = GTK_DROP_DOWN (event);
  form->when = GTK_EDITABLE (when);
  form->notes = GTK_EDITABLE (notes);
  g_signal_connect_data (dialog, "response", G_CALLBACK (event_response_cb), form, (GClosureNotify) event_form_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
sample_row (HwCaseDna   *self,
            HwDnaSample *sample)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *title = NULL;
  GString *subtitle = g_string_new (sample->lab_reference);
  HwDnaCustodyEvent *last = sample->events->len > 0 ? g_ptr_array_index (sample->events, sample->events->len - 1) : NULL;

  if (sample->found_child)
    /* Translators: a DNA sample of the found child matched to the case */
    title = g_strdup_printf (_("Found child %s"), sample->name);
  else
    title = g_strdup_printf ("%s %s", hw_case_relationship_to_label (sample->relationship), sample->name);

  if (sample->lab[0] != '\0')
    g_string_append_printf (subtitle, " · %s", sample->lab);
  if (sample->kit[0] != '\0')
    g_string_append_printf (subtitle, " · %s", sample->kit);
  g_string_append_c (subtitle, '\n');
  if (!sample->readable)
    g_string_append (subtitle, _("Lab results: for the officers assigned to the case and supervisors"));
  else if (sample->loci == 0 && sample->conclusions[0] == NULL)
    g_string_append (subtitle, _("No lab results yet"));
  else
    {
      /* Translators: how many STR loci a lab typed for a sample */
      g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%d locus typed", "%d loci typed",
                                                     (gulong) sample->loci), (int) sample->loci);
      for (guint i = 0; sample->conclusions[i] != NULL; i++)
        g_string_append_printf (subtitle, " · %s", conclusion_label (sample->conclusions[i]));
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);
  g_string_free (subtitle, TRUE);

  if (sample->n_problems > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Custody: %u problem",
                                                            "Custody: %u problems", sample->n_problems),
                                               sample->n_problems);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), hw_pill_new (text, "overdue"));
    }
  else if (last != NULL)
    adw_expander_row_add_action (ADW_EXPANDER_ROW (row), hw_pill_new (event_label (last->event), "sighting-triaged"));

  for (guint i = 0; i < sample->events->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), event_row (g_ptr_array_index (sample->events, i)));
  if (sample->events->len == 0)
    {
      GtkWidget *none = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (none), _("No custody event recorded"));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), none);
    }
  {
    GtkWidget *add = gtk_button_new_with_mnemonic (_("Record a Custody _Event…"));
    GtkWidget *button_row = adw_action_row_new ();

    gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
    g_object_set_data (G_OBJECT (add), "hw-sample", sample);
    g_signal_connect (add, "clicked", G_CALLBACK (add_event_clicked_cb), self);
    adw_action_row_add_suffix (ADW_ACTION_ROW (button_row), add);
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), button_row);
  }

  return row;
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HwCaseDna) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *samples = hw_dna_load_case_finish (result, &error);

  if (samples == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GtkWidget *row = adw_action_row_new ();

          clear_rows (self);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Could not read the DNA samples"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
          add_row (self, row);
        }
      return;
    }

  g_clear_pointer (&self->samples, g_ptr_array_unref);
  self->samples = samples;
  clear_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self), samples->len > 0);
  for (guint i = 0; i < samples->len; i++)
    add_row (self, sample_row (self, g_ptr_array_index (samples, i)));
}

static void
load (HwCaseDna *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->session == NULL || self->case_id <= 0)
    {
      clear_rows (self);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  hw_dna_load_case_async (hw_session_get_db (self->session), self->case_id, self->cancellable, loaded_cb,
                          g_object_ref (self));
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  HwCaseDna *self = user_data;

  self->refresh_source = 0;
  load (self);

  return G_SOURCE_REMOVE;
}

static void
notification_cb (HwCaseDna  *self,
                 const char *channel,
                 const char *payload,
                 HwDb       *db)
{
  if (self->case_id <= 0 || payload == NULL || self->refresh_source != 0)
    return;

  if (g_str_has_prefix (payload, "dna_") )
    self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_timeout_cb, self);
}

static void
hw_case_dna_dispose (GObject *object)
{
  HwCaseDna *self = HW_CASE_DNA (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (hw_session_get_db (self->session), self);
  g_clear_object (&self->session);
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);

  G_OBJECT_CLASS (hw_case_dna_parent_class)->dispose (object);
}

static void
hw_case_dna_finalize (GObject *object)
{
  HwCaseDna *self = HW_CASE_DNA (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->samples, g_ptr_array_unref);

  G_OBJECT_CLASS (hw_case_dna_parent_class)->finalize (object);
}

static void
hw_case_dna_class_init (HwCaseDnaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hw_case_dna_dispose;
  object_class->finalize = hw_case_dna_finalize;
}

static void
hw_case_dna_init (HwCaseDna *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("DNA Samples"));
  adw_preferences_group_set_description (self->group,
                                         _("Each sample's chain of custody, in the order it happened: collected, "
                                           "sealed, shipped, received, analysed."));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* Shows the DNA samples of @case_id (0: none) as @session may read them. */
void
hw_case_dna_set_case (HwCaseDna *self,
                      HwSession *session,
                      gint64     case_id)
{
  g_return_if_fail (HW_IS_CASE_DNA (self));
  g_return_if_fail (session == NULL || HW_IS_SESSION (session));

  if (self->session != session)
    {
      if (self->session != NULL)
        g_signal_handlers_disconnect_by_data (hw_session_get_db (self->session), self);
      g_set_object (&self->session, session);
      if (session != NULL)
        g_signal_connect_object (hw_session_get_db (session), "notification", G_CALLBACK (notification_cb), self,
                                 G_CONNECT_SWAPPED);
    }
  else if (self->case_id == case_id)
    return;

  self->case_id = case_id;
  load (self);
}
