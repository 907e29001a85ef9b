/* hw-case-family-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-case-family-dialog"

#include "config.h"

#include <stddef.h>

#include <glib/gi18n.h>

#include "hw-case-family-dialog.h"
#include "hw-db.h"

/* A relative of the child: add one to the case's family, edit one, or
 * remove one recorded by mistake. The names in Chinese characters and in
 * pinyin, the relationship, phone and address, whether a DNA sample was
 * given, and the consents; checked as typed.
 *
 * The dialog saves through HwCaseStore itself, against the versions the
 * relative was read with, and closes when the write went through (::saved,
 * ::removed). When someone else saved the relative first, it stays open
 * with what was typed: the fields only they changed take their values, the
 * fields the officer changed keep the officer's, and a group at the top
 * names who changed what, with their values to take field by field. Saving
 * again saves against their version. */

typedef enum
{
  FIELD_TEXT,
  FIELD_RELATIONSHIP,
  FIELD_BOOL,
} FieldKind;

typedef struct
{
  FieldKind   kind;
  gsize       offset;     /* of the char * or gboolean in HwFamilyMember */
  const char *label;
} Field;

static const Field fields[] = {
  { FIELD_TEXT, G_STRUCT_OFFSET (HwFamilyMember, family_name), N_("Family Name") },
  { FIELD_TEXT, G_STRUCT_OFFSET (HwFamilyMember, given_name), N_("Given Name") },
  { FIELD_TEXT, G_STRUCT_OFFSET (HwFamilyMember, family_name_latin), N_("Family Name in Pinyin") },
  { FIELD_TEXT, G_STRUCT_OFFSET (HwFamilyMember, given_name_latin), N_("Given Name in Pinyin") },
  { FIELD_RELATIONSHIP, G_STRUCT_OFFSET (HwFamilyMember, relationship), N_("Relationship to the Child") },
  { FIELD_TEXT, G_STRUCT_OFFSET (HwFamilyMember, phone), N_("Phone") },
  { FIELD_TEXT, G_STRUCT_OFFSET (HwFamilyMember, address), N_("Address") },
  { FIELD_BOOL, G_STRUCT_OFFSET (HwFamilyMember, dna_given), N_("DNA Sample Given") },
  { FIELD_BOOL, G_STRUCT_OFFSET (HwFamilyMember, consent_contact), N_("Consents to Contact") },
  { FIELD_BOOL, G_STRUCT_OFFSET (HwFamilyMember, consent_dna), N_("Consents to DNA Comparison") },
  { FIELD_BOOL, G_STRUCT_OFFSET (HwFamilyMember, consent_publish), N_("Consents to Publication") },
};

struct _HwCaseFamilyDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkSpinner          *spinner;
  AdwPreferencesGroup *conflict_group;
  GtkLabel            *problem_label;
  GtkLabel            *check_label;
  AdwEntryRow         *family_name_row;
  AdwEntryRow         *given_name_row;
  AdwEntryRow         *family_name_latin_row;
  AdwEntryRow         *given_name_latin_row;
  AdwComboRow         *relationship_row;
  AdwEntryRow         *phone_row;
  AdwEntryRow         *address_row;
  GtkSwitch           *dna_switch;
  GtkSwitch           *contact_switch;
  GtkSwitch           *dna_consent_switch;
  GtkSwitch           *publish_switch;
  GtkWidget           *remove_box;
  GtkWidget           *remove_button;
  GtkWidget           *remove_label;

  HwCaseStore         *store;
  gint64               case_id;
  HwFamilyMember      *base;          /* as read (or saved by someone else since) */
  GCancellable        *cancellable;
  GPtrArray           *conflict_rows;
  gboolean             busy;
  gboolean             filling;
  gboolean             valid;
};

