/* hw-photo-file.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* Photos from outside (a file picked or named, bytes fetched or sent in) are
 * read and decoded here, within the limits of hw-case.h: a file is read no
 * further than one byte past HW_CASE_PHOTO_MAX_BYTES; a picture whose header
 * claims more than HW_CASE_PHOTO_MAX_PIXELS is refused before its pixels are
 * allocated; only photo formats are taken (JPEG, PNG, WebP, GIF, BMP, TIFF,
 * HEIF, as far as gdk-pixbuf has loaders for them), no drawings (SVG) or
 * icons. The bytes themselves are never changed: the original is evidence. */

#define HW_PHOTO_FILE_ERROR (hw_photo_file_error_quark ())

typedef enum
{
  HW_PHOTO_FILE_ERROR_NOT_A_PHOTO,      /* no picture gdk-pixbuf can read */
  HW_PHOTO_FILE_ERROR_EMPTY,
  HW_PHOTO_FILE_ERROR_TOO_BIG,          /* more than HW_CASE_PHOTO_MAX_BYTES */
  HW_PHOTO_FILE_ERROR_TOO_MANY_PIXELS,  /* more than HW_CASE_PHOTO_MAX_PIXELS */
  HW_PHOTO_FILE_ERROR_UNSUPPORTED,      /* a picture, not a photo: SVG, an icon */
} HwPhotoFileError;

typedef struct
{
  const char *mime_type;  /* the format the bytes are in, "image/jpeg"; NULL if unknown */
  int         width;      /* of the whole picture, 0 if unknown: as its header says */
  int         height;     /* (hw_photo_file_probe()), the right way up (_decode()) */
} HwPhotoInfo;

GQuark     hw_photo_file_error_quark (void);

GBytes    *hw_photo_file_read        (GFile                *file,
                                      GCancellable         *cancellable,
                                      GError              **error);
void       hw_photo_file_read_async  (GFile                *file,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
GBytes    *hw_photo_file_read_finish (GAsyncResult         *result,
                                      GError              **error);
gboolean   hw_photo_file_probe       (GBytes               *content,
                                      HwPhotoInfo          *info,
                                      GError              **error);
GdkPixbuf *hw_photo_file_decode      (GBytes               *content,
                                      int                   max_side,
                                      HwPhotoInfo          *info,
                                      GError              **error);

G_END_DECLS
