/* hw-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Imprecise dates carry a precision: "day", "month" or "year". */

char *hw_format_relative_time     (GDateTime  *time,
                                   GDateTime  *now);
char *hw_format_date              (GDateTime  *time,
                                   const char *precision);
char *hw_format_age               (GDate      *birth,
                                   const char *precision,
                                   GDate      *today);
char *hw_format_relative_and_date (GDateTime  *time,
                                   GDateTime  *now);
char *hw_format_dna_index         (const char *number);
char *hw_format_probability       (const char *number);

G_END_DECLS
