/* hw-case-dna.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-case-dna"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hw-case.h"
#include "hw-case-dna.h"
#include "hw-db.h"
#include "hw-dna.h"
#include "hw-format.h"
#include "hw-lab-csv.h"
#include "hw-case-watch.h"
#include "hw-ui-util.h"

/* The case page's DNA samples: each relative's sample (and the matched found
 * child's) with its lab and reference, how far its chain of custody got and
 * whether something is wrong with it; expanded, the custody events in the
 * order they happened, an out-of-order, repeated or missing stage flagged.
 * The lab results' summary (loci typed, the labs' conclusions) is shown to
 * those who may read them: the officers assigned to the case and
 * supervisors; others are told that it is not theirs to see.
 *
 * From here an officer records a sample (whose, when, which lab and its
 * reference) with its collection as the first custody event, the next
 * stages of its custody, a lab's result for the found child's sample (the
 * lab's conclusion, combined index, probability and report), and imports a
 * lab's CSV export of STR profiles; the database refuses what is not the
 * caller's to record. */

#define REFRESH_DELAY_MS 300

struct _HwCaseDna
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *group;
  GPtrArray           *rows;
  GPtrArray           *samples;   /* HwDnaSample shown */

  HwCaseWatch         *watch;
  GtkWidget           *buttons;   /* the header's: import, add a sample */
  gboolean             editable;  /* the caller's unit's case */
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

static gboolean
parse_when (const char  *text,
            char       **iso)
{
  g_autoptr(GDateTime) time = NULL;
  const char *precision = NULL;

  *iso = NULL;
  if (text[0] == '\0')
    return TRUE;
  if (!hw_case_parse_date (text, TRUE, &time, &precision) || time == NULL)
    return FALSE;
  *iso = g_date_time_format_iso8601 (time);
  return TRUE;
}


static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(HwCaseDna) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *done = g_task_get_source_tag (G_TASK (result)) == hw_dna_add_sample_async
                     ? _("DNA sample recorded") : _("Lab result recorded");
  gboolean ok = g_task_get_source_tag (G_TASK (result)) == hw_dna_add_sample_async
                ? hw_dna_add_sample_finish (result, &error)
                : hw_dna_add_comparison_finish (result, &error);

  if (!ok)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_strcmp0 (hw_db_error_get_sqlstate (error), "23505") == 0)
        message = g_strdup (_("Another sample already has this lab reference; nothing was recorded."));
      else
        message = g_strdup_printf (_("Nothing was recorded: %s"), error->message);
      hw_show_toast (GTK_WIDGET (self), message);
      return;
    }

  hw_show_toast (GTK_WIDGET (self), done);
  hw_case_watch_reload (self->watch);
}

/* Recording a sample */

static char *
donor_label (HwDnaDonor *donor)
{
  if (donor->found_child)
    return g_strdup_printf (_("Found child %s"), donor->name);
  return g_strdup_printf ("%s %s", hw_case_relationship_to_label (donor->relationship), donor->name);
}

static void
sample_done (GtkWidget *owner,
             GtkWidget *content)
{
  HwCaseDna *self = HW_CASE_DNA (owner);
  GPtrArray *donors = g_object_get_data (G_OBJECT (content), "hw-donors");
  GtkDropDown *whose = g_object_get_data (G_OBJECT (content), "hw-whose");
  GtkEditable *when = g_object_get_data (G_OBJECT (content), "hw-when");
  GtkEditable *lab = g_object_get_data (G_OBJECT (content), "hw-lab");
  GtkEditable *reference = g_object_get_data (G_OBJECT (content), "hw-reference");
  GtkEditable *kit = g_object_get_data (G_OBJECT (content), "hw-kit");
  g_autofree char *collected_at = NULL;

  if (hw_case_watch_get_db (self->watch) == NULL)
    return;
  if (!parse_when (gtk_editable_get_text (when), &collected_at))
    {
      hw_show_toast (owner, _("Write when it was collected like 2026-03-01 14:30; nothing was recorded."));
      return;
    }

  hw_dna_add_sample_async (hw_case_watch_get_db (self->watch), hw_case_watch_get_case_id (self->watch),
                           g_ptr_array_index (donors, gtk_drop_down_get_selected (whose)), collected_at,
                           gtk_editable_get_text (lab), gtk_editable_get_text (reference),
                           gtk_editable_get_text (kit), NULL, written_cb, g_object_ref (self));
}

