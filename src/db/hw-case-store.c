/* hw-case-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-case-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hw-case-store.h"
#include "hw-image-hash.h"

/* Reads and writes one case and what hangs on it, for the case page.
 *
 * The queries live in data/queries/case/ (compiled into the GResource) and
 * take every value as a bound parameter. They run on the session's
 * connection, which the case list shares: a query here is one statement,
 * never a BEGIN … COMMIT spread over several, which other queries could
 * interleave with. Saving a case and its child is therefore one statement
 * with data-modifying CTEs, and optimistic locking is a version check inside
 * it (data/sql/case/save-case.sql).
 *
 * Row-level security decides what the officer sees; the store only tells
 * the page what was withheld (another unit's family, the supervisors' audit
 * log) so that it can say so rather than show nothing. */

#define SQL_PATH "/io/github/homeward/Homeward/queries/case/"

/* Two officers recording a case at the same moment compute the same number;
 * the second tries again with the next one. */
#define CREATE_ATTEMPTS 5

struct _HwCaseStore
{
  GObject    parent_instance;

  HwSession *session;
  GPtrArray *transitions;   /* HwCaseTransition, once read */
};

G_DEFINE_FINAL_TYPE (HwCaseStore, hw_case_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (hw-case-store-error-quark, hw_case_store_error)

/* Queries */

static HwDb *
get_db (HwCaseStore *self)
{
  return hw_session_get_db (self->session);
}

static void
query_async (HwCaseStore         *self,
             const char          *name,
             GPtrArray           *params,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  hw_db_query_async (get_db (self), hw_db_get_query (SQL_PATH, name),
                     params != NULL ? (const char * const *) params->pdata : NULL,
                     params != NULL ? params->len : 0,
                     cancellable, callback, user_data);
}

/* "2008-03-14" of precision "month" reads "2008-03" in a form. */
static char *
birth_date_field (const char *date,
                  const char *precision)
{
  if (date == NULL)
    return g_strdup ("");
  if (g_strcmp0 (precision, "year") == 0)
    return g_strndup (date, 4);
  if (g_strcmp0 (precision, "month") == 0)
    return g_strndup (date, 7);

  return g_strdup (date);
}

static HwCase *
case_from_result (HwDbResult *result,
                  guint       row)
{
  HwCase *kase = hw_case_new ();
  const char *abducted = hw_db_result_cell (result, row, "abducted_at");
  g_autofree char *nicknames = NULL;

  kase->id = hw_db_result_int_cell (result, row, "id", 0);
  kase->version = hw_db_result_int_cell (result, row, "version", 0);
  kase->child_id = hw_db_result_int_cell (result, row, "child_id", 0);
  kase->child_version = hw_db_result_int_cell (result, row, "child_version", 0);
  kase->unit_id = hw_db_result_int_cell (result, row, "unit_id", 0);
  g_free (kase->case_number);
  kase->case_number = hw_db_result_dup_cell (result, row, "case_number");
  g_free (kase->status);
  kase->status = hw_db_result_dup_cell (result, row, "status");
  g_free (kase->status_reason);
  kase->status_reason = hw_db_result_dup_cell (result, row, "status_reason");
  g_free (kase->unit_code);
  kase->unit_code = hw_db_result_dup_cell (result, row, "unit_code");
  g_free (kase->unit_name);
  kase->unit_name = hw_db_result_dup_cell (result, row, "unit_name");
  g_free (kase->officer_name);
  kase->officer_name = hw_db_result_dup_cell (result, row, "officer_name");
  g_free (kase->updated_by_name);
  kase->updated_by_name = hw_db_result_dup_cell (result, row, "updated_by_name");
  g_free (kase->child_updated_by_name);
  kase->child_updated_by_name = hw_db_result_dup_cell (result, row, "child_updated_by_name");
  kase->status_changed_at = hw_db_result_int_cell (result, row, "status_changed_at", HW_CASE_NO_TIME);
  kase->created_at = hw_db_result_int_cell (result, row, "created_at", HW_CASE_NO_TIME);
  kase->updated_at = hw_db_result_int_cell (result, row, "updated_at", HW_CASE_NO_TIME);
  kase->has_signed_reunion = hw_db_result_bool_cell (result, row, "has_signed_reunion");

  hw_case_set_field (kase, HW_CASE_FIELD_FAMILY_NAME, hw_db_result_cell (result, row, "family_name"));
  hw_case_set_field (kase, HW_CASE_FIELD_GIVEN_NAME, hw_db_result_cell (result, row, "given_name"));
  hw_case_set_field (kase, HW_CASE_FIELD_FAMILY_NAME_LATIN, hw_db_result_cell (result, row, "family_name_latin"));
  hw_case_set_field (kase, HW_CASE_FIELD_GIVEN_NAME_LATIN, hw_db_result_cell (result, row, "given_name_latin"));
  {
    const char *lines = hw_db_result_cell (result, row, "nicknames");
    g_auto(GStrv) parts = g_strsplit (lines != NULL ? lines : "", "\n", -1);

    nicknames = g_strjoinv (", ", parts);
  }
  hw_case_set_field (kase, HW_CASE_FIELD_NICKNAMES, nicknames);
  hw_case_set_field (kase, HW_CASE_FIELD_SEX, hw_db_result_cell (result, row, "sex"));
  {
    g_autofree char *birth = birth_date_field (hw_db_result_cell (result, row, "birth_date"),
                                               hw_db_result_cell (result, row, "birth_date_precision"));

    hw_case_set_field (kase, HW_CASE_FIELD_BIRTH_DATE, birth);
  }
  hw_case_set_field (kase, HW_CASE_FIELD_MARKS, hw_db_result_cell (result, row, "distinguishing_marks"));
  hw_case_set_field (kase, HW_CASE_FIELD_NATIVE_PLACE, hw_db_result_cell (result, row, "native_place"));
  hw_case_set_field (kase, HW_CASE_FIELD_DIALECT, hw_db_result_cell (result, row, "dialect"));

  if (abducted != NULL)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (g_ascii_strtoll (abducted, NULL, 10));
      g_autofree char *text = hw_case_format_date_field (time, hw_db_result_cell (result, row, "abducted_at_precision"),
                                                         TRUE);

      hw_case_set_field (kase, HW_CASE_FIELD_ABDUCTED_AT, text);
    }
  hw_case_set_field (kase, HW_CASE_FIELD_PLACE, hw_db_result_cell (result, row, "place_text"));
  hw_case_set_field (kase, HW_CASE_FIELD_REGION_CODE, hw_db_result_cell (result, row, "region_code"));
  hw_case_set_field (kase, HW_CASE_FIELD_LATITUDE, hw_db_result_cell (result, row, "latitude"));
  hw_case_set_field (kase, HW_CASE_FIELD_LONGITUDE, hw_db_result_cell (result, row, "longitude"));
  hw_case_set_field (kase, HW_CASE_FIELD_CIRCUMSTANCES, hw_db_result_cell (result, row, "circumstances"));
  hw_case_set_field (kase, HW_CASE_FIELD_PRIORITY, hw_db_result_cell (result, row, "priority"));
  hw_case_set_field (kase, HW_CASE_FIELD_ASSIGNED_OFFICER, hw_db_result_cell (result, row, "assigned_officer_id"));

  return kase;
}

