/* test-image-hash.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "hw-case.h"
#include "hw-image-hash.h"
#include "hw-photo-file.h"

/* Pictures of scenes: a gradient of random colours and direction, a few
 * random discs and boxes, some grain; each seed another scene. */
#define WIDTH       320
#define HEIGHT      240
#define N_ALTERED   100
#define N_UNRELATED 1000

static GdkPixbuf *
render_scene (guint32 seed,
              int     width,
              int     height)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  double from[3], to[3], angle = g_rand_double_range (rand, 0, 2 * G_PI);
  int n_shapes = g_rand_int_range (rand, 3, 9);

  for (int c = 0; c < 3; c++)
    {
      from[c] = g_rand_int_range (rand, 0, 256);
      to[c] = g_rand_int_range (rand, 0, 256);
    }

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        double t = 0.5 + 0.5 * (cos (angle) * (2.0 * x / width - 1) + sin (angle) * (2.0 * y / height - 1)) / G_SQRT2;

        for (int c = 0; c < 3; c++)
          pixels[y * stride + x * 3 + c] = (guint8) (from[c] + (to[c] - from[c]) * t);
      }

  for (int i = 0; i < n_shapes; i++)
    {
      int cx = g_rand_int_range (rand, 0, width);
      int cy = g_rand_int_range (rand, 0, height);
      int r = g_rand_int_range (rand, width / 12, width / 3);
      gboolean disc = g_rand_boolean (rand);
      guint8 colour[3];

      for (int c = 0; c < 3; c++)
        colour[c] = g_rand_int_range (rand, 0, 256);

      for (int y = MAX (0, cy - r); y < MIN (height, cy + r); y++)
        for (int x = MAX (0, cx - r); x < MIN (width, cx + r); x++)
          if (!disc || (x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r)
            memcpy (pixels + y * stride + x * 3, colour, 3);
    }

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * 3; x++)
      pixels[y * stride + x] = CLAMP (pixels[y * stride + x] + g_rand_int_range (rand, -12, 13), 0, 255);

  return pixbuf;
}

static GBytes *
encode_jpeg (GdkPixbuf  *pixbuf,
             const char *quality)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize size = 0;

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &size, "jpeg", &error, "quality", quality, NULL));
  g_assert_no_error (error);

  return g_bytes_new_take (data, size);
}

static guint64
phash_of_jpeg (GdkPixbuf  *pixbuf,
               const char *quality)
{
  g_autoptr(GBytes) jpeg = encode_jpeg (pixbuf, quality);
  g_autoptr(GError) error = NULL;
  HwImageHashes hashes;

  g_assert_true (hw_image_hash_bytes (jpeg, &hashes, &error));
  g_assert_no_error (error);

  return hashes.phash;
}

/* A resized or re-compressed copy stays a near duplicate; a cropped one
 * mostly does (pHash is known to be weak at crops: the figures are
 * reported, and the rate asserted, so that a change for worse shows). */
