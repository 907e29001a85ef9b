/* hw-dashboard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-dashboard"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "hw-dashboard.h"

/* Reads the supervisor's figures: one call of homeward.dashboard(), whose
 * JSON document is read into plain C for drawing. */

static const char * const buckets[] = { "under_1_day", "1_to_3_days", "3_to_7_days", "7_to_30_days",
                                        "over_30_days" };
static const char * const trend_names[HW_DASHBOARD_N_TRENDS] = { "sightings", "links", "dna_checks", "reunions" };

void
hw_dashboard_free (HwDashboard *dashboard)
{
  if (dashboard == NULL)
    return;

  g_clear_pointer (&dashboard->cases, g_hash_table_unref);
  g_clear_pointer (&dashboard->sightings, g_hash_table_unref);
  g_clear_pointer (&dashboard->workload, g_ptr_array_unref);
  g_clear_pointer (&dashboard->reunions, g_ptr_array_unref);
  g_clear_pointer (&dashboard->awaiting, g_ptr_array_unref);
  for (guint i = 0; i < HW_DASHBOARD_WEEKS; i++)
    g_free (dashboard->weeks[i]);
  g_free (dashboard);
}

static void
workload_free (HwDashboardWorkload *workload)
{
  g_free (workload->name);
  g_free (workload);
}

static void
reunion_free (HwDashboardReunion *reunion)
{
  g_free (reunion->case_number);
  g_free (reunion->child_name);
  g_free (reunion->reunited_on);
  g_free (reunion->place);
  g_free (reunion->proposed_by);
  g_free (reunion);
}

/* How many of @status (0 when none). */
gint64
hw_dashboard_count (GHashTable *counts,
                    const char *status)
{
  gint64 *value = counts != NULL ? g_hash_table_lookup (counts, status) : NULL;

  return value != NULL ? *value : 0;
}

static gint64
int_member (JsonObject *object,
            const char *name)
{
  return object != NULL && json_object_has_member (object, name) ? json_object_get_int_member (object, name) : 0;
}

static char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? g_strdup (json_node_get_string (node)) : NULL;
}

static GHashTable *
counts_from (JsonObject *object)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GList) members = object != NULL ? json_object_get_members (object) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      gint64 *value = g_new (gint64, 1);

      *value = json_object_get_int_member (object, l->data);
      g_hash_table_insert (counts, g_strdup (l->data), value);
    }

  return counts;
}

/**
 * hw_dashboard_parse:
 * @json: what homeward.dashboard() returned
 *
 * Returns: (transfer full): the figures, or %NULL with @error set
 */
HwDashboard *
hw_dashboard_parse (const char  *json,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(HwDashboard) dashboard = NULL;
  JsonObject *root, *untriaged;
  JsonArray *array;

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The figures came in a form not understood."));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  dashboard = g_new0 (HwDashboard, 1);
  dashboard->cases = counts_from (json_object_get_object_member (root, "cases"));
  dashboard->sightings = counts_from (json_object_get_object_member (root, "sightings"));

  untriaged = json_object_get_object_member (root, "untriaged");
  for (guint i = 0; i < G_N_ELEMENTS (buckets); i++)
    dashboard->untriaged[i] = int_member (untriaged, buckets[i]);
  dashboard->untriaged_total = int_member (untriaged, "total");
  dashboard->overdue = int_member (untriaged, "overdue");

  dashboard->workload = g_ptr_array_new_with_free_func ((GDestroyNotify) workload_free);
  array = json_object_get_array_member (root, "workload");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      HwDashboardWorkload *workload = g_new0 (HwDashboardWorkload, 1);

      workload->officer_id = int_member (item, "officer_id");
      workload->name = string_member (item, "name");
      workload->open_cases = int_member (item, "open_cases");
      workload->sightings = int_member (item, "sightings");
      workload->overdue = int_member (item, "overdue");
      g_ptr_array_add (dashboard->workload, workload);
    }

  array = json_object_get_array_member (root, "weeks");
  for (guint i = 0; array != NULL && i < MIN (json_array_get_length (array), HW_DASHBOARD_WEEKS); i++)
    {
      JsonObject *week = json_array_get_object_element (array, i);

      dashboard->weeks[i] = string_member (week, "week");
      for (guint t = 0; t < HW_DASHBOARD_N_TRENDS; t++)
        dashboard->trends[t][i] = int_member (week, trend_names[t]);
    }

  dashboard->reunions = g_ptr_array_new_with_free_func ((GDestroyNotify) reunion_free);
  array = json_object_get_array_member (root, "reunions");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      HwDashboardReunion *reunion = g_new0 (HwDashboardReunion, 1);

      reunion->case_id = int_member (item, "case_id");
      reunion->case_number = string_member (item, "case_number");
      reunion->child_name = string_member (item, "child_name");
      reunion->reunited_on = string_member (item, "reunited_on");
      reunion->place = string_member (item, "place");
      g_ptr_array_add (dashboard->reunions, reunion);
    }

  return g_steal_pointer (&dashboard);
}