static GtkWidget *
form_entry (GtkWidget  *box,
            const char *label,
            const char *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  return hw_form_field (box, label, entry);
}

static void
donors_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(HwCaseDna) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) donors = hw_dna_load_donors_finish (result, &error);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *box, *whose, *reference;

  if (donors == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Could not read the case's family: %s"), error->message);
      hw_show_toast (GTK_WIDGET (self), message);
      return;
    }
  if (donors->len == 0)
    {
      hw_show_toast (GTK_WIDGET (self),
                     _("Record the child's relatives first: a sample is a relative's or the found child's."));
      return;
    }

  for (guint i = 0; i < donors->len; i++)
    {
      g_autofree char *label = donor_label (g_ptr_array_index (donors, i));
      gtk_string_list_append (labels, label);
    }

  box = hw_form_box ();
  whose = hw_form_field (box, _("_Whose"), gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL));
  g_object_set_data (G_OBJECT (box), "hw-whose", whose);
  g_object_set_data (G_OBJECT (box), "hw-when",
                     form_entry (box, _("_Collected"), _("When (empty: now), like 2026-03-01 14:30")));
  g_object_set_data (G_OBJECT (box), "hw-lab", form_entry (box, _("_Laboratory"), NULL));
  reference = form_entry (box, _("Lab _reference"), _("The lab's name for the sample (required)"));
  g_object_set_data (G_OBJECT (box), "hw-reference", reference);
  g_object_set_data (G_OBJECT (box), "hw-kit", form_entry (box, _("_Kit"), _("Like Goldeneye 20A")));
  g_object_set_data_full (G_OBJECT (box), "hw-donors", g_steal_pointer (&donors), (GDestroyNotify) g_ptr_array_unref);

  hw_form_run (GTK_WIDGET (self), _("Record a DNA Sample"),
               _("The sample's collection, by you, is the first event of its chain of custody."),
               _("_Record"), box, reference, sample_done);
}

static void
add_sample_clicked_cb (HwCaseDna *self)
{
  if (hw_case_watch_get_db (self->watch) == NULL || hw_case_watch_get_case_id (self->watch) <= 0)
    return;

  hw_dna_load_donors_async (hw_case_watch_get_db (self->watch), hw_case_watch_get_case_id (self->watch),
                            NULL, donors_loaded_cb, g_object_ref (self));
}

/* Recording a lab's result */

static gboolean
parse_number (const char *text,
              gboolean    percent_allowed,
              char      **number)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_autofree char *plain = NULL;
  gboolean percent = FALSE;
  char *end = NULL;
  double value;

  *number = NULL;
  if (copy[0] == '\0')
    return TRUE;
  /* "1,234,567" and "99.99 %" as labs write them. */
  {
    g_auto(GStrv) parts = g_strsplit_set (copy, ", ", -1);
    plain = g_strjoinv ("", parts);
  }
  if (percent_allowed && g_str_has_suffix (plain, "%"))
    {
      plain[strlen (plain) - 1] = '\0';
      percent = TRUE;
    }
  value = g_ascii_strtod (plain, &end);
  if (end == plain || *end != '\0' || !isfinite (value) || value < 0)
    return FALSE;
  if (percent)
    value /= 100.0;
  if (percent_allowed && value > 1)
    return FALSE;
  if (percent)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      /* As written: 99.99% is 0.9999, not its nearest double. */
      *number = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.12g", value));
    }
  else
    *number = g_steal_pointer (&plain);
  return TRUE;
}

typedef struct
{
  HwCaseDna   *self;
  gint64       child_sample_id;
  GArray      *parent_ids;    /* gint64, 0 first: none */
  GtkDropDown *father;
  GtkDropDown *mother;
  GtkDropDown *conclusion;
  GtkEditable *index;
  GtkEditable *probability;
  GtkEditable *reported;
  GtkEditable *reference;
  GtkLabel    *problem;
  GtkWidget   *dialog;
} ResultForm;

static void
result_form_free (ResultForm *form)
{
  g_object_unref (form->self);
  g_array_unref (form->parent_ids);
  g_free (form);
}

