/* hw-search-tokens.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-search-tokens"

#include "config.h"

#include <string.h>

#include "hw-search-tokens.h"

/* The search columns' lexemes, computed on the client for bulk loads that
 * write the column themselves (the demo data: see data/sql/0004). They must
 * be exactly those of homeward.cjk_tokens_multi() (data/sql/0001):
 *
 *   - the text is lower-cased;
 *   - every CJK character (U+3007, U+3400–U+4DBF, U+4E00–U+9FFF,
 *     U+F900–U+FAFF, U+20000–U+3134F) is a lexeme, and so is every pair of
 *     adjacent CJK characters;
 *   - every run of [0-9a-z] and U+00DF–U+024F is a lexeme (a word);
 *   - fields are joined by a newline, which ends runs and words: adding each
 *     field on its own gives the same lexemes. NULL fields add nothing.
 *
 * Lower-casing is Unicode's simple mapping (g_unichar_tolower()), which is
 * what PostgreSQL's lower() does in the C.UTF-8 databases Homeward creates
 * for every character that can end up in a lexeme: with glibc 2.36 they
 * differ only for Roman numerals and circled letters, separators either
 * way. tests/db/test-demo-data.c compares the two on every character.
 *
 * One difference remains: tsvector input refuses a word longer than 2046
 * bytes, which array_to_tsvector() on the server silently mangles instead.
 * Demo data has no such word.
 *
 * The lexemes' bytes are kept back to back in one buffer, each lexeme being
 * an offset and a length into it; a CJK run's characters are stored next to
 * each other, so a pair is a slice too. Sorting them as PostgreSQL orders a
 * tsvector's lexemes (bytewise, a prefix before what it prefixes) removes
 * the duplicates, and lets the server's tsvector input find them sorted. */

typedef struct
{
  guint64 key;        /* the first 8 bytes, big-endian, zero-padded */
  guint32 offset;
  guint32 length;
} Lexeme;

struct _HwSearchTokens
{
  char    *bytes;
  gsize    n_bytes;
  gsize    bytes_size;
  Lexeme  *lexemes;
  guint    n_lexemes;
  guint    lexemes_size;
  gboolean sorted;    /* sorted, without duplicates */
};

static inline gboolean
is_cjk (gunichar c)
{
  return c == 0x3007 ||
         (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3134F);
}

static inline gboolean
is_word (gunichar c)
{
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0x24F);
}

/* Room for @more bytes, and 8 more for lexeme_key() to read. */
static void
reserve_bytes (HwSearchTokens *self,
               gsize           more)
{
  gsize size;

  if (self->n_bytes + more + 8 <= self->bytes_size)
    return;

  size = MAX (2 * self->bytes_size, self->n_bytes + more + 8);
  self->bytes = g_realloc (self->bytes, size);
  memset (self->bytes + self->bytes_size, 0, size - self->bytes_size);
  self->bytes_size = size;
}

static inline void
push (HwSearchTokens *self,
      gsize           offset,
      gsize           length)
{
  if (G_UNLIKELY (self->n_lexemes == self->lexemes_size))
    {
      self->lexemes_size *= 2;
      self->lexemes = g_renew (Lexeme, self->lexemes, self->lexemes_size);
    }

  self->lexemes[self->n_lexemes].offset = (guint32) offset;
  self->lexemes[self->n_lexemes].length = (guint32) length;
  self->n_lexemes++;
  self->sorted = FALSE;
}

/* The character at @p, and its length in bytes in @n: 0 when the bytes
 * there are not UTF-8. Three-byte characters (the CJK ones) inline. */
static inline gunichar
next_char (const char *p,
           const char *end,
           guint      *n)
{
  const guchar *u = (const guchar *) p;
  gunichar c;

  if (u[0] < 0x80)
    {
      *n = 1;
      return u[0];
    }

  if ((u[0] & 0xF0) == 0xE0 && end - p >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80)
    {
      c = (gunichar) (u[0] & 0x0F) << 12 | (gunichar) (u[1] & 0x3F) << 6 | (u[2] & 0x3F);
      *n = c >= 0x800 && (c < 0xD800 || c > 0xDFFF) ? 3 : 0;
      return c;
    }

  c = g_utf8_get_char_validated (p, end - p);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *n = 0;
      return 0;
    }

  *n = (guint) g_utf8_skip[u[0]];
  return c;
}

