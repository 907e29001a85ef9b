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

/* Untrusted text and numbers, as people and programs type them. */
gboolean  hw_text_is_clean        (const char *text,
                                   gboolean    multiline);
char     *hw_format_for_terminal  (const char *text);
gboolean  hw_parse_decimal        (const char *text,
                                   double     *value);
typedef enum
{
  HW_PAST_TIME_OK,
  HW_PAST_TIME_INVALID,     /* not a time */
  HW_PAST_TIME_FUTURE,      /* later than now (and five minutes) */
  HW_PAST_TIME_TOO_EARLY,   /* before 1900 */
} HwPastTime;

HwPastTime hw_parse_past_time     (const char *text,
                                   GDateTime  *now,
                                   GDateTime **time);

G_END_DECLS