/* Says what is wrong with the form, or returns TRUE with the values. */
static gboolean
result_form_check (ResultForm  *form,
                   char       **index,
                   char       **probability,
                   char       **reported,
                   const char **problem)
{
  guint father = gtk_drop_down_get_selected (form->father);
  guint mother = gtk_drop_down_get_selected (form->mother);

  *index = *probability = *reported = NULL;
  if (father == 0 && mother == 0)
    *problem = _("Choose the father's or the mother's sample, or both.");
  else if (father != 0 && father == mother)
    *problem = _("The father's and the mother's samples must differ.");
  else if (!parse_number (gtk_editable_get_text (form->index), FALSE, index))
    *problem = _("Write the combined index as a number, like 1234567 or 1.2e6.");
  else if (!parse_number (gtk_editable_get_text (form->probability), TRUE, probability))
    /* xgettext:no-c-format */
    *problem = _("Write the probability between 0 and 1, or as a percentage like 99.99%.");
  else if (!parse_when (gtk_editable_get_text (form->reported), reported))
    *problem = _("Write when the lab reported like 2026-03-01.");
  else
    return TRUE;

  g_clear_pointer (index, g_free);
  g_clear_pointer (probability, g_free);
  g_clear_pointer (reported, g_free);
  return FALSE;
}

static void
result_form_changed_cb (ResultForm *form)
{
  g_autofree char *index = NULL, *probability = NULL, *reported = NULL;
  const char *problem = NULL;
  gboolean ok = result_form_check (form, &index, &probability, &reported, &problem);

  gtk_label_set_text (form->problem, ok ? "" : problem);
  gtk_widget_set_visible (GTK_WIDGET (form->problem), !ok);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (form->dialog), "record", ok);
}

static void
result_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ResultForm       *form)
{
  g_autofree char *index = NULL, *probability = NULL, *reported = NULL;
  const char *problem = NULL;

  if (!g_str_equal (response, "record") || hw_case_watch_get_db (form->self->watch) == NULL ||
      !result_form_check (form, &index, &probability, &reported, &problem))
    return;

  hw_dna_add_comparison_async (hw_case_watch_get_db (form->self->watch), form->child_sample_id,
                               g_array_index (form->parent_ids, gint64, gtk_drop_down_get_selected (form->father)),
                               g_array_index (form->parent_ids, gint64, gtk_drop_down_get_selected (form->mother)),
                               hw_dna_get_conclusions ()[gtk_drop_down_get_selected (form->conclusion)],
                               index, probability, reported, gtk_editable_get_text (form->reference),
                               NULL, written_cb, g_object_ref (form->self));
}

