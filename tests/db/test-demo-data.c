/* test-demo-data.c: the demo data generator against a real server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hw-demo-data.h"
#include "hw-image-hash.h"
#include "hw-search-tokens.h"
#include "hw-setup.h"
#include "hw-test-cluster.h"

#define N_CASES     300
#define N_SIGHTINGS 3000

/* What a load produced, independent of when it ran: ids, names, numbers,
 * statuses, texts and photo digests, not timestamps of the load itself. */
static const char *fingerprint_queries[] = {
  "SELECT md5(string_agg(concat_ws('|', id, kind, family_name, given_name, family_name_latin, "
  "given_name_latin, sex, birth_date, distinguishing_marks), ',' ORDER BY id)) FROM homeward.person",
  "SELECT md5(string_agg(concat_ws('|', id, case_number, child_id, abducted_at, place_text, status, "
  "unit_id, assigned_officer_id), ',' ORDER BY id)) FROM homeward.abduction_case",
  "SELECT md5(string_agg(concat_ws('|', id, case_id, relationship, phone, address), ',' ORDER BY id)) "
  "FROM homeward.family_member",
  "SELECT md5(string_agg(concat_ws('|', id, channel, source_ref, observed_at, description, status, "
  "repost_group_id), ',' ORDER BY id)) FROM homeward.sighting",
  "SELECT md5(string_agg(encode(sha256, 'hex'), ',' ORDER BY id)) FROM homeward.photo",
  "SELECT md5(string_agg(concat_ws('|', sighting_id, case_id), ',' ORDER BY sighting_id)) "
  "FROM homeward.demo_ground_truth",
};

/* Rows whose search column is not what the trigger would compute from them
 * (data/sql/0004): the load writes the column itself, tokenised on the
 * client (hw-search-tokens.c). */
static const char *search_mismatch_queries[] = {
  "SELECT count(*) FROM homeward.person WHERE search IS DISTINCT FROM homeward.person_search("
  "family_name, given_name, family_name_latin, given_name_latin, distinguishing_marks, native_place, nicknames)",
  "SELECT count(*) FROM homeward.abduction_case WHERE search IS DISTINCT FROM homeward.abduction_case_search("
  "case_number, place_text, circumstances)",
  "SELECT count(*) FROM homeward.family_member WHERE search IS DISTINCT FROM homeward.family_member_search("
  "phone, address)",
  "SELECT count(*) FROM homeward.sighting WHERE search IS DISTINCT FROM homeward.sighting_search("
  "description, place_text, source_ref, reporter_name, reporter_contact)",
};