/* The buffer always has 8 bytes to spare after its end (reserve_bytes()),
 * so reading 8 bytes at any lexeme is safe; those beyond it are masked. */
static inline guint64
lexeme_key (const char *bytes,
            guint32     length)
{
  guint64 key;

  memcpy (&key, bytes, sizeof key);
  key = GUINT64_FROM_BE (key);
  if (length < 8)
    key &= ~G_GUINT64_CONSTANT (0) << (8 * (8 - length));

  return key;
}

/* A lexeme holds no NUL byte, so equal keys with either length up to 8 mean
 * the shorter is a prefix of the longer. */
static inline int
compare_lexemes (const Lexeme *la,
                 const Lexeme *lb,
                 const char   *bytes)
{
  int cmp;

  if (la->key != lb->key)
    return la->key < lb->key ? -1 : 1;

  if (la->length > 8 && lb->length > 8)
    {
      cmp = memcmp (bytes + la->offset + 8, bytes + lb->offset + 8, MIN (la->length, lb->length) - 8);
      if (cmp != 0)
        return cmp;
    }

  return (la->length > lb->length) - (la->length < lb->length);
}

static inline void
swap (Lexeme *a,
      Lexeme *b)
{
  Lexeme t = *a;

  *a = *b;
  *b = t;
}

/* Quicksort, the comparison inlined: a row has a hundred lexemes or so,
 * where a general sort calling back for every comparison takes longer than
 * finding them did. */
static void
sort_lexemes (Lexeme     *lexemes,
              gssize      lo,
              gssize      hi,
              const char *bytes)
{
  while (hi - lo > 12)
    {
      gssize mid = lo + (hi - lo) / 2;
      gssize i = lo;
      gssize j = hi;
      Lexeme pivot;

      if (compare_lexemes (&lexemes[mid], &lexemes[lo], bytes) < 0)
        swap (&lexemes[mid], &lexemes[lo]);
      if (compare_lexemes (&lexemes[hi], &lexemes[lo], bytes) < 0)
        swap (&lexemes[hi], &lexemes[lo]);
      if (compare_lexemes (&lexemes[hi], &lexemes[mid], bytes) < 0)
        swap (&lexemes[hi], &lexemes[mid]);
      pivot = lexemes[mid];

      while (i <= j)
        {
          while (compare_lexemes (&lexemes[i], &pivot, bytes) < 0)
            i++;
          while (compare_lexemes (&lexemes[j], &pivot, bytes) > 0)
            j--;
          if (i <= j)
            swap (&lexemes[i++], &lexemes[j--]);
        }

      /* recurse into the smaller part: the stack stays shallow */
      if (j - lo < hi - i)
        {
          sort_lexemes (lexemes, lo, j, bytes);
          lo = i;
        }
      else
        {
          sort_lexemes (lexemes, i, hi, bytes);
          hi = j;
        }
    }

  for (gssize i = lo + 1; i <= hi; i++)
    {
      Lexeme lexeme = lexemes[i];
      gssize j = i;

      for (; j > lo && compare_lexemes (&lexemes[j - 1], &lexeme, bytes) > 0; j--)
        lexemes[j] = lexemes[j - 1];
      lexemes[j] = lexeme;
    }
}

static void
sort_unique (HwSearchTokens *self)
{
  Lexeme *lexemes = self->lexemes;
  guint n = self->n_lexemes;
  guint kept = 0;

  if (self->sorted)
    return;

  for (guint i = 0; i < n; i++)
    lexemes[i].key = lexeme_key (self->bytes + lexemes[i].offset, lexemes[i].length);

  sort_lexemes (lexemes, 0, (gssize) n - 1, self->bytes);

  for (guint i = 0; i < n; i++)
    if (kept == 0 || compare_lexemes (&lexemes[kept - 1], &lexemes[i], self->bytes) != 0)
      lexemes[kept++] = lexemes[i];

  self->n_lexemes = kept;
  self->sorted = TRUE;
}

