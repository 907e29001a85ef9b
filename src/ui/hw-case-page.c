/* hw-case-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-case-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hw-case.h"
#include "hw-case-conflict-dialog.h"
#include "hw-case-contact-dialog.h"
#include "hw-case-family-dialog.h"
#include "hw-case-page.h"
#include "hw-case-dna.h"
#include "hw-case-reunion.h"
#include "hw-report-export.h"
#include "hw-case-sightings.h"
#include "hw-case-photo-viewer.h"
#include "hw-case-status-dialog.h"
#include "hw-case-store.h"
#include "hw-case-summary.h"
#include "hw-format.h"
#include "hw-ui-util.h"

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
 * again itself.
 *
 * Editing: Edit turns the child and the abduction into a form, checked as
 * it is typed. Save writes the case and its child in one statement against
 * the versions the form was read with. When someone else saved first, the
 * conflict dialog shows their values beside the officer's, field by field;
 * when someone else saves while the form is open, a banner says so instead
 * of touching the form. Nothing typed is dropped without the officer
 * choosing to: not on a conflict, not when the connection is lost. */

/* Show a spinner only for loads that take a moment: a quick one would flash. */
#define LOADING_DELAY_MS   150
/* Gather notifications that come in bursts (a save touches several rows). */
#define REFRESH_DELAY_MS   100
/* The header shows the first photo from its stored file, not the thumbnail
 * (too small for it), when the file is not too big. */
#define HEADER_PHOTO_MAX_BYTES (4 * 1024 * 1024)
#define HEADER_PHOTO_SIDE      192

typedef enum
{
  BANNER_NONE,
  BANNER_CHANGED,       /* someone else saved the case being edited */
  BANNER_NOT_SAVED,     /* saving failed; the form is kept */
} BannerKind;

/* The values of homeward.person.sex in the form's order; "" is not chosen. */
static const char * const sex_values[] = { "", "male", "female", "unknown" };

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
  GtkWidget          *edit_button;
  GtkMenuButton      *status_button;
  GtkLabel           *readonly_label;
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
  GtkWidget          *add_family_button;
  AdwPreferencesGroup *contacts_group;
  HwCaseSightings     *sightings;
  HwCaseDna           *dna;
  HwCaseReunion       *reunion;
  AdwPreferencesGroup *history_group;
  AdwPreferencesGroup *access_group;
  AdwPreferencesGroup *case_edit_group;
  AdwComboRow        *priority_combo;
  AdwActionRow       *officer_row;
  GtkDropDown        *officer_dropdown;
  GtkLabel           *case_errors;
  AdwPreferencesGroup *child_edit_group;
  AdwPreferencesGroup *abduction_edit_group;
  AdwEntryRow        *family_name_entry;
  AdwEntryRow        *given_name_entry;
  AdwEntryRow        *family_name_latin_entry;
  AdwEntryRow        *given_name_latin_entry;
  AdwEntryRow        *nicknames_entry;
  AdwComboRow        *sex_combo;
  AdwEntryRow        *birth_date_entry;
  AdwEntryRow        *marks_entry;
  AdwEntryRow        *native_place_entry;
  AdwEntryRow        *dialect_entry;
  GtkLabel           *child_errors;
  AdwEntryRow        *abducted_at_entry;
  AdwEntryRow        *place_entry;
  AdwEntryRow        *region_code_entry;
  AdwEntryRow        *latitude_entry;
  AdwEntryRow        *longitude_entry;
  GtkWidget          *circumstances_edit_row;
  GtkLabel           *circumstances_label;
  GtkTextView        *circumstances_view;
  GtkLabel           *abduction_errors;

  HwSession          *session;
  HwCaseStore        *store;
  gulong              notification_id;
  GCancellable       *session_cancellable;
  GPtrArray          *transitions;      /* HwCaseTransition */
  guint               n_status_choices;
  gint64              header_photo_id;  /* the photo the header shows from its file */
  GdkTexture         *header_photo;

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
  GPtrArray          *access_rows;

  /* The officers the case may be assigned to, in the drop-down's order:
   * their ids as the field holds them ("" first, for nobody), and names */
  GPtrArray          *officer_values;
  GPtrArray          *officer_names;
  GCancellable       *officers_cancellable;

  /* The form: a widget per field, and the row that shows it */
  GtkWidget          *field_widgets[HW_CASE_N_FIELDS];
  GtkWidget          *field_rows[HW_CASE_N_FIELDS];
  HwCase             *edit_base;        /* the case the form started from */
  HwCase             *remote;           /* saved by someone else while editing */
  char               *remote_who;
  BannerKind          banner_kind;
  guint               editing : 1;
  guint               creating : 1;
  guint               saving : 1;
  guint               filling : 1;
  guint               modified : 1;
  guint               valid : 1;
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
static void show_details        (HwCasePage     *self);
static void update_status_menu  (HwCasePage     *self);
static void stop_editing        (HwCasePage     *self);
static void notice_remote       (HwCasePage     *self);

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
header_size_prepared_cb (GdkPixbufLoader *loader,
                         int              width,
                         int              height,
                         gpointer         user_data)
{
  int side = MIN (width, height);

  /* Stored photos are checked when added; older ones may not have been. */
  if ((gint64) width * height > HW_CASE_PHOTO_MAX_PIXELS)
    gdk_pixbuf_loader_set_size (loader, 0, 0);
  /* The avatar is round: its short side is what shows. */
  else if (side > HEADER_PHOTO_SIDE)
    gdk_pixbuf_loader_set_size (loader,
                                MAX (1, (int) ((gint64) width * HEADER_PHOTO_SIDE / side)),
                                MAX (1, (int) ((gint64) height * HEADER_PHOTO_SIDE / side)));
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

  if (kase->id == 0)
    gtk_label_set_text (self->name_label, name[0] != '\0' ? name : _("New Case"));
  else
    gtk_label_set_text (self->name_label, name[0] != '\0' ? name : _("Name not recorded"));
  gtk_label_set_text (self->latin_label, latin);
  gtk_widget_set_visible (GTK_WIDGET (self->latin_label), latin[0] != '\0');
  adw_avatar_set_text (self->avatar, latin[0] != '\0' ? latin : name);

  if (kase->id == 0)
    {
      /* TRANSLATORS: where a new case's number will be, until it is saved */
      gtk_label_set_text (self->case_number_label, _("Number given when saved"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->case_number_label), "hw-case-number");
      gtk_widget_add_css_class (GTK_WIDGET (self->case_number_label), "dim-label");
    }
  else
    {
      gtk_label_set_text (self->case_number_label, kase->case_number);
      gtk_widget_add_css_class (GTK_WIDGET (self->case_number_label), "hw-case-number");
      gtk_widget_remove_css_class (GTK_WIDGET (self->case_number_label), "dim-label");
    }
  update_status_pill (self, kase->status);

  if (kase->unit_name[0] != '\0')
    g_ptr_array_add (meta, g_strdup (kase->unit_name));
  if (kase->officer_name[0] != '\0')
    /* TRANSLATORS: the officer a case is assigned to */
    g_ptr_array_add (meta, g_strdup_printf (_("Assigned to %s"), kase->officer_name));
  else if (kase->id != 0)
    g_ptr_array_add (meta, g_strdup (_("Not assigned to an officer")));
  if (kase->id != 0 && g_strcmp0 (hw_case_get_field (kase, HW_CASE_FIELD_PRIORITY), "normal") != 0)
    /* TRANSLATORS: a case's priority: "Priority: Urgent" */
    g_ptr_array_add (meta, g_strdup_printf (_("Priority: %s"),
                                            hw_case_priority_to_label (hw_case_get_field (kase, HW_CASE_FIELD_PRIORITY))));
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
decode_header_photo_thread (GTask        *task,
                            gpointer      source_object,
                            gpointer      task_data,
                            GCancellable *cancellable)
{
  GBytes *bytes = task_data;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (header_size_prepared_cb), NULL);
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, &error) ||
      !gdk_pixbuf_loader_close (loader, &error) ||
      !(pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                               error != NULL ? error->message : "no picture");
      return;
    }

  g_task_return_pointer (task, gdk_pixbuf_apply_embedded_orientation (pixbuf), g_object_unref);
}

static void
header_photo_decoded_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(HwCasePage) self = user_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  gint64 photo_id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (result), "hw-photo-id"));

  if (!(pixbuf = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Header photo not shown: %s", error->message);
      return;
    }

  if (photo_id != self->header_photo_id)
    return;

  g_clear_object (&self->header_photo);
  self->header_photo = gdk_texture_new_for_pixbuf (pixbuf);
  adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (self->header_photo));
}

typedef struct
{
  HwCasePage *self;
  gint64      photo_id;
} PhotoRequest;

static void
photo_request_free (PhotoRequest *request)
{
  g_object_unref (request->self);
  g_free (request);
}

