/* hw-sighting-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-sighting-store"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-db.h"
#include "hw-image-hash.h"
#include "hw-sighting-store.h"

/* Reads and writes sightings for the inbox, the sighting page and the case
 * page, through the session's connection, never blocking: every call is a
 * query from data/queries/sighting/ with its values bound as parameters.
 *
 * The database keeps the rules (who may change what, which status follows
 * which, claims under the row's lock, append-only steps); a refusal comes
 * back as a HW_SIGHTING_STORE_ERROR with a message for the officer. */

#define SQL_PATH "/io/github/homeward/Homeward/queries/sighting/"

struct _HwSightingStore
{
  GObject    parent_instance;

  HwSession *session;
};

G_DEFINE_FINAL_TYPE (HwSightingStore, hw_sighting_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (hw-sighting-store-error-quark, hw_sighting_store_error)

typedef gpointer (*ParseFunc) (HwDbResult *rows,
                               GError    **error);

static char *
int_param (gint64 value)
{
  return value != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, value) : NULL;
}

/* A refusal of the database, in the officer's words. */
static GError *
translate_error (GError *error)
{
  const char *state = hw_db_error_get_sqlstate (error);
  const char *detail = hw_db_error_get_detail (error);
  GError *translated = NULL;

  if (state == NULL)
    return error;

  if (g_str_equal (state, "HW010"))
    translated = g_error_new (HW_SIGHTING_STORE_ERROR, HW_SIGHTING_STORE_ERROR_CLAIMED,
                              _("%s has already claimed this sighting."),
                              detail != NULL ? detail : _("Another officer"));
  else if (g_str_equal (state, "HW002"))
    translated = g_error_new_literal (HW_SIGHTING_STORE_ERROR, HW_SIGHTING_STORE_ERROR_INVALID,
                                      _("Give a reason, or record a verification step first."));
  else if (g_str_equal (state, "HW001"))
    translated = g_error_new_literal (HW_SIGHTING_STORE_ERROR, HW_SIGHTING_STORE_ERROR_INVALID,
                                      _("A sighting cannot go to that status from the one it has now."));
  else if (g_str_equal (state, "HW003"))
    translated = g_error_new_literal (HW_SIGHTING_STORE_ERROR, HW_SIGHTING_STORE_ERROR_INVALID,
                                      _("Only a supervisor may reopen a closed sighting."));
  else if (g_str_equal (state, "23505"))
    translated = g_error_new_literal (HW_SIGHTING_STORE_ERROR, HW_SIGHTING_STORE_ERROR_DUPLICATE,
                                      _("This is recorded already: a sighting with the same reference "
                                        "came through the same channel, or the link exists."));
  else if (g_str_equal (state, "42501"))
    translated = g_error_new_literal (HW_SIGHTING_STORE_ERROR, HW_SIGHTING_STORE_ERROR_INVALID,
                                      _("Your role may not do this."));
  else if (g_str_equal (state, "23514") || g_str_equal (state, "22P02") || g_str_equal (state, "22007") ||
           g_str_equal (state, "22008") || g_str_equal (state, "P0002"))
    translated = g_error_new (HW_SIGHTING_STORE_ERROR, HW_SIGHTING_STORE_ERROR_INVALID,
                              _("The database refused a value: %s"), error->message);

  if (translated == NULL)
    return error;

  g_error_free (error);
  return translated;
}

/* A query whose rows become one value (parse), returned by the task. */

static void
parse_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ParseFunc parse = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;
  gpointer value;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      g_task_return_error (task, translate_error (error));
      return;
    }

  if (!(value = parse (rows, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, NULL);
}

static void
run_sql_async (HwSightingStore     *self,
               gpointer             source_tag,
               const char          *sql,
               const char * const  *params,
               guint                n_params,
               ParseFunc            parse,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, parse, NULL);
  hw_db_query_async (hw_session_get_db (self->session), sql, params, n_params, cancellable,
                     parse_cb, g_steal_pointer (&task));
}

/* Runs the query @name of data/queries/sighting/. */
static void
run_async (HwSightingStore     *self,
           gpointer             source_tag,
           const char          *name,
           const char * const  *params,
           guint                n_params,
           ParseFunc            parse,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  run_sql_async (self, source_tag, hw_db_get_query (SQL_PATH, name), params, n_params, parse,
                 cancellable, callback, user_data);
}

