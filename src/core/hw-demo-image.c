/* hw-demo-image.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-demo-image"

#include "config.h"

#include <math.h>

#include "hw-demo-image.h"
#include "hw-image-hash.h"

/* Synthetic "photos" for the demo data. They are abstract on purpose: a
 * gradient backdrop with a few panels, and a head-and-shoulders figure made
 * of ellipses in a skin-tone palette with hair and clothing colours, plus
 * sensor-like noise. Nothing here comes from, or resembles, a real child.
 * Everything derives from the seed, so the same seed draws the same picture
 * and encodes to the same bytes. */

typedef struct
{
  guint64 state;
} Rng;

typedef struct
{
  guint8 r;
  guint8 g;
  guint8 b;
} Rgb;

typedef struct
{
  guchar *pixels;
  int     width;
  int     height;
  int     rowstride;
  int     n_channels;
} Canvas;

static const Rgb skin_tones[] = {
  { 241, 204, 170 }, { 236, 196, 160 }, { 232, 190, 150 }, { 224, 178, 138 },
  { 214, 166, 124 }, { 204, 152, 112 }, { 194, 140, 102 }, { 228, 186, 156 },
};

static const Rgb hair_colours[] = {
  { 18, 14, 12 }, { 28, 22, 18 }, { 38, 28, 22 }, { 52, 38, 28 }, { 24, 20, 22 },
};

static const Rgb clothing_colours[] = {
  { 196, 40, 44 },   { 44, 72, 168 },   { 226, 186, 48 },  { 52, 136, 72 },
  { 226, 128, 166 }, { 118, 120, 126 }, { 34, 44, 86 },    { 228, 120, 40 },
  { 232, 232, 228 }, { 32, 32, 36 },    { 118, 64, 150 },  { 40, 136, 140 },
  { 150, 96, 60 },   { 92, 140, 200 },  { 170, 30, 90 },   { 96, 110, 48 },
};

static inline guint64
rng_next (Rng *rng)
{
  /* splitmix64 */
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);

  return z ^ (z >> 31);
}