static void
header_photo_loaded_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  PhotoRequest *request = user_data;
  HwCasePage *self = request->self;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  bytes = hw_case_store_load_photo_finish (HW_CASE_STORE (object), result, &error);

  /* Nothing (too big to show), or a photo no longer shown. */
  if (bytes != NULL && request->photo_id == self->header_photo_id)
    {
      task = g_task_new (NULL, self->case_cancellable, header_photo_decoded_cb, g_object_ref (self));
      g_object_set_data (G_OBJECT (task), "hw-photo-id", GSIZE_TO_POINTER ((gsize) request->photo_id));
      g_task_set_task_data (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
      g_task_run_in_thread (task, decode_header_photo_thread);
    }

  photo_request_free (request);
}

/* Reads the first photo's file for the header, decoded (scaled down) on a
 * worker thread. */
static void
load_header_photo (HwCasePage *self,
                   gint64      photo_id)
{
  PhotoRequest *request;

  if (self->store == NULL || self->case_cancellable == NULL)
    return;

  self->header_photo_id = photo_id;
  g_clear_object (&self->header_photo);

  request = g_new0 (PhotoRequest, 1);
  request->self = g_object_ref (self);
  request->photo_id = photo_id;
  hw_case_store_load_photo_async (self->store, photo_id, HEADER_PHOTO_MAX_BYTES, self->case_cancellable,
                                  header_photo_loaded_cb, request);
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
      g_autoptr(GdkTexture) texture = hw_texture_from_thumbnail (photo->thumbnail);
      GtkWidget *picture;

      if (texture == NULL)
        continue;

      picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_widget_set_size_request (picture, 72, 72);
      gtk_widget_add_css_class (picture, "hw-photo");
      g_object_set_data (G_OBJECT (picture), "hw-photo-index", GUINT_TO_POINTER (i));
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

      /* The first photo is the child's face in the header: the thumbnail
       * until the file is read. */
      if (!avatar_set)
        {
          if (photo->id == self->header_photo_id && self->header_photo != NULL)
            adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (self->header_photo));
          else
            {
              adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));
              load_header_photo (self, photo->id);
            }
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

static gboolean can_edit (HwCasePage *self);

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
      AdwActionRow *row;
      g_autofree char *consents = consents_text (member);
      const char *name = member->name[0] != '\0' ? member->name : member->name_latin;

      /* TRANSLATORS: a relative's name and relationship to the child: "王秀英 · Mother" */
      title = g_strdup_printf (_("%s · %s"), name[0] != '\0' ? name : _("Name not recorded"),
                               hw_case_relationship_to_label (member->relationship));

      if (!member->contact_visible && member->has_contact)
        g_string_append (subtitle, _("Phone and address restricted to the assigned officer and supervisors"));
      else
        {
          g_string_append (subtitle, member->phone[0] != '\0' ? member->phone : _("No phone number"));
          if (member->address[0] != '\0')
            g_string_append_printf (subtitle, "\n%s", member->address);
        }
      g_string_append_printf (subtitle, "\n%s%s%s",
                              member->dna_given ? _("DNA sample given") : _("No DNA sample"),
                              _(" · "), consents);

      row = add_row (self->family_group, self->family_rows, title, subtitle->str,
                     "system-users-symbolic");

      /* The unit's officers edit the family; nobody else is offered it. */
      if (can_edit (self))
        {
          GtkWidget *button = gtk_button_new_from_icon_name ("document-edit-symbolic");

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_tooltip_text (button, _("Edit the relative’s details"));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "case.edit-family-member");
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (member->id));
          adw_action_row_add_suffix (row, button);
          adw_action_row_set_activatable_widget (row, button);
        }
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

  if (details->contacts_restricted)
    {
      add_row (self->contacts_group, self->contact_rows, _("The contact log is restricted"),
               _("Only the officer assigned to the case and the unit’s supervisors can see it."),
               "system-lock-screen-symbolic");
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
      gboolean recorded = FALSE;

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
          recorded |= g_str_equal (change->table_name, "abduction_case") &&
                      g_str_equal (change->action, "INSERT");
        }

      /* Cases imported or loaded without the audit log began before it. */
      if (!recorded && kase->created_at != HW_CASE_NO_TIME)
        {
          g_autofree char *when = format_when (kase->created_at, TRUE, now);

          add_row (self->history_group, self->history_rows, _("Case recorded"), when, NULL);
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

/* Who looked at the family's details: for the unit's supervisors. */
static void
show_access_log (HwCasePage          *self,
                 const HwCaseDetails *details,
                 GDateTime           *now)
{
  clear_rows (self->access_group, self->access_rows);
  gtk_widget_set_visible (GTK_WIDGET (self->access_group),
                          details->access_log != NULL && !details->family_restricted);
  if (details->access_log == NULL)
    return;

  for (guint i = 0; i < details->access_log->len; i++)
    {
      const HwCaseAccess *access = g_ptr_array_index (details->access_log, i);
      g_autofree char *when = format_when (access->at, TRUE, now);
      /* TRANSLATORS: who read what of the family's restricted details: "李伟 · DNA results" */
      g_autofree char *title = g_strdup_printf (_("%s · %s"), access->who, hw_case_access_to_label (access->what));

      add_row (self->access_group, self->access_rows, title, when, NULL);
    }

  if (details->access_log->len == 0)
    add_placeholder_row (self->access_group, self->access_rows,
                         _("Nobody has read the family’s contact details or DNA results yet"));
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
  show_access_log (self, details, now);
  update_status_menu (self);

  gtk_stack_set_visible_child_name (self->stack, "case");
}

/* The status changes this officer may make from the case's status: those
 * the rules allow, a supervisor's only for supervisors, and "reunited" only
 * once a supervisor signed off the reunion (HW003, HW004). */
static void
update_status_menu (HwCasePage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  const HwCase *kase = self->details != NULL ? self->details->kase : NULL;
  gboolean supervisor = self->session != NULL && hw_session_is_supervisor (self->session);

  self->n_status_choices = 0;

  for (guint i = 0; kase != NULL && self->transitions != NULL && i < self->transitions->len; i++)
    {
      const HwCaseTransition *t = g_ptr_array_index (self->transitions, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (!g_str_equal (t->from_status, kase->status) ||
          (t->needs_supervisor && !supervisor) ||
          (g_str_equal (t->to_status, "reunited") && !kase->has_signed_reunion))
        continue;

      /* TRANSLATORS: a menu item that opens a dialog: "Cold…" */
      label = g_strdup_printf (_("%s…"), hw_case_status_to_label (t->to_status));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "case.change-status",
                                               g_variant_new_string (t->to_status));
      g_menu_append_item (menu, item);
      self->n_status_choices++;
    }

  gtk_menu_button_set_menu_model (self->status_button, G_MENU_MODEL (menu));
}

static const HwCaseTransition *
find_transition (HwCasePage *self,
                 const char *to_status)
{
  const HwCase *kase = self->details != NULL ? self->details->kase : NULL;

  for (guint i = 0; kase != NULL && self->transitions != NULL && i < self->transitions->len; i++)
    {
      const HwCaseTransition *t = g_ptr_array_index (self->transitions, i);

      if (g_str_equal (t->from_status, kase->status) && g_str_equal (t->to_status, to_status))
        return t;
    }

  return NULL;
}

/* The form or the record, and what only a recorded case has. */
static void
show_mode (HwCasePage *self)
{
  gboolean recorded = !self->creating;

  gtk_widget_set_visible (GTK_WIDGET (self->child_group), !self->editing);
  gtk_widget_set_visible (GTK_WIDGET (self->abduction_group), !self->editing);
  gtk_widget_set_visible (GTK_WIDGET (self->case_edit_group), self->editing);
  gtk_widget_set_visible (GTK_WIDGET (self->child_edit_group), self->editing);
  gtk_widget_set_visible (GTK_WIDGET (self->abduction_edit_group), self->editing);
  gtk_widget_set_visible (GTK_WIDGET (self->family_group), recorded);
  gtk_widget_set_visible (GTK_WIDGET (self->contacts_group), recorded);
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), recorded);
  if (!recorded)
    gtk_widget_set_visible (GTK_WIDGET (self->access_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->status_detail_label),
                          recorded && gtk_label_get_text (self->status_detail_label)[0] != '\0');
  gtk_stack_set_visible_child_name (self->action_stack, self->editing ? "edit" : "view");
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
  show_mode (self);
  if (self->editing)
    notice_remote (self);
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
      hw_case_sightings_set_case (self->sightings, NULL, 0);
      hw_case_dna_set_case (self->dna, NULL, 0);
      hw_case_reunion_set_case (self->reunion, NULL, 0);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_actions (self);
      return;
    }

  self->loading_id = g_timeout_add (LOADING_DELAY_MS, loading_timeout_cb, self);
  load (self, HW_CASE_SECTION_ALL);
  hw_case_sightings_set_case (self->sightings, self->session, self->case_id);
  hw_case_dna_set_case (self->dna, self->session, self->case_id);
  hw_case_reunion_set_case (self->reunion, self->session, self->case_id);
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
  self->loading = FALSE;
  self->header_photo_id = 0;
  g_clear_object (&self->header_photo);
  stop_editing (self);
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
  else if (g_str_equal (parts[0], "family_member"))
    {
      /* A relative shown changed or was removed (a removal touches no list key). */
      for (guint i = 0; self->details->family != NULL && i < self->details->family->len; i++)
        {
          const HwFamilyMember *member = g_ptr_array_index (self->details->family, i);

          if (member->id == id && (version == 0 || version > member->version))
            schedule_refresh (self, HW_CASE_SECTION_FAMILY | HW_CASE_SECTION_CONTACTS |
                                    HW_CASE_SECTION_HISTORY);
        }
    }
  else if (g_str_equal (parts[0], "case_list_key"))
    {
      /* Something recorded on the case: family, contacts, photos. */
      if (id == kase->id || id == 0)
        schedule_refresh (self, HW_CASE_SECTION_FAMILY | HW_CASE_SECTION_CONTACTS |
                                HW_CASE_SECTION_PHOTOS | HW_CASE_SECTION_HISTORY);
    }
}

