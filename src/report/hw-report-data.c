/* hw-report-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-report"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>

#include "hw-case.h"
#include "hw-report-data.h"

/* Gathers a report's contents: the queries of data/queries/report/ sent
 * together on the caller's connection (HwDb runs them in order without
 * blocking the main loop), then the photos decoded — and blurred when
 * asked — on a worker thread. */

#define SQL_PATH "/io/github/homeward/Homeward/queries/report/"

/* Photos are decoded at about 200 dpi of the size they are printed at. */
#define CASE_PHOTO_SIZE     480
#define SIGHTING_PHOTO_SIZE 240

G_DEFINE_QUARK (hw-report-error-quark, hw_report_error)

/* Options */

HwReportOptions *
hw_report_options_new (void)
{
  HwReportOptions *options = g_new0 (HwReportOptions, 1);

  options->include_photos = TRUE;

  return options;
}

HwReportOptions *
hw_report_options_copy (const HwReportOptions *options)
{
  HwReportOptions *copy;

  if (options == NULL)
    return hw_report_options_new ();

  copy = g_new0 (HwReportOptions, 1);
  copy->include_photos = options->include_photos;
  copy->blur_photos = options->blur_photos;
  copy->timeline_from = options->timeline_from != NULL ? g_date_time_ref (options->timeline_from) : NULL;
  copy->timeline_to = options->timeline_to != NULL ? g_date_time_ref (options->timeline_to) : NULL;
  copy->reader_name = g_strdup (options->reader_name);
  copy->generated_at = options->generated_at != NULL ? g_date_time_ref (options->generated_at) : NULL;

  return copy;
}

void
hw_report_options_free (HwReportOptions *options)
{
  if (options == NULL)
    return;

  g_clear_pointer (&options->timeline_from, g_date_time_unref);
  g_clear_pointer (&options->timeline_to, g_date_time_unref);
  g_clear_pointer (&options->generated_at, g_date_time_unref);
  g_free (options->reader_name);
  g_free (options);
}

/* Freeing */

static void
photo_free (HwReportPhoto *photo)
{
  g_clear_pointer (&photo->image_data, g_bytes_unref);
  g_clear_pointer (&photo->image, cairo_surface_destroy);
  g_free (photo);
}

static void
relative_free (HwReportRelative *relative)
{
  g_free (relative->relationship);
  g_free (relative->name);
  g_free (relative->name_latin);
  g_free (relative->phone);
  g_free (relative->address);
  g_free (relative);
}

static void
sighting_free (HwReportSighting *sighting)
{
  g_free (sighting->channel);
  g_free (sighting->source_ref);
  g_free (sighting->reporter_name);
  g_free (sighting->place);
  g_free (sighting->description);
  g_free (sighting->sex);
  g_free (sighting->status);
  g_free (sighting->confidence);
  g_free (sighting->rationale);
  g_free (sighting->linked_by);
  g_free (sighting->withdrawn_reason);
  g_clear_pointer (&sighting->image_data, g_bytes_unref);
  g_clear_pointer (&sighting->image, cairo_surface_destroy);
  g_free (sighting);
}

static void
step_free (HwReportStep *step)
{
  g_free (step->kind);
  g_free (step->outcome);
  g_free (step->notes);
  g_free (step->officer_name);
  g_free (step);
}

static void
custody_event_free (HwReportCustodyEvent *event)
{
  g_free (event->event);
  g_free (event->officer_name);
  g_free (event->notes);
  g_free (event->problem);
  g_free (event->missing);
  g_free (event);
}

static void
sample_free (HwReportSample *sample)
{
  g_free (sample->lab);
  g_free (sample->lab_reference);
  g_free (sample->kit);
  g_free (sample->collected_by);
  g_free (sample->relationship);
  g_free (sample->name);
  g_clear_pointer (&sample->custody, g_ptr_array_unref);
  g_free (sample);
}

static void
comparison_free (HwReportComparison *comparison)
{
  g_free (comparison->child_reference);
  g_free (comparison->father_reference);
  g_free (comparison->mother_reference);
  g_free (comparison->conclusion);
  g_free (comparison->combined_index);
  g_free (comparison->probability);
  g_free (comparison->computed_index);
  g_free (comparison->report_reference);
  g_free (comparison);
}

static void
contact_free (HwReportContact *contact)
{
  g_free (contact->channel);
  g_free (contact->officer_name);
  g_free (contact->member_name);
  g_free (contact->member_relationship);
  g_free (contact->summary);
  g_free (contact->outcome);
  g_free (contact->next_step);
  g_free (contact);
}

static void
reunion_free (HwReportReunion *reunion)
{
  g_free (reunion->reunited_on);
  g_free (reunion->place);
  g_free (reunion->officers);
  g_free (reunion->family_present);
  g_free (reunion->notes);
  g_free (reunion->child_decision);
  g_free (reunion->proposed_by);
  g_free (reunion->signed_off_by);
  g_free (reunion->case_number);
  g_free (reunion->child_name);
  g_free (reunion);
}

static void
open_case_free (HwReportOpenCase *open_case)
{
  g_free (open_case->case_number);
  g_free (open_case->status);
  g_free (open_case->priority);
  g_free (open_case->child_name);
  g_free (open_case->abducted_precision);
  g_free (open_case->officer_name);
  g_free (open_case);
}

static void
overdue_free (HwReportOverdue *overdue)
{
  g_free (overdue->priority);
  g_free (overdue->channel);
  g_free (overdue->place);
  g_free (overdue->officer_name);
  g_free (overdue);
}

