/* hw-case-reunion.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-case-reunion"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-case.h"
#include "hw-case-reunion.h"
#include "hw-dna.h"
#include "hw-reunion.h"
#include "hw-case-watch.h"
#include "hw-ui-util.h"

/* The case page's path to reunion: showing photos to the family (a family
 * identification step of the case, with the relative's consent to a DNA
 * sample), and the reunion record — the day, the place, the officers and
 * the family present, notes and, for a child of 16 or more, the child's
 * own decision — proposed for a supervisor's sign-off.  The database keeps
 * the rules: another supervisor signs off (on the dashboard), a signed-off
 * reunion is frozen, and the case then becomes reunited. */

#define REFRESH_DELAY_MS 300

struct _HwCaseReunion
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *group;
  GtkWidget           *record_button;
  GPtrArray           *rows;
  HwReunionCase       *shown;      /* found children and reunions */

  HwCaseWatch         *watch;
  GtkWidget           *buttons;   /* the header's: identification, reunion */
  gboolean             editable;  /* the caller's unit's case */
};

G_DEFINE_FINAL_TYPE (HwCaseReunion, hw_case_reunion, ADW_TYPE_BIN)


static const char *
decision_label (const char *decision)
{
  if (g_strcmp0 (decision, "return") == 0)
    return C_("child decision", "Wants to return to the family");
  if (g_strcmp0 (decision, "not_return") == 0)
    return C_("child decision", "Does not want to return");
  return C_("child decision", "Not asked (under 16)");
}

/* A found child's sex, not known first: the form's choices. */
static const char * const sexes[] = { "unknown", "male", "female", NULL };

/* What came of showing photos to a relative. */
static const char * const outcomes[] = { "recognised", "not_recognised", "unsure", NULL };

static const char *
identification_outcome_label (const char *outcome)
{
  if (g_strcmp0 (outcome, "recognised") == 0)
    return C_("family identification", "Recognised the child");
  if (g_strcmp0 (outcome, "not_recognised") == 0)
    return C_("family identification", "Did not recognise the child");
  return C_("family identification", "Not sure");
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(HwCaseReunion) self = user_data;
  g_autoptr(GError) error = NULL;
  gpointer tag = g_task_get_source_tag (G_TASK (result));
  gboolean ok = tag == hw_reunion_add_identification_async ? hw_reunion_add_identification_finish (result, &error)
                : hw_reunion_add_found_child_finish (result, &error);

  if (!ok)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Nothing was recorded: %s"), error->message);
      hw_show_toast (GTK_WIDGET (self), message);
      hw_case_watch_reload (self->watch);
      return;
    }

  hw_show_toast (GTK_WIDGET (self), tag == hw_reunion_add_identification_async
                 ? _("Family identification recorded")
                 : _("Found child recorded"));
  hw_case_watch_reload (self->watch);
}

/* Family identification */

static void
identification_done (GtkWidget *owner,
                     GtkWidget *content)
{
  HwCaseReunion *self = HW_CASE_REUNION (owner);
  GPtrArray *relatives = g_object_get_data (G_OBJECT (content), "hw-relatives");
  GtkDropDown *relative = g_object_get_data (G_OBJECT (content), "hw-relative");
  GtkDropDown *outcome = g_object_get_data (G_OBJECT (content), "hw-outcome");
  GtkEditable *shown = g_object_get_data (G_OBJECT (content), "hw-shown");
  GtkWidget *notes = g_object_get_data (G_OBJECT (content), "hw-notes");
  GtkCheckButton *consent = g_object_get_data (G_OBJECT (content), "hw-consent");
  HwDnaDonor *donor = g_ptr_array_index (relatives, gtk_drop_down_get_selected (relative));
  g_autofree char *notes_text = hw_form_text_view_get_text (notes);
  g_autofree char *text = NULL;

  if (hw_case_watch_get_db (self->watch) == NULL)
    return;

  /* Translators: the notes of a family identification step: who was shown
   * what, then the officer's notes */
  text = g_strdup_printf (_("Shown to %s %s: %s\n%s"), hw_case_relationship_to_label (donor->relationship),
                          donor->name, gtk_editable_get_text (shown), notes_text);
  hw_reunion_add_identification_async (hw_case_watch_get_db (self->watch), hw_case_watch_get_case_id (self->watch),
                                       donor->id,
                                       identification_outcome_label (outcomes[gtk_drop_down_get_selected (outcome)]),
                                       g_strstrip (text), gtk_check_button_get_active (consent),
                                       NULL, written_cb, g_object_ref (self));
}

