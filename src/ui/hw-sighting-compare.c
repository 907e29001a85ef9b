/* hw-sighting-compare.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-sighting-compare"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-format.h"
#include "hw-sighting-compare.h"
#include "hw-ui-util.h"

/* A sighting and a candidate case side by side: their photos next to each
 * other, and the facts to weigh (DESIGN.md "Screens"): the child's age on
 * the day of the sighting and today against the apparent age, sex, marks
 * against the description, where and when. */

#define PHOTO_MAX_BYTES (8 * 1024 * 1024)
#define STRIP_SIZE      56
#define PHOTO_SIDE      720

struct _HwSightingCompare
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkButton      *link_button;
  GtkLabel       *sighting_heading;
  GtkPicture     *sighting_photo;
  GtkFlowBox     *sighting_strip;
  GtkLabel       *sighting_facts;
  GtkLabel       *case_heading;
  GtkPicture     *case_photo;
  GtkFlowBox     *case_strip;
  GtkLabel       *case_facts;

  HwCaseStore    *store;
  GCancellable   *cancellable;
  HwCandidate    *candidate;      /* owned by the page, which outlives us (modal) */
};

G_DEFINE_FINAL_TYPE (HwSightingCompare, hw_sighting_compare, ADW_TYPE_WINDOW)

enum {
  LINK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  HwSightingCompare *self;
  GtkPicture        *picture;
} PhotoData;

static void
photo_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  PhotoData *data = user_data;
  g_autoptr(HwSightingCompare) self = data->self;
  GtkPicture *picture = data->picture;
  g_autoptr(GBytes) content = hw_case_store_load_photo_finish (HW_CASE_STORE (object), result, NULL);

  g_free (data);
  if (content != NULL && self->cancellable != NULL)
    hw_picture_show_photo (picture, content, PHOTO_SIDE, self->cancellable);
}

/* The first photo big (its thumbnail until the file comes), the others as a strip. */
static void
show_photos (HwSightingCompare *self,
             GPtrArray         *photos,
             GtkPicture        *picture,
             GtkFlowBox        *strip)
{
  if (photos == NULL || photos->len == 0)
    {
      gtk_picture_set_paintable (picture, NULL);
      gtk_picture_set_alternative_text (picture, _("No photo"));
      return;
    }

  {
    HwCasePhoto *first = g_ptr_array_index (photos, 0);
    g_autoptr(GdkTexture) texture = hw_texture_from_thumbnail (first->thumbnail);
    PhotoData *data = g_new0 (PhotoData, 1);

    gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
    data->self = g_object_ref (self);
    data->picture = picture;
    hw_case_store_load_photo_async (self->store, first->id, PHOTO_MAX_BYTES, self->cancellable, photo_cb, data);
  }

  for (guint i = 1; i < photos->len; i++)
    gtk_flow_box_append (strip, hw_thumbnail_new (((HwCasePhoto *) g_ptr_array_index (photos, i))->thumbnail,
                                                  STRIP_SIZE));
}

static void
case_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HwSightingCompare) self = user_data;
  g_autoptr(HwCaseDetails) details = hw_case_store_load_finish (HW_CASE_STORE (object), result, NULL);

  if (details != NULL)
    show_photos (self, details->photos, self->case_photo, self->case_strip);
}

static GDate *
date_of (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (unix_time);
  GDate *date = g_date_new ();

  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (time), (GDateMonth) g_date_time_get_month (time),
                  (GDateYear) g_date_time_get_year (time));
  return date;
}

static void
link_clicked_cb (HwSightingCompare *self)
{
  g_signal_emit (self, signals[LINK], 0, self->candidate);
  gtk_window_close (GTK_WINDOW (self));
}

static void
hw_sighting_compare_dispose (GObject *object)
{
  HwSightingCompare *self = HW_SIGHTING_COMPARE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), HW_TYPE_SIGHTING_COMPARE);

  G_OBJECT_CLASS (hw_sighting_compare_parent_class)->dispose (object);
}