/* Writing: the form's text as the columns' values */

static void
add_text (GPtrArray  *params,
          const char *value)
{
  /* Nothing typed is NULL, not an empty string. */
  g_ptr_array_add (params, value != NULL && value[0] != '\0' ? g_strdup (value) : NULL);
}

static void
add_int (GPtrArray *params,
         gint64     value)
{
  g_ptr_array_add (params, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

/* A date field as the column's value ("2008-03-01") and its precision. */
static void
add_date (GPtrArray  *params,
          const char *text,
          gboolean    with_time)
{
  g_autoptr(GDateTime) time = NULL;
  const char *precision = "day";

  if (text[0] != '\0' && hw_case_parse_date (text, with_time, &time, &precision))
    g_ptr_array_add (params, with_time ? g_date_time_format_iso8601 (time)
                                       : g_date_time_format (time, "%Y-%m-%d"));
  else
    g_ptr_array_add (params, NULL);

  g_ptr_array_add (params, g_strdup (precision));
}

/* The values of save-case.sql's $4… and create-case.sql's $1…, in the
 * order of the fields (priority and officer last). */
static void
add_case_values (GPtrArray    *params,
                 const HwCase *kase)
{
  g_auto(GStrv) nicknames = hw_case_split_nicknames (hw_case_get_field (kase, HW_CASE_FIELD_NICKNAMES));
  g_autofree char *nickname_lines = g_strjoinv ("\n", nicknames);

  add_text (params, hw_case_get_field (kase, HW_CASE_FIELD_FAMILY_NAME));
  add_text (params, hw_case_get_field (kase, HW_CASE_FIELD_GIVEN_NAME));
  add_text (params, hw_case_get_field (kase, HW_CASE_FIELD_FAMILY_NAME_LATIN));
  add_text (params, hw_case_get_field (kase, HW_CASE_FIELD_GIVEN_NAME_LATIN));
  add_text (params, nickname_lines);
  add_text (params, hw_case_get_field (kase, HW_CASE_FIELD_SEX));
  add_date (params, hw_case_get_field (kase, HW_CASE_FIELD_BIRTH_DATE), FALSE);
  add_text (params, hw_case_get_field (kase, HW_CASE_FIELD_MARKS));
  add_text (params, hw_case_get_field (kase, HW_CASE_FIELD_NATIVE_PLACE));
  add_text (params, hw_case_get_field (kase, HW_CASE_FIELD_DIALECT));
  add_date (params, hw_case_get_field (kase, HW_CASE_FIELD_ABDUCTED_AT), TRUE);
  add_text (params, hw_case_get_field (kase, HW_CASE_FIELD_PLACE));
  add_text (params, hw_case_get_field (kase, HW_CASE_FIELD_REGION_CODE));
  add_text (params, hw_case_get_field (kase, HW_CASE_FIELD_LATITUDE));
  add_text (params, hw_case_get_field (kase, HW_CASE_FIELD_LONGITUDE));
  add_text (params, hw_case_get_field (kase, HW_CASE_FIELD_CIRCUMSTANCES));
  add_text (params, hw_case_get_field (kase, HW_CASE_FIELD_PRIORITY));
  add_text (params, hw_case_get_field (kase, HW_CASE_FIELD_ASSIGNED_OFFICER));
}

static gboolean
check_case (const HwCase  *kase,
            GError       **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  for (guint i = 0; i < HW_CASE_N_FIELDS; i++)
    {
      g_autofree char *message = hw_case_check_field (kase, i, now);

      if (message != NULL)
        {
          /* TRANSLATORS: a field of the case form, and what is wrong with it */
          g_set_error (error, HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_INVALID, _("%s: %s"),
                       hw_case_field_get_label (i), message);
          return FALSE;
        }
    }

  return TRUE;
}

static GPtrArray *
params_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

/* Loading */

void
hw_case_details_free (HwCaseDetails *details)
{
  if (details == NULL)
    return;

  g_clear_pointer (&details->kase, hw_case_free);
  g_clear_pointer (&details->family, g_ptr_array_unref);
  g_clear_pointer (&details->contacts, g_ptr_array_unref);
  g_clear_pointer (&details->photos, g_ptr_array_unref);
  g_clear_pointer (&details->history, g_ptr_array_unref);
  g_clear_pointer (&details->access_log, g_ptr_array_unref);
  g_free (details);
}

typedef struct
{
  HwCaseDetails *details;
  guint          pending;
  GError        *error;
  gint64         case_id;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->details, hw_case_details_free);
  g_clear_error (&data->error);
  g_free (data);
}

/* One query of a load is done: the load is done with the last one. */
static void
load_part_done (GTask  *task,
                GError *error)
{
  LoadData *data = g_task_get_task_data (task);

  if (error != NULL && data->error == NULL)
    data->error = error;
  else if (error != NULL)
    g_error_free (error);

  if (--data->pending > 0)
    return;

  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&data->details),
                           (GDestroyNotify) hw_case_details_free);
}