static void
add_result_clicked_cb (GtkButton *button,
                       HwCaseDna *self)
{
  HwDnaSample *child = g_object_get_data (G_OBJECT (button), "hw-sample");
  g_autoptr(GtkStringList) parents = gtk_string_list_new (NULL);
  g_autofree char *heading = g_strdup_printf (_("Lab Result for %s"), child->lab_reference);
  GtkWidget *box = hw_form_box ();
  ResultForm *form = g_new0 (ResultForm, 1);
  gint64 none = 0;
  GtkWidget *problem;

  form->self = g_object_ref (self);
  form->child_sample_id = child->id;
  form->parent_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (form->parent_ids, none);
  /* Translators: no parent's sample in a DNA comparison */
  gtk_string_list_append (parents, C_("dna sample", "None"));
  for (guint i = 0; i < self->samples->len; i++)
    {
      HwDnaSample *sample = g_ptr_array_index (self->samples, i);
      g_autofree char *label = NULL;

      if (sample->found_child)
        continue;
      label = g_strdup_printf ("%s %s · %s", hw_case_relationship_to_label (sample->relationship), sample->name,
                               sample->lab_reference);
      gtk_string_list_append (parents, label);
      g_array_append_val (form->parent_ids, sample->id);
    }

  form->father = GTK_DROP_DOWN (hw_form_field (box, _("_Father's sample"),
                                               gtk_drop_down_new (G_LIST_MODEL (g_object_ref (parents)), NULL)));
  form->mother = GTK_DROP_DOWN (hw_form_field (box, _("_Mother's sample"),
                                               gtk_drop_down_new (G_LIST_MODEL (g_object_ref (parents)), NULL)));
  /* The relatives' samples named father and mother, when there are. */
  for (guint i = 0, k = 1; i < self->samples->len; i++)
    {
      HwDnaSample *sample = g_ptr_array_index (self->samples, i);

      if (sample->found_child)
        continue;
      if (g_strcmp0 (sample->relationship, "father") == 0 && gtk_drop_down_get_selected (form->father) == 0)
        gtk_drop_down_set_selected (form->father, k);
      if (g_strcmp0 (sample->relationship, "mother") == 0 && gtk_drop_down_get_selected (form->mother) == 0)
        gtk_drop_down_set_selected (form->mother, k);
      k++;
    }
  form->conclusion = GTK_DROP_DOWN (hw_form_field (box, _("The lab's _conclusion"),
                                                   hw_form_dropdown (hw_dna_get_conclusions (), conclusion_label)));
  form->index = GTK_EDITABLE (form_entry (box, _("Combined _index"), _("As the lab reports it, like 1234567")));
  form->probability = GTK_EDITABLE (form_entry (box, _("_Probability"),
                                                /* xgettext:no-c-format */
                                                _("Like 99.9999% or 0.999999")));
  form->reference = GTK_EDITABLE (form_entry (box, _("Report _reference"), NULL));
  form->reported = GTK_EDITABLE (form_entry (box, _("Reported _on"), _("When (empty: now), like 2026-03-01")));
  problem = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
  gtk_label_set_xalign (GTK_LABEL (problem), 0);
  gtk_widget_add_css_class (problem, "error");
  gtk_box_append (GTK_BOX (box), problem);
  form->problem = GTK_LABEL (problem);

  form->dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                         _("The lab's own conclusion and figures, as its report gives them."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (form->dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (form->dialog), "cancel", _("_Cancel"), "record", _("_Record"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (form->dialog), "record", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (form->dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (form->dialog), "cancel");

  g_signal_connect_swapped (form->father, "notify::selected", G_CALLBACK (result_form_changed_cb), form);
  g_signal_connect_swapped (form->mother, "notify::selected", G_CALLBACK (result_form_changed_cb), form);
  g_signal_connect_swapped (form->index, "changed", G_CALLBACK (result_form_changed_cb), form);
  g_signal_connect_swapped (form->probability, "changed", G_CALLBACK (result_form_changed_cb), form);
  g_signal_connect_swapped (form->reported, "changed", G_CALLBACK (result_form_changed_cb), form);
  result_form_changed_cb (form);
  g_signal_connect_data (form->dialog, "response", G_CALLBACK (result_response_cb), form,
                         (GClosureNotify) result_form_free, 0);
  gtk_window_present (GTK_WINDOW (form->dialog));
}

/* Importing a lab's export */

static void
show_problems (HwCaseDna  *self,
               const char *heading,
               const char *text)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, NULL);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_widget_set_size_request (scroller, 420, -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(HwCaseDna) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_loci = 0, n_samples = 0;

  if (!hw_dna_import_finish (result, &n_loci, &n_samples, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_problems (self, _("Nothing Was Imported"), error->message);
      return;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u locus for %u sample(s)",
                                          "Imported %u loci for %u sample(s)", n_loci),
                             n_loci, n_samples);
  hw_show_toast (GTK_WIDGET (self), message);
  hw_case_watch_reload (self->watch);
}

static void
file_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HwCaseDna) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  g_autoptr(GPtrArray) alleles = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_problems (self, _("Nothing Was Imported"), error->message);
      return;
    }

  alleles = hw_lab_csv_parse (contents, length, &problems);
  if (problems->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < problems->len; i++)
        {
          HwLabProblem *problem = g_ptr_array_index (problems, i);

          if (problem->line > 0)
            /* Translators: a problem of a line of a lab's export */
            g_string_append_printf (text, _("Line %u: %s\n"), problem->line, problem->message);
          else
            g_string_append_printf (text, "%s\n", problem->message);
        }
      g_string_truncate (text, text->len - 1);
      {
        g_autofree char *heading = g_strdup_printf (_("Nothing Was Imported from %s"), name);
        show_problems (self, heading, text->str);
      }
      return;
    }

  if (hw_case_watch_get_db (self->watch) != NULL)
    hw_dna_import_async (hw_case_watch_get_db (self->watch), alleles, NULL,
                         imported_cb, g_object_ref (self));
}

