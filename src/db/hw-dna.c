/* hw-dna.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-dna"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-dna.h"
#include "hw-lab-csv.h"

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

G_DEFINE_QUARK (hw-dna-error-quark, hw_dna_error)

static void
comparison_free (HwDnaComparison *comparison)
{
  g_free (comparison->conclusion);
  g_free (comparison->combined_index);
  g_free (comparison->probability);
  g_free (comparison->report_reference);
  g_free (comparison);
}

void
hw_dna_donor_free (HwDnaDonor *donor)
{
  if (donor == NULL)
    return;

  g_free (donor->relationship);
  g_free (donor->name);
  g_free (donor);
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
  g_clear_pointer (&sample->comparisons, g_ptr_array_unref);
  g_strfreev (sample->profile);
  g_free (sample);
}

static char **
split (const char *text)
{
  return text != NULL && text[0] != '\0' ? g_strsplit (text, ",", -1) : g_new0 (char *, 1);
}

/* One of the queries of a load is in: the last one returns. */
static void
load_step_done (GTask *task)
{
  LoadData *data = g_task_get_task_data (task);

  if (--data->pending > 0)
    return;

  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&data->samples), (GDestroyNotify) g_ptr_array_unref);
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
      sample->comparisons = g_ptr_array_new_with_free_func ((GDestroyNotify) comparison_free);
      sample->profile = g_new0 (char *, 1);
      g_ptr_array_add (data->samples, sample);
    }

  load_step_done (task);
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

  load_step_done (task);
}

static void
results_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = hw_db_query_finish (HW_DB (object), result, data->error == NULL ? &data->error : NULL);

  for (guint i = 0; rows != NULL && data->samples != NULL && i < hw_db_result_get_n_rows (rows); i++)
    {
      HwDnaSample *sample = find_sample (data->samples, hw_db_result_int_cell (rows, i, "sample_id", 0));

      if (sample == NULL)
        continue;

      if (g_strcmp0 (hw_db_result_cell (rows, i, "kind"), "profile") == 0)
        {
          g_strfreev (sample->profile);
          sample->profile = split (hw_db_result_cell (rows, i, "profile"));
        }
      else
        {
          HwDnaComparison *comparison = g_new0 (HwDnaComparison, 1);

          comparison->id = hw_db_result_int_cell (rows, i, "id", 0);
          comparison->conclusion = g_strdup (hw_db_result_cell (rows, i, "conclusion"));
          comparison->combined_index = g_strdup (hw_db_result_cell (rows, i, "combined_index"));
          comparison->probability = g_strdup (hw_db_result_cell (rows, i, "probability"));
          comparison->reported_at = hw_db_result_int_cell (rows, i, "reported_at", G_MININT64);
          comparison->report_reference = g_strdup (hw_db_result_cell (rows, i, "report_reference"));
          comparison->father_sample_id = hw_db_result_int_cell (rows, i, "father_sample_id", 0);
          comparison->mother_sample_id = hw_db_result_int_cell (rows, i, "mother_sample_id", 0);
          g_ptr_array_add (sample->comparisons, comparison);
        }
    }

  load_step_done (task);
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
  data->pending = 3;
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  hw_db_query_async (db, hw_db_get_query (SQL_PATH, "load-case-samples"), params, 1, cancellable,
                     samples_cb, g_object_ref (task));
  hw_db_query_async (db, hw_db_get_query (SQL_PATH, "load-case-custody"), params, 1, cancellable,
                     custody_cb, g_object_ref (task));
  hw_db_query_async (db, hw_db_get_query (SQL_PATH, "load-case-results"), params, 1, cancellable,
                     results_cb, g_object_ref (task));
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

static void
donors_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  GPtrArray *donors;
  GError *error = NULL;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  donors = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_dna_donor_free);
  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwDnaDonor *donor = g_new0 (HwDnaDonor, 1);

      donor->id = hw_db_result_int_cell (rows, i, "id", 0);
      donor->found_child = g_strcmp0 (hw_db_result_cell (rows, i, "kind"), "found_child") == 0;
      donor->relationship = g_strdup (hw_db_result_cell (rows, i, "relationship"));
      donor->name = hw_db_result_dup_cell (rows, i, "name");
      g_ptr_array_add (donors, donor);
    }
  g_task_return_pointer (task, donors, (GDestroyNotify) g_ptr_array_unref);
}

/* The relatives of @case_id and the children found for it: whose a new
 * sample may be (HwDnaDonor). */
void
hw_dna_load_donors_async (HwDb                *db,
                          gint64               case_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  const char *params[] = { id };

  g_return_if_fail (HW_IS_DB (db));

  g_task_set_source_tag (task, hw_dna_load_donors_async);
  hw_db_query_async (db, hw_db_get_query (SQL_PATH, "load-case-donors"), params, 1, cancellable, donors_cb,
                     g_steal_pointer (&task));
}