static gpointer
run_finish (HwSightingStore *self,
            GAsyncResult    *result,
            gpointer         source_tag,
            GError         **error)
{
  g_return_val_if_fail (HW_IS_SIGHTING_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Parsing rows */

static HwSightingSummary *
summary_from_row (HwDbResult *rows,
                  guint       i)
{
  g_autoptr(GBytes) thumbnail = hw_db_result_hex_cell (rows, i, "thumbnail");
  HwSightingSummaryData data = {
    .id = hw_db_result_int_cell (rows, i, "id", 0),
    .version = hw_db_result_int_cell (rows, i, "version", 0),
    .received_at = hw_db_result_double_cell (rows, i, "received_at", 0),
    .observed_at = hw_db_result_int_cell (rows, i, "observed_at", HW_SIGHTING_NO_TIME),
    .channel = hw_db_result_cell (rows, i, "channel"),
    .status = hw_db_result_cell (rows, i, "status"),
    .priority = hw_db_result_cell (rows, i, "priority"),
    .priority_rank = (int) hw_db_result_int_cell (rows, i, "priority_rank", 2),
    .triage_deadline = hw_db_result_double_cell (rows, i, "triage_deadline", 0),
    .overdue = hw_db_result_bool_cell (rows, i, "overdue"),
    .place = hw_db_result_cell (rows, i, "place_text"),
    .description = hw_db_result_cell (rows, i, "description"),
    .sex = hw_db_result_cell (rows, i, "apparent_sex"),
    .age_min = (int) hw_db_result_int_cell (rows, i, "apparent_age_min", -1),
    .age_max = (int) hw_db_result_int_cell (rows, i, "apparent_age_max", -1),
    .officer_name = hw_db_result_cell (rows, i, "officer_name"),
    .repost_count = (int) hw_db_result_int_cell (rows, i, "repost_count", 0),
    .first_seen_at = hw_db_result_int_cell (rows, i, "first_seen_at", HW_SIGHTING_NO_TIME),
    .last_seen_at = hw_db_result_int_cell (rows, i, "last_seen_at", HW_SIGHTING_NO_TIME),
    .thumbnail = thumbnail,
  };

  return hw_sighting_summary_new (&data);
}

static gpointer
parse_inbox (HwDbResult *rows,
             GError    **error)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    g_ptr_array_add (items, summary_from_row (rows, i));

  return items;
}

static char **
split_list (const char *text)
{
  if (text == NULL || text[0] == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (text, ",", -1);
}

static HwSightingInfo *
info_from_row (HwDbResult *rows,
               guint       i)
{
  HwSightingInfo *info = g_new0 (HwSightingInfo, 1);

  info->id = hw_db_result_int_cell (rows, i, "id", 0);
  info->version = hw_db_result_int_cell (rows, i, "version", 0);
  info->received_at = hw_db_result_int_cell (rows, i, "received_at", 0);
  info->observed_at = hw_db_result_int_cell (rows, i, "observed_at", HW_SIGHTING_NO_TIME);
  info->triage_deadline = hw_db_result_int_cell (rows, i, "triage_deadline", HW_SIGHTING_NO_TIME);
  info->overdue = hw_db_result_bool_cell (rows, i, "overdue");
  info->channel = hw_db_result_dup_cell (rows, i, "channel");
  info->source_ref = hw_db_result_dup_cell (rows, i, "source_ref");
  info->reporter_name = hw_db_result_dup_cell (rows, i, "reporter_name");
  info->reporter_contact = hw_db_result_dup_cell (rows, i, "reporter_contact");
  info->reporter_anonymous = hw_db_result_bool_cell (rows, i, "reporter_anonymous");
  info->place_text = hw_db_result_dup_cell (rows, i, "place_text");
  info->region_code = hw_db_result_dup_cell (rows, i, "region_code");
  info->description = hw_db_result_dup_cell (rows, i, "description");
  info->age_min = (int) hw_db_result_int_cell (rows, i, "apparent_age_min", -1);
  info->age_max = (int) hw_db_result_int_cell (rows, i, "apparent_age_max", -1);
  info->sex = hw_db_result_dup_cell (rows, i, "apparent_sex");
  info->context = split_list (hw_db_result_cell (rows, i, "context"));
  info->status = hw_db_result_dup_cell (rows, i, "status");
  info->status_reason = hw_db_result_dup_cell (rows, i, "status_reason");
  info->priority = hw_db_result_dup_cell (rows, i, "priority");
  info->officer_id = hw_db_result_int_cell (rows, i, "assigned_officer_id", 0);
  info->officer_name = hw_db_result_dup_cell (rows, i, "officer_name");
  info->unit_id = hw_db_result_int_cell (rows, i, "unit_id", 0);
  info->group_id = hw_db_result_int_cell (rows, i, "repost_group_id", 0);
  info->repost_count = (int) hw_db_result_int_cell (rows, i, "repost_count", 0);
  info->first_seen_at = hw_db_result_int_cell (rows, i, "first_seen_at", HW_SIGHTING_NO_TIME);
  info->last_seen_at = hw_db_result_int_cell (rows, i, "last_seen_at", HW_SIGHTING_NO_TIME);

  return info;
}

static GPtrArray *
photos_from_rows (HwDbResult *rows)
{
  GPtrArray *photos = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_case_photo_free);

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwCasePhoto *photo = g_new0 (HwCasePhoto, 1);

      photo->id = hw_db_result_int_cell (rows, i, "id", 0);
      photo->thumbnail = hw_db_result_hex_cell (rows, i, "thumbnail");
      photo->width = (int) hw_db_result_int_cell (rows, i, "width", 0);
      photo->height = (int) hw_db_result_int_cell (rows, i, "height", 0);
      photo->taken_at = hw_db_result_int_cell (rows, i, "taken_at", HW_CASE_NO_TIME);
      g_ptr_array_add (photos, photo);
    }

  return photos;
}