/**
 * hw_case_dna_import_file:
 * @self: a #HwCaseDna
 * @file: a lab's CSV export of STR profiles
 *
 * Imports @file into the samples it names (all or nothing); every problem
 * of the file is shown by line and nothing is imported from a file that
 * has one.
 */
void
hw_case_dna_import_file (HwCaseDna *self,
                         GFile     *file)
{
  g_return_if_fail (HW_IS_CASE_DNA (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_contents_async (file, NULL, file_loaded_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     HwCaseDna       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        hw_case_dna_import_file (self, file);
    }
  g_object_unref (chooser);
}

static void
import_clicked_cb (HwCaseDna *self)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Lab Results"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Lab exports (CSV, text)"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_filter_add_suffix (filter, "tsv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
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
  hw_case_watch_reload (self->watch);
}

static void
event_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   EventForm        *form)
{
  g_autofree char *when = NULL;

  if (!g_str_equal (response, "record") || hw_case_watch_get_db (form->self->watch) == NULL)
    return;

  if (!parse_when (gtk_editable_get_text (form->when), &when))
    {
      hw_show_toast (GTK_WIDGET (form->self), _("Write when it happened like 2026-03-01 14:30; nothing was recorded."));
      return;
    }

  hw_dna_add_custody_event_async (hw_case_watch_get_db (form->self->watch), form->sample_id,
                                  hw_dna_get_custody_events ()[gtk_drop_down_get_selected (form->event)], when,
                                  gtk_editable_get_text (form->notes), NULL, event_added_cb,
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

static const char *
sample_reference (HwCaseDna *self,
                  gint64     id)
{
  for (guint i = 0; self->samples != NULL && i < self->samples->len; i++)
    {
      HwDnaSample *sample = g_ptr_array_index (self->samples, i);

      if (sample->id == id)
        return sample->lab_reference;
    }
  return "?";
}

/* A lab's result for the found child's sample: its conclusion, figures and
 * report, and the samples it compared. */
static GtkWidget *
comparison_row (HwCaseDna       *self,
                HwDnaComparison *comparison)
{
  GtkWidget *row = adw_action_row_new ();
  GString *subtitle = g_string_new (NULL);
  g_autofree char *title = NULL;
  const char *css = g_strcmp0 (comparison->conclusion, "match") == 0 ? "status-reunited"
                    : g_strcmp0 (comparison->conclusion, "exclusion") == 0 ? "overdue" : "priority-high";

  if (comparison->father_sample_id > 0 && comparison->mother_sample_id > 0)
    /* Translators: a DNA comparison with both parents' samples (lab references) */
    title = g_strdup_printf (_("Compared with %s and %s"), sample_reference (self, comparison->father_sample_id),
                             sample_reference (self, comparison->mother_sample_id));
  else
    title = g_strdup_printf (_("Compared with %s"),
                             sample_reference (self, MAX (comparison->father_sample_id, comparison->mother_sample_id)));

  if (comparison->combined_index != NULL)
    {
      g_autofree char *index = hw_format_dna_index (comparison->combined_index);

      /* Translators: CPI, the combined paternity index a lab reports */
      g_string_append_printf (subtitle, _("Combined index %s"), index);
    }
  if (comparison->probability != NULL)
    {
      g_autofree char *probability = hw_format_probability (comparison->probability);

      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      /* Translators: the probability of parentage a lab reports, as a percentage like 99.99% */
      g_string_append_printf (subtitle, _("probability %s"), probability);
    }
  if (comparison->report_reference != NULL)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, _("report %s"), comparison->report_reference);
    }
  if (comparison->reported_at != G_MININT64)
    {
      g_autofree char *when = hw_format_unix_time (comparison->reported_at);

      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, when);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  g_string_free (subtitle, TRUE);
  if (comparison->conclusion != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), hw_pill_new (conclusion_label (comparison->conclusion), css));

  return row;
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
  for (guint i = 0; i < sample->comparisons->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              comparison_row (self, g_ptr_array_index (sample->comparisons, i)));
  if (sample->profile[0] != NULL)
    {
      GtkWidget *profile = adw_action_row_new ();
      g_autofree char *loci = g_strjoinv ("   ", sample->profile);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (profile), _("STR profile"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (profile), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (profile), loci);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (profile), 0);
      gtk_widget_add_css_class (profile, "hw-str-profile");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), profile);
    }
  if (self->editable)
    {
      GtkWidget *add = gtk_button_new_with_mnemonic (_("Record a Custody _Event…"));
      GtkWidget *button_row = adw_action_row_new ();

      gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (add), "hw-sample", sample);
      g_signal_connect (add, "clicked", G_CALLBACK (add_event_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (button_row), add);
      if (sample->found_child && sample->readable)
        {
          GtkWidget *result = gtk_button_new_with_mnemonic (_("Record a Lab _Result…"));

          gtk_widget_set_valign (result, GTK_ALIGN_CENTER);
          g_object_set_data (G_OBJECT (result), "hw-sample", sample);
          g_signal_connect (result, "clicked", G_CALLBACK (add_result_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (button_row), result);
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), button_row);
    }

  return row;
}

