/* hw-case-conflict-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-case-conflict-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-case-conflict-dialog.h"

/* Someone else saved the case while the officer was editing it. For every
 * field where their saved value and the form's differ, the dialog shows
 * both side by side and lets the officer keep either. A field only they
 * changed starts on their value, a field the officer changed on the
 * officer's; nothing is chosen silently, and nothing typed is dropped
 * unless the officer picks the other value.
 *
 * ::resolved is emitted when the officer accepts; the page then takes
 * hw_case_conflict_dialog_get_merged() into the form and, when it was
 * saving, saves again against their version. Closing the dialog any other
 * way ("Keep Editing", Escape) leaves the form as it was. */

typedef struct
{
  HwCaseField     field;
  GtkCheckButton *theirs;
  GtkCheckButton *mine;
} Choice;

struct _HwCaseConflictDialog
{
  AdwWindow  parent_instance;

  /* Template widgets */
  GtkButton *apply_button;
  GtkBox    *fields_box;
  GtkLabel  *intro_label;

  HwCase    *mine;
  HwCase    *theirs;
  GArray    *choices;   /* Choice */
};

G_DEFINE_FINAL_TYPE (HwCaseConflictDialog, hw_case_conflict_dialog, ADW_TYPE_WINDOW)

enum {
  RESOLVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
value_text (const HwCase *kase,
            HwCaseField   field)
{
  g_autofree char *text = hw_case_field_format (kase, field);

  if (text[0] == '\0')
    return g_strdup (_("(empty)"));

  return g_steal_pointer (&text);
}

static GtkCheckButton *
add_choice_row (AdwPreferencesGroup *group,
                const char          *title,
                const char          *value,
                GtkCheckButton      *group_with)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "hw-property");
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (group_with != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group_with);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_preferences_group_add (group, row);

  return GTK_CHECK_BUTTON (check);
}

static void
add_field (HwCaseConflictDialog *self,
           HwCaseField           field,
           const HwCase         *base,
           const char           *their_title)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autofree char *theirs = value_text (self->theirs, field);
  g_autofree char *mine = value_text (self->mine, field);
  gboolean i_changed = !hw_case_field_equal (self->mine, base, field);
  gboolean they_changed = !hw_case_field_equal (self->theirs, base, field);
  Choice choice = { field, NULL, NULL };

  adw_preferences_group_set_title (group, hw_case_field_get_label (field));
  if (i_changed && they_changed)
    adw_preferences_group_set_description (group, _("You both changed this."));
  else if (they_changed)
    adw_preferences_group_set_description (group, _("Only they changed this."));
  else
    adw_preferences_group_set_description (group, _("Only you changed this."));

  choice.theirs = add_choice_row (group, their_title, theirs, NULL);
  choice.mine = add_choice_row (group, _("Your value"), mine, choice.theirs);

  /* Start on the value of whoever changed the field; on the officer's own
   * when both did. */
  gtk_check_button_set_active (i_changed ? choice.mine : choice.theirs, TRUE);

  gtk_box_append (self->fields_box, GTK_WIDGET (group));
  g_array_append_val (self->choices, choice);
}

static void
apply_clicked_cb (HwCaseConflictDialog *self,
                  GtkButton            *button)
{
  hw_case_conflict_dialog_resolve (self);
}

static void
hw_case_conflict_dialog_finalize (GObject *object)
{
  HwCaseConflictDialog *self = HW_CASE_CONFLICT_DIALOG (object);

  g_clear_pointer (&self->mine, hw_case_free);
  g_clear_pointer (&self->theirs, hw_case_free);
  g_clear_pointer (&self->choices, g_array_unref);

  G_OBJECT_CLASS (hw_case_conflict_dialog_parent_class)->finalize (object);
}

static void
hw_case_conflict_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HW_TYPE_CASE_CONFLICT_DIALOG);

  G_OBJECT_CLASS (hw_case_conflict_dialog_parent_class)->dispose (object);
}