static void
load_case_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;

  if ((rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      if (hw_db_result_get_n_rows (rows) == 1)
        data->details->kase = case_from_result (rows, 0);
      else
        error = g_error_new (HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_NOT_FOUND,
                             _("This case no longer exists."));
    }

  load_part_done (task, error);
}

static HwFamilyMember *
family_member_from_result (HwDbResult *result,
                           guint       row)
{
  HwFamilyMember *member = hw_family_member_new ();

  member->id = hw_db_result_int_cell (result, row, "id", 0);
  member->version = hw_db_result_int_cell (result, row, "version", 0);
  member->person_id = hw_db_result_int_cell (result, row, "person_id", 0);
  member->person_version = hw_db_result_int_cell (result, row, "person_version", 0);
  hw_family_member_set_text (&member->relationship, hw_db_result_cell (result, row, "relationship"));
  hw_family_member_set_text (&member->family_name, hw_db_result_cell (result, row, "family_name"));
  hw_family_member_set_text (&member->given_name, hw_db_result_cell (result, row, "given_name"));
  hw_family_member_set_text (&member->family_name_latin, hw_db_result_cell (result, row, "family_name_latin"));
  hw_family_member_set_text (&member->given_name_latin, hw_db_result_cell (result, row, "given_name_latin"));
  hw_family_member_set_text (&member->name, hw_db_result_cell (result, row, "name"));
  hw_family_member_set_text (&member->name_latin, hw_db_result_cell (result, row, "name_latin"));
  hw_family_member_set_text (&member->phone, hw_db_result_cell (result, row, "phone"));
  hw_family_member_set_text (&member->address, hw_db_result_cell (result, row, "address"));
  member->contact_visible = hw_db_result_bool_cell (result, row, "contact_visible");
  member->has_contact = hw_db_result_bool_cell (result, row, "has_contact");
  member->dna_given = hw_db_result_bool_cell (result, row, "dna_given");
  member->consent_contact = hw_db_result_bool_cell (result, row, "consent_contact");
  member->consent_dna = hw_db_result_bool_cell (result, row, "consent_dna");
  member->consent_publish = hw_db_result_bool_cell (result, row, "consent_publish");
  member->in_use = hw_db_result_bool_cell (result, row, "in_use");
  hw_family_member_set_text (&member->updated_by_name, hw_db_result_cell (result, row, "updated_by_name"));

  return member;
}

static void
load_family_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;

  if ((rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      guint n = hw_db_result_get_n_rows (rows);

      data->details->family = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_family_member_free);
      data->details->family_restricted = n == 0 || !hw_db_result_bool_cell (rows, 0, "visible");

      for (guint i = 0; i < n && !data->details->family_restricted; i++)
        {
          HwFamilyMember *member;

          if (hw_db_result_cell (rows, i, "id") == NULL)
            continue;

          member = family_member_from_result (rows, i);
          g_ptr_array_add (data->details->family, member);
        }
    }

  load_part_done (task, error);
}

static void
load_contacts_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;

  if ((rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      guint n = hw_db_result_get_n_rows (rows);
      gboolean visible = n > 0 && hw_db_result_bool_cell (rows, 0, "visible");

      data->details->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_contact_event_free);
      data->details->contacts_restricted = !visible;

      for (guint i = 0; i < n && visible; i++)
        {
          HwContactEvent *event;

          if (hw_db_result_cell (rows, i, "id") == NULL)
            continue;

          event = g_new0 (HwContactEvent, 1);
          event->id = hw_db_result_int_cell (rows, i, "id", 0);
          event->occurred_at = hw_db_result_int_cell (rows, i, "occurred_at", 0);
          event->channel = hw_db_result_dup_cell (rows, i, "channel");
          event->officer_name = hw_db_result_dup_cell (rows, i, "officer_name");
          event->member_name = hw_db_result_dup_cell (rows, i, "member_name");
          event->member_relationship = hw_db_result_dup_cell (rows, i, "member_relationship");
          event->summary = hw_db_result_dup_cell (rows, i, "summary");
          event->outcome = hw_db_result_dup_cell (rows, i, "outcome");
          event->next_step = hw_db_result_dup_cell (rows, i, "next_step");
          g_ptr_array_add (data->details->contacts, event);
        }
    }

  load_part_done (task, error);
}

static void
load_photos_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;

  if ((rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      data->details->photos = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_case_photo_free);

      for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
        {
          HwCasePhoto *photo = g_new0 (HwCasePhoto, 1);

          photo->id = hw_db_result_int_cell (rows, i, "id", 0);
          photo->thumbnail = hw_db_result_hex_cell (rows, i, "thumbnail");
          photo->width = (int) hw_db_result_int_cell (rows, i, "width", 0);
          photo->height = (int) hw_db_result_int_cell (rows, i, "height", 0);
          photo->taken_at = hw_db_result_int_cell (rows, i, "taken_at", HW_CASE_NO_TIME);
          g_ptr_array_add (data->details->photos, photo);
        }
    }

  load_part_done (task, error);
}