void
hw_report_case_free (HwReportCase *data)
{
  if (data == NULL)
    return;

  g_clear_pointer (&data->options, hw_report_options_free);
  g_free (data->reader_name);
  g_free (data->case_number);
  g_free (data->status);
  g_free (data->status_reason);
  g_free (data->priority);
  g_free (data->unit_code);
  g_free (data->unit_name);
  g_free (data->officer_name);
  g_free (data->officer_rank);
  g_free (data->abducted_precision);
  g_free (data->place);
  g_free (data->region_code);
  g_free (data->latitude);
  g_free (data->longitude);
  g_free (data->circumstances);
  g_free (data->child_name);
  g_free (data->child_name_latin);
  g_free (data->nicknames);
  g_free (data->sex);
  g_free (data->birth_date);
  g_free (data->birth_precision);
  g_free (data->marks);
  g_free (data->native_place);
  g_free (data->dialect);
  g_clear_pointer (&data->photos, g_ptr_array_unref);
  g_clear_pointer (&data->family, g_ptr_array_unref);
  g_clear_pointer (&data->sightings, g_ptr_array_unref);
  g_clear_pointer (&data->steps, g_ptr_array_unref);
  g_clear_pointer (&data->samples, g_ptr_array_unref);
  g_clear_pointer (&data->comparisons, g_ptr_array_unref);
  g_clear_pointer (&data->contacts, g_ptr_array_unref);
  g_clear_pointer (&data->reunions, g_ptr_array_unref);
  g_free (data);
}

void
hw_report_summary_free (HwReportSummary *data)
{
  if (data == NULL)
    return;

  g_free (data->reader_name);
  g_free (data->unit_code);
  g_free (data->unit_name);
  g_free (data->unit_region);
  g_clear_pointer (&data->case_counts, g_hash_table_unref);
  g_clear_pointer (&data->sighting_counts, g_hash_table_unref);
  g_clear_pointer (&data->overdue, g_ptr_array_unref);
  g_clear_pointer (&data->reunions, g_ptr_array_unref);
  g_clear_pointer (&data->open_cases, g_ptr_array_unref);
  g_free (data);
}

/* How many of @status (0 when none). */
gint64
hw_report_summary_count (GHashTable *counts,
                         const char *status)
{
  gint64 *value = counts != NULL ? g_hash_table_lookup (counts, status) : NULL;

  return value != NULL ? *value : 0;
}

/* Cells */

/* The text of a cell, NULL for SQL NULL and for an empty text. */
static char *
text_cell (HwDbResult *rows,
           guint       row,
           const char *column)
{
  const char *value = hw_db_result_cell (rows, row, column);

  return value != NULL && value[0] != '\0' ? g_strdup (value) : NULL;
}

static gint64
time_cell (HwDbResult *rows,
           guint       row,
           const char *column)
{
  return hw_db_result_int_cell (rows, row, column, HW_REPORT_NO_TIME);
}

static char *
param_time (GDateTime *time)
{
  return time != NULL ? g_date_time_format_iso8601 (time) : NULL;
}

/* Photos */

typedef struct
{
  int      max_size;
  gboolean refused;
} DecodeLimits;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  DecodeLimits *limits = user_data;
  double scale;

  /* Untrusted bytes: no picture bigger than any photo Homeward stores. */
  if (width <= 0 || height <= 0 || (gint64) width * height > HW_CASE_PHOTO_MAX_PIXELS)
    {
      limits->refused = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  scale = MIN (1.0, (double) limits->max_size / MAX (width, height));
  if (scale < 1.0)
    gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale + 0.5)), MAX (1, (int) (height * scale + 0.5)));
}

/* One pass of a box blur of @radius along rows (@horizontal) or columns of
 * 3- or 4-channel 8-bit pixels, from @src into @dst. */
static void
box_blur_pass (const guint8 *src,
               guint8       *dst,
               int           width,
               int           height,
               int           rowstride,
               int           channels,
               int           radius,
               gboolean      horizontal)
{
  int lines = horizontal ? height : width;
  int length = horizontal ? width : height;
  gsize step = horizontal ? (gsize) channels : (gsize) rowstride;
  gsize line_step = horizontal ? (gsize) rowstride : (gsize) channels;
  int window = 2 * radius + 1;

  for (int l = 0; l < lines; l++)
    {
      const guint8 *in = src + l * line_step;
      guint8 *out = dst + l * line_step;

      for (int c = 0; c < channels; c++)
        {
          guint sum = 0;

          /* Edges repeat the first and last pixels. */
          for (int i = -radius; i <= radius; i++)
            sum += in[CLAMP (i, 0, length - 1) * step + c];

          for (int i = 0; i < length; i++)
            {
              out[i * step + c] = (guint8) (sum / window);
              sum += in[MIN (i + radius + 1, length - 1) * step + c];
              sum -= in[MAX (i - radius, 0) * step + c];
            }
        }
    }
}

/* Blurs the whole picture so that no face in it can be recognised (no
 * photo records where the face is): three box blurs approach a Gaussian. */
static void
blur_pixbuf (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int radius = MAX (2, MAX (width, height) / 24);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  gsize size = (gsize) rowstride * (gsize) (height - 1) + (gsize) width * (gsize) channels;
  g_autofree guint8 *scratch = g_malloc (size);

  for (int pass = 0; pass < 3; pass++)
    {
      box_blur_pass (pixels, scratch, width, height, rowstride, channels, radius, TRUE);
      box_blur_pass (scratch, pixels, width, height, rowstride, channels, radius, FALSE);
    }
}

/* A pixbuf as a cairo image, with its JPEG encoding attached so that the
 * PDF embeds it compressed (a PDF with photos stays small and fast). */
