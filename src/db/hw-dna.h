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

/* A lab's result: a child's sample compared with a parent's or both. */
typedef struct
{
  gint64  id;
  char   *conclusion;        /* "match", "exclusion", "inconclusive" or NULL */
  char   *combined_index;    /* as the lab gave it, or NULL */
  char   *probability;       /* 0–1, or NULL */
  gint64  reported_at;       /* Unix time, or G_MININT64 */
  char   *report_reference;  /* or NULL */
  gint64  father_sample_id;  /* or 0 */
  gint64  mother_sample_id;  /* or 0 */
} HwDnaComparison;

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
  GPtrArray *comparisons;    /* HwDnaComparison of this (child's) sample, readable ones */
  char     **profile;        /* STR profile as "LOCUS a/b" items (empty when not readable) */
} HwDnaSample;

/* Whose a new sample may be: a relative of the case or the found child. */
typedef struct
{
  gint64    id;              /* family_member or found_child id */
  gboolean  found_child;
  char     *relationship;    /* a relative's, or NULL */
  char     *name;
} HwDnaDonor;

#define HW_DNA_ERROR (hw_dna_error_quark ())

typedef enum
{
  HW_DNA_ERROR_UNKNOWN_SAMPLE,   /* a lab export names a sample that is not there */
  HW_DNA_ERROR_NOT_ALLOWED,      /* only the assigned officers and supervisors */
} HwDnaError;

GQuark     hw_dna_error_quark (void);
void       hw_dna_donor_free  (HwDnaDonor *donor);

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

void       hw_dna_load_donors_async   (HwDb          *db,
                                       gint64         case_id,
                                       GCancellable  *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer       user_data);
GPtrArray *hw_dna_load_donors_finish  (GAsyncResult  *result,
                                       GError       **error);
void       hw_dna_add_sample_async    (HwDb          *db,
                                       gint64         case_id,
                                       HwDnaDonor    *donor,
                                       const char    *collected_at,
                                       const char    *lab,
                                       const char    *lab_reference,
                                       const char    *kit,
                                       GCancellable  *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer       user_data);
gboolean   hw_dna_add_sample_finish   (GAsyncResult  *result,
                                       GError       **error);
const char * const *hw_dna_get_conclusions (void);
void       hw_dna_add_comparison_async  (HwDb          *db,
                                         gint64         child_sample_id,
                                         gint64         father_sample_id,
                                         gint64         mother_sample_id,
                                         const char    *conclusion,
                                         const char    *combined_index,
                                         const char    *probability,
                                         const char    *reported_at,
                                         const char    *report_reference,
                                         GCancellable  *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer       user_data);
gboolean   hw_dna_add_comparison_finish (GAsyncResult  *result,
                                         GError       **error);
void       hw_dna_import_async        (HwDb          *db,
                                       GPtrArray     *alleles,
                                       GCancellable  *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer       user_data);
gboolean   hw_dna_import_finish       (GAsyncResult  *result,
                                       guint         *n_loci,
                                       guint         *n_samples,
                                       GPtrArray    **unknown,
                                       GError       **error);

G_END_DECLS