/**
 * hw_search_tokens_new:
 *
 * Returns: (transfer full): an empty set of lexemes, to fill with
 *   hw_search_tokens_add() field by field and reuse row after row
 */
HwSearchTokens *
hw_search_tokens_new (void)
{
  HwSearchTokens *self = g_new0 (HwSearchTokens, 1);

  self->bytes_size = 1024;
  self->bytes = g_malloc0 (self->bytes_size);
  self->lexemes_size = 256;
  self->lexemes = g_new (Lexeme, self->lexemes_size);
  self->sorted = TRUE;

  return self;
}

void
hw_search_tokens_free (HwSearchTokens *self)
{
  if (self == NULL)
    return;

  g_free (self->bytes);
  g_free (self->lexemes);
  g_free (self);
}

/**
 * hw_search_tokens_reset:
 *
 * Forgets the lexemes, keeping the memory for the next row.
 */
void
hw_search_tokens_reset (HwSearchTokens *self)
{
  g_return_if_fail (self != NULL);

  self->n_bytes = 0;
  self->n_lexemes = 0;
  self->sorted = TRUE;
}

/**
 * hw_search_tokens_add:
 * @text: (nullable): one field, UTF-8; NULL adds nothing
 * @length: its length in bytes, or -1 if NUL-terminated
 *
 * Adds the lexemes of one field, as one element of cjk_tokens_multi()'s
 * arguments. Bytes that are not valid UTF-8 separate, like punctuation.
 */
void
hw_search_tokens_add (HwSearchTokens *self,
                      const char     *text,
                      gssize          length)
{
  const char *p;
  const char *end;
  gssize word = -1;     /* where the word being read starts in bytes */
  gssize previous = -1; /* where the previous character of a CJK run starts */

  g_return_if_fail (self != NULL);

  if (text == NULL)
    return;

  if (length < 0)
    length = strlen (text);

  /* A character is stored at most once, and lower-casing at most doubles
   * its length (a two-byte letter may become three bytes). */
  reserve_bytes (self, 2 * (gsize) length);

  for (p = text, end = text + length; p < end;)
    {
      guint n;
      gunichar c = next_char (p, end, &n);

      if (G_UNLIKELY (n == 0))
        {
          c = ' ';
          n = 1;
        }

      /* CJK characters have no case: stored as they are */
      if (is_cjk (c))
        {
          gsize start = self->n_bytes;

          if (word >= 0)
            {
              push (self, word, self->n_bytes - word);
              word = -1;
            }

          memcpy (self->bytes + self->n_bytes, p, n);
          self->n_bytes += n;
          push (self, start, n);
          if (previous >= 0)
            push (self, previous, self->n_bytes - previous);
          previous = start;
          p += n;
          continue;
        }

      previous = -1;
      p += n;

      if (c < 0x80)
        c = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
      else
        c = g_unichar_tolower (c);

      if (is_word (c))
        {
          if (word < 0)
            word = self->n_bytes;
          if (c < 0x80)
            self->bytes[self->n_bytes++] = (char) c;
          else
            self->n_bytes += g_unichar_to_utf8 (c, self->bytes + self->n_bytes);
        }
      else if (word >= 0)
        {
          push (self, word, self->n_bytes - word);
          word = -1;
        }
    }

  if (word >= 0)
    push (self, word, self->n_bytes - word);
}

/**
 * hw_search_tokens_add_phone_digits:
 * @phone: (nullable): a phone number as written
 *
 * Adds homeward.phone_digits(@phone) as a field: its ASCII digits as one
 * word, or nothing when it has none.
 */
void
hw_search_tokens_add_phone_digits (HwSearchTokens *self,
                                   const char     *phone)
{
  gsize start;

  g_return_if_fail (self != NULL);

  if (phone == NULL)
    return;

  reserve_bytes (self, strlen (phone));
  start = self->n_bytes;
  for (const char *p = phone; *p != '\0'; p++)
    if (*p >= '0' && *p <= '9')
      self->bytes[self->n_bytes++] = *p;

  if (self->n_bytes > start)
    push (self, start, self->n_bytes - start);
}