static GPtrArray *
load (const char *prefix,
      guint64     seed)
{
  g_autofree char *dbname = hw_test_cluster_new_database (prefix);
  g_autofree char *conninfo = hw_test_cluster_conninfo (NULL, dbname);
  g_autoptr(GError) error = NULL;
  g_autoptr(HwDb) db = NULL;
  GPtrArray *prints = g_ptr_array_new_with_free_func (g_free);

  hw_demo_data_generate_sync (conninfo, N_CASES, N_SIGHTINGS, seed, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  db = hw_test_connect (conninfo);
  for (guint i = 0; i < G_N_ELEMENTS (fingerprint_queries); i++)
    {
      g_autoptr(HwDbResult) r = hw_test_query (db, fingerprint_queries[i], NULL);

      g_ptr_array_add (prints, g_strdup (hw_db_result_get_string (r, 0, 0)));
    }

  g_ptr_array_add (prints, g_strdup (dbname));

  return prints;
}

static void
test_deterministic (void)
{
  g_autoptr(GPtrArray) a = load ("demo_a", 7);
  g_autoptr(GPtrArray) b = load ("demo_b", 7);
  g_autoptr(GPtrArray) c = load ("demo_c", 8);

  for (guint i = 0; i < G_N_ELEMENTS (fingerprint_queries); i++)
    {
      g_assert_nonnull (g_ptr_array_index (a, i));
      g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
    }

  /* Another seed, other people. */
  g_assert_cmpstr (g_ptr_array_index (a, 0), !=, g_ptr_array_index (c, 0));
}

static void
test_plausible (void)
{
  g_autofree char *dbname = hw_test_cluster_new_database ("demo_p");
  g_autofree char *conninfo = hw_test_cluster_conninfo (NULL, dbname);
  g_autofree char *officer_info = hw_test_cluster_conninfo (HW_SETUP_DEMO_OFFICER, dbname);
  g_autoptr(GError) error = NULL;
  g_autoptr(HwDb) db = NULL;
  g_autoptr(HwDb) officer = NULL;
  g_autoptr(HwDbResult) again = NULL;

  hw_demo_data_generate_sync (conninfo, N_CASES, N_SIGHTINGS, 1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  db = hw_test_connect (conninfo);

  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.abduction_case", NULL), ==, N_CASES);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.sighting", NULL), ==, N_SIGHTINGS);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.unit", NULL), >=, 3);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.officer "
                                      "WHERE role = 'supervisor'", NULL), >=, 2);

  /* Every case's child is a child with a Chinese name and its pinyin. */
  g_assert_cmpint (hw_test_query_int (db,
                                      "SELECT count(*) FROM homeward.abduction_case c "
                                      "JOIN homeward.person p ON p.id = c.child_id "
                                      "WHERE p.kind = 'child' AND p.family_name ~ '^[\\u4e00-\\u9fff]+$' "
                                      "AND p.given_name_latin ~ '^[A-Z][a-z'']+$'", NULL), ==, N_CASES);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.abduction_case "
                                      "WHERE abducted_at < '2005-01-01 00:00+08' OR abducted_at >= '2027-01-01 00:00+08'",
                                      NULL), ==, 0);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(DISTINCT status) FROM homeward.abduction_case",
                                      NULL), >=, 4);

  /* Families with phone numbers, photos that are images, repost groups,
   * links, steps, DNA and reunions, in some proportion. */
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.family_member "
                                      "WHERE phone ~ '^1[3-9][0-9]{9}$'", NULL), >=, N_CASES);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.photo "
                                      "WHERE substring(content from 1 for 3) = '\\xffd8ff'::bytea "
                                      "AND sha256 = sha256(content)", NULL), >=, N_SIGHTINGS / 10);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.photo", NULL), ==,
                   hw_test_query_int (db, "SELECT count(*) FROM homeward.photo "
                                      "WHERE sha256 = sha256(content)", NULL));
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.repost_group "
                                      "WHERE repost_count >= 2", NULL), >, 0);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.case_link", NULL), >, 0);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.verification_step", NULL), >, 0);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.dna_sample", NULL), >, 0);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.demo_ground_truth", NULL), >, 0);

  /* Every photo has its perceptual hashes, near those of the stored file
   * (hashed here as homeward-cli hash does); the photos of a repost group
   * are near duplicates of each other. */
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.photo "
                                      "WHERE phash IS NULL OR dhash IS NULL", NULL), ==, 0);
  {
    g_autoptr(HwDbResult) sample = hw_test_query (db,
                                                  "SELECT encode(content, 'hex'), phash FROM homeward.photo "
                                                  "ORDER BY id LIMIT 40", NULL);

    for (guint i = 0; i < hw_db_result_get_n_rows (sample); i++)
      {
        const char *hex = hw_db_result_get_string (sample, i, 0);
        gsize n = strlen (hex) / 2;
        g_autofree guint8 *data = g_malloc (n);
        g_autoptr(GBytes) content = NULL;
        g_autoptr(GError) hash_error = NULL;
        HwImageHashes hashes;

        for (gsize b = 0; b < n; b++)
          data[b] = (guint8) (g_ascii_xdigit_value (hex[2 * b]) << 4 | g_ascii_xdigit_value (hex[2 * b + 1]));
        content = g_bytes_new_take (g_steal_pointer (&data), n);
        g_assert_true (hw_image_hash_bytes (content, &hashes, &hash_error));
        g_assert_no_error (hash_error);
        g_assert_cmpuint (hw_image_hash_distance (hashes.phash,
                                                  hw_image_hash_from_db (hw_db_result_get_int64 (sample, i, 1))),
                          <=, 4);
      }
  }
  /* The demo's pictures are small (160 px, reposts scaled to 50-90 %): at
   * 80 px a few pairs in a thousand drift past the near distance. */
  {
    gint64 pairs = hw_test_query_int (db,
                                      "SELECT count(*) FROM homeward.photo a "
                                      "JOIN homeward.sighting sa ON sa.id = a.sighting_id "
                                      "JOIN homeward.sighting sb ON sb.repost_group_id = sa.repost_group_id "
                                      "JOIN homeward.photo b ON b.sighting_id = sb.id AND b.id > a.id", NULL);
    gint64 far = hw_test_query_int (db,
                                    "SELECT count(*) FROM homeward.photo a "
                                    "JOIN homeward.sighting sa ON sa.id = a.sighting_id "
                                    "JOIN homeward.sighting sb ON sb.repost_group_id = sa.repost_group_id "
                                    "JOIN homeward.photo b ON b.sighting_id = sb.id AND b.id > a.id "
                                    "WHERE bit_count((a.phash # b.phash)::bit(64)) > $1::int",
                                    G_STRINGIFY (HW_IMAGE_HASH_NEAR_DISTANCE), NULL);

    g_test_message ("repost pairs: %" G_GINT64_FORMAT ", beyond the near distance: %" G_GINT64_FORMAT,
                    pairs, far);
    g_assert_cmpint (pairs, >, 100);
    g_assert_cmpint (far * 100, <=, pairs);
  }

  /* The near-duplicate lookup (four block indexes) finds exactly what
   * comparing every photo finds, for distances up to its limit. */
  g_assert_cmpint (hw_test_query_int (db,
                                      "SELECT count(*) FROM (SELECT id, phash FROM homeward.photo ORDER BY id LIMIT 25) q, "
                                      "generate_series(0, 11, 4) AS d "
                                      "WHERE ARRAY(SELECT photo_id FROM homeward.near_duplicate_photos(q.phash, d)) "
                                      "  <> ARRAY(SELECT p.id FROM homeward.photo p "
                                      "           WHERE bit_count((p.phash # q.phash)::bit(64)) <= d "
                                      "           ORDER BY bit_count((p.phash # q.phash)::bit(64)), p.id)",
                                      NULL), ==, 0);