/* The form */

static gboolean
can_edit (HwCasePage *self)
{
  return self->session != NULL && self->details != NULL && self->details->kase != NULL &&
         hw_session_is_own_unit (self->session, self->details->kase->unit_id);
}

/* The values a drop-down of the form stands for, in its order. */
static const char * const *
choice_values (HwCasePage *self,
               GtkWidget  *widget,
               guint      *n_values)
{
  if (widget == GTK_WIDGET (self->officer_dropdown))
    {
      *n_values = self->officer_values->len;
      return (const char * const *) self->officer_values->pdata;
    }

  if (widget == GTK_WIDGET (self->priority_combo))
    {
      *n_values = g_strv_length ((char **) hw_case_get_priorities ());
      return hw_case_get_priorities ();
    }

  *n_values = G_N_ELEMENTS (sex_values);
  return sex_values;
}

static guint
get_selected (GtkWidget *widget)
{
  if (ADW_IS_COMBO_ROW (widget))
    return adw_combo_row_get_selected (ADW_COMBO_ROW (widget));

  return gtk_drop_down_get_selected (GTK_DROP_DOWN (widget));
}

static char *
dup_field_widget_text (HwCasePage *self,
                       GtkWidget  *widget)
{
  if (ADW_IS_COMBO_ROW (widget) || GTK_IS_DROP_DOWN (widget))
    {
      guint n_values;
      const char * const *values = choice_values (self, widget, &n_values);
      guint selected = get_selected (widget);

      return g_strdup (selected < n_values ? values[selected] : "");
    }

  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
}

static void
set_field_widget_text (HwCasePage *self,
                       GtkWidget  *widget,
                       const char *text)
{
  if (ADW_IS_COMBO_ROW (widget) || GTK_IS_DROP_DOWN (widget))
    {
      guint n_values;
      const char * const *values = choice_values (self, widget, &n_values);
      guint selected = 0;

      for (guint i = 0; i < n_values; i++)
        if (g_strcmp0 (values[i], text) == 0)
          selected = i;
      if (ADW_IS_COMBO_ROW (widget))
        adw_combo_row_set_selected (ADW_COMBO_ROW (widget), selected);
      else
        gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), selected);
    }
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (widget), text);
    }
}

/* The officers the drop-down offers: nobody, the unit's officers, and the
 * officer assigned now when they are not among them (they may have left the
 * unit: the case keeps them until someone assigns it again). */
static void
fill_officers (HwCasePage *self,
               GPtrArray  *officers)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *chosen = NULL;
  g_autofree char *chosen_name = NULL;
  gboolean listed = FALSE;

  /* What the form has now stays chosen. */
  if (self->officer_values->len > 0)
    {
      guint selected = gtk_drop_down_get_selected (self->officer_dropdown);

      if (selected < self->officer_values->len)
        {
          chosen = g_strdup (g_ptr_array_index (self->officer_values, selected));
          chosen_name = g_strdup (g_ptr_array_index (self->officer_names, selected));
        }
    }
  else if (self->edit_base != NULL)
    {
      chosen = g_strdup (hw_case_get_field (self->edit_base, HW_CASE_FIELD_ASSIGNED_OFFICER));
      chosen_name = g_strdup (self->edit_base->officer_name);
    }

  g_ptr_array_set_size (self->officer_values, 0);
  g_ptr_array_set_size (self->officer_names, 0);

  g_ptr_array_add (self->officer_values, g_strdup (""));
  g_ptr_array_add (self->officer_names, g_strdup (""));
  gtk_string_list_append (labels, _("Not assigned"));

  for (guint i = 0; officers != NULL && i < officers->len; i++)
    {
      const HwCaseOfficer *officer = g_ptr_array_index (officers, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, officer->id);

      listed |= g_strcmp0 (id, chosen) == 0;
      g_ptr_array_add (self->officer_values, g_steal_pointer (&id));
      g_ptr_array_add (self->officer_names, g_strdup (officer->name));
      if (officer->rank[0] != '\0')
        {
          /* TRANSLATORS: an officer and their rank: "李伟 · 一级警长" */
          g_autofree char *label = g_strdup_printf (_("%s · %s"), officer->name, officer->rank);

          gtk_string_list_append (labels, label);
        }
      else
        gtk_string_list_append (labels, officer->name);
    }

  if (chosen != NULL && chosen[0] != '\0' && !listed)
    {
      g_ptr_array_add (self->officer_values, g_strdup (chosen));
      g_ptr_array_add (self->officer_names, g_strdup (chosen_name));
      gtk_string_list_append (labels, chosen_name != NULL && chosen_name[0] != '\0' ? chosen_name : chosen);
    }

  self->filling = TRUE;
  gtk_drop_down_set_model (self->officer_dropdown, G_LIST_MODEL (labels));
  set_field_widget_text (self, GTK_WIDGET (self->officer_dropdown), chosen != NULL ? chosen : "");
  self->filling = FALSE;
}

static void form_changed_cb (HwCasePage *self);

