/* hw-db-redact.c: passwords out of messages, logs and titles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-db"

#include "config.h"

#include <string.h>

#include "hw-db.h"

/* Passwords out of messages, logs and titles.
 *
 * libpq quotes what it could not parse, so a malformed URI comes back whole
 * in its message, password and all; and a password typed with a character
 * libpq splits at (a space, an "@" or "/" not percent-encoded) comes back in
 * pieces, as a host name or a keyword. So a message about a connection string
 * loses the string's passwords in three ways: the string itself where it is
 * quoted, any password written in URI or keyword form, and the pieces of the
 * string's passwords where the message quotes them. */

#define REDACTED "***"

/* Where libpq splits a connection string or URI. */
#define SECRET_DELIMITERS " \t\r\n\"'@/?#:&=,[]\\"

static const char * const secret_keywords[] = { "password", "sslpassword" };

static gsize
uri_scheme_length (const char *p)
{
  if (g_ascii_strncasecmp (p, "postgresql://", strlen ("postgresql://")) == 0)
    return strlen ("postgresql://");
  if (g_ascii_strncasecmp (p, "postgres://", strlen ("postgres://")) == 0)
    return strlen ("postgres://");

  return 0;
}

static gboolean
is_secret_keyword (const char *p,
                   gsize       len)
{
  for (guint i = 0; i < G_N_ELEMENTS (secret_keywords); i++)
    if (len == strlen (secret_keywords[i]) && g_ascii_strncasecmp (p, secret_keywords[i], len) == 0)
      return TRUE;

  return FALSE;
}

static const char *
find_char (const char *p,
           const char *end,
           char        c)
{
  return memchr (p, c, end - p);
}

/* Adds @len bytes at @start, as written and as libpq would read them. */
static void
add_secret (GPtrArray  *secrets,
            const char *start,
            gsize       len)
{
  g_autofree char *raw = g_strndup (start, len);
  g_autofree char *decoded = NULL;
  g_autoptr(GString) unescaped = g_string_new (NULL);

  if (secrets == NULL || len == 0)
    return;

  for (const char *p = raw; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      g_string_append_c (unescaped, *p);
    }

  if ((decoded = g_uri_unescape_string (raw, NULL)) != NULL && !g_str_equal (decoded, raw))
    g_ptr_array_add (secrets, g_steal_pointer (&decoded));
  if (!g_str_equal (unescaped->str, raw))
    g_ptr_array_add (secrets, g_string_free (g_steal_pointer (&unescaped), FALSE));
  g_ptr_array_add (secrets, g_steal_pointer (&raw));
}

/* Whether "user:pa/ss@host" is meant, which libpq reads as host "user" and
 * port "pa": what comes before the first "/" ends in a port that is no
 * number. */
static gboolean
looks_like_userinfo (const char *start,
                     const char *slash)
{
  const char *colon = NULL;

  if (*start == '[')
    return FALSE;

  for (const char *p = start; p < slash; p++)
    if (*p == ':')
      colon = p;

  if (colon == NULL || colon + 1 == slash)
    return FALSE;

  for (const char *p = colon + 1; p < slash; p++)
    if (!g_ascii_isdigit (*p))
      return TRUE;

  return FALSE;
}

/* Appends the URI from @start to @end, its password and any password
 * parameter replaced. */
