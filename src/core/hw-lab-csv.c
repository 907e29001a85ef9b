/* hw-lab-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-lab-csv"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hw-lab-csv.h"

/* A DNA laboratory's export of STR profiles, as a CSV file with a header:
 * one line per sample and locus, with the sample's lab reference, the locus
 * and its two alleles. Column names vary between labs and their software;
 * those of GeneMapper's export ("Sample Name", "Marker", "Allele 1",
 * "Allele 2") and plain ones ("lab_reference", "locus", "allele1",
 * "allele2") are understood, separated by commas or tabs, quoted or not.
 *
 * A homozygous locus may leave allele 2 empty; Amelogenin (X, Y) is sex, not
 * a number, and is left out, as the schema says. Every line is checked and
 * every problem reported with its line number, so that an officer can mend
 * the file and import it whole: nothing is imported from a file with a
 * problem (the caller's rule). */

#define MAX_ALLELE 99.9

void
hw_lab_allele_free (HwLabAllele *allele)
{
  if (allele == NULL)
    return;

  g_free (allele->lab_reference);
  g_free (allele->locus);
  g_free (allele->allele1);
  g_free (allele->allele2);
  g_free (allele);
}

void
hw_lab_problem_free (HwLabProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->message);
  g_free (problem);
}

G_GNUC_PRINTF (3, 4)
static void
add_problem (GPtrArray  *problems,
             guint       line,
             const char *format,
             ...)
{
  HwLabProblem *problem = g_new0 (HwLabProblem, 1);
  va_list args;

  va_start (args, format);
  problem->line = line;
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, problem);
}

/* The fields of one line; quotes ("a, b", "say ""x""") are undone. */
static GPtrArray *
split_fields (const char *line,
              char        separator)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line; ; p++)
    {
      if (quoted)
        {
          if (*p == '\0')
            break;
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
          continue;
        }
      if (*p == '"' && field->len == 0)
        quoted = TRUE;
      else if (*p == separator || *p == '\0')
        {
          g_ptr_array_add (fields, g_strstrip (g_string_free (g_steal_pointer (&field), FALSE)));
          if (*p == '\0')
            break;
          field = g_string_new (NULL);
        }
      else
        g_string_append_c (field, *p);
    }

  if (field != NULL)
    {
      /* An unclosed quote: the line is kept as it is, and says so. */
      g_ptr_array_add (fields, g_string_free (field, FALSE));
      g_ptr_array_add (fields, NULL);
    }

  return fields;
}

/* "Allele 1", "allele_1", "ALLELE1" → "allele1" */
static char *
column_key (const char *name)
{
  GString *key = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (key, g_ascii_tolower (*p));

  return g_string_free (key, FALSE);
}

static int
find_column (GPtrArray          *header,
             const char * const *names)
{
  for (guint i = 0; i < header->len; i++)
    {
      g_autofree char *key = column_key (g_ptr_array_index (header, i));

      if (g_strv_contains (names, key))
        return (int) i;
    }

  return -1;
}

/* "15", "9.3", "15.0" → canonical text; NULL when it is not an allele. */
static char *
parse_allele (const char *text)
{
  char *end = NULL;
  double value;

  if (text == NULL || text[0] == '\0' || !(g_ascii_isdigit (text[0])))
    return NULL;
  value = g_ascii_strtod (text, &end);
  if (*end != '\0' || value <= 0 || value > MAX_ALLELE)
    return NULL;
  /* One decimal at most: microvariants such as 9.3. */
  if (strchr (text, '.') != NULL && strlen (strchr (text, '.') + 1) > 1)
    return NULL;

  return value == (int) value ? g_strdup_printf ("%d", (int) value) : g_strdup_printf ("%.1f", value);
}

static gboolean
is_amelogenin (const char *locus)
{
  g_autofree char *key = column_key (locus);

  return g_str_equal (key, "amel") || g_str_equal (key, "amelogenin");
}

/**
 * hw_lab_csv_parse:
 * @problems: (out): what is wrong, by line (empty when nothing is)
 *
 * Returns: (transfer container) (element-type HwLabAllele): the loci read
 */