static void
test_altered_copies (void)
{
  guint worst[4] = { 0 };
  guint cropped_near = 0;
  guint cropped_more_near = 0;
  guint worst_dhash = 0;

  for (guint64 seed = 1; seed <= N_ALTERED; seed++)
    {
      g_autoptr(GdkPixbuf) original = render_scene ((guint32) seed, WIDTH, HEIGHT);
      g_autoptr(GdkPixbuf) half = gdk_pixbuf_scale_simple (original, WIDTH / 2, HEIGHT / 2, GDK_INTERP_BILINEAR);
      /* A 5% border: 2.5% of the width and height off each side; and 5%
       * off each side. */
      g_autoptr(GdkPixbuf) cropped = gdk_pixbuf_new_subpixbuf (original, WIDTH / 40, HEIGHT / 40,
                                                               WIDTH - 2 * (WIDTH / 40),
                                                               HEIGHT - 2 * (HEIGHT / 40));
      g_autoptr(GdkPixbuf) cropped_more = gdk_pixbuf_new_subpixbuf (original, WIDTH / 20, HEIGHT / 20,
                                                                    WIDTH - 2 * (WIDTH / 20),
                                                                    HEIGHT - 2 * (HEIGHT / 20));
      guint64 hash = phash_of_jpeg (original, "95");
      guint distances[4] = {
        hw_image_hash_distance (hash, phash_of_jpeg (half, "90")),
        hw_image_hash_distance (hash, phash_of_jpeg (original, "60")),
        hw_image_hash_distance (hash, phash_of_jpeg (cropped, "90")),
        hw_image_hash_distance (hash, phash_of_jpeg (cropped_more, "90")),
      };

      g_assert_cmpuint (distances[0], <=, HW_IMAGE_HASH_NEAR_DISTANCE);
      g_assert_cmpuint (distances[1], <=, HW_IMAGE_HASH_NEAR_DISTANCE);
      cropped_near += distances[2] <= HW_IMAGE_HASH_NEAR_DISTANCE;
      cropped_more_near += distances[3] <= HW_IMAGE_HASH_NEAR_DISTANCE;
      for (guint i = 0; i < G_N_ELEMENTS (distances); i++)
        worst[i] = MAX (worst[i], distances[i]);

      worst_dhash = MAX (worst_dhash, hw_image_hash_distance (hw_image_hash_dhash (original),
                                                              hw_image_hash_dhash (half)));
    }

  g_test_message ("pHash distance at worst over %d pictures (near duplicate: at most %d): "
                  "50%% resize %u, JPEG quality 60 %u; 5%% border crop %u (%u of %d near), "
                  "5%% off each side %u (%u of %d near); dHash, 50%% resize: %u",
                  N_ALTERED, HW_IMAGE_HASH_NEAR_DISTANCE, worst[0], worst[1],
                  worst[2], cropped_near, N_ALTERED, worst[3], cropped_more_near, N_ALTERED, worst_dhash);
  g_assert_cmpuint (cropped_near * 100, >=, N_ALTERED * 95);
}

/* Unrelated pictures stay apart: every pair of 1,000. */
static void
test_unrelated (void)
{
  g_autofree guint64 *hashes = g_new (guint64, N_UNRELATED);
  guint histogram[65] = { 0 };
  guint64 pairs = 0;
  guint64 near = 0;
  double mean = 0;

  for (guint i = 0; i < N_UNRELATED; i++)
    {
      g_autoptr(GdkPixbuf) picture = render_scene (100000 + i, WIDTH / 2, HEIGHT / 2);

      hashes[i] = hw_image_hash_phash (picture);
    }

  for (guint i = 0; i < N_UNRELATED; i++)
    for (guint j = i + 1; j < N_UNRELATED; j++)
      {
        guint distance = hw_image_hash_distance (hashes[i], hashes[j]);

        histogram[distance]++;
        near += distance <= HW_IMAGE_HASH_NEAR_DISTANCE;
        mean += distance;
        pairs++;
      }
  mean /= pairs;

  g_test_message ("%" G_GUINT64_FORMAT " pairs of unrelated pictures: mean distance %.1f, "
                  "%" G_GUINT64_FORMAT " within %d (false positives: %.4f%%)",
                  pairs, mean, near, HW_IMAGE_HASH_NEAR_DISTANCE, 100.0 * near / pairs);
  for (guint d = 0; d <= 64; d += 4)
    {
      guint n = 0;

      for (guint k = d; k < MIN (d + 4, 65); k++)
        n += histogram[k];
      g_test_message ("  distance %2u-%2u: %u", d, MIN (d + 3, 64), n);
    }

  g_assert_cmpfloat (mean, >, 24);
  /* Below one pair in a thousand. */
  g_assert_cmpuint (near * 1000, <, pairs);
}