static void
load_history_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;

  if ((rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      data->details->history = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_case_change_free);

      for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
        {
          HwCaseChange *change = g_new0 (HwCaseChange, 1);
          const char *columns = hw_db_result_cell (rows, i, "changed_columns");

          change->id = hw_db_result_int_cell (rows, i, "id", 0);
          change->table_name = hw_db_result_dup_cell (rows, i, "table_name");
          change->action = hw_db_result_dup_cell (rows, i, "action");
          change->at = hw_db_result_int_cell (rows, i, "at", 0);
          change->who = hw_db_result_dup_cell (rows, i, "who");
          change->columns = columns != NULL ? g_strsplit (columns, ",", -1) : g_new0 (char *, 1);
          change->old_status = hw_db_result_dup_cell (rows, i, "old_status");
          change->new_status = hw_db_result_dup_cell (rows, i, "new_status");
          change->status_reason = hw_db_result_dup_cell (rows, i, "status_reason");
          g_ptr_array_add (data->details->history, change);
        }
    }
  else if (g_error_matches (error, HW_DB_ERROR, HW_DB_ERROR_PERMISSION))
    {
      /* The audit log is the supervisors'. */
      data->details->history_restricted = TRUE;
      g_clear_error (&error);
    }

  load_part_done (task, error);
}

static void
load_access_log_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;

  if ((rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      data->details->access_log = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_case_access_free);

      for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
        {
          HwCaseAccess *access = g_new0 (HwCaseAccess, 1);

          access->id = hw_db_result_int_cell (rows, i, "id", 0);
          access->at = hw_db_result_int_cell (rows, i, "at", 0);
          access->who = hw_db_result_dup_cell (rows, i, "who");
          access->what = hw_db_result_dup_cell (rows, i, "what");
          g_ptr_array_add (data->details->access_log, access);
        }
    }
  else if (g_error_matches (error, HW_DB_ERROR, HW_DB_ERROR_PERMISSION))
    {
      /* The access log is the supervisors'. */
      g_clear_error (&error);
    }

  load_part_done (task, error);
}

static void
send_history (GTask  *task,
              gint64  child_id)
{
  HwCaseStore *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) params = params_new ();

  add_int (params, data->case_id);
  add_int (params, child_id);
  query_async (self, "load-history", params, g_task_get_cancellable (task),
               load_history_cb, g_object_ref (task));
}

/* The history needs the child's id; when the case is read as well, it is
 * read first and the history sent from its answer. */
static void
load_case_then_history_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);

  load_case_cb (object, result, g_object_ref (task));

  if (data->details != NULL && data->details->kase != NULL)
    send_history (task, data->details->kase->child_id);
  else
    load_part_done (task, NULL);
}

static gboolean
history_readable (HwCaseStore *self)
{
  return hw_session_is_supervisor (self->session) || hw_session_is_admin (self->session);
}

/**
 * hw_case_store_load_async:
 * @sections: what to read; %HW_CASE_SECTION_HISTORY needs %HW_CASE_SECTION_CASE
 *
 * Reads a case and what the page shows of it.
 */
void
hw_case_store_load_async (HwCaseStore         *self,
                          gint64               case_id,
                          HwCaseSections       sections,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) params = params_new ();
  LoadData *data;

  g_return_if_fail (HW_IS_CASE_STORE (self));
  g_return_if_fail (case_id > 0);
  g_return_if_fail (!(sections & HW_CASE_SECTION_HISTORY) || (sections & HW_CASE_SECTION_CASE));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_case_store_load_async);

  data = g_new0 (LoadData, 1);
  data->case_id = case_id;
  data->details = g_new0 (HwCaseDetails, 1);
  data->details->sections = sections;
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  add_int (params, case_id);

  /* One more for this function, so that nothing finishes before all is sent. */
  data->pending = 1;

  if (sections & HW_CASE_SECTION_CASE)
    {
      data->pending++;
      if ((sections & HW_CASE_SECTION_HISTORY) && history_readable (self))
        {
          data->pending++;
          query_async (self, "load-case", params, cancellable,
                       load_case_then_history_cb, g_object_ref (task));
        }
      else
        {
          query_async (self, "load-case", params, cancellable, load_case_cb, g_object_ref (task));
        }
    }

  if (sections & HW_CASE_SECTION_HISTORY)
    data->details->history_restricted = !history_readable (self);

  if (sections & HW_CASE_SECTION_FAMILY)
    {
      data->pending++;
      query_async (self, "load-family", params, cancellable, load_family_cb, g_object_ref (task));
    }

  if (sections & HW_CASE_SECTION_CONTACTS)
    {
      data->pending++;
      query_async (self, "load-contacts", params, cancellable, load_contacts_cb, g_object_ref (task));
    }

  if (sections & HW_CASE_SECTION_PHOTOS)
    {
      data->pending++;
      query_async (self, "load-photos", params, cancellable, load_photos_cb, g_object_ref (task));
    }

  /* Who read the family's details, for the readers of the history: sent
   * after the family and the contact log, so that this very read is in it
   * (one connection answers in order). */
  if ((sections & HW_CASE_SECTION_HISTORY) && history_readable (self))
    {
      data->pending++;
      query_async (self, "load-access-log", params, cancellable, load_access_log_cb, g_object_ref (task));
    }

  load_part_done (task, NULL);
}

/**
 * hw_case_store_load_finish:
 *
 * Returns: (transfer full): what was read, or %NULL with @error set
 *   (%HW_CASE_STORE_ERROR_NOT_FOUND when there is no such case)
 */
HwCaseDetails *
hw_case_store_load_finish (HwCaseStore   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (HW_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Status transitions */

static GPtrArray *
copy_transitions (GPtrArray *transitions)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_case_transition_free);

  for (guint i = 0; i < transitions->len; i++)
    {
      const HwCaseTransition *t = g_ptr_array_index (transitions, i);
      HwCaseTransition *c = g_new0 (HwCaseTransition, 1);

      c->from_status = g_strdup (t->from_status);
      c->to_status = g_strdup (t->to_status);
      c->needs_reason = t->needs_reason;
      c->needs_supervisor = t->needs_supervisor;
      g_ptr_array_add (copy, c);
    }

  return copy;
}

