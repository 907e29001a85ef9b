/* test-format.c: the figures of a lab's DNA report as officers read them,
 * and untrusted text, numbers and times as people and programs give them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "hw-format.h"
#include "hw-sighting.h"

static void
test_dna_index (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "1234567", "1.23 × 10⁶" },
    { "3857940000000000.0", "3.86 × 10¹⁵" },
    { "10000", "10000" },
    { "0.0125", "0.0125" },
    { "25.50", "25.5" },
    { "999999", "999999" },
    { "1000000", "1 × 10⁶" },
    { "not a number", "not a number" },
    { "-3", "-3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = hw_format_dna_index (cases[i].in);

      g_assert_cmpstr (text, ==, cases[i].out);
    }
  g_assert_null (hw_format_dna_index (NULL));
}

static void
test_probability (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "0.9999", "99.99%" },
    { "1", "100%" },
    { "1.000000000000", "100%" },
    { "0.99999999", "99.999999%" },
    /* Less than one is never shown as 100%. */
    { "0.9999999999", "99.99999999%" },
    { "0", "0%" },
    { "0.5", "50%" },
    { "1.5", "1.5" },
    { "x", "x" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = hw_format_probability (cases[i].in);

      g_assert_cmpstr (text, ==, cases[i].out);
    }
}

static void
test_untrusted_text (void)
{
  g_autofree char *shown = NULL;

  g_assert_true (hw_text_is_clean ("罗湖火车站 Luohu", FALSE));
  g_assert_true (hw_text_is_clean (NULL, FALSE));
  g_assert_false (hw_text_is_clean ("\033[2J", FALSE));
  g_assert_false (hw_text_is_clean ("a\nb", FALSE));
  g_assert_true (hw_text_is_clean ("a\nb\tc", TRUE));
  g_assert_false (hw_text_is_clean ("a\302\233b", TRUE));   /* U+009B, the C1 escape */
  g_assert_false (hw_text_is_clean ("\377", FALSE));         /* not UTF-8 */

  shown = hw_format_for_terminal ("王\033[2J\377x");
  g_assert_cmpstr (shown, ==, "王\\x1b[2J\\xffx");
  g_clear_pointer (&shown, g_free);
  /* a message's lines stay lines */
  shown = hw_format_for_terminal ("could not connect\nIs the server running?\r");
  g_assert_cmpstr (shown, ==, "could not connect\nIs the server running?\\x0d");
}

static void
test_decimal (void)
{
  const char *good[] = { "22.5", "-0.5", "+114", " 90 ", ".5", "7." };
  const char *bad[] = { "0x10", "nan", "NaN", "inf", "-infinity", "1e3", "", "22,5", "1.2.3", "12abc" };
  double v = 0;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (hw_parse_decimal (good[i], &v));
  g_assert_true (hw_parse_decimal ("22.5", &v));
  g_assert_cmpfloat (v, ==, 22.5);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      v = 42;
      g_assert_false (hw_parse_decimal (bad[i], &v));
      g_assert_cmpfloat (v, ==, 42);
    }
}

static void
test_past_time (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 8, 12, 0, 0);
  g_autoptr(GDateTime) t = NULL;

  g_assert_cmpint (hw_parse_past_time ("2026-03-01 14:30", now, &t), ==, HW_PAST_TIME_OK);
  g_clear_pointer (&t, g_date_time_unref);
  g_assert_cmpint (hw_parse_past_time ("2026-03-01", now, &t), ==, HW_PAST_TIME_OK);
  g_clear_pointer (&t, g_date_time_unref);
  g_assert_cmpint (hw_parse_past_time ("2026-12-08T12:03:00Z", now, &t), ==, HW_PAST_TIME_OK);
  g_clear_pointer (&t, g_date_time_unref);
  g_assert_cmpint (hw_parse_past_time ("2999-01-01", now, &t), ==, HW_PAST_TIME_FUTURE);
  g_assert_cmpint (hw_parse_past_time ("9999-12-31T23:59:59Z", now, &t), ==, HW_PAST_TIME_FUTURE);
  g_assert_cmpint (hw_parse_past_time ("1899-12-31", now, &t), ==, HW_PAST_TIME_TOO_EARLY);
  g_assert_cmpint (hw_parse_past_time ("yesterday", now, &t), ==, HW_PAST_TIME_INVALID);
  g_assert_cmpint (hw_parse_past_time ("2026-02-30", now, &t), ==, HW_PAST_TIME_INVALID);
  g_assert_null (t);
}

/* The tip as the intake form and homeward-cli add-sighting check it. */
static void
test_sighting_draft (void)
{
  g_autoptr(HwSightingDraft) draft = hw_sighting_draft_new ();
  g_autofree char *problem = NULL;

  g_free (draft->place_text);
  draft->place_text = g_strdup ("罗湖火车站");
  problem = hw_sighting_draft_check (draft);
  g_assert_null (problem);

  draft->received_at = g_strdup ("2999-01-01");
  problem = hw_sighting_draft_check (draft);
  g_assert_nonnull (problem);
  g_clear_pointer (&problem, g_free);
  g_clear_pointer (&draft->received_at, g_free);

  draft->observed_at = g_strdup ("9999-12-31");
  problem = hw_sighting_draft_check (draft);
  g_assert_nonnull (problem);
  g_clear_pointer (&problem, g_free);
  g_clear_pointer (&draft->observed_at, g_free);

  draft->latitude = NAN;
  draft->longitude = 114.0;
  problem = hw_sighting_draft_check (draft);
  g_assert_nonnull (problem);
  g_clear_pointer (&problem, g_free);
  draft->latitude = G_MAXDOUBLE;
  draft->longitude = G_MAXDOUBLE;

  g_free (draft->reporter_name);
  draft->reporter_name = g_strdup ("\033[2J");
  problem = hw_sighting_draft_check (draft);
  g_assert_nonnull (problem);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unit/format/dna-index", test_dna_index);
  g_test_add_func ("/unit/format/probability", test_probability);
  g_test_add_func ("/unit/format/untrusted-text", test_untrusted_text);
  g_test_add_func ("/unit/format/decimal", test_decimal);
  g_test_add_func ("/unit/format/past-time", test_past_time);
  g_test_add_func ("/unit/sighting/draft-limits", test_sighting_draft);

  return g_test_run ();
}