/* A PNG chunk: length, type, data, and the CRC (ISO 3309) of type and data. */
static void
append_png_chunk (GByteArray   *png,
                  const char   *type,
                  const guint8 *data,
                  guint32       length)
{
  guint8 header[8] = { length >> 24, length >> 16, length >> 8, length, type[0], type[1], type[2], type[3] };
  guint32 crc = 0xffffffff;
  guint8 trailer[4];

  for (guint32 i = 4; i < 8 + length; i++)
    {
      crc ^= i < 8 ? header[i] : data[i - 8];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  crc ^= 0xffffffff;
  trailer[0] = crc >> 24;
  trailer[1] = crc >> 16;
  trailer[2] = crc >> 8;
  trailer[3] = crc;

  g_byte_array_append (png, header, sizeof header);
  g_byte_array_append (png, data, length);
  g_byte_array_append (png, trailer, sizeof trailer);
}

/* Not a picture, or one claiming more pixels than Homeward decodes (a
 * decompression bomb's header): a clear error, no hashes. */
static void
test_refused (void)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  /* 30000 x 30000, 8-bit RGB */
  static const guint8 ihdr[] = { 0x00, 0x00, 0x75, 0x30, 0x00, 0x00, 0x75, 0x30, 0x08, 0x02, 0x00, 0x00, 0x00 };
  static const guint8 idat[] = { 0x78, 0x9c, 0x63, 0x00, 0x00 };
  g_autoptr(GBytes) text = g_bytes_new_static ("<html>not a photo</html>", 24);
  g_autoptr(GByteArray) huge = g_byte_array_new ();
  g_autoptr(GBytes) huge_bytes = NULL;
  g_autoptr(GError) error = NULL;
  HwImageHashes hashes;

  g_assert_false (hw_image_hash_bytes (text, &hashes, &error));
  g_assert_error (error, HW_IMAGE_HASH_ERROR, HW_IMAGE_HASH_ERROR_NOT_AN_IMAGE);
  g_clear_error (&error);

  g_byte_array_append (huge, signature, sizeof signature);
  append_png_chunk (huge, "IHDR", ihdr, sizeof ihdr);
  append_png_chunk (huge, "IDAT", idat, sizeof idat);
  append_png_chunk (huge, "IEND", NULL, 0);
  huge_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&huge));

  g_assert_false (hw_image_hash_bytes (huge_bytes, &hashes, &error));
  g_assert_error (error, HW_IMAGE_HASH_ERROR, HW_IMAGE_HASH_ERROR_TOO_BIG);
}

/* What hw_image_hash_bytes() computed before photos were decoded scaled
 * down: the whole picture, the right way up. */
static GdkPixbuf *
decode_whole (GBytes *content)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gdk_pixbuf_loader_write_bytes (loader, content, &error));
  g_assert_true (gdk_pixbuf_loader_close (loader, &error));
  g_assert_no_error (error);

  return gdk_pixbuf_apply_embedded_orientation (gdk_pixbuf_loader_get_pixbuf (loader));
}

/* Whether gdk-pixbuf reads (and with @to_write, writes) @type here: the
 * BMP, TIFF, ICO and SVG loaders are optional. */