static void
relatives_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(HwCaseReunion) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) donors = hw_dna_load_donors_finish (result, &error);
  g_autoptr(GPtrArray) relatives = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *box, *shown, *consent;

  if (donors == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Could not read the case's family: %s"), error->message);
      hw_show_toast (GTK_WIDGET (self), message);
      return;
    }

  relatives = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_dna_donor_free);
  for (guint i = 0; i < donors->len; i++)
    {
      HwDnaDonor *donor = g_ptr_array_index (donors, i);
      g_autofree char *label = NULL;

      if (donor->found_child)
        continue;
      label = g_strdup_printf ("%s %s", hw_case_relationship_to_label (donor->relationship), donor->name);
      gtk_string_list_append (labels, label);
      g_ptr_array_add (relatives, g_steal_pointer (&donors->pdata[i]));
    }
  if (relatives->len == 0)
    {
      hw_show_toast (GTK_WIDGET (self), _("Record the child's relatives first."));
      return;
    }

  box = hw_form_box ();
  g_object_set_data (G_OBJECT (box), "hw-relative",
                     hw_form_field (box, _("_Relative"),
                                    gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL)));
  shown = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (shown), _("Like the found child's photos of 2026-11-02"));
  g_object_set_data (G_OBJECT (box), "hw-shown", hw_form_field (box, _("_What was shown"), shown));
  g_object_set_data (G_OBJECT (box), "hw-outcome",
                     hw_form_field (box, _("_Outcome"), hw_form_dropdown (outcomes, identification_outcome_label)));
  g_object_set_data (G_OBJECT (box), "hw-notes", hw_form_field (box, _("_Notes"), hw_form_text_view ()));
  consent = gtk_check_button_new_with_mnemonic (_("The relative _consents to giving a DNA sample"));
  gtk_box_append (GTK_BOX (box), consent);
  g_object_set_data (G_OBJECT (box), "hw-consent", consent);
  g_object_set_data_full (G_OBJECT (box), "hw-relatives", g_steal_pointer (&relatives),
                          (GDestroyNotify) g_ptr_array_unref);

  hw_form_run (GTK_WIDGET (self), _("Family Identification"),
               _("Photos shown to a relative and what came of it, recorded in the case's timeline."),
               _("_Record"), box, shown, identification_done);
}

static void
identification_clicked_cb (HwCaseReunion *self)
{
  if (hw_case_watch_get_db (self->watch) == NULL || hw_case_watch_get_case_id (self->watch) <= 0)
    return;

  hw_dna_load_donors_async (hw_case_watch_get_db (self->watch), hw_case_watch_get_case_id (self->watch),
                            NULL, relatives_loaded_cb, g_object_ref (self));
}

/* The reunion form */

typedef struct
{
  HwCaseReunion    *self;
  HwReunion        *reunion;    /* being edited; id 0 when new */
  HwReunionChoices *choices;
  GPtrArray        *checks;     /* GtkCheckButton per officer */
  GtkEditable      *day;
  GtkEditable      *place;
  GtkEditable      *family;
  GtkDropDown      *decision;
  GtkWidget        *notes;
  GtkLabel         *hint;
  GtkLabel         *problem;
  GtkWidget        *dialog;
} ReunionForm;