static inline double
rng_double (Rng *rng)
{
  return (double) (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static inline double
rng_uniform (Rng    *rng,
             double  lo,
             double  hi)
{
  return lo + (hi - lo) * rng_double (rng);
}

static inline guint
rng_below (Rng   *rng,
           guint  n)
{
  return (guint) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

static inline guint8
clamp_channel (int value)
{
  return (guint8) CLAMP (value, 0, 255);
}

static Rgb
random_muted (Rng *rng)
{
  /* walls, streets and sky: desaturated, middle to light */
  int base = 90 + (int) rng_below (rng, 130);
  Rgb colour = {
    clamp_channel (base + (int) rng_below (rng, 50) - 25),
    clamp_channel (base + (int) rng_below (rng, 50) - 25),
    clamp_channel (base + (int) rng_below (rng, 50) - 25),
  };

  return colour;
}

static Rgb
mix (Rgb    a,
     Rgb    b,
     double t)
{
  Rgb colour = {
    clamp_channel ((int) lround (a.r + (b.r - a.r) * t)),
    clamp_channel ((int) lround (a.g + (b.g - a.g) * t)),
    clamp_channel ((int) lround (a.b + (b.b - a.b) * t)),
  };

  return colour;
}

static Rgb
shade (Rgb    colour,
       double factor)
{
  Rgb shaded = {
    clamp_channel ((int) (colour.r * factor)),
    clamp_channel ((int) (colour.g * factor)),
    clamp_channel ((int) (colour.b * factor)),
  };

  return shaded;
}

static inline void
blend_pixel (Canvas *canvas,
             int     x,
             int     y,
             Rgb     colour,
             double  alpha)
{
  guchar *p = canvas->pixels + y * canvas->rowstride + x * canvas->n_channels;

  if (alpha >= 1.0)
    {
      p[0] = colour.r;
      p[1] = colour.g;
      p[2] = colour.b;
    }
  else if (alpha > 0.0)
    {
      p[0] = (guchar) (p[0] + (colour.r - p[0]) * alpha);
      p[1] = (guchar) (p[1] + (colour.g - p[1]) * alpha);
      p[2] = (guchar) (p[2] + (colour.b - p[2]) * alpha);
    }
}

static void
fill_gradient (Canvas *canvas,
               Rgb     from,
               Rgb     to,
               double  angle)
{
  double dx = cos (angle);
  double dy = sin (angle);
  double lo = MIN (0, dx * canvas->width) + MIN (0, dy * canvas->height);
  double hi = MAX (0, dx * canvas->width) + MAX (0, dy * canvas->height);
  double scale = 1.0 / (hi - lo);
  float dr = (float) (to.r - from.r);
  float dg = (float) (to.g - from.g);
  float db = (float) (to.b - from.b);

  for (int y = 0; y < canvas->height; y++)
    {
      guchar *p = canvas->pixels + y * canvas->rowstride;
      float t = (float) ((y * dy - lo) * scale);
      float step = (float) (dx * scale);

      for (int x = 0; x < canvas->width; x++, p += canvas->n_channels, t += step)
        {
          p[0] = (guchar) (from.r + dr * t + 0.5f);
          p[1] = (guchar) (from.g + dg * t + 0.5f);
          p[2] = (guchar) (from.b + db * t + 0.5f);
        }
    }
}

static void
fill_rect (Canvas *canvas,
           int     x0,
           int     y0,
           int     x1,
           int     y1,
           Rgb     colour,
           double  alpha)
{
  x0 = CLAMP (x0, 0, canvas->width);
  x1 = CLAMP (x1, 0, canvas->width);
  y0 = CLAMP (y0, 0, canvas->height);
  y1 = CLAMP (y1, 0, canvas->height);

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      blend_pixel (canvas, x, y, colour, alpha);
}

/* An ellipse with a one-pixel soft edge; with stripe_period > 0, horizontal
 * bands alternate between @colour and @stripe (a striped shirt). */
static void
fill_ellipse (Canvas *canvas,
              double  cx,
              double  cy,
              double  rx,
              double  ry,
              Rgb     colour,
              Rgb     stripe,
              int     stripe_period)
{
  int x0 = MAX (0, (int) floor (cx - rx - 1));
  int x1 = MIN (canvas->width, (int) ceil (cx + rx + 1));
  int y0 = MAX (0, (int) floor (cy - ry - 1));
  int y1 = MIN (canvas->height, (int) ceil (cy + ry + 1));
  double r_min = MIN (rx, ry);
  /* squared normalised radii inside which the edge is fully covered / not at all */
  double inner = (1.0 - 0.5 / r_min) * (1.0 - 0.5 / r_min);
  double outer = (1.0 + 0.5 / r_min) * (1.0 + 0.5 / r_min);

  for (int y = y0; y < y1; y++)
    {
      double ny = (y + 0.5 - cy) / ry;
      Rgb row_colour = colour;

      if (stripe_period > 0 && ((int) (y - (cy - ry)) / stripe_period) % 2 == 1)
        row_colour = stripe;

      for (int x = x0; x < x1; x++)
        {
          double nx = (x + 0.5 - cx) / rx;
          double d = nx * nx + ny * ny;
          double coverage;

          if (d >= outer)
            continue;

          if (d <= inner)
            coverage = 1.0;
          else
            coverage = (1.0 - sqrt (d)) * r_min + 0.5;
          blend_pixel (canvas, x, y, row_colour, coverage);
        }
    }
}

static void
add_noise (Canvas *canvas,
           guint32 state,
           int     amplitude)
{
  int span = 2 * amplitude + 1;

  state |= 1;

  for (int y = 0; y < canvas->height; y++)
    {
      guchar *p = canvas->pixels + y * canvas->rowstride;

      for (int x = 0; x < canvas->width; x++, p += canvas->n_channels)
        {
          int n;

          /* xorshift32: luminance noise, the same on all three channels */
          state ^= state << 13;
          state ^= state >> 17;
          state ^= state << 5;
          n = (int) ((state >> 8) % (guint32) span) - amplitude;

          p[0] = clamp_channel (p[0] + n);
          p[1] = clamp_channel (p[1] + n);
          p[2] = clamp_channel (p[2] + n);
        }
    }
}

static GBytes *
encode_jpeg (GdkPixbuf  *pixbuf,
             int         quality,
             GError    **error)
{
  g_autofree char *quality_text = g_strdup_printf ("%d", CLAMP (quality, 1, 100));
  char *buffer = NULL;
  gsize size = 0;

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", error,
                                  "quality", quality_text, NULL))
    return NULL;

  return g_bytes_new_take (buffer, size);
}

static GdkPixbuf *
decode (GBytes  *bytes,
        GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  GdkPixbuf *pixbuf;

  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, error) ||
      !gdk_pixbuf_loader_close (loader, error))
    return NULL;

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                           "The image could not be decoded");
      return NULL;
    }

  return g_object_ref (pixbuf);
}

