/* hw-reunion.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-reunion"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-db-result.h"
#include "hw-reunion.h"

/* The reunions of a case (data/queries/reunion): reading them, proposing
 * one for a supervisor's sign-off and changing it until then, and the
 * family identification steps that come before.  The database keeps the
 * rules: the two-person sign-off, a signed-off reunion frozen, the child's
 * own decision from 16 (data/sql/0003-triggers.sql). */

#define SQL_PATH "/io/github/homeward/Homeward/queries/reunion/"

void
hw_reunion_free (HwReunion *reunion)
{
  if (reunion == NULL)
    return;

  g_free (reunion->reunited_on);
  g_free (reunion->place);
  g_free (reunion->family_present);
  g_free (reunion->notes);
  g_free (reunion->child_decision);
  g_clear_pointer (&reunion->officer_ids, g_array_unref);
  g_strfreev (reunion->officer_names);
  g_free (reunion->proposed_by_name);
  g_free (reunion->signed_off_by_name);
  g_free (reunion);
}

static void
found_child_free (HwFoundChild *child)
{
  g_free (child->name);
  g_free (child->sex);
  g_free (child->place);
  g_free (child->care_institution);
  g_free (child->care_contact);
  g_free (child->unit_name);
  g_free (child);
}

void
hw_reunion_case_free (HwReunionCase *reunion_case)
{
  if (reunion_case == NULL)
    return;

  g_clear_pointer (&reunion_case->found, g_ptr_array_unref);
  g_clear_pointer (&reunion_case->reunions, g_ptr_array_unref);
  g_free (reunion_case);
}

static void
officer_free (HwReunionOfficer *officer)
{
  g_free (officer->name);
  g_free (officer);
}

void
hw_reunion_choices_free (HwReunionChoices *choices)
{
  if (choices == NULL)
    return;

  g_clear_pointer (&choices->officers, g_ptr_array_unref);
  g_clear_pointer (&choices->birth_date, g_date_free);
  g_free (choices);
}

const char * const *
hw_reunion_get_child_decisions (void)
{
  static const char * const decisions[] = { "not_applicable", "return", "not_return", NULL };
  return decisions;
}

static char *
id_param (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

typedef struct
{
  HwReunionCase *result;
  GError        *error;
  guint          pending;
} LoadData;

static void
load_data_free (LoadData *data)
{
  hw_reunion_case_free (data->result);
  g_clear_error (&data->error);
  g_free (data);
}

static void
load_step_done (GTask *task)
{
  LoadData *data = g_task_get_task_data (task);

  if (--data->pending > 0)
    return;

  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&data->result), (GDestroyNotify) hw_reunion_case_free);
}

static void
found_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = hw_db_query_finish (HW_DB (object), result, data->error == NULL ? &data->error : NULL);

  for (guint i = 0; rows != NULL && i < hw_db_result_get_n_rows (rows); i++)
    {
      HwFoundChild *child = g_new0 (HwFoundChild, 1);

      child->id = hw_db_result_int_cell (rows, i, "id", 0);
      child->name = g_strdup (hw_db_result_cell (rows, i, "name"));
      child->sex = hw_db_result_dup_cell (rows, i, "sex");
      child->found_at = hw_db_result_int_cell (rows, i, "found_at", G_MININT64);
      child->place = g_strdup (hw_db_result_cell (rows, i, "found_place_text"));
      child->care_institution = g_strdup (hw_db_result_cell (rows, i, "care_institution"));
      child->care_contact = g_strdup (hw_db_result_cell (rows, i, "care_contact"));
      child->unit_name = hw_db_result_dup_cell (rows, i, "unit_name");
      g_ptr_array_add (data->result->found, child);
    }

  load_step_done (task);
}

