/* hw-case-photo-viewer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-case-photo-viewer"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-case-photo-viewer.h"

/* A case's photos, one at a time and as large as the window allows. The
 * stored original is read from the database (not the thumbnail), checked
 * against the limits photos are added under, and decoded on a worker thread,
 * scaled down to what a screen can show. The title says which photo of how
 * many, its size and when it was taken. Left and Right (or the buttons on
 * the photo) move between the photos; Escape closes. */

/* Nothing larger is drawn on a screen: decode big photos scaled down. */
#define MAX_SHOWN_SIDE 2560

typedef struct
{
  gint64 id;
  int    width;
  int    height;
  gint64 taken_at;
} Photo;

struct _HwCasePhotoViewer
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkStack       *stack;
  GtkSpinner     *spinner;
  GtkPicture     *picture;
  AdwStatusPage  *error_page;
  GtkWidget      *previous_button;
  GtkWidget      *next_button;

  HwCaseStore    *store;
  GArray         *photos;       /* Photo */
  guint           index;
  GCancellable   *cancellable;  /* the photo being read */
  gboolean        shown;
};

G_DEFINE_FINAL_TYPE (HwCasePhotoViewer, hw_case_photo_viewer, ADW_TYPE_WINDOW)

static void show_photo (HwCasePhotoViewer *self);

/* Decoding, on a worker thread */

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  int side = MAX (width, height);

  /* A small file can claim a huge picture: refuse before allocating it. */
  if (width <= 0 || height <= 0 || (gint64) width * height > HW_CASE_PHOTO_MAX_PIXELS)
    gdk_pixbuf_loader_set_size (loader, 0, 0);
  else if (side > MAX_SHOWN_SIDE)
    gdk_pixbuf_loader_set_size (loader,
                                MAX (1, (int) ((gint64) width * MAX_SHOWN_SIDE / side)),
                                MAX (1, (int) ((gint64) height * MAX_SHOWN_SIDE / side)));
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GBytes *bytes = task_data;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), NULL);
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, &error) ||
      !gdk_pixbuf_loader_close (loader, &error) ||
      !(pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)))
    {
      if (error != NULL)
        g_debug ("Photo not decoded: %s", error->message);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The stored file is not a photo Homeward can show, or it is too large."));
      return;
    }

  /* Shown the right way up; the stored original stays as it was. */
  g_task_return_pointer (task, gdk_pixbuf_apply_embedded_orientation (pixbuf), g_object_unref);
}

static void
show_error (HwCasePhotoViewer *self,
            const char        *message)
{
  gtk_spinner_stop (self->spinner);
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
decoded_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(HwCasePhotoViewer) self = user_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  pixbuf = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (pixbuf == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      show_error (self, escaped);
      return;
    }

  texture = gdk_texture_new_for_pixbuf (pixbuf);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "photo");
  self->shown = TRUE;
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HwCasePhotoViewer) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  bytes = hw_case_store_load_photo_finish (HW_CASE_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      show_error (self, escaped);
      return;
    }

  if (bytes == NULL)
    {
      show_error (self, _("The photo is no longer stored, or it is larger than Homeward shows."));
      return;
    }

  task = g_task_new (NULL, self->cancellable, decoded_cb, g_object_ref (self));
  g_task_set_task_data (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, decode_thread);
}

/* Showing a photo */

static void
update_title (HwCasePhotoViewer *self)
{
  const Photo *photo = &g_array_index (self->photos, Photo, self->index);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  /* TRANSLATORS: which photo of how many: "Photo 2 of 5" */
  title = g_strdup_printf (_("Photo %u of %u"), self->index + 1, self->photos->len);

  if (photo->width > 0 && photo->height > 0)
    /* TRANSLATORS: a photo's size in pixels: "1200 × 900" */
    g_ptr_array_add (parts, g_strdup_printf (_("%d × %d"), photo->width, photo->height));

  if (photo->taken_at != HW_CASE_NO_TIME)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (photo->taken_at);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
      g_autofree char *date = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : NULL;

      if (date != NULL)
        /* TRANSLATORS: when a photo was taken */
        g_ptr_array_add (parts, g_strdup_printf (_("Taken %s"), date));
    }
  else
    g_ptr_array_add (parts, g_strdup (_("Date taken not recorded")));

  g_ptr_array_add (parts, NULL);
  /* TRANSLATORS: what separates the parts of a line of details */
  subtitle = g_strjoinv (_(" · "), (char **) parts->pdata);

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
update_actions (HwCasePhotoViewer *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.previous", self->index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.next", self->index + 1 < self->photos->len);
  /* No way on is no button, as in an image viewer. */
  gtk_widget_set_visible (self->previous_button, self->index > 0);
  gtk_widget_set_visible (self->next_button, self->index + 1 < self->photos->len);
}

