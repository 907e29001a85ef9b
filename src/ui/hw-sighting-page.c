/* hw-sighting-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-sighting-page"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-case-photo-viewer.h"
#include "hw-db.h"
#include "hw-sighting-compare.h"
#include "hw-sighting-page.h"
#include "hw-ui-util.h"

/* A sighting's page (DESIGN.md "Screens"): the photo large, what was seen,
 * where and when and who reported it, the repost group as a strip of
 * thumbnails, the cases it is linked to, the ranked candidate cases with
 * each factor's part of the score, and the verification timeline.
 *
 * Every change goes to the database at once (there is no form to save):
 * claiming, assigning, priority, status with a reason, links with a
 * confidence and a rationale, steps. Changes by others (NOTIFY) reload the
 * page a moment later. */

#define CANDIDATES        20
#define STRIP_SIZE        64
#define REFRESH_DELAY_MS  150
/* The big photo comes from the stored file when it is not too big to
 * decode at once (otherwise the thumbnail stays). */
#define BIG_PHOTO_MAX_BYTES (4 * 1024 * 1024)
#define BIG_PHOTO_SIDE      640

struct _HwSightingPage
{
  AdwBin               parent_instance;

  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_page;
  GtkPicture          *photo;
  GtkButton           *photo_button;
  GtkLabel            *title_label;
  GtkBox              *pills;
  GtkLabel            *facts_label;
  GtkFlowBox          *photo_strip;
  GtkButton           *claim_button;
  GtkDropDown         *priority_dropdown;
  AdwPreferencesGroup *group_group;
  GtkFlowBox          *group_strip;
  AdwPreferencesGroup *details_group;
  AdwPreferencesGroup *links_group;
  AdwPreferencesGroup *candidates_group;
  AdwPreferencesGroup *timeline_group;

  HwSession           *session;
  HwSightingStore     *store;
  HwCaseStore         *case_store;
  GCancellable        *cancellable;
  HwSightingDetails   *details;
  GPtrArray           *candidates;     /* HwCandidate */
  GPtrArray           *rows;           /* rows added to the groups, to remove on reload */
  gint64               sighting_id;
  guint                refresh_source;
  gboolean             updating;
};

G_DEFINE_FINAL_TYPE (HwSightingPage, hw_sighting_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

enum {
  CHANGED,
  OPEN_CASE,
  OPEN_SIGHTING,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void load (HwSightingPage *self);

/* Helpers */

static void
add_row (HwSightingPage      *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  hw_group_rows_add (self->rows, group, row);
}

static void
clear_rows (HwSightingPage *self)
{
  hw_group_rows_clear (self->rows);
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)))
    {
      if (GTK_IS_FLOW_BOX (box))
        gtk_flow_box_remove (GTK_FLOW_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

static GtkWidget *
text_row (const char *title,
          const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");

  return row;
}

static void
report (HwSightingPage *self,
        const char     *what,
        const GError   *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Translators: "Could not link the case: <why>" */
  message = g_strdup_printf (C_("failure", "%s: %s"), what, error->message);
  hw_show_toast (GTK_WIDGET (self), message);
}

/* After a write of ours: reload, and tell the window (our own NOTIFYs do
 * not come back to this connection). */
static void
written (HwSightingPage *self,
         const char     *toast)
{
  if (toast != NULL)
    hw_show_toast (GTK_WIDGET (self), toast);
  g_signal_emit (self, signals[CHANGED], 0);
  load (self);
}

/* Showing */

static const char *
title (HwSightingPage *self)
{
  return g_object_get_data (G_OBJECT (self), "hw-title");
}

static void
set_title (HwSightingPage *self,
           const char     *text)
{
  g_object_set_data_full (G_OBJECT (self), "hw-title", g_strdup (text), g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
open_photo (HwSightingPage *self,
            guint           index)
{
  HwCasePhotoViewer *viewer;

  if (self->details == NULL || self->details->photos == NULL || index >= self->details->photos->len)
    return;

  viewer = hw_case_photo_viewer_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->case_store,
                                     self->details->photos, index);
  gtk_window_present (GTK_WINDOW (viewer));
}

static void
photo_thumbnail_clicked_cb (GtkButton      *button,
                            HwSightingPage *self)
{
  open_photo (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "hw-index")));
}

static void
photo_clicked_cb (HwSightingPage *self)
{
  open_photo (self, 0);
}

static void
member_clicked_cb (GtkButton      *button,
                   HwSightingPage *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "hw-id");

  g_signal_emit (self, signals[OPEN_SIGHTING], 0, *id);
}

static void
first_photo_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HwSightingPage) self = user_data;
  g_autoptr(GBytes) content = hw_case_store_load_photo_finish (HW_CASE_STORE (object), result, NULL);

  /* The thumbnail stays when the file is too big or no picture. */
  if (content != NULL && self->cancellable != NULL)
    hw_picture_show_photo (self->photo, content, BIG_PHOTO_SIDE, self->cancellable);
}

