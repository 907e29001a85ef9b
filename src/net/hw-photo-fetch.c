/* hw-photo-fetch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-photo-fetch"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hw-image-hash.h"
#include "hw-photo-fetch.h"

/* The address comes from whoever reported a sighting, so the server at the
 * other end is not trusted:
 *
 *  - redirects are followed here rather than by libsoup, to count them and to
 *    refuse one that leaves http(s) (file:, data:, …);
 *  - the size limit is checked against Content-Length before the body is read
 *    and again against every chunk read, so a server that lies about the
 *    length, sends no length or sends a compression bomb is cut off at the
 *    limit;
 *  - no progress (connecting, response headers, a chunk of body) for
 *    timeout_seconds fails the fetch, whatever timeouts the session has, and
 *    the whole fetch may take at most DEADLINE_FACTOR times that, so a server
 *    trickling a byte at a time cannot hold the form forever;
 *  - the bytes are decoded (in a worker thread: a big JPEG takes a while)
 *    with the limits every photo in Homeward gets.
 *
 * Everything but the decoding runs on the caller's main context. */

#define READ_CHUNK_SIZE (64 * 1024)
#define DEADLINE_FACTOR 8
#define MAX_TIMEOUT_SECONDS 3600

#define ACCEPT_HEADER \
  "image/jpeg, image/png, image/webp, image/gif, image/bmp;q=0.9, image/tiff;q=0.9, image/*;q=0.5"

typedef struct
{
  SoupSession  *session;
  GUri         *uri;
  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *buffer;
  char         *content_type;
  GMainContext *context;

  /* Ours, so that a timeout can cancel what is in flight; the caller's
   * cancellable cancels it too. */
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong        caller_cancelled_id;

  GSource      *idle_source;
  GSource      *deadline_source;

  gsize         max_bytes;
  guint         max_redirects;
  guint         n_redirects;
  guint         timeout_seconds;
  gboolean      timed_out;

  /* Handed to the decoding thread once the network part is done. */
  GBytes       *content;
  char         *final_url;
} FetchData;

typedef struct
{
  GBytes *content;
  char   *final_url;
  char   *mime_type;
} FetchResult;

static void fetch_send (GTask *task);
static void fetch_read (GTask *task);

G_DEFINE_QUARK (hw-photo-fetch-error-quark, hw_photo_fetch_error)

static SoupSession *default_session;

/* The image types Homeward's decoder reads; image/svg+xml and the like are
 * refused before they are downloaded. */
static const char * const accepted_types[] = {
  "image/jpeg", "image/jpg", "image/pjpeg",
  "image/png", "image/x-png",
  "image/webp",
  "image/gif",
  "image/bmp", "image/x-bmp", "image/x-ms-bmp",
  "image/tiff",
};

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

/* Lets go of everything that belongs to the main context: done before the
 * task returns or moves to a worker thread, whose unref may be the last. */
static void
fetch_data_stop (FetchData *self)
{
  clear_source (&self->idle_source);
  clear_source (&self->deadline_source);

  if (self->caller_cancelled_id != 0)
    {
      g_cancellable_disconnect (self->caller_cancellable, self->caller_cancelled_id);
      self->caller_cancelled_id = 0;
    }

  /* An unread body is skipped, not read: the connection is dropped. */
  g_clear_object (&self->stream);
  g_clear_object (&self->message);
  g_clear_object (&self->session);
}

static void
fetch_data_free (FetchData *self)
{
  fetch_data_stop (self);

  g_clear_pointer (&self->uri, g_uri_unref);
  g_clear_pointer (&self->buffer, g_byte_array_unref);
  g_clear_pointer (&self->content_type, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->caller_cancellable);
  g_clear_pointer (&self->content, g_bytes_unref);
  g_clear_pointer (&self->final_url, g_free);
  g_free (self);
}