static void
reunion_form_free (ReunionForm *form)
{
  g_object_unref (form->self);
  hw_reunion_free (form->reunion);
  hw_reunion_choices_free (form->choices);
  g_ptr_array_unref (form->checks);
  g_free (form);
}

/* The child's age in whole years on @day, or -1 when not known. */
static int
age_on (GDate *birth,
        GDate *day)
{
  int years;

  if (birth == NULL || day == NULL)
    return -1;
  years = g_date_get_year (day) - g_date_get_year (birth);
  if (g_date_get_month (day) < g_date_get_month (birth) ||
      (g_date_get_month (day) == g_date_get_month (birth) && g_date_get_day (day) < g_date_get_day (birth)))
    years--;
  return years;
}

/* Checks the form; returns the day as "YYYY-MM-DD" when it can be saved. */
static char *
reunion_form_check (ReunionForm *form)
{
  g_autoptr(GDateTime) time = NULL;
  const char *precision = NULL;
  const char *text = gtk_editable_get_text (form->day);
  const char *problem = NULL;
  g_autofree char *hint = NULL;
  char *day = NULL;

  if (text[0] == '\0')
    problem = _("Write the day of the reunion, like 2026-03-01.");
  else if (!hw_case_parse_date (text, FALSE, &time, &precision) || time == NULL ||
           g_strcmp0 (precision, "day") != 0)
    problem = _("Write the day of the reunion as year, month and day, like 2026-03-01.");
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      GDate date;
      int age;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, g_date_time_get_day_of_month (time), g_date_time_get_month (time),
                      g_date_time_get_year (time));
      age = age_on (form->choices->birth_date, &date);
      if (age >= 16)
        /* Translators: the reunion form, when the child is 16 or more */
        hint = g_strdup_printf (_("The child is %d on that day: their own decision is needed before sign-off."), age);
      if (g_date_time_compare (time, now) > 0)
        problem = _("The reunion cannot be in the future.");
      else if (age >= 16 && gtk_drop_down_get_selected (form->decision) == 0)
        problem = _("Record the child's own decision: they are 16 or older.");
      else
        day = g_date_time_format (time, "%Y-%m-%d");
    }

  gtk_label_set_text (form->hint, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (form->hint), hint != NULL);
  gtk_label_set_text (form->problem, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (form->problem), problem != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (form->dialog), "record", day != NULL);

  return day;
}

static void
reunion_form_changed_cb (ReunionForm *form)
{
  g_free (reunion_form_check (form));
}

static void open_form (HwCaseReunion *self,
                       HwReunion     *reunion);

typedef struct
{
  HwCaseReunion *self;
  HwReunion     *reunion;   /* as the form had it */
} Saving;

/* Saved; when refused for a reason other than someone else's change, the
 * form comes back with everything typed. */
static void
reunion_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Saving *saving = user_data;
  g_autoptr(HwCaseReunion) self = saving->self;
  g_autoptr(GError) error = NULL;

  if (hw_reunion_save_finish (result, &error))
    hw_show_toast (GTK_WIDGET (self), _("Reunion recorded; a supervisor other than the proposer signs it off"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("Nothing was recorded: %s"), error->message);

      hw_show_toast (GTK_WIDGET (self), message);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        open_form (self, saving->reunion);
    }
  hw_reunion_free (saving->reunion);
  g_free (saving);
  hw_case_watch_reload (self->watch);
}