static GPtrArray *
group_from_rows (HwDbResult *rows)
{
  GPtrArray *group = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_repost_member_free);

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwRepostMember *member = g_new0 (HwRepostMember, 1);

      member->id = hw_db_result_int_cell (rows, i, "id", 0);
      member->received_at = hw_db_result_int_cell (rows, i, "received_at", 0);
      member->channel = hw_db_result_dup_cell (rows, i, "channel");
      member->source_ref = hw_db_result_dup_cell (rows, i, "source_ref");
      member->status = hw_db_result_dup_cell (rows, i, "status");
      member->thumbnail = hw_db_result_hex_cell (rows, i, "thumbnail");
      g_ptr_array_add (group, member);
    }

  return group;
}

static GPtrArray *
links_from_rows (HwDbResult *rows)
{
  GPtrArray *links = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_case_link_info_free);

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwCaseLinkInfo *link = g_new0 (HwCaseLinkInfo, 1);
      const char *kind = hw_db_result_cell (rows, i, "step_kind");
      const char *outcome = hw_db_result_cell (rows, i, "step_outcome");

      link->id = hw_db_result_int_cell (rows, i, "id", 0);
      link->version = hw_db_result_int_cell (rows, i, "version", 0);
      link->sighting_id = hw_db_result_int_cell (rows, i, "sighting_id", 0);
      link->case_id = hw_db_result_int_cell (rows, i, "case_id", 0);
      link->case_number = hw_db_result_dup_cell (rows, i, "case_number");
      link->child_name = hw_db_result_dup_cell (rows, i, "child_name");
      link->confidence = hw_db_result_dup_cell (rows, i, "confidence");
      link->rationale = hw_db_result_dup_cell (rows, i, "rationale");
      link->linked_by = hw_db_result_dup_cell (rows, i, "linked_by");
      link->linked_at = hw_db_result_int_cell (rows, i, "linked_at", 0);
      link->withdrawn = hw_db_result_bool_cell (rows, i, "withdrawn");
      link->withdrawn_reason = hw_db_result_dup_cell (rows, i, "withdrawn_reason");
      link->thumbnail = hw_db_result_hex_cell (rows, i, "thumbnail");
      link->sighting_place = hw_db_result_dup_cell (rows, i, "sighting_place");
      link->sighting_received_at = hw_db_result_int_cell (rows, i, "sighting_received_at", 0);
      if (kind != NULL && outcome != NULL)
        /* Translators: the latest verification step: its kind and outcome */
        link->latest_step = g_strdup_printf (C_("latest step", "%s: %s"), hw_step_kind_to_label (kind), outcome);
      else if (kind != NULL)
        link->latest_step = g_strdup (hw_step_kind_to_label (kind));
      g_ptr_array_add (links, link);
    }

  return links;
}

static GPtrArray *
steps_from_rows (HwDbResult *rows)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_verification_step_free);

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwVerificationStep *step = g_new0 (HwVerificationStep, 1);
      const char *number = hw_db_result_cell (rows, i, "case_number");

      step->id = hw_db_result_int_cell (rows, i, "id", 0);
      step->sighting_id = hw_db_result_int_cell (rows, i, "sighting_id", 0);
      step->link_id = hw_db_result_int_cell (rows, i, "link_id", 0);
      step->case_id = hw_db_result_int_cell (rows, i, "case_id", 0);
      step->case_number = g_strdup (number);
      step->kind = hw_db_result_dup_cell (rows, i, "kind");
      step->outcome = hw_db_result_dup_cell (rows, i, "outcome");
      step->notes = hw_db_result_dup_cell (rows, i, "notes");
      step->restricted = hw_db_result_bool_cell (rows, i, "restricted");
      step->officer_name = hw_db_result_dup_cell (rows, i, "officer_name");
      step->performed_at = hw_db_result_int_cell (rows, i, "performed_at", 0);
      step->corrects_step_id = hw_db_result_int_cell (rows, i, "corrects_step_id", 0);
      step->corrected_by_id = hw_db_result_int_cell (rows, i, "corrected_by", 0);
      g_ptr_array_add (steps, step);
    }

  return steps;
}

