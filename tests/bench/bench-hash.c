/* bench-hash.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Benchmark (not a test): photos hashed per second, decode + sha256 + pHash
 * + dHash (hw_image_hash_bytes ()), for 1024x768 JPEGs (issue 4), on one
 * core and on all of them.
 *
 *   bench-hash [N]      (N distinct photos, default 200)
 */

#include "config.h"

#include "hw-demo-image.h"
#include "hw-image-hash.h"

static GPtrArray *photos;

static void
hash_one (gpointer data,
          gpointer user_data)
{
  HwImageHashes hashes;
  g_autoptr(GError) error = NULL;

  if (!hw_image_hash_bytes (data, &hashes, &error))
    g_error ("hash: %s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 200;
  guint threads = g_get_num_processors ();
  gint64 start;
  double seconds;

  photos = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HwDemoImage) image = hw_demo_image_new (1000 + i, 1024, 768, 85, &error);

      if (image == NULL)
        g_error ("photo: %s", error->message);
      g_ptr_array_add (photos, g_bytes_ref (image->content));
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    hash_one (g_ptr_array_index (photos, i), NULL);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_print ("1024x768 JPEG, decode + hash, one thread: %.1f photos/s (%.2f ms each)\n", n / seconds,
           seconds * 1000 / n);

  {
    GThreadPool *pool = g_thread_pool_new (hash_one, NULL, (int) threads, TRUE, NULL);

    start = g_get_monotonic_time ();
    for (guint i = 0; i < n; i++)
      g_thread_pool_push (pool, g_ptr_array_index (photos, i), NULL);
    g_thread_pool_free (pool, FALSE, TRUE);
    seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
    g_print ("1024x768 JPEG, decode + hash, %u threads: %.1f photos/s\n", threads, n / seconds);
  }

  g_ptr_array_unref (photos);
  return 0;
}