static void
fetch_result_free (FetchResult *result)
{
  g_clear_pointer (&result->content, g_bytes_unref);
  g_free (result->final_url);
  g_free (result->mime_type);
  g_free (result);
}

static gboolean
is_web_scheme (const char *scheme)
{
  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0);
}

static gboolean
check_web_uri (GUri    *uri,
               GError **error)
{
  const char *host = g_uri_get_host (uri);

  if (!is_web_scheme (g_uri_get_scheme (uri)))
    {
      g_set_error_literal (error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_BAD_URL,
                           _("Only web addresses (http or https) can be fetched."));
      return FALSE;
    }

  if (host == NULL || host[0] == '\0')
    {
      g_set_error_literal (error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_BAD_URL,
                           _("The web address has no server name."));
      return FALSE;
    }

  return TRUE;
}

static GUri *
parse_web_address (const char  *url,
                   GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (url));
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;

  uri = g_uri_parse (trimmed, SOUP_HTTP_URI_FLAGS, &local_error);
  if (uri == NULL)
    {
      g_debug ("Not a URI: %s", local_error->message);
      g_set_error_literal (error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_BAD_URL,
                           _("This is not a web address. Copy the whole address of the picture, "
                             "starting with “https://”."));
      return NULL;
    }

  if (!check_web_uri (uri, error))
    return NULL;

  return g_steal_pointer (&uri);
}