static void
show_photos (HwSightingPage *self)
{
  GPtrArray *photos = self->details->photos;
  g_autoptr(GdkTexture) texture = NULL;

  clear_box (GTK_WIDGET (self->photo_strip));

  if (photos->len > 0)
    texture = hw_texture_from_thumbnail (((HwCasePhoto *) g_ptr_array_index (photos, 0))->thumbnail);
  gtk_picture_set_paintable (self->photo, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->photo_button), texture != NULL);

  if (photos->len > 0)
    {
      /* The first photo, big, comes from its stored file. */
      hw_case_store_load_photo_async (self->case_store, ((HwCasePhoto *) g_ptr_array_index (photos, 0))->id,
                                      BIG_PHOTO_MAX_BYTES, self->cancellable, first_photo_cb, g_object_ref (self));
    }

  for (guint i = 1; photos->len > 1 && i < photos->len; i++)
    {
      HwCasePhoto *photo = g_ptr_array_index (photos, i);
      GtkWidget *button = gtk_button_new ();

      gtk_button_set_child (GTK_BUTTON (button), hw_thumbnail_new (photo->thumbnail, STRIP_SIZE));
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Open the photo"));
      g_object_set_data (G_OBJECT (button), "hw-index", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (photo_thumbnail_clicked_cb), self);
      gtk_flow_box_append (self->photo_strip, button);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->photo_strip), photos->len > 1);
}

static void
show_header (HwSightingPage *self)
{
  HwSightingInfo *info = self->details->info;
  g_autofree char *age = hw_sighting_format_age_range (info->age_min, info->age_max);
  g_autofree char *received = hw_format_unix_time (info->received_at);
  g_autofree char *heading = NULL;
  g_autofree char *status_class = g_strconcat ("sighting-", info->status, NULL);
  g_autofree char *priority_class = g_strconcat ("priority-", info->priority, NULL);
  GString *facts = g_string_new (NULL);
  const char * const *priorities = hw_case_get_priorities ();
  gboolean mine = info->officer_id != 0 && info->officer_id == hw_session_get_officer_id (self->session);

  /* Translators: the sighting page's heading: "Girl, about 6" */
  heading = age != NULL ? g_strdup_printf (C_("sighting heading", "%s, %s"), hw_sighting_sex_to_label (info->sex), age)
                        : g_strdup (hw_sighting_sex_to_label (info->sex));
  gtk_label_set_label (self->title_label, heading);
  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, info->id);
    /* Translators: the title of a sighting's page: its number */
    g_autofree char *page_title = g_strdup_printf (_("Sighting %s"), number);
    set_title (self, page_title);
  }

  clear_box (GTK_WIDGET (self->pills));
  if (info->overdue)
    gtk_box_append (self->pills, hw_pill_new (_("Overdue"), "overdue"));
  gtk_box_append (self->pills, hw_pill_new (hw_sighting_status_to_label (info->status), status_class));
  gtk_box_append (self->pills, hw_pill_new (hw_case_priority_to_label (info->priority), priority_class));

  /* Translators: how and when a tip came in: "Hotline · 3 hours ago · 2026-12-02" */
  g_string_append_printf (facts, _("%s · received %s"), hw_sighting_channel_to_label (info->channel), received);
  if (info->triage_deadline != HW_SIGHTING_NO_TIME && g_strcmp0 (info->status, "new") == 0)
    {
      g_autofree char *deadline = hw_format_unix_time (info->triage_deadline);

      g_string_append_c (facts, '\n');
      g_string_append_printf (facts, _("Triage due %s"), deadline);
    }
  g_string_append_c (facts, '\n');
  if (info->officer_name[0] != '\0')
    g_string_append_printf (facts, _("Assigned to %s"), info->officer_name);
  else
    g_string_append (facts, _("Not assigned"));
  if (info->status_reason[0] != '\0')
    {
      g_string_append_c (facts, '\n');
      g_string_append_printf (facts, _("Reason: %s"), info->status_reason);
    }
  gtk_label_set_label (self->facts_label, facts->str);
  g_string_free (facts, TRUE);

  gtk_widget_set_visible (GTK_WIDGET (self->claim_button), !mine);

  self->updating = TRUE;
  for (guint i = 0; priorities[i] != NULL; i++)
    if (g_str_equal (priorities[i], info->priority))
      gtk_drop_down_set_selected (self->priority_dropdown, i);
  self->updating = FALSE;
}

static void
show_group (HwSightingPage *self)
{
  HwSightingInfo *info = self->details->info;
  GPtrArray *group = self->details->group;

  clear_box (GTK_WIDGET (self->group_strip));
  gtk_widget_set_visible (GTK_WIDGET (self->group_group), info->group_id != 0);
  if (info->group_id == 0)
    return;

  {
    g_autofree char *first = hw_format_unix_time (info->first_seen_at);
    g_autofree char *last = hw_format_unix_time (info->last_seen_at);
    g_autofree char *description =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "The same photo came in %d time. First seen %s; last seen %s.",
                                    "The same photo came in %d times. First seen %s; last seen %s.",
                                    (gulong) info->repost_count),
                       info->repost_count, first, last);

    adw_preferences_group_set_description (self->group_group, description);
  }

  for (guint i = 0; i < group->len; i++)
    {
      HwRepostMember *member = g_ptr_array_index (group, i);
      g_autofree char *received = hw_format_unix_time (member->received_at);
      g_autofree char *tooltip = g_strdup_printf ("%s · %s · %s%s%s", hw_sighting_channel_to_label (member->channel),
                                                  hw_sighting_status_to_label (member->status), received,
                                                  member->source_ref[0] != '\0' ? "\n" : "", member->source_ref);
      GtkWidget *button = gtk_button_new ();
      gint64 *id = g_new (gint64, 1);

      *id = member->id;
      gtk_button_set_child (GTK_BUTTON (button), hw_thumbnail_new (member->thumbnail, STRIP_SIZE));
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data_full (G_OBJECT (button), "hw-id", id, g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (member_clicked_cb), self);
      gtk_flow_box_append (self->group_strip, button);
    }
}

