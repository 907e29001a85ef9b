/* hw-case-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-case-page"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-case.h"
#include "hw-case-page.h"
#include "hw-case-store.h"
#include "hw-case-summary.h"
#include "hw-format.h"

/* The detail pane of the case workspace: one case as an officer reads it.
 *
 * A header with the child's photo, names, case number, status and what can
 * be done; then the child, the abduction, the family, the family contact log
 * and the history. Everything is read asynchronously through HwCaseStore on
 * the session's connection. What row-level security withholds (another
 * unit's family and contacts, the supervisors' audit log) is said, not
 * silently left out.
 *
 * Live updates: the triggers NOTIFY "abduction_case:ID:VERSION" when the case
 * changes, "person:ID:VERSION" when its child does, and
 * "case_list_key:CASE_ID:0" when anything recorded on the case changes
 * (family, contacts, photos; data/sql/0005-case-list.sql). The page reads
 * again what changed, in place. Notifications of this client's own writes
 * are not delivered back to it, so after its own writes the page reads
 * again itself. */

/* Show a spinner only for loads that take a moment: a quick one would flash. */
#define LOADING_DELAY_MS   150
/* Gather notifications that come in bursts (a save touches several rows). */
#define REFRESH_DELAY_MS   100
/* Stored thumbnails are small; anything far bigger is not a thumbnail. */
#define MAX_THUMBNAIL_BYTES (512 * 1024)
#define MAX_THUMBNAIL_SIDE  512

struct _HwCasePage
{
  AdwBin              parent_instance;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  AdwStatusPage      *error_page;
  GtkRevealer        *banner_revealer;
  GtkWidget          *banner;
  GtkLabel           *banner_label;
  GtkButton          *banner_button;
  GtkScrolledWindow  *scroller;
  AdwAvatar          *avatar;
  GtkLabel           *name_label;
  GtkLabel           *latin_label;
  GtkLabel           *case_number_label;
  GtkLabel           *status_label;
  GtkLabel           *meta_label;
  GtkLabel           *status_detail_label;
  GtkStack           *action_stack;
  GtkMenuButton      *status_button;
  AdwPreferencesGroup *child_group;
  GtkWidget          *photo_row;
  GtkFlowBox         *photo_box;
  AdwActionRow       *nicknames_row;
  AdwActionRow       *sex_row;
  AdwActionRow       *birth_row;
  AdwActionRow       *age_row;
  AdwActionRow       *marks_row;
  AdwActionRow       *native_place_row;
  AdwActionRow       *dialect_row;
  AdwPreferencesGroup *abduction_group;
  AdwActionRow       *abducted_row;
  AdwActionRow       *age_then_row;
  AdwActionRow       *place_row;
  AdwActionRow       *region_row;
  AdwActionRow       *coordinates_row;
  AdwActionRow       *circumstances_row;
  AdwPreferencesGroup *family_group;
  AdwPreferencesGroup *contacts_group;
  AdwPreferencesGroup *history_group;

  HwSession          *session;
  HwCaseStore        *store;
  gulong              notification_id;

  gint64              case_id;
  HwCaseDetails      *details;          /* what is shown; NULL until read */
  GCancellable       *case_cancellable; /* everything about the case shown */
  guint               loading_id;
  guint               refresh_id;
  HwCaseSections      refresh_sections;
  gboolean            loading;

  GPtrArray          *family_rows;
  GPtrArray          *contact_rows;
  GPtrArray          *history_rows;
};

G_DEFINE_FINAL_TYPE (HwCasePage, hw_case_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CASE_ID,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const case_statuses[] = {
  "open", "investigating", "located", "reunited", "closed", "cold",
};

static void load                (HwCasePage     *self,
                                 HwCaseSections  sections);
static void update_actions      (HwCasePage     *self);

/* Status colours (shared with the list) and the page's own style, once. */
static void
load_style (void)
{
  static gboolean loaded;
  const char * const resources[] = {
    "/io/github/homeward/Homeward/hw-style.css",
    "/io/github/homeward/Homeward/hw-case-page.css",
  };
  GdkDisplay *display = gdk_display_get_default ();

  if (loaded || display == NULL)
    return;

  loaded = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (resources); i++)
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, resources[i]);
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }
}

/* Helpers */

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  int side = MAX (width, height);

  /* Decode big pictures scaled down: a thumbnail is all that is drawn. */
  if (side > MAX_THUMBNAIL_SIDE)
    gdk_pixbuf_loader_set_size (loader,
                                MAX (1, (int) ((gint64) width * MAX_THUMBNAIL_SIDE / side)),
                                MAX (1, (int) ((gint64) height * MAX_THUMBNAIL_SIDE / side)));
}

/* A stored thumbnail as a texture, or NULL when it is no picture. */
static GdkTexture *
texture_from_thumbnail (GBytes *bytes)
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

static GDateTime *
time_from_unix (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);

  return utc != NULL ? g_date_time_to_local (utc) : NULL;
}

