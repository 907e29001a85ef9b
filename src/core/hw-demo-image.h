/* hw-demo-image.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

/* Long side of the thumbnails stored with each photo. */
#define HW_DEMO_IMAGE_THUMBNAIL_SIZE 64

/* One encoded synthetic photo, as the demo data stores it. */
typedef struct
{
  GBytes *content;      /* JPEG */
  GBytes *thumbnail;    /* JPEG, long side HW_DEMO_IMAGE_THUMBNAIL_SIZE */
  guint8  sha256[32];   /* of content */
  guint64 phash;        /* of the pixels encoded (hw-image-hash.h) */
  guint64 dhash;
  int     width;
  int     height;
  int     quality;      /* JPEG quality content was encoded with */
} HwDemoImage;

GdkPixbuf   *hw_demo_image_render        (guint64             seed,
                                          int                 width,
                                          int                 height);
HwDemoImage *hw_demo_image_new           (guint64             seed,
                                          int                 width,
                                          int                 height,
                                          int                 quality,
                                          GError            **error);
HwDemoImage *hw_demo_image_new_repost    (const HwDemoImage  *original,
                                          guint64             seed,
                                          GError            **error);
void         hw_demo_image_free          (HwDemoImage        *image);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HwDemoImage, hw_demo_image_free)

G_END_DECLS