static void
reunion_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     ReunionForm      *form)
{
  HwReunion *reunion = form->reunion;
  Saving *saving;
  char *day;

  if (!g_str_equal (response, "record") || hw_case_watch_get_db (form->self->watch) == NULL ||
      !(day = reunion_form_check (form)))
    return;

  g_free (reunion->reunited_on);
  reunion->reunited_on = day;
  g_free (reunion->place);
  reunion->place = g_strdup (gtk_editable_get_text (form->place));
  g_free (reunion->family_present);
  reunion->family_present = g_strdup (gtk_editable_get_text (form->family));
  g_free (reunion->notes);
  reunion->notes = hw_form_text_view_get_text (form->notes);
  g_free (reunion->child_decision);
  reunion->child_decision = g_strdup (hw_reunion_get_child_decisions ()[gtk_drop_down_get_selected (form->decision)]);
  g_array_set_size (reunion->officer_ids, 0);
  for (guint i = 0; i < form->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (form->checks, i)))
      {
        HwReunionOfficer *officer = g_ptr_array_index (form->choices->officers, i);
        g_array_append_val (reunion->officer_ids, officer->id);
      }

  saving = g_new0 (Saving, 1);
  saving->self = g_object_ref (form->self);
  saving->reunion = g_steal_pointer (&form->reunion);
  hw_reunion_save_async (hw_case_watch_get_db (form->self->watch), hw_case_watch_get_case_id (form->self->watch),
                         saving->reunion, NULL, reunion_saved_cb, saving);
}

static GtkWidget *
form_entry (GtkWidget   *box,
            const char  *label,
            const char  *placeholder,
            const char  *text)
{
  GtkWidget *entry = gtk_entry_new ();

  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
  return hw_form_field (box, label, entry);
}

static void
show_reunion_form (HwCaseReunion    *self,
                   HwReunion        *reunion,
                   HwReunionChoices *choices)
{
  ReunionForm *form = g_new0 (ReunionForm, 1);
  GtkWidget *box = hw_form_box ();
  GtkWidget *officers = gtk_list_box_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *label;
  const char * const *decisions = hw_reunion_get_child_decisions ();

  form->self = g_object_ref (self);
  form->reunion = reunion;
  form->choices = choices;
  form->checks = g_ptr_array_new ();

  form->day = GTK_EDITABLE (form_entry (box, _("_Day"), _("Like 2026-03-01"), reunion->reunited_on));
  form->place = GTK_EDITABLE (form_entry (box, _("_Place"), NULL, reunion->place));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (officers), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (officers, "boxed-list");
  for (guint i = 0; i < choices->officers->len; i++)
    {
      HwReunionOfficer *officer = g_ptr_array_index (choices->officers, i);
      GtkWidget *check = gtk_check_button_new_with_label (officer->name);

      for (guint k = 0; k < reunion->officer_ids->len; k++)
        if (g_array_index (reunion->officer_ids, gint64, k) == officer->id)
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_margin_start (check, 6);
      gtk_list_box_append (GTK_LIST_BOX (officers), check);
      g_ptr_array_add (form->checks, check);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), officers);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 150);
  label = gtk_label_new (_("Officers present"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), scroller);

  form->family = GTK_EDITABLE (form_entry (box, _("_Family present"), _("Who of the family came"),
                                           reunion->family_present));
  form->decision = GTK_DROP_DOWN (hw_form_field (box, _("The child's own _decision"),
                                                 hw_form_dropdown (decisions, decision_label)));
  for (guint i = 0; decisions[i] != NULL; i++)
    if (g_strcmp0 (decisions[i], reunion->child_decision) == 0)
      gtk_drop_down_set_selected (form->decision, i);
  form->hint = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (form->hint, TRUE);
  gtk_label_set_xalign (form->hint, 0);
  gtk_widget_add_css_class (GTK_WIDGET (form->hint), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->hint));
  form->notes = hw_form_field (box, _("_Notes"), hw_form_text_view ());
  if (reunion->notes != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (hw_form_text_view_get_view (form->notes))),
                              reunion->notes, -1);
  form->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (form->problem, TRUE);
  gtk_label_set_xalign (form->problem, 0);
  gtk_widget_add_css_class (GTK_WIDGET (form->problem), "error");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->problem));

  form->dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         reunion->id == 0 ? _("Record the Reunion") : _("Change the Reunion"),
                                         _("A supervisor other than the officer who proposes it signs it off; "
                                           "the case then becomes reunited."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (form->dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (form->dialog), "cancel", _("_Cancel"), "record",
                                    reunion->id == 0 ? _("_Propose for Sign-Off") : _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (form->dialog), "record", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (form->dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (form->dialog), "cancel");
  g_signal_connect_swapped (form->day, "changed", G_CALLBACK (reunion_form_changed_cb), form);
  g_signal_connect_swapped (form->decision, "notify::selected", G_CALLBACK (reunion_form_changed_cb), form);
  reunion_form_changed_cb (form);
  g_signal_connect_data (form->dialog, "response", G_CALLBACK (reunion_response_cb), form,
                         (GClosureNotify) reunion_form_free, 0);
  gtk_window_present (GTK_WINDOW (form->dialog));
  gtk_widget_grab_focus (GTK_WIDGET (form->day));
}

typedef struct
{
  HwCaseReunion *self;
  HwReunion     *reunion;
} OpenData;

static void
choices_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  OpenData *data = user_data;
  g_autoptr(HwCaseReunion) self = data->self;
  g_autoptr(GError) error = NULL;
  HwReunionChoices *choices = hw_reunion_load_choices_finish (result, &error);
  HwReunion *reunion = data->reunion;

  g_free (data);
  if (choices == NULL)
    {
      hw_reunion_free (reunion);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("Could not read the unit's officers: %s"), error->message);
          hw_show_toast (GTK_WIDGET (self), message);
        }
      return;
    }

  show_reunion_form (self, reunion, choices);
}