static gpointer
parse_candidates (HwDbResult *rows,
                  GError    **error)
{
  static const char * const columns[HW_CANDIDATE_N_FACTORS] = {
    "f_sex", "f_age", "f_marks", "f_place", "f_time", "f_photo",
  };
  GPtrArray *candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_candidate_free);

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwCandidate *candidate = g_new0 (HwCandidate, 1);

      candidate->case_id = hw_db_result_int_cell (rows, i, "case_id", 0);
      candidate->case_number = hw_db_result_dup_cell (rows, i, "case_number");
      candidate->child_name = hw_db_result_dup_cell (rows, i, "child_name");
      candidate->sex = hw_db_result_dup_cell (rows, i, "sex");
      candidate->birth_date = hw_db_result_dup_cell (rows, i, "birth_date");
      candidate->birth_precision = hw_db_result_dup_cell (rows, i, "birth_date_precision");
      candidate->marks = hw_db_result_dup_cell (rows, i, "distinguishing_marks");
      candidate->place = hw_db_result_dup_cell (rows, i, "place_text");
      candidate->abducted_at = hw_db_result_int_cell (rows, i, "abducted_at", HW_SIGHTING_NO_TIME);
      candidate->thumbnail = hw_db_result_hex_cell (rows, i, "thumbnail");
      candidate->total = hw_db_result_double_cell (rows, i, "total", 0);
      for (guint f = 0; f < HW_CANDIDATE_N_FACTORS; f++)
        candidate->factors[f] = hw_db_result_double_cell (rows, i, columns[f], 0);
      candidate->linked = hw_db_result_bool_cell (rows, i, "linked");
      g_ptr_array_add (candidates, candidate);
    }

  return candidates;
}

static gpointer
parse_officers (HwDbResult *rows,
                GError    **error)
{
  GPtrArray *officers = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_case_officer_free);

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwCaseOfficer *officer = g_new0 (HwCaseOfficer, 1);

      officer->id = hw_db_result_int_cell (rows, i, "id", 0);
      officer->name = hw_db_result_dup_cell (rows, i, "display_name");
      officer->rank = hw_db_result_dup_cell (rows, i, "unit_code");
      g_ptr_array_add (officers, officer);
    }

  return officers;
}

/* A write returns one row: its first column is the id or the new version;
 * no row means the row changed (or went) since it was read. */
static gpointer
parse_write (HwDbResult *rows,
             GError    **error)
{
  gint64 *value;

  if (hw_db_result_get_n_rows (rows) == 0)
    {
      g_set_error_literal (error, HW_SIGHTING_STORE_ERROR, HW_SIGHTING_STORE_ERROR_CONFLICT,
                           _("Someone else changed this in the meantime. Look again, then try once more."));
      return NULL;
    }

  value = g_new (gint64, 1);
  *value = hw_db_result_is_null (rows, 0, 0) ? 0 : hw_db_result_get_int64 (rows, 0, 0);
  return value;
}

/* Changing many sightings at once: every one must change (one transaction). */
static gpointer
parse_count (HwDbResult *rows,
             GError    **error)
{
  gint64 *value = g_new (gint64, 1);

  *value = hw_db_result_get_n_rows (rows);
  return value;
}

static gpointer
parse_counts (HwDbResult *rows,
              GError    **error)
{
  HwInboxCounts *counts = g_new0 (HwInboxCounts, 1);

  if (hw_db_result_get_n_rows (rows) > 0)
    {
      counts->inbox = hw_db_result_int_cell (rows, 0, "inbox", 0);
      counts->overdue = hw_db_result_int_cell (rows, 0, "overdue", 0);
      counts->mine = hw_db_result_int_cell (rows, 0, "mine", 0);
    }

  return counts;
}

/* Object */

