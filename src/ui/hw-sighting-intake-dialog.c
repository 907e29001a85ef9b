/* hw-sighting-intake-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-sighting-intake"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hw-case.h"
#include "hw-photo-fetch.h"
#include "hw-sighting-intake-dialog.h"
#include "hw-ui-util.h"

/* The intake form: a tip from a call, a walk-in or a patrol, with every
 * field of a sighting, and photos from files, drag and drop, the clipboard
 * or a web address (src/net/hw-photo-fetch.c: timeouts, redirect and size
 * limits, content type and decoder checks).
 *
 * Each photo is read and checked on a worker thread as it is added: a file
 * that is no picture, or a hostile one, is refused with a message and the
 * rest of the form stays as it was. Saving writes the sighting and its
 * photos in one statement; when the database refuses, nothing is written
 * and the form stays open with the officer's work in it. */

#define THUMBNAIL_SIZE 96

struct _HwSightingIntakeDialog
{
  AdwWindow          parent_instance;

  AdwToastOverlay   *toast_overlay;
  GtkButton         *save_button;
  GtkSpinner        *spinner;
  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;
  AdwComboRow       *channel_row;
  AdwEntryRow       *source_row;
  AdwComboRow       *priority_row;
  AdwEntryRow       *url_row;
  GtkFlowBox        *photo_box;
  AdwEntryRow       *observed_row;
  AdwEntryRow       *place_row;
  AdwEntryRow       *region_row;
  AdwEntryRow       *coordinates_row;
  AdwComboRow       *sex_row;
  GtkSpinButton     *age_min;
  GtkSpinButton     *age_max;
  GtkTextView       *description_view;
  GtkFlowBox        *context_box;
  AdwEntryRow       *reporter_name_row;
  AdwEntryRow       *reporter_contact_row;
  GtkSwitch         *anonymous_switch;

  HwSightingStore   *store;
  GCancellable      *cancellable;
  GPtrArray         *photos;          /* HwCasePhotoImport */
  GPtrArray         *context_checks;  /* GtkCheckButton, as hw_sighting_get_contexts () */
  guint              pending;         /* photos being read */
  gboolean           saving;
};

G_DEFINE_FINAL_TYPE (HwSightingIntakeDialog, hw_sighting_intake_dialog, ADW_TYPE_WINDOW)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const sexes[] = { "unknown", "female", "male", NULL };

static void
update_busy (HwSightingIntakeDialog *self)
{
  gboolean busy = self->pending > 0 || self->saving;

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.save", !busy);
}

static void
show_error (HwSightingIntakeDialog *self,
            const char             *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/* Photos */

static void
remove_photo_cb (GtkButton              *button,
                 HwSightingIntakeDialog *self)
{
  HwCasePhotoImport *photo = g_object_get_data (G_OBJECT (button), "hw-photo");
  GtkWidget *child = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_FLOW_BOX_CHILD);

  g_ptr_array_remove (self->photos, photo);
  gtk_flow_box_remove (self->photo_box, child);
}

static void
show_photo (HwSightingIntakeDialog *self,
            HwCasePhotoImport      *photo)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_autofree char *tooltip = g_strdup_printf (_("%d × %d pixels%s%s"), photo->width, photo->height,
                                              photo->source_url != NULL ? "\n" : "",
                                              photo->source_url != NULL ? photo->source_url : "");

  gtk_overlay_set_child (GTK_OVERLAY (overlay), hw_thumbnail_new (photo->thumbnail, THUMBNAIL_SIZE));
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  gtk_widget_set_valign (remove, GTK_ALIGN_START);
  gtk_widget_add_css_class (remove, "osd");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_tooltip_text (remove, _("Remove the photo"));
  g_object_set_data (G_OBJECT (remove), "hw-photo", photo);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_photo_cb), self);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), remove);
  gtk_widget_set_tooltip_text (overlay, tooltip);
  gtk_flow_box_append (self->photo_box, overlay);
}

