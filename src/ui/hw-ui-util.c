/* hw-ui-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-ui-util"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-format.h"
#include "hw-ui-util.h"

/* Small pieces several pages draw the same way: thumbnails, pills, times. */

/* Stored thumbnails are small; anything far bigger is not a thumbnail. */
#define MAX_THUMBNAIL_BYTES (512 * 1024)
#define MAX_THUMBNAIL_SIDE  512

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  int side = MAX (width, height);

  /* No picture this big is a thumbnail: stop (0 × 0) before decoding. */
  if ((gint64) width * height > (gint64) MAX_THUMBNAIL_SIDE * MAX_THUMBNAIL_SIDE * 64)
    gdk_pixbuf_loader_set_size (loader, 0, 0);
  /* Decode big pictures scaled down: a thumbnail is all that is drawn. */
  else if (side > MAX_THUMBNAIL_SIDE)
    gdk_pixbuf_loader_set_size (loader,
                                MAX (1, (int) ((gint64) width * MAX_THUMBNAIL_SIDE / side)),
                                MAX (1, (int) ((gint64) height * MAX_THUMBNAIL_SIDE / side)));
}

/* A stored thumbnail as a texture, or NULL when it is no picture. */
GdkTexture *
hw_texture_from_thumbnail (GBytes *bytes)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf;

  if (bytes == NULL || g_bytes_get_size (bytes) == 0 ||
      g_bytes_get_size (bytes) > MAX_THUMBNAIL_BYTES)
    return NULL;

  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), NULL);

  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, &error) ||
      !gdk_pixbuf_loader_close (loader, &error))
    {
      g_debug ("Thumbnail not shown: %s", error->message);
      return NULL;
    }

  if (!(pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)))
    return NULL;

  return gdk_texture_new_for_pixbuf (pixbuf);
}

/* Photos shown big are decoded on a worker thread, scaled while decoding
 * (a photo may be tens of megapixels: it is evidence, stored whole). */

typedef struct
{
  GBytes *content;
  int     max_side;
} DecodeData;

static void
decode_data_free (DecodeData *data)
{
  g_bytes_unref (data->content);
  g_free (data);
}

static void
scale_prepared_cb (GdkPixbufLoader *loader,
                   int              width,
                   int              height,
                   gpointer         user_data)
{
  int max_side = GPOINTER_TO_INT (user_data);
  int side = MAX (width, height);

  if (side > max_side)
    gdk_pixbuf_loader_set_size (loader, MAX (1, (int) ((gint64) width * max_side / side)),
                                MAX (1, (int) ((gint64) height * max_side / side)));
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DecodeData *data = task_data;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  GError *error = NULL;
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (scale_prepared_cb), GINT_TO_POINTER (data->max_side));
  if (!gdk_pixbuf_loader_write_bytes (loader, data->content, &error) || !gdk_pixbuf_loader_close (loader, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!(pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "no picture");
      return;
    }
  /* The oriented copy: phones store portraits sideways with an EXIF tag. */
  g_task_return_pointer (task, gdk_pixbuf_apply_embedded_orientation (pixbuf), g_object_unref);
}

static void
decoded_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GtkPicture) picture = user_data;
  g_autoptr(GdkPixbuf) pixbuf = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GdkTexture) texture = NULL;

  /* What cannot be decoded leaves what is shown (the thumbnail). */
  if (pixbuf == NULL)
    return;

  texture = gdk_texture_new_for_pixbuf (pixbuf);
  gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
}

/**
 * hw_picture_show_photo:
 * @content: a photo's stored file
 * @max_side: the most pixels on its long side that are drawn
 *
 * Shows @content in @picture once decoded on a worker thread.
 */
void
hw_picture_show_photo (GtkPicture   *picture,
                       GBytes       *content,
                       int           max_side,
                       GCancellable *cancellable)
{
  g_autoptr(GTask) task = NULL;
  DecodeData *data;

  g_return_if_fail (GTK_IS_PICTURE (picture));
  g_return_if_fail (content != NULL);

  data = g_new0 (DecodeData, 1);
  data->content = g_bytes_ref (content);
  data->max_side = max_side;
  /* The picture is held by the callback's data, let go on the main thread
   * (the task may be freed on the worker's). */
  task = g_task_new (NULL, cancellable, decoded_cb, g_object_ref (picture));
  g_task_set_task_data (task, data, (GDestroyNotify) decode_data_free);
  g_task_run_in_thread (task, decode_thread);
}