#define REPOST_PAIRS \
  "FROM homeward.photo a JOIN homeward.sighting sa ON sa.id = a.sighting_id " \
  "JOIN homeward.sighting sb ON sb.repost_group_id = sa.repost_group_id " \
  "JOIN homeward.photo b ON b.sighting_id = sb.id AND b.id <> a.id " \
  "WHERE sa.repost_group_id IN (SELECT id FROM homeward.repost_group ORDER BY id LIMIT 20) "
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) " REPOST_PAIRS, NULL), >, 0);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) " REPOST_PAIRS
                                      "AND bit_count((a.phash # b.phash)::bit(64)) <= 8 "
                                      "AND b.id NOT IN (SELECT photo_id FROM homeward.near_duplicate_photos(a.phash, 8))",
                                      NULL), ==, 0);
#undef REPOST_PAIRS

  /* Ranked candidates: for the sightings whose photo or description came
   * from their case (the answer key says which case), the case is among
   * the first ten. */
  {
    g_autoptr(HwDbResult) ranked = hw_test_query (db,
      "WITH ev AS ("
      "  SELECT t.sighting_id, t.case_id"
      "    FROM homeward.demo_ground_truth t"
      "    JOIN homeward.case_match_key k ON k.case_id = t.case_id AND k.open"
      "    JOIN homeward.abduction_case c ON c.id = t.case_id"
      "    JOIN homeward.person p ON p.id = c.child_id"
      "    JOIN homeward.sighting s ON s.id = t.sighting_id"
      "   WHERE EXISTS (SELECT 1 FROM homeward.photo sp JOIN homeward.photo cp ON cp.case_id = t.case_id"
      "                  WHERE sp.sighting_id = t.sighting_id"
      "                    AND bit_count((sp.phash # cp.phash)::bit(64)) <= 8)"
      "      OR EXISTS (SELECT 1 FROM regexp_split_to_table(p.distinguishing_marks, '[，,、；;] *') AS m(mark)"
      "                  WHERE char_length(mark) > 1 AND position(mark IN s.description) > 0))"
      "SELECT count(*), count(*) FILTER (WHERE ev.case_id IN"
      "         (SELECT r.case_id FROM homeward.candidate_cases(ev.sighting_id, 10) r))"
      "  FROM ev", NULL);
    gint64 n = hw_db_result_get_int64 (ranked, 0, 0);
    gint64 top10 = hw_db_result_get_int64 (ranked, 0, 1);

    g_test_message ("candidate ranking: the true case in the top 10 for %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
                    " sightings with a photo or a mark from it (%.1f%%)", top10, n, 100.0 * top10 / MAX (n, 1));
    g_assert_cmpint (n, >=, 20);
    g_assert_cmpint (top10 * 100, >=, n * 95);
  }
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.case_match_key", NULL), ==, N_CASES);
  {
    g_autoptr(GError) missing = hw_test_query_error (db, "SELECT * FROM homeward.candidate_cases(-1)", NULL);

    g_assert_cmpstr (hw_db_error_get_sqlstate (missing), ==, "P0002");
  }

  /* States agree with each other: a reunited case has a signed-off reunion,
   * by someone other than who proposed it. */
  g_assert_cmpint (hw_test_query_int (db,
                                      "SELECT count(*) FROM homeward.abduction_case c WHERE c.status = 'reunited' "
                                      "AND NOT EXISTS (SELECT 1 FROM homeward.reunion r WHERE r.case_id = c.id "
                                      "AND r.signed_off_by IS NOT NULL AND r.signed_off_by <> r.proposed_by)",
                                      NULL), ==, 0);

  /* The search columns work on loaded rows, and hold, row by row, what the
   * server computes. */
  g_assert_cmpint (hw_test_query_int (db,
                                      "SELECT count(*) FROM homeward.person p WHERE p.search @@ "
                                      "homeward.cjk_query((SELECT given_name FROM homeward.person "
                                      "WHERE kind = 'child' ORDER BY id LIMIT 1))", NULL), >=, 1);
  for (guint i = 0; i < G_N_ELEMENTS (search_mismatch_queries); i++)
    g_assert_cmpint (hw_test_query_int (db, search_mismatch_queries[i], NULL), ==, 0);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.sighting "
                                      "WHERE search @@ homeward.cjk_query('乞讨') "
                                      "AND search @@ homeward.cjk_query('火车站')", NULL), >, 0);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.family_member "
                                      "WHERE phone IS NOT NULL AND NOT search @@ homeward.cjk_query(phone)",
                                      NULL), ==, 0);

  /* The GUI's officer signs in and sees every case, but only the family
   * contacts of their own unit. */
  officer = hw_test_connect (officer_info);
  g_assert_cmpint (hw_test_query_int (officer, "SELECT count(*) FROM homeward.abduction_case", NULL), ==, N_CASES);
  g_assert_cmpint (hw_test_query_int (officer, "SELECT count(*) FROM homeward.family_member", NULL), <,
                   hw_test_query_int (db, "SELECT count(*) FROM homeward.family_member", NULL));

  /* A second load into a database with data is refused, and changes nothing. */
  g_assert_false (hw_demo_data_generate_sync (conninfo, 10, 10, 2, NULL, NULL, NULL, &error));
  g_assert_error (error, HW_DB_ERROR, HW_DB_ERROR_CONFLICT);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.abduction_case", NULL), ==, N_CASES);
}