typedef struct
{
  GBytes *content;
  char   *source_url;
  char   *name;       /* the file's or the address's, for messages */
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_pointer (&data->content, g_bytes_unref);
  g_free (data->source_url);
  g_free (data->name);
  g_free (data);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  GError *error = NULL;
  HwCasePhotoImport *photo = hw_case_photo_import_new (data->content, &error);

  if (photo == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, photo, (GDestroyNotify) hw_case_photo_import_free);
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  HwSightingIntakeDialog *self = HW_SIGHTING_INTAKE_DIALOG (object);
  ImportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  HwCasePhotoImport *photo = g_task_propagate_pointer (G_TASK (result), &error);

  self->pending--;
  update_busy (self);

  if (photo == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: a photo that was refused: its name and why */
      message = g_strdup_printf (_("%s was not added: %s"), data->name, error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }

  /* The same photo twice (dropped and pasted) is kept once. */
  for (guint i = 0; i < self->photos->len; i++)
    if (memcmp (((HwCasePhotoImport *) g_ptr_array_index (self->photos, i))->sha256, photo->sha256, 32) == 0)
      {
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("This photo is added already")));
        hw_case_photo_import_free (photo);
        return;
      }

  photo->source_url = g_strdup (data->source_url);
  g_ptr_array_add (self->photos, photo);
  show_photo (self, photo);
}

/* Checks and decodes @content on a worker thread, then shows it. */
static void
import_bytes (HwSightingIntakeDialog *self,
              GBytes                 *content,
              const char             *source_url,
              const char             *name)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, imported_cb, NULL);
  ImportData *data = g_new0 (ImportData, 1);

  data->content = g_bytes_ref (content);
  data->source_url = g_strdup (source_url);
  data->name = g_strdup (name);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  self->pending++;
  update_busy (self);
  g_task_run_in_thread (task, import_thread);
}

static void
file_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HwSightingIntakeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  char *contents = NULL;
  gsize length = 0;

  self->pending--;
  update_busy (self);

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("%s was not added: %s"), name, error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }

  {
    g_autoptr(GBytes) content = g_bytes_new_take (contents, length);
    import_bytes (self, content, NULL, name);
  }
}

static void
add_file (HwSightingIntakeDialog *self,
          GFile                  *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                                 NULL, NULL);

  /* Too big to be a photo we keep: say so before reading it. */
  if (info != NULL && g_file_info_get_size (info) > HW_CASE_PHOTO_MAX_BYTES)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("%s was not added: a photo may be at most %d MB"), name,
                                                  HW_CASE_PHOTO_MAX_BYTES / (1024 * 1024));

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }

  self->pending++;
  update_busy (self);
  g_file_load_contents_async (file, self->cancellable, file_loaded_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog        *chooser,
                     int                     response,
                     HwSightingIntakeDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          add_file (self, file);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
add_files_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HwSightingIntakeDialog *self = HW_SIGHTING_INTAKE_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Add Photos"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Add"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Pictures"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
texture_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(HwSightingIntakeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, &error);

  self->pending--;
  update_busy (self);

  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay,
                                     adw_toast_new (_("The clipboard holds no picture to paste")));
      return;
    }

  {
    g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (texture);
    import_bytes (self, png, NULL, _("The pasted picture"));
  }
}

static void
files_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HwSightingIntakeDialog) self = user_data;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (object), result, NULL);

  self->pending--;
  update_busy (self);
  if (value == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return;

  for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
    add_file (self, l->data);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HwSightingIntakeDialog *self = HW_SIGHTING_INTAKE_DIALOG (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  self->pending++;
  update_busy (self);

  /* Files copied in a file manager come as files, their bytes untouched. */
  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    {
      gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT, self->cancellable,
                                      files_read_cb, g_object_ref (self));
      return;
    }

  gdk_clipboard_read_texture_async (clipboard, self->cancellable, texture_read_cb, g_object_ref (self));
}

static gboolean
drop_cb (GtkDropTarget          *target,
         const GValue           *value,
         double                  x,
         double                  y,
         HwSightingIntakeDialog *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
        add_file (self, l->data);
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE))
    {
      g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (g_value_get_object (value));

      import_bytes (self, png, NULL, _("The dropped picture"));
      return TRUE;
    }

  return FALSE;
}

typedef struct
{
  HwSightingIntakeDialog *self;
  char                   *url;
} FetchData;

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  FetchData *data = user_data;
  g_autoptr(HwSightingIntakeDialog) self = data->self;
  g_autofree char *url = data->url;
  g_autofree char *final_url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) content = hw_photo_fetch_finish (result, &final_url, NULL, &error);

  g_free (data);
  self->pending--;
  update_busy (self);

  if (content == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The photo was not fetched: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }

  /* The address is kept with the photo: where it was found is evidence. */
  import_bytes (self, content, url, url);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->url_row)), url) == 0)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), "");
}