static void
officers_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(HwCasePage) self = user_data;
  g_autoptr(GPtrArray) officers = NULL;
  g_autoptr(GError) error = NULL;

  officers = hw_case_store_load_officers_finish (HW_CASE_STORE (object), result, &error);
  if (officers == NULL)
    {
      /* The drop-down keeps the officer assigned now. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No officers to assign: %s", error->message);
      return;
    }

  if (!self->editing)
    return;

  fill_officers (self, officers);
  form_changed_cb (self);
}

/* The officer drop-down is made when editing starts and goes when it ends:
 * a page that is only read holds no list of officers. It searches the
 * officers' names as typed. */
static void
make_officer_dropdown (HwCasePage *self)
{
  GtkExpression *name;

  if (self->officer_dropdown != NULL)
    return;

  name = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  self->officer_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, name));
  gtk_drop_down_set_enable_search (self->officer_dropdown, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->officer_dropdown), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->officer_dropdown), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->officer_dropdown),
                               _("Officers of the case’s unit; type to search"));
  adw_action_row_add_suffix (self->officer_row, GTK_WIDGET (self->officer_dropdown));
  adw_action_row_set_activatable_widget (self->officer_row, GTK_WIDGET (self->officer_dropdown));
  g_signal_connect_object (self->officer_dropdown, "notify::selected", G_CALLBACK (form_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->field_widgets[HW_CASE_FIELD_ASSIGNED_OFFICER] = GTK_WIDGET (self->officer_dropdown);
}

static void
drop_officer_dropdown (HwCasePage *self)
{
  if (self->officer_dropdown == NULL)
    return;

  adw_action_row_set_activatable_widget (self->officer_row, NULL);
  adw_action_row_remove (self->officer_row, GTK_WIDGET (self->officer_dropdown));
  self->officer_dropdown = NULL;
  self->field_widgets[HW_CASE_FIELD_ASSIGNED_OFFICER] = NULL;
  g_ptr_array_set_size (self->officer_values, 0);
  g_ptr_array_set_size (self->officer_names, 0);
}

/* The form's officers: the one assigned now at once, the unit's when read. */
static void
load_officers (HwCasePage *self)
{
  make_officer_dropdown (self);

  if (self->officers_cancellable != NULL)
    g_cancellable_cancel (self->officers_cancellable);
  g_clear_object (&self->officers_cancellable);

  g_ptr_array_set_size (self->officer_values, 0);
  g_ptr_array_set_size (self->officer_names, 0);
  fill_officers (self, NULL);

  if (self->store == NULL || self->edit_base == NULL)
    return;

  self->officers_cancellable = g_cancellable_new ();
  hw_case_store_load_officers_async (self->store, self->edit_base->unit_id, self->officers_cancellable,
                                     officers_cb, g_object_ref (self));
}

/* The case as the form has it: the base case with the form's fields. */
static HwCase *
read_form (HwCasePage *self)
{
  HwCase *kase = hw_case_copy (self->edit_base);

  for (guint i = 0; i < HW_CASE_N_FIELDS; i++)
    {
      g_autofree char *text = dup_field_widget_text (self, self->field_widgets[i]);

      hw_case_set_field (kase, i, text);
    }

  /* The officer chosen, by name as well. */
  {
    guint selected = gtk_drop_down_get_selected (self->officer_dropdown);

    g_free (kase->officer_name);
    kase->officer_name = g_strdup (selected < self->officer_names->len
                                   ? (const char *) g_ptr_array_index (self->officer_names, selected)
                                   : "");
  }

  return kase;
}

static void
fill_form (HwCasePage   *self,
           const HwCase *kase)
{
  self->filling = TRUE;
  for (guint i = 0; i < HW_CASE_N_FIELDS; i++)
    if (i != HW_CASE_FIELD_ASSIGNED_OFFICER)
      set_field_widget_text (self, self->field_widgets[i], hw_case_get_field (kase, i));
  /* Their officer may not be among those offered (left the unit): offer them. */
  {
    g_autofree char *chosen = NULL;

    set_field_widget_text (self, GTK_WIDGET (self->officer_dropdown),
                           hw_case_get_field (kase, HW_CASE_FIELD_ASSIGNED_OFFICER));
    chosen = dup_field_widget_text (self, GTK_WIDGET (self->officer_dropdown));
    if (g_strcmp0 (chosen, hw_case_get_field (kase, HW_CASE_FIELD_ASSIGNED_OFFICER)) != 0)
      {
        g_ptr_array_add (self->officer_values,
                         g_strdup (hw_case_get_field (kase, HW_CASE_FIELD_ASSIGNED_OFFICER)));
        g_ptr_array_add (self->officer_names, g_strdup (kase->officer_name));
        gtk_string_list_append (GTK_STRING_LIST (gtk_drop_down_get_model (self->officer_dropdown)),
                                kase->officer_name);
        gtk_drop_down_set_selected (self->officer_dropdown, self->officer_values->len - 1);
      }
  }
  self->filling = FALSE;
}

/* What is typed while the form is being saved would not be saved: the
 * fields are read-only meanwhile. (Not insensitive: the focus stays in the
 * field being typed in.) */
static void
set_form_editable (HwCasePage *self,
                   gboolean    editable)
{
  for (guint i = 0; i < HW_CASE_N_FIELDS; i++)
    {
      GtkWidget *widget = self->field_widgets[i];

      if (widget == NULL)
        continue;

      if (GTK_IS_EDITABLE (widget))
        gtk_editable_set_editable (GTK_EDITABLE (widget), editable);
      else if (GTK_IS_TEXT_VIEW (widget))
        gtk_text_view_set_editable (GTK_TEXT_VIEW (widget), editable);
      else
        gtk_widget_set_sensitive (widget, editable);
    }
}

static void
set_modified (HwCasePage *self,
              gboolean    modified)
{
  if (self->modified == modified)
    return;

  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
append_message (GString    *messages,
                const char *message)
{
  /* The name's message is the same for both name fields. */
  if (strstr (messages->str, message) != NULL)
    return;

  if (messages->len > 0)
    g_string_append_c (messages, '\n');
  g_string_append (messages, message);
}

/* Checks every field as typed; marks the rows whose values cannot be saved
 * and says why under their group. */
static void
check_form (HwCasePage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(HwCase) form = read_form (self);
  g_autoptr(GString) child_messages = g_string_new (NULL);
  g_autoptr(GString) abduction_messages = g_string_new (NULL);
  g_autoptr(GString) case_messages = g_string_new (NULL);

  self->valid = TRUE;

  for (guint i = 0; i < HW_CASE_N_FIELDS; i++)
    {
      g_autofree char *message = hw_case_check_field (form, i, now);
      GtkWidget *row = self->field_rows[i];

      gtk_widget_set_tooltip_text (row, message);
      if (message == NULL)
        {
          gtk_widget_remove_css_class (row, "hw-invalid");
          gtk_widget_remove_css_class (row, "error");
          continue;
        }

      self->valid = FALSE;
      gtk_widget_add_css_class (row, "hw-invalid");
      if (ADW_IS_ENTRY_ROW (row))
        gtk_widget_add_css_class (row, "error");
      append_message (i >= HW_CASE_FIELD_PRIORITY ? case_messages
                      : i < HW_CASE_FIELD_ABDUCTED_AT ? child_messages : abduction_messages, message);
    }

  gtk_label_set_text (self->case_errors, case_messages->str);
  gtk_widget_set_visible (GTK_WIDGET (self->case_errors), case_messages->len > 0);
  gtk_label_set_text (self->child_errors, child_messages->str);
  gtk_widget_set_visible (GTK_WIDGET (self->child_errors), child_messages->len > 0);
  gtk_label_set_text (self->abduction_errors, abduction_messages->str);
  gtk_widget_set_visible (GTK_WIDGET (self->abduction_errors), abduction_messages->len > 0);

  set_modified (self, !hw_case_fields_equal (form, self->edit_base));
}

static void
form_changed_cb (HwCasePage *self)
{
  if (self->filling || !self->editing)
    return;

  check_form (self);
  update_actions (self);
}

/* The banner */

static void
show_banner (HwCasePage *self,
             BannerKind  kind,
             const char *message)
{
  self->banner_kind = kind;

  if (kind == BANNER_NONE)
    {
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
      return;
    }

  gtk_label_set_text (self->banner_label, message);
  if (kind == BANNER_NOT_SAVED)
    {
      gtk_widget_add_css_class (self->banner, "hw-error");
      gtk_button_set_label (self->banner_button, _("_Try Again"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button), "case.save");
    }
  else
    {
      gtk_widget_remove_css_class (self->banner, "hw-error");
      gtk_button_set_label (self->banner_button, _("_Reload"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button), "case.reload");
    }
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
show_changed_banner (HwCasePage *self)
{
  g_autofree char *message = NULL;

  if (self->remote_who != NULL)
    /* TRANSLATORS: %s is the officer who saved the case while this one edits it */
    message = g_strdup_printf (_("Changed by %s while you were editing. Reload to see their changes beside yours."),
                               self->remote_who);
  else
    message = g_strdup (_("Changed by someone else while you were editing. Reload to see their changes beside yours."));

  show_banner (self, BANNER_CHANGED, message);
}

/* Returns: who saved @current last: the case's writer when the case moved
 * past @base, else the child's; NULL when not known */
static const char *
dup_saved_by (const HwCase *base,
              const HwCase *current)
{
  const char *who = current->version != base->version ? current->updated_by_name
                                                       : current->child_updated_by_name;

  return who[0] != '\0' ? who : NULL;
}

/* Someone else saved a newer version of the case (or of its child) than the
 * form started from: keep it aside and say so, naming who; the form stays
 * as it is. */
static void
set_remote (HwCasePage   *self,
            const HwCase *current)
{
  g_clear_pointer (&self->remote, hw_case_free);
  self->remote = hw_case_copy (current);
  g_free (self->remote_who);
  self->remote_who = g_strdup (dup_saved_by (self->edit_base, current));

  show_changed_banner (self);
}

static void
notice_remote (HwCasePage *self)
{
  const HwCase *current;

  if (!self->editing || self->creating || self->details == NULL || self->details->kase == NULL)
    return;

  current = self->details->kase;
  if (current->version == self->edit_base->version &&
      current->child_version == self->edit_base->child_version)
    return;

  /* Already said. */
  if (self->remote != NULL && self->remote->version == current->version &&
      self->remote->child_version == current->child_version)
    return;

  set_remote (self, current);
}

/* Editing */

static void
start_editing (HwCasePage   *self,
               const HwCase *base,
               gboolean      creating)
{
  g_clear_pointer (&self->edit_base, hw_case_free);
  self->edit_base = hw_case_copy (base);
  self->editing = TRUE;
  self->creating = creating;
  self->saving = FALSE;

  load_officers (self);
  fill_form (self, base);
  show_mode (self);
  check_form (self);
  update_actions (self);

  gtk_widget_grab_focus (self->field_widgets[HW_CASE_FIELD_FAMILY_NAME]);
}

static void
stop_editing (HwCasePage *self)
{
  if (self->officers_cancellable != NULL)
    g_cancellable_cancel (self->officers_cancellable);
  g_clear_object (&self->officers_cancellable);
  drop_officer_dropdown (self);
  g_clear_pointer (&self->edit_base, hw_case_free);
  g_clear_pointer (&self->remote, hw_case_free);
  g_clear_pointer (&self->remote_who, g_free);

  self->editing = FALSE;
  self->creating = FALSE;
  self->saving = FALSE;
  show_banner (self, BANNER_NONE, NULL);
  set_form_editable (self, TRUE);
  set_modified (self, FALSE);
  show_mode (self);
}

static void
set_saving (HwCasePage *self,
            gboolean    saving)
{
  self->saving = saving;
  set_form_editable (self, !saving);
  update_actions (self);
}

/* After a save: show the case as saved. */
static void
finish_saving (HwCasePage *self,
               HwCase     *saved)
{
  gint64 id = saved->id;
  gboolean created = self->creating;

  if (self->details == NULL)
    self->details = g_new0 (HwCaseDetails, 1);
  g_clear_pointer (&self->details->kase, hw_case_free);
  self->details->kase = saved;

  stop_editing (self);

  if (created)
    {
      self->case_id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE_ID]);
    }

  show_details (self);
  show_mode (self);
  update_actions (self);

  /* The history has a new entry; a new case, its (empty) records. */
  load (self, HW_CASE_SECTION_ALL);

  g_signal_emit (self, signals[SAVED], 0, id);
}

static char *describe_refusal (const GError *error);

static void
save_failed (HwCasePage   *self,
             const GError *error)
{
  g_autofree char *why = describe_refusal (error);
  g_autofree char *message = NULL;

  /* TRANSLATORS: %s says why saving failed */
  message = g_strdup_printf (_("Not saved: %s\nYour changes are still in the form."), why);
  show_banner (self, BANNER_NOT_SAVED, message);
}

static void resolve (HwCasePage   *self,
                     const HwCase *theirs,
                     gboolean      saving);

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(HwCasePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HwCase) current = NULL;
  HwCase *saved;

  if (self->creating)
    saved = hw_case_store_create_finish (HW_CASE_STORE (object), result, &error);
  else
    saved = hw_case_store_save_finish (HW_CASE_STORE (object), result, &current, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->editing)
    {
      g_clear_pointer (&saved, hw_case_free);
      return;
    }

  set_saving (self, FALSE);

  if (saved != NULL)
    {
      finish_saving (self, saved);
      return;
    }

  if (g_error_matches (error, HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_CONFLICT) && current != NULL)
    {
      resolve (self, current, TRUE);
      return;
    }

  save_failed (self, error);
}

