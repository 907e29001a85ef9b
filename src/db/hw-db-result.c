/* hw-db-result.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-db-result"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

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

/**
 * hw_db_result_cell:
 *
 * Returns: (nullable): the text of @column in @row, %NULL for SQL NULL
 */
const char *
hw_db_result_cell (HwDbResult *self,
                   guint       row,
                   const char *column)
{
  int index = hw_db_result_get_column (self, column);

  g_assert (index >= 0);

  return hw_db_result_get_string (self, row, (guint) index);
}

/* The text of a cell, "" for SQL NULL. */
char *
hw_db_result_dup_cell (HwDbResult *self,
                       guint       row,
                       const char *column)
{
  const char *value = hw_db_result_cell (self, row, column);

  return g_strdup (value != NULL ? value : "");
}

gint64
hw_db_result_int_cell (HwDbResult *self,
                       guint       row,
                       const char *column,
                       gint64      fallback)
{
  const char *value = hw_db_result_cell (self, row, column);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : fallback;
}

double
hw_db_result_double_cell (HwDbResult *self,
                          guint       row,
                          const char *column,
                          double      fallback)
{
  const char *value = hw_db_result_cell (self, row, column);

  return value != NULL ? g_ascii_strtod (value, NULL) : fallback;
}

gboolean
hw_db_result_bool_cell (HwDbResult *self,
                        guint       row,
                        const char *column)
{
  const char *value = hw_db_result_cell (self, row, column);

  return value != NULL && value[0] == 't';
}

/* A bytea cell read with encode(…, 'hex'), or %NULL. */
GBytes *
hw_db_result_hex_cell (HwDbResult *self,
                       guint       row,
                       const char *column)
{
  const char *hex = hw_db_result_cell (self, row, column);
  gsize length;
  guint8 *data;

  if (hex == NULL)
    return NULL;

  length = strlen (hex) / 2;
  data = g_malloc (MAX (length, 1));
  for (gsize i = 0; i < length; i++)
    data[i] = (guint8) (g_ascii_xdigit_value (hex[2 * i]) << 4 | g_ascii_xdigit_value (hex[2 * i + 1]));

  return g_bytes_new_take (data, length);
}

const char *
hw_db_get_query (const char *dir,
                 const char *name)
{
  static GHashTable *queries;
  g_autofree char *path = g_strconcat (dir, name, ".sql", NULL);
  GBytes *bytes;

  /* The main thread only: queries are sent from the main loop. */
  if (queries == NULL)
    queries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);

  if (!(bytes = g_hash_table_lookup (queries, path)))
    {
      g_autoptr(GError) error = NULL;

      /* The queries are compiled in: a missing one is a bug. */
      if (!(bytes = g_resources_lookup_data (path, 0, &error)))
        g_error ("Query %s is missing: %s", path, error->message);

      g_hash_table_insert (queries, g_steal_pointer (&path), bytes);
    }

  /* GResource data is NUL-terminated. */
  return g_bytes_get_data (bytes, NULL);
}
