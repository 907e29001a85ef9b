/* hw-lab-csv.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One locus of a sample's STR profile as a lab's CSV export gives it. */
typedef struct
{
  guint  line;            /* in the file, from 1 */
  char  *lab_reference;   /* the lab's name for the sample */
  char  *locus;
  char  *allele1;         /* "15", "9.3": the smaller first */
  char  *allele2;
} HwLabAllele;

/* Something wrong with a line of the file (line 0: the whole file). */
typedef struct
{
  guint  line;
  char  *message;
} HwLabProblem;

void       hw_lab_allele_free  (HwLabAllele  *allele);
void       hw_lab_problem_free (HwLabProblem *problem);
GPtrArray *hw_lab_csv_parse    (const char   *text,
                                gsize         length,
                                GPtrArray   **problems);

G_END_DECLS