static cairo_surface_t *
surface_from_pixbuf (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  int stride = cairo_image_surface_get_stride (surface);
  guint8 *out = cairo_image_surface_get_data (surface);
  g_autoptr(GdkPixbuf) flat = NULL;
  gchar *jpeg = NULL;
  gsize jpeg_size = 0;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    {
      const guint8 *p = pixels + y * rowstride;
      guint8 *q = out + y * stride;

      for (int x = 0; x < width; x++, p += channels, q += 4)
        {
          /* Photos of children are printed on white: transparency
           * becomes white. */
          guint a = channels == 4 ? p[3] : 255;
          guint32 r = (p[0] * a + 255 * (255 - a)) / 255;
          guint32 g = (p[1] * a + 255 * (255 - a)) / 255;
          guint32 b = (p[2] * a + 255 * (255 - a)) / 255;
          guint32 pixel = 0xff000000u | r << 16 | g << 8 | b;

          memcpy (q, &pixel, sizeof pixel);
        }
    }
  cairo_surface_mark_dirty (surface);

  flat = channels == 4 ? gdk_pixbuf_composite_color_simple (pixbuf, width, height, GDK_INTERP_NEAREST,
                                                            255, 8, 0xffffffff, 0xffffffff)
                       : g_object_ref (pixbuf);
  if (flat != NULL && gdk_pixbuf_save_to_buffer (flat, &jpeg, &jpeg_size, "jpeg", NULL, "quality", "88", NULL))
    cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG, (const guchar *) jpeg, jpeg_size, g_free, jpeg);

  return surface;
}

/**
 * hw_report_decode_photo:
 * @data: a photo's bytes as stored
 * @max_size: the longest side to decode at, in pixels
 * @blur: blur the whole photo
 *
 * Decodes a photo for print with the limits Homeward puts on untrusted
 * images. Safe on any thread.
 *
 * Returns: (transfer full) (nullable): the picture, or %NULL when @data is
 *   no picture Homeward reads
 */
cairo_surface_t *
hw_report_decode_photo (GBytes   *data,
                        int       max_size,
                        gboolean  blur)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  DecodeLimits limits = { max_size, FALSE };
  GdkPixbuf *pixbuf;
  gboolean decoded;

  g_return_val_if_fail (max_size > 0, NULL);

  if (data == NULL || g_bytes_get_size (data) == 0 || g_bytes_get_size (data) > HW_CASE_PHOTO_MAX_BYTES)
    return NULL;

  /* Blurred pictures are decoded small: nothing of the face is kept. */
  if (blur)
    limits.max_size = MIN (max_size, 160);

  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &limits);
  decoded = gdk_pixbuf_loader_write_bytes (loader, data, NULL);
  /* Closed whatever happened: a loader freed unclosed complains. */
  decoded = gdk_pixbuf_loader_close (loader, NULL) && decoded;
  if (!decoded || limits.refused || !(pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)))
    return NULL;

  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  if (oriented == NULL || gdk_pixbuf_get_bits_per_sample (oriented) != 8 ||
      gdk_pixbuf_get_colorspace (oriented) != GDK_COLORSPACE_RGB)
    return NULL;

  if (blur)
    {
      g_autoptr(GdkPixbuf) copy = gdk_pixbuf_copy (oriented);

      blur_pixbuf (copy);
      return surface_from_pixbuf (copy);
    }

  return surface_from_pixbuf (oriented);
}

/* Loading: shared by the case report and the unit summary */

typedef void (*ReadFunc) (gpointer    data,
                          HwDbResult *rows);

typedef struct
{
  gpointer         data;            /* HwReportCase or HwReportSummary */
  GDestroyNotify   data_free;
  HwReportOptions *options;
  GError          *error;
  guint            pending;
  char            *what;            /* the case number or unit code asked for */
  void           (*complete) (GTask *task);
} Load;

typedef struct
{
  GTask    *task;
  ReadFunc  read;
} Query;

static void
load_free (Load *load)
{
  if (load->data != NULL)
    load->data_free (load->data);
  g_clear_pointer (&load->options, hw_report_options_free);
  g_clear_error (&load->error);
  g_free (load->what);
  g_free (load);
}

static GError *
case_not_found (const char *what)
{
  return g_error_new (HW_REPORT_ERROR, HW_REPORT_ERROR_NOT_FOUND,
                      _("There is no case %s, or you may not read it."), what);
}

static GError *
unit_not_found (const char *what)
{
  return g_error_new (HW_REPORT_ERROR, HW_REPORT_ERROR_NOT_FOUND, _("There is no unit %s."), what);
}

/* A query's failure in the reader's words: a refusal says what may not be
 * read, a query stopped by the server (a statement timeout: HwDb hears
 * it as a cancellation) is not mistaken for the caller's cancellation,
 * and any other failure says what could not be read. Takes @error. */
static GError *
report_error (GTask      *task,
              GError     *error,
              const char *what)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_assert (error != NULL);

  if (g_error_matches (error, HW_DB_ERROR, HW_DB_ERROR_PERMISSION))
    {
      GError *permission = g_error_new (HW_REPORT_ERROR, HW_REPORT_ERROR_PERMISSION,
                                        _("You may not read %s: %s"), what, error->message);

      g_error_free (error);
      return permission;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
        return error;

      g_error_free (error);
      return g_error_new (HW_REPORT_ERROR, HW_REPORT_ERROR_STOPPED,
                          _("Could not read %s: the database stopped the query before it was done (it took "
                            "longer than the server allows, or it was cancelled on the server)."),
                          what);
    }

  /* Translators: the start of a message; %s is a case number or a unit */
  g_prefix_error (&error, _("Could not read %s: "), what);
  return error;
}

