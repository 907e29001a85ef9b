/* test-disk-full.c: the embedded cluster's disk fills up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "hw-setup.h"
#include "hw-test-cluster.h"

/* The cluster lives on a small tmpfs of its own, which takes root (CI and
 * the set-up script run as root); elsewhere the test is skipped. */

#define FS_SIZE "size=120m"

static char *
random_hex (gsize n_bytes)
{
  GString *hex = g_string_sized_new (2 + n_bytes * 2);

  /* Random bytes do not compress: every byte needs disk. */
  g_string_append (hex, "\\x");
  for (gsize i = 0; i < n_bytes; i++)
    g_string_append_printf (hex, "%02x", g_random_int_range (0, 256));

  return g_string_free (hex, FALSE);
}

static gboolean
fill_disk (const char *path)
{
  static char block[64 * 1024];
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  off_t size = 0;

  g_assert_cmpint (fd, >=, 0);

  for (;;)
    {
      ssize_t n = write (fd, block, sizeof block);

      if (n <= 0)
        break;
      size += n;
    }

  /* Leave the server a little room, so the statement fails, not the WAL. */
  g_assert_cmpint (ftruncate (fd, size > 512 * 1024 ? size - 512 * 1024 : 0), ==, 0);
  close (fd);

  return size > 0;
}

static void
test_disk_full (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *base = NULL;
  g_autofree char *admin_info = NULL;
  g_autofree char *officer_info = NULL;
  g_autofree char *big = NULL;
  g_autofree char *small = NULL;
  g_autoptr(HwLocalServer) server = NULL;
  g_autoptr(HwDb) admin = NULL;
  g_autoptr(HwDb) officer = NULL;
  g_autoptr(HwDbResult) r1 = NULL;
  g_autoptr(HwDbResult) r2 = NULL;
  g_autoptr(HwDbResult) kase = NULL;
  g_autoptr(HwDbResult) sighting = NULL;
  g_autoptr(HwDbResult) after = NULL;
  g_autoptr(HwDbResult) kept = NULL;
  const char *insert_photo = "INSERT INTO homeward.photo (sighting_id, content, mime_type, sha256) "
                             "VALUES ($1, $2, 'image/jpeg', sha256 ($2::bytea)) RETURNING id";

  if (getuid () != 0)
    {
      g_test_skip ("mounting a small file system needs root");
      return;
    }

  dir = g_dir_make_tmp ("hw-full-XXXXXX", &error);
  g_assert_no_error (error);

  if (mount ("tmpfs", dir, "tmpfs", 0, FS_SIZE) != 0)
    {
      g_autofree char *why = g_strdup_printf ("cannot mount a tmpfs here: %s", g_strerror (errno));

      g_rmdir (dir);
      g_test_skip (why);
      return;
    }

  base = g_build_filename (dir, "cluster", NULL);
  server = hw_local_server_new (base, NULL);
  hw_local_server_start (server, NULL, &error);
  g_assert_no_error (error);

  admin_info = hw_local_server_get_conninfo (server, NULL, "homeward");
  hw_setup_init_database_sync (admin_info, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  admin = hw_test_connect (admin_info);
  r1 = hw_test_query (admin, "SELECT homeward.create_unit('SZ', '深圳', NULL)", NULL);
  r2 = hw_test_query (admin, "SELECT homeward.create_officer('li_wei', '李伟', 'SZ', 'officer')", NULL);

  officer_info = hw_local_server_get_conninfo (server, "li_wei", "homeward");
  officer = hw_test_connect (officer_info);
  kase = hw_test_query (officer,
                        "WITH child AS (INSERT INTO homeward.person (kind, family_name, given_name) "
                        "VALUES ('child', '彭', '文乐') RETURNING id) "
                        "INSERT INTO homeward.abduction_case (case_number, child_id) "
                        "SELECT 'SZ-2011-0001', id FROM child RETURNING id", NULL);
  sighting = hw_test_query (officer,
                            "INSERT INTO homeward.sighting (channel, description) "
                            "VALUES ('hotline', '车站附近') RETURNING id::text", NULL);

  filler = g_build_filename (dir, "filler", NULL);
  g_assert_true (fill_disk (filler));

  /* An 8 MB photo cannot be stored: a clear error, not a crash. */
  big = random_hex (8 * 1024 * 1024);
  error = hw_test_query_error (officer, insert_photo, hw_db_result_get_string (sighting, 0, 0),
                               big, NULL);
  g_assert_error (error, HW_DB_ERROR, HW_DB_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "No space left on device"));
  g_clear_error (&error);

  /* What was saved before is intact, and the same connection still works. */
  kept = hw_test_query (officer, "SELECT case_number FROM homeward.abduction_case", NULL);
  g_assert_cmpuint (hw_db_result_get_n_rows (kept), ==, 1);
  g_assert_cmpstr (hw_db_result_get_string (kept, 0, 0), ==, "SZ-2011-0001");

  /* With room again, writing works again. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  small = random_hex (64 * 1024);
  after = hw_test_query (officer, insert_photo, hw_db_result_get_string (sighting, 0, 0), small, NULL);
  g_assert_cmpuint (hw_db_result_get_n_rows (after), ==, 1);

  g_clear_object (&officer);
  g_clear_object (&admin);
  hw_local_server_destroy (server, &error);
  g_assert_no_error (error);
  g_assert_cmpint (umount (dir), ==, 0);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/db/disk-full/clear-error-nothing-lost", test_disk_full);

  return g_test_run ();
}