static void
hw_sighting_compare_class_init (HwSightingCompareClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hw_sighting_compare_dispose;

  /**
   * HwSightingCompare::link:
   * @candidate: (type gpointer): the HwCandidate to link
   */
  signals[LINK] =
    g_signal_new ("link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/homeward/Homeward/hw-sighting-compare.ui");
  gtk_widget_class_bind_template_child (widget_class, HwSightingCompare, window_title);
  gtk_widget_class_bind_template_child (widget_class, HwSightingCompare, link_button);
  gtk_widget_class_bind_template_child (widget_class, HwSightingCompare, sighting_heading);
  gtk_widget_class_bind_template_child (widget_class, HwSightingCompare, sighting_photo);
  gtk_widget_class_bind_template_child (widget_class, HwSightingCompare, sighting_strip);
  gtk_widget_class_bind_template_child (widget_class, HwSightingCompare, sighting_facts);
  gtk_widget_class_bind_template_child (widget_class, HwSightingCompare, case_heading);
  gtk_widget_class_bind_template_child (widget_class, HwSightingCompare, case_photo);
  gtk_widget_class_bind_template_child (widget_class, HwSightingCompare, case_strip);
  gtk_widget_class_bind_template_child (widget_class, HwSightingCompare, case_facts);
  gtk_widget_class_bind_template_callback (widget_class, link_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hw_sighting_compare_init (HwSightingCompare *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
hw_sighting_compare_new (GtkWindow               *parent,
                         HwCaseStore             *store,
                         const HwSightingDetails *sighting,
                         HwCandidate             *candidate)
{
  HwSightingCompare *self;
  HwSightingInfo *info;
  g_autofree char *age = NULL;
  g_autofree char *seen = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *number = NULL;
  GString *facts;
  gint64 seen_at;

  g_return_val_if_fail (HW_IS_CASE_STORE (store), NULL);
  g_return_val_if_fail (sighting != NULL && candidate != NULL, NULL);

  self = g_object_new (HW_TYPE_SIGHTING_COMPARE, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->candidate = candidate;
  info = sighting->info;
  seen_at = info->observed_at != HW_SIGHTING_NO_TIME ? info->observed_at : info->received_at;

  /* Translators: the window comparing sighting N with case NUMBER */
  number = g_strdup_printf ("%" G_GINT64_FORMAT, info->id);
  heading = g_strdup_printf (_("Sighting %s and %s"), number, candidate->case_number);
  adw_window_title_set_subtitle (self->window_title, heading);
  gtk_widget_set_sensitive (GTK_WIDGET (self->link_button), !candidate->linked);

  /* The sighting */
  {
    g_autofree char *title = g_strdup_printf (_("Sighting %s"), number);
    gtk_label_set_label (self->sighting_heading, title);
  }
  age = hw_sighting_format_age_range (info->age_min, info->age_max);
  seen = hw_format_unix_time (seen_at);
  facts = g_string_new (NULL);
  g_string_append_printf (facts, _("Apparent: %s, %s\n"), hw_sighting_sex_to_label (info->sex),
                          age != NULL ? age : _("age not given"));
  g_string_append_printf (facts, _("Seen: %s\n"), seen);
  if (info->place_text[0] != '\0')
    g_string_append_printf (facts, _("Where: %s\n"), info->place_text);
  if (info->description[0] != '\0')
    g_string_append_printf (facts, _("Description: %s"), info->description);
  gtk_label_set_label (self->sighting_facts, facts->str);
  g_string_free (facts, TRUE);
  show_photos (self, sighting->photos, self->sighting_photo, self->sighting_strip);

  /* The case */
  {
    g_autofree char *title = g_strdup_printf ("%s  %s", candidate->case_number, candidate->child_name);
    gtk_label_set_label (self->case_heading, title);
  }
  facts = g_string_new (NULL);
  g_string_append_printf (facts, _("Sex: %s\n"), hw_case_sex_to_label (candidate->sex));
  if (candidate->birth_date[0] != '\0')
    {
      g_autoptr(GDate) birth = g_date_new ();
      g_autoptr(GDate) then = date_of (seen_at);
      g_autoptr(GDate) today = date_of (g_get_real_time () / G_USEC_PER_SEC);

      g_date_set_parse (birth, candidate->birth_date);
      if (g_date_valid (birth))
        {
          g_autofree char *age_then = hw_format_age (birth, candidate->birth_precision, then);
          g_autofree char *age_now = hw_format_age (birth, candidate->birth_precision, today);

          /* Translators: the child's age on the day of the sighting, and today */
          g_string_append_printf (facts, _("Age when seen: %s (today %s)\n"), age_then, age_now);
        }
    }
  if (candidate->abducted_at != HW_SIGHTING_NO_TIME)
    {
      g_autofree char *abducted = hw_format_unix_time (candidate->abducted_at);
      g_string_append_printf (facts, _("Taken: %s, %s\n"), abducted, candidate->place);
    }
  if (candidate->marks[0] != '\0')
    g_string_append_printf (facts, _("Distinguishing marks: %s\n"), candidate->marks);
  {
    g_autofree char *total = g_strdup_printf ("%.1f", candidate->total);
    g_string_append_printf (facts, _("Score: %s"), total);
  }
  gtk_label_set_label (self->case_facts, facts->str);
  g_string_free (facts, TRUE);

  hw_case_store_load_async (store, candidate->case_id, HW_CASE_SECTION_PHOTOS, self->cancellable,
                            case_loaded_cb, g_object_ref (self));

  return GTK_WIDGET (self);
}