static void
show_details (HwSightingPage *self)
{
  HwSightingInfo *info = self->details->info;
  g_autofree char *age = hw_sighting_format_age_range (info->age_min, info->age_max);

  if (info->observed_at != HW_SIGHTING_NO_TIME)
    {
      g_autofree char *observed = hw_format_unix_time (info->observed_at);
      add_row (self, self->details_group, text_row (_("Seen"), observed));
    }
  if (info->place_text[0] != '\0' || info->region_code[0] != '\0')
    {
      g_autofree char *place = info->region_code[0] != '\0'
                               ? g_strdup_printf ("%s (%s)", info->place_text, info->region_code)
                               : g_strdup (info->place_text);
      add_row (self, self->details_group, text_row (_("Place"), place));
    }
  if (info->description[0] != '\0')
    add_row (self, self->details_group, text_row (_("Description"), info->description));
  {
    g_autofree char *apparent = age != NULL ? g_strdup_printf ("%s, %s", hw_sighting_sex_to_label (info->sex), age)
                                            : g_strdup (hw_sighting_sex_to_label (info->sex));
    add_row (self, self->details_group, text_row (_("Apparent child"), apparent));
  }
  if (info->context[0] != NULL)
    {
      GString *context = g_string_new (NULL);

      for (guint i = 0; info->context[i] != NULL; i++)
        g_string_append_printf (context, "%s%s", i > 0 ? _(", ") : "", hw_sighting_context_to_label (info->context[i]));
      add_row (self, self->details_group, text_row (_("Circumstances"), context->str));
      g_string_free (context, TRUE);
    }
  if (info->reporter_anonymous)
    add_row (self, self->details_group, text_row (_("Reporter"), _("Anonymous (asked not to be named)")));
  else if (info->reporter_name[0] != '\0' || info->reporter_contact[0] != '\0')
    {
      g_autofree char *reporter = g_strdup_printf ("%s%s%s", info->reporter_name,
                                                   info->reporter_name[0] != '\0' && info->reporter_contact[0] != '\0'
                                                   ? " · " : "", info->reporter_contact);
      add_row (self, self->details_group, text_row (_("Reporter"), reporter));
    }
  if (info->source_ref[0] != '\0')
    add_row (self, self->details_group, text_row (_("Source"), info->source_ref));
}

/* Links */

static void
open_case_clicked_cb (GtkButton      *button,
                      HwSightingPage *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "hw-id");

  g_signal_emit (self, signals[OPEN_CASE], 0, *id);
}

static void
withdrawn_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(HwSightingPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (hw_sighting_store_write_finish (HW_SIGHTING_STORE (object), result, &error) == 0 && error != NULL)
    report (self, _("Could not withdraw the link"), error);
  else
    written (self, _("Link withdrawn"));
}

static void
withdraw_done (GtkWidget *owner,
               GtkWidget *content)
{
  HwSightingPage *self = HW_SIGHTING_PAGE (owner);
  HwCaseLinkInfo *link = g_object_get_data (G_OBJECT (content), "hw-link");
  GtkEditable *reason = g_object_get_data (G_OBJECT (content), "hw-reason");

  hw_sighting_store_withdraw_link_async (self->store, link->id, link->version, gtk_editable_get_text (reason),
                                         self->cancellable, withdrawn_cb, g_object_ref (self));
}

static void
withdraw_clicked_cb (GtkButton      *button,
                     HwSightingPage *self)
{
  HwCaseLinkInfo *link = g_object_get_data (G_OBJECT (button), "hw-link");
  GtkWidget *box = hw_form_box ();
  GtkWidget *reason = hw_form_field (box, _("_Reason"), gtk_entry_new ());
  g_autofree char *heading = g_strdup_printf (_("Withdraw the Link to %s?"), link->case_number);

  gtk_entry_set_activates_default (GTK_ENTRY (reason), TRUE);
  g_object_set_data (G_OBJECT (box), "hw-link", link);
  g_object_set_data (G_OBJECT (box), "hw-reason", reason);
  hw_form_run (GTK_WIDGET (self), heading, _("The link stays on record, marked withdrawn with your reason."),
            _("_Withdraw"), box, reason, withdraw_done);
}

static GtkWidget *
link_row (HwSightingPage *self,
          HwCaseLinkInfo *link)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *open = gtk_button_new_from_icon_name ("go-next-symbolic");
  g_autofree char *title = g_strdup_printf ("%s  %s", link->case_number, link->child_name);
  g_autofree char *linked = hw_format_unix_time (link->linked_at);
  g_autofree char *subtitle = NULL;
  g_autofree char *confidence_class = g_strconcat ("confidence-", link->confidence, NULL);
  gint64 *id = g_new (gint64, 1);

  if (link->withdrawn)
    /* Translators: a withdrawn link: its rationale, who linked, when, why withdrawn */
    subtitle = g_strdup_printf (_("%s\nLinked by %s %s · withdrawn: %s"), link->rationale, link->linked_by, linked,
                                link->withdrawn_reason);
  else
    /* Translators: a link: its rationale, who linked and when */
    subtitle = g_strdup_printf (_("%s\nLinked by %s %s"), link->rationale, link->linked_by, linked);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             hw_pill_new (link->withdrawn ? _("Withdrawn") : hw_link_confidence_to_label (link->confidence),
                                          link->withdrawn ? "withdrawn" : confidence_class));
  if (link->withdrawn)
    gtk_widget_add_css_class (row, "dim-label");
  else
    {
      GtkWidget *withdraw = gtk_button_new_with_mnemonic (_("_Withdraw…"));

      gtk_widget_set_valign (withdraw, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (withdraw, "flat");
      g_object_set_data (G_OBJECT (withdraw), "hw-link", link);
      g_signal_connect (withdraw, "clicked", G_CALLBACK (withdraw_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), withdraw);
    }

  *id = link->case_id;
  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (open, _("Open the case"));
  gtk_widget_add_css_class (open, "flat");
  g_object_set_data_full (G_OBJECT (open), "hw-id", id, g_free);
  g_signal_connect (open, "clicked", G_CALLBACK (open_case_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);

  return row;
}

static void
show_links (HwSightingPage *self)
{
  GPtrArray *links = self->details->links;

  if (links->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Not linked to any case yet"));
      gtk_widget_add_css_class (row, "dim-label");
      add_row (self, self->links_group, row);
    }
  for (guint i = 0; i < links->len; i++)
    add_row (self, self->links_group, link_row (self, g_ptr_array_index (links, i)));
}

/* Candidates */

static void
linked_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HwSightingPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (hw_sighting_store_write_finish (HW_SIGHTING_STORE (object), result, &error) == 0 && error != NULL)
    report (self, _("Could not link the case"), error);
  else
    written (self, _("Sighting linked to the case"));
}