static void
hw_sighting_store_dispose (GObject *object)
{
  HwSightingStore *self = HW_SIGHTING_STORE (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (hw_sighting_store_parent_class)->dispose (object);
}

static void
hw_sighting_store_class_init (HwSightingStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hw_sighting_store_dispose;
}

static void
hw_sighting_store_init (HwSightingStore *self)
{
}

HwSightingStore *
hw_sighting_store_new (HwSession *session)
{
  HwSightingStore *self;

  g_return_val_if_fail (HW_IS_SESSION (session), NULL);

  self = g_object_new (HW_TYPE_SIGHTING_STORE, NULL);
  self->session = g_object_ref (session);

  return self;
}

HwSession *
hw_sighting_store_get_session (HwSightingStore *self)
{
  g_return_val_if_fail (HW_IS_SIGHTING_STORE (self), NULL);
  return self->session;
}

void
hw_sighting_details_free (HwSightingDetails *details)
{
  if (details == NULL)
    return;

  g_clear_pointer (&details->info, hw_sighting_info_free);
  g_clear_pointer (&details->photos, g_ptr_array_unref);
  g_clear_pointer (&details->group, g_ptr_array_unref);
  g_clear_pointer (&details->links, g_ptr_array_unref);
  g_clear_pointer (&details->steps, g_ptr_array_unref);
  g_free (details);
}

void
hw_case_verification_free (HwCaseVerification *verification)
{
  if (verification == NULL)
    return;

  g_clear_pointer (&verification->links, g_ptr_array_unref);
  g_clear_pointer (&verification->steps, g_ptr_array_unref);
  g_free (verification);
}

/* The inbox */

/**
 * hw_sighting_store_inbox_async:
 * @after: (nullable): the last row of the page before, or %NULL for the first
 *
 * Reads one page of the inbox in @order.
 */
void
hw_sighting_store_inbox_async (HwSightingStore     *self,
                               HwInboxOrder         order,
                               HwInboxScope         scope,
                               HwSightingSummary   *after,
                               guint                limit,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  static const char * const scopes[] = { "all", "mine", "overdue" };
  g_autofree char *time_key = NULL, *rank_key = NULL, *id_key = NULL;
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  const char *params[6];

  g_return_if_fail (HW_IS_SIGHTING_STORE (self));
  g_return_if_fail (scope <= HW_INBOX_OVERDUE);

  if (after != NULL)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      double time = order == HW_INBOX_NEWEST ? hw_sighting_summary_get_received_at (after)
                                             : hw_sighting_summary_get_deadline (after);

      time_key = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, time));
      rank_key = g_strdup_printf ("%d", hw_sighting_summary_get_priority_rank (after));
      id_key = g_strdup_printf ("%" G_GINT64_FORMAT, hw_sighting_summary_get_id (after));
    }

  params[0] = order == HW_INBOX_NEWEST ? "newest" : "urgent";
  params[1] = scopes[scope];
  params[2] = time_key;
  params[3] = order == HW_INBOX_URGENT ? rank_key : NULL;
  params[4] = id_key;
  params[5] = limit_text;

  run_async (self, hw_sighting_store_inbox_async, "inbox", params, G_N_ELEMENTS (params), parse_inbox,
             cancellable, callback, user_data);
}

/**
 * hw_sighting_store_inbox_finish:
 *
 * Returns: (transfer container) (element-type HwSightingSummary): the rows
 */
GPtrArray *
hw_sighting_store_inbox_finish (HwSightingStore  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  return run_finish (self, result, hw_sighting_store_inbox_async, error);
}

void
hw_sighting_store_counts_async (HwSightingStore     *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (HW_IS_SIGHTING_STORE (self));

  run_async (self, hw_sighting_store_counts_async, "counts", NULL, 0, parse_counts,
             cancellable, callback, user_data);
}

gboolean
hw_sighting_store_counts_finish (HwSightingStore  *self,
                                 GAsyncResult     *result,
                                 HwInboxCounts    *counts,
                                 GError          **error)
{
  g_autofree HwInboxCounts *value = run_finish (self, result, hw_sighting_store_counts_async, error);

  if (value == NULL)
    return FALSE;

  *counts = *value;
  return TRUE;
}

/* A sighting's page: five queries sent at once on the one connection. */

typedef struct
{
  HwSightingDetails  *details;
  HwCaseVerification *verification;
  guint               pending;
  GError             *error;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->details, hw_sighting_details_free);
  g_clear_pointer (&data->verification, hw_case_verification_free);
  g_clear_error (&data->error);
  g_free (data);
}

/* Each part of a page is its own query; all are sent at once and the
 * task returns when the last has come back. */
typedef struct
{
  GTask      *task;
  const char *name;
} Part;

static void
load_part_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Part *part = user_data;
  g_autoptr(GTask) task = part->task;
  const char *name = part->name;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;

  g_free (part);

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      if (data->error == NULL)
        data->error = translate_error (error);
      else
        g_error_free (error);
    }
  else if (data->details != NULL)
    {
      HwSightingDetails *details = data->details;

      if (g_str_equal (name, "load") && hw_db_result_get_n_rows (rows) > 0)
        details->info = info_from_row (rows, 0);
      else if (g_str_equal (name, "load") && data->error == NULL)
        data->error = g_error_new_literal (HW_SIGHTING_STORE_ERROR, HW_SIGHTING_STORE_ERROR_NOT_FOUND,
                                           _("This sighting no longer exists."));
      else if (g_str_equal (name, "load-photos"))
        details->photos = photos_from_rows (rows);
      else if (g_str_equal (name, "load-group"))
        details->group = group_from_rows (rows);
      else if (g_str_equal (name, "load-links"))
        details->links = links_from_rows (rows);
      else if (g_str_equal (name, "load-steps"))
        details->steps = steps_from_rows (rows);
    }
  else if (g_str_equal (name, "load-links"))
    data->verification->links = links_from_rows (rows);
  else if (g_str_equal (name, "load-steps"))
    data->verification->steps = steps_from_rows (rows);

  if (--data->pending > 0)
    return;

  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else if (data->details != NULL)
    g_task_return_pointer (task, g_steal_pointer (&data->details), (GDestroyNotify) hw_sighting_details_free);
  else
    g_task_return_pointer (task, g_steal_pointer (&data->verification),
                           (GDestroyNotify) hw_case_verification_free);
}

