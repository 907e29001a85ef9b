/* hw-dna.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hw-db.h"

G_BEGIN_DECLS

/* One event of a sample's chain of custody, with what is wrong with it. */
typedef struct
{
  gint64  id;
  char   *event;          /* "collected", "sealed", "shipped", "received", "analysed" */
  gint64  occurred_at;    /* Unix time */
  char   *officer_name;   /* or NULL */
  char   *notes;          /* or NULL */
  char   *problem;        /* NULL, "out_of_order", "repeated" or "gap" */
  char  **missing;        /* for a gap: the stages missing before it */
} HwDnaCustodyEvent;

/* A DNA sample of a case (a relative's, or the matched found child's). */
typedef struct
{
  gint64     id;
  char      *lab;
  char      *lab_reference;
  char      *kit;
  gint64     collected_at;   /* Unix time, or G_MININT64 */
  char      *relationship;   /* the relative's, or NULL for the found child */
  char      *name;
  gboolean   found_child;
  gboolean   readable;       /* the caller may read its lab results */
  gint64     loci;           /* STR loci typed (0 when not readable) */
  char     **conclusions;    /* the labs' conclusions of its comparisons */
  GPtrArray *events;         /* HwDnaCustodyEvent, in order */
  guint      n_problems;
} HwDnaSample;

void       hw_dna_sample_free         (HwDnaSample   *sample);
void       hw_dna_load_case_async     (HwDb          *db,
                                       gint64         case_id,
                                       GCancellable  *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer       user_data);
GPtrArray *hw_dna_load_case_finish    (GAsyncResult  *result,
                                       GError       **error);
const char * const *hw_dna_get_custody_events (void);
void       hw_dna_add_custody_event_async  (HwDb          *db,
                                            gint64         sample_id,
                                            const char    *event,
                                            const char    *occurred_at,
                                            const char    *notes,
                                            GCancellable  *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer       user_data);
gboolean   hw_dna_add_custody_event_finish (GAsyncResult  *result,
                                            GError       **error);

G_END_DECLS