static void
link_done (GtkWidget *owner,
           GtkWidget *content)
{
  HwSightingPage *self = HW_SIGHTING_PAGE (owner);
  gint64 *case_id = g_object_get_data (G_OBJECT (content), "hw-case-id");
  GtkDropDown *confidence = g_object_get_data (G_OBJECT (content), "hw-confidence");
  GtkWidget *rationale = g_object_get_data (G_OBJECT (content), "hw-rationale");
  g_autofree char *text = hw_form_text_view_get_text (rationale);

  hw_sighting_store_link_async (self->store, self->sighting_id, *case_id,
                                hw_sighting_get_confidences ()[gtk_drop_down_get_selected (confidence)], text,
                                self->cancellable, linked_cb, g_object_ref (self));
}

/* Asks for the confidence and the rationale of a link to @candidate. */
static void
ask_link (HwSightingPage *self,
          HwCandidate    *candidate)
{
  GtkWidget *box = hw_form_box ();
  GtkWidget *confidence = hw_form_field (box, _("_Confidence"),
                                      hw_form_dropdown (hw_sighting_get_confidences (), hw_link_confidence_to_label));
  GtkWidget *rationale = hw_form_field (box, _("_Rationale"), hw_form_text_view ());
  g_autofree char *heading = g_strdup_printf (_("Link to %s %s"), candidate->case_number, candidate->child_name);
  gint64 *case_id = g_new (gint64, 1);

  *case_id = candidate->case_id;
  g_object_set_data_full (G_OBJECT (box), "hw-case-id", case_id, g_free);
  g_object_set_data (G_OBJECT (box), "hw-confidence", confidence);
  g_object_set_data (G_OBJECT (box), "hw-rationale", rationale);
  hw_form_run (GTK_WIDGET (self), heading, _("Say why you think the sighting is about this child: what you compared and what agrees."),
            _("_Link"), box, hw_form_text_view_get_view (rationale), link_done);
}

static void
link_clicked_cb (GtkButton      *button,
                 HwSightingPage *self)
{
  ask_link (self, g_object_get_data (G_OBJECT (button), "hw-candidate"));
}

static void
compare_link_cb (HwSightingPage *self,
                 HwCandidate    *candidate)
{
  ask_link (self, candidate);
}

static void
compare_clicked_cb (GtkButton      *button,
                    HwSightingPage *self)
{
  HwCandidate *candidate = g_object_get_data (G_OBJECT (button), "hw-candidate");
  GtkWidget *compare;

  if (self->details == NULL)
    return;

  compare = hw_sighting_compare_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->case_store,
                                     self->details, candidate);
  g_signal_connect_object (compare, "link", G_CALLBACK (compare_link_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (compare));
}

/* One factor's part as a bar from the middle: right and green when it adds,
 * left and red when it takes away, scaled to what the factor can do. */
static void
draw_factor (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  HwCandidate *candidate = g_object_get_data (G_OBJECT (area), "hw-candidate");
  HwCandidateFactor factor = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "hw-factor"));
  double value = candidate->factors[factor];
  double min, max, mid = width / 2.0, span;
  GdkRGBA fg;

  hw_candidate_factor_range (factor, &min, &max);
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (GTK_WIDGET (area), &fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
#endif

  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
  cairo_rectangle (cr, 0, height / 2.0 - 3, width, 6);
  cairo_fill (cr);

  if (value > 0)
    {
      span = MIN (1.0, value / MAX (max, 0.001)) * (width / 2.0);
      cairo_set_source_rgba (cr, 0.18, 0.62, 0.33, 1.0);
      cairo_rectangle (cr, mid, height / 2.0 - 3, span, 6);
    }
  else
    {
      span = MIN (1.0, -value / MAX (-min, 0.001)) * (width / 2.0);
      cairo_set_source_rgba (cr, 0.85, 0.25, 0.2, 1.0);
      cairo_rectangle (cr, mid - span, height / 2.0 - 3, span, 6);
    }
  cairo_fill (cr);

  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.5);
  cairo_rectangle (cr, mid - 0.5, 0, 1, height);
  cairo_fill (cr);
}

static char *
signed_score (double value)
{
  /* U+2212 minus sign, so that columns of numbers read well */
  return value < -0.005 ? g_strdup_printf ("−%.1f", -value) : g_strdup_printf ("+%.1f", value);
}

