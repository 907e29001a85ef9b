/* test-lab-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hw-lab-csv.h"

/* A lab's STR export: column names as GeneMapper writes them or plain ones,
 * commas or tabs, quotes, homozygotes with an empty allele 2, Amelogenin
 * left out; every bad line reported with its number. */

static GPtrArray *
parse (const char  *text,
       GPtrArray  **problems)
{
  return hw_lab_csv_parse (text, strlen (text), problems);
}

static void
test_genemapper_export (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) alleles = parse ("\xef\xbb\xbfSample Name\tMarker\tAllele 1\tAllele 2\n"
                                        "DNA-2011-000002\tD3S1358\t15\t16\n"
                                        "DNA-2011-000002\tAMEL\tX\tY\n"
                                        "DNA-2011-000002\tTH01\t9.3\t\n"
                                        "\n"
                                        "DNA-2011-000002\tvWA\t18\t14\r\n",
                                        &problems);
  HwLabAllele *allele;

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (alleles->len, ==, 3);
  allele = g_ptr_array_index (alleles, 0);
  g_assert_cmpuint (allele->line, ==, 2);
  g_assert_cmpstr (allele->lab_reference, ==, "DNA-2011-000002");
  g_assert_cmpstr (allele->locus, ==, "D3S1358");
  g_assert_cmpstr (allele->allele1, ==, "15");
  g_assert_cmpstr (allele->allele2, ==, "16");
  /* A homozygote: allele 2 is allele 1. */
  allele = g_ptr_array_index (alleles, 1);
  g_assert_cmpuint (allele->line, ==, 4);
  g_assert_cmpstr (allele->allele1, ==, "9.3");
  g_assert_cmpstr (allele->allele2, ==, "9.3");
  /* The smaller first. */
  allele = g_ptr_array_index (alleles, 2);
  g_assert_cmpuint (allele->line, ==, 6);
  g_assert_cmpstr (allele->allele1, ==, "14");
  g_assert_cmpstr (allele->allele2, ==, "18");
}

static void
test_plain_quoted (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) alleles = parse ("lab_reference,locus,allele1,allele2,comment\n"
                                        "\"DNA-2005-000001\",D8S1179,13,15.0,\"re-run, ok\"\n",
                                        &problems);

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (alleles->len, ==, 1);
  g_assert_cmpstr (((HwLabAllele *) g_ptr_array_index (alleles, 0))->allele2, ==, "15");
}

static void
assert_problem (GPtrArray  *problems,
                guint       index,
                guint       line,
                const char *needle)
{
  HwLabProblem *problem;

  g_assert_cmpuint (index, <, problems->len);
  problem = g_ptr_array_index (problems, index);
  g_assert_cmpuint (problem->line, ==, line);
  if (strstr (problem->message, needle) == NULL)
    g_error ("line %u: “%s” does not say “%s”", line, problem->message, needle);
}

static void
test_problems_by_line (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) alleles = parse ("sample,locus,allele 1,allele 2\n"
                                        "S1,D3S1358,15,16\n"
                                        "S1,D3S1358,15,17\n"
                                        "S1,TH01,nine,9\n"
                                        "S1,vWA,14\n"
                                        ",FGA,20,22\n"
                                        "S1,D 5,11,12\n"
                                        "S1,TPOX,8,120\n"
                                        "S1,CSF1PO,\"10,12\n"
                                        "S1,D7S820,10.25,11\n",
                                        &problems);

  g_assert_cmpuint (alleles->len, ==, 1);
  g_assert_cmpuint (problems->len, ==, 8);
  assert_problem (problems, 0, 3, "first on line 2");
  assert_problem (problems, 1, 4, "nine");
  assert_problem (problems, 2, 5, "3 fields");
  assert_problem (problems, 3, 6, "lab reference");
  assert_problem (problems, 4, 7, "D 5");
  assert_problem (problems, 5, 8, "120");
  assert_problem (problems, 6, 9, "quote");
  assert_problem (problems, 7, 10, "10.25");
}

static void
test_not_an_export (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) alleles = NULL;

  alleles = parse ("name,phone\n李大明,13912345678\n", &problems);
  g_assert_cmpuint (alleles->len, ==, 0);
  assert_problem (problems, 0, 1, "allele");
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_pointer (&alleles, g_ptr_array_unref);

  alleles = hw_lab_csv_parse ("\x89PNG\r\n\x1a\n\0\0", 10, &problems);
  g_assert_cmpuint (alleles->len, ==, 0);
  assert_problem (problems, 0, 0, "UTF-8");
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_pointer (&alleles, g_ptr_array_unref);

  alleles = parse ("\n\n", &problems);
  assert_problem (problems, 0, 0, "empty");
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_pointer (&alleles, g_ptr_array_unref);

  alleles = parse ("sample,locus,allele1,allele2\nS1,AMEL,X,Y\n", &problems);
  assert_problem (problems, 0, 0, "no STR profile");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lab-csv/genemapper-export", test_genemapper_export);
  g_test_add_func ("/lab-csv/plain-quoted", test_plain_quoted);
  g_test_add_func ("/lab-csv/problems-by-line", test_problems_by_line);
  g_test_add_func ("/lab-csv/not-an-export", test_not_an_export);

  return g_test_run ();
}
