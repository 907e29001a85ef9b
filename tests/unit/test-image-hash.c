/* test-image-hash.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "hw-image-hash.h"

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
  g_test_add_func ("/image-hash/db-and-hex", test_db_and_hex);

  return g_test_run ();
}
