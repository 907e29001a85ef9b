/* hw-photo-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-photo-file"

#include "config.h"

#include "hw-photo-file.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hw-case.h"

/* Bytes read from a file at a time when its size is not known. */
#define READ_CHUNK   (64 * 1024)
/* The loader picks its module once it has this many bytes (gdk-pixbuf's
 * SNIFF_BUFFER_SIZE): a first write of this many makes a format Homeward
 * does not take known before more of it is parsed. */
#define SNIFF_SIZE   4096
/* Bytes given to the loader at a time until the picture's size is known. */
#define DECODE_CHUNK (64 * 1024)

typedef struct
{
  int              max_side;     /* 0: whole; -1: stop once the header is read */
  int              width;        /* as the header says */
  int              height;
  gboolean         size_known;
  const char      *mime_type;    /* set once the format is known and taken */
  GError          *error;        /* why the picture is refused */
} Decode;

G_DEFINE_QUARK (hw-photo-file-error-quark, hw_photo_file_error)

/* gdk-pixbuf's names of the photo formats, as far as loaders are installed:
 * the others are drawings (SVG) and icons (ICO, XPM, ANI…), refused. */
static const struct
{
  const char *name;
  const char *mime_type;
} photo_formats[] = {
  { "jpeg", "image/jpeg" },
  { "png",  "image/png" },
  { "webp", "image/webp" },
  { "gif",  "image/gif" },
  { "bmp",  "image/bmp" },
  { "tiff", "image/tiff" },
  { "heif", "image/heif" },   /* libheif's loader */
  { "heic", "image/heic" },   /* glycin's */
  { "avif", "image/avif" },
};