GPtrArray *
hw_dna_load_donors_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Records a sample of @donor for @case_id, collected at @collected_at (an
 * ISO 8601 time; NULL: now) by the calling officer, with the collection as
 * its first custody event. */
void
hw_dna_add_sample_async (HwDb                *db,
                         gint64               case_id,
                         HwDnaDonor          *donor,
                         const char          *collected_at,
                         const char          *lab,
                         const char          *lab_reference,
                         const char          *kit,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *kase = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  g_autofree char *donor_id = g_strdup_printf ("%" G_GINT64_FORMAT, donor->id);
  const char *params[] = { kase, donor->found_child ? NULL : donor_id, donor->found_child ? donor_id : NULL,
                           collected_at, lab, lab_reference, kit };

  g_return_if_fail (HW_IS_DB (db));

  g_task_set_source_tag (task, hw_dna_add_sample_async);
  hw_db_query_async (db, hw_db_get_query (SQL_PATH, "add-sample"), params, G_N_ELEMENTS (params),
                     cancellable, added_cb, g_steal_pointer (&task));
}

gboolean
hw_dna_add_sample_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char * const *
hw_dna_get_conclusions (void)
{
  static const char * const conclusions[] = { "match", "exclusion", "inconclusive", NULL };
  return conclusions;
}

static char *
optional_id (gint64 id)
{
  return id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : NULL;
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      if (g_strcmp0 (hw_db_error_get_sqlstate (error), "42501") == 0)
        {
          g_clear_error (&error);
          g_set_error_literal (&error, HW_DNA_ERROR, HW_DNA_ERROR_NOT_ALLOWED,
                               _("Only the officers assigned to the case and supervisors may record its DNA "
                                 "results."));
        }
      g_task_return_error (task, error);
    }
  else
    g_task_return_boolean (task, TRUE);
}

/* Records a lab's result for the child's sample @child_sample_id compared
 * with a father's and/or mother's sample (0: none): its conclusion (one of
 * hw_dna_get_conclusions()), combined index and probability as numbers in
 * text (NULL: not given), when it was reported (ISO 8601; NULL: now) and the
 * report's reference. */
void
hw_dna_add_comparison_async (HwDb                *db,
                             gint64               child_sample_id,
                             gint64               father_sample_id,
                             gint64               mother_sample_id,
                             const char          *conclusion,
                             const char          *combined_index,
                             const char          *probability,
                             const char          *reported_at,
                             const char          *report_reference,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *child = optional_id (child_sample_id);
  g_autofree char *father = optional_id (father_sample_id);
  g_autofree char *mother = optional_id (mother_sample_id);
  const char *params[] = { child, father, mother, conclusion, combined_index, probability, reported_at,
                           report_reference };

  g_return_if_fail (HW_IS_DB (db));
  g_return_if_fail (child_sample_id > 0 && (father_sample_id > 0 || mother_sample_id > 0));
  g_return_if_fail (g_strv_contains (hw_dna_get_conclusions (), conclusion));

  g_task_set_source_tag (task, hw_dna_add_comparison_async);
  hw_db_query_async (db, hw_db_get_query (SQL_PATH, "add-comparison"), params, G_N_ELEMENTS (params),
                     cancellable, written_cb, g_steal_pointer (&task));
}

gboolean
hw_dna_add_comparison_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Importing a lab's export */

typedef struct
{
  HwDb      *db;
  GPtrArray *alleles;   /* HwLabAllele */
  char      *refs;      /* the alleles' columns as array literals */
  char      *loci;
  char      *firsts;
  char      *seconds;
  guint      n_loci;
  guint      n_samples;
  GPtrArray *unknown;   /* HwLabProblem: references with no sample */
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_object_unref (data->db);
  g_ptr_array_unref (data->alleles);
  g_free (data->refs);
  g_free (data->loci);
  g_free (data->firsts);
  g_free (data->seconds);
  g_clear_pointer (&data->unknown, g_ptr_array_unref);
  g_free (data);
}

/* Appends @text to an array literal, quoted (inside the quotes only \ and
 * " need a backslash). */
static void
append_element (GString    *array,
                const char *text)
{
  g_string_append (array, array->len > 1 ? ",\"" : "\"");
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (array, '\\');
      g_string_append_c (array, *p);
    }
  g_string_append_c (array, '"');
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImportData *data = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GHashTable) samples = g_hash_table_new (g_str_hash, g_str_equal);
  GError *error = NULL;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      if (g_strcmp0 (hw_db_error_get_sqlstate (error), "42501") == 0)
        {
          g_clear_error (&error);
          g_set_error_literal (&error, HW_DNA_ERROR, HW_DNA_ERROR_NOT_ALLOWED,
                               _("Only the officers assigned to the case and supervisors may record its DNA "
                                 "results; nothing was imported."));
        }
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    g_hash_table_add (samples, (gpointer) hw_db_result_get_string (rows, i, 0));
  data->n_loci = hw_db_result_get_n_rows (rows);
  data->n_samples = g_hash_table_size (samples);
  g_task_return_boolean (task, TRUE);
}