/* Asserts that the client's lexemes of @text are the server's, and already
 * in the order the server keeps them. */
static void
assert_tokens_as_server (HwDb       *db,
                         const char *text)
{
  const char *fields[] = { text };
  g_autofree char *client = hw_search_tokens_to_tsvector (fields, 1);
  g_autoptr(HwDbResult) r = hw_test_query (db, "SELECT homeward.cjk_tokens_multi($1)::text, $2::tsvector::text",
                                           text, client, NULL);

  if (g_strcmp0 (hw_db_result_get_string (r, 0, 0), client) != 0)
    g_test_message ("text: %s\nserver: %s\nclient: %s", text, hw_db_result_get_string (r, 0, 0), client);
  g_assert_cmpstr (hw_db_result_get_string (r, 0, 0), ==, client);
  g_assert_cmpstr (hw_db_result_get_string (r, 0, 1), ==, client);
}

/* The client's tokeniser against homeward.cjk_tokens_multi() on every
 * character there is (lower-casing included), and on random mixtures of
 * CJK, pinyin, digits and punctuation. */
static void
test_search_tokens (void)
{
  static const char * const pieces[] = {
    "彭", "文", "乐", "〇", "\U00020000", "\U0003134F", "\uF900", "\u3400", "\u4DBF", "\u9FFF",
    "Peng", "wen", "LÜ", "é", "ß", "ÿ", "Ā", "÷", "×", "Ω", "Я", "\u212A", "\u2160", "\u24B6",
    "0", "138", "-", " ", "，", "。", "'", "\\", "\"", "\t", "\n", "_", "@", ":", "/",
  };
  g_autofree char *dbname = hw_test_cluster_new_database ("demo_t");
  g_autofree char *conninfo = hw_test_cluster_conninfo (NULL, dbname);
  g_autoptr(HwDb) db = hw_test_connect (conninfo);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261120);

  /* Every character, 4096 at a time, each next to the ones around it. */
  for (gunichar first = 1; first < 0x110000; first += 4096)
    {
      g_string_truncate (text, 0);
      for (gunichar c = first; c < first + 4096 && c < 0x110000; c++)
        if (c < 0xD800 || c > 0xDFFF)
          g_string_append_unichar (text, c);
      assert_tokens_as_server (db, text->str);
    }

  for (guint i = 0; i < 300; i++)
    {
      guint n = g_rand_int_range (rand, 1, 24);

      g_string_truncate (text, 0);
      for (guint j = 0; j < n; j++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      assert_tokens_as_server (db, text->str);
    }
}

static void
test_cancelled_leaves_nothing (void)
{
  g_autofree char *dbname = hw_test_cluster_new_database ("demo_x");
  g_autofree char *conninfo = hw_test_cluster_conninfo (NULL, dbname);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HwDb) db = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (hw_demo_data_generate_sync (conninfo, N_CASES, N_SIGHTINGS, 1, NULL, NULL,
                                              cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  db = hw_test_connect (conninfo);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.abduction_case", NULL), ==, 0);
  g_assert_cmpint (hw_test_query_int (db, "SELECT count(*) FROM homeward.sighting", NULL), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  hw_test_cluster_start ();

  g_test_add_func ("/db/demo-data/deterministic", test_deterministic);
  g_test_add_func ("/db/demo-data/plausible", test_plausible);
  g_test_add_func ("/db/demo-data/search-tokens", test_search_tokens);
  g_test_add_func ("/db/demo-data/cancelled", test_cancelled_leaves_nothing);

  ret = g_test_run ();

  hw_test_cluster_stop ();

  return ret;
}