static SoupSession *
session_new (guint timeout_seconds)
{
  return soup_session_new_with_options ("timeout", timeout_seconds,
                                        "idle-timeout", timeout_seconds,
                                        "user-agent", "Homeward/" PACKAGE_VERSION " ",
                                        NULL);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  FetchData *self = user_data;

  self->timed_out = TRUE;
  g_cancellable_cancel (self->cancellable);

  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static GSource *
timeout_source_attach (FetchData *self,
                       guint      seconds)
{
  GSource *source = g_timeout_source_new (seconds * 1000);

  g_source_set_callback (source, timed_out_cb, self, NULL);
  g_source_set_static_name (source, "[hw] photo fetch timeout");
  g_source_attach (source, self->context);

  return source;
}

/* Called whenever the server did something: connected and answered, or sent
 * a chunk of the body. */
static void
fetch_data_progress (FetchData *self)
{
  clear_source (&self->idle_source);
  self->idle_source = timeout_source_attach (self, self->timeout_seconds);
}

/* Turns what libsoup or GIO reported into what the reporter is told. */
static GError *
fetch_data_map_error (FetchData *self,
                      GError    *error)
{
  g_autoptr(GError) owned = error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
      (self->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    return g_error_new_literal (HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_TIMEOUT,
                                _("The web server took too long to answer."));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      error->domain == HW_PHOTO_FETCH_ERROR)
    return g_steal_pointer (&owned);

  /* No such server, connection refused, TLS certificate, connection lost. */
  return g_error_new (HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_HTTP,
                      _("The web server could not be reached: %s"), error->message);
}

static void
fetch_return_error (GTask  *task,
                    GError *error)
{
  FetchData *self = g_task_get_task_data (task);

  error = fetch_data_map_error (self, error);
  fetch_data_stop (self);
  g_task_return_error (task, error);
}

static const char *
status_reason (SoupMessage *message)
{
  const char *reason = soup_message_get_reason_phrase (message);

  /* The server's words, unless they are missing or unreadable. */
  if (reason == NULL || reason[0] == '\0' || strlen (reason) > 80 ||
      !g_utf8_validate (reason, -1, NULL))
    reason = soup_status_get_phrase (soup_message_get_status (message));

  return reason;
}

static gboolean
check_content_type (const char  *content_type,
                    GError     **error)
{
  if (content_type != NULL && g_str_has_prefix (content_type, "image/"))
    {
      for (guint i = 0; i < G_N_ELEMENTS (accepted_types); i++)
        if (strcmp (content_type, accepted_types[i]) == 0)
          return TRUE;

      g_set_error (error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_NOT_AN_IMAGE,
                   _("Pictures of type %s cannot be used. Use a JPEG, PNG, WebP, GIF, BMP or "
                     "TIFF picture."),
                   content_type);
      return FALSE;
    }

  if (content_type != NULL &&
      (strcmp (content_type, "text/html") == 0 || strcmp (content_type, "application/xhtml+xml") == 0))
    g_set_error_literal (error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_NOT_AN_IMAGE,
                         _("The address leads to a web page, not a picture. Open the page in a "
                           "browser and copy the address of the picture itself."));
  else
    g_set_error_literal (error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_NOT_AN_IMAGE,
                         _("The address does not lead to a picture."));

  return FALSE;
}

static void
set_too_big_error (GError **error,
                   gsize    max_bytes)
{
  g_autofree char *limit = g_format_size (max_bytes);

  g_set_error (error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_TOO_BIG,
               _("The picture is too large: it is more than %s."), limit);
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  FetchData *self = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *guessed = NULL;
  g_autofree char *guessed_mime = NULL;
  FetchResult *result;
  HwImageHashes hashes;
  const guint8 *data;
  gsize size;

  if (!hw_image_hash_bytes (self->content, &hashes, &error))
    {
      g_task_return_new_error (task, HW_PHOTO_FETCH_ERROR,
                               g_error_matches (error, HW_IMAGE_HASH_ERROR,
                                                HW_IMAGE_HASH_ERROR_TOO_BIG)
                                 ? HW_PHOTO_FETCH_ERROR_TOO_BIG
                                 : HW_PHOTO_FETCH_ERROR_NOT_AN_IMAGE,
                               "%s", error->message);
      return;
    }

  /* The type the bytes say they are, rather than what the server claimed. */
  data = g_bytes_get_data (self->content, &size);
  guessed = g_content_type_guess (NULL, data, size, NULL);
  guessed_mime = g_content_type_get_mime_type (guessed);

  result = g_new0 (FetchResult, 1);
  result->content = g_bytes_ref (self->content);
  result->final_url = g_strdup (self->final_url);
  if (guessed_mime != NULL && g_str_has_prefix (guessed_mime, "image/"))
    result->mime_type = g_steal_pointer (&guessed_mime);
  else
    result->mime_type = g_strdup (self->content_type);

  g_task_return_pointer (task, result, (GDestroyNotify) fetch_result_free);
}

static void
fetch_decode (GTask *task)
{
  FetchData *self = g_task_get_task_data (task);
  g_autoptr(GTask) owned = task;

  if (self->buffer->len == 0)
    {
      fetch_data_stop (self);
      g_task_return_new_error (task, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_NOT_AN_IMAGE,
                               _("The address returned an empty file, not a picture."));
      return;
    }

  self->final_url = g_uri_to_string (self->uri);
  self->content = g_byte_array_free_to_bytes (g_steal_pointer (&self->buffer));
  fetch_data_stop (self);

  g_task_run_in_thread (task, decode_thread);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *self = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      fetch_return_error (task, g_steal_pointer (&error));
      return;
    }

  size = g_bytes_get_size (chunk);
  if (size == 0)
    {
      fetch_decode (g_steal_pointer (&task));
      return;
    }

  if (size > self->max_bytes - self->buffer->len)
    {
      set_too_big_error (&error, self->max_bytes);
      fetch_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_byte_array_append (self->buffer, g_bytes_get_data (chunk, NULL), size);
  fetch_data_progress (self);
  fetch_read (g_steal_pointer (&task));
}

static void
fetch_read (GTask *task)
{
  FetchData *self = g_task_get_task_data (task);

  /* Always a full chunk, even near the limit: libsoup's chunked decoder
   * cannot read a chunk header into a few bytes. */
  g_input_stream_read_bytes_async (self->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   self->cancellable, read_cb, task);
}

static gboolean
fetch_follow_redirect (FetchData   *self,
                       const char  *location,
                       GError     **error)
{
  g_autoptr(GUri) target = NULL;
  g_autoptr(GError) local_error = NULL;

  if (self->n_redirects >= self->max_redirects)
    {
      g_set_error_literal (error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_TOO_MANY_REDIRECTS,
                           _("The web address forwards to other addresses too many times; the "
                             "picture could not be reached."));
      return FALSE;
    }

  target = g_uri_parse_relative (self->uri, location, SOUP_HTTP_URI_FLAGS, &local_error);
  if (target == NULL)
    {
      g_debug ("Bad Location “%s”: %s", location, local_error->message);
      g_set_error_literal (error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_BAD_URL,
                           _("The web server forwarded to an address that is not valid."));
      return FALSE;
    }

  if (!is_web_scheme (g_uri_get_scheme (target)))
    {
      g_set_error_literal (error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_BAD_URL,
                           _("The web server forwarded to an address that is not on the web; "
                             "only web addresses (http or https) can be fetched."));
      return FALSE;
    }

  if (!check_web_uri (target, error))
    return FALSE;

  self->n_redirects++;
  g_uri_unref (self->uri);
  self->uri = g_steal_pointer (&target);

  return TRUE;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *self = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  const char *location;
  const char *content_type;
  guint status;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      fetch_return_error (task, g_steal_pointer (&error));
      return;
    }

  fetch_data_progress (self);

  status = soup_message_get_status (self->message);
  headers = soup_message_get_response_headers (self->message);
  location = soup_message_headers_get_one (headers, "Location");

  if (SOUP_STATUS_IS_REDIRECTION (status) && location != NULL)
    {
      if (!fetch_follow_redirect (self, location, &error))
        {
          fetch_return_error (task, g_steal_pointer (&error));
          return;
        }

      /* Dropping the stream skips the redirect's body. */
      g_clear_object (&stream);
      fetch_send (g_steal_pointer (&task));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_set_error (&error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_HTTP,
                   _("The web server did not give the picture: %u %s."),
                   status, status_reason (self->message));
      fetch_return_error (task, g_steal_pointer (&error));
      return;
    }

  content_type = soup_message_headers_get_content_type (headers, NULL);
  g_clear_pointer (&self->content_type, g_free);
  self->content_type = content_type != NULL ? g_ascii_strdown (content_type, -1) : NULL;
  if (!check_content_type (self->content_type, &error))
    {
      fetch_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) self->max_bytes)
    {
      set_too_big_error (&error, self->max_bytes);
      fetch_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->stream = g_steal_pointer (&stream);
  fetch_read (g_steal_pointer (&task));
}