static void
load_transitions_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HwCaseStore *self = g_task_get_source_object (task);
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (self->transitions == NULL)
    {
      self->transitions = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_case_transition_free);
      for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
        {
          HwCaseTransition *t = g_new0 (HwCaseTransition, 1);

          t->from_status = hw_db_result_dup_cell (rows, i, "from_status");
          t->to_status = hw_db_result_dup_cell (rows, i, "to_status");
          t->needs_reason = hw_db_result_bool_cell (rows, i, "needs_reason");
          t->needs_supervisor = hw_db_result_bool_cell (rows, i, "needs_supervisor");
          g_ptr_array_add (self->transitions, t);
        }
    }

  g_task_return_pointer (task, copy_transitions (self->transitions),
                         (GDestroyNotify) g_ptr_array_unref);
}

/**
 * hw_case_store_load_transitions_async:
 *
 * Reads the status changes the rules allow (once; later calls answer from
 * what was read).
 */
void
hw_case_store_load_transitions_async (HwCaseStore         *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HW_IS_CASE_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_case_store_load_transitions_async);

  if (self->transitions != NULL)
    {
      g_task_return_pointer (task, copy_transitions (self->transitions),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  query_async (self, "load-transitions", NULL, cancellable, load_transitions_cb,
               g_steal_pointer (&task));
}

/**
 * hw_case_store_load_transitions_finish:
 *
 * Returns: (transfer container) (element-type HwCaseTransition): every
 *   transition of homeward.case_status_transition
 */
GPtrArray *
hw_case_store_load_transitions_finish (HwCaseStore   *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (HW_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Officers */

static void
load_officers_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  GPtrArray *officers;
  GError *error = NULL;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  officers = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_case_officer_free);
  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwCaseOfficer *officer = g_new0 (HwCaseOfficer, 1);

      officer->id = hw_db_result_int_cell (rows, i, "id", 0);
      officer->name = hw_db_result_dup_cell (rows, i, "display_name");
      officer->rank = hw_db_result_dup_cell (rows, i, "rank");
      g_ptr_array_add (officers, officer);
    }

  g_task_return_pointer (task, officers, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * hw_case_store_load_officers_async:
 * @unit_id: a unit
 *
 * Reads the officers a case of @unit_id may be assigned to: the unit's
 * active officers (homeward.tg_case_assignment() refuses anybody else).
 */
void
hw_case_store_load_officers_async (HwCaseStore         *self,
                                   gint64               unit_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) params = params_new ();

  g_return_if_fail (HW_IS_CASE_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_case_store_load_officers_async);

  add_int (params, unit_id);
  query_async (self, "load-officers", params, cancellable, load_officers_cb, g_steal_pointer (&task));
}

/**
 * hw_case_store_load_officers_finish:
 *
 * Returns: (transfer container) (element-type HwCaseOfficer): the officers,
 *   by name
 */
GPtrArray *
hw_case_store_load_officers_finish (HwCaseStore   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (HW_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Saving */

typedef struct
{
  HwCase *edited;
  HwCase *current;
  guint   attempts;
  gboolean saved;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_pointer (&data->edited, hw_case_free);
  g_clear_pointer (&data->current, hw_case_free);
  g_free (data);
}

/* After a save, or after a save that changed nothing: the case as it is now. */
static void
save_reload_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(HwCase) current = NULL;
  GError *error = NULL;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (hw_db_result_get_n_rows (rows) != 1)
    {
      g_task_return_new_error (task, HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_NOT_FOUND,
                               _("This case no longer exists."));
      return;
    }

  current = case_from_result (rows, 0);

  if (data->saved)
    {
      g_task_return_pointer (task, g_steal_pointer (&current), (GDestroyNotify) hw_case_free);
      return;
    }

  /* Nothing was updated. Either the versions moved (a conflict), or they did
   * not and the rows were not ours to update. */
  if (current->version == data->edited->version &&
      current->child_version == data->edited->child_version)
    {
      g_task_return_new_error (task, HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_NOT_ALLOWED,
                               _("Only officers of unit %s may edit this case."),
                               current->unit_code);
      return;
    }

  data->current = g_steal_pointer (&current);
  g_task_return_new_error (task, HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_CONFLICT,
                           _("Someone else saved this case after you started editing it."));
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HwCaseStore *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GPtrArray) params = params_new ();
  GCancellable *cancellable;
  GError *error = NULL;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  data->saved = hw_db_result_get_n_rows (rows) == 1;

  add_int (params, data->edited->id);
  cancellable = g_task_get_cancellable (task);
  query_async (self, "load-case", params, cancellable, save_reload_cb, g_steal_pointer (&task));
}

/**
 * hw_case_store_save_async:
 * @edited: the case as edited, with the id and versions it was read with
 *
 * Saves the fields of @edited (the case and its child) if neither changed
 * since they were read.
 */
void
hw_case_store_save_async (HwCaseStore         *self,
                          const HwCase        *edited,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) params = params_new ();
  GError *error = NULL;
  SaveData *data;

  g_return_if_fail (HW_IS_CASE_STORE (self));
  g_return_if_fail (edited != NULL && edited->id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_case_store_save_async);

  if (!check_case (edited, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->edited = hw_case_copy (edited);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  add_int (params, edited->id);
  add_int (params, edited->version);
  add_int (params, edited->child_version);
  add_case_values (params, edited);

  query_async (self, "save-case", params, cancellable, save_cb, g_steal_pointer (&task));
}

/**
 * hw_case_store_save_finish:
 * @current: (out) (optional) (transfer full): on a conflict
 *   (%HW_CASE_STORE_ERROR_CONFLICT), the case as someone else saved it
 *
 * Returns: (transfer full): the case as saved, with its new versions, or
 *   %NULL with @error set
 */
HwCase *
hw_case_store_save_finish (HwCaseStore   *self,
                           GAsyncResult  *result,
                           HwCase       **current,
                           GError       **error)
{
  SaveData *data;

  g_return_val_if_fail (HW_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (current != NULL)
    *current = data != NULL ? g_steal_pointer (&data->current) : NULL;

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Creating */

static void create_send (GTask *task);

static void
create_reload_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    g_task_return_error (task, error);
  else if (hw_db_result_get_n_rows (rows) != 1)
    g_task_return_new_error (task, HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_NOT_FOUND,
                             _("This case no longer exists."));
  else
    g_task_return_pointer (task, case_from_result (rows, 0), (GDestroyNotify) hw_case_free);
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HwCaseStore *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GPtrArray) params = params_new ();
  GCancellable *cancellable;
  GError *error = NULL;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      /* Another case took the number: try the next one. */
      if (g_strcmp0 (hw_db_error_get_sqlstate (error), "23505") == 0 &&
          ++data->attempts < CREATE_ATTEMPTS)
        {
          g_clear_error (&error);
          create_send (g_steal_pointer (&task));
          return;
        }

      g_task_return_error (task, error);
      return;
    }

  if (hw_db_result_get_n_rows (rows) != 1)
    {
      g_task_return_new_error (task, HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_NOT_ALLOWED,
                               _("Only an officer of a unit can record a case."));
      return;
    }

  add_text (params, hw_db_result_cell (rows, 0, "id"));
  cancellable = g_task_get_cancellable (task);
  query_async (self, "load-case", params, cancellable, create_reload_cb, g_steal_pointer (&task));
}

static void
create_send (GTask *task)
{
  HwCaseStore *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) params = params_new ();

  add_case_values (params, data->edited);
  query_async (self, "create-case", params, g_task_get_cancellable (task), create_cb, task);
}

