/* test-photo-fetch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "hw-image-hash.h"
#include "hw-photo-fetch.h"

/* A SoupServer on 127.0.0.1 in the same main context as the fetches: a fetch
 * that blocked the main loop would never get its answer. */

#define LIMIT         (100 * 1024)
#define WATCHDOG_SECS 12

static SoupServer *server;
static guint server_port;
static GBytes *jpeg;
static GBytes *png;

typedef struct
{
  GBytes   *content;
  char     *final_url;
  char     *mime_type;
  GError   *error;
  gboolean  done;
  gint64    elapsed_us;
} Fetched;

static void
fetched_clear (Fetched *fetched)
{
  g_clear_pointer (&fetched->content, g_bytes_unref);
  g_clear_pointer (&fetched->final_url, g_free);
  g_clear_pointer (&fetched->mime_type, g_free);
  g_clear_error (&fetched->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fetched, fetched_clear)

static GdkPixbuf *
make_pixbuf (int width,
             int height)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;

        p[0] = (guint8) (x * 255 / width);
        p[1] = (guint8) (y * 255 / height);
        p[2] = (guint8) ((x / 8 + y / 8) % 2 ? 200 : 40);
      }

  return pixbuf;
}

static GBytes *
encode (GdkPixbuf  *pixbuf,
        const char *type)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize size = 0;

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &size, type, &error, NULL));
  g_assert_no_error (error);

  return g_bytes_new_take (data, size);
}

static char *
url_for (const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", server_port, path);
}

static void
respond (SoupServerMessage *msg,
         const char        *content_type,
         GBytes            *body)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* Headers and some of the body go out; the rest never comes. */
static void
respond_unfinished (SoupServerMessage *msg,
                    SoupEncoding       encoding,
                    goffset            content_length,
                    gsize              chunk_size,
                    guint              n_chunks)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autofree char *chunk = g_malloc (chunk_size);

  memset (chunk, 0xAB, chunk_size);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "image/jpeg", NULL);
  soup_message_headers_set_encoding (headers, encoding);
  if (encoding == SOUP_ENCODING_CONTENT_LENGTH)
    soup_message_headers_set_content_length (headers, content_length);

  for (guint i = 0; i < n_chunks; i++)
    soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, chunk_size);
}

typedef struct
{
  SoupServerMessage *msg;
  guint              n_left;
  gboolean           finished;
} Trickle;

static void
trickle_finished_cb (SoupServerMessage *msg,
                     Trickle           *trickle)
{
  trickle->finished = TRUE;
}

static gboolean
trickle_cb (gpointer user_data)
{
  Trickle *trickle = user_data;

  if (trickle->finished || trickle->n_left-- == 0)
    {
      g_signal_handlers_disconnect_by_data (trickle->msg, trickle);
      g_object_unref (trickle->msg);
      g_free (trickle);
      return G_SOURCE_REMOVE;
    }

  soup_message_body_append (soup_server_message_get_response_body (trickle->msg),
                            SOUP_MEMORY_STATIC, "\xAB", 1);
  soup_server_message_unpause (trickle->msg);

  return G_SOURCE_CONTINUE;
}