static gboolean
has_loader (const char *type,
            gboolean    to_write)
{
  GSList *formats = gdk_pixbuf_get_formats ();
  gboolean found = FALSE;

  for (GSList *l = formats; l != NULL && !found; l = l->next)
    {
      g_autofree char *name = gdk_pixbuf_format_get_name (l->data);

      found = g_strcmp0 (name, type) == 0 && (!to_write || gdk_pixbuf_format_is_writable (l->data));
    }
  g_slist_free (formats);

  return found;
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

/* @jpeg with an EXIF segment saying it is to be turned a quarter clockwise
 * (orientation 6), as phones store portraits. */
static GBytes *
with_orientation_6 (GBytes *jpeg)
{
  static const guint8 app1[] = {
    0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
    'M', 'M', 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08,       /* TIFF header, IFD at 8 */
    0x00, 0x01,                                         /* one entry: */
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01,     /* Orientation, SHORT, 1 */
    0x00, 0x06, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,                             /* no next IFD */
  };
  gsize size;
  const guint8 *data = g_bytes_get_data (jpeg, &size);
  GByteArray *out = g_byte_array_sized_new (size + sizeof app1);

  g_byte_array_append (out, data, 2);   /* SOI */
  g_byte_array_append (out, app1, sizeof app1);
  g_byte_array_append (out, data + 2, size - 2);

  return g_byte_array_free_to_bytes (out);
}

static void
assert_hashed_as_before (GBytes *content,
                         int     width,
                         int     height)
{
  g_autoptr(GdkPixbuf) whole = decode_whole (content);
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  g_autoptr(GString) digest = g_string_new (NULL);
  HwImageHashes hashes;

  g_assert_true (hw_image_hash_bytes (content, &hashes, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < sizeof hashes.sha256; i++)
    g_string_append_printf (digest, "%02x", hashes.sha256[i]);
  g_assert_cmpstr (digest->str, ==, sha256);
  g_assert_cmpuint (hashes.phash, ==, hw_image_hash_phash (whole));
  g_assert_cmpuint (hashes.dhash, ==, hw_image_hash_dhash (whole));
  g_assert_cmpint (hashes.width, ==, width);
  g_assert_cmpint (hashes.height, ==, height);
}

/* A photo no bigger than HW_IMAGE_HASH_DECODE_SIDE is decoded whole and
 * hashed exactly as before, in every photo format gdk-pixbuf can write; one
 * stored sideways is hashed the right way up. */
static void
test_hashed_as_before (void)
{
  static const struct
  {
    const char *type;
    const char *mime_type;
  } formats[] = {
    { "jpeg", "image/jpeg" },
    { "png",  "image/png" },
    { "bmp",  "image/bmp" },
    { "tiff", "image/tiff" },
  };

  for (guint32 seed = 1; seed <= 5; seed++)
    {
      g_autoptr(GdkPixbuf) scene = render_scene (seed, WIDTH, HEIGHT);

      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        {
          g_autoptr(GBytes) content = NULL;
          g_autoptr(GError) error = NULL;
          HwPhotoInfo info;

          if (!has_loader (formats[i].type, TRUE))
            continue;
          content = encode (scene, formats[i].type);
          assert_hashed_as_before (content, WIDTH, HEIGHT);
          g_assert_true (hw_photo_file_probe (content, &info, &error));
          g_assert_no_error (error);
          g_assert_cmpstr (info.mime_type, ==, formats[i].mime_type);
          g_assert_cmpint (info.width, ==, WIDTH);
          g_assert_cmpint (info.height, ==, HEIGHT);
        }

      {
        g_autoptr(GBytes) jpeg = encode (scene, "jpeg");
        g_autoptr(GBytes) sideways = with_orientation_6 (jpeg);

        assert_hashed_as_before (sideways, HEIGHT, WIDTH);
      }
    }
}

/* A bigger photo is decoded scaled down: its hashes move little if at all
 * (the figures are reported), its size is the whole picture's. */
static void
test_big_photo (void)
{
  const int width = 2400;
  const int height = 1800;
  guint worst_phash = 0;
  guint worst_dhash = 0;
  guint changed = 0;

  for (guint32 seed = 1; seed <= 10; seed++)
    {
      g_autoptr(GdkPixbuf) scene = render_scene (seed, width, height);
      g_autoptr(GBytes) jpeg = encode_jpeg (scene, "90");
      g_autoptr(GBytes) sideways = with_orientation_6 (jpeg);
      g_autoptr(GdkPixbuf) whole = decode_whole (sideways);
      g_autoptr(GdkPixbuf) decoded = NULL;
      g_autoptr(GError) error = NULL;
      HwImageHashes hashes;
      HwPhotoInfo info;
      guint distance;

      g_assert_true (hw_image_hash_bytes (sideways, &hashes, &error));
      g_assert_no_error (error);
      g_assert_cmpint (hashes.width, ==, height);
      g_assert_cmpint (hashes.height, ==, width);

      distance = hw_image_hash_distance (hashes.phash, hw_image_hash_phash (whole));
      g_assert_cmpuint (distance, <=, HW_IMAGE_HASH_NEAR_DISTANCE / 2);
      worst_phash = MAX (worst_phash, distance);
      changed += distance > 0;
      worst_dhash = MAX (worst_dhash, hw_image_hash_distance (hashes.dhash, hw_image_hash_dhash (whole)));

      decoded = hw_photo_file_decode (sideways, HW_IMAGE_HASH_DECODE_SIDE, &info, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_pixbuf_get_width (decoded), ==, HW_IMAGE_HASH_DECODE_SIDE * height / width);
      g_assert_cmpint (gdk_pixbuf_get_height (decoded), ==, HW_IMAGE_HASH_DECODE_SIDE);
      g_assert_cmpint (info.width, ==, height);
      g_assert_cmpint (info.height, ==, width);
      g_assert_cmpstr (info.mime_type, ==, "image/jpeg");
    }

  g_test_message ("%dx%d JPEG decoded at %d: pHash changed in %u of 10 (at worst %u bits), "
                  "dHash at worst %u bits", width, height, HW_IMAGE_HASH_DECODE_SIDE, changed,
                  worst_phash, worst_dhash);
}

/* A 30000 x 30000 PNG of 2.6 MB: every row of black pixels deflated for
 * real, 2.7 GB once decoded. One block of rows is compressed and flushed
 * (deflate blocks then start on a byte boundary) and repeated: its
 * references back reach only zeros. */
static GBytes *
png_bomb (void)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  /* 30000 x 30000, 8-bit RGB */
  static const guint8 ihdr[] = { 0x00, 0x00, 0x75, 0x30, 0x00, 0x00, 0x75, 0x30, 0x08, 0x02, 0x00, 0x00, 0x00 };
  static const guint8 final_block[] = { 0x03, 0x00 };
  const gsize side = 30000;
  const gsize rows = 100;
  const gsize block_size = (1 + 3 * side) * rows;   /* a filter byte, then the pixels */
  const guint64 total = (guint64) (1 + 3 * side) * side;
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9);
  g_autofree guint8 *zeros = g_malloc0 (block_size);
  g_autofree guint8 *block = g_malloc (block_size / 100);
  g_autoptr(GByteArray) idat = g_byte_array_new ();
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint32 adler;
  guint8 adler_bytes[4];
  gsize read = 0;
  gsize written = 0;

  g_assert_cmpint (g_converter_convert (G_CONVERTER (compressor), zeros, block_size, block, block_size / 100,
                                        G_CONVERTER_FLUSH, &read, &written, &error),
                   !=, G_CONVERTER_ERROR);
  g_assert_no_error (error);
  g_assert_cmpuint (read, ==, block_size);
  /* flushed: an empty stored block ends it */
  g_assert_cmpuint (written, >, 6);
  g_assert_cmpmem (block + written - 4, 4, "\x00\x00\xff\xff", 4);

  /* The zlib header once, the deflated rows, a final empty block, and the
   * Adler-32 of as many zero bytes: 1, and their count modulo 65521. */
  g_byte_array_append (idat, block, 2);
  for (gsize i = 0; i < side / rows; i++)
    g_byte_array_append (idat, block + 2, written - 2);
  g_byte_array_append (idat, final_block, sizeof final_block);
  adler = (guint32) (total % 65521) << 16 | 1;
  adler_bytes[0] = adler >> 24;
  adler_bytes[1] = adler >> 16;
  adler_bytes[2] = adler >> 8;
  adler_bytes[3] = adler;
  g_byte_array_append (idat, adler_bytes, sizeof adler_bytes);

  g_byte_array_append (png, signature, sizeof signature);
  append_png_chunk (png, "IHDR", ihdr, sizeof ihdr);
  append_png_chunk (png, "IDAT", idat->data, idat->len);
  append_png_chunk (png, "IEND", NULL, 0);

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

static glong
peak_rss_kb (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);

  return usage.ru_maxrss;
}

