/* hw-dna.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-dna"

#include "config.h"

#include "hw-dna.h"

/* A case's DNA samples with their chains of custody (data/queries/dna/):
 * two queries sent at once on the one connection. What the caller may not
 * read (another unit's samples, results for officers not assigned to the
 * case) the database leaves out or marks. */

#define SQL_PATH "/io/github/homeward/Homeward/queries/dna/"

typedef struct
{
  GPtrArray *samples;
  guint      pending;
  GError    *error;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->samples, g_ptr_array_unref);
  g_clear_error (&data->error);
  g_free (data);
}

static void
event_free (HwDnaCustodyEvent *event)
{
  g_free (event->event);
  g_free (event->officer_name);
  g_free (event->notes);
  g_free (event->problem);
  g_strfreev (event->missing);
  g_free (event);
}

void
hw_dna_sample_free (HwDnaSample *sample)
{
  if (sample == NULL)
    return;

  g_free (sample->lab);
  g_free (sample->lab_reference);
  g_free (sample->kit);
  g_free (sample->relationship);
  g_free (sample->name);
  g_strfreev (sample->conclusions);
  g_clear_pointer (&sample->events, g_ptr_array_unref);
  g_free (sample);
}

static char **
split (const char *text)
{
  return text != NULL && text[0] != '\0' ? g_strsplit (text, ",", -1) : g_new0 (char *, 1);
}

static void
samples_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = hw_db_query_finish (HW_DB (object), result, data->error == NULL ? &data->error : NULL);

  for (guint i = 0; rows != NULL && i < hw_db_result_get_n_rows (rows); i++)
    {
      HwDnaSample *sample = g_new0 (HwDnaSample, 1);
      const char *relationship = hw_db_result_cell (rows, i, "relationship");

      sample->id = hw_db_result_int_cell (rows, i, "id", 0);
      sample->lab = hw_db_result_dup_cell (rows, i, "lab");
      sample->lab_reference = hw_db_result_dup_cell (rows, i, "lab_reference");
      sample->kit = hw_db_result_dup_cell (rows, i, "kit");
      sample->collected_at = hw_db_result_int_cell (rows, i, "collected_at", G_MININT64);
      sample->relationship = g_strdup (relationship);
      sample->name = hw_db_result_dup_cell (rows, i, "name");
      sample->found_child = hw_db_result_bool_cell (rows, i, "found_child");
      sample->readable = hw_db_result_bool_cell (rows, i, "readable");
      sample->loci = hw_db_result_int_cell (rows, i, "loci", 0);
      sample->conclusions = split (hw_db_result_cell (rows, i, "conclusions"));
      sample->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
      g_ptr_array_add (data->samples, sample);
    }

  if (--data->pending == 0)
    {
      if (data->error != NULL)
        g_task_return_error (task, g_steal_pointer (&data->error));
      else
        g_task_return_pointer (task, g_steal_pointer (&data->samples), (GDestroyNotify) g_ptr_array_unref);
    }
}

static HwDnaSample *
find_sample (GPtrArray *samples,
             gint64     id)
{
  for (guint i = 0; i < samples->len; i++)
    if (((HwDnaSample *) g_ptr_array_index (samples, i))->id == id)
      return g_ptr_array_index (samples, i);

  return NULL;
}

/* The custody events come second on the connection, so the samples are in
 * when they arrive. */
static void
custody_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = hw_db_query_finish (HW_DB (object), result, data->error == NULL ? &data->error : NULL);

  for (guint i = 0; rows != NULL && data->samples != NULL && i < hw_db_result_get_n_rows (rows); i++)
    {
      HwDnaSample *sample = find_sample (data->samples, hw_db_result_int_cell (rows, i, "sample_id", 0));
      HwDnaCustodyEvent *event;

      if (sample == NULL)
        continue;

      event = g_new0 (HwDnaCustodyEvent, 1);
      event->id = hw_db_result_int_cell (rows, i, "event_id", 0);
      event->event = hw_db_result_dup_cell (rows, i, "event");
      event->occurred_at = hw_db_result_int_cell (rows, i, "occurred_at", 0);
      event->officer_name = g_strdup (hw_db_result_cell (rows, i, "officer_name"));
      event->notes = g_strdup (hw_db_result_cell (rows, i, "notes"));
      event->problem = g_strdup (hw_db_result_cell (rows, i, "problem"));
      event->missing = split (hw_db_result_cell (rows, i, "missing"));
      if (event->problem != NULL)
        sample->n_problems++;
      g_ptr_array_add (sample->events, event);
    }

  if (--data->pending == 0)
    {
      if (data->error != NULL)
        g_task_return_error (task, g_steal_pointer (&data->error));
      else
        g_task_return_pointer (task, g_steal_pointer (&data->samples), (GDestroyNotify) g_ptr_array_unref);
    }
}

void
hw_dna_load_case_async (HwDb                *db,
                        gint64               case_id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  const char *params[] = { id };
  LoadData *data = g_new0 (LoadData, 1);

  g_return_if_fail (HW_IS_DB (db));

  g_task_set_source_tag (task, hw_dna_load_case_async);
  data->samples = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_dna_sample_free);
  data->pending = 2;
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  hw_db_query_async (db, hw_db_get_query (SQL_PATH, "load-case-samples"), params, 1, cancellable,
                     samples_cb, g_object_ref (task));
  hw_db_query_async (db, hw_db_get_query (SQL_PATH, "load-case-custody"), params, 1, cancellable,
                     custody_cb, g_object_ref (task));
}

/**
 * hw_dna_load_case_finish:
 *
 * Returns: (transfer container) (element-type HwDnaSample): the samples
 */
GPtrArray *
hw_dna_load_case_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The stages of a chain of custody, in their order. */
const char * const *
hw_dna_get_custody_events (void)
{
  static const char * const events[] = { "collected", "sealed", "shipped", "received", "analysed", NULL };
  return events;
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * hw_dna_add_custody_event_async:
 * @occurred_at: (nullable): ISO 8601, or %NULL for now
 *
 * Records a stage of a sample's chain of custody as the calling officer.
 */
void
hw_dna_add_custody_event_async (HwDb                *db,
                                gint64               sample_id,
                                const char          *event,
                                const char          *occurred_at,
                                const char          *notes,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, sample_id);
  const char *params[] = { id, event, occurred_at, notes };

  g_return_if_fail (HW_IS_DB (db));
  g_return_if_fail (g_strv_contains (hw_dna_get_custody_events (), event));

  g_task_set_source_tag (task, hw_dna_add_custody_event_async);
  hw_db_query_async (db, hw_db_get_query (SQL_PATH, "add-custody-event"), params, G_N_ELEMENTS (params),
                     cancellable, added_cb, g_steal_pointer (&task));
}

gboolean
hw_dna_add_custody_event_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