/* Takes @error, a failure of one of the load's queries: the first one is
 * what the caller hears of, the others are dropped. */
static void
load_failed (GTask  *task,
             GError *error)
{
  Load *load = g_task_get_task_data (task);

  if (load->error == NULL)
    load->error = report_error (task, error, load->what);
  else
    g_error_free (error);
}

/* One query (or the first, that finds the case or unit) is done: the
 * last one returns the first error or completes the load. */
static void
load_done (GTask *task)
{
  Load *load = g_task_get_task_data (task);

  g_assert (load->pending > 0);
  if (--load->pending > 0)
    return;

  if (load->error != NULL)
    g_task_return_error (task, g_steal_pointer (&load->error));
  else
    load->complete (task);
}

static void
query_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Query *query = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&query->task);
  Load *load = g_task_get_task_data (task);
  g_autoptr(HwDbResult) rows = NULL;
  GError *error = NULL;

  rows = hw_db_query_finish (HW_DB (object), result, &error);
  if (rows == NULL)
    load_failed (task, error);
  else if (load->error == NULL)
    query->read (load->data, rows);

  g_free (query);
  load_done (task);
}

/* Sends a query; @read takes its rows when it succeeded and no query
 * before failed. */
static void
queue (GTask              *task,
       HwDb               *db,
       const char         *name,
       const char * const *params,
       guint               n_params,
       ReadFunc            read)
{
  Load *load = g_task_get_task_data (task);
  Query *query = g_new0 (Query, 1);

  query->task = g_object_ref (task);
  query->read = read;
  load->pending++;
  hw_db_query_async (db, hw_db_get_query (SQL_PATH, name), params, n_params,
                     g_task_get_cancellable (task), query_cb, query);
}

static void
read_reader (char       **name,
             HwDbResult  *rows)
{
  if (*name == NULL && hw_db_result_get_n_rows (rows) > 0)
    *name = text_cell (rows, 0, "name");
}

/* The case report */

static void
read_case_reader (gpointer    data,
                  HwDbResult *rows)
{
  read_reader (&((HwReportCase *) data)->reader_name, rows);
}

static void
read_photos (gpointer    data,
             HwDbResult *rows)
{
  HwReportCase *report = data;

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwReportPhoto *photo = g_new0 (HwReportPhoto, 1);

      photo->id = hw_db_result_int_cell (rows, i, "id", 0);
      photo->taken_at = time_cell (rows, i, "taken_at");
      photo->image_data = hw_db_result_hex_cell (rows, i, "image");
      g_ptr_array_add (report->photos, photo);
    }
}

static void
read_family (gpointer    data,
             HwDbResult *rows)
{
  HwReportCase *report = data;

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwReportRelative *relative = g_new0 (HwReportRelative, 1);

      relative->relationship = text_cell (rows, i, "relationship");
      relative->name = text_cell (rows, i, "name");
      relative->name_latin = text_cell (rows, i, "name_latin");
      relative->phone = text_cell (rows, i, "phone");
      relative->address = text_cell (rows, i, "address");
      relative->has_contact = hw_db_result_bool_cell (rows, i, "has_contact");
      relative->dna_given = hw_db_result_bool_cell (rows, i, "dna_given");
      relative->consent_contact = hw_db_result_bool_cell (rows, i, "consent_contact");
      relative->consent_dna = hw_db_result_bool_cell (rows, i, "consent_dna");
      relative->consent_publish = hw_db_result_bool_cell (rows, i, "consent_publish");
      g_ptr_array_add (report->family, relative);
    }
}

static void
read_sightings (gpointer    data,
                HwDbResult *rows)
{
  HwReportCase *report = data;

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwReportSighting *sighting = g_new0 (HwReportSighting, 1);

      sighting->id = hw_db_result_int_cell (rows, i, "id", 0);
      sighting->received_at = time_cell (rows, i, "received_at");
      sighting->observed_at = time_cell (rows, i, "observed_at");
      sighting->linked_at = time_cell (rows, i, "linked_at");
      sighting->channel = text_cell (rows, i, "channel");
      sighting->source_ref = text_cell (rows, i, "source_ref");
      sighting->reporter_name = text_cell (rows, i, "reporter_name");
      sighting->anonymous = hw_db_result_bool_cell (rows, i, "reporter_anonymous");
      sighting->place = text_cell (rows, i, "place_text");
      sighting->description = text_cell (rows, i, "description");
      sighting->age_min = (int) hw_db_result_int_cell (rows, i, "apparent_age_min", -1);
      sighting->age_max = (int) hw_db_result_int_cell (rows, i, "apparent_age_max", -1);
      sighting->sex = text_cell (rows, i, "apparent_sex");
      sighting->status = text_cell (rows, i, "status");
      sighting->confidence = text_cell (rows, i, "confidence");
      sighting->rationale = text_cell (rows, i, "rationale");
      sighting->linked_by = text_cell (rows, i, "linked_by");
      sighting->withdrawn = hw_db_result_bool_cell (rows, i, "withdrawn");
      sighting->withdrawn_reason = text_cell (rows, i, "withdrawn_reason");
      sighting->image_data = hw_db_result_hex_cell (rows, i, "image");
      g_ptr_array_add (report->sightings, sighting);
    }
}

