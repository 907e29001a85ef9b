/* bench-report.c: a case report's and a unit summary's time to gather,
 * lay out and write as a PDF, in process (issue 6: a case with 50 linked
 * sightings and 20 photos in under 1 s; a summary of 10,000 cases in
 * under 5 s). See tests/bench/bench-report.sh.
 *
 *   bench-report SUPERUSER-CONNINFO READER-CONNINFO CASE-NUMBER UNIT-CODE
 *
 * First gives CASE-NUMBER 20 photos and 50 linked sightings, each with a
 * 1024x768 JPEG, as the superuser; then, connected as the reader, makes the
 * case report and the unit summary five times each and prints the median
 * of each stage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "hw-db.h"
#include "hw-demo-image.h"
#include "hw-report.h"

#define RUNS 5

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static HwDbResult *
query (HwDb               *db,
       const char         *sql,
       const char * const *params,
       guint               n_params)
{
  g_autoptr(GError) error = NULL;
  HwDbResult *rows = hw_db_query_sync (db, sql, params, n_params, NULL, &error);

  if (rows == NULL)
    g_error ("%s: %s", sql, error->message);

  return rows;
}

static char *
photo_param (guint64  seed,
             char   **sha256)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HwDemoImage) image = hw_demo_image_new (seed, 1024, 768, 85, &error);

  if (image == NULL)
    g_error ("photo: %s", error->message);

  *sha256 = hw_db_bytea_param (image->sha256, sizeof image->sha256);
  return hw_db_bytea_param (g_bytes_get_data (image->content, NULL), g_bytes_get_size (image->content));
}

static void
fill_case (const char *conninfo,
           const char *case_number)
{
  g_autoptr(HwDb) db = hw_db_new (conninfo);
  g_autoptr(GError) error = NULL;
  g_autoptr(HwDbResult) the_case = NULL;
  g_autoptr(HwDbResult) done = NULL;
  const char *case_id, *officer_id, *unit_id;

  hw_db_set_reconnect (db, FALSE);
  if (!hw_db_connect_sync (db, NULL, &error))
    g_error ("connect: %s", error->message);

  {
    const char *params[] = { case_number };

    the_case = query (db,
                      "SELECT c.id, coalesce (c.assigned_officer_id, "
                      "         (SELECT o.id FROM homeward.officer o WHERE o.unit_id = c.unit_id ORDER BY o.id LIMIT 1)), "
                      "       c.unit_id "
                      "  FROM homeward.abduction_case c WHERE c.case_number = $1",
                      params, 1);
  }
  if (hw_db_result_get_n_rows (the_case) != 1)
    g_error ("no case %s", case_number);
  case_id = hw_db_result_get_string (the_case, 0, 0);
  officer_id = hw_db_result_get_string (the_case, 0, 1);
  unit_id = hw_db_result_get_string (the_case, 0, 2);

  g_clear_pointer (&done, hw_db_result_unref);
  done = query (db, "BEGIN", NULL, 0);

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *sha256 = NULL;
      g_autofree char *content = photo_param (7000 + i, &sha256);
      const char *params[] = { case_id, content, sha256 };
      g_autoptr(HwDbResult) rows = NULL;

      rows = query (db,
                    "INSERT INTO homeward.photo (case_id, content, mime_type, sha256, width, height) "
                    "VALUES ($1::bigint, $2::bytea, 'image/jpeg', $3::bytea, 1024, 768)",
                    params, 3);
    }

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *sha256 = NULL;
      g_autofree char *content = photo_param (8000 + i, &sha256);
      g_autofree char *ref = g_strdup_printf ("BENCH-REPORT-%s-%u", case_number, i);
      g_autofree char *description = g_strdup_printf ("一名约十岁的男孩在车站附近乞讨，左眉有痣，说%u号线附近的口音。"
                                                      "A boy of about ten begging near the station.", i);
      g_autoptr(HwDbResult) sighting = NULL;
      g_autoptr(HwDbResult) rows = NULL;

      {
        const char *params[] = { ref, description, unit_id };

        sighting = query (db,
                          "INSERT INTO homeward.sighting (channel, source_ref, received_at, observed_at, place_text, "
                          "  description, apparent_age_min, apparent_age_max, apparent_sex, unit_id) "
                          "VALUES ('hotline', $1, now () - interval '3 days', now () - interval '4 days', "
                          "  '广东省深圳市罗湖区火车站', $2, 9, 11, 'male', $3::bigint) RETURNING id",
                          params, 3);
      }
      {
        const char *params[] = { hw_db_result_get_string (sighting, 0, 0), content, sha256 };

        rows = query (db,
                      "INSERT INTO homeward.photo (sighting_id, content, mime_type, sha256, width, height) "
                      "VALUES ($1::bigint, $2::bytea, 'image/jpeg', $3::bytea, 1024, 768)",
                      params, 3);
      }
      {
        const char *params[] = { hw_db_result_get_string (sighting, 0, 0), case_id, officer_id };

        g_clear_pointer (&rows, hw_db_result_unref);
        rows = query (db,
                      "WITH l AS (INSERT INTO homeward.case_link (sighting_id, case_id, confidence, rationale, linked_by) "
                      "           VALUES ($1::bigint, $2::bigint, 'possible', '年龄、性别和痣相符。Age, sex and mole agree.', "
                      "                   $3::bigint) RETURNING id) "
                      "INSERT INTO homeward.verification_step (link_id, kind, outcome, notes, performed_by) "
                      "SELECT l.id, 'photo_comparison', '相似', '照片比对：面部特征相似，需进一步核实。', $3::bigint FROM l",
                      params, 3);
      }
    }

  g_clear_pointer (&done, hw_db_result_unref);
  done = query (db, "COMMIT", NULL, 0);
  hw_db_close (db);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values)
{
  qsort (values, RUNS, sizeof (double), compare_doubles);

  return values[RUNS / 2];
}

static double
ms_since (gint64 *since)
{
  gint64 now = g_get_monotonic_time ();
  double ms = (now - *since) / 1000.0;

  *since = now;
  return ms;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HwDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "bench-report.pdf", NULL);
  double gather[RUNS], layout[RUNS], write[RUNS], total[RUNS];
  guint pages = 0, sightings = 0, photos = 0, open_cases = 0;

  if (argc != 5)
    {
      g_printerr ("usage: %s SUPERUSER-CONNINFO READER-CONNINFO CASE-NUMBER UNIT-CODE\n", argv[0]);
      return 2;
    }

  fill_case (argv[1], argv[3]);

  db = hw_db_new (argv[2]);
  hw_db_set_reconnect (db, FALSE);
  if (!hw_db_connect_sync (db, NULL, &error))
    g_error ("connect: %s", error->message);

  for (guint run = 0; run < RUNS; run++)
    {
      Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
      g_autoptr(HwReport) report = NULL;
      HwReportCase *data;
      gint64 t = g_get_monotonic_time ();

      hw_report_case_load_async (db, 0, argv[3], NULL, NULL, wait_cb, &wait);
      g_main_loop_run (wait.loop);
      g_main_loop_unref (wait.loop);
      if (!(data = hw_report_case_load_finish (wait.result, &error)))
        g_error ("report: %s", error->message);
      g_object_unref (wait.result);
      sightings = data->sightings->len;
      photos = data->photos->len;
      gather[run] = ms_since (&t);
      report = hw_report_new_case (data);
      pages = hw_report_get_n_pages (report);
      layout[run] = ms_since (&t);
      if (!hw_report_write_pdf (report, path, NULL, &error))
        g_error ("write: %s", error->message);
      write[run] = ms_since (&t);
      total[run] = gather[run] + layout[run] + write[run];
    }
  g_print ("case report %s (%u linked sightings, %u case photos, %u pages): median of %d: "
           "gather %.0f ms, layout %.0f ms, PDF %.0f ms, total %.0f ms\n",
           argv[3], sightings, photos, pages, RUNS, median (gather), median (layout), median (write),
           median (total));

  for (guint run = 0; run < RUNS; run++)
    {
      Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
      g_autoptr(HwReport) report = NULL;
      HwReportSummary *data;
      gint64 t = g_get_monotonic_time ();

      hw_report_summary_load_async (db, 0, argv[4], NULL, NULL, NULL, NULL, wait_cb, &wait);
      g_main_loop_run (wait.loop);
      g_main_loop_unref (wait.loop);
      if (!(data = hw_report_summary_load_finish (wait.result, &error)))
        g_error ("summary: %s", error->message);
      g_object_unref (wait.result);
      open_cases = data->open_cases->len;
      gather[run] = ms_since (&t);
      report = hw_report_new_summary (data);
      pages = hw_report_get_n_pages (report);
      layout[run] = ms_since (&t);
      if (!hw_report_write_pdf (report, path, NULL, &error))
        g_error ("write: %s", error->message);
      write[run] = ms_since (&t);
      total[run] = gather[run] + layout[run] + write[run];
    }
  g_print ("unit summary %s (%u open cases, %u pages): median of %d: "
           "gather %.0f ms, layout %.0f ms, PDF %.0f ms, total %.0f ms\n",
           argv[4], open_cases, pages, RUNS, median (gather), median (layout), median (write), median (total));

  g_unlink (path);

  return 0;
}