/* Opens the form for @reunion (NULL: a new one), after reading the unit's
 * officers and the child's birth date. */
static void
open_form (HwCaseReunion *self,
           HwReunion     *reunion)
{
  OpenData *data;
  HwReunion *copy = g_new0 (HwReunion, 1);

  if (hw_case_watch_get_db (self->watch) == NULL || hw_case_watch_get_case_id (self->watch) <= 0)
    return;

  copy->officer_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  copy->child_decision = g_strdup ("not_applicable");
  if (reunion != NULL)
    {
      copy->id = reunion->id;
      copy->version = reunion->version;
      copy->reunited_on = g_strdup (reunion->reunited_on);
      copy->place = g_strdup (reunion->place);
      copy->family_present = g_strdup (reunion->family_present);
      copy->notes = g_strdup (reunion->notes);
      g_free (copy->child_decision);
      copy->child_decision = g_strdup (reunion->child_decision != NULL ? reunion->child_decision : "not_applicable");
      g_array_append_vals (copy->officer_ids, reunion->officer_ids->data, reunion->officer_ids->len);
    }

  data = g_new0 (OpenData, 1);
  data->self = g_object_ref (self);
  data->reunion = copy;
  /* Not cancelled by a reload of the part: the form was asked for. */
  hw_reunion_load_choices_async (hw_case_watch_get_db (self->watch), hw_case_watch_get_case_id (self->watch), NULL,
                                 choices_loaded_cb, data);
}

static void
record_clicked_cb (HwCaseReunion *self)
{
  open_form (self, NULL);
}

static void
edit_clicked_cb (GtkButton     *button,
                 HwCaseReunion *self)
{
  open_form (self, g_object_get_data (G_OBJECT (button), "hw-reunion"));
}

/* The found child */

