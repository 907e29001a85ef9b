/* test-format.c: the figures of a lab's DNA report as officers read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "hw-format.h"

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

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unit/format/dna-index", test_dna_index);
  g_test_add_func ("/unit/format/probability", test_probability);

  return g_test_run ();
}