/* "3 days ago · 2026-11-20 14:02" */
static char *
format_when (gint64    unix_time,
             gboolean  with_time,
             GDateTime *now)
{
  g_autoptr(GDateTime) time = time_from_unix (unix_time);
  g_autofree char *relative = NULL;
  g_autofree char *absolute = NULL;

  if (time == NULL)
    return g_strdup ("");

  relative = hw_format_relative_time (time, now);
  absolute = g_date_time_format (time, with_time ? "%Y-%m-%d %H:%M" : "%Y-%m-%d");

  /* TRANSLATORS: a relative time, then a date: "3 days ago · 2026-11-20" */
  return g_strdup_printf (_("%s · %s"), relative, absolute);
}

/* A row that shows a value; "Not recorded" when there is none, or no row
 * at all for a detail that is often missing. */
static void
show_value (AdwActionRow *row,
            const char   *value,
            gboolean      optional)
{
  gboolean missing = value == NULL || value[0] == '\0';

  gtk_widget_set_visible (GTK_WIDGET (row), !(missing && optional));
  adw_action_row_set_subtitle (row, missing ? _("Not recorded") : value);
  if (missing)
    gtk_widget_add_css_class (GTK_WIDGET (row), "hw-missing");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "hw-missing");
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static AdwActionRow *
add_row (AdwPreferencesGroup *group,
         GPtrArray           *rows,
         const char          *title,
         const char          *subtitle,
         const char          *icon_name)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  /* Titles and subtitles are officers' text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && subtitle[0] != '\0')
    adw_action_row_set_subtitle (row, subtitle);
  if (icon_name != NULL)
    adw_action_row_add_prefix (row, gtk_image_new_from_icon_name (icon_name));

  adw_preferences_group_add (group, GTK_WIDGET (row));
  g_ptr_array_add (rows, row);

  return row;
}

static void
add_placeholder_row (AdwPreferencesGroup *group,
                     GPtrArray           *rows,
                     const char          *text)
{
  AdwActionRow *row = add_row (group, rows, text, NULL, NULL);

  gtk_widget_add_css_class (GTK_WIDGET (row), "dim-label");
}

static gboolean
parse_birth (const HwCase *kase,
             GDate        *date,
             const char  **precision)
{
  g_autoptr(GDateTime) time = NULL;

  if (!hw_case_parse_date (hw_case_get_field (kase, HW_CASE_FIELD_BIRTH_DATE), FALSE, &time,
                           precision))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (time),
                  (GDateMonth) g_date_time_get_month (time),
                  (GDateYear) g_date_time_get_year (time));

  return TRUE;
}

/* Showing the case */

static void
update_status_pill (HwCasePage *self,
                    const char *status)
{
  GtkWidget *label = GTK_WIDGET (self->status_label);

  gtk_label_set_text (self->status_label, hw_case_status_to_label (status));
  for (guint i = 0; i < G_N_ELEMENTS (case_statuses); i++)
    {
      g_autofree char *css = g_strconcat ("status-", case_statuses[i], NULL);

      if (g_strcmp0 (status, case_statuses[i]) == 0)
        gtk_widget_add_css_class (label, css);
      else
        gtk_widget_remove_css_class (label, css);
    }
}

static void
show_header (HwCasePage   *self,
             const HwCase *kase,
             GDateTime    *now)
{
  g_autofree char *name = hw_case_dup_child_name (kase);
  g_autofree char *latin = hw_case_dup_child_name_latin (kase);
  g_autoptr(GPtrArray) meta = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *meta_text = NULL;

  gtk_label_set_text (self->name_label, name[0] != '\0' ? name : _("Name not recorded"));
  gtk_label_set_text (self->latin_label, latin);
  gtk_widget_set_visible (GTK_WIDGET (self->latin_label), latin[0] != '\0');
  adw_avatar_set_text (self->avatar, latin[0] != '\0' ? latin : name);

  gtk_label_set_text (self->case_number_label, kase->case_number);
  gtk_widget_set_visible (GTK_WIDGET (self->case_number_label), kase->case_number[0] != '\0');
  update_status_pill (self, kase->status);

  if (kase->unit_name[0] != '\0')
    g_ptr_array_add (meta, g_strdup (kase->unit_name));
  if (kase->officer_name[0] != '\0')
    /* TRANSLATORS: the officer a case is assigned to */
    g_ptr_array_add (meta, g_strdup_printf (_("Assigned to %s"), kase->officer_name));
  else if (kase->id != 0)
    g_ptr_array_add (meta, g_strdup (_("Not assigned to an officer")));
  if (kase->id != 0 && g_strcmp0 (kase->priority, "normal") != 0)
    /* TRANSLATORS: a case's priority: "Priority: Urgent" */
    g_ptr_array_add (meta, g_strdup_printf (_("Priority: %s"), hw_case_priority_to_label (kase->priority)));
  g_ptr_array_add (meta, NULL);
  /* TRANSLATORS: what separates the parts of a line of details */
  meta_text = g_strjoinv (_(" · "), (char **) meta->pdata);
  gtk_label_set_text (self->meta_label, meta_text);
  gtk_widget_set_visible (GTK_WIDGET (self->meta_label), meta_text[0] != '\0');

  if (kase->status_changed_at != HW_CASE_NO_TIME)
    {
      g_autoptr(GDateTime) since = time_from_unix (kase->status_changed_at);
      g_autofree char *date = g_date_time_format (since, "%Y-%m-%d");
      g_autofree char *relative = hw_format_relative_time (since, now);

      /* TRANSLATORS: a case status, since when, and how long ago that is:
       * "Cold since 2024-05-01 (2 years ago)" */
      g_string_append_printf (detail, _("%s since %s (%s)"),
                              hw_case_status_to_label (kase->status), date, relative);
    }
  if (kase->status_reason[0] != '\0')
    {
      if (detail->len > 0)
        g_string_append_c (detail, '\n');
      /* TRANSLATORS: why a case has its status */
      g_string_append_printf (detail, _("Reason: %s"), kase->status_reason);
    }
  gtk_label_set_text (self->status_detail_label, detail->str);
  gtk_widget_set_visible (GTK_WIDGET (self->status_detail_label), detail->len > 0);
}