static void
hw_case_conflict_dialog_class_init (HwCaseConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hw_case_conflict_dialog_dispose;
  object_class->finalize = hw_case_conflict_dialog_finalize;

  /**
   * HwCaseConflictDialog::resolved:
   *
   * The officer chose, field by field, which values to keep.
   */
  signals[RESOLVED] =
    g_signal_new ("resolved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/homeward/Homeward/hw-case-conflict-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HwCaseConflictDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, HwCaseConflictDialog, fields_box);
  gtk_widget_class_bind_template_child (widget_class, HwCaseConflictDialog, intro_label);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hw_case_conflict_dialog_init (HwCaseConflictDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->choices = g_array_new (FALSE, FALSE, sizeof (Choice));
}

/**
 * hw_case_conflict_dialog_new:
 * @parent: (nullable): the window of the case page
 * @base: the case as the form first read it
 * @mine: the case as in the form
 * @theirs: the case as someone else saved it
 * @their_name: (nullable): who saved it, when known
 * @saving: whether the officer was saving (the dialog then saves), or
 *   looking at the other officer's changes (the dialog then only takes
 *   them into the form)
 *
 * Lists the fields where @mine and @theirs differ.
 */
HwCaseConflictDialog *
hw_case_conflict_dialog_new (GtkWindow    *parent,
                             const HwCase *base,
                             const HwCase *mine,
                             const HwCase *theirs,
                             const char   *their_name,
                             gboolean      saving)
{
  HwCaseConflictDialog *self;
  g_autofree char *their_title = NULL;
  g_autofree char *intro = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (base != NULL && mine != NULL && theirs != NULL, NULL);

  self = g_object_new (HW_TYPE_CASE_CONFLICT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->mine = hw_case_copy (mine);
  self->theirs = hw_case_copy (theirs);

  if (their_name != NULL && their_name[0] != '\0')
    {
      /* TRANSLATORS: %s is the officer who saved the case first */
      their_title = g_strdup_printf (_("Saved by %s"), their_name);
      /* TRANSLATORS: %s is the officer who saved the case first */
      intro = g_strdup_printf (_("%s saved this case while you were editing it. For each field "
                                 "below, keep their value or yours."), their_name);
    }
  else
    {
      their_title = g_strdup (_("Saved by someone else"));
      intro = g_strdup (_("Someone else saved this case while you were editing it. For each "
                          "field below, keep their value or yours."));
    }
  gtk_label_set_text (self->intro_label, intro);

  gtk_button_set_label (self->apply_button, saving ? _("_Save") : _("_Use These Values"));

  for (guint i = 0; i < HW_CASE_N_FIELDS; i++)
    if (!hw_case_field_equal (mine, theirs, i))
      add_field (self, i, base, their_title);

  return self;
}

/* Returns: how many fields differ */
guint
hw_case_conflict_dialog_get_n_fields (HwCaseConflictDialog *self)
{
  g_return_val_if_fail (HW_IS_CASE_CONFLICT_DIALOG (self), 0);

  return self->choices->len;
}

/* Returns: whether @field is one of those that differ */
gboolean
hw_case_conflict_dialog_has_field (HwCaseConflictDialog *self,
                                   HwCaseField           field)
{
  g_return_val_if_fail (HW_IS_CASE_CONFLICT_DIALOG (self), FALSE);

  for (guint i = 0; i < self->choices->len; i++)
    if (g_array_index (self->choices, Choice, i).field == field)
      return TRUE;

  return FALSE;
}

/* Chooses their value or the officer's for @field, as a click would. */
void
hw_case_conflict_dialog_choose (HwCaseConflictDialog *self,
                                HwCaseField           field,
                                gboolean              theirs)
{
  g_return_if_fail (HW_IS_CASE_CONFLICT_DIALOG (self));

  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *choice = &g_array_index (self->choices, Choice, i);

      if (choice->field == field)
        gtk_check_button_set_active (theirs ? choice->theirs : choice->mine, TRUE);
    }
}

/**
 * hw_case_conflict_dialog_get_merged:
 *
 * Returns: (transfer full): the officer's case with the values chosen,
 *   field by field; the ids and versions are theirs
 */
HwCase *
hw_case_conflict_dialog_get_merged (HwCaseConflictDialog *self)
{
  HwCase *merged;

  g_return_val_if_fail (HW_IS_CASE_CONFLICT_DIALOG (self), NULL);

  merged = hw_case_copy (self->theirs);
  for (guint i = 0; i < HW_CASE_N_FIELDS; i++)
    hw_case_copy_field (merged, self->mine, i);

  for (guint i = 0; i < self->choices->len; i++)
    {
      const Choice *choice = &g_array_index (self->choices, Choice, i);

      if (gtk_check_button_get_active (choice->theirs))
        hw_case_copy_field (merged, self->theirs, choice->field);
    }

  return merged;
}

/* Accepts the choices, as the Save button does, and closes the dialog. */
void
hw_case_conflict_dialog_resolve (HwCaseConflictDialog *self)
{
  g_return_if_fail (HW_IS_CASE_CONFLICT_DIALOG (self));

  g_object_ref (self);
  g_signal_emit (self, signals[RESOLVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}