G_DEFINE_FINAL_TYPE (HwCaseFamilyDialog, hw_case_family_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  REMOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Fields */

static char **
text_of (HwFamilyMember *member,
         const Field    *field)
{
  return G_STRUCT_MEMBER_P (member, field->offset);
}

static gboolean *
bool_of (HwFamilyMember *member,
         const Field    *field)
{
  return G_STRUCT_MEMBER_P (member, field->offset);
}

static gboolean
field_equal (const HwFamilyMember *a,
             const HwFamilyMember *b,
             const Field          *field)
{
  if (field->kind == FIELD_BOOL)
    return *bool_of ((HwFamilyMember *) a, field) == *bool_of ((HwFamilyMember *) b, field);

  return g_str_equal (*text_of ((HwFamilyMember *) a, field), *text_of ((HwFamilyMember *) b, field));
}

static void
copy_field (HwFamilyMember       *to,
            const HwFamilyMember *from,
            const Field          *field)
{
  if (field->kind == FIELD_BOOL)
    *bool_of (to, field) = *bool_of ((HwFamilyMember *) from, field);
  else
    hw_family_member_set_text (text_of (to, field), *text_of ((HwFamilyMember *) from, field));
}

static char *
field_text (const HwFamilyMember *member,
            const Field          *field)
{
  const char *text;

  if (field->kind == FIELD_BOOL)
    return g_strdup (*bool_of ((HwFamilyMember *) member, field) ? _("Yes") : _("No"));

  text = *text_of ((HwFamilyMember *) member, field);
  if (field->kind == FIELD_RELATIONSHIP)
    text = hw_case_relationship_to_label (text);

  return g_strdup (text[0] != '\0' ? text : _("(empty)"));
}

/* The form */

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static HwFamilyMember *
read_form (HwCaseFamilyDialog *self)
{
  HwFamilyMember *member = hw_family_member_copy (self->base);
  const char * const *relationships = hw_case_get_relationships ();
  guint selected = adw_combo_row_get_selected (self->relationship_row);
  g_autofree char *family_name = entry_text (self->family_name_row);
  g_autofree char *given_name = entry_text (self->given_name_row);
  g_autofree char *family_name_latin = entry_text (self->family_name_latin_row);
  g_autofree char *given_name_latin = entry_text (self->given_name_latin_row);
  g_autofree char *phone = entry_text (self->phone_row);
  g_autofree char *address = entry_text (self->address_row);

  hw_family_member_set_text (&member->family_name, family_name);
  hw_family_member_set_text (&member->given_name, given_name);
  hw_family_member_set_text (&member->family_name_latin, family_name_latin);
  hw_family_member_set_text (&member->given_name_latin, given_name_latin);
  /* Row 0 is "Choose…": no relationship. */
  hw_family_member_set_text (&member->relationship,
                             selected >= 1 && selected <= g_strv_length ((char **) relationships)
                             ? relationships[selected - 1] : "");
  /* Contact details the officer may not see stay as they are (empty here). */
  if (member->contact_visible)
    {
      hw_family_member_set_text (&member->phone, phone);
      hw_family_member_set_text (&member->address, address);
    }
  member->dna_given = gtk_switch_get_active (self->dna_switch);
  member->consent_contact = gtk_switch_get_active (self->contact_switch);
  member->consent_dna = gtk_switch_get_active (self->dna_consent_switch);
  member->consent_publish = gtk_switch_get_active (self->publish_switch);

  return member;
}

static void
fill_form (HwCaseFamilyDialog   *self,
           const HwFamilyMember *member)
{
  const char * const *relationships = hw_case_get_relationships ();
  guint selected = 0;

  for (guint i = 0; relationships[i] != NULL; i++)
    if (g_str_equal (relationships[i], member->relationship))
      selected = i + 1;

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->family_name_row), member->family_name);
  gtk_editable_set_text (GTK_EDITABLE (self->given_name_row), member->given_name);
  gtk_editable_set_text (GTK_EDITABLE (self->family_name_latin_row), member->family_name_latin);
  gtk_editable_set_text (GTK_EDITABLE (self->given_name_latin_row), member->given_name_latin);
  adw_combo_row_set_selected (self->relationship_row, selected);
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), member->phone);
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), member->address);
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *row = GTK_WIDGET (i == 0 ? self->phone_row : self->address_row);

      gtk_widget_set_sensitive (row, member->contact_visible);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     member->contact_visible ? (i == 0 ? _("Phone") : _("Address"))
                                     : (i == 0 ? _("Phone (restricted)") : _("Address (restricted)")));
      gtk_widget_set_tooltip_text (row, member->contact_visible ? NULL
                                   : member->has_contact
                                   ? _("Restricted: the relative’s phone number and address are for the "
                                       "officer assigned to the case and the unit’s supervisors")
                                   : _("Only the officer assigned to the case and the unit’s supervisors "
                                       "record the relative’s phone number and address"));
    }
  gtk_switch_set_active (self->dna_switch, member->dna_given);
  gtk_switch_set_active (self->contact_switch, member->consent_contact);
  gtk_switch_set_active (self->dna_consent_switch, member->consent_dna);
  gtk_switch_set_active (self->publish_switch, member->consent_publish);
  self->filling = FALSE;
}