static void
read_steps (gpointer    data,
            HwDbResult *rows)
{
  HwReportCase *report = data;

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwReportStep *step = g_new0 (HwReportStep, 1);

      step->id = hw_db_result_int_cell (rows, i, "id", 0);
      step->sighting_id = hw_db_result_int_cell (rows, i, "sighting_id", 0);
      step->link_id = hw_db_result_int_cell (rows, i, "link_id", 0);
      step->kind = text_cell (rows, i, "kind");
      step->outcome = text_cell (rows, i, "outcome");
      step->notes = text_cell (rows, i, "notes");
      step->restricted = hw_db_result_bool_cell (rows, i, "restricted");
      step->officer_name = text_cell (rows, i, "officer_name");
      step->performed_at = time_cell (rows, i, "performed_at");
      step->corrects_step_id = hw_db_result_int_cell (rows, i, "corrects_step_id", 0);
      step->corrected_by_id = hw_db_result_int_cell (rows, i, "corrected_by", 0);
      g_ptr_array_add (report->steps, step);
    }
}

static void
read_samples (gpointer    data,
              HwDbResult *rows)
{
  HwReportCase *report = data;

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwReportSample *sample = g_new0 (HwReportSample, 1);

      sample->id = hw_db_result_int_cell (rows, i, "id", 0);
      sample->lab = text_cell (rows, i, "lab");
      sample->lab_reference = text_cell (rows, i, "lab_reference");
      sample->kit = text_cell (rows, i, "kit");
      sample->collected_at = time_cell (rows, i, "collected_at");
      sample->collected_by = text_cell (rows, i, "collected_by");
      sample->relationship = text_cell (rows, i, "relationship");
      sample->name = text_cell (rows, i, "name");
      sample->found_child = hw_db_result_bool_cell (rows, i, "found_child");
      sample->readable = hw_db_result_bool_cell (rows, i, "readable");
      sample->loci = hw_db_result_int_cell (rows, i, "loci", -1);
      sample->custody = g_ptr_array_new_with_free_func ((GDestroyNotify) custody_event_free);
      g_ptr_array_add (report->samples, sample);
    }
}

/* Custody events come after the samples (queries run in order). */
static void
read_custody (gpointer    data,
              HwDbResult *rows)
{
  HwReportCase *report = data;

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      gint64 sample_id = hw_db_result_int_cell (rows, i, "sample_id", 0);
      HwReportCustodyEvent *event;
      HwReportSample *sample = NULL;

      for (guint s = 0; s < report->samples->len && sample == NULL; s++)
        if (((HwReportSample *) g_ptr_array_index (report->samples, s))->id == sample_id)
          sample = g_ptr_array_index (report->samples, s);
      if (sample == NULL)
        continue;

      event = g_new0 (HwReportCustodyEvent, 1);
      event->event = text_cell (rows, i, "event");
      event->occurred_at = time_cell (rows, i, "occurred_at");
      event->officer_name = text_cell (rows, i, "officer_name");
      event->notes = text_cell (rows, i, "notes");
      event->problem = text_cell (rows, i, "problem");
      event->missing = text_cell (rows, i, "missing");
      g_ptr_array_add (sample->custody, event);
    }
}

static void
read_comparisons (gpointer    data,
                  HwDbResult *rows)
{
  HwReportCase *report = data;

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwReportComparison *comparison = g_new0 (HwReportComparison, 1);

      comparison->child_reference = text_cell (rows, i, "child_reference");
      comparison->father_reference = text_cell (rows, i, "father_reference");
      comparison->mother_reference = text_cell (rows, i, "mother_reference");
      comparison->conclusion = text_cell (rows, i, "conclusion");
      comparison->combined_index = text_cell (rows, i, "combined_index");
      comparison->probability = text_cell (rows, i, "probability");
      comparison->computed_index = text_cell (rows, i, "computed_index");
      comparison->reported_at = time_cell (rows, i, "reported_at");
      comparison->report_reference = text_cell (rows, i, "report_reference");
      g_ptr_array_add (report->comparisons, comparison);
    }
}

static void
read_contacts (gpointer    data,
               HwDbResult *rows)
{
  HwReportCase *report = data;

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwReportContact *contact = g_new0 (HwReportContact, 1);

      contact->occurred_at = time_cell (rows, i, "occurred_at");
      contact->channel = text_cell (rows, i, "channel");
      contact->officer_name = text_cell (rows, i, "officer_name");
      contact->member_name = text_cell (rows, i, "member_name");
      contact->member_relationship = text_cell (rows, i, "member_relationship");
      contact->summary = text_cell (rows, i, "summary");
      contact->outcome = text_cell (rows, i, "outcome");
      contact->next_step = text_cell (rows, i, "next_step");
      g_ptr_array_add (report->contacts, contact);
    }
}

static HwReportReunion *
reunion_from_row (HwDbResult *rows,
                  guint       i)
{
  HwReportReunion *reunion = g_new0 (HwReportReunion, 1);

  reunion->reunited_on = text_cell (rows, i, "reunited_on");
  reunion->place = text_cell (rows, i, "place");
  reunion->proposed_by = text_cell (rows, i, "proposed_by");
  reunion->signed_off_by = text_cell (rows, i, "signed_off_by");
  reunion->signed_off_at = time_cell (rows, i, "signed_off_at");

  return reunion;
}

static void
read_reunions (gpointer    data,
               HwDbResult *rows)
{
  HwReportCase *report = data;

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwReportReunion *reunion = reunion_from_row (rows, i);

      reunion->officers = text_cell (rows, i, "officers");
      reunion->family_present = text_cell (rows, i, "family_present");
      reunion->notes = text_cell (rows, i, "notes");
      reunion->child_decision = text_cell (rows, i, "child_decision");
      g_ptr_array_add (report->reunions, reunion);
    }
}