/**
 * hw_search_tokens_get_n_lexemes:
 *
 * Returns: how many different lexemes the fields added so far have
 */
guint
hw_search_tokens_get_n_lexemes (HwSearchTokens *self)
{
  g_return_val_if_fail (self != NULL, 0);

  sort_unique (self);

  return self->n_lexemes;
}

static void
append_escaped (HwSearchTokens *self,
                GString        *out)
{
  for (guint i = 0; i < self->n_lexemes; i++)
    {
      const char *p = self->bytes + self->lexemes[i].offset;
      const char *end = p + self->lexemes[i].length;

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, '\'');
      for (; p < end; p++)
        {
          if (*p == '\'' || *p == '\\')
            g_string_append_c (out, *p);
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '\'');
    }
}

/**
 * hw_search_tokens_append_tsvector:
 * @out: where to append
 *
 * Appends the lexemes as a tsvector literal ('a' 'b' …, sorted, each
 * once; nothing at all for none, which is the empty tsvector). Quotes are
 * doubled and backslashes escaped as tsvector input wants, although
 * letters, digits and CJK characters never need it. A COPY in text format
 * has to escape the backslashes once more.
 */
void
hw_search_tokens_append_tsvector (HwSearchTokens *self,
                                  GString        *out)
{
  gsize start;
  gsize size;
  char *o;

  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);

  sort_unique (self);
  if (self->n_lexemes == 0)
    return;

  /* One look at all the bytes spares looking at each lexeme's. */
  if (memchr (self->bytes, '\'', self->n_bytes) != NULL || memchr (self->bytes, '\\', self->n_bytes) != NULL)
    {
      append_escaped (self, out);
      return;
    }

  size = 3 * self->n_lexemes - 1;    /* quotes and spaces */
  for (guint i = 0; i < self->n_lexemes; i++)
    size += self->lexemes[i].length;
  start = out->len;
  g_string_set_size (out, start + size);

  o = out->str + start;
  for (guint i = 0; i < self->n_lexemes; i++)
    {
      if (i > 0)
        *o++ = ' ';
      *o++ = '\'';
      memcpy (o, self->bytes + self->lexemes[i].offset, self->lexemes[i].length);
      o += self->lexemes[i].length;
      *o++ = '\'';
    }
  g_assert (o == out->str + out->len);
}

/**
 * hw_search_tokens_to_tsvector:
 * @fields: (array length=n_fields) (nullable): the fields, each nullable
 * @n_fields: how many
 *
 * Returns: (transfer full): homeward.cjk_tokens_multi(@fields…) as a
 *   tsvector literal
 */
char *
hw_search_tokens_to_tsvector (const char * const *fields,
                              gsize               n_fields)
{
  g_autoptr(HwSearchTokens) tokens = NULL;
  GString *out;

  g_return_val_if_fail (fields != NULL || n_fields == 0, NULL);

  tokens = hw_search_tokens_new ();
  out = g_string_new (NULL);
  for (gsize i = 0; i < n_fields; i++)
    hw_search_tokens_add (tokens, fields[i], -1);
  hw_search_tokens_append_tsvector (tokens, out);

  return g_string_free (out, FALSE);
}

/**
 * hw_search_phone_digits:
 * @phone: (nullable): a phone number as written
 *
 * Returns: (transfer full) (nullable): homeward.phone_digits(@phone): its
 *   ASCII digits, or NULL when it has none
 */
char *
hw_search_phone_digits (const char *phone)
{
  GString *digits;

  if (phone == NULL)
    return NULL;

  digits = g_string_new (NULL);
  for (const char *p = phone; *p != '\0'; p++)
    if (*p >= '0' && *p <= '9')
      g_string_append_c (digits, *p);

  if (digits->len == 0)
    {
      g_string_free (digits, TRUE);
      return NULL;
    }

  return g_string_free (digits, FALSE);
}
