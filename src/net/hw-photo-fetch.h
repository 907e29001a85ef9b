/* hw-photo-fetch.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Downloads a photo a reporter gives as a web address for the sighting
 * intake form: http and https only, a few redirects at most, a size limit
 * that applies while downloading, timeouts, and the bytes checked to be a
 * picture Homeward can read (hw_image_hash_bytes()) before they are handed
 * over. */

#define HW_PHOTO_FETCH_ERROR (hw_photo_fetch_error_quark ())

typedef enum
{
  HW_PHOTO_FETCH_ERROR_BAD_URL,
  HW_PHOTO_FETCH_ERROR_HTTP,
  HW_PHOTO_FETCH_ERROR_TOO_MANY_REDIRECTS,
  HW_PHOTO_FETCH_ERROR_TOO_BIG,
  HW_PHOTO_FETCH_ERROR_NOT_AN_IMAGE,
  HW_PHOTO_FETCH_ERROR_TIMEOUT,
} HwPhotoFetchError;

#define HW_PHOTO_FETCH_MAX_BYTES         (20 * 1024 * 1024)
#define HW_PHOTO_FETCH_MAX_REDIRECTS     5
#define HW_PHOTO_FETCH_TIMEOUT_SECONDS   15

GQuark  hw_photo_fetch_error_quark (void);

void    hw_photo_fetch_async       (SoupSession          *session,
                                    const char           *url,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
void    hw_photo_fetch_async_full  (SoupSession          *session,
                                    const char           *url,
                                    gsize                 max_bytes,
                                    guint                 max_redirects,
                                    guint                 timeout_seconds,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
GBytes *hw_photo_fetch_finish      (GAsyncResult         *result,
                                    char                **final_url,
                                    char                **mime_type,
                                    GError              **error);

G_END_DECLS