/**
 * hw_case_store_create_async:
 * @edited: the new case's fields
 *
 * Records a new case of the officer's unit, with its child; the case gets
 * the unit's next case number of the year.
 */
void
hw_case_store_create_async (HwCaseStore         *self,
                            const HwCase        *edited,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SaveData *data;

  g_return_if_fail (HW_IS_CASE_STORE (self));
  g_return_if_fail (edited != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_case_store_create_async);

  if (!check_case (edited, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->edited = hw_case_copy (edited);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  create_send (g_steal_pointer (&task));
}

/**
 * hw_case_store_create_finish:
 *
 * Returns: (transfer full): the new case as recorded, or %NULL with @error set
 */
HwCase *
hw_case_store_create_finish (HwCaseStore   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (HW_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Status */

static void
change_status_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    g_task_return_error (task, error);
  else if (hw_db_result_get_n_rows (rows) != 1)
    g_task_return_new_error (task, HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_CONFLICT,
                             _("Someone else changed this case in the meantime. Look at their changes, then try again."));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * hw_case_store_change_status_async:
 * @version: the case's version the officer saw
 * @reason: (nullable): why
 *
 * Changes the case's status if nobody changed the case since @version. The
 * database checks the rules: a refusal is an error of %HW_DB_ERROR_RULE
 * whose SQLSTATE (HW001–HW008) says why.
 */
void
hw_case_store_change_status_async (HwCaseStore         *self,
                                   gint64               case_id,
                                   gint64               version,
                                   const char          *status,
                                   const char          *reason,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) params = params_new ();

  g_return_if_fail (HW_IS_CASE_STORE (self));
  g_return_if_fail (case_id > 0);
  g_return_if_fail (status != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_case_store_change_status_async);

  add_int (params, case_id);
  add_int (params, version);
  add_text (params, status);
  add_text (params, reason);
  query_async (self, "change-status", params, cancellable, change_status_cb, g_steal_pointer (&task));
}

gboolean
hw_case_store_change_status_finish (HwCaseStore   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (HW_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Contacts */

static void
add_contact_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, hw_db_result_get_int64 (rows, 0, 0));
}

/**
 * hw_case_store_add_contact_async:
 * @family_member_id: the relative contacted, or 0
 * @outcome: (nullable):
 * @next_step: (nullable):
 *
 * Logs a contact with the case's family, as the signed-in officer.
 */
void
hw_case_store_add_contact_async (HwCaseStore         *self,
                                 gint64               case_id,
                                 GDateTime           *occurred_at,
                                 const char          *channel,
                                 gint64               family_member_id,
                                 const char          *summary,
                                 const char          *outcome,
                                 const char          *next_step,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) params = params_new ();

  g_return_if_fail (HW_IS_CASE_STORE (self));
  g_return_if_fail (case_id > 0);
  g_return_if_fail (occurred_at != NULL);
  g_return_if_fail (channel != NULL);
  g_return_if_fail (summary != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_case_store_add_contact_async);

  add_int (params, case_id);
  g_ptr_array_add (params, g_date_time_format_iso8601 (occurred_at));
  add_text (params, channel);
  if (family_member_id > 0)
    add_int (params, family_member_id);
  else
    g_ptr_array_add (params, NULL);
  g_ptr_array_add (params, g_strdup (summary));
  add_text (params, outcome);
  add_text (params, next_step);
  query_async (self, "add-contact", params, cancellable, add_contact_cb, g_steal_pointer (&task));
}

/* Returns: the new entry's id, or 0 with @error set */
gint64
hw_case_store_add_contact_finish (HwCaseStore   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  gssize id;

  g_return_val_if_fail (HW_IS_CASE_STORE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  /* g_task_propagate_int() gives -1 with an error. */
  id = g_task_propagate_int (G_TASK (result), error);

  return id > 0 ? id : 0;
}

/* Photos */

static void
add_photo_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    g_task_return_error (task, error);
  else if (hw_db_result_get_n_rows (rows) == 0)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS, _("The case has this photo already."));
  else
    g_task_return_int (task, hw_db_result_get_int64 (rows, 0, 0));
}

/**
 * hw_case_store_add_photo_async:
 * @photo: a photo checked and decoded by hw_case_photo_import_new()
 *
 * Stores the photo with the case (unless the case has the same file
 * already: %G_IO_ERROR_EXISTS).
 */
void
hw_case_store_add_photo_async (HwCaseStore             *self,
                               gint64                   case_id,
                               const HwCasePhotoImport *photo,
                               GCancellable            *cancellable,
                               GAsyncReadyCallback      callback,
                               gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) params = params_new ();
  gsize size;
  const guint8 *data;

  g_return_if_fail (HW_IS_CASE_STORE (self));
  g_return_if_fail (case_id > 0);
  g_return_if_fail (photo != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_case_store_add_photo_async);

  add_int (params, case_id);
  data = g_bytes_get_data (photo->content, &size);
  g_ptr_array_add (params, hw_db_bytea_param (data, size));
  add_text (params, photo->mime_type);
  g_ptr_array_add (params, hw_db_bytea_param (photo->sha256, sizeof photo->sha256));
  add_int (params, photo->width);
  add_int (params, photo->height);
  data = g_bytes_get_data (photo->thumbnail, &size);
  g_ptr_array_add (params, hw_db_bytea_param (data, size));
  add_int (params, hw_image_hash_to_db (photo->phash));
  add_int (params, hw_image_hash_to_db (photo->dhash));
  query_async (self, "add-photo", params, cancellable, add_photo_cb, g_steal_pointer (&task));
}