static void
load_part (HwSightingStore    *self,
           GTask              *task,
           const char         *name,
           const char * const *params,
           guint               n_params)
{
  LoadData *data = g_task_get_task_data (task);
  Part *part = g_new0 (Part, 1);

  part->task = g_object_ref (task);
  part->name = name;
  data->pending++;
  hw_db_query_async (hw_session_get_db (self->session), hw_db_get_query (SQL_PATH, name), params, n_params,
                     g_task_get_cancellable (task), load_part_cb, part);
}

void
hw_sighting_store_load_async (HwSightingStore     *self,
                              gint64               sighting_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *id = int_param (sighting_id);
  const char *one[] = { id };
  const char *two[] = { id, NULL };
  LoadData *data;

  g_return_if_fail (HW_IS_SIGHTING_STORE (self));
  g_return_if_fail (sighting_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_sighting_store_load_async);
  data = g_new0 (LoadData, 1);
  data->details = g_new0 (HwSightingDetails, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  load_part (self, task, "load", one, 1);
  load_part (self, task, "load-photos", one, 1);
  load_part (self, task, "load-group", one, 1);
  load_part (self, task, "load-links", two, 2);
  load_part (self, task, "load-steps", two, 2);
}

HwSightingDetails *
hw_sighting_store_load_finish (HwSightingStore  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  return run_finish (self, result, hw_sighting_store_load_async, error);
}

void
hw_sighting_store_load_case_async (HwSightingStore     *self,
                                   gint64               case_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *id = int_param (case_id);
  const char *params[] = { NULL, id };
  LoadData *data;

  g_return_if_fail (HW_IS_SIGHTING_STORE (self));
  g_return_if_fail (case_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_sighting_store_load_case_async);
  data = g_new0 (LoadData, 1);
  data->verification = g_new0 (HwCaseVerification, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  load_part (self, task, "load-links", params, 2);
  load_part (self, task, "load-steps", params, 2);
}

HwCaseVerification *
hw_sighting_store_load_case_finish (HwSightingStore  *self,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  return run_finish (self, result, hw_sighting_store_load_case_async, error);
}

void
hw_sighting_store_candidates_async (HwSightingStore     *self,
                                    gint64               sighting_id,
                                    guint                limit,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *id = int_param (sighting_id);
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  const char *params[] = { id, limit_text };

  g_return_if_fail (HW_IS_SIGHTING_STORE (self));

  run_async (self, hw_sighting_store_candidates_async, "candidates", params, G_N_ELEMENTS (params),
             parse_candidates, cancellable, callback, user_data);
}

/**
 * hw_sighting_store_candidates_finish:
 *
 * Returns: (transfer container) (element-type HwCandidate): best first
 */
GPtrArray *
hw_sighting_store_candidates_finish (HwSightingStore  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  return run_finish (self, result, hw_sighting_store_candidates_async, error);
}

void
hw_sighting_store_officers_async (HwSightingStore     *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (HW_IS_SIGHTING_STORE (self));

  run_async (self, hw_sighting_store_officers_async, "load-officers", NULL, 0, parse_officers,
             cancellable, callback, user_data);
}

/**
 * hw_sighting_store_officers_finish:
 *
 * Returns: (transfer container) (element-type HwCaseOfficer): the officers
 *   (rank holds the unit's code)
 */
GPtrArray *
hw_sighting_store_officers_finish (HwSightingStore  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  return run_finish (self, result, hw_sighting_store_officers_async, error);
}

/* Writes */

static void
write_async (HwSightingStore     *self,
             const char          *name,
             const char * const  *params,
             guint                n_params,
             ParseFunc            parse,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  run_async (self, hw_sighting_store_write_finish, name, params, n_params, parse,
             cancellable, callback, user_data);
}

/**
 * hw_sighting_store_write_finish:
 *
 * Returns: the new row's id or version (or, for a status change, how many
 *   sightings changed); 0 with @error set when it was refused
 */
gint64
hw_sighting_store_write_finish (HwSightingStore  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_autofree gint64 *value = run_finish (self, result, hw_sighting_store_write_finish, error);

  return value != NULL ? *value : 0;
}

static char *
array_literal (GPtrArray *values)
{
  GString *literal = g_string_new ("{");

  for (guint i = 0; i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);

      if (i > 0)
        g_string_append_c (literal, ',');
      if (value == NULL)
        {
          g_string_append (literal, "NULL");
          continue;
        }
      g_string_append_c (literal, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (literal, '\\');
          g_string_append_c (literal, *p);
        }
      g_string_append_c (literal, '"');
    }
  g_string_append_c (literal, '}');

  return g_string_free (literal, FALSE);
}

/**
 * hw_sighting_store_create_async:
 * @photos: (element-type HwCasePhotoImport): checked photos, possibly none
 *
 * Records a sighting and its photos in one statement: all or nothing.
 */
void
hw_sighting_store_create_async (HwSightingStore       *self,
                                const HwSightingDraft *draft,
                                GPtrArray             *photos,
                                GCancellable          *cancellable,
                                GAsyncReadyCallback    callback,
                                gpointer               user_data)
{
  GPtrArray *columns[9];
  g_autofree char *lat = NULL, *lon = NULL, *age_min = NULL, *age_max = NULL, *context = NULL;
  g_autofree char *unit = NULL;
  char *arrays[9];
  const char *params[26];
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  GPtrArray *context_values;

  g_return_if_fail (HW_IS_SIGHTING_STORE (self));
  g_return_if_fail (draft != NULL);

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    columns[c] = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; photos != NULL && i < photos->len; i++)
    {
      const HwCasePhotoImport *photo = g_ptr_array_index (photos, i);

      g_ptr_array_add (columns[0], hw_db_bytea_param (g_bytes_get_data (photo->content, NULL),
                                                      g_bytes_get_size (photo->content)));
      g_ptr_array_add (columns[1], g_strdup (photo->mime_type));
      g_ptr_array_add (columns[2], hw_db_bytea_param (photo->sha256, sizeof photo->sha256));
      g_ptr_array_add (columns[3], g_strdup_printf ("%d", photo->width));
      g_ptr_array_add (columns[4], g_strdup_printf ("%d", photo->height));
      g_ptr_array_add (columns[5], hw_db_bytea_param (g_bytes_get_data (photo->thumbnail, NULL),
                                                      g_bytes_get_size (photo->thumbnail)));
      g_ptr_array_add (columns[6], g_strdup_printf ("%" G_GINT64_FORMAT, hw_image_hash_to_db (photo->phash)));
      g_ptr_array_add (columns[7], g_strdup_printf ("%" G_GINT64_FORMAT, hw_image_hash_to_db (photo->dhash)));
      g_ptr_array_add (columns[8], g_strdup (photo->source_url));
    }
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      arrays[c] = array_literal (columns[c]);
      g_ptr_array_unref (columns[c]);
    }

  if (draft->latitude != G_MAXDOUBLE)
    {
      lat = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, draft->latitude));
      lon = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, draft->longitude));
    }
  if (draft->age_min >= 0)
    age_min = g_strdup_printf ("%d", draft->age_min);
  if (draft->age_max >= 0)
    age_max = g_strdup_printf ("%d", draft->age_max);
  context_values = g_ptr_array_new ();
  for (guint i = 0; draft->context != NULL && draft->context[i] != NULL; i++)
    g_ptr_array_add (context_values, draft->context[i]);
  context = array_literal (context_values);
  g_ptr_array_unref (context_values);
  unit = int_param (hw_session_get_unit_id (self->session));

  params[0] = draft->channel;
  params[1] = draft->source_ref;
  params[2] = draft->observed_at != NULL && draft->observed_at[0] != '\0' ? draft->observed_at : NULL;
  params[3] = draft->place_text;
  params[4] = draft->region_code;
  params[5] = lat;
  params[6] = lon;
  params[7] = draft->description;
  params[8] = age_min;
  params[9] = age_max;
  params[10] = draft->sex != NULL ? draft->sex : "unknown";
  params[11] = context;
  params[12] = draft->priority != NULL ? draft->priority : "normal";
  params[13] = draft->reporter_name;
  params[14] = draft->reporter_contact;
  params[15] = draft->reporter_anonymous ? "true" : "false";
  params[16] = unit;
  for (guint c = 0; c < G_N_ELEMENTS (arrays); c++)
    params[17 + c] = arrays[c];

  write_async (self, "create", params, G_N_ELEMENTS (params), parse_write, cancellable, callback, user_data);

  for (guint c = 0; c < G_N_ELEMENTS (arrays); c++)
    g_free (arrays[c]);
}