static void
server_cb (SoupServer        *self,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (strcmp (path, "/ok.jpg") == 0)
    respond (msg, "image/jpeg", jpeg);
  else if (strcmp (path, "/ok.png") == 0)
    respond (msg, "image/png", png);
  else if (strcmp (path, "/mislabelled") == 0)
    respond (msg, "image/jpeg; charset=binary", png);
  else if (strcmp (path, "/chunked.jpg") == 0)
    {
      SoupMessageBody *body = soup_server_message_get_response_body (msg);
      const guint8 *data = g_bytes_get_data (jpeg, NULL);
      gsize size = g_bytes_get_size (jpeg);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_content_type (headers, "image/jpeg", NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      for (gsize offset = 0; offset < size; offset += 500)
        soup_message_body_append (body, SOUP_MEMORY_COPY, data + offset, MIN (500, size - offset));
      soup_message_body_complete (body);
    }
  else if (g_str_has_prefix (path, "/redirect/"))
    {
      guint64 n = g_ascii_strtoull (path + strlen ("/redirect/"), NULL, 10);

      if (n == 0)
        respond (msg, "image/jpeg", jpeg);
      else
        {
          g_autofree char *next = g_strdup_printf ("/redirect/%" G_GUINT64_FORMAT, n - 1);

          soup_server_message_set_redirect (msg, n % 2 ? SOUP_STATUS_FOUND : SOUP_STATUS_MOVED_PERMANENTLY,
                                            next);
        }
    }
  else if (strcmp (path, "/relative/a/b") == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_SEE_OTHER, NULL);
      soup_message_headers_replace (headers, "Location", "../../ok.png");
    }
  else if (strcmp (path, "/to-ftp") == 0 || strcmp (path, "/to-file") == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_TEMPORARY_REDIRECT, NULL);
      soup_message_headers_replace (headers, "Location",
                                    strcmp (path, "/to-ftp") == 0 ? "ftp://127.0.0.1/ok.jpg"
                                                                  : "file:///etc/passwd");
    }
  else if (strcmp (path, "/html") == 0)
    {
      g_autoptr(GBytes) page = g_bytes_new_static ("<html><body><img src=ok.jpg></body></html>", 42);

      respond (msg, "text/html; charset=utf-8", page);
    }
  else if (strcmp (path, "/svg") == 0)
    {
      g_autoptr(GBytes) svg = g_bytes_new_static ("<svg xmlns='http://www.w3.org/2000/svg'/>", 41);

      respond (msg, "image/svg+xml", svg);
    }
  else if (strcmp (path, "/broken.jpg") == 0)
    {
      static const char garbage[] = "\xff\xd8\xff\xe0 this is not really a JPEG at all \x01\x02\x03";
      g_autoptr(GBytes) body = g_bytes_new_static (garbage, sizeof garbage);

      respond (msg, "image/jpeg", body);
    }
  else if (strcmp (path, "/empty") == 0)
    {
      g_autoptr(GBytes) body = g_bytes_new_static ("", 0);

      respond (msg, "image/png", body);
    }
  else if (strcmp (path, "/big") == 0)
    /* A client that read the body before looking at the length would
     * wait for the 10 MB that never come and time out. */
    respond_unfinished (msg, SOUP_ENCODING_CONTENT_LENGTH, 10 * 1024 * 1024, 1024, 1);
  else if (strcmp (path, "/chunked-big") == 0)
    /* 1 MB, and never the end: only a client that stops at the limit
     * finishes before the timeout. */
    respond_unfinished (msg, SOUP_ENCODING_CHUNKED, 0, 16 * 1024, 64);
  else if (strcmp (path, "/trickle") == 0)
    {
      /* A byte every 300 ms, for 15 s at most: never silent, never done. */
      Trickle *trickle = g_new0 (Trickle, 1);

      trickle->msg = g_object_ref (msg);
      trickle->n_left = 50;
      g_signal_connect (msg, "finished", G_CALLBACK (trickle_finished_cb), trickle);
      g_signal_connect (msg, "disconnected", G_CALLBACK (trickle_finished_cb), trickle);
      respond_unfinished (msg, SOUP_ENCODING_CHUNKED, 0, 1, 1);
      g_timeout_add (300, trickle_cb, trickle);
    }
  else if (strcmp (path, "/slow") == 0)
    soup_server_message_pause (msg);
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fetched *fetched = user_data;

  g_assert_null (object);
  g_assert_false (fetched->done);
  fetched->content = hw_photo_fetch_finish (result, &fetched->final_url, &fetched->mime_type,
                                            &fetched->error);
  g_assert_true ((fetched->content == NULL) != (fetched->error == NULL));
  fetched->done = TRUE;
}

static gboolean
watchdog_cb (gpointer user_data)
{
  gboolean *fired = user_data;

  *fired = TRUE;
  return G_SOURCE_REMOVE;
}