static void
show_photo (HwCasePhotoViewer *self)
{
  const Photo *photo = &g_array_index (self->photos, Photo, self->index);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->shown = FALSE;

  update_title (self);
  update_actions (self);
  gtk_picture_set_paintable (self->picture, NULL);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  hw_case_store_load_photo_async (self->store, photo->id, HW_CASE_PHOTO_MAX_BYTES, self->cancellable,
                                  loaded_cb, g_object_ref (self));
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HwCasePhotoViewer *self = HW_CASE_PHOTO_VIEWER (widget);

  if (g_str_equal (action_name, "viewer.next") && self->index + 1 < self->photos->len)
    self->index++;
  else if (g_str_equal (action_name, "viewer.previous") && self->index > 0)
    self->index--;
  else
    return;

  show_photo (self);
}

/* Object */

static void
hw_case_photo_viewer_dispose (GObject *object)
{
  HwCasePhotoViewer *self = HW_CASE_PHOTO_VIEWER (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (object), HW_TYPE_CASE_PHOTO_VIEWER);

  G_OBJECT_CLASS (hw_case_photo_viewer_parent_class)->dispose (object);
}

/* A query under way holds the window until it returns, maybe after the
 * parent is gone; closed, the window forgets the parent while it is there. */
static void
hw_case_photo_viewer_unrealize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (hw_case_photo_viewer_parent_class)->unrealize (widget);

  gtk_window_set_transient_for (GTK_WINDOW (widget), NULL);
}

static void
hw_case_photo_viewer_finalize (GObject *object)
{
  HwCasePhotoViewer *self = HW_CASE_PHOTO_VIEWER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->photos, g_array_unref);

  G_OBJECT_CLASS (hw_case_photo_viewer_parent_class)->finalize (object);
}

static void
hw_case_photo_viewer_class_init (HwCasePhotoViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hw_case_photo_viewer_dispose;
  object_class->finalize = hw_case_photo_viewer_finalize;
  widget_class->unrealize = hw_case_photo_viewer_unrealize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/homeward/Homeward/hw-case-photo-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, HwCasePhotoViewer, window_title);
  gtk_widget_class_bind_template_child (widget_class, HwCasePhotoViewer, stack);
  gtk_widget_class_bind_template_child (widget_class, HwCasePhotoViewer, spinner);
  gtk_widget_class_bind_template_child (widget_class, HwCasePhotoViewer, picture);
  gtk_widget_class_bind_template_child (widget_class, HwCasePhotoViewer, error_page);
  gtk_widget_class_bind_template_child (widget_class, HwCasePhotoViewer, previous_button);
  gtk_widget_class_bind_template_child (widget_class, HwCasePhotoViewer, next_button);

  gtk_widget_class_install_action (widget_class, "viewer.previous", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "viewer.next", NULL, move_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "viewer.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "viewer.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hw_case_photo_viewer_init (HwCasePhotoViewer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->photos = g_array_new (FALSE, FALSE, sizeof (Photo));
}

/**
 * hw_case_photo_viewer_new:
 * @parent: (nullable): the window of the case page
 * @store: where the photos are read from
 * @photos: (element-type HwCasePhoto): the case's photos
 * @index: the one to show first
 */
HwCasePhotoViewer *
hw_case_photo_viewer_new (GtkWindow   *parent,
                          HwCaseStore *store,
                          GPtrArray   *photos,
                          guint        index)
{
  HwCasePhotoViewer *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (HW_IS_CASE_STORE (store), NULL);
  g_return_val_if_fail (photos != NULL && index < photos->len, NULL);

  self = g_object_new (HW_TYPE_CASE_PHOTO_VIEWER,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  for (guint i = 0; i < photos->len; i++)
    {
      const HwCasePhoto *photo = g_ptr_array_index (photos, i);
      Photo copy = { photo->id, photo->width, photo->height, photo->taken_at };

      g_array_append_val (self->photos, copy);
    }
  self->index = index;

  show_photo (self);

  return self;
}

/* Returns: the position of the photo shown among the case's */
guint
hw_case_photo_viewer_get_index (HwCasePhotoViewer *self)
{
  g_return_val_if_fail (HW_IS_CASE_PHOTO_VIEWER (self), 0);

  return self->index;
}

gint64
hw_case_photo_viewer_get_photo_id (HwCasePhotoViewer *self)
{
  g_return_val_if_fail (HW_IS_CASE_PHOTO_VIEWER (self), 0);

  return g_array_index (self->photos, Photo, self->index).id;
}

/* Returns: whether the photo is decoded and shown */
gboolean
hw_case_photo_viewer_get_shown (HwCasePhotoViewer *self)
{
  g_return_val_if_fail (HW_IS_CASE_PHOTO_VIEWER (self), FALSE);

  return self->shown;
}