static void
save (HwCasePage *self)
{
  g_autoptr(HwCase) form = read_form (self);

  if (self->case_cancellable == NULL)
    self->case_cancellable = g_cancellable_new ();

  set_saving (self, TRUE);
  show_banner (self, BANNER_NONE, NULL);

  if (self->creating)
    hw_case_store_create_async (self->store, form, self->case_cancellable, save_cb,
                                g_object_ref (self));
  else
    hw_case_store_save_async (self->store, form, self->case_cancellable, save_cb,
                              g_object_ref (self));
}

typedef struct
{
  HwCasePage *self;
  HwCase     *theirs;
  gboolean    saving;
} Resolution;

static void
resolution_free (gpointer data)
{
  Resolution *resolution = data;

  g_clear_object (&resolution->self);
  g_clear_pointer (&resolution->theirs, hw_case_free);
  g_free (resolution);
}

static void
conflict_resolved_cb (HwCaseConflictDialog *dialog,
                      Resolution           *resolution)
{
  HwCasePage *self = resolution->self;
  g_autoptr(HwCase) merged = NULL;

  if (!self->editing)
    return;

  /* The form now starts from their version, with the values chosen. */
  merged = hw_case_conflict_dialog_get_merged (dialog);
  g_clear_pointer (&self->edit_base, hw_case_free);
  self->edit_base = hw_case_copy (resolution->theirs);
  g_clear_pointer (&self->remote, hw_case_free);
  g_clear_pointer (&self->remote_who, g_free);
  show_banner (self, BANNER_NONE, NULL);

  fill_form (self, merged);
  check_form (self);
  update_actions (self);

  if (resolution->saving && self->valid)
    save (self);
}

static void
conflict_closed_cb (HwCaseConflictDialog *dialog,
                    Resolution           *resolution)
{
  HwCasePage *self = resolution->self;

  /* Not resolved: their version stays aside, and the banner offers it again. */
  if (self->editing && self->remote == NULL &&
      (resolution->theirs->version != self->edit_base->version ||
       resolution->theirs->child_version != self->edit_base->child_version))
    set_remote (self, resolution->theirs);
}

