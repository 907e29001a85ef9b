/* hw-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-format"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hw-format.h"

/* Dates and ages as officers read them: relative and absolute ("3 days ago ·
 * 2026-11-20"), and "about 9" when a date of birth is only known to the month
 * or year. Absolute dates are ISO 8601, which reads the same in Chinese and
 * English and sorts. */

/**
 * hw_format_relative_time:
 * @time: when something happened
 * @now: the present (passed in so tests and lists agree on it)
 *
 * Returns: (transfer full): "just now", "5 minutes ago", "yesterday",
 *   "3 days ago", "2 weeks ago", "4 months ago", "6 years ago"; a time in the
 *   future (clocks differ) reads "just now"
 */
char *
hw_format_relative_time (GDateTime *time,
                         GDateTime *now)
{
  g_autoptr(GDateTime) local_time = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  GTimeSpan span;
  GDate day_then;
  GDate day_now;
  int days;

  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  span = g_date_time_difference (now, time);

  /* A deadline ahead: "in 3 hours". */
  if (span <= -G_TIME_SPAN_MINUTE)
    {
      GTimeSpan ahead = -span;

      if (ahead < G_TIME_SPAN_HOUR)
        {
          int n = (int) (ahead / G_TIME_SPAN_MINUTE);
          return g_strdup_printf (ngettext ("in %d minute", "in %d minutes", n), n);
        }
      if (ahead < 2 * G_TIME_SPAN_DAY)
        {
          int n = (int) (ahead / G_TIME_SPAN_HOUR);
          return g_strdup_printf (ngettext ("in %d hour", "in %d hours", n), n);
        }
      {
        int n = (int) (ahead / G_TIME_SPAN_DAY);
        return g_strdup_printf (ngettext ("in %d day", "in %d days", n), n);
      }
    }

  if (span < G_TIME_SPAN_MINUTE)
    return g_strdup (_("just now"));

  if (span < G_TIME_SPAN_HOUR)
    {
      int n = (int) (span / G_TIME_SPAN_MINUTE);
      return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", n), n);
    }

  /* Days count calendar days in the local time zone: 23:00 yesterday is
   * "yesterday" at 08:00 today. */
  local_time = g_date_time_to_local (time);
  local_now = g_date_time_to_local (now);
  g_date_clear (&day_then, 1);
  g_date_clear (&day_now, 1);
  g_date_set_dmy (&day_then, g_date_time_get_day_of_month (local_time),
                  g_date_time_get_month (local_time), g_date_time_get_year (local_time));
  g_date_set_dmy (&day_now, g_date_time_get_day_of_month (local_now),
                  g_date_time_get_month (local_now), g_date_time_get_year (local_now));
  days = g_date_days_between (&day_then, &day_now);

  if (days == 0)
    {
      int n = (int) (span / G_TIME_SPAN_HOUR);
      return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", n), n);
    }

  if (days == 1)
    return g_strdup (_("yesterday"));

  if (days < 14)
    return g_strdup_printf (ngettext ("%d day ago", "%d days ago", days), days);

  if (days < 60)
    {
      int n = days / 7;
      return g_strdup_printf (ngettext ("%d week ago", "%d weeks ago", n), n);
    }

  if (days < 730)
    {
      int n = days / 30;
      return g_strdup_printf (ngettext ("%d month ago", "%d months ago", n), n);
    }

  {
    int n = days / 365;
    return g_strdup_printf (ngettext ("%d year ago", "%d years ago", n), n);
  }
}

/**
 * hw_format_date:
 * @precision: (nullable): "day" (the default), "month" or "year"
 *
 * Returns: (transfer full): the local date to its precision: "2008-03-14",
 *   "2008-03" or "2008"
 */
char *
hw_format_date (GDateTime  *time,
                const char *precision)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  local = g_date_time_to_local (time);

  if (g_strcmp0 (precision, "year") == 0)
    return g_date_time_format (local, "%Y");
  if (g_strcmp0 (precision, "month") == 0)
    return g_date_time_format (local, "%Y-%m");

  return g_date_time_format (local, "%Y-%m-%d");
}

/**
 * hw_format_relative_and_date:
 *
 * Returns: (transfer full): "3 days ago · 2026-11-20"
 */
