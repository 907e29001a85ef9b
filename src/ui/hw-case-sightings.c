/* hw-case-sightings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-case-sightings"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-case-sightings.h"
#include "hw-db.h"
#include "hw-sighting-store.h"
#include "hw-case-watch.h"
#include "hw-ui-util.h"

/* The case page's part about sightings: the sightings linked to the case,
 * each with its first photo, its place and time, the link's confidence and
 * the latest verification step; and the case's verification timeline (the
 * steps on the case and on its links). A row opens its sighting
 * (win.open-sighting). Changes by others reload it a moment later. */

#define THUMBNAIL_SIZE   48
#define REFRESH_DELAY_MS 200

struct _HwCaseSightings
{
  GtkBox               parent_instance;

  AdwPreferencesGroup *links_group;
  AdwPreferencesGroup *timeline_group;
  GPtrArray           *rows;          /* rows added, each knowing its group */
  HwCaseVerification  *verification;  /* what is shown */

  HwCaseWatch         *watch;
  HwSightingStore     *store;         /* of the watch's session */
};

G_DEFINE_FINAL_TYPE (HwCaseSightings, hw_case_sightings, GTK_TYPE_BOX)


static void
add_row (HwCaseSightings     *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  hw_group_rows_add (self->rows, group, row);
}

static void
clear_rows (HwCaseSightings *self)
{
  hw_group_rows_clear (self->rows);
}

static void
placeholder (HwCaseSightings     *self,
             AdwPreferencesGroup *group,
             const char          *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  add_row (self, group, row);
}

static void
row_activated_cb (AdwActionRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "hw-sighting-id");

  gtk_widget_activate_action (GTK_WIDGET (row), "win.open-sighting", "x", *id);
}

static GtkWidget *
link_row (HwCaseLinkInfo *link)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *received = hw_format_unix_time (link->sighting_received_at);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, link->sighting_id);
  /* Translators: a linked sighting on the case page: its number and place */
  g_autofree char *title = g_strdup_printf (_("Sighting %s · %s"), number, link->sighting_place);
  g_autofree char *confidence_class = g_strconcat ("confidence-", link->confidence, NULL);
  GString *subtitle = g_string_new (NULL);
  gint64 *id = g_new (gint64, 1);

  /* Translators: when the sighting came in, then the link's rationale */
  g_string_append_printf (subtitle, _("Received %s · %s"), received, link->rationale);
  if (link->latest_step != NULL)
    {
      g_string_append_c (subtitle, '\n');
      /* Translators: the latest verification step of a linked sighting */
      g_string_append_printf (subtitle, _("Latest step: %s"), link->latest_step);
    }
  if (link->withdrawn)
    {
      g_string_append_c (subtitle, '\n');
      g_string_append_printf (subtitle, _("Withdrawn: %s"), link->withdrawn_reason);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  g_string_free (subtitle, TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), hw_thumbnail_new (link->thumbnail, THUMBNAIL_SIZE));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             hw_pill_new (link->withdrawn ? _("Withdrawn") : hw_link_confidence_to_label (link->confidence),
                                          link->withdrawn ? "withdrawn" : confidence_class));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  if (link->withdrawn)
    gtk_widget_add_css_class (row, "dim-label");

  *id = link->sighting_id;
  g_object_set_data_full (G_OBJECT (row), "hw-sighting-id", id, g_free);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), NULL);

  return row;
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HwCaseSightings) self = user_data;
  g_autoptr(GError) error = NULL;
  HwCaseVerification *verification = hw_sighting_store_load_case_finish (HW_SIGHTING_STORE (object), result, &error);

  if (verification == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          clear_rows (self);
          placeholder (self, self->links_group, error->message);
        }
      return;
    }

  g_clear_pointer (&self->verification, hw_case_verification_free);
  self->verification = verification;
  clear_rows (self);

  {
    g_autofree char *title = g_strdup_printf (_("Linked Sightings (%u)"), verification->links->len);
    adw_preferences_group_set_title (self->links_group, title);
  }
  if (verification->links->len == 0)
    placeholder (self, self->links_group, _("No sighting is linked to this case yet"));
  for (guint i = 0; i < verification->links->len; i++)
    add_row (self, self->links_group, link_row (g_ptr_array_index (verification->links, i)));

  if (verification->steps->len == 0)
    placeholder (self, self->timeline_group, _("No verification steps yet"));
  for (guint i = 0; i < verification->steps->len; i++)
    add_row (self, self->timeline_group,
             hw_verification_step_row_new (g_ptr_array_index (verification->steps, i), NULL, NULL));
}

/* The watch's load: the linked sightings and timeline of @case_id, or nothing. */
static void
load (gpointer      owner,
      HwSession    *session,
      gint64        case_id,
      GCancellable *cancellable)
{
  HwCaseSightings *self = owner;

  if (session == NULL)
    {
      clear_rows (self);
      return;
    }

  if (self->store == NULL || hw_sighting_store_get_session (self->store) != session)
    {
      g_clear_object (&self->store);
      self->store = hw_sighting_store_new (session);
    }
  hw_sighting_store_load_case_async (self->store, case_id, cancellable, loaded_cb, g_object_ref (self));
}

static void
hw_case_sightings_dispose (GObject *object)
{
  HwCaseSightings *self = HW_CASE_SIGHTINGS (object);

  g_clear_pointer (&self->watch, hw_case_watch_free);
  g_clear_object (&self->store);
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);

  G_OBJECT_CLASS (hw_case_sightings_parent_class)->dispose (object);
}

static void
hw_case_sightings_finalize (GObject *object)
{
  HwCaseSightings *self = HW_CASE_SIGHTINGS (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->verification, hw_case_verification_free);

  G_OBJECT_CLASS (hw_case_sightings_parent_class)->finalize (object);
}

static void
hw_case_sightings_class_init (HwCaseSightingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hw_case_sightings_dispose;
  object_class->finalize = hw_case_sightings_finalize;
}

static void
hw_case_sightings_init (HwCaseSightings *self)
{
  static const char * const tables[] = { "case_link", "verification_step", NULL };

  self->watch = hw_case_watch_new (self, tables, REFRESH_DELAY_MS, load);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 24);
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);

  self->links_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->links_group, _("Linked Sightings"));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->links_group));

  self->timeline_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->timeline_group, _("Verification Timeline"));
  adw_preferences_group_set_description (self->timeline_group,
                                         _("Steps on the case and on its linked sightings, oldest first."));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->timeline_group));
}

/* Shows the sightings of @case_id (0: none) as @session reads them. */
void
hw_case_sightings_set_case (HwCaseSightings *self,
                            HwSession       *session,
                            gint64           case_id)
{
  g_return_if_fail (HW_IS_CASE_SIGHTINGS (self));

  hw_case_watch_set_case (self->watch, session, case_id);
}