/* Returns: the new photo's id, or 0 with @error set */
gint64
hw_case_store_add_photo_finish (HwCaseStore   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  gssize id;

  g_return_val_if_fail (HW_IS_CASE_STORE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  /* g_task_propagate_int() gives -1 with an error. */
  id = g_task_propagate_int (G_TASK (result), error);

  return id > 0 ? id : 0;
}

static void
load_photo_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    g_task_return_error (task, error);
  else if (hw_db_result_get_n_rows (rows) == 0)
    g_task_return_pointer (task, NULL, NULL);
  else
    g_task_return_pointer (task, hw_db_result_hex_cell (rows, 0, "content"), (GDestroyNotify) g_bytes_unref);
}

/**
 * hw_case_store_load_photo_async:
 * @max_bytes: the largest file wanted
 *
 * Reads the stored file of a photo.
 */
void
hw_case_store_load_photo_async (HwCaseStore         *self,
                                gint64               photo_id,
                                gsize                max_bytes,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) params = params_new ();

  g_return_if_fail (HW_IS_CASE_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_case_store_load_photo_async);

  add_int (params, photo_id);
  add_int (params, (gint64) MIN (max_bytes, (gsize) G_MAXINT32));
  query_async (self, "load-photo", params, cancellable, load_photo_cb, g_steal_pointer (&task));
}

/**
 * hw_case_store_load_photo_finish:
 *
 * Returns: (transfer full) (nullable): the file, or %NULL when there is no
 *   such photo or it is bigger than asked for (@error unset)
 */
GBytes *
hw_case_store_load_photo_finish (HwCaseStore   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (HW_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The family */

static void
add_bool (GPtrArray *params,
          gboolean   value)
{
  g_ptr_array_add (params, g_strdup (value ? "true" : "false"));
}

/* The values of add-family-member.sql's $2… and save-family-member.sql's $4… */
static void
add_member_values (GPtrArray            *params,
                   const HwFamilyMember *member)
{
  add_text (params, member->family_name);
  add_text (params, member->given_name);
  add_text (params, member->family_name_latin);
  add_text (params, member->given_name_latin);
  add_text (params, member->relationship);
  add_text (params, member->phone);
  add_text (params, member->address);
  add_bool (params, member->dna_given);
  add_bool (params, member->consent_contact);
  add_bool (params, member->consent_dna);
  add_bool (params, member->consent_publish);
}

typedef struct
{
  HwFamilyMember *edited;
  HwFamilyMember *current;
  gboolean        done;       /* the write went through */
} MemberData;

static void
member_data_free (MemberData *data)
{
  g_clear_pointer (&data->edited, hw_family_member_free);
  g_clear_pointer (&data->current, hw_family_member_free);
  g_free (data);
}

/* After a write: the relative as they are now. A write that changed no row
 * met another version (a conflict), a removal, or another unit's relative. */
static void
member_reload_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MemberData *data = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(HwFamilyMember) current = NULL;
  GError *error = NULL;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (hw_db_result_get_n_rows (rows) != 1)
    {
      g_task_return_new_error (task, HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_NOT_FOUND,
                               _("Someone else removed this relative from the family."));
      return;
    }

  current = family_member_from_result (rows, 0);

  if (data->done)
    {
      g_task_return_pointer (task, g_steal_pointer (&current), (GDestroyNotify) hw_family_member_free);
      return;
    }

  if (current->version == data->edited->version &&
      current->person_version == data->edited->person_version)
    {
      g_task_return_new_error (task, HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_NOT_ALLOWED,
                               _("Only officers of the case’s unit may change its family."));
      return;
    }

  data->current = g_steal_pointer (&current);
  g_task_return_new_error (task, HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_CONFLICT,
                           _("Someone else changed this relative after you opened them."));
}

static void
member_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HwCaseStore *self = g_task_get_source_object (task);
  MemberData *data = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GPtrArray) params = params_new ();
  GCancellable *cancellable;
  GError *error = NULL;
  gint64 id = data->edited->id;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  data->done = hw_db_result_get_n_rows (rows) == 1;

  /* A new relative that was not recorded: not the officer's case. */
  if (id == 0 && !data->done)
    {
      g_task_return_new_error (task, HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_NOT_ALLOWED,
                               _("Only officers of the case’s unit may change its family."));
      return;
    }

  if (g_task_get_source_tag (task) == hw_case_store_remove_family_member_async && data->done)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (id == 0)
    id = hw_db_result_get_int64 (rows, 0, 0);

  add_int (params, id);
  cancellable = g_task_get_cancellable (task);
  query_async (self, "load-family-member", params, cancellable, member_reload_cb, g_steal_pointer (&task));
}

