/* hw-db-result.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-db-result"

#include "config.h"

#include <stdlib.h>

#include "hw-db-result-private.h"

/* A reference-counted, read-only view of one PGresult in text format. */
struct _HwDbResult
{
  gatomicrefcount  ref_count;
  PGresult        *result;
};

G_DEFINE_BOXED_TYPE (HwDbResult, hw_db_result, hw_db_result_ref, hw_db_result_unref)

HwDbResult *
_hw_db_result_new (PGresult *result)
{
  HwDbResult *self;

  g_return_val_if_fail (result != NULL, NULL);

  self = g_new0 (HwDbResult, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->result = result;

  return self;
}

HwDbResult *
hw_db_result_ref (HwDbResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
hw_db_result_unref (HwDbResult *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_pointer (&self->result, PQclear);
      g_free (self);
    }
}

guint
hw_db_result_get_n_rows (HwDbResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (guint) PQntuples (self->result);
}

guint
hw_db_result_get_n_columns (HwDbResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (guint) PQnfields (self->result);
}

/**
 * hw_db_result_get_column:
 *
 * Returns: the index of the column called @name, or -1.
 */
int
hw_db_result_get_column (HwDbResult *self,
                         const char *name)
{
  g_autofree char *quoted = NULL;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  /* PQfnumber folds unquoted names to lower case; our names are exact. */
  quoted = g_strdup_printf ("\"%s\"", name);

  return PQfnumber (self->result, quoted);
}

const char *
hw_db_result_get_column_name (HwDbResult *self,
                              guint       column)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (column < hw_db_result_get_n_columns (self), NULL);

  return PQfname (self->result, (int) column);
}

static inline gboolean
check_cell (HwDbResult *self,
            guint       row,
            guint       column)
{
  return row < (guint) PQntuples (self->result) && column < (guint) PQnfields (self->result);
}

gboolean
hw_db_result_is_null (HwDbResult *self,
                      guint       row,
                      guint       column)
{
  g_return_val_if_fail (self != NULL, TRUE);
  g_return_val_if_fail (check_cell (self, row, column), TRUE);

  return PQgetisnull (self->result, (int) row, (int) column);
}

/**
 * hw_db_result_get_string:
 *
 * Returns: (nullable): the cell's text, or %NULL for SQL NULL.
 */
const char *
hw_db_result_get_string (HwDbResult *self,
                         guint       row,
                         guint       column)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (check_cell (self, row, column), NULL);

  if (PQgetisnull (self->result, (int) row, (int) column))
    return NULL;

  return PQgetvalue (self->result, (int) row, (int) column);
}

gint64
hw_db_result_get_int64 (HwDbResult *self,
                        guint       row,
                        guint       column)
{
  const char *value = hw_db_result_get_string (self, row, column);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;
}

gboolean
hw_db_result_get_boolean (HwDbResult *self,
                          guint       row,
                          guint       column)
{
  const char *value = hw_db_result_get_string (self, row, column);

  return value != NULL && value[0] == 't';
}

double
hw_db_result_get_double (HwDbResult *self,
                         guint       row,
                         guint       column)
{
  const char *value = hw_db_result_get_string (self, row, column);

  return value != NULL ? g_ascii_strtod (value, NULL) : 0.0;
}

/**
 * hw_db_result_get_affected:
 *
 * Returns: the number of rows an INSERT, UPDATE, DELETE or COPY touched.
 */
gint64
hw_db_result_get_affected (HwDbResult *self)
{
  const char *tuples;

  g_return_val_if_fail (self != NULL, 0);

  tuples = PQcmdTuples (self->result);

  return tuples[0] != '\0' ? g_ascii_strtoll (tuples, NULL, 10) : 0;
}