static void
decode_case_photos_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  Load *load = task_data;
  HwReportCase *report = load->data;
  gboolean blur = report->options->blur_photos;

  for (guint i = 0; i < report->photos->len; i++)
    {
      HwReportPhoto *photo = g_ptr_array_index (report->photos, i);

      if (g_cancellable_is_cancelled (cancellable))
        break;
      photo->image = hw_report_decode_photo (photo->image_data, CASE_PHOTO_SIZE, blur);
      g_clear_pointer (&photo->image_data, g_bytes_unref);
    }

  for (guint i = 0; i < report->sightings->len; i++)
    {
      HwReportSighting *sighting = g_ptr_array_index (report->sightings, i);

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (sighting->image_data != NULL)
        sighting->image = hw_report_decode_photo (sighting->image_data, SIGHTING_PHOTO_SIZE, blur);
      g_clear_pointer (&sighting->image_data, g_bytes_unref);
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, g_steal_pointer (&load->data), (GDestroyNotify) hw_report_case_free);
}

static void
case_complete (GTask *task)
{
  g_task_run_in_thread (task, decode_case_photos_thread);
}

static void
case_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  HwReportCase *report = load->data;
  HwDb *db = HW_DB (object);
  g_autoptr(HwDbResult) rows = NULL;
  g_autofree char *id = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GError *error = NULL;

  if (!(rows = hw_db_query_finish (db, result, &error)))
    load_failed (task, error);
  else if (hw_db_result_get_n_rows (rows) == 0)
    load_failed (task, case_not_found (load->what));
  if (load->error != NULL)
    {
      load_done (task);
      return;
    }

  report->id = hw_db_result_int_cell (rows, 0, "id", 0);
  report->case_number = text_cell (rows, 0, "case_number");
  report->status = text_cell (rows, 0, "status");
  report->status_reason = text_cell (rows, 0, "status_reason");
  report->status_changed_at = time_cell (rows, 0, "status_changed_at");
  report->priority = text_cell (rows, 0, "priority");
  report->unit_code = text_cell (rows, 0, "unit_code");
  report->unit_name = text_cell (rows, 0, "unit_name");
  report->officer_name = text_cell (rows, 0, "officer_name");
  report->officer_rank = text_cell (rows, 0, "officer_rank");
  report->created_at = time_cell (rows, 0, "created_at");
  report->abducted_at = time_cell (rows, 0, "abducted_at");
  report->abducted_precision = text_cell (rows, 0, "abducted_at_precision");
  report->place = text_cell (rows, 0, "place_text");
  report->region_code = text_cell (rows, 0, "region_code");
  report->latitude = text_cell (rows, 0, "latitude");
  report->longitude = text_cell (rows, 0, "longitude");
  report->circumstances = text_cell (rows, 0, "circumstances");
  report->child_name = text_cell (rows, 0, "child_name");
  report->child_name_latin = text_cell (rows, 0, "child_name_latin");
  report->nicknames = text_cell (rows, 0, "nicknames");
  report->sex = text_cell (rows, 0, "sex");
  report->birth_date = text_cell (rows, 0, "birth_date");
  report->birth_precision = text_cell (rows, 0, "birth_date_precision");
  report->marks = text_cell (rows, 0, "distinguishing_marks");
  report->native_place = text_cell (rows, 0, "native_place");
  report->dialect = text_cell (rows, 0, "dialect");
  report->family_visible = hw_db_result_bool_cell (rows, 0, "family_visible");
  /* A copy for sharing outside the police holds no contact details. */
  report->contact_visible = report->family_visible && hw_db_result_bool_cell (rows, 0, "contact_visible") &&
                            !report->options->blur_photos;

  g_free (load->what);
  load->what = g_strdup (report->case_number);

  id = g_strdup_printf ("%" G_GINT64_FORMAT, report->id);
  from = param_time (report->options->timeline_from);
  to = param_time (report->options->timeline_to);

  {
    const char *by_case[] = { id };
    const char *with_photos[] = { id, report->options->include_photos ? "true" : "false" };
    const char *in_period[] = { id, from, to };
    const char *family[] = { id, report->options->blur_photos ? "true" : "false" };

    if (report->options->include_photos)
      queue (task, db, "case-photos", by_case, 1, read_photos);
    if (report->family_visible)
      queue (task, db, "family", family, 2, read_family);
    queue (task, db, "sightings", with_photos, 2, read_sightings);
    queue (task, db, "steps", in_period, 3, read_steps);
    queue (task, db, "dna-samples", by_case, 1, read_samples);
    queue (task, db, "dna-custody", by_case, 1, read_custody);
    queue (task, db, "dna-results", by_case, 1, read_comparisons);
    if (report->family_visible)
      queue (task, db, "contacts", by_case, 1, read_contacts);
    queue (task, db, "reunions", by_case, 1, read_reunions);
  }
  load_done (task);
}

static GDateTime *
now_or (GDateTime *time)
{
  return time != NULL ? g_date_time_ref (time) : g_date_time_new_now_local ();
}

/**
 * hw_report_summary_period:
 * @from: (inout): the first moment of the period, or %NULL for its default
 * @to: (inout): its end, exclusive, or %NULL for its default
 *
 * Fills in what is not given of a unit summary's period: it ends at the
 * midnight after today and lasts a week.
 */
void
hw_report_summary_period (GDateTime **from,
                          GDateTime **to)
{
  if (*to == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                          g_date_time_get_day_of_month (now), 0, 0, 0);

      *to = g_date_time_add_days (today, 1);
    }
  if (*from == NULL)
    *from = g_date_time_add_days (*to, -7);
}