static void
fetch_full (Fetched      *fetched,
            SoupSession  *session,
            const char   *url,
            gsize         max_bytes,
            guint         timeout_seconds,
            GCancellable *cancellable)
{
  gboolean hung = FALSE;
  gint64 start = g_get_monotonic_time ();
  guint watchdog = g_timeout_add_seconds (WATCHDOG_SECS, watchdog_cb, &hung);

  hw_photo_fetch_async_full (session, url, max_bytes, HW_PHOTO_FETCH_MAX_REDIRECTS,
                             timeout_seconds, cancellable, fetched_cb, fetched);
  /* Never in the call itself: the callback comes from the main loop. */
  g_assert_false (fetched->done);

  while (!fetched->done && !hung)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (hung);
  g_source_remove (watchdog);
  fetched->elapsed_us = g_get_monotonic_time () - start;
}

static void
fetch_path (Fetched    *fetched,
            const char *path,
            gsize       max_bytes)
{
  g_autofree char *url = url_for (path);

  fetch_full (fetched, NULL, url, max_bytes, 3, NULL);
}

static void
assert_photo (Fetched    *fetched,
              GBytes     *expected,
              const char *final_path,
              const char *mime_type)
{
  g_autofree char *final_url = url_for (final_path);

  g_assert_no_error (fetched->error);
  g_assert_nonnull (fetched->content);
  g_assert_true (g_bytes_equal (fetched->content, expected));
  g_assert_cmpstr (fetched->final_url, ==, final_url);
  g_assert_cmpstr (fetched->mime_type, ==, mime_type);
}

static void
test_fetch_ok (void)
{
  g_auto(Fetched) fetched_jpeg = { NULL };
  g_auto(Fetched) fetched_png = { NULL };
  g_auto(Fetched) fetched_chunked = { NULL };
  g_auto(Fetched) fetched_mislabelled = { NULL };

  fetch_path (&fetched_jpeg, "/ok.jpg", LIMIT);
  assert_photo (&fetched_jpeg, jpeg, "/ok.jpg", "image/jpeg");

  fetch_path (&fetched_png, "/ok.png", LIMIT);
  assert_photo (&fetched_png, png, "/ok.png", "image/png");

  fetch_path (&fetched_chunked, "/chunked.jpg", LIMIT);
  assert_photo (&fetched_chunked, jpeg, "/chunked.jpg", "image/jpeg");

  /* The type is the one the bytes have, not the one the server claimed. */
  fetch_path (&fetched_mislabelled, "/mislabelled", LIMIT);
  assert_photo (&fetched_mislabelled, png, "/mislabelled", "image/png");
}

static void
fetch_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Fetched *fetched = user_data;

  fetched->content = hw_photo_fetch_finish (result, NULL, NULL, &fetched->error);
  fetched->done = TRUE;
}