static void
show_child (HwCasePage   *self,
            const HwCase *kase,
            GDateTime    *now)
{
  g_autofree char *age = NULL;
  const char *precision = NULL;
  GDate birth;

  show_value (self->nicknames_row, hw_case_get_field (kase, HW_CASE_FIELD_NICKNAMES), TRUE);
  show_value (self->sex_row, hw_case_sex_to_label (hw_case_get_field (kase, HW_CASE_FIELD_SEX)), FALSE);
  show_value (self->birth_row, hw_case_get_field (kase, HW_CASE_FIELD_BIRTH_DATE), FALSE);

  if (parse_birth (kase, &birth, &precision))
    {
      GDate today;

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now),
                      (GDateYear) g_date_time_get_year (now));
      age = hw_format_age (&birth, precision, &today);
    }
  show_value (self->age_row, age, FALSE);

  show_value (self->marks_row, hw_case_get_field (kase, HW_CASE_FIELD_MARKS), FALSE);
  show_value (self->native_place_row, hw_case_get_field (kase, HW_CASE_FIELD_NATIVE_PLACE), TRUE);
  show_value (self->dialect_row, hw_case_get_field (kase, HW_CASE_FIELD_DIALECT), TRUE);
}

static void
show_abduction (HwCasePage   *self,
                const HwCase *kase,
                GDateTime    *now)
{
  const char *abducted = hw_case_get_field (kase, HW_CASE_FIELD_ABDUCTED_AT);
  const char *latitude = hw_case_get_field (kase, HW_CASE_FIELD_LATITUDE);
  const char *longitude = hw_case_get_field (kase, HW_CASE_FIELD_LONGITUDE);
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *when = NULL;
  g_autofree char *age_then = NULL;
  g_autofree char *coordinates = NULL;
  const char *precision = NULL;

  if (hw_case_parse_date (abducted, TRUE, &time, &precision))
    {
      g_autofree char *relative = hw_format_relative_time (time, now);
      const char *birth_precision = NULL;
      GDate birth;

      /* TRANSLATORS: a relative time, then a date: "3 days ago · 2026-11-20" */
      when = g_strdup_printf (_("%s · %s"), relative, abducted);

      if (parse_birth (kase, &birth, &birth_precision))
        {
          GDate then;

          g_date_clear (&then, 1);
          g_date_set_dmy (&then, (GDateDay) g_date_time_get_day_of_month (time),
                          (GDateMonth) g_date_time_get_month (time),
                          (GDateYear) g_date_time_get_year (time));
          /* Either date imprecise makes the age an estimate. */
          age_then = hw_format_age (&birth,
                                    g_str_equal (precision, "day") ? birth_precision : precision,
                                    &then);
        }
    }

  show_value (self->abducted_row, when, FALSE);
  show_value (self->age_then_row, age_then, TRUE);
  show_value (self->place_row, hw_case_get_field (kase, HW_CASE_FIELD_PLACE), FALSE);
  show_value (self->region_row, hw_case_get_field (kase, HW_CASE_FIELD_REGION_CODE), TRUE);
  if (latitude[0] != '\0' && longitude[0] != '\0')
    /* TRANSLATORS: latitude and longitude */
    coordinates = g_strdup_printf (_("%s, %s"), latitude, longitude);
  show_value (self->coordinates_row, coordinates, TRUE);
  show_value (self->circumstances_row, hw_case_get_field (kase, HW_CASE_FIELD_CIRCUMSTANCES), FALSE);
}

static void
show_photos (HwCasePage *self,
             GPtrArray  *photos)
{
  GtkWidget *child;
  gboolean avatar_set = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->photo_box))))
    gtk_flow_box_remove (self->photo_box, child);

  for (guint i = 0; photos != NULL && i < photos->len; i++)
    {
      const HwCasePhoto *photo = g_ptr_array_index (photos, i);
      g_autoptr(GdkTexture) texture = texture_from_thumbnail (photo->thumbnail);
      GtkWidget *picture;

      if (texture == NULL)
        continue;

      picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_widget_set_size_request (picture, 72, 72);
      gtk_widget_add_css_class (picture, "hw-photo");
      gtk_widget_set_overflow (picture, GTK_OVERFLOW_HIDDEN);
      if (photo->taken_at != HW_CASE_NO_TIME)
        {
          g_autoptr(GDateTime) taken = time_from_unix (photo->taken_at);
          g_autofree char *date = taken != NULL ? g_date_time_format (taken, "%Y-%m-%d") : NULL;
          /* TRANSLATORS: when a photo was taken */
          g_autofree char *tooltip = g_strdup_printf (_("Taken %s"), date);

          gtk_widget_set_tooltip_text (picture, tooltip);
        }
      gtk_flow_box_append (self->photo_box, picture);

      /* The first photo is the child's face in the header. */
      if (!avatar_set)
        {
          adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));
          avatar_set = TRUE;
        }
    }

  if (!avatar_set)
    adw_avatar_set_custom_image (self->avatar, NULL);

  gtk_widget_set_visible (self->photo_row, gtk_widget_get_first_child (GTK_WIDGET (self->photo_box)) != NULL);
}