static HwDemoImage *
image_from_pixbuf (GdkPixbuf  *pixbuf,
                   int         quality,
                   GError    **error)
{
  g_autoptr(HwDemoImage) image = g_new0 (HwDemoImage, 1);
  g_autoptr(GdkPixbuf) thumb = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int long_side = MAX (width, height);
  gsize digest_len = sizeof image->sha256;
  gsize size;
  const guchar *data;

  image->width = width;
  image->height = height;
  image->quality = quality;

  if (!(image->content = encode_jpeg (pixbuf, quality, error)))
    return NULL;

  /* From the pixels rather than the decoded JPEG: a repost's hashes then
   * differ from its original's as much as a re-encode makes them differ
   * (hw-image-hash.c hashes the decoded file; quality 60 moves 2 bits at
   * most), for the cost of no decoding. */
  image->phash = hw_image_hash_phash (pixbuf);
  image->dhash = hw_image_hash_dhash (pixbuf);

  data = g_bytes_get_data (image->content, &size);
  g_checksum_update (checksum, data, (gssize) size);
  g_checksum_get_digest (checksum, image->sha256, &digest_len);
  g_assert (digest_len == sizeof image->sha256);

  thumb = gdk_pixbuf_scale_simple (pixbuf,
                                   MAX (1, width * HW_DEMO_IMAGE_THUMBNAIL_SIZE / long_side),
                                   MAX (1, height * HW_DEMO_IMAGE_THUMBNAIL_SIZE / long_side),
                                   GDK_INTERP_BILINEAR);
  if (!(image->thumbnail = encode_jpeg (thumb, 60, error)))
    return NULL;

  return g_steal_pointer (&image);
}

/**
 * hw_demo_image_render:
 *
 * Draws the synthetic picture of @seed: the same seed and size always give
 * the same pixels.
 *
 * Returns: (transfer full): an RGB pixbuf without alpha
 */