static void
found_done (GtkWidget *owner,
            GtkWidget *content)
{
  HwCaseReunion *self = HW_CASE_REUNION (owner);
  GtkDropDown *sex = g_object_get_data (G_OBJECT (content), "hw-sex");
  const char *when = gtk_editable_get_text (g_object_get_data (G_OBJECT (content), "hw-when"));
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *found_at = NULL;
  const char *precision = NULL;

  if (hw_case_watch_get_db (self->watch) == NULL)
    return;
  if (when[0] != '\0')
    {
      if (!hw_case_parse_date (when, TRUE, &time, &precision) || time == NULL)
        {
          hw_show_toast (owner, _("Write when the child was found like 2026-03-01 14:30; nothing was recorded."));
          return;
        }
      found_at = g_date_time_format_iso8601 (time);
    }

  hw_reunion_add_found_child_async (hw_case_watch_get_db (self->watch), hw_case_watch_get_case_id (self->watch),
                                    gtk_editable_get_text (g_object_get_data (G_OBJECT (content), "hw-family-name")),
                                    gtk_editable_get_text (g_object_get_data (G_OBJECT (content), "hw-given-name")),
                                    sexes[gtk_drop_down_get_selected (sex)], found_at,
                                    gtk_editable_get_text (g_object_get_data (G_OBJECT (content), "hw-place")),
                                    gtk_editable_get_text (g_object_get_data (G_OBJECT (content), "hw-care")),
                                    gtk_editable_get_text (g_object_get_data (G_OBJECT (content), "hw-contact")),
                                    NULL, written_cb, g_object_ref (self));
}

static void
found_clicked_cb (HwCaseReunion *self)
{
  GtkWidget *box = hw_form_box ();
  GtkWidget *place;

  g_object_set_data (G_OBJECT (box), "hw-family-name", form_entry (box, _("_Family name"), _("If known"), NULL));
  g_object_set_data (G_OBJECT (box), "hw-given-name", form_entry (box, _("_Given name"), _("If known"), NULL));
  g_object_set_data (G_OBJECT (box), "hw-sex",
                     hw_form_field (box, _("_Sex"), hw_form_dropdown (sexes, hw_case_sex_to_label)));
  g_object_set_data (G_OBJECT (box), "hw-when",
                     form_entry (box, _("Found _when"), _("Like 2026-03-01 14:30 (empty: not known)"), NULL));
  place = form_entry (box, _("Found _where"), _("Like 深圳市罗湖区救助站"), NULL);
  g_object_set_data (G_OBJECT (box), "hw-place", place);
  g_object_set_data (G_OBJECT (box), "hw-care", form_entry (box, _("In the _care of"), _("A shelter, a family"), NULL));
  g_object_set_data (G_OBJECT (box), "hw-contact", form_entry (box, _("Care _contact"), NULL, NULL));

  hw_form_run (GTK_WIDGET (self), _("Record the Found Child"),
               _("A child found and matched to this case; their DNA samples and the reunion follow."),
               _("_Record"), box, place, found_done);
}