static GtkWidget *
candidate_row (HwSightingPage *self,
               HwCandidate    *candidate,
               guint           rank)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *compare = gtk_button_new_with_mnemonic (_("_Compare"));
  GtkWidget *link = gtk_button_new_with_mnemonic (candidate->linked ? _("Linked") : _("_Link…"));
  g_autofree char *title = g_strdup_printf ("%u. %s  %s", rank, candidate->case_number, candidate->child_name);
  g_autofree char *total = signed_score (candidate->total);
  GString *subtitle = g_string_new (NULL);
  GtkWidget *score = gtk_label_new (total);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  for (guint f = 0; f < HW_CANDIDATE_N_FACTORS; f++)
    {
      g_autofree char *value = signed_score (candidate->factors[f]);
      GtkWidget *name = gtk_label_new (hw_candidate_factor_to_label (f));
      GtkWidget *bar = gtk_drawing_area_new ();
      GtkWidget *number = gtk_label_new (value);

      /* Translators: one factor of a candidate's score: "Photo +3.7" */
      g_string_append_printf (subtitle, "%s%s %s", f > 0 ? "  " : "", hw_candidate_factor_to_label (f), value);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_xalign (GTK_LABEL (number), 1);
      gtk_widget_add_css_class (number, "numeric");
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (bar), 200);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (bar), 14);
      gtk_widget_set_hexpand (bar, TRUE);
      g_object_set_data (G_OBJECT (bar), "hw-candidate", candidate);
      g_object_set_data (G_OBJECT (bar), "hw-factor", GUINT_TO_POINTER (f));
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (bar), draw_factor, NULL, NULL);
      gtk_grid_attach (GTK_GRID (grid), name, 0, (int) f, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), bar, 1, (int) f, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), number, 2, (int) f, 1, 1);
    }
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);
  g_string_free (subtitle, TRUE);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), hw_thumbnail_new (candidate->thumbnail, 40));
  gtk_widget_add_css_class (score, "title-4");
  gtk_widget_add_css_class (score, "numeric");
  gtk_widget_set_tooltip_text (score, _("Score: the sum of the factors"));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), score);

  g_object_set_data (G_OBJECT (compare), "hw-candidate", candidate);
  g_object_set_data (G_OBJECT (link), "hw-candidate", candidate);
  g_signal_connect (compare, "clicked", G_CALLBACK (compare_clicked_cb), self);
  g_signal_connect (link, "clicked", G_CALLBACK (link_clicked_cb), self);
  gtk_widget_set_sensitive (link, !candidate->linked);
  gtk_widget_add_css_class (link, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), compare);
  gtk_box_append (GTK_BOX (buttons), link);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), grid);
  gtk_box_append (GTK_BOX (box), buttons);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), box);

  return row;
}

static void
candidates_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HwSightingPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) candidates = hw_sighting_store_candidates_finish (HW_SIGHTING_STORE (object), result, &error);

  if (candidates == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GtkWidget *row = text_row (_("Could not rank the open cases"), error->message);
          add_row (self, self->candidates_group, row);
        }
      return;
    }

  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  self->candidates = g_steal_pointer (&candidates);
  for (guint i = 0; i < self->candidates->len; i++)
    add_row (self, self->candidates_group, candidate_row (self, g_ptr_array_index (self->candidates, i), i + 1));
  if (self->candidates->len == 0)
    add_row (self, self->candidates_group, text_row (_("No open cases"), ""));
}

/* Timeline */

static void
step_added_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HwSightingPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (hw_sighting_store_write_finish (HW_SIGHTING_STORE (object), result, &error) == 0 && error != NULL)
    report (self, _("Could not record the step"), error);
  else
    written (self, _("Step recorded"));
}

static void
step_done (GtkWidget *owner,
           GtkWidget *content)
{
  HwSightingPage *self = HW_SIGHTING_PAGE (owner);
  GtkDropDown *kind = g_object_get_data (G_OBJECT (content), "hw-kind");
  GtkDropDown *target = g_object_get_data (G_OBJECT (content), "hw-target");
  GtkEditable *outcome = g_object_get_data (G_OBJECT (content), "hw-outcome");
  GtkWidget *notes = g_object_get_data (G_OBJECT (content), "hw-notes");
  HwVerificationStep *corrects = g_object_get_data (G_OBJECT (content), "hw-corrects");
  g_autofree char *notes_text = hw_form_text_view_get_text (notes);
  guint selected = target != NULL ? gtk_drop_down_get_selected (target) : 0;
  gint64 link_id = 0, case_id = 0;
  GPtrArray *active = g_object_get_data (G_OBJECT (content), "hw-links");

  /* The first choice is the sighting itself; then its active links. */
  if (corrects != NULL)
    {
      link_id = corrects->link_id;
      case_id = corrects->link_id == 0 ? corrects->case_id : 0;
    }
  else if (selected > 0 && active != NULL && selected - 1 < active->len)
    {
      HwCaseLinkInfo *link = g_ptr_array_index (active, selected - 1);

      link_id = link->id;
    }

  hw_sighting_store_add_step_async (self->store, self->sighting_id, link_id, case_id,
                                    hw_sighting_get_step_kinds ()[gtk_drop_down_get_selected (kind)],
                                    gtk_editable_get_text (outcome), notes_text,
                                    corrects != NULL ? corrects->id : 0,
                                    self->cancellable, step_added_cb, g_object_ref (self));
}

/* Asks for a step on the sighting or one of its links, or for the
 * correction of @corrects. */
