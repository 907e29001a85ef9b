/* test-search-tokens.c: the search columns' lexemes, computed on the client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hw-search-tokens.h"

/* The expected literals are what PostgreSQL prints for
 * homeward.cjk_tokens_multi() of the same fields (tests/db/test-demo-data.c
 * compares with the server itself). */

static void
assert_tsvector (const char * const *fields,
                 gsize               n_fields,
                 const char         *expected)
{
  g_autofree char *tsvector = hw_search_tokens_to_tsvector (fields, n_fields);

  g_assert_cmpstr (tsvector, ==, expected);
}

#define ASSERT_TSVECTOR(expected, ...) \
  G_STMT_START { \
    const char *fields_[] = { __VA_ARGS__ }; \
    assert_tsvector (fields_, G_N_ELEMENTS (fields_), expected); \
  } G_STMT_END

static void
test_chinese (void)
{
  /* Each character and each pair of neighbours, in byte order: 乐 U+4E50,
   * 彭 U+5F6D, 文 U+6587. */
  ASSERT_TSVECTOR ("'乐' '彭' '彭文' '文' '文乐'", "彭文乐");

  /* A repeated character or pair is one lexeme. */
  ASSERT_TSVECTOR ("'乐' '乐乐'", "乐乐乐");

  /* Punctuation, ASCII or full-width, ends a run: no pair crosses it. */
  ASSERT_TSVECTOR ("'乞' '乞讨' '人' '人乞' '向' '向路' '在' '在向' '外' '外套' '套' "
                   "'穿' '穿红' '红' '红色' '色' '色外' '讨' '路' '路人'",
                   "在向路人乞讨，穿红色外套。");
  ASSERT_TSVECTOR ("'东' '广' '广东'", "广 东", "广东");

  /* U+3007, extension B and the compatibility block are CJK too. */
  ASSERT_TSVECTOR ("'〇' '〇𠀀' '豈' '𠀀' '𠀀豈'", "〇𠀀豈");

  /* Fields are separate: no pair across two of them. */
  ASSERT_TSVECTOR ("'乐' '彭' '文' '文乐'", "彭", "文乐");
}

static void
test_latin (void)
{
  /* Lower-cased words; the apostrophe splits (Xi'an). */
  ASSERT_TSVECTOR ("'an' 'peng' 'pengwenle' 'wenle' 'xi'", "Peng", "Wenle", "PengWenle", "Xi'an");

  /* Latin letters with diacritics (U+00DF–U+024F) belong to words, upper
   * case lowered; other scripts separate. */
  ASSERT_TSVECTOR ("'lü'", "Lü");
  ASSERT_TSVECTOR ("'élodie'", "ÉLODIE");
  ASSERT_TSVECTOR ("'straße'", "STRAßE");
  ASSERT_TSVECTOR ("'mega'", "ωmega МИР");

  /* As in PostgreSQL's character class, U+00F7 (÷) lies in the range. */
  ASSERT_TSVECTOR ("'a÷b'", "a÷b");

  /* The Kelvin sign lowers to an ASCII k. */
  ASSERT_TSVECTOR ("'k'", "\u212a");
}

static void
test_mixed (void)
{
  /* Digits and letters are one word, CJK characters end it. */
  ASSERT_TSVECTOR ("'3' 'x' '孩' '岁' '岁的' '恤' '男' '男孩' '的' '的男'",
                   "3岁的男孩", "x恤");

  /* Case numbers and source references. */
  ASSERT_TSVECTOR ("'0142' '2008' 'sz'", "SZ-2008-0142");
  ASSERT_TSVECTOR ("'12' '3400' 'com' 'example' 'https' 'status' 'weibo'",
                   "https://weibo.example.com/12/status/3400");
  ASSERT_TSVECTOR ("'sz' '小' '小雨' '雨'", "@小雨_sz");
}

static void
test_nulls_and_empty (void)
{
  ASSERT_TSVECTOR ("", NULL);
  ASSERT_TSVECTOR ("", "");
  ASSERT_TSVECTOR ("", "!! ，。 -- ");
  ASSERT_TSVECTOR ("'a' 'b'", NULL, "a", NULL, "b", NULL);
  assert_tsvector (NULL, 0, "");
}

static void
test_quotes_and_backslashes (void)
{
  /* They separate, like any punctuation, so lexemes never hold one; the
   * literal stays valid tsvector input. */
  ASSERT_TSVECTOR ("'a' 'it' 's' 'test'", "it's a \\ test");
  ASSERT_TSVECTOR ("'x' 'y'", "'x'\\'y'");
  ASSERT_TSVECTOR ("'tab' 'x'", "x\ttab\n\r");
}

static void
test_invalid_utf8 (void)
{
  ASSERT_TSVECTOR ("'ab' 'cd'", "ab\xff" "cd");
  ASSERT_TSVECTOR ("'ab'", "ab\xe4\xb9");    /* a character cut short */
}