static GtkWidget *
found_row (HwFoundChild *child)
{
  GtkWidget *row = adw_action_row_new ();
  GString *subtitle = g_string_new (NULL);
  g_autofree char *title = NULL;

  /* Translators: a child found and matched to the case; the name may not be known */
  title = g_strdup_printf (_("Found child %s"), child->name != NULL ? child->name : _("(name not known)"));
  if (child->found_at != G_MININT64)
    {
      g_autofree char *when = hw_format_unix_time (child->found_at);
      g_string_append (subtitle, when);
    }
  if (child->place != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", child->place);
  if (child->care_institution != NULL)
    {
      if (subtitle->len > 0)
        g_string_append_c (subtitle, '\n');
      /* Translators: who looks after a found child, and how to reach them */
      g_string_append_printf (subtitle, _("In the care of %s"), child->care_institution);
      if (child->care_contact != NULL)
        g_string_append_printf (subtitle, " · %s", child->care_contact);
    }
  if (subtitle->len > 0)
    g_string_append_c (subtitle, '\n');
  g_string_append_printf (subtitle, _("Recorded by %s"), child->unit_name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  g_string_free (subtitle, TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), hw_pill_new (hw_case_sex_to_label (child->sex), NULL));

  return row;
}

/* Showing */

static GtkWidget *
reunion_row (HwCaseReunion *self,
             HwReunion     *reunion)
{
  GtkWidget *row = adw_action_row_new ();
  GString *subtitle = g_string_new (NULL);
  g_autofree char *title = NULL;

  if (reunion->place != NULL)
    /* Translators: a reunion: its day and place */
    title = g_strdup_printf (_("Reunited on %s in %s"), reunion->reunited_on != NULL ? reunion->reunited_on : "?",
                             reunion->place);
  else
    title = g_strdup_printf (_("Reunited on %s"), reunion->reunited_on != NULL ? reunion->reunited_on : "?");

  if (reunion->officer_names[0] != NULL)
    {
      g_autofree char *names = g_strjoinv (_(", "), reunion->officer_names);
      g_string_append_printf (subtitle, _("Officers present: %s"), names);
    }
  if (reunion->family_present != NULL)
    {
      if (subtitle->len > 0)
        g_string_append_c (subtitle, '\n');
      g_string_append_printf (subtitle, _("Family present: %s"), reunion->family_present);
    }
  if (reunion->child_age >= 16 || g_strcmp0 (reunion->child_decision, "not_applicable") != 0)
    {
      if (subtitle->len > 0)
        g_string_append_c (subtitle, '\n');
      if (reunion->child_age >= 0)
        /* Translators: the child's own decision at a reunion, and their age */
        g_string_append_printf (subtitle, _("The child, %d: %s"), reunion->child_age,
                                decision_label (reunion->child_decision));
      else
        g_string_append_printf (subtitle, _("The child: %s"), decision_label (reunion->child_decision));
    }
  if (reunion->notes != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? "\n" : "", reunion->notes);
  if (subtitle->len > 0)
    g_string_append_c (subtitle, '\n');
  if (reunion->signed_off_by_name != NULL)
    {
      g_autofree char *when = hw_format_unix_time (reunion->signed_off_at);
      /* Translators: who proposed a reunion, who signed it off and when */
      g_string_append_printf (subtitle, _("Proposed by %s · signed off by %s, %s"), reunion->proposed_by_name,
                              reunion->signed_off_by_name, when);
    }
  else
    g_string_append_printf (subtitle, _("Proposed by %s · a supervisor other than the proposer signs it off"),
                            reunion->proposed_by_name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  g_string_free (subtitle, TRUE);

  if (reunion->signed_off_by_name != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), hw_pill_new (_("Signed off"), "status-reunited"));
  else
    {
      GtkWidget *edit = gtk_button_new_with_mnemonic (_("_Change…"));

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), hw_pill_new (_("Awaiting sign-off"), "priority-high"));
      gtk_widget_set_visible (edit, self->editable);
      gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (edit), "hw-reunion", reunion);
      g_signal_connect (edit, "clicked", G_CALLBACK (edit_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
    }

  return row;
}

static void show (HwCaseReunion *self);

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HwCaseReunion) self = user_data;
  g_autoptr(GError) error = NULL;
  HwReunionCase *shown = hw_reunion_load_case_finish (result, &error);

  if (shown == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GtkWidget *row = adw_action_row_new ();

          hw_group_rows_clear (self->rows);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Could not read the reunion"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
          hw_group_rows_add (self->rows, self->group, row);
        }
      return;
    }

  g_clear_pointer (&self->shown, hw_reunion_case_free);
  self->shown = shown;
  show (self);
}

/* The rows of the found children and reunions read last. */
static void
show (HwCaseReunion *self)
{
  HwReunionCase *shown = self->shown;

  hw_group_rows_clear (self->rows);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);

  for (guint i = 0; i < shown->found->len; i++)
    hw_group_rows_add (self->rows, self->group, found_row (g_ptr_array_index (shown->found, i)));
  if (shown->found->len == 0 && self->editable)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Record the _Found Child…"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No found child recorded"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("When a child who may be this one is found, record them here."));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (found_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      hw_group_rows_add (self->rows, self->group, row);
    }

  /* One reunion at a time: a new one only when none is recorded. */
  gtk_widget_set_visible (self->record_button, shown->reunions->len == 0);
  for (guint i = 0; i < shown->reunions->len; i++)
    hw_group_rows_add (self->rows, self->group, reunion_row (self, g_ptr_array_index (shown->reunions, i)));
  if (shown->reunions->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No reunion recorded"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("When the family has identified the child and DNA confirms it, record the "
                                     "reunion for a supervisor's sign-off."));
      gtk_widget_add_css_class (row, "dim-label");
      hw_group_rows_add (self->rows, self->group, row);
    }
}