static void
resolve_with_name (HwCasePage   *self,
                   const HwCase *theirs,
                   const char   *who,
                   gboolean      saving)
{
  g_autoptr(HwCase) mine = read_form (self);
  HwCaseConflictDialog *dialog;
  Resolution *resolution;

  /* The form already holds what they saved (our own save went through
   * before the connection broke, say): nothing to choose. */
  if (hw_case_fields_equal (mine, theirs))
    {
      if (saving)
        {
          finish_saving (self, hw_case_copy (theirs));
          return;
        }

      g_clear_pointer (&self->edit_base, hw_case_free);
      self->edit_base = hw_case_copy (theirs);
      g_clear_pointer (&self->remote, hw_case_free);
      show_banner (self, BANNER_NONE, NULL);
      check_form (self);
      update_actions (self);
      return;
    }

  dialog = hw_case_conflict_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        self->edit_base, mine, theirs, who, saving);

  resolution = g_new0 (Resolution, 1);
  resolution->self = g_object_ref (self);
  resolution->theirs = hw_case_copy (theirs);
  resolution->saving = saving;
  g_signal_connect (dialog, "resolved", G_CALLBACK (conflict_resolved_cb), resolution);
  g_signal_connect_data (dialog, "destroy", G_CALLBACK (conflict_closed_cb), resolution,
                         (GClosureNotify) (void (*) (void)) resolution_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* Their version against the form: a dialog when values differ. */
static void
resolve (HwCasePage   *self,
         const HwCase *theirs,
         gboolean      saving)
{
  resolve_with_name (self, theirs, dup_saved_by (self->edit_base, theirs), saving);
}

/* Actions */

static void
update_actions (HwCasePage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean shown = self->details != NULL && self->details->kase != NULL;
  gboolean editable = shown && can_edit (self) && !self->creating;
  gboolean idle = !self->editing && !self->saving;
  gboolean family_editable;

  gtk_widget_action_set_enabled (widget, "case.reload",
                                 self->case_id > 0 && !self->loading && !self->saving &&
                                 (!self->editing || self->remote != NULL));
  gtk_widget_action_set_enabled (widget, "case.edit", editable && idle && !self->loading);
  gtk_widget_action_set_enabled (widget, "case.save", self->editing && !self->saving && self->valid);
  gtk_widget_action_set_enabled (widget, "case.cancel", self->editing && !self->saving);

  gtk_widget_action_set_enabled (widget, "case.change-status",
                                 editable && idle && self->n_status_choices > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_button),
                            editable && idle && self->n_status_choices > 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_button),
                               editable && self->n_status_choices == 0
                               ? _("No status change is open to you from this status")
                               : NULL);
  gtk_widget_action_set_enabled (widget, "case.add-contact", editable && !self->saving);
  family_editable = editable && !self->saving && !self->details->family_restricted;
  gtk_widget_action_set_enabled (widget, "case.add-family-member", family_editable);
  gtk_widget_action_set_enabled (widget, "case.edit-family-member", family_editable);
  gtk_widget_set_visible (self->add_family_button, family_editable);

  gtk_widget_action_set_enabled (widget, "case.add-photos", editable && !self->saving);
  hw_case_dna_set_editable (self->dna, editable);
  hw_case_reunion_set_editable (self->reunion, editable);
  gtk_widget_action_set_enabled (widget, "case.export-report", shown && !self->creating && self->case_id > 0);
  gtk_widget_action_set_enabled (widget, "case.print-report", shown && !self->creating && self->case_id > 0);

  /* What the officer may not do is not offered; they are told why. */
  gtk_widget_set_visible (GTK_WIDGET (self->action_stack), self->creating || (shown && can_edit (self)));
  gtk_widget_set_visible (GTK_WIDGET (self->readonly_label), shown && !self->creating && !can_edit (self));
  if (shown && !can_edit (self))
    {
      const HwCase *kase = self->details->kase;
      g_autofree char *text = NULL;

      /* TRANSLATORS: %s is a police unit's name */
      text = g_strdup_printf (_("Only officers of %s can change this case."),
                              kase->unit_name[0] != '\0' ? kase->unit_name : kase->unit_code);
      gtk_label_set_text (self->readonly_label, text);
    }
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HwCasePage *self = HW_CASE_PAGE (widget);

  /* While editing: their version beside the form, not instead of it. */
  if (self->editing)
    {
      if (self->remote != NULL)
        {
          g_autoptr(HwCase) theirs = hw_case_copy (self->remote);

          resolve (self, theirs, FALSE);
        }
      return;
    }

  show_banner (self, BANNER_NONE, NULL);

  if (self->details == NULL)
    load_case (self);
  else
    load (self, HW_CASE_SECTION_ALL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HwCasePage *self = HW_CASE_PAGE (widget);

  if (self->editing || !can_edit (self))
    return;

  start_editing (self, self->details->kase, FALSE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HwCasePage *self = HW_CASE_PAGE (widget);

  if (!self->editing || self->saving)
    return;

  check_form (self);
  if (!self->valid)
    return;

  /* Nothing changed: nothing to write. */
  if (!self->modified && !self->creating)
    {
      stop_editing (self);
      if (self->details != NULL)
        show_details (self);
      show_mode (self);
      update_actions (self);
      return;
    }

  save (self);
}

static void
discard (HwCasePage *self)
{
  gboolean created = self->creating;

  stop_editing (self);

  if (created || self->details == NULL || self->details->kase == NULL)
    {
      g_clear_pointer (&self->details, hw_case_details_free);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      if (self->case_id > 0)
        load_case (self);
    }
  else
    {
      show_details (self);
      show_mode (self);
    }

  update_actions (self);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     HwCasePage       *self)
{
  if (g_strcmp0 (response, "discard") == 0 && self->editing)
    discard (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HwCasePage *self = HW_CASE_PAGE (widget);
  GtkWidget *dialog;

  if (!self->editing || self->saving)
    return;

  if (!self->modified)
    {
      discard (self);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Discard Changes?"),
                                   self->creating ? _("The new case has not been saved. What you typed will be lost.")
                                                  : _("Your changes to this case have not been saved. They will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Why the database said no, in words for the officer. */
static char *
describe_refusal (const GError *error)
{
  const char *sqlstate = hw_db_error_get_sqlstate (error);
  const char *why = NULL;

  if (g_strcmp0 (sqlstate, "HW001") == 0)
    why = _("The rules do not allow this status change from the case’s present status.");
  else if (g_strcmp0 (sqlstate, "HW002") == 0)
    why = _("This status change needs a reason.");
  else if (g_strcmp0 (sqlstate, "HW003") == 0)
    why = _("Only a supervisor may make this change.");
  else if (g_strcmp0 (sqlstate, "HW004") == 0)
    why = _("A case becomes reunited only after a supervisor has signed off its reunion.");
  else if (g_strcmp0 (sqlstate, "HW005") == 0)
    why = _("This record cannot be changed: corrections are recorded as new entries.");
  else if (g_strcmp0 (sqlstate, "HW006") == 0)
    why = _("A reunion is signed off by a supervisor other than the officer who proposed it, "
            "signing as themselves, and cannot change afterwards.");
  else if (g_strcmp0 (sqlstate, "HW007") == 0)
    why = _("The child is 16 or older: record the child’s own decision before the reunion is signed off.");
  else if (g_strcmp0 (sqlstate, "HW008") == 0)
    why = _("The person of a case must be recorded as a child.");
  else if (g_strcmp0 (sqlstate, "HW009") == 0)
    why = _("A case can be assigned only to an active officer of its unit.");
  else if (g_error_matches (error, HW_DB_ERROR, HW_DB_ERROR_PERMISSION))
    why = _("Only officers of the case’s unit may change it.");

  return g_strdup (why != NULL ? why : error->message);
}

static void
show_refusal (HwCasePage   *self,
              const char   *heading,
              const GError *error)
{
  g_autofree char *why = describe_refusal (error);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, why);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Status */

static void
change_status_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(HwCasePage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;

  if (!hw_case_store_change_status_finish (HW_CASE_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      update_actions (self);
      /* Someone changed the case meanwhile: show it as it is now. */
      if (g_error_matches (error, HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_CONFLICT))
        load (self, HW_CASE_SECTION_ALL);
      show_refusal (self, _("Status Not Changed"), error);
      return;
    }

  update_actions (self);
  show_toast (self, _("Status changed"));
  load (self, HW_CASE_SECTION_ALL);
  g_signal_emit (self, signals[SAVED], 0, self->case_id);
}

static void
status_response_cb (HwCaseStatusDialog *dialog,
                    const char         *response,
                    HwCasePage         *self)
{
  g_autofree char *reason = NULL;
  const HwCase *kase;

  if (g_strcmp0 (response, "change") != 0 || self->details == NULL || self->details->kase == NULL ||
      self->saving || self->editing)
    return;

  kase = self->details->kase;
  reason = hw_case_status_dialog_dup_reason (dialog);
  self->saving = TRUE;
  update_actions (self);
  hw_case_store_change_status_async (self->store, kase->id, kase->version,
                                     hw_case_status_dialog_get_status (dialog), reason,
                                     self->case_cancellable, change_status_cb, g_object_ref (self));
}

static void
change_status_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HwCasePage *self = HW_CASE_PAGE (widget);
  const char *to_status = g_variant_get_string (parameter, NULL);
  const HwCaseTransition *transition;
  HwCaseStatusDialog *dialog;

  if (!can_edit (self) || self->editing || self->saving)
    return;

  /* Only what the menu offers. */
  if (!(transition = find_transition (self, to_status)))
    return;

  dialog = hw_case_status_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                      self->details->kase->case_number,
                                      self->details->kase->status, to_status,
                                      transition->needs_reason);
  g_signal_connect_object (dialog, "response", G_CALLBACK (status_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Contacts */

static void
add_contact_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HwCasePage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (hw_case_store_add_contact_finish (HW_CASE_STORE (object), result, &error) == 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_refusal (self, _("Contact Not Logged"), error);
      return;
    }

  show_toast (self, _("Contact logged"));
  load (self, HW_CASE_SECTION_CONTACTS | HW_CASE_SECTION_HISTORY);
  g_signal_emit (self, signals[SAVED], 0, self->case_id);
}

static void
contact_response_cb (HwCaseContactDialog *dialog,
                     const char          *response,
                     HwCasePage          *self)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *next_step = NULL;

  if (g_strcmp0 (response, "add") != 0 || self->details == NULL || self->details->kase == NULL ||
      !(when = hw_case_contact_dialog_get_occurred_at (dialog)))
    return;

  summary = hw_case_contact_dialog_dup_summary (dialog);
  outcome = hw_case_contact_dialog_dup_outcome (dialog);
  next_step = hw_case_contact_dialog_dup_next_step (dialog);

  if (self->case_cancellable == NULL)
    self->case_cancellable = g_cancellable_new ();

  hw_case_store_add_contact_async (self->store, self->details->kase->id, when,
                                   hw_case_contact_dialog_get_channel (dialog),
                                   hw_case_contact_dialog_get_family_member_id (dialog),
                                   summary, outcome, next_step,
                                   self->case_cancellable, add_contact_cb, g_object_ref (self));
}

/* The case report (src/report), exported to a PDF or printed. */
static void
report_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HwCasePage *self = HW_CASE_PAGE (widget);

  if (self->session == NULL || self->case_id <= 0 || self->details == NULL || self->details->kase == NULL)
    return;

  hw_case_report_ask (widget, self->session, self->case_id, self->details->kase->case_number,
                      g_str_equal (action_name, "case.print-report"));
}

static void
add_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HwCasePage *self = HW_CASE_PAGE (widget);
  HwCaseContactDialog *dialog;

  if (!can_edit (self) || self->creating)
    return;

  dialog = hw_case_contact_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                       self->details->family_restricted ? NULL : self->details->family);
  g_signal_connect_object (dialog, "response", G_CALLBACK (contact_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The photo viewer */

static void
show_photo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HwCasePage *self = HW_CASE_PAGE (widget);
  guint index = g_variant_get_uint32 (parameter);
  HwCasePhotoViewer *viewer;

  if (self->store == NULL || self->details == NULL || self->details->photos == NULL ||
      index >= self->details->photos->len)
    return;

  viewer = hw_case_photo_viewer_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store,
                                     self->details->photos, index);
  gtk_window_present (GTK_WINDOW (viewer));
}

static void
photo_activated_cb (GtkFlowBox      *box,
                    GtkFlowBoxChild *child,
                    HwCasePage      *self)
{
  GtkWidget *picture = gtk_flow_box_child_get_child (child);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (picture), "hw-photo-index"));

  gtk_widget_activate_action (GTK_WIDGET (self), "case.show-photo", "u", index);
}

/* The family */

static void
family_saved_cb (HwCaseFamilyDialog *dialog,
                 gint64              member_id,
                 HwCasePage         *self)
{
  show_toast (self, _("Family member saved"));
  load (self, HW_CASE_SECTION_FAMILY | HW_CASE_SECTION_CONTACTS | HW_CASE_SECTION_HISTORY);
  g_signal_emit (self, signals[SAVED], 0, self->case_id);
}

static void
family_removed_cb (HwCaseFamilyDialog *dialog,
                   gint64              member_id,
                   HwCasePage         *self)
{
  show_toast (self, _("Family member removed"));
  load (self, HW_CASE_SECTION_FAMILY | HW_CASE_SECTION_CONTACTS | HW_CASE_SECTION_HISTORY);
  g_signal_emit (self, signals[SAVED], 0, self->case_id);
}

static void
open_family_dialog (HwCasePage           *self,
                    const HwFamilyMember *member)
{
  HwCaseFamilyDialog *dialog;

  dialog = hw_case_family_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                      self->store, self->details->kase->id, member);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (family_saved_cb), self, 0);
  g_signal_connect_object (dialog, "removed", G_CALLBACK (family_removed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_family_member_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  HwCasePage *self = HW_CASE_PAGE (widget);

  if (!can_edit (self) || self->creating || self->details->family_restricted)
    return;

  open_family_dialog (self, NULL);
}

static void
edit_family_member_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  HwCasePage *self = HW_CASE_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);

  if (!can_edit (self) || self->creating || self->details->family == NULL)
    return;

  for (guint i = 0; i < self->details->family->len; i++)
    {
      const HwFamilyMember *member = g_ptr_array_index (self->details->family, i);

      if (member->id == id)
        {
          open_family_dialog (self, member);
          return;
        }
    }
}