/**
 * hw_report_case_load_async:
 * @case_id: the case, or 0 to find it by @case_number
 * @case_number: (nullable): the case's number when @case_id is 0
 * @options: (nullable): what to include; %NULL for the defaults
 *
 * Reads everything a case report shows, as the caller may read it (phone
 * numbers and addresses only for the case's assigned officer and the
 * supervisors of its unit), and decodes its photos on a worker thread.
 * Fails with %HW_REPORT_ERROR_NOT_FOUND when there is no such case (a
 * case number that is not UTF-8 included), %HW_REPORT_ERROR_PERMISSION
 * when the caller may not read it and %HW_REPORT_ERROR_STOPPED when the
 * server stopped a query; any other failure keeps its domain and code,
 * its message prefixed with what could not be read. Every failure has a
 * message for the reader.
 */
void
hw_report_case_load_async (HwDb                  *db,
                           gint64                 case_id,
                           const char            *case_number,
                           const HwReportOptions *options,
                           GCancellable          *cancellable,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *id = case_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, case_id) : NULL;
  HwReportCase *report;
  Load *load;

  g_return_if_fail (HW_IS_DB (db));
  g_return_if_fail (case_id > 0 || case_number != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_report_case_load_async);

  report = g_new0 (HwReportCase, 1);
  report->options = hw_report_options_copy (options);
  report->reader_name = g_strdup (report->options->reader_name);
  now = now_or (report->options->generated_at);
  report->generated_at = g_date_time_to_unix (now);
  report->photos = g_ptr_array_new_with_free_func ((GDestroyNotify) photo_free);
  report->family = g_ptr_array_new_with_free_func ((GDestroyNotify) relative_free);
  report->sightings = g_ptr_array_new_with_free_func ((GDestroyNotify) sighting_free);
  report->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  report->samples = g_ptr_array_new_with_free_func ((GDestroyNotify) sample_free);
  report->comparisons = g_ptr_array_new_with_free_func ((GDestroyNotify) comparison_free);
  report->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) contact_free);
  report->reunions = g_ptr_array_new_with_free_func ((GDestroyNotify) reunion_free);

  load = g_new0 (Load, 1);
  load->data = report;
  load->data_free = (GDestroyNotify) hw_report_case_free;
  load->complete = case_complete;
  /* What the caller typed goes into messages: as text, whatever its bytes. */
  load->what = case_id > 0 ? g_strdup_printf (_("case %s"), id) : g_utf8_make_valid (case_number, -1);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);

  /* No case number is anything but text: the server would refuse the
   * bytes of one that is not. */
  if (case_id <= 0 && !g_utf8_validate (case_number, -1, NULL))
    {
      g_task_return_error (task, case_not_found (load->what));
      return;
    }

  /* The reader, then the case: the rest once the case is known. */
  {
    const char *params[] = { id, case_number };

    /* The case or unit query counts as one until its callback has
     * sent the rest. */
    load->pending = 1;
    queue (task, db, "reader", NULL, 0, read_case_reader);
    hw_db_query_async (db, hw_db_get_query (SQL_PATH, "case"), params, 2, cancellable, case_cb,
                       g_steal_pointer (&task));
  }
}

/**
 * hw_report_case_load_finish:
 *
 * Returns: (transfer full): the report's contents, or %NULL with @error set
 */
HwReportCase *
hw_report_case_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The unit summary */

static void
read_summary_reader (gpointer    data,
                     HwDbResult *rows)
{
  read_reader (&((HwReportSummary *) data)->reader_name, rows);
}

static void
read_counts (gpointer    data,
             HwDbResult *rows)
{
  HwReportSummary *summary = data;

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      gint64 *n = g_new (gint64, 1);
      gboolean cases = g_strcmp0 (hw_db_result_cell (rows, i, "kind"), "case") == 0;

      *n = hw_db_result_int_cell (rows, i, "n", 0);
      g_hash_table_insert (cases ? summary->case_counts : summary->sighting_counts,
                           hw_db_result_dup_cell (rows, i, "status"), n);
    }
}

static void
read_overdue (gpointer    data,
              HwDbResult *rows)
{
  HwReportSummary *summary = data;

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwReportOverdue *overdue = g_new0 (HwReportOverdue, 1);

      summary->overdue_total = hw_db_result_int_cell (rows, i, "total", 0);
      overdue->id = hw_db_result_int_cell (rows, i, "id", 0);
      overdue->received_at = time_cell (rows, i, "received_at");
      overdue->deadline = time_cell (rows, i, "deadline");
      overdue->priority = text_cell (rows, i, "priority");
      overdue->channel = text_cell (rows, i, "channel");
      overdue->place = text_cell (rows, i, "place_text");
      overdue->officer_name = text_cell (rows, i, "officer_name");
      g_ptr_array_add (summary->overdue, overdue);
    }
}

static void
read_summary_reunions (gpointer    data,
                       HwDbResult *rows)
{
  HwReportSummary *summary = data;

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwReportReunion *reunion = reunion_from_row (rows, i);

      reunion->case_number = text_cell (rows, i, "case_number");
      reunion->child_name = text_cell (rows, i, "child_name");
      g_ptr_array_add (summary->reunions, reunion);
    }
}