static void
mark_row (GtkWidget  *row,
          const char *message)
{
  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, message);
}

static void
update_actions (HwCaseFamilyDialog *self)
{
  g_autoptr(HwFamilyMember) form = read_form (self);
  gboolean changed = self->base->id == 0 || !hw_family_member_equal (form, self->base);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "family.save", self->valid && changed && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "family.remove",
                                 self->base->id != 0 && !self->base->in_use && !self->busy);
  gtk_widget_set_visible (self->remove_box, self->base->id != 0);
  gtk_widget_set_visible (self->remove_label, self->base->in_use);
}

/* Checks the form as typed: what cannot be saved is marked and said. */
static void
changed_cb (HwCaseFamilyDialog *self)
{
  g_autoptr(HwFamilyMember) form = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  char *name;
  char *relationship;
  char *phone;

  if (self->filling || self->base == NULL)
    return;

  form = read_form (self);
  name = hw_family_member_check_name (form);
  relationship = hw_family_member_check_relationship (form);
  phone = hw_family_member_check_phone (form);

  /* A name is asked for once something is typed; a new form starts quiet. */
  mark_row (GTK_WIDGET (self->family_name_row), name);
  mark_row (GTK_WIDGET (self->given_name_row), name);
  mark_row (GTK_WIDGET (self->relationship_row), relationship);
  mark_row (GTK_WIDGET (self->phone_row), phone);

  self->valid = name == NULL && relationship == NULL && phone == NULL;

  if (name != NULL)
    g_ptr_array_add (messages, name);
  if (relationship != NULL)
    g_ptr_array_add (messages, relationship);
  if (phone != NULL)
    g_ptr_array_add (messages, phone);
  g_ptr_array_add (messages, NULL);

  text = g_strjoinv ("\n", (char **) messages->pdata);
  gtk_label_set_text (self->check_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->check_label), text[0] != '\0');

  update_actions (self);
}