/* A square thumbnail, or a grey placeholder when there is no photo. */
GtkWidget *
hw_thumbnail_new (GBytes *bytes,
                  int     size)
{
  g_autoptr(GdkTexture) texture = hw_texture_from_thumbnail (bytes);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *child;

  if (texture != NULL)
    {
      child = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      gtk_picture_set_can_shrink (GTK_PICTURE (child), TRUE);
#if GTK_CHECK_VERSION (4, 8, 0)
      gtk_picture_set_content_fit (GTK_PICTURE (child), GTK_CONTENT_FIT_COVER);
#endif
    }
  else
    {
      child = gtk_image_new_from_icon_name ("image-missing-symbolic");
      gtk_widget_add_css_class (child, "dim-label");
    }

  gtk_widget_set_size_request (frame, size, size);
  gtk_widget_set_valign (frame, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (frame, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (frame, "thumbnail");
  gtk_frame_set_child (GTK_FRAME (frame), child);

  return frame;
}

/* A rounded label: a status, a priority, "Overdue". */
GtkWidget *
hw_pill_new (const char *label,
             const char *css_class)
{
  GtkWidget *pill = gtk_label_new (label);

  gtk_widget_add_css_class (pill, "status-pill");
  if (css_class != NULL)
    gtk_widget_add_css_class (pill, css_class);
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);

  return pill;
}

/* "3 days ago · 2026-11-20" in local time. */
char *
hw_format_unix_time (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (local == NULL)
    return g_strdup ("");

  return hw_format_relative_and_date (local, now);
}

/* A toast in the window's toast overlay, if it has one. */
void
hw_show_toast (GtkWidget  *widget,
               const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

/**
 * hw_verification_step_row_new:
 * @correct_clicked: (nullable): called as (GtkButton *, @user_data) when the
 *   officer asks to correct the step; the button holds the step as "hw-step"
 *
 * Returns: a row of a verification timeline
 */
GtkWidget *
hw_verification_step_row_new (HwVerificationStep *step,
                              GCallback           correct_clicked,
                              gpointer            user_data)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = hw_format_unix_time (step->performed_at);
  g_autofree char *title = NULL;
  GString *subtitle = g_string_new (NULL);

  if (step->outcome[0] != '\0')
    /* Translators: a verification step: its kind and outcome */
    title = g_strdup_printf (C_("step title", "%s: %s"), hw_step_kind_to_label (step->kind), step->outcome);
  else
    title = g_strdup (hw_step_kind_to_label (step->kind));

  if (step->restricted)
    g_string_append_printf (subtitle, "%s\n",
                            _("Outcome and notes restricted to the officer assigned to the case and "
                              "the unit’s supervisors"));
  else if (step->notes[0] != '\0')
    g_string_append_printf (subtitle, "%s\n", step->notes);
  /* Translators: who recorded a step and when */
  g_string_append_printf (subtitle, _("%s · %s"), step->officer_name, when);
  if (step->case_number != NULL && step->case_number[0] != '\0' && step->link_id != 0)
    g_string_append_printf (subtitle, _(" · on the link to %s"), step->case_number);
  if (step->corrects_step_id != 0)
    {
      g_autofree char *number = g_strdup_printf ("#%" G_GINT64_FORMAT, step->corrects_step_id);
      /* Translators: %s is a step's number, "#42" */
      g_string_append_printf (subtitle, _(" · corrects step %s"), number);
    }
  if (step->corrected_by_id != 0)
    {
      g_autofree char *number = g_strdup_printf ("#%" G_GINT64_FORMAT, step->corrected_by_id);
      /* Translators: %s is a step's number, "#42" */
      g_string_append_printf (subtitle, _(" · corrected by step %s"), number);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 6);
  g_string_free (subtitle, TRUE);

  {
    g_autofree char *number = g_strdup_printf ("#%" G_GINT64_FORMAT, step->id);
    GtkWidget *label = gtk_label_new (number);

    gtk_widget_add_css_class (label, "dim-label");
    gtk_widget_add_css_class (label, "numeric");
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), label);
  }

  if (step->corrected_by_id != 0)
    gtk_widget_add_css_class (row, "corrected");

  if (correct_clicked != NULL && step->corrected_by_id == 0)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("C_orrect…"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Record a correction of this step"));
      g_object_set_data (G_OBJECT (button), "hw-step", step);
      g_signal_connect (button, "clicked", correct_clicked, user_data);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  return row;
}

