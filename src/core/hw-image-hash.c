/* hw-image-hash.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-image-hash"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hw-image-hash.h"
#include "hw-photo-file.h"

/* Both hashes look at the picture's brightness only, averaged over boxes
 * (every source pixel counts once, so a resized copy averages to nearly
 * the same values and nothing aliases):
 *
 *   pHash: 32x32 boxes, weighted towards the middle (from 1 there to 1/2
 *          at the edges: what a crop takes away counts less), the 2-D
 *          DCT-II of that, the 8x8 lowest frequencies (the DC term included,
 *          as the common pHash does), each bit set when its coefficient lies
 *          above the median of the 64;
 *   dHash: 9x8 boxes, each bit set when a box is darker than its right
 *          neighbour.
 *
 * A few pixels cropped from the border or a JPEG re-encode move few
 * coefficients across the median; a different picture moves about half. */

#define PHASH_SIZE  32
#define PHASH_LOW   8

G_DEFINE_QUARK (hw-image-hash-error-quark, hw_image_hash_error)

/* The mean brightness (0-255) of each of @out_width x @out_height boxes. */
static void
grey_boxes (GdkPixbuf *pixbuf,
            int        out_width,
            int        out_height,
            double    *out)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  g_autofree double *sums = g_new0 (double, out_width * out_height);
  g_autofree guint *counts = g_new0 (guint, out_width * out_height);
  g_autofree int *column_box = g_new (int, width);

  g_return_if_fail (gdk_pixbuf_get_bits_per_sample (pixbuf) == 8 && channels >= 3);

  for (int x = 0; x < width; x++)
    column_box[x] = (int) ((gint64) x * out_width / width);

  for (int y = 0; y < height; y++)
    {
      const guint8 *p = pixels + (gsize) y * stride;
      int row_box = (int) ((gint64) y * out_height / height) * out_width;

      for (int x = 0; x < width; x++, p += channels)
        {
          double luma = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];

          /* Transparent parts count as white, as a viewer shows them. */
          if (alpha)
            luma = (luma * p[3] + 255.0 * (255 - p[3])) / 255.0;

          sums[row_box + column_box[x]] += luma;
          counts[row_box + column_box[x]]++;
        }
    }

  for (int i = 0; i < out_width * out_height; i++)
    out[i] = counts[i] > 0 ? sums[i] / counts[i] : 255.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * hw_image_hash_phash:
 * @pixbuf: an 8-bit RGB or RGBA picture, the right way up
 *
 * Returns: the DCT perceptual hash: bit v * 8 + u for frequency (u, v)
 */
guint64
hw_image_hash_phash (GdkPixbuf *pixbuf)
{
  static double cosines[PHASH_LOW][PHASH_SIZE];
  static double weights[PHASH_SIZE];
  static gsize cosines_ready;
  double grey[PHASH_SIZE * PHASH_SIZE];
  double rows[PHASH_SIZE][PHASH_LOW];
  double coefficients[PHASH_LOW * PHASH_LOW];
  double sorted[PHASH_LOW * PHASH_LOW];
  double median;
  guint64 hash = 0;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), 0);

  if (g_once_init_enter (&cosines_ready))
    {
      for (int u = 0; u < PHASH_LOW; u++)
        for (int x = 0; x < PHASH_SIZE; x++)
          cosines[u][x] = cos ((2 * x + 1) * u * G_PI / (2 * PHASH_SIZE)) *
                          (u == 0 ? sqrt (1.0 / PHASH_SIZE) : sqrt (2.0 / PHASH_SIZE));
      /* Measured on generated scenes (tests/unit/test-image-hash.c): with
       * this weighting, 98% rather than 94% of copies with a 5% border
       * cropped stay within the near distance, and unrelated pictures
       * still differ by about 30 bits. */
      for (int x = 0; x < PHASH_SIZE; x++)
        weights[x] = 0.5 + 0.5 * sin (G_PI * (x + 0.5) / PHASH_SIZE);
      g_once_init_leave (&cosines_ready, 1);
    }

  grey_boxes (pixbuf, PHASH_SIZE, PHASH_SIZE, grey);
  for (int y = 0; y < PHASH_SIZE; y++)
    for (int x = 0; x < PHASH_SIZE; x++)
      grey[y * PHASH_SIZE + x] *= weights[x] * weights[y];

  /* The DCT by rows, then by columns, of the low frequencies only. */
  for (int y = 0; y < PHASH_SIZE; y++)
    for (int u = 0; u < PHASH_LOW; u++)
      {
        double sum = 0;

        for (int x = 0; x < PHASH_SIZE; x++)
          sum += grey[y * PHASH_SIZE + x] * cosines[u][x];
        rows[y][u] = sum;
      }

  for (int v = 0; v < PHASH_LOW; v++)
    for (int u = 0; u < PHASH_LOW; u++)
      {
        double sum = 0;

        for (int y = 0; y < PHASH_SIZE; y++)
          sum += rows[y][u] * cosines[v][y];
        coefficients[v * PHASH_LOW + u] = sum;
      }

  memcpy (sorted, coefficients, sizeof sorted);
  qsort (sorted, G_N_ELEMENTS (sorted), sizeof sorted[0], compare_double);
  median = (sorted[31] + sorted[32]) / 2;

  for (int i = 0; i < PHASH_LOW * PHASH_LOW; i++)
    if (coefficients[i] > median)
      hash |= G_GUINT64_CONSTANT (1) << i;

  return hash;
}