static void
ask_step (HwSightingPage     *self,
          HwVerificationStep *corrects)
{
  GtkWidget *box = hw_form_box ();
  GtkWidget *kind = hw_form_field (box, _("_Kind"), hw_form_dropdown (hw_sighting_get_step_kinds (), hw_step_kind_to_label));
  GtkWidget *target = NULL;
  GtkWidget *outcome, *notes;
  GPtrArray *active = g_ptr_array_new ();
  g_autofree char *heading = NULL;

  if (corrects == NULL && self->details != NULL)
    {
      g_autoptr(GtkStringList) targets = gtk_string_list_new (NULL);

      gtk_string_list_append (targets, _("The sighting"));
      for (guint i = 0; i < self->details->links->len; i++)
        {
          HwCaseLinkInfo *link = g_ptr_array_index (self->details->links, i);
          g_autofree char *label = NULL;

          if (link->withdrawn)
            continue;
          /* Translators: a verification step about the link to a case */
          label = g_strdup_printf (_("The link to %s"), link->case_number);
          gtk_string_list_append (targets, label);
          g_ptr_array_add (active, link);
        }
      if (active->len > 0)
        target = hw_form_field (box, _("_About"), gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&targets)), NULL));
    }

  outcome = hw_form_field (box, _("_Outcome"), gtk_entry_new ());
  notes = hw_form_field (box, _("_Notes"), hw_form_text_view ());
  g_object_set_data (G_OBJECT (box), "hw-kind", kind);
  g_object_set_data (G_OBJECT (box), "hw-target", target);
  g_object_set_data (G_OBJECT (box), "hw-outcome", outcome);
  g_object_set_data (G_OBJECT (box), "hw-notes", notes);
  g_object_set_data_full (G_OBJECT (box), "hw-links", active, (GDestroyNotify) g_ptr_array_unref);

  if (corrects != NULL)
    {
      const char * const *kinds = hw_sighting_get_step_kinds ();

      g_object_set_data (G_OBJECT (box), "hw-corrects", corrects);
      for (guint i = 0; kinds[i] != NULL; i++)
        if (g_str_equal (kinds[i], corrects->kind))
          gtk_drop_down_set_selected (GTK_DROP_DOWN (kind), i);
      gtk_editable_set_text (GTK_EDITABLE (outcome), corrects->outcome);
      heading = g_strdup (_("Correct the Step"));
    }
  else
    heading = g_strdup (_("Add a Verification Step"));

  hw_form_run (GTK_WIDGET (self), heading,
            corrects != NULL ? _("Steps are never changed: the correction is a new step that refers to this one.")
                             : _("What was done to verify the sighting, and what came of it."),
            _("_Record"), box, outcome, step_done);
}

static void
correct_clicked_cb (GtkButton      *button,
                    HwSightingPage *self)
{
  ask_step (self, g_object_get_data (G_OBJECT (button), "hw-step"));
}

static void
show_timeline (HwSightingPage *self)
{
  GPtrArray *steps = self->details->steps;

  if (steps->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No steps yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Record what was done to verify this sighting."));
      gtk_widget_add_css_class (row, "dim-label");
      add_row (self, self->timeline_group, row);
    }

  for (guint i = 0; i < steps->len; i++)
    add_row (self, self->timeline_group,
             hw_verification_step_row_new (g_ptr_array_index (steps, i), G_CALLBACK (correct_clicked_cb), self));
}

/* Loading */

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HwSightingPage) self = user_data;
  g_autoptr(GError) error = NULL;
  HwSightingDetails *details = hw_sighting_store_load_finish (HW_SIGHTING_STORE (object), result, &error);

  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (details == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_clear_pointer (&self->details, hw_sighting_details_free);
  self->details = details;

  clear_rows (self);
  show_header (self);
  show_photos (self);
  show_group (self);
  show_details (self);
  show_links (self);
  show_timeline (self);
  gtk_stack_set_visible_child_name (self->stack, "sighting");

  hw_sighting_store_candidates_async (self->store, self->sighting_id, CANDIDATES, self->cancellable,
                                      candidates_cb, g_object_ref (self));
}

static void
load (HwSightingPage *self)
{
  if (self->store == NULL || self->sighting_id <= 0)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->details == NULL || self->details->info->id != self->sighting_id)
    {
      gtk_spinner_set_spinning (self->spinner, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }

  hw_sighting_store_load_async (self->store, self->sighting_id, self->cancellable, loaded_cb, g_object_ref (self));
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  HwSightingPage *self = user_data;

  self->refresh_source = 0;
  load (self);

  return G_SOURCE_REMOVE;
}

static void
notification_cb (HwSightingPage *self,
                 const char     *channel,
                 const char     *payload,
                 HwDb           *db)
{
  g_autofree char *mine = NULL;

  if (self->sighting_id <= 0 || payload == NULL || g_strcmp0 (channel, HW_DB_CHANNEL) != 0)
    return;

  mine = g_strdup_printf ("sighting:%" G_GINT64_FORMAT ":", self->sighting_id);
  if (!g_str_has_prefix (payload, mine) && !g_str_has_prefix (payload, "case_link:") &&
      !g_str_has_prefix (payload, "verification_step:") && !g_str_has_prefix (payload, "repost_group:"))
    return;

  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_timeout_cb, self);
}

/* Actions */

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HwSightingPage) self = user_data;
  g_autoptr(GError) error = NULL;

  hw_sighting_store_write_finish (HW_SIGHTING_STORE (object), result, &error);
  if (error != NULL)
    {
      report (self, _("Not saved"), error);
      load (self);
      return;
    }
  written (self, NULL);
}