GdkPixbuf *
hw_demo_image_render (guint64 seed,
                      int     width,
                      int     height)
{
  GdkPixbuf *pixbuf;
  Canvas canvas;
  Rng rng = { seed ^ G_GUINT64_CONSTANT (0x5deece66d1ce4e5b) };
  Rgb skin, hair, clothing, stripe, backdrop_a, backdrop_b;
  double cx, cy, head_rx, head_ry;
  int n_panels;
  int stripes = 0;

  g_return_val_if_fail (width >= 16 && height >= 16, NULL);

  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  canvas.pixels = gdk_pixbuf_get_pixels (pixbuf);
  canvas.width = width;
  canvas.height = height;
  canvas.rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  canvas.n_channels = gdk_pixbuf_get_n_channels (pixbuf);

  /* backdrop: a gradient and a few panels (a wall, a door, a window) */
  backdrop_a = random_muted (&rng);
  backdrop_b = random_muted (&rng);
  fill_gradient (&canvas, backdrop_a, backdrop_b, rng_uniform (&rng, 0, 2 * G_PI));

  n_panels = 1 + (int) rng_below (&rng, 4);
  for (int i = 0; i < n_panels; i++)
    {
      int x0 = (int) rng_below (&rng, (guint) width);
      int y0 = (int) rng_below (&rng, (guint) height);
      int w = width / 8 + (int) rng_below (&rng, (guint) width / 2);
      int h = height / 8 + (int) rng_below (&rng, (guint) height / 2);

      fill_rect (&canvas, x0, y0, x0 + w, y0 + h, random_muted (&rng), rng_uniform (&rng, 0.35, 0.8));
    }

  /* the figure */
  skin = skin_tones[rng_below (&rng, G_N_ELEMENTS (skin_tones))];
  hair = hair_colours[rng_below (&rng, G_N_ELEMENTS (hair_colours))];
  clothing = clothing_colours[rng_below (&rng, G_N_ELEMENTS (clothing_colours))];
  stripe = clothing_colours[rng_below (&rng, G_N_ELEMENTS (clothing_colours))];
  if (rng_double (&rng) < 0.3)
    stripes = height / 30 + (int) rng_below (&rng, (guint) height / 25 + 1);

  /* Framed as people photograph a child in the street: near or far, left
   * or right, not always centred (which also keeps unrelated pictures'
   * perceptual hashes apart). */
  cx = width * rng_uniform (&rng, 0.22, 0.78);
  head_rx = width * rng_uniform (&rng, 0.10, 0.24);
  head_ry = head_rx * rng_uniform (&rng, 1.1, 1.25);
  cy = height * rng_uniform (&rng, 0.26, 0.56);

  /* long hair falls behind the shoulders */
  if (rng_double (&rng) < 0.45)
    fill_rect (&canvas, (int) (cx - head_rx * 1.05), (int) cy,
               (int) (cx + head_rx * 1.05), (int) (cy + head_ry * rng_uniform (&rng, 1.2, 1.9)),
               hair, 1.0);

  fill_ellipse (&canvas, cx + rng_uniform (&rng, -3, 3), cy + head_ry * rng_uniform (&rng, 2.9, 3.3),
                head_rx * rng_uniform (&rng, 2.0, 2.6), head_ry * rng_uniform (&rng, 1.9, 2.3),
                clothing, stripe, stripes);
  fill_rect (&canvas, (int) (cx - head_rx * 0.35), (int) cy, (int) (cx + head_rx * 0.35),
             (int) (cy + head_ry * 1.45), shade (skin, 0.92), 1.0);
  fill_ellipse (&canvas, cx, cy - head_ry * 0.12, head_rx * 1.08, head_ry * 1.0, hair, hair, 0);
  fill_ellipse (&canvas, cx, cy + head_ry * 0.1, head_rx * 0.93, head_ry * 0.9, skin, skin, 0);

  /* a suggestion of a face: two dark dots and a mouth */
  fill_ellipse (&canvas, cx - head_rx * 0.36, cy + head_ry * 0.05, head_rx * 0.1, head_ry * 0.07,
                shade (hair, 1.2), hair, 0);
  fill_ellipse (&canvas, cx + head_rx * 0.36, cy + head_ry * 0.05, head_rx * 0.1, head_ry * 0.07,
                shade (hair, 1.2), hair, 0);
  fill_ellipse (&canvas, cx, cy + head_ry * 0.52, head_rx * 0.25, head_ry * 0.06,
                mix (skin, (Rgb) { 170, 60, 60 }, 0.6), skin, 0);

  add_noise (&canvas, (guint32) rng_next (&rng), 1 + (int) rng_below (&rng, 2));

  return pixbuf;
}

/**
 * hw_demo_image_new:
 *
 * Draws the picture of @seed and encodes it as JPEG with a thumbnail.
 */
HwDemoImage *
hw_demo_image_new (guint64   seed,
                   int       width,
                   int       height,
                   int       quality,
                   GError  **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  g_return_val_if_fail (width >= 16 && height >= 16, NULL);

  pixbuf = hw_demo_image_render (seed, width, height);

  return image_from_pixbuf (pixbuf, quality, error);
}

/**
 * hw_demo_image_new_repost:
 *
 * What a repost does to a photo: decodes @original, scales it to 50-90 % and
 * encodes it again at another JPEG quality, as @seed chooses. The result is a
 * near duplicate with different bytes.
 */
HwDemoImage *
hw_demo_image_new_repost (const HwDemoImage  *original,
                          guint64             seed,
                          GError            **error)
{
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  Rng rng = { seed ^ G_GUINT64_CONSTANT (0x2545f4914f6cdd1d) };
  double factor;
  int quality;

  g_return_val_if_fail (original != NULL, NULL);

  if (!(decoded = decode (original->content, error)))
    return NULL;

  factor = rng_uniform (&rng, 0.5, 0.9);
  do
    quality = 45 + (int) rng_below (&rng, 46);
  while (ABS (quality - original->quality) < 5);

  scaled = gdk_pixbuf_scale_simple (decoded,
                                    MAX (16, (int) lround (original->width * factor)),
                                    MAX (16, (int) lround (original->height * factor)),
                                    GDK_INTERP_BILINEAR);

  return image_from_pixbuf (scaled, quality, error);
}

void
hw_demo_image_free (HwDemoImage *image)
{
  if (image == NULL)
    return;

  g_clear_pointer (&image->content, g_bytes_unref);
  g_clear_pointer (&image->thumbnail, g_bytes_unref);
  g_free (image);
}