/* The decompression bomb is refused from its header: its size is known,
 * none of its rows is decoded and the picture is never allocated (which
 * would take 2.7 GB). */
static void
test_bomb (void)
{
  g_autoptr(GBytes) bomb = png_bomb ();
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autoptr(GError) error = NULL;
  HwImageHashes hashes;
  HwPhotoInfo info;
  glong peak_before = peak_rss_kb ();

  g_assert_cmpuint (g_bytes_get_size (bomb), <, 3 * 1024 * 1024);

  g_assert_false (hw_photo_file_probe (bomb, &info, &error));
  g_assert_error (error, HW_PHOTO_FILE_ERROR, HW_PHOTO_FILE_ERROR_TOO_MANY_PIXELS);
  g_assert_cmpint (info.width, ==, 30000);
  g_assert_cmpint (info.height, ==, 30000);
  g_assert_cmpstr (info.mime_type, ==, "image/png");
  g_clear_error (&error);

  decoded = hw_photo_file_decode (bomb, 0, &info, &error);
  g_assert_null (decoded);
  g_assert_error (error, HW_PHOTO_FILE_ERROR, HW_PHOTO_FILE_ERROR_TOO_MANY_PIXELS);
  g_assert_cmpint (info.width, ==, 30000);
  g_assert_cmpint (info.height, ==, 30000);
  g_clear_error (&error);

  g_assert_false (hw_image_hash_bytes (bomb, &hashes, &error));
  g_assert_error (error, HW_IMAGE_HASH_ERROR, HW_IMAGE_HASH_ERROR_TOO_BIG);

  g_assert_cmpint (peak_rss_kb () - peak_before, <, 100 * 1024);
}