static void
show_restricted (AdwPreferencesGroup *group,
                 GPtrArray           *rows,
                 const char          *title,
                 const char          *unit)
{
  g_autofree char *subtitle = NULL;

  /* TRANSLATORS: %s is a police unit's name */
  subtitle = g_strdup_printf (_("Only officers of %s can see them."), unit);
  add_row (group, rows, title, subtitle, "system-lock-screen-symbolic");
}

static char *
consents_text (const HwFamilyMember *member)
{
  g_autoptr(GPtrArray) consents = g_ptr_array_new ();
  g_autofree char *list = NULL;

  if (member->consent_contact)
    g_ptr_array_add (consents, (gpointer) C_("consent", "contact"));
  if (member->consent_dna)
    g_ptr_array_add (consents, (gpointer) C_("consent", "DNA comparison"));
  if (member->consent_publish)
    g_ptr_array_add (consents, (gpointer) C_("consent", "publication"));

  if (consents->len == 0)
    return g_strdup (_("No consent recorded"));

  g_ptr_array_add (consents, NULL);
  /* TRANSLATORS: what separates the items of a list in a sentence */
  list = g_strjoinv (_(", "), (char **) consents->pdata);

  /* TRANSLATORS: what a relative consented to: "Consents to contact, DNA comparison" */
  return g_strdup_printf (_("Consents to %s"), list);
}

static void
show_family (HwCasePage          *self,
             const HwCaseDetails *details)
{
  clear_rows (self->family_group, self->family_rows);

  if (details->family_restricted)
    {
      show_restricted (self->family_group, self->family_rows,
                       _("The family’s details are restricted"),
                       details->kase->unit_name[0] != '\0' ? details->kase->unit_name
                                                          : details->kase->unit_code);
      return;
    }

  if (details->family == NULL || details->family->len == 0)
    {
      add_placeholder_row (self->family_group, self->family_rows, _("No family members recorded"));
      return;
    }

  for (guint i = 0; i < details->family->len; i++)
    {
      const HwFamilyMember *member = g_ptr_array_index (details->family, i);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      g_autofree char *title = NULL;
      g_autofree char *consents = consents_text (member);
      const char *name = member->name[0] != '\0' ? member->name : member->name_latin;

      /* TRANSLATORS: a relative's name and relationship to the child: "王秀英 · Mother" */
      title = g_strdup_printf (_("%s · %s"), name[0] != '\0' ? name : _("Name not recorded"),
                               hw_case_relationship_to_label (member->relationship));

      g_string_append (subtitle, member->phone[0] != '\0' ? member->phone : _("No phone number"));
      if (member->address[0] != '\0')
        g_string_append_printf (subtitle, "\n%s", member->address);
      g_string_append_printf (subtitle, "\n%s%s%s",
                              member->dna_given ? _("DNA sample given") : _("No DNA sample"),
                              _(" · "), consents);

      add_row (self->family_group, self->family_rows, title, subtitle->str,
               "system-users-symbolic");
    }
}

static void
show_contacts (HwCasePage          *self,
               const HwCaseDetails *details,
               GDateTime           *now)
{
  clear_rows (self->contacts_group, self->contact_rows);

  if (details->family_restricted)
    {
      show_restricted (self->contacts_group, self->contact_rows,
                       _("The contact log is restricted"),
                       details->kase->unit_name[0] != '\0' ? details->kase->unit_name
                                                          : details->kase->unit_code);
      return;
    }

  if (details->contacts == NULL || details->contacts->len == 0)
    {
      add_placeholder_row (self->contacts_group, self->contact_rows, _("No contact with the family logged yet"));
      return;
    }

  for (guint i = 0; i < details->contacts->len; i++)
    {
      const HwContactEvent *event = g_ptr_array_index (details->contacts, i);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      g_autofree char *when = format_when (event->occurred_at, TRUE, now);

      g_string_append (subtitle, when);
      g_string_append (subtitle, _(" · "));
      g_string_append (subtitle, hw_case_channel_to_label (event->channel));
      if (event->officer_name[0] != '\0')
        {
          g_string_append (subtitle, _(" · "));
          g_string_append (subtitle, event->officer_name);
        }
      if (event->member_name[0] != '\0')
        {
          g_string_append_c (subtitle, '\n');
          /* TRANSLATORS: the relative contacted and their relationship: "With 王秀英 (Mother)" */
          g_string_append_printf (subtitle, _("With %s (%s)"), event->member_name,
                                  hw_case_relationship_to_label (event->member_relationship));
        }
      if (event->outcome[0] != '\0')
        {
          g_string_append_c (subtitle, '\n');
          /* TRANSLATORS: what came of a contact with the family */
          g_string_append_printf (subtitle, _("Outcome: %s"), event->outcome);
        }
      if (event->next_step[0] != '\0')
        {
          g_string_append_c (subtitle, '\n');
          /* TRANSLATORS: what is to be done next */
          g_string_append_printf (subtitle, _("Next step: %s"), event->next_step);
        }

      add_row (self->contacts_group, self->contact_rows, event->summary, subtitle->str,
               g_strcmp0 (event->channel, "visit") == 0 ? "avatar-default-symbolic"
               : g_strcmp0 (event->channel, "message") == 0 ? "mail-unread-symbolic"
               : g_strcmp0 (event->channel, "letter") == 0 ? "mail-send-symbolic"
               : g_strcmp0 (event->channel, "video") == 0 ? "camera-web-symbolic"
               : "call-start-symbolic");
    }
}