#define SQL_PATH "/io/github/homeward/Homeward/queries/dashboard/"

/* The figures, then the review queue: two queries in order on the one
 * connection. */
typedef struct
{
  HwDashboard *dashboard;
  GError      *error;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->dashboard, hw_dashboard_free);
  g_clear_error (&data->error);
  g_free (data);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = NULL;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &data->error)))
    return;
  data->dashboard = hw_dashboard_parse (hw_db_result_get_string (rows, 0, 0), &data->error);
}

static void
awaiting_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;

  rows = hw_db_query_finish (HW_DB (object), result, &error);
  if (data->error != NULL)
    {
      g_clear_error (&error);
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }
  if (rows == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->dashboard->awaiting = g_ptr_array_new_with_free_func ((GDestroyNotify) reunion_free);
  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwDashboardReunion *reunion = g_new0 (HwDashboardReunion, 1);

      reunion->id = hw_db_result_int_cell (rows, i, "id", 0);
      reunion->case_id = hw_db_result_int_cell (rows, i, "case_id", 0);
      reunion->case_number = hw_db_result_dup_cell (rows, i, "case_number");
      reunion->child_name = hw_db_result_dup_cell (rows, i, "child_name");
      reunion->reunited_on = g_strdup (hw_db_result_cell (rows, i, "reunited_on"));
      reunion->place = g_strdup (hw_db_result_cell (rows, i, "place"));
      reunion->proposed_by = hw_db_result_dup_cell (rows, i, "proposed_by");
      reunion->mine = hw_db_result_bool_cell (rows, i, "mine");
      g_ptr_array_add (data->dashboard->awaiting, reunion);
    }

  g_task_return_pointer (task, g_steal_pointer (&data->dashboard), (GDestroyNotify) hw_dashboard_free);
}

/**
 * hw_dashboard_load_async:
 * @unit_id: the unit, or 0 for the caller's own (the whole country for an
 *   administrator)
 */
void
hw_dashboard_load_async (HwDb                *db,
                         gint64               unit_id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *unit = unit_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, unit_id) : NULL;
  const char *params[] = { unit };

  g_return_if_fail (HW_IS_DB (db));

  g_task_set_source_tag (task, hw_dashboard_load_async);
  g_task_set_task_data (task, g_new0 (LoadData, 1), (GDestroyNotify) load_data_free);
  hw_db_query_async (db, "SELECT homeward.dashboard (coalesce ($1::bigint, homeward.current_unit_id ()))::text",
                     params, 1, cancellable, loaded_cb, g_object_ref (task));
  hw_db_query_async (db, hw_db_get_query (SQL_PATH, "awaiting-signoff"), params, 1, cancellable,
                     awaiting_cb, g_steal_pointer (&task));
}

HwDashboard *
hw_dashboard_load_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
signed_off_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;
  const char *state;

  if ((rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      if (hw_db_result_get_n_rows (rows) == 0)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                                 _("Someone signed this reunion off in the meantime."));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  /* The database's rules, in the supervisor's words. */
  state = hw_db_error_get_sqlstate (error);
  if (g_strcmp0 (state, "HW006") == 0)
    {
      g_clear_error (&error);
      error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                   _("You proposed this reunion: another supervisor must sign it off "
                                     "(two-person rule)."));
    }
  else if (g_strcmp0 (state, "HW007") == 0)
    {
      g_clear_error (&error);
      error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   _("The child is 16 or older: the child's own decision must be recorded in the "
                                     "reunion before it is signed off."));
    }
  else if (g_strcmp0 (state, "HW003") == 0 || g_strcmp0 (state, "42501") == 0)
    {
      g_clear_error (&error);
      error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                   _("Only a supervisor may sign off a reunion."));
    }
  g_task_return_error (task, error);
}

/* Signs off a reunion as the calling supervisor. */
void
hw_dashboard_sign_off_async (HwDb                *db,
                             gint64               reunion_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, reunion_id);
  const char *params[] = { id };

  g_return_if_fail (HW_IS_DB (db));

  g_task_set_source_tag (task, hw_dashboard_sign_off_async);
  hw_db_query_async (db, hw_db_get_query (SQL_PATH, "sign-off"), params, 1, cancellable, signed_off_cb,
                     g_steal_pointer (&task));
}

gboolean
hw_dashboard_sign_off_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