static void
claim_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HwSightingPage *self = HW_SIGHTING_PAGE (widget);

  if (self->details != NULL)
    hw_sighting_store_claim_async (self->store, self->sighting_id, self->cancellable, write_done_cb,
                                   g_object_ref (self));
}

static void
priority_changed_cb (HwSightingPage *self)
{
  const char *priority = hw_case_get_priorities ()[gtk_drop_down_get_selected (self->priority_dropdown)];

  if (self->updating || self->details == NULL || priority == NULL ||
      g_strcmp0 (priority, self->details->info->priority) == 0)
    return;

  hw_sighting_store_set_priority_async (self->store, self->sighting_id, self->details->info->version, priority,
                                        self->cancellable, write_done_cb, g_object_ref (self));
}

static void
assign_done (GtkWidget *owner,
             GtkWidget *content)
{
  HwSightingPage *self = HW_SIGHTING_PAGE (owner);
  GPtrArray *officers = g_object_get_data (G_OBJECT (content), "hw-officers");
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (content));
  gint64 officer_id = 0;

  if (self->details == NULL)
    return;
  /* The first choice is nobody. */
  if (selected > 0 && selected - 1 < officers->len)
    officer_id = ((HwCaseOfficer *) g_ptr_array_index (officers, selected - 1))->id;

  hw_sighting_store_assign_async (self->store, self->sighting_id, self->details->info->version, officer_id,
                                  self->cancellable, write_done_cb, g_object_ref (self));
}

static void
officers_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(HwSightingPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *officers = hw_sighting_store_officers_finish (HW_SIGHTING_STORE (object), result, &error);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  if (officers == NULL)
    {
      report (self, _("Could not read the officers"), error);
      return;
    }

  gtk_string_list_append (names, _("Nobody"));
  for (guint i = 0; i < officers->len; i++)
    {
      HwCaseOfficer *officer = g_ptr_array_index (officers, i);
      g_autofree char *label = g_strdup_printf ("%s (%s)", officer->name, officer->rank);

      gtk_string_list_append (names, label);
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
  gtk_drop_down_set_expression (GTK_DROP_DOWN (dropdown),
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  for (guint i = 0; self->details != NULL && i < officers->len; i++)
    if (((HwCaseOfficer *) g_ptr_array_index (officers, i))->id == self->details->info->officer_id)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i + 1);
  g_object_set_data_full (G_OBJECT (dropdown), "hw-officers", officers, (GDestroyNotify) g_ptr_array_unref);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Officer"), -1);

  hw_form_run (GTK_WIDGET (self), _("Assign the Sighting"), _("Who verifies this sighting."), _("_Assign"), dropdown, NULL,
            assign_done);
}

static void
assign_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HwSightingPage *self = HW_SIGHTING_PAGE (widget);

  if (self->details != NULL)
    hw_sighting_store_officers_async (self->store, self->cancellable, officers_cb, g_object_ref (self));
}

/* The statuses a sighting may go to from @from (data/sql/0001-schema.sql). */
static const char * const *
next_statuses (const char *from)
{
  static const char * const from_new[] = { "triaged", "no_match", "unfounded", "duplicate", NULL };
  static const char * const from_triaged[] = { "verifying", "no_match", "unfounded", "duplicate", NULL };
  static const char * const from_verifying[] = { "confirmed", "no_match", "unfounded", "duplicate", NULL };
  static const char * const from_closed[] = { "triaged", NULL };
  static const char * const none[] = { NULL };

  if (g_strcmp0 (from, "new") == 0)
    return from_new;
  if (g_strcmp0 (from, "triaged") == 0)
    return from_triaged;
  if (g_strcmp0 (from, "verifying") == 0)
    return from_verifying;
  if (g_strcmp0 (from, "confirmed") == 0)
    return none;
  return from_closed;
}

static void
status_done (GtkWidget *owner,
             GtkWidget *content)
{
  HwSightingPage *self = HW_SIGHTING_PAGE (owner);
  GtkDropDown *status = g_object_get_data (G_OBJECT (content), "hw-status");
  GtkEditable *reason = g_object_get_data (G_OBJECT (content), "hw-reason");
  const char * const *statuses;
  gint64 id = self->sighting_id;

  if (self->details == NULL)
    return;
  statuses = next_statuses (self->details->info->status);
  hw_sighting_store_set_status_async (self->store, &id, 1, statuses[gtk_drop_down_get_selected (status)],
                                      gtk_editable_get_text (reason), FALSE, self->cancellable, write_done_cb,
                                      g_object_ref (self));
}

static void
change_status_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HwSightingPage *self = HW_SIGHTING_PAGE (widget);
  const char * const *statuses;
  GtkWidget *box, *status, *reason;

  if (self->details == NULL)
    return;
  statuses = next_statuses (self->details->info->status);
  if (statuses[0] == NULL)
    {
      hw_show_toast (widget, _("A confirmed sighting keeps its status."));
      return;
    }

  box = hw_form_box ();
  status = hw_form_field (box, _("New _status"), hw_form_dropdown (statuses, hw_sighting_status_to_label));
  reason = hw_form_field (box, _("_Reason"), gtk_entry_new ());
  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Needed unless a step since the last change says why"));
  gtk_entry_set_activates_default (GTK_ENTRY (reason), TRUE);
  g_object_set_data (G_OBJECT (box), "hw-status", status);
  g_object_set_data (G_OBJECT (box), "hw-reason", reason);
  hw_form_run (GTK_WIDGET (self), _("Change the Status"), NULL, _("_Change"), box, NULL, status_done);
}