/* "Li Wei changed status from Open to Investigating" */
static char *
describe_change (const HwCaseChange *change)
{
  const char *table = change->table_name;
  const char *who = change->who;

  if (g_str_equal (change->action, "INSERT"))
    {
      if (g_str_equal (table, "abduction_case"))
        /* TRANSLATORS: %s is an officer */
        return g_strdup_printf (_("%s recorded the case"), who);
      if (g_str_equal (table, "person"))
        return g_strdup_printf (_("%s recorded the child"), who);
      if (g_str_equal (table, "family_member"))
        return g_strdup_printf (_("%s added a family member"), who);
      if (g_str_equal (table, "contact_event"))
        return g_strdup_printf (_("%s logged a contact with the family"), who);
      if (g_str_equal (table, "photo"))
        return g_strdup_printf (_("%s added a photo"), who);
      if (g_str_equal (table, "reunion"))
        return g_strdup_printf (_("%s proposed a reunion"), who);
    }
  else if (g_str_equal (change->action, "UPDATE"))
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      g_autofree char *list = NULL;
      gboolean status = FALSE;

      for (guint i = 0; change->columns[i] != NULL; i++)
        {
          const char *label;
          gboolean seen = FALSE;

          if (g_str_equal (table, "abduction_case") &&
              (g_str_equal (change->columns[i], "status") ||
               g_str_equal (change->columns[i], "status_reason")))
            {
              status |= g_str_equal (change->columns[i], "status");
              if (g_str_equal (change->columns[i], "status") || status)
                continue;
            }

          label = hw_case_column_to_label (table, change->columns[i]);
          for (guint j = 0; j < labels->len && !seen; j++)
            seen = g_str_equal (g_ptr_array_index (labels, j), label);
          if (!seen)
            g_ptr_array_add (labels, (gpointer) label);
        }

      if (status && labels->len == 0)
        /* TRANSLATORS: an officer, the old status, the new status */
        return g_strdup_printf (_("%s changed status from %s to %s"), who,
                                hw_case_status_to_label (change->old_status),
                                hw_case_status_to_label (change->new_status));

      g_ptr_array_add (labels, NULL);
      list = g_strjoinv (_(", "), (char **) labels->pdata);

      if (status)
        /* TRANSLATORS: an officer, the old status, the new status, and what else changed */
        return g_strdup_printf (_("%s changed status from %s to %s, and %s"), who,
                                hw_case_status_to_label (change->old_status),
                                hw_case_status_to_label (change->new_status), list);

      if (g_str_equal (table, "person"))
        /* TRANSLATORS: an officer, and what they changed: "Li Wei changed the child’s date of birth" */
        return g_strdup_printf (_("%s changed the child’s %s"), who, list);
      if (g_str_equal (table, "family_member"))
        return g_strdup_printf (_("%s changed a family member’s %s"), who, list);
      if (g_str_equal (table, "contact_event"))
        return g_strdup_printf (_("%s changed a contact’s %s"), who, list);
      if (g_str_equal (table, "photo"))
        return g_strdup_printf (_("%s changed a photo’s %s"), who, list);
      if (g_str_equal (table, "reunion"))
        return g_strdup_printf (_("%s changed the reunion’s %s"), who, list);

      /* TRANSLATORS: an officer, and what they changed: "Li Wei changed place, circumstances" */
      return g_strdup_printf (_("%s changed %s"), who, list);
    }

  /* TRANSLATORS: an officer; something was removed (rare: records are corrected, not deleted) */
  return g_strdup_printf (_("%s removed a record"), who);
}