static void
show_problem (HwCaseFamilyDialog *self,
              const char         *message)
{
  gtk_label_set_text (self->problem_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

static void
set_busy (HwCaseFamilyDialog *self,
          gboolean            busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  update_actions (self);
}

static void
update_title (HwCaseFamilyDialog *self)
{
  gtk_window_set_title (GTK_WINDOW (self), self->base->id == 0 ? _("Add Family Member")
                                                               : _("Edit Family Member"));
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
}

/* Someone else saved the relative */

static void
clear_conflict (HwCaseFamilyDialog *self)
{
  for (guint i = 0; i < self->conflict_rows->len; i++)
    adw_preferences_group_remove (self->conflict_group, g_ptr_array_index (self->conflict_rows, i));
  g_ptr_array_set_size (self->conflict_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->conflict_group), FALSE);
}

static void
use_theirs_cb (GtkButton          *button,
               HwCaseFamilyDialog *self)
{
  const Field *field = g_object_get_data (G_OBJECT (button), "hw-field");
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  g_autoptr(HwFamilyMember) form = read_form (self);

  copy_field (form, self->base, field);
  fill_form (self, form);
  changed_cb (self);

  adw_preferences_group_remove (self->conflict_group, row);
  g_ptr_array_remove (self->conflict_rows, row);
  if (self->conflict_rows->len == 0)
    gtk_widget_set_visible (GTK_WIDGET (self->conflict_group), FALSE);
}

/* Their version against the form: the fields the officer did not touch take
 * theirs; where both differ, the form keeps the officer's value and the
 * group shows theirs beside it. */
static void
take_theirs (HwCaseFamilyDialog   *self,
             const HwFamilyMember *theirs)
{
  g_autoptr(HwFamilyMember) form = read_form (self);
  g_autofree char *title = NULL;

  clear_conflict (self);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const Field *field = &fields[i];

      if (field_equal (form, self->base, field))
        copy_field (form, theirs, field);
      else if (!field_equal (form, theirs, field))
        {
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *button = gtk_button_new_with_mnemonic (_("_Use Theirs"));
          g_autofree char *value = field_text (theirs, field);
          g_autofree char *subtitle = NULL;

          /* TRANSLATORS: the value someone else saved: "Theirs: 139 1111 2222" */
          subtitle = g_strdup_printf (_("Theirs: %s"), value);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->label));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          g_object_set_data (G_OBJECT (button), "hw-field", (gpointer) field);
          g_signal_connect (button, "clicked", G_CALLBACK (use_theirs_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
          adw_preferences_group_add (self->conflict_group, row);
          g_ptr_array_add (self->conflict_rows, row);
        }
    }

  g_clear_pointer (&self->base, hw_family_member_free);
  self->base = hw_family_member_copy (theirs);

  if (theirs->updated_by_name[0] != '\0')
    /* TRANSLATORS: %s is the officer who saved the relative meanwhile */
    title = g_strdup_printf (_("Changed by %s While You Were Editing"), theirs->updated_by_name);
  else
    title = g_strdup (_("Changed by Someone Else While You Were Editing"));
  adw_preferences_group_set_title (self->conflict_group, title);
  adw_preferences_group_set_description (self->conflict_group,
                                         self->conflict_rows->len > 0
                                         ? _("The form has their changes and keeps yours. Where you both "
                                             "changed a field, yours is in the form and theirs is below. "
                                             "Save to record what the form shows.")
                                         : _("The form has their changes and keeps yours. Save to record "
                                             "what the form shows."));
  gtk_widget_set_visible (GTK_WIDGET (self->conflict_group), TRUE);

  fill_form (self, form);
  changed_cb (self);
}

/* Why the database said no, for the officer. */
static char *
describe_error (const GError *error)
{
  const char *sqlstate = hw_db_error_get_sqlstate (error);

  if (g_strcmp0 (sqlstate, "23503") == 0)
    return g_strdup (_("This relative is named in the contact log or by a DNA sample and stays on record."));
  if (g_error_matches (error, HW_DB_ERROR, HW_DB_ERROR_PERMISSION))
    return g_strdup (_("Only officers of the case’s unit may change its family."));

  return g_strdup (error->message);
}