/* Pages that fill preferences groups with rows they read keep those rows in
 * @rows (holding a reference), so that a reload removes exactly them. */
void
hw_group_rows_add (GPtrArray           *rows,
                   AdwPreferencesGroup *group,
                   GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_object_set_data (G_OBJECT (row), "hw-group", group);
  g_ptr_array_add (rows, g_object_ref (row));
}

void
hw_group_rows_clear (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "hw-group"), row);
    }
  g_ptr_array_set_size (rows, 0);
}

/**
 * hw_labels_model:
 * @values: the schema's values, NULL-terminated
 * @to_label: each value's label for people
 *
 * Returns: (transfer full): the labels, in the values' order, for a drop-down
 */
GListModel *
hw_labels_model (const char * const  *values,
                 const char         *(*to_label) (const char *))
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (guint i = 0; values[i] != NULL; i++)
    gtk_string_list_append (labels, to_label (values[i]));

  return G_LIST_MODEL (labels);
}

/* Forms in a message dialog */

typedef struct
{
  GtkWidget *owner;
  GtkWidget *content;
  HwFormDone done;
} FormData;

static void
form_data_free (FormData *data)
{
  g_object_unref (data->owner);
  g_object_unref (data->content);
  g_free (data);
}

static void
form_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  FormData         *data)
{
  if (g_str_equal (response, "accept"))
    data->done (data->owner, data->content);
}

static void
enable_accept (AdwMessageDialog *dialog,
               char             *text)
{
  g_strstrip (text);
  adw_message_dialog_set_response_enabled (dialog, "accept", text[0] != '\0');
  g_free (text);
}

static void
entry_changed_cb (GtkEditable      *field,
                  AdwMessageDialog *dialog)
{
  enable_accept (dialog, g_strdup (gtk_editable_get_text (field)));
}

static void
buffer_changed_cb (GtkTextBuffer    *buffer,
                   AdwMessageDialog *dialog)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  enable_accept (dialog, gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

/* Asks with a dialog whose extra child is @content (a form); its accept
 * response (labelled @accept) calls @done with @owner and @content, and is
 * enabled only while @required (an editable or a text view; may be NULL)
 * holds text.  Returns the dialog, already presented. */
GtkWidget *
hw_form_run (GtkWidget  *owner,
             const char *heading,
             const char *body,
             const char *accept,
             GtkWidget  *content,
             GtkWidget  *required,
             HwFormDone  done)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (owner)), heading, body);
  FormData *data = g_new0 (FormData, 1);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), content);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "accept", accept, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "accept", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "accept");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  if (required != NULL)
    {
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "accept", FALSE);
      if (GTK_IS_EDITABLE (required))
        g_signal_connect (required, "changed", G_CALLBACK (entry_changed_cb), dialog);
      else
        g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (required)), "changed",
                          G_CALLBACK (buffer_changed_cb), dialog);
    }

  data->owner = g_object_ref (owner);
  data->content = g_object_ref (content);
  data->done = done;
  g_signal_connect_data (dialog, "response", G_CALLBACK (form_response_cb), data,
                         (GClosureNotify) form_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  if (required != NULL)
    gtk_widget_grab_focus (required);

  return dialog;
}

/* A vertical box for a form's fields. */
GtkWidget *
hw_form_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  gtk_widget_set_size_request (box, 360, -1);
  return box;
}

/* Appends @field to @box under a label with the mnemonic @text; returns @field. */
GtkWidget *
hw_form_field (GtkWidget  *box,
               const char *text,
               GtkWidget  *field)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), field);

  return field;
}

GtkWidget *
hw_form_dropdown (const char * const *values,
                  const char       *(*to_label) (const char *))
{
  return gtk_drop_down_new (hw_labels_model (values, to_label), NULL);
}

/* A text view in a scroller (what hw_form_field takes for longer text). */
GtkWidget *
hw_form_text_view (void)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 90);
  gtk_widget_add_css_class (scroller, "card");

  return scroller;
}

GtkWidget *
hw_form_text_view_get_view (GtkWidget *scroller)
{
  return gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
}

char *
hw_form_text_view_get_text (GtkWidget *scroller)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (hw_form_text_view_get_view (scroller)));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