static void
reunions_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = hw_db_query_finish (HW_DB (object), result, data->error == NULL ? &data->error : NULL);

  for (guint i = 0; rows != NULL && i < hw_db_result_get_n_rows (rows); i++)
    {
      HwReunion *reunion = g_new0 (HwReunion, 1);
      const char *ids = hw_db_result_cell (rows, i, "officer_ids");
      const char *names = hw_db_result_cell (rows, i, "officer_names");

      reunion->id = hw_db_result_int_cell (rows, i, "id", 0);
      reunion->version = (int) hw_db_result_int_cell (rows, i, "version", 0);
      reunion->reunited_on = g_strdup (hw_db_result_cell (rows, i, "reunited_on"));
      reunion->place = g_strdup (hw_db_result_cell (rows, i, "place"));
      reunion->family_present = g_strdup (hw_db_result_cell (rows, i, "family_present"));
      reunion->notes = g_strdup (hw_db_result_cell (rows, i, "notes"));
      reunion->child_decision = g_strdup (hw_db_result_cell (rows, i, "child_decision"));
      reunion->officer_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (ids != NULL && ids[0] != '\0')
        {
          g_auto(GStrv) parts = g_strsplit (ids, ",", -1);

          for (guint k = 0; parts[k] != NULL; k++)
            {
              gint64 id = g_ascii_strtoll (parts[k], NULL, 10);
              g_array_append_val (reunion->officer_ids, id);
            }
        }
      reunion->officer_names = names != NULL && names[0] != '\0' ? g_strsplit (names, ",", -1) : g_new0 (char *, 1);
      reunion->proposed_by_name = hw_db_result_dup_cell (rows, i, "proposed_by_name");
      reunion->proposed_by_me = hw_db_result_bool_cell (rows, i, "proposed_by_me");
      reunion->signed_off_by_name = g_strdup (hw_db_result_cell (rows, i, "signed_off_by_name"));
      reunion->signed_off_at = hw_db_result_int_cell (rows, i, "signed_off_at", G_MININT64);
      reunion->child_age = (int) hw_db_result_int_cell (rows, i, "child_age", -1);
      g_ptr_array_add (data->result->reunions, reunion);
    }

  load_step_done (task);
}

/* The children found for @case_id and its reunions (HwReunionCase). */
void
hw_reunion_load_case_async (HwDb                *db,
                            gint64               case_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *id = id_param (case_id);
  const char *params[] = { id };
  LoadData *data = g_new0 (LoadData, 1);

  g_return_if_fail (HW_IS_DB (db));

  data->result = g_new0 (HwReunionCase, 1);
  data->result->found = g_ptr_array_new_with_free_func ((GDestroyNotify) found_child_free);
  data->result->reunions = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_reunion_free);
  data->pending = 2;
  g_task_set_source_tag (task, hw_reunion_load_case_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  hw_db_query_async (db, hw_db_get_query (SQL_PATH, "load-found"), params, 1, cancellable, found_cb,
                     g_object_ref (task));
  hw_db_query_async (db, hw_db_get_query (SQL_PATH, "load-case"), params, 1, cancellable, reunions_cb,
                     g_object_ref (task));
}

HwReunionCase *
hw_reunion_load_case_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
choices_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  HwReunionChoices *choices;
  GError *error = NULL;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  choices = g_new0 (HwReunionChoices, 1);
  choices->officers = g_ptr_array_new_with_free_func ((GDestroyNotify) officer_free);
  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwReunionOfficer *officer = g_new0 (HwReunionOfficer, 1);
      const char *birth = hw_db_result_cell (rows, i, "birth_date");

      officer->id = hw_db_result_int_cell (rows, i, "id", 0);
      officer->name = hw_db_result_dup_cell (rows, i, "display_name");
      g_ptr_array_add (choices->officers, officer);
      if (choices->birth_date == NULL && birth != NULL)
        {
          GDate date;

          g_date_clear (&date, 1);
          g_date_set_parse (&date, birth);
          if (g_date_valid (&date))
            choices->birth_date = g_date_copy (&date);
        }
    }
  g_task_return_pointer (task, choices, (GDestroyNotify) hw_reunion_choices_free);
}

/* The officers of @case_id's unit and the child's birth date. */
void
hw_reunion_load_choices_async (HwDb                *db,
                               gint64               case_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *id = id_param (case_id);
  const char *params[] = { id };

  g_return_if_fail (HW_IS_DB (db));

  g_task_set_source_tag (task, hw_reunion_load_choices_async);
  hw_db_query_async (db, hw_db_get_query (SQL_PATH, "load-officers"), params, 1, cancellable, choices_cb,
                     g_steal_pointer (&task));
}

HwReunionChoices *
hw_reunion_load_choices_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      const char *state = hw_db_error_get_sqlstate (error);

      if (g_strcmp0 (state, "HW006") == 0 || g_strcmp0 (state, "42501") == 0)
        {
          g_clear_error (&error);
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                               g_strcmp0 (state, "HW006") == 0
                               ? _("The reunion is signed off and can no longer be changed.")
                               : _("Only the officers of the case's unit may record its reunion."));
        }
      g_task_return_error (task, error);
    }
  else if (hw_db_result_get_n_rows (rows) == 0)
    /* No row: what the caller gave as the reason (task data). */
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG, "%s",
                             (const char *) g_task_get_task_data (task));
  else
    g_task_return_boolean (task, TRUE);
}