char *
hw_format_relative_and_date (GDateTime *time,
                             GDateTime *now)
{
  g_autofree char *relative = hw_format_relative_time (time, now);
  g_autofree char *date = hw_format_date (time, "day");

  /* TRANSLATORS: a relative time, then a date: "3 days ago · 2026-11-20" */
  return g_strdup_printf (_("%s · %s"), relative, date);
}

/**
 * hw_format_age:
 * @birth: a valid date of birth
 * @precision: (nullable): how precise @birth is ("day", "month", "year")
 * @today: a valid date
 *
 * Returns: (transfer full): the age in whole years ("9"), or "about 9" when
 *   the date of birth is not known to the day; "" for a date after @today
 */
char *
hw_format_age (GDate      *birth,
               const char *precision,
               GDate      *today)
{
  int years;

  g_return_val_if_fail (birth != NULL && g_date_valid (birth), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (g_date_compare (birth, today) > 0)
    return g_strdup ("");

  years = g_date_get_year (today) - g_date_get_year (birth);
  if (g_date_get_month (today) < g_date_get_month (birth) ||
      (g_date_get_month (today) == g_date_get_month (birth) &&
       g_date_get_day (today) < g_date_get_day (birth)))
    years--;

  if (precision != NULL && !g_str_equal (precision, "day"))
    /* TRANSLATORS: an age in years when the date of birth is imprecise */
    return g_strdup_printf (_("about %d"), years);

  return g_strdup_printf ("%d", years);
}

/* Drops the zeros that end a decimal fraction, and its point: "99.9900" is
 * "99.99", "100.0000" is "100". */
static void
trim_fraction (char *text)
{
  char *end;

  if (strchr (text, '.') == NULL)
    return;
  end = text + strlen (text) - 1;
  while (end > text && *end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
}

/**
 * hw_format_dna_index:
 * @number: a combined paternity index as the database gives it ("1234567",
 *   "3857940000000000.0")
 *
 * Formats the index as a lab report writes it: up to a million as the
 * number itself, larger ones as "3.86 × 10^15" (with a superscript power).
 *
 * Returns: (transfer full): the text, or a copy of @number when it is not a number
 */
char *
hw_format_dna_index (const char *number)
{
  static const char * const superscripts[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  char *end = NULL;
  double value;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  GString *text;
  int exponent;
  g_autofree char *power = NULL;

  if (number == NULL)
    return NULL;
  value = g_ascii_strtod (number, &end);
  if (end == number || *end != '\0' || !isfinite (value) || value < 0)
    return g_strdup (number);

  if (value < 1e6)
    {
      g_ascii_formatd (buffer, sizeof buffer, "%.4f", value);
      trim_fraction (buffer);
      return g_strdup (buffer);
    }

  exponent = (int) floor (log10 (value));
  g_ascii_formatd (buffer, sizeof buffer, "%.2f", value / pow (10, exponent));
  trim_fraction (buffer);
  power = g_strdup_printf ("%d", exponent);
  text = g_string_new (buffer);
  g_string_append (text, " × 10");
  for (const char *p = power; *p != '\0'; p++)
    g_string_append (text, superscripts[*p - '0']);

  return g_string_free (text, FALSE);
}

/**
 * hw_format_probability:
 * @number: a probability from 0 to 1 as the database gives it ("0.999999")
 *
 * Returns: (transfer full): the percentage as a lab writes it ("99.9999%"),
 *   or a copy of @number when it is not a number
 */
char *
hw_format_probability (const char *number)
{
  char *end = NULL;
  double value;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (number == NULL)
    return NULL;
  value = g_ascii_strtod (number, &end);
  if (end == number || *end != '\0' || !isfinite (value) || value < 0 || value > 1)
    return g_strdup (number);

  /* Never "100%" for what is less than one: as many places as it takes. */
  for (int places = 6; places <= 12; places++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%df", places);

      g_ascii_formatd (buffer, sizeof buffer, format, value * 100.0);
      trim_fraction (buffer);
      if (value >= 1.0 || !g_str_equal (buffer, "100"))
        break;
    }
  return g_strdup_printf ("%s%%", buffer);
}

/**
 * hw_text_is_clean:
 * @multiline: whether line breaks and tabs belong in the text
 *
 * Returns: whether @text is valid UTF-8 without control characters (the
 *   C0 and C1 controls and DEL, an escape sequence among them), as a name,
 *   a place or a note typed by a person has none
 */
gboolean
hw_text_is_clean (const char *text,
                  gboolean    multiline)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (multiline && (c == '\n' || c == '\t' || c == '\r'))
        continue;
      if (c < 0x20 || (c >= 0x7f && c < 0xa0))
        return FALSE;
    }

  return TRUE;
}

/**
 * hw_format_for_terminal:
 *
 * Returns: (transfer full): @text safe to print on a terminal: control
 *   characters (an escape sequence that would clear the screen) and bytes
 *   that are not UTF-8 written as \xNN or \u{NNNN}; line breaks and tabs,
 *   which messages have, and everything else unchanged
 */
char *
hw_format_for_terminal (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text != NULL ? text : "";
  const char *end = p + strlen (p);

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (c != '\n' && c != '\t' && (c < 0x20 || (c >= 0x7f && c < 0xa0)))
        g_string_append_printf (out, c < 0x100 ? "\\x%02x" : "\\u{%04x}", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }

  return g_string_free (out, FALSE);
}

/**
 * hw_parse_decimal:
 *
 * Reads a number as a person writes it: digits with an optional sign and
 * decimal point (not "0x10", "1e400", "nan" or "inf", which strtod takes).
 *
 * Returns: whether @text was such a number (then in @value)
 */
gboolean
hw_parse_decimal (const char *text,
                  double     *value)
{
  char *end = NULL;
  double v;

  g_return_val_if_fail (value != NULL, FALSE);

  if (text == NULL || !g_regex_match_simple ("^\\s*[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)\\s*$", text, 0, 0))
    return FALSE;
  v = g_ascii_strtod (text, &end);
  if (!isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

/**
 * hw_parse_past_time:
 * @now: the present (for tests); %NULL for the clock's
 * @time: (out) (transfer full): the time read
 *
 * Reads a time an officer gives of something that happened: ISO 8601 with
 * or without a zone ("2026-03-01 14:30" is local time), a day alone
 * ("2026-03-01" is its start), not in the future (five minutes of clock
 * difference allowed) and not before 1900.
 *
 * Returns: %HW_PAST_TIME_OK and the time, or what is wrong with @text
 */
HwPastTime
hw_parse_past_time (const char  *text,
                    GDateTime   *now,
                    GDateTime  **time)
{
  g_autoptr(GDateTime) clock = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  g_autoptr(GDateTime) latest = g_date_time_add_minutes (clock, 5);
  g_autoptr(GDateTime) earliest = g_date_time_new_utc (1900, 1, 1, 0, 0, 0);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (time != NULL, HW_PAST_TIME_INVALID);

  if (text == NULL)
    return HW_PAST_TIME_INVALID;
  trimmed = g_strstrip (g_strdup (text));
  if (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", trimmed, 0, 0))
    {
      g_autofree char *midnight = g_strconcat (trimmed, "T00:00:00", NULL);

      parsed = g_date_time_new_from_iso8601 (midnight, local);
    }
  else
    {
      g_autofree char *iso = g_strdup (trimmed);

      /* "2026-03-01 14:30" as well as "2026-03-01T14:30:00+08:00" */
      if (strlen (iso) > 10 && iso[10] == ' ')
        iso[10] = 'T';
      if (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$", iso, 0, 0))
        {
          char *seconds = g_strconcat (iso, ":00", NULL);

          g_free (iso);
          iso = seconds;
        }
      parsed = g_date_time_new_from_iso8601 (iso, local);
    }

  if (parsed == NULL)
    return HW_PAST_TIME_INVALID;
  if (g_date_time_compare (parsed, latest) > 0)
    return HW_PAST_TIME_FUTURE;
  if (g_date_time_compare (parsed, earliest) < 0)
    return HW_PAST_TIME_TOO_EARLY;

  *time = g_steal_pointer (&parsed);
  return HW_PAST_TIME_OK;
}