void
hw_sighting_store_claim_async (HwSightingStore     *self,
                               gint64               sighting_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *id = int_param (sighting_id);
  const char *params[] = { id };

  g_return_if_fail (HW_IS_SIGHTING_STORE (self));

  /* Under the row's lock: of two claims, the second is told who has it. */
  run_sql_async (self, hw_sighting_store_write_finish, "SELECT homeward.claim_sighting ($1::bigint)",
                 params, G_N_ELEMENTS (params), parse_write, cancellable, callback, user_data);
}

void
hw_sighting_store_assign_async (HwSightingStore     *self,
                                gint64               sighting_id,
                                gint64               version,
                                gint64               officer_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *id = int_param (sighting_id);
  g_autofree char *officer = int_param (officer_id);
  g_autofree char *version_text = int_param (version);
  const char *params[] = { id, officer, version_text };

  g_return_if_fail (HW_IS_SIGHTING_STORE (self));

  write_async (self, "assign", params, G_N_ELEMENTS (params), parse_write, cancellable, callback, user_data);
}

void
hw_sighting_store_set_priority_async (HwSightingStore     *self,
                                      gint64               sighting_id,
                                      gint64               version,
                                      const char          *priority,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *id = int_param (sighting_id);
  g_autofree char *version_text = int_param (version);
  const char *params[] = { id, priority, version_text };

  g_return_if_fail (HW_IS_SIGHTING_STORE (self));

  write_async (self, "set-priority", params, G_N_ELEMENTS (params), parse_write,
               cancellable, callback, user_data);
}