static void
test_phone (void)
{
  g_autoptr(HwSearchTokens) tokens = hw_search_tokens_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *digits = hw_search_phone_digits ("+86 (138) 0013-8000");
  g_autofree char *none = hw_search_phone_digits ("无 —");
  g_autofree char *wide = hw_search_phone_digits ("１３８");

  g_assert_cmpstr (digits, ==, "8613800138000");
  g_assert_null (none);
  g_assert_null (wide);
  g_assert_null (hw_search_phone_digits (NULL));

  /* As family_member_search(): the phone, its digits, the address. */
  hw_search_tokens_add (tokens, "138-0013-8000", -1);
  hw_search_tokens_add_phone_digits (tokens, "138-0013-8000");
  hw_search_tokens_add (tokens, "人民路12号", -1);
  hw_search_tokens_append_tsvector (tokens, out);
  g_assert_cmpstr (out->str, ==, "'0013' '12' '138' '13800138000' '8000' '人' '人民' '号' '民' '民路' '路'");

  /* A phone without digits adds nothing, a NULL one neither. */
  hw_search_tokens_reset (tokens);
  hw_search_tokens_add_phone_digits (tokens, "无");
  hw_search_tokens_add_phone_digits (tokens, NULL);
  g_assert_cmpuint (hw_search_tokens_get_n_lexemes (tokens), ==, 0);
}

static void
test_reuse (void)
{
  g_autoptr(HwSearchTokens) tokens = hw_search_tokens_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  hw_search_tokens_add (tokens, "王小明", -1);
  hw_search_tokens_add (tokens, "王小明 Wang", 6);    /* "王小" */
  g_assert_cmpuint (hw_search_tokens_get_n_lexemes (tokens), ==, 5);

  /* More after counting, then the literal. */
  hw_search_tokens_add (tokens, "Wang", -1);
  hw_search_tokens_append_tsvector (tokens, out);
  g_assert_cmpstr (out->str, ==, "'wang' '小' '小明' '明' '王' '王小'");

  /* A reset row starts empty. */
  hw_search_tokens_reset (tokens);
  g_string_truncate (out, 0);
  hw_search_tokens_append_tsvector (tokens, out);
  g_assert_cmpstr (out->str, ==, "");
  hw_search_tokens_add (tokens, "李", -1);
  hw_search_tokens_append_tsvector (tokens, out);
  g_assert_cmpstr (out->str, ==, "'李'");
}

/* Long words sort by their whole bytes, not only by the first eight. */
static void
test_long_words (void)
{
  ASSERT_TSVECTOR ("'abcdefgh' 'abcdefgha' 'abcdefghb' 'abcdefghba' 'abcdefgi'",
                   "abcdefghb abcdefgha abcdefgh abcdefgi abcdefghba abcdefghb");
}

/* A long text: thousands of lexemes, many repeated, come out strictly
 * ascending in PostgreSQL's order (bytewise, a prefix first). */
static void
test_many (void)
{
  static const char * const pieces[] = {
    "彭", "文", "乐", "王", "小", "明", "ab", "abc", "Abd", "abcdefghij", "abcdefghi", "13800138000",
    "1380013800", "é", "ß", " ", "，", "-",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(HwSearchTokens) tokens = hw_search_tokens_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lexemes = NULL;
  guint n;

  for (guint i = 0; i < 20000; i++)
    g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  hw_search_tokens_add (tokens, text->str, text->len);
  n = hw_search_tokens_get_n_lexemes (tokens);
  hw_search_tokens_append_tsvector (tokens, out);

  /* lexemes hold neither quotes nor spaces */
  lexemes = g_strsplit (out->str, " ", -1);
  g_assert_cmpuint (g_strv_length (lexemes), ==, n);
  g_assert_cmpuint (n, >, 100);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (strcmp (lexemes[i - 1], lexemes[i]), <, 0);
}

/* How fast a typical sighting's row is: run with -m perf. */
static void
test_speed (void)
{
  const char *fields[] = {
    "//@热心市民在路上1234：求扩散！在广州火车站广场看到一名约6岁的男孩在向路人乞讨，"
    "由一名中年男子带着，穿红色外套，孩子左耳后有痣，说话带四川话口音。",
    "广东省广州市 火车站广场",
    "https://weibo.example/1234567890/status/3400123456789012",
    "@热心市民在路上1234",
    "https://weibo.example/u/1234567890",
  };
  g_autoptr(HwSearchTokens) tokens = hw_search_tokens_new ();
  g_autoptr(GString) out = g_string_sized_new (4096);
  guint n = 200000;
  gint64 start;
  double us;

  if (!g_test_perf ())
    {
      g_test_skip ("a benchmark: run with -m perf");
      return;
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      hw_search_tokens_reset (tokens);
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        hw_search_tokens_add (tokens, fields[f], -1);
      hw_search_tokens_add_phone_digits (tokens, fields[4]);
      g_string_truncate (out, 0);
      hw_search_tokens_append_tsvector (tokens, out);
    }
  us = (double) (g_get_monotonic_time () - start) / n;

  g_test_minimized_result (us, "%.2f us per sighting (%u lexemes, %" G_GSIZE_FORMAT " bytes)",
                           us, hw_search_tokens_get_n_lexemes (tokens), out->len);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unit/search-tokens/chinese", test_chinese);
  g_test_add_func ("/unit/search-tokens/latin", test_latin);
  g_test_add_func ("/unit/search-tokens/mixed", test_mixed);
  g_test_add_func ("/unit/search-tokens/nulls-and-empty", test_nulls_and_empty);
  g_test_add_func ("/unit/search-tokens/quotes-and-backslashes", test_quotes_and_backslashes);
  g_test_add_func ("/unit/search-tokens/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/unit/search-tokens/phone", test_phone);
  g_test_add_func ("/unit/search-tokens/reuse", test_reuse);
  g_test_add_func ("/unit/search-tokens/long-words", test_long_words);
  g_test_add_func ("/unit/search-tokens/many", test_many);
  g_test_add_func ("/unit/search-tokens/speed", test_speed);

  return g_test_run ();
}