static void
read_open_cases (gpointer    data,
                 HwDbResult *rows)
{
  HwReportSummary *summary = data;

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwReportOpenCase *open_case = g_new0 (HwReportOpenCase, 1);

      open_case->id = hw_db_result_int_cell (rows, i, "id", 0);
      open_case->case_number = text_cell (rows, i, "case_number");
      open_case->status = text_cell (rows, i, "status");
      open_case->priority = text_cell (rows, i, "priority");
      open_case->child_name = text_cell (rows, i, "child_name");
      open_case->abducted_at = time_cell (rows, i, "abducted_at");
      open_case->abducted_precision = text_cell (rows, i, "abducted_at_precision");
      open_case->officer_name = text_cell (rows, i, "officer_name");
      open_case->status_changed_at = time_cell (rows, i, "status_changed_at");
      open_case->links = hw_db_result_int_cell (rows, i, "links", 0);
      open_case->last_link_at = time_cell (rows, i, "last_link_at");
      g_ptr_array_add (summary->open_cases, open_case);
    }
}

static void
summary_complete (GTask *task)
{
  Load *load = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&load->data), (GDestroyNotify) hw_report_summary_free);
}

static void
unit_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  HwReportSummary *summary = load->data;
  HwDb *db = HW_DB (object);
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autofree char *id = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *limit = g_strdup_printf ("%d", HW_REPORT_SUMMARY_MAX_OVERDUE);
  GError *error = NULL;

  if (!(rows = hw_db_query_finish (db, result, &error)))
    load_failed (task, error);
  else if (hw_db_result_get_n_rows (rows) == 0)
    load_failed (task, unit_not_found (load->what));
  if (load->error != NULL)
    {
      load_done (task);
      return;
    }

  summary->unit_id = hw_db_result_int_cell (rows, 0, "id", 0);
  summary->unit_code = text_cell (rows, 0, "code");
  summary->unit_name = text_cell (rows, 0, "name");
  summary->unit_region = text_cell (rows, 0, "region");

  id = g_strdup_printf ("%" G_GINT64_FORMAT, summary->unit_id);
  from = g_date_time_new_from_unix_local (summary->period_from);
  to = g_date_time_new_from_unix_local (summary->period_to);
  from_text = param_time (from);
  to_text = param_time (to);

  {
    const char *by_unit[] = { id };
    const char *overdue[] = { id, limit };
    const char *in_period[] = { id, from_text, to_text };

    queue (task, db, "summary-counts", by_unit, 1, read_counts);
    queue (task, db, "summary-overdue", overdue, 2, read_overdue);
    queue (task, db, "summary-reunions", in_period, 3, read_summary_reunions);
    queue (task, db, "summary-open-cases", by_unit, 1, read_open_cases);
  }
  load_done (task);
}

/**
 * hw_report_summary_load_async:
 * @unit_id: the unit, or 0 to find it by @unit_code
 * @unit_code: (nullable): the unit's code when @unit_id is 0; both unset: the caller's unit
 * @from: (nullable): the start of the period reviewed (default: 7 days
 *   before @to)
 * @to: (nullable): its end, exclusive (default: the midnight after today;
 *   see hw_report_summary_period())
 * @options: (nullable): the reader's name and the time for the footer
 *
 * Reads a supervisor's weekly review of a unit: its cases and sightings by
 * status, the sightings past their triage deadline, the reunions of the
 * period and every open case. Fails as hw_report_case_load_async() does.
 */
void
hw_report_summary_load_async (HwDb                  *db,
                              gint64                 unit_id,
                              const char            *unit_code,
                              GDateTime             *from,
                              GDateTime             *to,
                              const HwReportOptions *options,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *id = unit_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, unit_id) : NULL;
  HwReportSummary *summary;
  Load *load;

  g_return_if_fail (HW_IS_DB (db));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hw_report_summary_load_async);

  summary = g_new0 (HwReportSummary, 1);
  summary->reader_name = options != NULL ? g_strdup (options->reader_name) : NULL;
  now = now_or (options != NULL ? options->generated_at : NULL);
  summary->generated_at = g_date_time_to_unix (now);
  {
    g_autoptr(GDateTime) period_from = from != NULL ? g_date_time_ref (from) : NULL;
    g_autoptr(GDateTime) period_to = to != NULL ? g_date_time_ref (to) : NULL;

    hw_report_summary_period (&period_from, &period_to);
    summary->period_from = g_date_time_to_unix (period_from);
    summary->period_to = g_date_time_to_unix (period_to);
  }
  summary->case_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  summary->sighting_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  summary->overdue = g_ptr_array_new_with_free_func ((GDestroyNotify) overdue_free);
  summary->reunions = g_ptr_array_new_with_free_func ((GDestroyNotify) reunion_free);
  summary->open_cases = g_ptr_array_new_with_free_func ((GDestroyNotify) open_case_free);

  load = g_new0 (Load, 1);
  load->data = summary;
  load->data_free = (GDestroyNotify) hw_report_summary_free;
  load->complete = summary_complete;
  load->what = unit_id > 0 ? g_strdup_printf (_("unit %s"), id)
               : unit_code != NULL ? g_utf8_make_valid (unit_code, -1)
               : g_strdup (_("your unit"));
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);

  if (unit_id <= 0 && unit_code != NULL && !g_utf8_validate (unit_code, -1, NULL))
    {
      g_task_return_error (task, unit_not_found (load->what));
      return;
    }

  {
    const char *params[] = { id, unit_code };

    /* The case or unit query counts as one until its callback has
     * sent the rest. */
    load->pending = 1;
    queue (task, db, "reader", NULL, 0, read_summary_reader);
    hw_db_query_async (db, hw_db_get_query (SQL_PATH, "unit"), params, 2, cancellable, unit_cb,
                       g_steal_pointer (&task));
  }
}

/**
 * hw_report_summary_load_finish:
 *
 * Returns: (transfer full): the summary's contents, or %NULL with @error set
 */
HwReportSummary *
hw_report_summary_load_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