static void show_samples (HwCaseDna *self);

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
  show_samples (self);
}

/* The rows of the samples read last. */
static void
show_samples (HwCaseDna *self)
{
  clear_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  for (guint i = 0; i < self->samples->len; i++)
    add_row (self, sample_row (self, g_ptr_array_index (self->samples, i)));
  if (self->samples->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No DNA samples yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Record the relatives' samples and the found child's as they are collected."));
      gtk_widget_add_css_class (row, "dim-label");
      add_row (self, row);
    }
}

/* The watch's load: the samples of @case_id, or nothing. */
static void
load (gpointer      owner,
      HwSession    *session,
      gint64        case_id,
      GCancellable *cancellable)
{
  HwCaseDna *self = owner;

  if (session == NULL)
    {
      g_clear_pointer (&self->samples, g_ptr_array_unref);
      clear_rows (self);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  hw_dna_load_case_async (hw_session_get_db (session), case_id, cancellable, loaded_cb, g_object_ref (self));
}

static void
hw_case_dna_dispose (GObject *object)
{
  HwCaseDna *self = HW_CASE_DNA (object);

  g_clear_pointer (&self->watch, hw_case_watch_free);
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
  static const char * const tables[] = { "dna_sample", "dna_custody_event", "dna_str_allele", "dna_comparison",
                                         "found_child", NULL };

  self->watch = hw_case_watch_new (self, tables, REFRESH_DELAY_MS, load);
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("DNA Samples"));
  adw_preferences_group_set_description (self->group,
                                         _("Each sample's chain of custody, in the order it happened: collected, "
                                           "sealed, shipped, received, analysed."));
  {
    GtkWidget *buttons = self->buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *import = gtk_button_new_with_mnemonic (_("_Import Lab Results…"));
    GtkWidget *add = gtk_button_new ();
    GtkWidget *content = adw_button_content_new ();

    adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
    adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Add _Sample…"));
    adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
    gtk_button_set_child (GTK_BUTTON (add), content);
    gtk_widget_set_tooltip_text (import, _("A lab's CSV export of STR profiles, by lab reference"));
    gtk_widget_set_tooltip_text (add, _("Record a DNA sample of a relative or of the found child"));
    gtk_widget_add_css_class (import, "flat");
    gtk_widget_add_css_class (add, "flat");
    g_signal_connect_swapped (import, "clicked", G_CALLBACK (import_clicked_cb), self);
    g_signal_connect_swapped (add, "clicked", G_CALLBACK (add_sample_clicked_cb), self);
    gtk_box_append (GTK_BOX (buttons), import);
    gtk_box_append (GTK_BOX (buttons), add);
    gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
    gtk_widget_set_visible (buttons, FALSE);
    adw_preferences_group_set_header_suffix (self->group, buttons);
  }
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

  hw_case_watch_set_case (self->watch, session, case_id);
}

/* Offers recording samples, custody events and results only for a case of
 * the caller's unit (the database refuses the others anyway). */
void
hw_case_dna_set_editable (HwCaseDna *self,
                          gboolean   editable)
{
  g_return_if_fail (HW_IS_CASE_DNA (self));

  editable = !!editable;
  if (self->editable == editable)
    return;

  self->editable = editable;
  gtk_widget_set_visible (self->buttons, editable);
  /* The same samples, with or without their buttons: nothing to read again. */
  if (self->samples != NULL)
    show_samples (self);
}