static void
show_history (HwCasePage          *self,
              const HwCaseDetails *details,
              GDateTime           *now)
{
  const HwCase *kase = details->kase;

  clear_rows (self->history_group, self->history_rows);

  if (details->history != NULL && details->history->len > 0)
    {
      for (guint i = 0; i < details->history->len; i++)
        {
          const HwCaseChange *change = g_ptr_array_index (details->history, i);
          g_autofree char *title = describe_change (change);
          g_autofree char *when = format_when (change->at, TRUE, now);
          g_autofree char *subtitle = NULL;

          if (change->status_reason[0] != '\0' && change->new_status[0] != '\0' &&
              g_strcmp0 (change->old_status, change->new_status) != 0)
            /* TRANSLATORS: when, then why: "3 days ago · 2026-11-20 14:02\nReason: …" */
            subtitle = g_strdup_printf (_("%s\nReason: %s"), when, change->status_reason);

          add_row (self->history_group, self->history_rows, title,
                   subtitle != NULL ? subtitle : when, NULL);
        }
      return;
    }

  /* What the case row itself says, for those who may not read the audit
   * log and for records loaded without one (imports, demo data). */
  if (kase->status_changed_at != HW_CASE_NO_TIME)
    {
      g_autofree char *title = NULL;
      g_autofree char *when = format_when (kase->status_changed_at, TRUE, now);

      /* TRANSLATORS: %s is a case status */
      title = g_strdup_printf (_("Status became %s"), hw_case_status_to_label (kase->status));
      add_row (self->history_group, self->history_rows, title, when, NULL);
    }
  if (kase->updated_at != HW_CASE_NO_TIME && kase->updated_at != kase->created_at)
    {
      g_autofree char *when = format_when (kase->updated_at, TRUE, now);

      add_row (self->history_group, self->history_rows, _("Last changed"), when, NULL);
    }
  if (kase->created_at != HW_CASE_NO_TIME)
    {
      g_autofree char *when = format_when (kase->created_at, TRUE, now);

      add_row (self->history_group, self->history_rows, _("Case recorded"), when, NULL);
    }

  if (details->history_restricted)
    add_row (self->history_group, self->history_rows, _("Who changed what is visible to supervisors"),
             _("Ask a supervisor of your unit for the full history of this case."),
             "system-lock-screen-symbolic");
  else
    add_placeholder_row (self->history_group, self->history_rows,
                         _("No changes recorded since the case was entered"));
}

static void
show_details (HwCasePage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const HwCaseDetails *details = self->details;

  g_assert (details != NULL && details->kase != NULL);

  show_header (self, details->kase, now);
  show_child (self, details->kase, now);
  show_abduction (self, details->kase, now);
  show_photos (self, details->photos);
  show_family (self, details);
  show_contacts (self, details, now);
  show_history (self, details, now);

  gtk_stack_set_visible_child_name (self->stack, "case");
}

/* Loading */

static void
stop_loading_indicator (HwCasePage *self)
{
  g_clear_handle_id (&self->loading_id, g_source_remove);
  gtk_spinner_stop (self->spinner);
}

static gboolean
loading_timeout_cb (gpointer user_data)
{
  HwCasePage *self = user_data;

  self->loading_id = 0;
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  return G_SOURCE_REMOVE;
}