static void
fetch_url_cb (HwSightingIntakeDialog *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  FetchData *data;

  if (url[0] == '\0')
    return;

  data = g_new0 (FetchData, 1);
  data->self = g_object_ref (self);
  data->url = g_strdup (url);
  self->pending++;
  update_busy (self);
  hw_photo_fetch_async (NULL, url, self->cancellable, fetched_cb, data);
}

/* Saving */

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* "2026-03-01 14:30" (local time) as ISO 8601, or NULL when it does not read. */
static char *
parse_observed (const char *text)
{
  g_autoptr(GDateTime) time = NULL;
  const char *precision = NULL;

  if (!hw_case_parse_date (text, TRUE, &time, &precision) || time == NULL)
    return NULL;

  return g_date_time_format_iso8601 (time);
}

/* "22.543, 114.058" (a comma, a full-width comma or a space between) into
 * latitude and longitude; FALSE when it does not read as two numbers. */
static gboolean
parse_coordinates (const char *text,
                   double     *latitude,
                   double     *longitude)
{
  g_autofree char *copy = g_strdup (text);
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) numbers = g_ptr_array_new ();
  char *end;

  /* U+FF0C FULLWIDTH COMMA, as Chinese input methods type it */
  for (char *p; (p = strstr (copy, "\xef\xbc\x8c")) != NULL;)
    memcpy (p, " , ", 3);
  g_strdelimit (copy, ",;", ' ');
  parts = g_strsplit (copy, " ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_ptr_array_add (numbers, parts[i]);
  if (numbers->len != 2)
    return FALSE;

  *latitude = g_ascii_strtod (g_ptr_array_index (numbers, 0), &end);
  if (*end != '\0')
    return FALSE;
  *longitude = g_ascii_strtod (g_ptr_array_index (numbers, 1), &end);

  return *end == '\0';
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(HwSightingIntakeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = hw_sighting_store_write_finish (HW_SIGHTING_STORE (object), result, &error);

  self->saving = FALSE;
  update_busy (self);

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Nothing was written: the form keeps everything. */
      message = g_strdup_printf (_("The sighting was not saved: %s"), error->message);
      show_error (self, message);
      return;
    }

  g_signal_emit (self, signals[CREATED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HwSightingIntakeDialog *self = HW_SIGHTING_INTAKE_DIALOG (widget);
  g_autoptr(HwSightingDraft) draft = hw_sighting_draft_new ();
  g_autoptr(GStrvBuilder) context = g_strv_builder_new ();
  g_autofree char *observed = entry_text (self->observed_row);
  g_autofree char *problem = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  if (self->saving || self->pending > 0)
    return;

  g_free (draft->channel);
  draft->channel = g_strdup (hw_sighting_get_channels ()[adw_combo_row_get_selected (self->channel_row)]);
  draft->source_ref = entry_text (self->source_row);
  g_free (draft->priority);
  draft->priority = g_strdup (hw_case_get_priorities ()[adw_combo_row_get_selected (self->priority_row)]);
  draft->place_text = entry_text (self->place_row);
  draft->region_code = entry_text (self->region_row);
  g_free (draft->sex);
  draft->sex = g_strdup (sexes[adw_combo_row_get_selected (self->sex_row)]);
  draft->age_min = gtk_spin_button_get_value_as_int (self->age_min);
  draft->age_max = gtk_spin_button_get_value_as_int (self->age_max);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  draft->description = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  draft->reporter_name = entry_text (self->reporter_name_row);
  draft->reporter_contact = entry_text (self->reporter_contact_row);
  draft->reporter_anonymous = gtk_switch_get_active (self->anonymous_switch);
  for (guint i = 0; i < self->context_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->context_checks, i)))
      g_strv_builder_add (context, hw_sighting_get_contexts ()[i]);
  draft->context = g_strv_builder_end (context);

  if (observed[0] != '\0' && !(draft->observed_at = parse_observed (observed)))
    {
      show_error (self, _("Write when the child was seen like 2026-03-01 14:30."));
      gtk_widget_grab_focus (GTK_WIDGET (self->observed_row));
      return;
    }

  {
    g_autofree char *coordinates = entry_text (self->coordinates_row);

    if (coordinates[0] != '\0' && !parse_coordinates (coordinates, &draft->latitude, &draft->longitude))
      {
        show_error (self, _("Write the coordinates as latitude, then longitude, in degrees: 22.543, 114.058."));
        gtk_widget_grab_focus (GTK_WIDGET (self->coordinates_row));
        return;
      }
  }

  if ((problem = hw_sighting_draft_check (draft)))
    {
      show_error (self, problem);
      return;
    }

  show_error (self, NULL);
  self->saving = TRUE;
  update_busy (self);
  hw_sighting_store_create_async (self->store, draft, self->photos, self->cancellable, created_cb,
                                  g_object_ref (self));
}