/* Drawings and icons are pictures, not photos. */
static void
test_not_photos (void)
{
  g_autoptr(GString) svg = g_string_new ("<?xml version=\"1.0\"?>\n"
                                         "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"300\">\n");
  g_autoptr(GdkPixbuf) scene = render_scene (7, 64, 64);
  g_autoptr(GError) error = NULL;
  gboolean svg_loader = has_loader ("svg", FALSE);
  HwImageHashes hashes;
  HwPhotoInfo info;

  /* A small drawing, and one past the bytes the loader sniffs. */
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GString) text = g_string_new (svg->str);
      g_autoptr(GBytes) bytes = NULL;

      for (guint i = 0; i < (round == 0 ? 1 : 200); i++)
        g_string_append_printf (text, "  <rect x=\"%u\" y=\"%u\" width=\"20\" height=\"20\" fill=\"#336699\"/>\n",
                                i % 380, i % 280);
      g_string_append (text, "</svg>\n");
      bytes = g_bytes_new (text->str, text->len);

      g_assert_false (hw_photo_file_probe (bytes, &info, &error));
      if (svg_loader)
        g_assert_error (error, HW_PHOTO_FILE_ERROR, HW_PHOTO_FILE_ERROR_UNSUPPORTED);
      else
        g_assert_error (error, HW_PHOTO_FILE_ERROR, HW_PHOTO_FILE_ERROR_NOT_A_PHOTO);
      g_assert_null (info.mime_type);
      g_clear_error (&error);

      g_assert_false (hw_image_hash_bytes (bytes, &hashes, &error));
      g_assert_error (error, HW_IMAGE_HASH_ERROR, HW_IMAGE_HASH_ERROR_NOT_AN_IMAGE);
      g_clear_error (&error);
    }

  if (has_loader ("ico", TRUE))
    {
      g_autoptr(GBytes) icon = encode (scene, "ico");

      g_assert_null (hw_photo_file_decode (icon, 0, &info, &error));
      g_assert_error (error, HW_PHOTO_FILE_ERROR, HW_PHOTO_FILE_ERROR_UNSUPPORTED);
      g_assert_null (info.mime_type);
    }
}

static char *
write_temporary (const char *dir,
                 const char *name,
                 GBytes     *content)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (content, NULL),
                                      (gssize) g_bytes_get_size (content), &error));
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

typedef struct
{
  char   *path;
  GBytes *content;
} FifoWriter;