/* Saving and removing */

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(HwCaseFamilyDialog) self = user_data;
  g_autoptr(HwFamilyMember) saved = NULL;
  g_autoptr(HwFamilyMember) current = NULL;
  g_autoptr(GError) error = NULL;

  saved = hw_case_store_save_family_member_finish (HW_CASE_STORE (object), result, &current, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (saved != NULL)
    {
      g_signal_emit (self, signals[SAVED], 0, saved->id);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (current != NULL)
    {
      show_problem (self, NULL);
      take_theirs (self, current);
      return;
    }

  if (g_error_matches (error, HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_NOT_FOUND))
    {
      /* What was typed is kept: saving records the relative again. */
      self->base->id = 0;
      update_title (self);
      clear_conflict (self);
      show_problem (self, _("Someone else removed this relative from the family while you were "
                            "editing. Save to record them again with what you typed."));
      changed_cb (self);
      return;
    }

  {
    g_autofree char *why = describe_error (error);
    g_autofree char *message = NULL;

    /* TRANSLATORS: %s says why; the form is kept */
    message = g_strdup_printf (_("Not saved: %s"), why);
    show_problem (self, message);
  }
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HwCaseFamilyDialog *self = HW_CASE_FAMILY_DIALOG (widget);
  g_autoptr(HwFamilyMember) form = read_form (self);

  if (self->busy || !self->valid)
    return;

  set_busy (self, TRUE);
  show_problem (self, NULL);
  hw_case_store_save_family_member_async (self->store, self->case_id, form, self->cancellable,
                                          save_cb, g_object_ref (self));
}

static void
remove_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HwCaseFamilyDialog) self = user_data;
  g_autoptr(HwFamilyMember) current = NULL;
  g_autoptr(GError) error = NULL;
  gboolean removed;

  removed = hw_case_store_remove_family_member_finish (HW_CASE_STORE (object), result, &current, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  /* Removed by someone else already: as good as done. */
  if (removed || g_error_matches (error, HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_NOT_FOUND))
    {
      g_signal_emit (self, signals[REMOVED], 0, self->base->id);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (current != NULL)
    {
      take_theirs (self, current);
      show_problem (self, _("Not removed: someone else changed this relative meanwhile. Look at "
                            "their changes, then remove the relative again if you still want to."));
      update_actions (self);
      return;
    }

  {
    g_autofree char *why = describe_error (error);
    g_autofree char *message = NULL;

    /* TRANSLATORS: %s says why the relative was not removed */
    message = g_strdup_printf (_("Not removed: %s"), why);
    show_problem (self, message);
  }
}

static void
remove_response_cb (AdwMessageDialog   *dialog,
                    const char         *response,
                    HwCaseFamilyDialog *self)
{
  if (g_strcmp0 (response, "remove") != 0 || self->busy || self->base->id == 0)
    return;

  set_busy (self, TRUE);
  show_problem (self, NULL);
  hw_case_store_remove_family_member_async (self->store, self->base, self->cancellable,
                                            remove_cb, g_object_ref (self));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HwCaseFamilyDialog *self = HW_CASE_FAMILY_DIALOG (widget);
  g_autofree char *heading = NULL;
  const char *name;
  GtkWidget *dialog;

  if (self->busy || self->base->id == 0)
    return;

  name = self->base->name[0] != '\0' ? self->base->name : self->base->name_latin;
  /* TRANSLATORS: %s is a relative's name */
  heading = g_strdup_printf (_("Remove %s from the Family?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Remove a relative only when they were recorded by mistake. "
                                     "The case’s history keeps what was recorded."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Object */

static void
hw_case_family_dialog_dispose (GObject *object)
{
  HwCaseFamilyDialog *self = HW_CASE_FAMILY_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (object), HW_TYPE_CASE_FAMILY_DIALOG);

  G_OBJECT_CLASS (hw_case_family_dialog_parent_class)->dispose (object);
}

/* A query under way holds the window until it returns, maybe after the
 * parent is gone; closed, the window forgets the parent while it is there. */
static void
hw_case_family_dialog_unrealize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (hw_case_family_dialog_parent_class)->unrealize (widget);

  gtk_window_set_transient_for (GTK_WINDOW (widget), NULL);
}

static void
hw_case_family_dialog_finalize (GObject *object)
{
  HwCaseFamilyDialog *self = HW_CASE_FAMILY_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->base, hw_family_member_free);
  g_clear_pointer (&self->conflict_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (hw_case_family_dialog_parent_class)->finalize (object);
}

static void
hw_case_family_dialog_class_init (HwCaseFamilyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hw_case_family_dialog_dispose;
  object_class->finalize = hw_case_family_dialog_finalize;
  widget_class->unrealize = hw_case_family_dialog_unrealize;

  /**
   * HwCaseFamilyDialog::saved:
   * @member_id: the relative added or saved
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * HwCaseFamilyDialog::removed:
   * @member_id: the relative removed
   */
  signals[REMOVED] =
    g_signal_new ("removed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/homeward/Homeward/hw-case-family-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HwCaseFamilyDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HwCaseFamilyDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, HwCaseFamilyDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, HwCaseFamilyDialog, conflict_group);
  gtk_widget_class_bind_template_child (widget_class, HwCaseFamilyDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, HwCaseFamilyDialog, check_label);
  gtk_widget_class_bind_template_child (widget_class, HwCaseFamilyDialog, family_name_row);
  gtk_widget_class_bind_template_child (widget_class, HwCaseFamilyDialog, given_name_row);
  gtk_widget_class_bind_template_child (widget_class, HwCaseFamilyDialog, family_name_latin_row);
  gtk_widget_class_bind_template_child (widget_class, HwCaseFamilyDialog, given_name_latin_row);
  gtk_widget_class_bind_template_child (widget_class, HwCaseFamilyDialog, relationship_row);
  gtk_widget_class_bind_template_child (widget_class, HwCaseFamilyDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, HwCaseFamilyDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, HwCaseFamilyDialog, dna_switch);
  gtk_widget_class_bind_template_child (widget_class, HwCaseFamilyDialog, contact_switch);
  gtk_widget_class_bind_template_child (widget_class, HwCaseFamilyDialog, dna_consent_switch);
  gtk_widget_class_bind_template_child (widget_class, HwCaseFamilyDialog, publish_switch);
  gtk_widget_class_bind_template_child (widget_class, HwCaseFamilyDialog, remove_box);
  gtk_widget_class_bind_template_child (widget_class, HwCaseFamilyDialog, remove_button);
  gtk_widget_class_bind_template_child (widget_class, HwCaseFamilyDialog, remove_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);

  gtk_widget_class_install_action (widget_class, "family.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "family.remove", NULL, remove_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "family.save", NULL);
}

static void
hw_case_family_dialog_init (HwCaseFamilyDialog *self)
{
  g_autoptr(GtkStringList) relationships = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->conflict_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  gtk_string_list_append (relationships, _("Choose…"));
  for (const char * const *r = hw_case_get_relationships (); *r != NULL; r++)
    gtk_string_list_append (relationships, hw_case_relationship_to_label (*r));
  adw_combo_row_set_model (self->relationship_row, G_LIST_MODEL (relationships));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
}

/**
 * hw_case_family_dialog_new:
 * @parent: (nullable): the window of the case page
 * @store: where the relative is saved
 * @case_id: the case whose family it is
 * @member: (nullable): the relative to edit, as read; %NULL to add one
 */
HwCaseFamilyDialog *
hw_case_family_dialog_new (GtkWindow            *parent,
                           HwCaseStore          *store,
                           gint64                case_id,
                           const HwFamilyMember *member)
{
  HwCaseFamilyDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (HW_IS_CASE_STORE (store), NULL);
  g_return_val_if_fail (case_id > 0, NULL);

  self = g_object_new (HW_TYPE_CASE_FAMILY_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->case_id = case_id;
  self->base = member != NULL ? hw_family_member_copy (member) : hw_family_member_new ();

  update_title (self);
  fill_form (self, self->base);
  changed_cb (self);

  /* A new relative: nothing typed is no mistake yet. */
  if (member == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->check_label), FALSE);
      mark_row (GTK_WIDGET (self->family_name_row), NULL);
      mark_row (GTK_WIDGET (self->given_name_row), NULL);
      mark_row (GTK_WIDGET (self->relationship_row), NULL);
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->family_name_row));

  return self;
}

/* Returns: the relative's id, or 0 for one not recorded yet */
gint64
hw_case_family_dialog_get_member_id (HwCaseFamilyDialog *self)
{
  g_return_val_if_fail (HW_IS_CASE_FAMILY_DIALOG (self), 0);

  return self->base->id;
}

/* Returns: (transfer full): the relative as the form has them */
HwFamilyMember *
hw_case_family_dialog_dup_member (HwCaseFamilyDialog *self)
{
  g_return_val_if_fail (HW_IS_CASE_FAMILY_DIALOG (self), NULL);

  return read_form (self);
}

/* Fills the form, as typing would (for tests). */
void
hw_case_family_dialog_set_member (HwCaseFamilyDialog   *self,
                                  const HwFamilyMember *member)
{
  g_return_if_fail (HW_IS_CASE_FAMILY_DIALOG (self));
  g_return_if_fail (member != NULL);

  fill_form (self, member);
  changed_cb (self);
}

/* Returns: whether a save or removal is under way */
gboolean
hw_case_family_dialog_get_busy (HwCaseFamilyDialog *self)
{
  g_return_val_if_fail (HW_IS_CASE_FAMILY_DIALOG (self), FALSE);

  return self->busy;
}