/* Every sighting changes or none does: the statement is one transaction, and
 * the first refusal (a rule of the status, a missing reason) stops it. */
void
hw_sighting_store_set_status_async (HwSightingStore     *self,
                                    const gint64        *sighting_ids,
                                    guint                n_ids,
                                    const char          *status,
                                    const char          *reason,
                                    gboolean             with_group,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *array = NULL;
  const char *params[4];

  g_return_if_fail (HW_IS_SIGHTING_STORE (self));
  g_return_if_fail (n_ids > 0);

  for (guint i = 0; i < n_ids; i++)
    g_ptr_array_add (ids, int_param (sighting_ids[i]));
  array = array_literal (ids);
  params[0] = array;
  params[1] = status;
  params[2] = reason;
  params[3] = with_group ? "true" : "false";

  write_async (self, "set-status", params, G_N_ELEMENTS (params), parse_count, cancellable, callback, user_data);
}

void
hw_sighting_store_link_async (HwSightingStore     *self,
                              gint64               sighting_id,
                              gint64               case_id,
                              const char          *confidence,
                              const char          *rationale,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *sighting = int_param (sighting_id);
  g_autofree char *kase = int_param (case_id);
  const char *params[] = { sighting, kase, confidence, rationale };

  g_return_if_fail (HW_IS_SIGHTING_STORE (self));

  write_async (self, "add-link", params, G_N_ELEMENTS (params), parse_write, cancellable, callback, user_data);
}

void
hw_sighting_store_withdraw_link_async (HwSightingStore     *self,
                                       gint64               link_id,
                                       gint64               version,
                                       const char          *reason,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *id = int_param (link_id);
  g_autofree char *version_text = int_param (version);
  const char *params[] = { id, reason, version_text };

  g_return_if_fail (HW_IS_SIGHTING_STORE (self));

  write_async (self, "withdraw-link", params, G_N_ELEMENTS (params), parse_write,
               cancellable, callback, user_data);
}

void
hw_sighting_store_add_step_async (HwSightingStore     *self,
                                  gint64               sighting_id,
                                  gint64               link_id,
                                  gint64               case_id,
                                  const char          *kind,
                                  const char          *outcome,
                                  const char          *notes,
                                  gint64               corrects_step_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *sighting = int_param (sighting_id);
  g_autofree char *link = int_param (link_id);
  g_autofree char *kase = int_param (case_id);
  g_autofree char *corrects = int_param (corrects_step_id);
  const char *params[] = { sighting, link, kase, kind, outcome, notes, corrects };

  g_return_if_fail (HW_IS_SIGHTING_STORE (self));
  g_return_if_fail (sighting_id > 0 || link_id > 0 || case_id > 0);

  write_async (self, "add-step", params, G_N_ELEMENTS (params), parse_write, cancellable, callback, user_data);
}

void
hw_sighting_store_split_async (HwSightingStore     *self,
                               gint64               sighting_id,
                               const char          *reason,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *id = int_param (sighting_id);
  const char *params[] = { id, reason };

  g_return_if_fail (HW_IS_SIGHTING_STORE (self));

  run_sql_async (self, hw_sighting_store_write_finish,
                 "SELECT homeward.split_from_repost_group ($1::bigint, $2)",
                 params, G_N_ELEMENTS (params), parse_write, cancellable, callback, user_data);
}