/* Photos */

typedef struct
{
  HwCasePage *self;
  gint64      case_id;
  guint       pending;
  guint       added;
  GString    *problems;
} PhotoBatch;

typedef struct
{
  PhotoBatch *batch;
  char       *name;
} PhotoItem;

static void
photo_item_free (PhotoItem *item)
{
  g_free (item->name);
  g_free (item);
}

static void
photo_batch_done (PhotoBatch *batch)
{
  HwCasePage *self = batch->self;

  if (--batch->pending > 0)
    return;

  if (batch->added > 0)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (ngettext ("%u photo added", "%u photos added", batch->added),
                                 batch->added);
      show_toast (self, message);
      if (self->case_id == batch->case_id)
        load (self, HW_CASE_SECTION_PHOTOS | HW_CASE_SECTION_HISTORY);
      g_signal_emit (self, signals[SAVED], 0, batch->case_id);
    }

  if (batch->problems->len > 0)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                  batch->added > 0 ? _("Some Photos Not Added")
                                                                   : _("Photos Not Added"),
                                                  batch->problems->str);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }

  g_string_free (batch->problems, TRUE);
  g_object_unref (batch->self);
  g_free (batch);
}

static void
photo_problem (PhotoBatch   *batch,
               const char   *name,
               const GError *error)
{
  if (batch->problems->len > 0)
    g_string_append_c (batch->problems, '\n');
  /* TRANSLATORS: a file's name, and why its photo was not added */
  g_string_append_printf (batch->problems, _("%s: %s"), name, error->message);
}

static void
photo_stored_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PhotoItem *item = user_data;
  g_autoptr(GError) error = NULL;

  if (hw_case_store_add_photo_finish (HW_CASE_STORE (object), result, &error) > 0)
    item->batch->added++;
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    photo_problem (item->batch, item->name, error);

  photo_batch_done (item->batch);
  photo_item_free (item);
}

/* A worker thread: the file read and decoded, within the limits. */
static void
read_photo_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  HwCasePhotoImport *import;
  GError *error = NULL;

  if (!(info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                  cancellable, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Not read at all when too big. */
  if (g_file_info_get_size (info) > HW_CASE_PHOTO_MAX_BYTES)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("A photo must be smaller than %d MB."),
                               HW_CASE_PHOTO_MAX_BYTES / (1024 * 1024));
      return;
    }

  if (!(bytes = g_file_load_bytes (file, cancellable, NULL, &error)) ||
      !(import = hw_case_photo_import_new (bytes, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, import, (GDestroyNotify) hw_case_photo_import_free);
}

static void
photo_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PhotoItem *item = user_data;
  HwCasePage *self = item->batch->self;
  g_autoptr(HwCasePhotoImport) import = NULL;
  g_autoptr(GError) error = NULL;

  if (!(import = g_task_propagate_pointer (G_TASK (result), &error)) || self->store == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        photo_problem (item->batch, item->name, error);
      photo_batch_done (item->batch);
      photo_item_free (item);
      return;
    }

  hw_case_store_add_photo_async (self->store, item->batch->case_id, import, self->case_cancellable,
                                 photo_stored_cb, item);
}

/* Adds photos of the child from files: read and decoded on worker
 * threads, under limits, then stored one by one. */
static void
add_photo_files (HwCasePage *self,
                 GListModel *files)
{
  PhotoBatch *batch;

  if (!can_edit (self) || self->creating || g_list_model_get_n_items (files) == 0)
    return;

  if (self->case_cancellable == NULL)
    self->case_cancellable = g_cancellable_new ();

  batch = g_new0 (PhotoBatch, 1);
  batch->self = g_object_ref (self);
  batch->case_id = self->details->kase->id;
  batch->problems = g_string_new (NULL);
  /* One for this function, so that nothing finishes before all started. */
  batch->pending = 1;

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autoptr(GTask) task = NULL;
      PhotoItem *item = g_new0 (PhotoItem, 1);

      item->batch = batch;
      item->name = g_file_get_basename (file);
      batch->pending++;

      task = g_task_new (NULL, self->case_cancellable, photo_read_cb, item);
      g_task_set_task_data (task, g_object_ref (file), g_object_unref);
      g_task_run_in_thread (task, read_photo_thread);
    }

  photo_batch_done (batch);
}

