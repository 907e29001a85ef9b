/* hw-image-hash.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

/* Fingerprints of a photo for finding its copies (DESIGN.md "Photos"):
 * sha256 of the file for exact copies, and two 64-bit perceptual hashes for
 * reposts that were resized, re-compressed or cropped a little. Two photos
 * whose pHashes differ in at most HW_IMAGE_HASH_NEAR_DISTANCE of 64 bits
 * are near duplicates; unrelated photos differ in about 32.
 *
 * The database stores a hash as bigint: the same 64 bits read as a signed
 * number (hw_image_hash_to_db()). */

#define HW_IMAGE_HASH_ERROR (hw_image_hash_error_quark ())

typedef enum
{
  HW_IMAGE_HASH_ERROR_NOT_AN_IMAGE,    /* also empty, or a drawing: the message says */
  HW_IMAGE_HASH_ERROR_TOO_BIG,         /* too many bytes or pixels (hw-photo-file.h) */
} HwImageHashError;

#define HW_IMAGE_HASH_NEAR_DISTANCE 8

/* The longest side hw_image_hash_bytes() decodes a photo at: the hashes
 * average it down to 32 x 32 boxes anyway, and a JPEG is then decoded at a
 * half to an eighth of its size (9 rather than 36 MB for 12 megapixels).
 * Smaller photos are decoded whole and hash as they always did; a bigger one
 * hashes within a few bits of its whole picture (tests/unit/test-image-hash.c
 * reports how many). */
#define HW_IMAGE_HASH_DECODE_SIDE 1024

typedef struct
{
  guint8   sha256[32];
  guint64  phash;
  guint64  dhash;
  int      width;       /* the right way up */
  int      height;
} HwImageHashes;

GQuark    hw_image_hash_error_quark (void);

guint64   hw_image_hash_phash       (GdkPixbuf      *pixbuf);
guint64   hw_image_hash_dhash       (GdkPixbuf      *pixbuf);
gboolean  hw_image_hash_bytes       (GBytes         *content,
                                     HwImageHashes  *hashes,
                                     GError        **error);
guint     hw_image_hash_distance    (guint64         a,
                                     guint64         b);
char     *hw_image_hash_to_hex      (guint64         hash);
gint64    hw_image_hash_to_db       (guint64         hash);
guint64   hw_image_hash_from_db     (gint64          value);

G_END_DECLS