static void
show_error (HwCasePage   *self,
            const GError *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  stop_loading_indicator (self);
  adw_status_page_set_description (self->error_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
show_toast (HwCasePage *self,
            const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Takes what a load read into what is shown. */
static void
merge_details (HwCasePage    *self,
               HwCaseDetails *details)
{
  HwCaseDetails *shown = self->details;

  if (shown == NULL || (details->sections & HW_CASE_SECTION_ALL) == HW_CASE_SECTION_ALL)
    {
      g_clear_pointer (&self->details, hw_case_details_free);
      self->details = details;
      return;
    }

  if (details->sections & HW_CASE_SECTION_CASE)
    {
      g_clear_pointer (&shown->kase, hw_case_free);
      shown->kase = g_steal_pointer (&details->kase);
    }
  if (details->sections & HW_CASE_SECTION_FAMILY)
    {
      g_clear_pointer (&shown->family, g_ptr_array_unref);
      shown->family = g_steal_pointer (&details->family);
      shown->family_restricted = details->family_restricted;
    }
  if (details->sections & HW_CASE_SECTION_CONTACTS)
    {
      g_clear_pointer (&shown->contacts, g_ptr_array_unref);
      shown->contacts = g_steal_pointer (&details->contacts);
    }
  if (details->sections & HW_CASE_SECTION_PHOTOS)
    {
      g_clear_pointer (&shown->photos, g_ptr_array_unref);
      shown->photos = g_steal_pointer (&details->photos);
    }
  if (details->sections & HW_CASE_SECTION_HISTORY)
    {
      g_clear_pointer (&shown->history, g_ptr_array_unref);
      shown->history = g_steal_pointer (&details->history);
      shown->history_restricted = details->history_restricted;
    }

  hw_case_details_free (details);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(HwCasePage) self = user_data;
  g_autoptr(GError) error = NULL;
  HwCaseDetails *details;

  details = hw_case_store_load_finish (HW_CASE_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* An answer about a case, or from a store, that is no longer shown. */
  if (HW_CASE_STORE (object) != self->store ||
      (details != NULL && details->kase != NULL && details->kase->id != self->case_id))
    {
      g_clear_pointer (&details, hw_case_details_free);
      return;
    }

  self->loading = FALSE;

  if (details == NULL)
    {
      /* A refresh that failed leaves what is shown; a first load says why. */
      if (self->details == NULL)
        show_error (self, error);
      else
        show_toast (self, error->message);
      update_actions (self);
      return;
    }

  stop_loading_indicator (self);
  merge_details (self, details);
  show_details (self);
  update_actions (self);
}

static void
load (HwCasePage     *self,
      HwCaseSections  sections)
{
  if (self->store == NULL || self->case_id <= 0)
    return;

  if (self->case_cancellable == NULL)
    self->case_cancellable = g_cancellable_new ();

  /* The history is about the case's child too. */
  if (sections & HW_CASE_SECTION_HISTORY)
    sections |= HW_CASE_SECTION_CASE;

  self->loading = TRUE;
  hw_case_store_load_async (self->store, self->case_id, sections, self->case_cancellable,
                            load_cb, g_object_ref (self));
}

static void
load_case (HwCasePage *self)
{
  stop_loading_indicator (self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refresh_sections = 0;

  if (self->case_id <= 0 || self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_actions (self);
      return;
    }

  self->loading_id = g_timeout_add (LOADING_DELAY_MS, loading_timeout_cb, self);
  load (self, HW_CASE_SECTION_ALL);
  update_actions (self);
}

/* Forgets the case shown and everything under way about it. */
static void
forget_case (HwCasePage *self)
{
  if (self->case_cancellable != NULL)
    g_cancellable_cancel (self->case_cancellable);
  g_clear_object (&self->case_cancellable);
  g_clear_pointer (&self->details, hw_case_details_free);
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  self->loading = FALSE;
}

/* Live updates */

static gboolean
refresh_cb (gpointer user_data)
{
  HwCasePage *self = user_data;
  HwCaseSections sections = self->refresh_sections;

  self->refresh_id = 0;
  self->refresh_sections = 0;

  /* Nothing shown yet: the first load under way reads everything anyway. */
  if (self->details == NULL)
    return G_SOURCE_REMOVE;

  load (self, sections);

  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (HwCasePage     *self,
                  HwCaseSections  sections)
{
  self->refresh_sections |= sections;
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

static void
notification_cb (HwCasePage *self,
                 const char *channel,
                 const char *payload,
                 HwDb       *db)
{
  g_auto(GStrv) parts = NULL;
  const HwCase *kase;
  gint64 id = 0;
  gint64 version = 0;

  if (g_strcmp0 (channel, HW_DB_CHANNEL) != 0 || payload == NULL ||
      self->details == NULL || self->details->kase == NULL)
    return;

  kase = self->details->kase;
  parts = g_strsplit (payload, ":", 3);
  if (g_strv_length (parts) < 3 ||
      !g_ascii_string_to_signed (parts[1], 10, 0, G_MAXINT64, &id, NULL) ||
      !g_ascii_string_to_signed (parts[2], 10, 0, G_MAXINT64, &version, NULL))
    return;

  /* id 0: a statement changed too many rows to name them. */
  if (g_str_equal (parts[0], "abduction_case"))
    {
      if ((id == kase->id && version > kase->version) || id == 0)
        schedule_refresh (self, HW_CASE_SECTION_ALL);
    }
  else if (g_str_equal (parts[0], "person"))
    {
      if ((id == kase->child_id && version > kase->child_version) || id == 0)
        schedule_refresh (self, HW_CASE_SECTION_CASE | HW_CASE_SECTION_HISTORY);
    }
  else if (g_str_equal (parts[0], "case_list_key"))
    {
      /* Something recorded on the case: family, contacts, photos. */
      if (id == kase->id || id == 0)
        schedule_refresh (self, HW_CASE_SECTION_FAMILY | HW_CASE_SECTION_CONTACTS |
                                HW_CASE_SECTION_PHOTOS | HW_CASE_SECTION_HISTORY);
    }
}

/* Actions */

static void
update_actions (HwCasePage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "case.reload", self->case_id > 0 && !self->loading);

  /* Editing and the status and contact actions come in their own commits. */
  gtk_widget_action_set_enabled (widget, "case.edit", FALSE);
  gtk_widget_action_set_enabled (widget, "case.save", FALSE);
  gtk_widget_action_set_enabled (widget, "case.cancel", FALSE);
  gtk_widget_action_set_enabled (widget, "case.change-status", FALSE);
  gtk_widget_action_set_enabled (widget, "case.add-contact", FALSE);
  gtk_widget_action_set_enabled (widget, "case.add-photos", FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_button), FALSE);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HwCasePage *self = HW_CASE_PAGE (widget);

  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);

  if (self->details == NULL)
    load_case (self);
  else
    load (self, HW_CASE_SECTION_ALL);
}

static void
not_yet_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
}

/* Object */

static void
hw_case_page_dispose (GObject *object)
{
  HwCasePage *self = HW_CASE_PAGE (object);

  forget_case (self);
  stop_loading_indicator (self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  hw_case_page_set_session (self, NULL);

  /* AdwBin keeps a pointer to its child, which the template owns. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HW_TYPE_CASE_PAGE);

  G_OBJECT_CLASS (hw_case_page_parent_class)->dispose (object);
}

static void
hw_case_page_finalize (GObject *object)
{
  HwCasePage *self = HW_CASE_PAGE (object);

  g_clear_pointer (&self->family_rows, g_ptr_array_unref);
  g_clear_pointer (&self->contact_rows, g_ptr_array_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (hw_case_page_parent_class)->finalize (object);
}

static void
hw_case_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  HwCasePage *self = HW_CASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_CASE_ID:
      g_value_set_int64 (value, self->case_id);
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, hw_case_page_get_modified (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hw_case_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  HwCasePage *self = HW_CASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      hw_case_page_set_session (self, g_value_get_object (value));
      break;

    case PROP_CASE_ID:
      hw_case_page_set_case_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hw_case_page_class_init (HwCasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hw_case_page_dispose;
  object_class->finalize = hw_case_page_finalize;
  object_class->get_property = hw_case_page_get_property;
  object_class->set_property = hw_case_page_set_property;

  /**
   * HwCasePage:session:
   *
   * Who is signed in, and the connection cases are read from.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         HW_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * HwCasePage:case-id:
   *
   * The case shown, or 0 for none.
   */
  properties[PROP_CASE_ID] =
    g_param_spec_int64 ("case-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * HwCasePage:modified:
   *
   * Whether the form holds edits that are not saved.
   */
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HwCasePage::saved:
   * @case_id: the case saved or created
   *
   * This page saved a case, created one, or changed its status or records.
   * The database does not deliver a client's own notifications back to it,
   * so lists showing the case refresh it from this signal.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/homeward/Homeward/hw-case-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, stack);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, error_page);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, banner);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, banner_button);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, avatar);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, name_label);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, latin_label);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, case_number_label);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, meta_label);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, status_detail_label);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, action_stack);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, status_button);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, child_group);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, photo_row);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, photo_box);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, nicknames_row);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, sex_row);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, birth_row);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, age_row);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, marks_row);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, native_place_row);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, dialect_row);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, abduction_group);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, abducted_row);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, age_then_row);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, place_row);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, region_row);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, coordinates_row);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, circumstances_row);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, family_group);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, contacts_group);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, history_group);

  gtk_widget_class_install_action (widget_class, "case.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "case.edit", NULL, not_yet_action);
  gtk_widget_class_install_action (widget_class, "case.save", NULL, not_yet_action);
  gtk_widget_class_install_action (widget_class, "case.cancel", NULL, not_yet_action);
  gtk_widget_class_install_action (widget_class, "case.change-status", "s", not_yet_action);
  gtk_widget_class_install_action (widget_class, "case.add-contact", NULL, not_yet_action);
  gtk_widget_class_install_action (widget_class, "case.add-photos", NULL, not_yet_action);
}