static void
photo_chooser_response_cb (GtkNativeDialog *chooser,
                           int              response,
                           HwCasePage      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      add_photo_files (self, files);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
add_photos_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HwCasePage *self = HW_CASE_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (!can_edit (self) || self->creating)
    return;

  chooser = gtk_file_chooser_native_new (_("Add Photos of the Child"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Photos"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (photo_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         HwCasePage    *self)
{
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  GdkFileList *list;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || !can_edit (self) || self->creating)
    return FALSE;

  list = g_value_get_boxed (value);
  for (GSList *l = gdk_file_list_get_files (list); l != NULL; l = l->next)
    g_list_store_append (files, l->data);

  add_photo_files (self, G_LIST_MODEL (files));

  return TRUE;
}

static void
transitions_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HwCasePage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *transitions;

  transitions = hw_case_store_load_transitions_finish (HW_CASE_STORE (object), result, &error);
  if (transitions == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No status changes offered: %s", error->message);
      return;
    }

  if (HW_CASE_STORE (object) != self->store)
    {
      g_ptr_array_unref (transitions);
      return;
    }

  g_clear_pointer (&self->transitions, g_ptr_array_unref);
  self->transitions = transitions;
  update_status_menu (self);
  update_actions (self);
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

  g_clear_pointer (&self->edit_base, hw_case_free);
  g_clear_pointer (&self->remote, hw_case_free);
  g_clear_pointer (&self->remote_who, g_free);
  g_clear_pointer (&self->transitions, g_ptr_array_unref);
  g_clear_object (&self->header_photo);
  g_clear_pointer (&self->officer_values, g_ptr_array_unref);
  g_clear_pointer (&self->officer_names, g_ptr_array_unref);
  g_clear_pointer (&self->family_rows, g_ptr_array_unref);
  g_clear_pointer (&self->contact_rows, g_ptr_array_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);
  g_clear_pointer (&self->access_rows, g_ptr_array_unref);

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

  /* The template names it. */
  g_type_ensure (HW_TYPE_CASE_SIGHTINGS);
  g_type_ensure (HW_TYPE_CASE_DNA);
  g_type_ensure (HW_TYPE_CASE_REUNION);

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
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, status_button);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, readonly_label);
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
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, add_family_button);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, contacts_group);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, sightings);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, dna);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, reunion);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, access_group);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, history_group);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, case_edit_group);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, priority_combo);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, officer_row);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, case_errors);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, child_edit_group);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, abduction_edit_group);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, family_name_entry);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, given_name_entry);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, family_name_latin_entry);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, given_name_latin_entry);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, nicknames_entry);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, sex_combo);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, birth_date_entry);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, marks_entry);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, native_place_entry);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, dialect_entry);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, child_errors);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, abducted_at_entry);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, place_entry);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, region_code_entry);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, latitude_entry);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, longitude_entry);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, circumstances_edit_row);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, circumstances_label);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, circumstances_view);
  gtk_widget_class_bind_template_child (widget_class, HwCasePage, abduction_errors);

  gtk_widget_class_install_action (widget_class, "case.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "case.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "case.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "case.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "case.change-status", "s", change_status_action);
  gtk_widget_class_install_action (widget_class, "case.add-contact", NULL, add_contact_action);
  gtk_widget_class_install_action (widget_class, "case.add-family-member", NULL, add_family_member_action);
  gtk_widget_class_install_action (widget_class, "case.edit-family-member", "x", edit_family_member_action);
  gtk_widget_class_install_action (widget_class, "case.add-photos", NULL, add_photos_action);
  gtk_widget_class_install_action (widget_class, "case.show-photo", "u", show_photo_action);
  gtk_widget_class_install_action (widget_class, "case.export-report", NULL, report_action);
  gtk_widget_class_install_action (widget_class, "case.print-report", NULL, report_action);

  /* Escape while the focus is in the page; Ctrl+S from anywhere in the
   * window (a managed shortcut, below). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "case.cancel", NULL);
}

static void
hw_case_page_init (HwCasePage *self)
{
  GtkEventController *shortcuts;
  GtkDropTarget *drop;
  g_autoptr(GtkStringList) sexes = NULL;
  g_autoptr(GtkStringList) priorities = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  load_style ();

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_s, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("case.save")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_p, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("case.print-report")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_s,
                                                                                  GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("case.export-report")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  /* A thumbnail opens the photo, clicked or with Enter. */
  g_signal_connect_object (self->photo_box, "child-activated", G_CALLBACK (photo_activated_cb), self, 0);

  /* Photos dropped on the page from a file manager. */
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), GTK_EVENT_CONTROLLER (drop));

  /* The form: which widget edits which field */
  self->field_widgets[HW_CASE_FIELD_FAMILY_NAME] = GTK_WIDGET (self->family_name_entry);
  self->field_widgets[HW_CASE_FIELD_GIVEN_NAME] = GTK_WIDGET (self->given_name_entry);
  self->field_widgets[HW_CASE_FIELD_FAMILY_NAME_LATIN] = GTK_WIDGET (self->family_name_latin_entry);
  self->field_widgets[HW_CASE_FIELD_GIVEN_NAME_LATIN] = GTK_WIDGET (self->given_name_latin_entry);
  self->field_widgets[HW_CASE_FIELD_NICKNAMES] = GTK_WIDGET (self->nicknames_entry);
  self->field_widgets[HW_CASE_FIELD_SEX] = GTK_WIDGET (self->sex_combo);
  self->field_widgets[HW_CASE_FIELD_BIRTH_DATE] = GTK_WIDGET (self->birth_date_entry);
  self->field_widgets[HW_CASE_FIELD_MARKS] = GTK_WIDGET (self->marks_entry);
  self->field_widgets[HW_CASE_FIELD_NATIVE_PLACE] = GTK_WIDGET (self->native_place_entry);
  self->field_widgets[HW_CASE_FIELD_DIALECT] = GTK_WIDGET (self->dialect_entry);
  self->field_widgets[HW_CASE_FIELD_ABDUCTED_AT] = GTK_WIDGET (self->abducted_at_entry);
  self->field_widgets[HW_CASE_FIELD_PLACE] = GTK_WIDGET (self->place_entry);
  self->field_widgets[HW_CASE_FIELD_REGION_CODE] = GTK_WIDGET (self->region_code_entry);
  self->field_widgets[HW_CASE_FIELD_LATITUDE] = GTK_WIDGET (self->latitude_entry);
  self->field_widgets[HW_CASE_FIELD_LONGITUDE] = GTK_WIDGET (self->longitude_entry);
  self->field_widgets[HW_CASE_FIELD_CIRCUMSTANCES] = GTK_WIDGET (self->circumstances_view);
  self->field_widgets[HW_CASE_FIELD_PRIORITY] = GTK_WIDGET (self->priority_combo);

  for (guint i = 0; i < HW_CASE_N_FIELDS; i++)
    {
      GtkWidget *widget = self->field_widgets[i];

      self->field_rows[i] = widget;
      if (ADW_IS_PREFERENCES_ROW (widget))
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), hw_case_field_get_label (i));

      if (GTK_IS_EDITABLE (widget))
        g_signal_connect_object (widget, "changed", G_CALLBACK (form_changed_cb), self, G_CONNECT_SWAPPED);
    }
  self->field_rows[HW_CASE_FIELD_CIRCUMSTANCES] = self->circumstances_edit_row;
  self->field_rows[HW_CASE_FIELD_ASSIGNED_OFFICER] = GTK_WIDGET (self->officer_row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->officer_row),
                                 hw_case_field_get_label (HW_CASE_FIELD_ASSIGNED_OFFICER));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->circumstances_edit_row),
                                 hw_case_field_get_label (HW_CASE_FIELD_CIRCUMSTANCES));
  gtk_label_set_text_with_mnemonic (self->circumstances_label,
                                    hw_case_field_get_label (HW_CASE_FIELD_CIRCUMSTANCES));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->nicknames_entry),
                                 _("Nicknames, separated by commas"));
  g_signal_connect_object (gtk_text_view_get_buffer (self->circumstances_view), "changed",
                           G_CALLBACK (form_changed_cb), self, G_CONNECT_SWAPPED);

  sexes = gtk_string_list_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (sex_values); i++)
    gtk_string_list_append (sexes, sex_values[i][0] != '\0' ? hw_case_sex_to_label (sex_values[i])
                                                            : _("Not chosen"));
  adw_combo_row_set_model (self->sex_combo, G_LIST_MODEL (sexes));
  g_signal_connect_object (self->sex_combo, "notify::selected", G_CALLBACK (form_changed_cb), self,
                           G_CONNECT_SWAPPED);

  priorities = gtk_string_list_new (NULL);
  for (const char * const *p = hw_case_get_priorities (); *p != NULL; p++)
    gtk_string_list_append (priorities, hw_case_priority_to_label (*p));
  adw_combo_row_set_model (self->priority_combo, G_LIST_MODEL (priorities));
  g_signal_connect_object (self->priority_combo, "notify::selected", G_CALLBACK (form_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->officer_values = g_ptr_array_new_with_free_func (g_free);
  self->officer_names = g_ptr_array_new_with_free_func (g_free);

  self->family_rows = g_ptr_array_new ();
  self->contact_rows = g_ptr_array_new ();
  self->history_rows = g_ptr_array_new ();
  self->access_rows = g_ptr_array_new ();

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

  if (self->session_cancellable != NULL)
    g_cancellable_cancel (self->session_cancellable);
  g_clear_object (&self->session_cancellable);
  g_clear_pointer (&self->transitions, g_ptr_array_unref);
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
      self->session_cancellable = g_cancellable_new ();
      hw_case_store_load_transitions_async (self->store, self->session_cancellable,
                                            transitions_cb, g_object_ref (self));
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

  if (self->case_id == case_id && !self->creating)
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
  g_autoptr(HwCase) blank = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gboolean had_case;

  g_return_if_fail (HW_IS_CASE_PAGE (self));

  if (self->session == NULL || hw_session_get_unit_id (self->session) == 0)
    {
      show_toast (self, _("Only an officer of a unit can record a case."));
      return;
    }

  had_case = self->case_id != 0;
  forget_case (self);
  stop_loading_indicator (self);
  self->case_id = 0;

  blank = hw_case_new ();
  blank->unit_id = hw_session_get_unit_id (self->session);
  g_free (blank->unit_code);
  blank->unit_code = g_strdup (hw_session_get_unit_code (self->session));
  g_free (blank->unit_name);
  blank->unit_name = g_strdup (hw_session_get_unit_name (self->session));
  g_free (blank->officer_name);
  blank->officer_name = g_strdup (hw_session_get_officer_name (self->session));
  {
    g_autofree char *officer = g_strdup_printf ("%" G_GINT64_FORMAT, hw_session_get_officer_id (self->session));

    hw_case_set_field (blank, HW_CASE_FIELD_ASSIGNED_OFFICER, officer);
  }

  show_header (self, blank, now);
  gtk_widget_set_visible (GTK_WIDGET (self->status_detail_label), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "case");
  start_editing (self, blank, TRUE);

  if (had_case)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE_ID]);
}

/**
 * hw_case_page_get_modified:
 *
 * Returns: whether the form holds edits that are not saved (ask before
 *   showing another case or closing the window)
 */
gboolean
hw_case_page_get_modified (HwCasePage *self)
{
  g_return_val_if_fail (HW_IS_CASE_PAGE (self), FALSE);

  return self->editing && (self->modified || self->saving);
}

/**
 * hw_case_page_discard_changes:
 *
 * Drops the form's edits without asking, and shows the case as saved (or
 * nothing, for a new case). For callers that asked the officer already
 * (picking another case, closing the window); the page's own Cancel
 * (case.cancel, Escape) asks first.
 */
void
hw_case_page_discard_changes (HwCasePage *self)
{
  g_return_if_fail (HW_IS_CASE_PAGE (self));

  if (self->editing)
    discard (self);
}