static void
redact_uri (GString    *out,
            const char *start,
            const char *end,
            GPtrArray  *secrets)
{
  const char *authority = start + uri_scheme_length (start);
  const char *first_at = find_char (authority, end, '@');
  const char *userinfo_end = NULL;
  const char *p = start;
  const char *query;

  if (first_at != NULL)
    {
      const char *slash = find_char (authority, first_at, '/');

      if (slash == NULL)
        {
          /* libpq's user information ends at the first "@"; a password
           * with an "@" of its own leaves more of itself before the host. */
          userinfo_end = first_at;
          for (const char *q = first_at + 1; q < end && *q != '/' && *q != '?'; q++)
            if (*q == '@')
              userinfo_end = q;
        }
      else if (looks_like_userinfo (authority, slash))
        {
          userinfo_end = first_at;
        }
    }

  if (userinfo_end != NULL)
    {
      const char *colon = find_char (authority, userinfo_end, ':');

      if (colon != NULL && colon + 1 < userinfo_end)
        {
          g_string_append_len (out, start, colon + 1 - start);
          g_string_append (out, REDACTED);
          add_secret (secrets, colon + 1, userinfo_end - (colon + 1));
          p = userinfo_end;
        }
    }

  if ((query = find_char (p, end, '?')) == NULL)
    query = end;
  g_string_append_len (out, p, query - p);
  p = query;

  while (p < end)
    {
      const char *param = p + 1;
      const char *param_end = find_char (param, end, '&');
      const char *equals;

      if (param_end == NULL)
        param_end = end;

      g_string_append_c (out, *p);
      equals = find_char (param, param_end, '=');

      if (equals != NULL && equals + 1 < param_end)
        {
          g_autofree char *key = g_uri_unescape_segment (param, equals, NULL);

          if (is_secret_keyword (param, equals - param) ||
              (key != NULL && is_secret_keyword (key, strlen (key))))
            {
              g_string_append_len (out, param, equals + 1 - param);
              g_string_append (out, REDACTED);
              add_secret (secrets, equals + 1, param_end - (equals + 1));
              p = param_end;
              continue;
            }
        }

      g_string_append_len (out, param, param_end - param);
      p = param_end;
    }
}

/* In a message, a quoted URI or value ends at the quote. */
static gboolean
ends_quoted (const char *p)
{
  return *p == '\0' || g_ascii_isspace (*p) || *p == '"' || *p == '\'' ||
         g_str_has_prefix (p, "”");
}

/* Where the value of a password keyword that starts at @value ends. In
 * @whole, a connection string and not a message, the words after an
 * unquoted value that are no keyword of their own belong to it: libpq
 * fails on the first of them and quotes it. */
static const char *
keyword_value_end (const char *value,
                   gboolean    whole)
{
  const char *p = value;

  if (*p == '\'')
    {
      for (p++; *p != '\0' && *p != '\''; p++)
        if (*p == '\\' && p[1] != '\0')
          p++;
      if (*p == '\'')
        p++;
    }
  else
    {
      for (; whole ? (*p != '\0' && !g_ascii_isspace (*p)) : !ends_quoted (p); p++)
        if (*p == '\\' && p[1] != '\0')
          p++;
    }

  while (whole)
    {
      const char *word = p;
      const char *word_end;
      const char *next;

      while (g_ascii_isspace (*word))
        word++;
      if (*word == '\0' || word == p)
        break;

      word_end = word;
      while (*word_end != '\0' && !g_ascii_isspace (*word_end) && *word_end != '=')
        word_end++;
      for (next = word_end; g_ascii_isspace (*next); next++)
        ;
      if (*next == '=')
        break;

      p = word_end;
    }

  return p;
}

/* If a password keyword and its "=" start at @p, where its value starts. */
static const char *
secret_keyword_value (const char *text,
                      const char *p)
{
  const char *end = p;

  if (p > text && (g_ascii_isalnum (p[-1]) || p[-1] == '_'))
    return NULL;

  while (g_ascii_isalpha (*end))
    end++;
  if (!is_secret_keyword (p, end - p))
    return NULL;

  while (g_ascii_isspace (*end))
    end++;
  if (*end != '=')
    return NULL;

  for (end++; g_ascii_isspace (*end); end++)
    ;

  return end;
}

/* Appends @text with the passwords it writes in URI or keyword form
 * replaced, and collects them into @secrets. @whole: @text is a connection
 * string, not a message that quotes one. */