static void
unknown_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImportData *data = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (hw_db_result_get_n_rows (rows) > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      /* Each unknown reference, by the line where it first comes. */
      data->unknown = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_lab_problem_free);
      for (guint i = 0; i < data->alleles->len; i++)
        {
          HwLabAllele *allele = g_ptr_array_index (data->alleles, i);

          if (i > 0 && g_str_equal (((HwLabAllele *) g_ptr_array_index (data->alleles, i - 1))->lab_reference,
                                    allele->lab_reference))
            continue;
          for (guint r = 0; r < hw_db_result_get_n_rows (rows); r++)
            if (g_strcmp0 (hw_db_result_get_string (rows, r, 0), allele->lab_reference) == 0)
              {
                HwLabProblem *problem = g_new0 (HwLabProblem, 1);

                problem->line = allele->line;
                problem->message = g_strdup_printf (_("there is no sample with lab reference %s (or it belongs "
                                                      "to another unit)"), allele->lab_reference);
                g_string_append_printf (message, _("Line %u: %s\n"), problem->line, problem->message);
                g_ptr_array_add (data->unknown, problem);
              }
        }
      g_string_truncate (message, message->len - 1);
      g_task_return_new_error (task, HW_DNA_ERROR, HW_DNA_ERROR_UNKNOWN_SAMPLE, "%s", message->str);
      return;
    }

  {
    const char *params[] = { data->refs, data->loci, data->firsts, data->seconds };

    hw_db_query_async (data->db, hw_db_get_query (SQL_PATH, "import-profiles"), params, G_N_ELEMENTS (params),
                       g_task_get_cancellable (task), imported_cb, g_object_ref (task));
  }
}

/* Imports @alleles (HwLabAllele, as hw_lab_csv_parse() gives them without a
 * problem) into the samples they name by lab reference: every locus or
 * none.  A reference with no sample the caller can see fails with
 * HW_DNA_ERROR_UNKNOWN_SAMPLE naming its line; row security refusing the
 * caller fails with HW_DNA_ERROR_NOT_ALLOWED. */
void
hw_dna_import_async (HwDb                *db,
                     GPtrArray           *alleles,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ImportData *data = g_new0 (ImportData, 1);
  GString *refs = g_string_new ("{");
  GString *loci = g_string_new ("{");
  GString *firsts = g_string_new ("{");
  GString *seconds = g_string_new ("{");

  g_return_if_fail (HW_IS_DB (db));

  for (guint i = 0; i < alleles->len; i++)
    {
      HwLabAllele *allele = g_ptr_array_index (alleles, i);

      append_element (refs, allele->lab_reference);
      append_element (loci, allele->locus);
      g_string_append_printf (firsts, "%s%s", i > 0 ? "," : "", allele->allele1);
      g_string_append_printf (seconds, "%s%s", i > 0 ? "," : "", allele->allele2);
    }
  g_string_append_c (refs, '}');
  g_string_append_c (loci, '}');
  g_string_append_c (firsts, '}');
  g_string_append_c (seconds, '}');

  data->db = g_object_ref (db);
  data->alleles = g_ptr_array_ref (alleles);
  data->refs = g_string_free (refs, FALSE);
  data->loci = g_string_free (loci, FALSE);
  data->firsts = g_string_free (firsts, FALSE);
  data->seconds = g_string_free (seconds, FALSE);
  g_task_set_source_tag (task, hw_dna_import_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);

  {
    const char *params[] = { data->refs };

    hw_db_query_async (db, hw_db_get_query (SQL_PATH, "import-unknown"), params, 1, cancellable, unknown_cb,
                       g_steal_pointer (&task));
  }
}

/* Returns how many loci were written for how many samples; on
 * HW_DNA_ERROR_UNKNOWN_SAMPLE, @unknown (if not NULL) gets the references
 * with no sample, each by the line where it first comes (HwLabProblem). */
gboolean
hw_dna_import_finish (GAsyncResult  *result,
                      guint         *n_loci,
                      guint         *n_samples,
                      GPtrArray    **unknown,
                      GError       **error)
{
  ImportData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (unknown != NULL)
    *unknown = data->unknown != NULL ? g_ptr_array_ref (data->unknown) : NULL;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (n_loci != NULL)
    *n_loci = data->n_loci;
  if (n_samples != NULL)
    *n_samples = data->n_samples;
  return TRUE;
}