static void
test_fetch_default_limits (void)
{
  g_auto(Fetched) fetched = { NULL };
  g_autofree char *url = url_for ("/redirect/2");
  g_autoptr(SoupSession) session = soup_session_new ();

  /* The public entry point, with the shared session and with one of ours,
   * and finish without the optional outs. */
  hw_photo_fetch_async (NULL, url, NULL, fetch_done_cb, &fetched);
  while (!fetched.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (fetched.error);
  g_assert_true (g_bytes_equal (fetched.content, jpeg));
  fetched_clear (&fetched);
  fetched.done = FALSE;

  hw_photo_fetch_async (session, url, NULL, fetch_done_cb, &fetched);
  while (!fetched.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (fetched.error);
  g_assert_true (g_bytes_equal (fetched.content, jpeg));
}

static void
test_fetch_size_limit (void)
{
  gsize size = g_bytes_get_size (jpeg);
  g_auto(Fetched) exact = { NULL };
  g_auto(Fetched) over = { NULL };
  g_auto(Fetched) exact_chunked = { NULL };
  g_auto(Fetched) over_chunked = { NULL };
  g_auto(Fetched) big = { NULL };
  g_auto(Fetched) chunked_big = { NULL };

  /* At the limit is fine; a byte over is not, with or without a length. */
  fetch_path (&exact, "/ok.jpg", size);
  assert_photo (&exact, jpeg, "/ok.jpg", "image/jpeg");
  fetch_path (&over, "/ok.jpg", size - 1);
  g_assert_error (over.error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_TOO_BIG);
  g_assert_null (over.content);

  fetch_path (&exact_chunked, "/chunked.jpg", size);
  assert_photo (&exact_chunked, jpeg, "/chunked.jpg", "image/jpeg");
  fetch_path (&over_chunked, "/chunked.jpg", size - 1);
  g_assert_error (over_chunked.error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_TOO_BIG);

  /* Refused on the Content-Length alone, and in the middle of an endless
   * chunked body: both would time out if read to their end. */
  fetch_path (&big, "/big", LIMIT);
  g_assert_error (big.error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_TOO_BIG);
  g_assert_cmpint (big.elapsed_us, <, G_USEC_PER_SEC);

  fetch_path (&chunked_big, "/chunked-big", LIMIT);
  g_assert_error (chunked_big.error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_TOO_BIG);
  g_assert_cmpint (chunked_big.elapsed_us, <, G_USEC_PER_SEC);
}

static void
test_fetch_redirects (void)
{
  g_auto(Fetched) three = { NULL };
  g_auto(Fetched) five = { NULL };
  g_auto(Fetched) six = { NULL };
  g_auto(Fetched) relative = { NULL };
  g_auto(Fetched) to_ftp = { NULL };
  g_auto(Fetched) to_file = { NULL };

  fetch_path (&three, "/redirect/3", LIMIT);
  assert_photo (&three, jpeg, "/redirect/0", "image/jpeg");

  fetch_path (&five, "/redirect/5", LIMIT);
  assert_photo (&five, jpeg, "/redirect/0", "image/jpeg");

  fetch_path (&six, "/redirect/6", LIMIT);
  g_assert_error (six.error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_TOO_MANY_REDIRECTS);
  g_assert_null (six.content);

  fetch_path (&relative, "/relative/a/b", LIMIT);
  assert_photo (&relative, png, "/ok.png", "image/png");

  fetch_path (&to_ftp, "/to-ftp", LIMIT);
  g_assert_error (to_ftp.error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_BAD_URL);

  fetch_path (&to_file, "/to-file", LIMIT);
  g_assert_error (to_file.error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_BAD_URL);
}

static void
test_fetch_not_an_image (void)
{
  g_auto(Fetched) html = { NULL };
  g_auto(Fetched) svg = { NULL };
  g_auto(Fetched) broken = { NULL };
  g_auto(Fetched) empty = { NULL };
  g_autoptr(GError) decode_error = NULL;
  g_autoptr(GBytes) garbage = g_bytes_new_static ("\xff\xd8\xff\xe0 not a JPEG", 15);
  HwImageHashes hashes;

  fetch_path (&html, "/html", LIMIT);
  g_assert_error (html.error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_NOT_AN_IMAGE);
  g_assert_null (html.content);
  g_assert_nonnull (strstr (html.error->message, "web page"));

  fetch_path (&svg, "/svg", LIMIT);
  g_assert_error (svg.error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_NOT_AN_IMAGE);

  /* The decoder's own words reach the reporter. */
  g_assert_false (hw_image_hash_bytes (garbage, &hashes, &decode_error));
  fetch_path (&broken, "/broken.jpg", LIMIT);
  g_assert_error (broken.error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_NOT_AN_IMAGE);
  g_assert_cmpstr (broken.error->message, ==, decode_error->message);

  fetch_path (&empty, "/empty", LIMIT);
  g_assert_error (empty.error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_NOT_AN_IMAGE);
}

static void
test_fetch_http_error (void)
{
  g_auto(Fetched) missing = { NULL };
  g_auto(Fetched) refused = { NULL };
  g_autoptr(SoupServer) closed = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *closed_url = NULL;
  GSList *uris;

  fetch_path (&missing, "/404", LIMIT);
  g_assert_error (missing.error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_HTTP);
  g_assert_nonnull (strstr (missing.error->message, "404 Not Found"));

  /* A port nobody listens on any more. */
  g_assert_true (soup_server_listen_local (closed, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (closed);
  closed_url = g_strdup_printf ("http://127.0.0.1:%d/ok.jpg", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  soup_server_disconnect (closed);

  fetch_full (&refused, NULL, closed_url, LIMIT, 3, NULL);
  g_assert_error (refused.error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_HTTP);
}

static void
test_fetch_bad_url (void)
{
  static const char * const bad[] = {
    "ftp://127.0.0.1/ok.jpg",
    "not a url",
    "",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "http://",
    "data:image/png;base64,iVBORw0KGgo=",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(Fetched) fetched = { NULL };

      g_test_message ("URL “%s”", bad[i]);
      fetch_full (&fetched, NULL, bad[i], LIMIT, 3, NULL);
      g_assert_error (fetched.error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_BAD_URL);
      g_assert_cmpstr (fetched.error->message, !=, "");
    }
}

static void
test_fetch_timeout (void)
{
  g_auto(Fetched) ours = { NULL };
  g_auto(Fetched) theirs = { NULL };
  g_autofree char *url = url_for ("/slow");
  /* No timeout of its own: the fetch has to notice the silence itself. */
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 0, NULL);

  fetch_full (&ours, NULL, url, LIMIT, 1, NULL);
  g_assert_error (ours.error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_TIMEOUT);
  g_assert_cmpint (ours.elapsed_us, >=, G_USEC_PER_SEC * 9 / 10);
  g_assert_cmpint (ours.elapsed_us, <, G_USEC_PER_SEC * 3);

  fetch_full (&theirs, session, url, LIMIT, 1, NULL);
  g_assert_error (theirs.error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_TIMEOUT);
  g_assert_cmpint (theirs.elapsed_us, >=, G_USEC_PER_SEC * 9 / 10);
  g_assert_cmpint (theirs.elapsed_us, <, G_USEC_PER_SEC * 3);
}

static void
test_fetch_deadline (void)
{
  g_auto(Fetched) fetched = { NULL };
  g_autofree char *url = url_for ("/trickle");

  if (!g_test_slow ())
    {
      g_test_skip ("takes 8 s; run with -m slow");
      return;
    }

  /* Each byte comes well within the 1 s timeout; the whole takes too long. */
  fetch_full (&fetched, NULL, url, LIMIT, 1, NULL);
  g_assert_error (fetched.error, HW_PHOTO_FETCH_ERROR, HW_PHOTO_FETCH_ERROR_TIMEOUT);
  g_assert_cmpint (fetched.elapsed_us, >=, G_USEC_PER_SEC * 7);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_fetch_cancel (void)
{
  g_auto(Fetched) waiting = { NULL };
  g_auto(Fetched) already = { NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autofree char *slow = url_for ("/slow");
  g_autofree char *ok = url_for ("/ok.jpg");

  g_timeout_add (100, cancel_cb, cancellable);
  fetch_full (&waiting, NULL, slow, LIMIT, 5, cancellable);
  g_assert_error (waiting.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (waiting.elapsed_us, <, G_USEC_PER_SEC);

  g_cancellable_cancel (cancelled);
  fetch_full (&already, NULL, ok, LIMIT, 5, cancelled);
  g_assert_error (already.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (already.content);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;
  int status;

  /* 127.0.0.1 is reached directly, whatever the machine's proxy. */
  g_setenv ("no_proxy", "*", TRUE);
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("all_proxy");
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  pixbuf = make_pixbuf (64, 48);
  jpeg = encode (pixbuf, "jpeg");
  png = encode (pixbuf, "png");

  server = soup_server_new ("server-header", "homeward-test ", NULL);
  soup_server_add_handler (server, NULL, server_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  server_port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_test_add_func ("/photo-fetch/ok", test_fetch_ok);
  g_test_add_func ("/photo-fetch/default-limits", test_fetch_default_limits);
  g_test_add_func ("/photo-fetch/size-limit", test_fetch_size_limit);
  g_test_add_func ("/photo-fetch/redirects", test_fetch_redirects);
  g_test_add_func ("/photo-fetch/not-an-image", test_fetch_not_an_image);
  g_test_add_func ("/photo-fetch/http-error", test_fetch_http_error);
  g_test_add_func ("/photo-fetch/bad-url", test_fetch_bad_url);
  g_test_add_func ("/photo-fetch/timeout", test_fetch_timeout);
  g_test_add_func ("/photo-fetch/deadline", test_fetch_deadline);
  g_test_add_func ("/photo-fetch/cancel", test_fetch_cancel);

  status = g_test_run ();

  soup_server_disconnect (server);
  g_clear_object (&server);
  g_clear_pointer (&jpeg, g_bytes_unref);
  g_clear_pointer (&png, g_bytes_unref);

  return status;
}