static void
redact_text (GString    *out,
             const char *text,
             gboolean    whole,
             GPtrArray  *secrets)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *value;

      if (uri_scheme_length (p) > 0)
        {
          const char *end = p + uri_scheme_length (p);

          /* A connection string that is a URI is one to its end. */
          if (whole && p == text)
            end += strlen (end);
          else
            while (!ends_quoted (end))
              end++;

          redact_uri (out, p, end, secrets);
          p = end;
          continue;
        }

      if ((value = secret_keyword_value (text, p)) != NULL)
        {
          const char *end = keyword_value_end (value, whole);
          gboolean quoted = *value == '\'' && end - value >= 2 && end[-1] == '\'';

          g_string_append_len (out, p, value - p);
          g_string_append (out, REDACTED);
          if (quoted)
            add_secret (secrets, value + 1, end - value - 2);
          else
            add_secret (secrets, value, end - value);
          p = end;
          continue;
        }

      g_string_append_c (out, *p++);
    }
}

/* Replaces, within what @message quotes, the words that are passwords or
 * pieces of one. */
static char *
redact_quoted_pieces (const char *message,
                      GPtrArray  *secrets)
{
  g_autoptr(GHashTable) pieces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *out = g_string_new (NULL);
  gboolean quoted = FALSE;
  const char *p = message;

  for (guint i = 0; i < secrets->len; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (g_ptr_array_index (secrets, i), SECRET_DELIMITERS, -1);

      for (guint j = 0; words[j] != NULL; j++)
        if (words[j][0] != '\0')
          g_hash_table_add (pieces, g_strdup (words[j]));
    }

  while (*p != '\0')
    {
      g_autofree char *word = NULL;
      const char *end = p;

      if (g_str_has_prefix (p, "“") || g_str_has_prefix (p, "”"))
        {
          quoted = g_str_has_prefix (p, "“");
          g_string_append_len (out, p, strlen ("“"));
          p += strlen ("“");
          continue;
        }

      if (strchr (SECRET_DELIMITERS, *p) != NULL)
        {
          if (*p == '"')
            quoted = !quoted;
          g_string_append_c (out, *p++);
          continue;
        }

      while (*end != '\0' && strchr (SECRET_DELIMITERS, *end) == NULL &&
             !g_str_has_prefix (end, "“") && !g_str_has_prefix (end, "”"))
        end++;

      word = g_strndup (p, end - p);
      g_string_append (out, quoted && g_hash_table_contains (pieces, word) ? REDACTED : word);
      p = end;
    }

  return g_string_free (out, FALSE);
}

/**
 * hw_db_redact_conninfo:
 * @conninfo: a connection string or URI, valid or not
 *
 * For showing a connection string in a message, a log or a title.
 *
 * Returns: (transfer full): @conninfo with its passwords (in the URI's user
 *   information, a `password` or `sslpassword` keyword or URI parameter)
 *   replaced by `***`.
 */
char *
hw_db_redact_conninfo (const char *conninfo)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (conninfo != NULL, NULL);

  redact_text (out, conninfo, TRUE, NULL);

  return g_string_free (out, FALSE);
}

/**
 * hw_db_redact_message:
 * @message: a message, such as libpq's, that may quote a connection string
 * @conninfo: (nullable): the connection string @message is about
 *
 * Every message made from libpq's in this module has been through this
 * already.
 *
 * Returns: (transfer full): @message without the passwords of @conninfo,
 *   whole or in pieces, nor any password it writes in URI or keyword form.
 */
char *
hw_db_redact_message (const char *message,
                      const char *conninfo)
{
  g_autoptr(GPtrArray) secrets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (message != NULL, NULL);

  g_string_assign (text, message);

  if (conninfo != NULL && conninfo[0] != '\0')
    {
      g_autoptr(GString) redacted = g_string_new (NULL);

      redact_text (redacted, conninfo, TRUE, secrets);
      if (secrets->len > 0)
        g_string_replace (text, conninfo, redacted->str, 0);
    }

  redact_text (out, text->str, FALSE, secrets);

  return redact_quoted_pieces (out->str, secrets);
}