static gboolean
check_size (gsize    size,
            GError **error)
{
  if (size == 0)
    {
      g_set_error_literal (error, HW_PHOTO_FILE_ERROR, HW_PHOTO_FILE_ERROR_EMPTY,
                           _("The file is empty."));
      return FALSE;
    }

  if (size > HW_CASE_PHOTO_MAX_BYTES)
    {
      g_set_error (error, HW_PHOTO_FILE_ERROR, HW_PHOTO_FILE_ERROR_TOO_BIG,
                   _("A photo must be smaller than %d MB."), HW_CASE_PHOTO_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }

  return TRUE;
}

/* Takes @format if it is a photo's, or sets the refusal. */
static void
check_format (Decode          *decode,
              GdkPixbufFormat *format)
{
  g_autofree char *name = NULL;
  gboolean scalable;

  if (decode->mime_type != NULL || decode->error != NULL)
    return;

  name = gdk_pixbuf_format_get_name (format);
  scalable = gdk_pixbuf_format_is_scalable (format);

  for (guint i = 0; i < G_N_ELEMENTS (photo_formats) && !scalable; i++)
    if (g_strcmp0 (name, photo_formats[i].name) == 0)
      {
        decode->mime_type = photo_formats[i].mime_type;
        return;
      }

  if (scalable)
    {
      g_autofree char *upper = g_ascii_strup (name != NULL ? name : "", -1);

      /* TRANSLATORS: %s is the name of a format of drawings, such as SVG */
      g_set_error (&decode->error, HW_PHOTO_FILE_ERROR, HW_PHOTO_FILE_ERROR_UNSUPPORTED,
                   _("This file is a drawing (%s), not a photo."), upper);
    }
  else
    {
      g_set_error_literal (&decode->error, HW_PHOTO_FILE_ERROR, HW_PHOTO_FILE_ERROR_UNSUPPORTED,
                           _("This file is not a photo Homeward can read."));
    }
}

static void
set_not_a_photo (GError       **error,
                 const GError  *loader_error)
{
  if (loader_error != NULL)
    g_debug ("Not a photo: %s", loader_error->message);
  g_set_error_literal (error, HW_PHOTO_FILE_ERROR, HW_PHOTO_FILE_ERROR_NOT_A_PHOTO,
                       _("This file is not a photo Homeward can read."));
}

/* The loaders announce the size from the header, before they allocate the
 * picture (those that decode everything first, such as HEIF's, announce it
 * after). A size of 0 × 0 makes them stop; nothing more is written to them
 * either. */
static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  Decode          *decode)
{
  GdkPixbufFormat *format = gdk_pixbuf_loader_get_format (loader);
  int side = MAX (width, height);

  decode->width = width;
  decode->height = height;
  decode->size_known = TRUE;

  if (format != NULL)
    check_format (decode, format);

  if (decode->error == NULL && (width <= 0 || height <= 0))
    set_not_a_photo (&decode->error, NULL);
  else if (decode->error == NULL && (gint64) width * height > HW_CASE_PHOTO_MAX_PIXELS)
    g_set_error (&decode->error, HW_PHOTO_FILE_ERROR, HW_PHOTO_FILE_ERROR_TOO_MANY_PIXELS,
                 _("The photo has too many pixels (more than %d million)."),
                 HW_CASE_PHOTO_MAX_PIXELS / (1000 * 1000));

  if (decode->error != NULL || decode->max_side < 0)
    gdk_pixbuf_loader_set_size (loader, 0, 0);
  else if (decode->max_side > 0 && side > decode->max_side)
    gdk_pixbuf_loader_set_size (loader,
                                MAX (1, (int) ((gint64) width * decode->max_side / side)),
                                MAX (1, (int) ((gint64) height * decode->max_side / side)));
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *content;

  if (!(content = hw_photo_file_read (task_data, cancellable, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, content, (GDestroyNotify) g_bytes_unref);
}

/* Feeds @content to a loader, stopping as soon as the picture is refused
 * (or, with a max_side of -1, its size is known).
 *
 * Returns: (transfer full): the loader, closed; @decoded says whether it
 *   read everything without an error */
static GdkPixbufLoader *
load (GBytes    *content,
      Decode    *decode,
      gboolean  *decoded,
      GError   **loader_error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  GdkPixbufFormat *format;
  const guint8 *data;
  gsize size;
  gsize offset = 0;
  gboolean written = TRUE;

  data = g_bytes_get_data (content, &size);
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), decode);

  while (offset < size && decode->error == NULL && !(decode->size_known && decode->max_side < 0))
    {
      /* Small writes until the size is known: a loader is not given the
       * rest of a picture that is refused. */
      gsize chunk = decode->size_known ? size - offset
                    : MIN (size - offset, offset == 0 ? SNIFF_SIZE : DECODE_CHUNK);

      if (!(written = gdk_pixbuf_loader_write (loader, data + offset, chunk, loader_error)))
        break;
      offset += chunk;

      if ((format = gdk_pixbuf_loader_get_format (loader)) != NULL)
        check_format (decode, format);
    }

  /* Closed whatever happened: a loader freed unclosed complains. A short
   * file's format is known only now. */
  *decoded = gdk_pixbuf_loader_close (loader, written ? loader_error : NULL) && written;
  if ((format = gdk_pixbuf_loader_get_format (loader)) != NULL)
    check_format (decode, format);

  return g_steal_pointer (&loader);
}

/**
 * hw_photo_file_read:
 * @file: a photo file
 *
 * Reads @file whole, but no further than one byte past
 * HW_CASE_PHOTO_MAX_BYTES: a regular file bigger than that is refused
 * unread, anything else (a pipe, a device such as /dev/zero) when it goes on
 * past it. Blocks: call it on a worker thread, or hw_photo_file_read_async().
 *
 * Returns: (transfer full): the bytes of @file, or %NULL with @error set
 *   (in HW_PHOTO_FILE_ERROR: EMPTY, TOO_BIG; or a #GIOErrorEnum)
 */