/* Object */

static void
hw_sighting_intake_dialog_dispose (GObject *object)
{
  HwSightingIntakeDialog *self = HW_SIGHTING_INTAKE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), HW_TYPE_SIGHTING_INTAKE_DIALOG);

  G_OBJECT_CLASS (hw_sighting_intake_dialog_parent_class)->dispose (object);
}

static void
hw_sighting_intake_dialog_finalize (GObject *object)
{
  HwSightingIntakeDialog *self = HW_SIGHTING_INTAKE_DIALOG (object);

  g_clear_pointer (&self->photos, g_ptr_array_unref);
  g_clear_pointer (&self->context_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (hw_sighting_intake_dialog_parent_class)->finalize (object);
}

static void
hw_sighting_intake_dialog_class_init (HwSightingIntakeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hw_sighting_intake_dialog_dispose;
  object_class->finalize = hw_sighting_intake_dialog_finalize;

  /**
   * HwSightingIntakeDialog::created:
   * @sighting_id: the new sighting
   */
  signals[CREATED] =
    g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/homeward/Homeward/hw-sighting-intake-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, channel_row);
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, priority_row);
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, photo_box);
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, observed_row);
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, place_row);
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, coordinates_row);
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, sex_row);
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, age_min);
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, age_max);
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, description_view);
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, context_box);
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, reporter_name_row);
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, reporter_contact_row);
  gtk_widget_class_bind_template_child (widget_class, HwSightingIntakeDialog, anonymous_switch);
  gtk_widget_class_bind_template_callback (widget_class, fetch_url_cb);

  gtk_widget_class_install_action (widget_class, "intake.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "intake.add-files", NULL, add_files_action);
  gtk_widget_class_install_action (widget_class, "intake.paste", NULL, paste_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "intake.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "intake.add-files", NULL);
  /* A text field with the focus takes Ctrl+V first: text pastes as text. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "intake.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hw_sighting_intake_dialog_init (HwSightingIntakeDialog *self)
{
  const char * const *contexts = hw_sighting_get_contexts ();
  g_autoptr(GListModel) channels = hw_labels_model (hw_sighting_get_channels (), hw_sighting_channel_to_label);
  g_autoptr(GListModel) priorities = hw_labels_model (hw_case_get_priorities (), hw_case_priority_to_label);
  g_autoptr(GListModel) sex_labels = hw_labels_model (sexes, hw_case_sex_to_label);
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, GDK_TYPE_TEXTURE };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->photos = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_case_photo_import_free);
  self->context_checks = g_ptr_array_new ();

  adw_combo_row_set_model (self->channel_row, channels);
  adw_combo_row_set_model (self->priority_row, priorities);
  adw_combo_row_set_selected (self->priority_row, 2);   /* normal */
  adw_combo_row_set_model (self->sex_row, sex_labels);

  for (guint i = 0; contexts[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (hw_sighting_context_to_label (contexts[i]));

      g_ptr_array_add (self->context_checks, check);
      gtk_flow_box_append (self->context_box, check);
    }

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

GtkWidget *
hw_sighting_intake_dialog_new (GtkWindow       *parent,
                               HwSightingStore *store)
{
  HwSightingIntakeDialog *self;

  g_return_val_if_fail (HW_IS_SIGHTING_STORE (store), NULL);

  self = g_object_new (HW_TYPE_SIGHTING_INTAKE_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);

  return GTK_WIDGET (self);
}

/**
 * hw_sighting_intake_dialog_add_photo:
 *
 * Adds a photo as a drop or a paste would, checked on a worker thread (for
 * tests and for other windows handing a photo over).
 */
void
hw_sighting_intake_dialog_add_photo (HwSightingIntakeDialog *self,
                                     GBytes                 *content,
                                     const char             *source_url)
{
  g_return_if_fail (HW_IS_SIGHTING_INTAKE_DIALOG (self));
  g_return_if_fail (content != NULL);

  import_bytes (self, content, source_url, source_url != NULL ? source_url : _("The photo"));
}