/* The watch's load: the found children and reunions of @case_id, or nothing. */
static void
load (gpointer      owner,
      HwSession    *session,
      gint64        case_id,
      GCancellable *cancellable)
{
  HwCaseReunion *self = owner;

  if (session == NULL)
    {
      g_clear_pointer (&self->shown, hw_reunion_case_free);
      hw_group_rows_clear (self->rows);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  hw_reunion_load_case_async (hw_session_get_db (session), case_id, cancellable, loaded_cb, g_object_ref (self));
}

static void
hw_case_reunion_dispose (GObject *object)
{
  HwCaseReunion *self = HW_CASE_REUNION (object);

  g_clear_pointer (&self->watch, hw_case_watch_free);
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);

  G_OBJECT_CLASS (hw_case_reunion_parent_class)->dispose (object);
}

static void
hw_case_reunion_finalize (GObject *object)
{
  HwCaseReunion *self = HW_CASE_REUNION (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->shown, hw_reunion_case_free);

  G_OBJECT_CLASS (hw_case_reunion_parent_class)->finalize (object);
}

static void
hw_case_reunion_class_init (HwCaseReunionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hw_case_reunion_dispose;
  object_class->finalize = hw_case_reunion_finalize;
}

static void
hw_case_reunion_init (HwCaseReunion *self)
{
  static const char * const tables[] = { "reunion", "found_child", NULL };
  GtkWidget *buttons = self->buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *identify = gtk_button_new_with_mnemonic (_("Family _Identification…"));
  GtkWidget *content = adw_button_content_new ();

  self->watch = hw_case_watch_new (self, tables, REFRESH_DELAY_MS, load);
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Reunion"));
  adw_preferences_group_set_description (self->group,
                                         _("The child found, photos shown to the family, and the reunion a "
                                           "supervisor signs off."));

  self->record_button = gtk_button_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Record _Reunion…"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (self->record_button), content);
  gtk_widget_set_tooltip_text (identify, _("Record that photos were shown to a relative, and what came of it"));
  gtk_widget_set_tooltip_text (self->record_button, _("Record the reunion for a supervisor's sign-off"));
  gtk_widget_add_css_class (identify, "flat");
  gtk_widget_add_css_class (self->record_button, "flat");
  g_signal_connect_swapped (identify, "clicked", G_CALLBACK (identification_clicked_cb), self);
  g_signal_connect_swapped (self->record_button, "clicked", G_CALLBACK (record_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), identify);
  gtk_box_append (GTK_BOX (buttons), self->record_button);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (buttons, FALSE);
  adw_preferences_group_set_header_suffix (self->group, buttons);

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* Shows the reunion of @case_id (0: none) as @session may read it. */
void
hw_case_reunion_set_case (HwCaseReunion *self,
                          HwSession     *session,
                          gint64         case_id)
{
  g_return_if_fail (HW_IS_CASE_REUNION (self));

  hw_case_watch_set_case (self->watch, session, case_id);
}

/* Offers recording only for a case of the caller's unit (the database
 * refuses the others anyway). */
void
hw_case_reunion_set_editable (HwCaseReunion *self,
                              gboolean       editable)
{
  g_return_if_fail (HW_IS_CASE_REUNION (self));

  editable = !!editable;
  if (self->editable == editable)
    return;

  self->editable = editable;
  gtk_widget_set_visible (self->buttons, editable);
  /* The same rows, with or without their buttons: nothing to read again. */
  if (self->shown != NULL)
    show (self);
}