static void
add_step_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ask_step (HW_SIGHTING_PAGE (widget), NULL);
}

static void
split_done (GtkWidget *owner,
            GtkWidget *content)
{
  HwSightingPage *self = HW_SIGHTING_PAGE (owner);
  hw_sighting_store_split_async (self->store, self->sighting_id, gtk_editable_get_text (GTK_EDITABLE (content)),
                                 self->cancellable, write_done_cb, g_object_ref (self));
}

static void
split_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HwSightingPage *self = HW_SIGHTING_PAGE (widget);
  GtkWidget *reason = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Why these are different photos"));
  gtk_entry_set_activates_default (GTK_ENTRY (reason), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  hw_form_run (GTK_WIDGET (self), _("Take Out of the Repost Group?"),
            _("The sighting stands on its own again; your reason is recorded as a note on it."),
            _("_Take Out"), reason, reason, split_done);
}

/* Object */

static void
hw_sighting_page_dispose (GObject *object)
{
  HwSightingPage *self = HW_SIGHTING_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->rows != NULL)
    clear_rows (self);
  /* The template's stack is the bin's child: AdwBin unparents it. */
  g_clear_object (&self->store);
  g_clear_object (&self->case_store);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (hw_sighting_page_parent_class)->dispose (object);
}

static void
hw_sighting_page_finalize (GObject *object)
{
  HwSightingPage *self = HW_SIGHTING_PAGE (object);

  g_clear_pointer (&self->details, hw_sighting_details_free);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (hw_sighting_page_parent_class)->finalize (object);
}

static void
hw_sighting_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HwSightingPage *self = HW_SIGHTING_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hw_sighting_page_class_init (HwSightingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hw_sighting_page_dispose;
  object_class->finalize = hw_sighting_page_finalize;
  object_class->get_property = hw_sighting_page_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HwSightingPage::changed:
   *
   * This client changed the sighting (or its links and steps).
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[OPEN_CASE] =
    g_signal_new ("open-case", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[OPEN_SIGHTING] =
    g_signal_new ("open-sighting", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/homeward/Homeward/hw-sighting-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HwSightingPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HwSightingPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, HwSightingPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, HwSightingPage, photo);
  gtk_widget_class_bind_template_child (widget_class, HwSightingPage, photo_button);
  gtk_widget_class_bind_template_child (widget_class, HwSightingPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, HwSightingPage, pills);
  gtk_widget_class_bind_template_child (widget_class, HwSightingPage, facts_label);
  gtk_widget_class_bind_template_child (widget_class, HwSightingPage, photo_strip);
  gtk_widget_class_bind_template_child (widget_class, HwSightingPage, claim_button);
  gtk_widget_class_bind_template_child (widget_class, HwSightingPage, priority_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HwSightingPage, group_group);
  gtk_widget_class_bind_template_child (widget_class, HwSightingPage, group_strip);
  gtk_widget_class_bind_template_child (widget_class, HwSightingPage, details_group);
  gtk_widget_class_bind_template_child (widget_class, HwSightingPage, links_group);
  gtk_widget_class_bind_template_child (widget_class, HwSightingPage, candidates_group);
  gtk_widget_class_bind_template_child (widget_class, HwSightingPage, timeline_group);
  gtk_widget_class_bind_template_callback (widget_class, photo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, priority_changed_cb);

  gtk_widget_class_install_action (widget_class, "sighting.claim", NULL, claim_action);
  gtk_widget_class_install_action (widget_class, "sighting.assign", NULL, assign_action);
  gtk_widget_class_install_action (widget_class, "sighting.change-status", NULL, change_status_action);
  gtk_widget_class_install_action (widget_class, "sighting.add-step", NULL, add_step_action);
  gtk_widget_class_install_action (widget_class, "sighting.split", NULL, split_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "sighting.claim", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "sighting.add-step", NULL);
}

static void
hw_sighting_page_init (HwSightingPage *self)
{
  g_autoptr(GListModel) priorities = hw_labels_model (hw_case_get_priorities (), hw_case_priority_to_label);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);

  self->updating = TRUE;
  gtk_drop_down_set_model (self->priority_dropdown, priorities);
  self->updating = FALSE;
}

GtkWidget *
hw_sighting_page_new (void)
{
  return g_object_new (HW_TYPE_SIGHTING_PAGE, NULL);
}

void
hw_sighting_page_set_session (HwSightingPage *self,
                              HwSession      *session)
{
  g_return_if_fail (HW_IS_SIGHTING_PAGE (self));
  g_return_if_fail (session == NULL || HW_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (hw_session_get_db (self->session), self);
  g_clear_object (&self->store);
  g_clear_object (&self->case_store);
  g_set_object (&self->session, session);

  if (session != NULL)
    {
      self->store = hw_sighting_store_new (session);
      self->case_store = hw_case_store_new (session);
      g_signal_connect_object (hw_session_get_db (session), "notification", G_CALLBACK (notification_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

void
hw_sighting_page_show (HwSightingPage *self,
                       gint64          sighting_id)
{
  g_return_if_fail (HW_IS_SIGHTING_PAGE (self));

  self->sighting_id = sighting_id;
  load (self);
}

gint64
hw_sighting_page_get_sighting_id (HwSightingPage *self)
{
  g_return_val_if_fail (HW_IS_SIGHTING_PAGE (self), 0);
  return self->sighting_id;
}

const char *
hw_sighting_page_get_title (HwSightingPage *self)
{
  g_return_val_if_fail (HW_IS_SIGHTING_PAGE (self), NULL);
  return title (self);
}