/* Proposes @reunion for @case_id (when its id is 0) or saves the changes to
 * it, as read at its version; the day is "YYYY-MM-DD". */
void
hw_reunion_save_async (HwDb                *db,
                       gint64               case_id,
                       HwReunion           *reunion,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *kase = id_param (case_id);
  g_autofree char *id = id_param (reunion->id);
  g_autofree char *version = g_strdup_printf ("%d", reunion->version);
  GString *officers = g_string_new ("{");
  g_autofree char *officer_array = NULL;

  g_return_if_fail (HW_IS_DB (db));
  g_return_if_fail (g_strv_contains (hw_reunion_get_child_decisions (), reunion->child_decision));

  for (guint i = 0; reunion->officer_ids != NULL && i < reunion->officer_ids->len; i++)
    g_string_append_printf (officers, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (reunion->officer_ids, gint64, i));
  g_string_append_c (officers, '}');
  officer_array = g_string_free (officers, FALSE);

  g_task_set_source_tag (task, hw_reunion_save_async);
  g_task_set_task_data (task, (gpointer) _("Someone else changed the reunion in the meantime; look at it again."),
                        NULL);
  if (reunion->id == 0)
    {
      const char *params[] = { kase, reunion->reunited_on, reunion->place, officer_array, reunion->family_present,
                               reunion->notes, reunion->child_decision };

      hw_db_query_async (db, hw_db_get_query (SQL_PATH, "propose"), params, G_N_ELEMENTS (params), cancellable,
                         saved_cb, g_steal_pointer (&task));
    }
  else
    {
      const char *params[] = { id, version, reunion->reunited_on, reunion->place, officer_array,
                               reunion->family_present, reunion->notes, reunion->child_decision };

      hw_db_query_async (db, hw_db_get_query (SQL_PATH, "update"), params, G_N_ELEMENTS (params), cancellable,
                         saved_cb, g_steal_pointer (&task));
    }
}

gboolean
hw_reunion_save_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Records that photos were shown to the relative @family_member_id of
 * @case_id, with the @outcome and @notes, as a family identification step
 * of the case; @consents_to_dna records the relative's consent to a DNA
 * sample as well. */
void
hw_reunion_add_identification_async (HwDb                *db,
                                     gint64               case_id,
                                     gint64               family_member_id,
                                     const char          *outcome,
                                     const char          *notes,
                                     gboolean             consents_to_dna,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *kase = id_param (case_id);
  g_autofree char *member = id_param (family_member_id);
  const char *params[] = { kase, member, outcome, notes, consents_to_dna ? "true" : "false" };

  g_return_if_fail (HW_IS_DB (db));

  g_task_set_source_tag (task, hw_reunion_add_identification_async);
  g_task_set_task_data (task, (gpointer) _("The relative is no longer recorded for this case."), NULL);
  hw_db_query_async (db, hw_db_get_query (SQL_PATH, "add-identification"), params, G_N_ELEMENTS (params),
                     cancellable, saved_cb, g_steal_pointer (&task));
}

gboolean
hw_reunion_add_identification_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Records a child found (at @found_at, ISO 8601, or NULL when not known)
 * and matched to @case_id, in the caller's unit. */
void
hw_reunion_add_found_child_async (HwDb                *db,
                                  gint64               case_id,
                                  const char          *family_name,
                                  const char          *given_name,
                                  const char          *sex,
                                  const char          *found_at,
                                  const char          *place,
                                  const char          *care_institution,
                                  const char          *care_contact,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *kase = id_param (case_id);
  const char *params[] = { kase, family_name, given_name, sex, found_at, place, care_institution, care_contact };

  g_return_if_fail (HW_IS_DB (db));

  g_task_set_source_tag (task, hw_reunion_add_found_child_async);
  g_task_set_task_data (task, (gpointer) _("The found child was not recorded."), NULL);
  hw_db_query_async (db, hw_db_get_query (SQL_PATH, "add-found-child"), params, G_N_ELEMENTS (params),
                     cancellable, saved_cb, g_steal_pointer (&task));
}

gboolean
hw_reunion_add_found_child_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