/**
 * hw_image_hash_dhash:
 * @pixbuf: an 8-bit RGB or RGBA picture, the right way up
 *
 * Returns: the difference hash: bit row * 8 + column
 */
guint64
hw_image_hash_dhash (GdkPixbuf *pixbuf)
{
  double grey[9 * 8];
  guint64 hash = 0;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), 0);

  grey_boxes (pixbuf, 9, 8, grey);

  for (int row = 0; row < 8; row++)
    for (int column = 0; column < 8; column++)
      if (grey[row * 9 + column] < grey[row * 9 + column + 1])
        hash |= G_GUINT64_CONSTANT (1) << (row * 8 + column);

  return hash;
}

/**
 * hw_image_hash_bytes:
 * @content: a photo file's bytes
 * @hashes: (out caller-allocates): its fingerprints
 *
 * Decodes @content within the limits Homeward applies to every photo
 * (hw_photo_file_decode()), scaled down to HW_IMAGE_HASH_DECODE_SIDE, and
 * fingerprints it: the sha256 of @content as it is, the perceptual hashes
 * of the picture the right way up.
 *
 * Returns: whether @content is a photo Homeward can read
 */
gboolean
hw_image_hash_bytes (GBytes         *content,
                     HwImageHashes  *hashes,
                     GError        **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  g_autoptr(GError) local_error = NULL;
  HwPhotoInfo info;
  gsize digest_size = sizeof hashes->sha256;

  g_return_val_if_fail (content != NULL, FALSE);
  g_return_val_if_fail (hashes != NULL, FALSE);

  if (!(pixbuf = hw_photo_file_decode (content, HW_IMAGE_HASH_DECODE_SIDE, &info, &local_error)))
    {
      gboolean too_big = g_error_matches (local_error, HW_PHOTO_FILE_ERROR, HW_PHOTO_FILE_ERROR_TOO_BIG) ||
                         g_error_matches (local_error, HW_PHOTO_FILE_ERROR, HW_PHOTO_FILE_ERROR_TOO_MANY_PIXELS);

      g_set_error_literal (error, HW_IMAGE_HASH_ERROR,
                           too_big ? HW_IMAGE_HASH_ERROR_TOO_BIG : HW_IMAGE_HASH_ERROR_NOT_AN_IMAGE,
                           local_error->message);
      return FALSE;
    }

  if (gdk_pixbuf_get_bits_per_sample (pixbuf) != 8 || gdk_pixbuf_get_n_channels (pixbuf) < 3)
    {
      g_set_error_literal (error, HW_IMAGE_HASH_ERROR, HW_IMAGE_HASH_ERROR_NOT_AN_IMAGE,
                           _("This file is not a photo Homeward can read."));
      return FALSE;
    }

  memset (hashes, 0, sizeof *hashes);
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, g_bytes_get_data (content, NULL), (gssize) g_bytes_get_size (content));
  g_checksum_get_digest (checksum, hashes->sha256, &digest_size);
  hashes->phash = hw_image_hash_phash (pixbuf);
  hashes->dhash = hw_image_hash_dhash (pixbuf);
  hashes->width = info.width;
  hashes->height = info.height;

  return TRUE;
}

/**
 * hw_image_hash_distance:
 *
 * Returns: in how many of the 64 bits @a and @b differ
 */
guint
hw_image_hash_distance (guint64 a,
                        guint64 b)
{
  return (guint) __builtin_popcountll (a ^ b);
}

/**
 * hw_image_hash_to_hex:
 *
 * Returns: (transfer full): the hash as 16 hexadecimal digits
 */
char *
hw_image_hash_to_hex (guint64 hash)
{
  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x", hash);
}

/* PostgreSQL has no unsigned 64-bit type: the same bits as a bigint. */
gint64
hw_image_hash_to_db (guint64 hash)
{
  gint64 value;

  memcpy (&value, &hash, sizeof value);

  return value;
}

guint64
hw_image_hash_from_db (gint64 value)
{
  guint64 hash;

  memcpy (&hash, &value, sizeof hash);

  return hash;
}