static gpointer
write_fifo_thread (gpointer data)
{
  FifoWriter *writer = data;
  gsize size;
  const guint8 *bytes = g_bytes_get_data (writer->content, &size);
  int fd = g_open (writer->path, O_WRONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  while (size > 0)
    {
      gssize n = write (fd, bytes, size);

      g_assert_cmpint (n, >, 0);
      bytes += n;
      size -= (gsize) n;
    }
  close (fd);

  return NULL;
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Files are read to one byte past the limit at most: an empty one, one too
 * big, a device that never ends are each refused with their own error; a
 * pipe is read as it comes. */
static void
test_read_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hw-photo-file-XXXXXX", &error);
  g_autoptr(GdkPixbuf) scene = render_scene (3, WIDTH, HEIGHT);
  g_autoptr(GBytes) jpeg = encode_jpeg (scene, "90");
  g_autoptr(GBytes) nothing = g_bytes_new_static ("", 0);
  g_autofree char *photo_path = write_temporary (dir, "photo.jpg", jpeg);
  g_autofree char *empty_path = write_temporary (dir, "empty.jpg", nothing);
  g_autofree char *big_path = g_build_filename (dir, "big.jpg", NULL);
  g_autofree char *fifo_path = g_build_filename (dir, "fifo", NULL);
  g_autoptr(GFile) photo = g_file_new_for_path (photo_path);
  g_autoptr(GFile) empty = g_file_new_for_path (empty_path);
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  g_autoptr(GFile) fifo = g_file_new_for_path (fifo_path);
  g_autoptr(GFile) zero = g_file_new_for_path ("/dev/zero");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GError) empty_error = NULL;
  g_autofree char *empty_message = NULL;
  FifoWriter writer = { fifo_path, jpeg };
  GThread *thread;
  HwImageHashes hashes;
  int fd;

  g_assert_no_error (error);

  content = hw_photo_file_read (photo, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (content, jpeg));
  g_clear_pointer (&content, g_bytes_unref);

  g_assert_null (hw_photo_file_read (empty, NULL, &empty_error));
  g_assert_error (empty_error, HW_PHOTO_FILE_ERROR, HW_PHOTO_FILE_ERROR_EMPTY);
  g_assert_false (hw_image_hash_bytes (nothing, &hashes, &error));
  g_assert_error (error, HW_IMAGE_HASH_ERROR, HW_IMAGE_HASH_ERROR_NOT_AN_IMAGE);
  g_assert_cmpstr (error->message, ==, empty_error->message);
  g_clear_error (&error);

  /* Past the limit, a regular file is refused unread (this one is sparse). */
  fd = g_open (big_path, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) HW_CASE_PHOTO_MAX_BYTES + 1), ==, 0);
  close (fd);
  g_assert_null (hw_photo_file_read (big, NULL, &error));
  g_assert_error (error, HW_PHOTO_FILE_ERROR, HW_PHOTO_FILE_ERROR_TOO_BIG);
  g_assert_cmpstr (error->message, !=, empty_error->message);
  g_clear_error (&error);

  if (g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      g_assert_null (hw_photo_file_read (zero, NULL, &error));
      g_assert_error (error, HW_PHOTO_FILE_ERROR, HW_PHOTO_FILE_ERROR_TOO_BIG);
      g_clear_error (&error);
    }

  g_assert_cmpint (mkfifo (fifo_path, 0600), ==, 0);
  thread = g_thread_new ("fifo-writer", write_fifo_thread, &writer);
  content = hw_photo_file_read (fifo, NULL, &error);
  g_thread_join (thread);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (content, jpeg));
  g_clear_pointer (&content, g_bytes_unref);

  hw_photo_file_read_async (photo, NULL, read_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  content = hw_photo_file_read_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (content, jpeg));

  for (const char * const *path = (const char * const[]) { photo_path, empty_path, big_path, fifo_path, NULL };
       *path != NULL; path++)
    g_assert_cmpint (g_unlink (*path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The database's bigint holds the same 64 bits; hex has 16 digits. */
static void
test_db_and_hex (void)
{
  guint64 hash = G_GUINT64_CONSTANT (0xfedcba9876543210);
  g_autofree char *hex = hw_image_hash_to_hex (hash);
  g_autofree char *small = hw_image_hash_to_hex (0x1f);

  g_assert_cmpstr (hex, ==, "fedcba9876543210");
  g_assert_cmpstr (small, ==, "000000000000001f");
  g_assert_cmpint (hw_image_hash_to_db (hash), <, 0);
  g_assert_cmpuint (hw_image_hash_from_db (hw_image_hash_to_db (hash)), ==, hash);
  g_assert_cmpuint (hw_image_hash_distance (hash, hash ^ 0x8000000000000001), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/image-hash/altered-copies", test_altered_copies);
  g_test_add_func ("/image-hash/unrelated", test_unrelated);
  g_test_add_func ("/image-hash/refused", test_refused);
  g_test_add_func ("/image-hash/hashed-as-before", test_hashed_as_before);
  g_test_add_func ("/image-hash/big-photo", test_big_photo);
  g_test_add_func ("/photo-file/bomb", test_bomb);
  g_test_add_func ("/photo-file/not-photos", test_not_photos);
  g_test_add_func ("/photo-file/read-files", test_read_files);
  g_test_add_func ("/image-hash/db-and-hex", test_db_and_hex);

  return g_test_run ();
}