GPtrArray *
hw_lab_csv_parse (const char  *text,
                  gsize        length,
                  GPtrArray  **problems)
{
  static const char * const sample_names[] = { "samplename", "sample", "labreference", "labref", "sampleid", NULL };
  static const char * const locus_names[] = { "marker", "locus", NULL };
  static const char * const allele1_names[] = { "allele1", "a1", NULL };
  static const char * const allele2_names[] = { "allele2", "a2", NULL };
  GPtrArray *alleles = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_lab_allele_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) header = NULL;
  g_auto(GStrv) lines = NULL;
  int sample_col, locus_col, allele1_col, allele2_col;
  char separator;
  guint first = 0;

  g_return_val_if_fail (problems != NULL, NULL);

  *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) hw_lab_problem_free);

  if (!g_utf8_validate (text, (gssize) length, NULL) || memchr (text, '\0', length) != NULL)
    {
      add_problem (*problems, 0, _("The file is not text (UTF-8): is it the lab's CSV export?"));
      return alleles;
    }

  {
    g_autofree char *copy = g_strndup (text, length);
    const char *start = g_str_has_prefix (copy, "\xef\xbb\xbf") ? copy + 3 : copy;

    lines = g_strsplit (start, "\n", -1);
  }

  /* The header: the first line that is not blank. */
  while (lines[first] != NULL && g_strstrip (lines[first])[0] == '\0')
    first++;
  if (lines[first] == NULL)
    {
      add_problem (*problems, 0, _("The file is empty."));
      return alleles;
    }

  separator = strchr (lines[first], '\t') != NULL ? '\t' : strchr (lines[first], ';') != NULL &&
              strchr (lines[first], ',') == NULL ? ';' : ',';
  header = split_fields (lines[first], separator);
  sample_col = find_column (header, sample_names);
  locus_col = find_column (header, locus_names);
  allele1_col = find_column (header, allele1_names);
  allele2_col = find_column (header, allele2_names);
  if (sample_col < 0 || locus_col < 0 || allele1_col < 0 || allele2_col < 0)
    {
      add_problem (*problems, first + 1,
                   _("The first line must name the columns: sample (or lab reference), locus (or marker), "
                     "allele 1 and allele 2."));
      return alleles;
    }

  for (guint i = first + 1; lines[i] != NULL; i++)
    {
      guint line = i + 1;
      g_autoptr(GPtrArray) fields = NULL;
      const char *sample, *locus, *a1, *a2;
      g_autofree char *allele1 = NULL, *allele2 = NULL, *key = NULL;
      HwLabAllele *allele;

      /* Trailing separators are fields (an empty allele 2): only the line
       * end goes. */
      if (g_str_has_suffix (lines[i], "\r"))
        lines[i][strlen (lines[i]) - 1] = '\0';
      {
        g_autofree char *blank = g_strstrip (g_strdup (lines[i]));

        if (blank[0] == '\0')
          continue;
      }

      fields = split_fields (lines[i], separator);
      if (fields->len > 0 && g_ptr_array_index (fields, fields->len - 1) == NULL)
        {
          add_problem (*problems, line, _("A quote is not closed."));
          continue;
        }
      if (fields->len != header->len)
        {
          add_problem (*problems, line, _("%u fields where the first line names %u."), fields->len, header->len);
          continue;
        }

      sample = g_ptr_array_index (fields, sample_col);
      locus = g_ptr_array_index (fields, locus_col);
      a1 = g_ptr_array_index (fields, allele1_col);
      a2 = g_ptr_array_index (fields, allele2_col);

      if (sample[0] == '\0')
        {
          add_problem (*problems, line, _("The sample's lab reference is missing."));
          continue;
        }
      if (locus[0] != '\0' && is_amelogenin (locus))
        continue;
      if (!g_regex_match_simple ("^[A-Za-z0-9_.-]{2,32}$", locus, 0, 0))
        {
          add_problem (*problems, line, _("“%s” is not a locus name."), locus);
          continue;
        }
      if (!(allele1 = parse_allele (a1)))
        {
          add_problem (*problems, line, _("Allele 1 “%s” is not a repeat number such as 15 or 9.3."), a1);
          continue;
        }
      /* A homozygote: allele 2 left empty. */
      if (a2[0] == '\0')
        allele2 = g_strdup (allele1);
      else if (!(allele2 = parse_allele (a2)))
        {
          add_problem (*problems, line, _("Allele 2 “%s” is not a repeat number such as 15 or 9.3."), a2);
          continue;
        }

      key = g_strdup_printf ("%s\n%s", sample, locus);
      if (g_hash_table_contains (seen, key))
        {
          add_problem (*problems, line, _("Locus %s of sample %s is given twice (first on line %u)."), locus, sample,
                       GPOINTER_TO_UINT (g_hash_table_lookup (seen, key)));
          continue;
        }
      g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (line));

      allele = g_new0 (HwLabAllele, 1);
      allele->line = line;
      allele->lab_reference = g_strdup (sample);
      allele->locus = g_strdup (locus);
      if (g_ascii_strtod (allele1, NULL) > g_ascii_strtod (allele2, NULL))
        {
          allele->allele1 = g_steal_pointer (&allele2);
          allele->allele2 = g_steal_pointer (&allele1);
        }
      else
        {
          allele->allele1 = g_steal_pointer (&allele1);
          allele->allele2 = g_steal_pointer (&allele2);
        }
      g_ptr_array_add (alleles, allele);
    }

  if (alleles->len == 0 && (*problems)->len == 0)
    add_problem (*problems, 0, _("The file holds no STR profile."));

  return alleles;
}