/**
 * hw_case_store_save_family_member_async:
 * @case_id: the case the relative belongs to
 * @edited: the relative as edited, with the id and versions read (id 0:
 *   a relative to add)
 *
 * Adds a relative to the case's family, or saves one if neither their
 * family_member row nor their person row changed since they were read.
 */
void
hw_case_store_save_family_member_async (HwCaseStore          *self,
                                        gint64                case_id,
                                        const HwFamilyMember *edited,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) params = params_new ();
  MemberData *data;

  g_return_if_fail (HW_IS_CASE_STORE (self));
  g_return_if_fail (edited != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_case_store_save_family_member_async);

  if (!hw_family_member_is_valid (edited))
    {
      g_autofree char *name = hw_family_member_check_name (edited);
      g_autofree char *relationship = hw_family_member_check_relationship (edited);
      g_autofree char *phone = hw_family_member_check_phone (edited);

      g_task_return_new_error (task, HW_CASE_STORE_ERROR, HW_CASE_STORE_ERROR_INVALID, "%s",
                               name != NULL ? name : relationship != NULL ? relationship : phone);
      return;
    }

  data = g_new0 (MemberData, 1);
  data->edited = hw_family_member_copy (edited);
  g_task_set_task_data (task, data, (GDestroyNotify) member_data_free);

  if (edited->id == 0)
    {
      add_int (params, case_id);
      add_member_values (params, edited);
      query_async (self, "add-family-member", params, cancellable, member_written_cb,
                   g_steal_pointer (&task));
    }
  else
    {
      add_int (params, edited->id);
      add_int (params, edited->version);
      add_int (params, edited->person_version);
      add_member_values (params, edited);
      /* contact details the reader may not see are left as they are */
      add_bool (params, edited->contact_visible);
      query_async (self, "save-family-member", params, cancellable, member_written_cb,
                   g_steal_pointer (&task));
    }
}

/**
 * hw_case_store_save_family_member_finish:
 * @current: (out) (optional) (transfer full): on a conflict
 *   (%HW_CASE_STORE_ERROR_CONFLICT), the relative as someone else saved them
 *
 * Returns: (transfer full): the relative as saved, or %NULL with @error set
 *   (%HW_CASE_STORE_ERROR_NOT_FOUND: someone removed them)
 */
HwFamilyMember *
hw_case_store_save_family_member_finish (HwCaseStore     *self,
                                         GAsyncResult    *result,
                                         HwFamilyMember **current,
                                         GError         **error)
{
  MemberData *data;

  g_return_val_if_fail (HW_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (current != NULL)
    *current = data != NULL ? g_steal_pointer (&data->current) : NULL;

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * hw_case_store_remove_family_member_async:
 * @member: the relative as read (their id and version)
 *
 * Removes a relative recorded by mistake, unless someone changed them since
 * they were read. The database keeps a relative named in the contact log or
 * by a DNA sample (an error with SQLSTATE 23503).
 */
void
hw_case_store_remove_family_member_async (HwCaseStore          *self,
                                          const HwFamilyMember *member,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) params = params_new ();
  MemberData *data;

  g_return_if_fail (HW_IS_CASE_STORE (self));
  g_return_if_fail (member != NULL && member->id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_case_store_remove_family_member_async);

  data = g_new0 (MemberData, 1);
  data->edited = hw_family_member_copy (member);
  g_task_set_task_data (task, data, (GDestroyNotify) member_data_free);

  add_int (params, member->id);
  add_int (params, member->version);
  query_async (self, "remove-family-member", params, cancellable, member_written_cb,
               g_steal_pointer (&task));
}

/**
 * hw_case_store_remove_family_member_finish:
 * @current: (out) (optional) (transfer full): on a conflict, the relative
 *   as someone else saved them
 *
 * Returns: whether the relative was removed
 */
gboolean
hw_case_store_remove_family_member_finish (HwCaseStore     *self,
                                           GAsyncResult    *result,
                                           HwFamilyMember **current,
                                           GError         **error)
{
  MemberData *data;
  GError *local_error = NULL;

  g_return_val_if_fail (HW_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (current != NULL)
    *current = data != NULL ? g_steal_pointer (&data->current) : NULL;

  g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/* Object */

static void
hw_case_store_finalize (GObject *object)
{
  HwCaseStore *self = HW_CASE_STORE (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->transitions, g_ptr_array_unref);

  G_OBJECT_CLASS (hw_case_store_parent_class)->finalize (object);
}

static void
hw_case_store_class_init (HwCaseStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hw_case_store_finalize;
}

static void
hw_case_store_init (HwCaseStore *self)
{
}

/**
 * hw_case_store_new:
 * @session: who is signed in, and on which connection
 */
HwCaseStore *
hw_case_store_new (HwSession *session)
{
  HwCaseStore *self;

  g_return_val_if_fail (HW_IS_SESSION (session), NULL);

  self = g_object_new (HW_TYPE_CASE_STORE, NULL);
  self->session = g_object_ref (session);

  return self;
}

HwSession *
hw_case_store_get_session (HwCaseStore *self)
{
  g_return_val_if_fail (HW_IS_CASE_STORE (self), NULL);

  return self->session;
}