static void
fetch_send (GTask *task)
{
  FetchData *self = g_task_get_task_data (task);

  g_clear_object (&self->message);
  self->message = soup_message_new_from_uri (SOUP_METHOD_GET, self->uri);
  soup_message_add_flags (self->message, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (self->message),
                                "Accept", ACCEPT_HEADER);

  fetch_data_progress (self);
  soup_session_send_async (self->session, self->message, G_PRIORITY_DEFAULT, self->cancellable,
                           send_cb, task);
}

/**
 * hw_photo_fetch_async_full:
 * @session: (nullable): the session to use, or %NULL for one of our own with
 *   @timeout_seconds as its timeouts
 * @url: the web address of a picture, as a reporter typed or pasted it
 * @max_bytes: the largest picture accepted
 * @max_redirects: how many redirects are followed
 * @timeout_seconds: how long the server may stay silent; the whole fetch
 *   may take 8 times that
 *
 * Fetches a picture like hw_photo_fetch_async() with other limits.
 */
void
hw_photo_fetch_async_full (SoupSession         *session,
                           const char          *url,
                           gsize                max_bytes,
                           guint                max_redirects,
                           guint                timeout_seconds,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  FetchData *self;

  g_return_if_fail (session == NULL || SOUP_IS_SESSION (session));
  g_return_if_fail (url != NULL);
  g_return_if_fail (max_bytes > 0 && max_bytes < G_MAXSIZE);
  g_return_if_fail (timeout_seconds > 0 && timeout_seconds <= MAX_TIMEOUT_SECONDS);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_photo_fetch_async_full);

  self = g_new0 (FetchData, 1);
  self->max_bytes = max_bytes;
  self->max_redirects = max_redirects;
  self->timeout_seconds = timeout_seconds;
  self->context = g_main_context_ref (g_task_get_context (task));
  self->buffer = g_byte_array_new ();
  g_task_set_task_data (task, self, (GDestroyNotify) fetch_data_free);

  if (!(self->uri = parse_web_address (url, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  if (session != NULL)
    self->session = g_object_ref (session);
  else if (timeout_seconds == HW_PHOTO_FETCH_TIMEOUT_SECONDS)
    {
      if (default_session == NULL)
        default_session = session_new (HW_PHOTO_FETCH_TIMEOUT_SECONDS);
      self->session = g_object_ref (default_session);
    }
  else
    self->session = session_new (timeout_seconds);

  self->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      self->caller_cancellable = g_object_ref (cancellable);
      self->caller_cancelled_id = g_cancellable_connect (cancellable,
                                                         G_CALLBACK (caller_cancelled_cb),
                                                         self->cancellable, NULL);
    }

  self->deadline_source = timeout_source_attach (self, timeout_seconds * DEADLINE_FACTOR);

  fetch_send (g_steal_pointer (&task));
}

/**
 * hw_photo_fetch_async:
 * @session: (nullable): the session to use, or %NULL for a shared one
 *   with 15-second timeouts
 * @url: the web address of a picture, as a reporter typed or pasted it
 * @cancellable: (nullable): cancels the fetch
 *
 * Fetches a picture of at most HW_PHOTO_FETCH_MAX_BYTES, following at most
 * HW_PHOTO_FETCH_MAX_REDIRECTS redirects, with a server silent for
 * HW_PHOTO_FETCH_TIMEOUT_SECONDS seconds (or busy for 8 times that) timing
 * out. Call from the thread whose main context runs @callback; without
 * @session, from the main thread.
 */
void
hw_photo_fetch_async (SoupSession         *session,
                      const char          *url,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  hw_photo_fetch_async_full (session, url, HW_PHOTO_FETCH_MAX_BYTES,
                             HW_PHOTO_FETCH_MAX_REDIRECTS, HW_PHOTO_FETCH_TIMEOUT_SECONDS,
                             cancellable, callback, user_data);
}

/**
 * hw_photo_fetch_finish:
 * @final_url: (out) (optional): the address the picture came from, after
 *   redirects
 * @mime_type: (out) (optional): the picture's type, as its bytes tell
 *
 * Returns: (transfer full): the picture's bytes, checked to decode, or %NULL
 *   with @error set in HW_PHOTO_FETCH_ERROR or to G_IO_ERROR_CANCELLED
 */
GBytes *
hw_photo_fetch_finish (GAsyncResult  *result,
                       char         **final_url,
                       char         **mime_type,
                       GError       **error)
{
  FetchResult *fetched;
  GBytes *content;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hw_photo_fetch_async_full, NULL);

  if (final_url != NULL)
    *final_url = NULL;
  if (mime_type != NULL)
    *mime_type = NULL;

  fetched = g_task_propagate_pointer (G_TASK (result), error);
  if (fetched == NULL)
    return NULL;

  if (final_url != NULL)
    *final_url = g_steal_pointer (&fetched->final_url);
  if (mime_type != NULL)
    *mime_type = g_steal_pointer (&fetched->mime_type);
  content = g_steal_pointer (&fetched->content);
  fetch_result_free (fetched);

  return content;
}