static void
hw_case_page_init (HwCasePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  load_style ();

  self->family_rows = g_ptr_array_new ();
  self->contact_rows = g_ptr_array_new ();
  self->history_rows = g_ptr_array_new ();

  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_actions (self);
}

HwCasePage *
hw_case_page_new (void)
{
  return g_object_new (HW_TYPE_CASE_PAGE, NULL);
}

/* Returns: (transfer none) (nullable): who is signed in */
HwSession *
hw_case_page_get_session (HwCasePage *self)
{
  g_return_val_if_fail (HW_IS_CASE_PAGE (self), NULL);

  return self->session;
}

/**
 * hw_case_page_set_session:
 * @session: (nullable): who is signed in, on which connection
 *
 * Reads the case shown (if any) again through @session's connection.
 */
void
hw_case_page_set_session (HwCasePage *self,
                          HwSession  *session)
{
  g_return_if_fail (HW_IS_CASE_PAGE (self));
  g_return_if_fail (session == NULL || HW_IS_SESSION (session));

  if (self->session == session)
    return;

  forget_case (self);

  if (self->session != NULL)
    g_clear_signal_handler (&self->notification_id, hw_session_get_db (self->session));
  g_clear_object (&self->store);
  g_set_object (&self->session, session);

  if (session != NULL)
    {
      self->store = hw_case_store_new (session);
      self->notification_id = g_signal_connect_object (hw_session_get_db (session), "notification",
                                                       G_CALLBACK (notification_cb), self,
                                                       G_CONNECT_SWAPPED);
    }

  load_case (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

gint64
hw_case_page_get_case_id (HwCasePage *self)
{
  g_return_val_if_fail (HW_IS_CASE_PAGE (self), 0);

  return self->case_id;
}

/**
 * hw_case_page_set_case_id:
 * @case_id: the case to show, or 0 for none
 *
 * Shows the case (reading it asynchronously). Edits not saved are dropped:
 * ask first (hw_case_page_get_modified()).
 */
void
hw_case_page_set_case_id (HwCasePage *self,
                          gint64      case_id)
{
  g_return_if_fail (HW_IS_CASE_PAGE (self));
  g_return_if_fail (case_id >= 0);

  if (self->case_id == case_id)
    return;

  forget_case (self);
  self->case_id = case_id;
  load_case (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE_ID]);
}

/**
 * hw_case_page_new_case:
 *
 * Shows an empty form for a new case of the officer's unit.
 */
void
hw_case_page_new_case (HwCasePage *self)
{
  g_return_if_fail (HW_IS_CASE_PAGE (self));
}

gboolean
hw_case_page_get_modified (HwCasePage *self)
{
  g_return_val_if_fail (HW_IS_CASE_PAGE (self), FALSE);

  return FALSE;
}