GBytes *
hw_photo_file_read (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree guint8 *data = NULL;
  gsize allocated = READ_CHUNK;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (!(stream = g_file_read (file, cancellable, error)))
    return NULL;

  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                         G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
      g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    {
      goffset size = g_file_info_get_size (info);

      if (size > HW_CASE_PHOTO_MAX_BYTES)
        {
          check_size ((gsize) size, error);
          return NULL;
        }
      /* One byte more than it says: the end is seen in one read. Some
       * files (/proc) say 0. */
      if (size > 0)
        allocated = (gsize) size + 1;
    }

  data = g_malloc (allocated);
  for (;;)
    {
      gssize n;

      if (length == allocated)
        {
          if (allocated > HW_CASE_PHOTO_MAX_BYTES)
            break;
          allocated = MIN (allocated * 2, (gsize) HW_CASE_PHOTO_MAX_BYTES + 1);
          data = g_realloc (data, allocated);
        }

      n = g_input_stream_read (G_INPUT_STREAM (stream), data + length, allocated - length, cancellable, error);
      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      length += (gsize) n;
    }

  if (!check_size (length, error))
    return NULL;

  return g_bytes_new_take (g_realloc (g_steal_pointer (&data), length), length);
}

void
hw_photo_file_read_async (GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_photo_file_read_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_thread);
}

/**
 * hw_photo_file_read_finish:
 *
 * Returns: (transfer full): the bytes of the file, or %NULL with @error set
 */
GBytes *
hw_photo_file_read_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hw_photo_file_read_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * hw_photo_file_probe:
 * @content: the bytes of a picture
 * @info: (out caller-allocates) (optional): its format and size as far as
 *   they are known, also when it is refused
 *
 * Checks @content against the limits from its header only, decoding none
 * of its pixels.
 *
 * Returns: whether @content is a photo Homeward takes, else @error is set
 */
gboolean
hw_photo_file_probe (GBytes       *content,
                     HwPhotoInfo  *info,
                     GError      **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) loader_error = NULL;
  Decode decode = { .max_side = -1 };
  gboolean decoded;

  g_return_val_if_fail (content != NULL, FALSE);

  if (info != NULL)
    memset (info, 0, sizeof *info);
  if (!check_size (g_bytes_get_size (content), error))
    return FALSE;

  loader = load (content, &decode, &decoded, &loader_error);

  if (info != NULL)
    *info = (HwPhotoInfo) { decode.mime_type, decode.width, decode.height };

  if (decode.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&decode.error));
      return FALSE;
    }
  if (!decode.size_known || decode.mime_type == NULL)
    {
      set_not_a_photo (error, loader_error);
      return FALSE;
    }

  return TRUE;
}

/**
 * hw_photo_file_decode:
 * @content: the bytes of a picture
 * @max_side: the longest side to decode it at (it is scaled down while
 *   decoding, where the format allows), or 0 for its whole size
 * @info: (out caller-allocates) (optional): its format and whole size, the
 *   right way up; as far as they are known when it is refused
 *
 * Decodes @content within the limits; a picture is refused from its header,
 * before its pixels are decoded. Decoding takes a while: call it on a worker
 * thread.
 *
 * Returns: (transfer full): the picture, the right way up (its EXIF
 *   orientation applied), or %NULL with @error set
 */
GdkPixbuf *
hw_photo_file_decode (GBytes       *content,
                      int           max_side,
                      HwPhotoInfo  *info,
                      GError      **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) loader_error = NULL;
  Decode decode = { .max_side = max_side };
  GdkPixbuf *pixbuf;
  const char *orientation;
  gboolean transposed;
  gboolean decoded;

  g_return_val_if_fail (content != NULL, NULL);
  g_return_val_if_fail (max_side >= 0, NULL);

  if (info != NULL)
    memset (info, 0, sizeof *info);
  if (!check_size (g_bytes_get_size (content), error))
    return NULL;

  loader = load (content, &decode, &decoded, &loader_error);

  if (info != NULL)
    *info = (HwPhotoInfo) { decode.mime_type, decode.width, decode.height };

  if (decode.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&decode.error));
      return NULL;
    }
  if (!decoded || decode.mime_type == NULL || !(pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)))
    {
      set_not_a_photo (error, loader_error);
      return NULL;
    }

  /* EXIF orientations 5 to 8 turn the picture a quarter. */
  orientation = gdk_pixbuf_get_option (pixbuf, "orientation");
  transposed = orientation != NULL && g_ascii_strtoll (orientation, NULL, 10) >= 5 &&
               g_ascii_strtoll (orientation, NULL, 10) <= 8;
  if (info != NULL && transposed)
    *info = (HwPhotoInfo) { decode.mime_type, decode.height, decode.width };

  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}
