/* hw-case-list-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-case-list-model"

#include "config.h"

#include "hw-case-list-model.h"
#include "hw-case-summary.h"

/* The cases that match a filter, in a sort order, as a GListModel that
 * fetches only what is looked at.
 *
 * Keyset pagination. Every sort order is a key with the case id as
 * tie-breaker, and an index on (key, id) (data/sql/0005-case-list.sql). A
 * load sends two queries: the first page (the first PAGE_SIZE rows in key
 * order), then the "boundaries": the total and the key of every
 * PAGE_SIZE-th row. The first page shows as soon as it arrives; when the
 * boundaries arrive the model grows to the total, every further row a
 * placeholder. Page N is then one index range scan from boundary N,
 * `(key, id) >= ($key, $id) ORDER BY key, id LIMIT PAGE_SIZE`, however deep
 * it lies — dragging the scroll bar to the middle costs what the first page
 * costs.
 *
 * Touched pages are fetched from an idle, newest touch first and at most
 * MAX_PAGES_PER_BATCH of them: a GtkSingleSelection looks at every item after
 * items-changed covers its selected row, and that must not fetch the whole
 * table. Pages touched but not fetched are fetched when touched again, which
 * is what showing a row does.
 *
 * Live updates: notifications for cases (and their children and list keys)
 * are gathered for FLUSH_DELAY_MS. Rows this model holds are re-read in one
 * query and updated in place when their key did not change. Anything else
 * (a new case, a case that moved in the order or left the filter, a change
 * to a row not held, a bulk change) "rebases" the model: the boundaries are
 * read again, the pages looked at most recently are fetched again from the
 * new boundaries, and only then is the whole model replaced in one
 * items-changed, with the same HwCaseSummary objects for the same cases. A
 * GtkSingleSelection finds its selected object again among the new items;
 * the window keeps the scroll position across a rebase (the ::rebasing and
 * ::rebased signals). Rebases are at most REBASE_INTERVAL_MS apart. */

#define PAGE_SIZE            200
#define MAX_PAGES_PER_BATCH  4
#define REBASE_PAGES         4
#define MAX_LOADED_PAGES     32       /* beyond, the least recently shown pages are let go */
#define FLUSH_DELAY_MS       50
#define REBASE_INTERVAL_MS   500

typedef struct
{
  const char *key;       /* SQL expression of the sort key */
  const char *type;      /* its type, to read a key back from text */
  const char *id;        /* the tie-breaker (the case id) on the key's table */
  gboolean    list_key;  /* key and id are columns of case_list_key */
} SortSpec;

static const SortSpec sort_specs[] = {
  [HW_CASE_SORT_ACTIVITY]    = { "k.last_activity_at", "timestamptz", "k.case_id", TRUE },
  [HW_CASE_SORT_CASE_NUMBER] = { "c.case_number", "text", "c.id" },
  [HW_CASE_SORT_CHILD]       = { "k.child_name_key", "text", "k.case_id", TRUE },
  [HW_CASE_SORT_AGE]         = { "k.child_birth_key", "date", "k.case_id", TRUE },
  [HW_CASE_SORT_ABDUCTED]    = { "coalesce (c.abducted_at, '-infinity'::timestamptz)", "timestamptz", "c.id" },
  [HW_CASE_SORT_PLACE]       = { "coalesce (c.place_text, '')", "text", "c.id" },
  [HW_CASE_SORT_STATUS]      = { "homeward.case_status_rank (c.status)", "integer", "c.id" },
  [HW_CASE_SORT_OFFICER]     = { "coalesce (o.display_name, '')", "text", "c.id" },
};

#define ROW_COLUMNS \
  "SELECT c.id, c.version, c.case_number, c.status, c.child_id, " \
  "concat (p.family_name, p.given_name), concat_ws (' ', p.family_name_latin, p.given_name_latin), " \
  "p.birth_date::text, p.birth_date_precision, " \
  "extract (epoch FROM c.abducted_at)::bigint, c.abducted_at_precision, c.place_text, " \
  "o.display_name, u.code, extract (epoch FROM k.last_activity_at)::bigint, "

#define ROW_JOINS \
  "JOIN homeward.person p ON p.id = c.child_id " \
  "LEFT JOIN homeward.officer o ON o.id = c.assigned_officer_id " \
  "LEFT JOIN homeward.unit u ON u.id = c.unit_id "

#define ROW_TABLES \
  " FROM homeward.abduction_case c " \
  "JOIN homeward.case_list_key k ON k.case_id = c.id " \
  ROW_JOINS

enum {
  COL_ID,
  COL_VERSION,
  COL_CASE_NUMBER,
  COL_STATUS,
  COL_CHILD_ID,
  COL_CHILD_NAME,
  COL_CHILD_NAME_LATIN,
  COL_BIRTH_DATE,
  COL_BIRTH_DATE_PRECISION,
  COL_ABDUCTED_AT,
  COL_ABDUCTED_AT_PRECISION,
  COL_PLACE,
  COL_OFFICER_NAME,
  COL_UNIT_CODE,
  COL_LAST_ACTIVITY_AT,
  COL_KEY,
};

typedef enum
{
  PAGE_NONE,
  PAGE_WANTED,
  PAGE_REQUESTED,
  PAGE_LOADED,
} PageState;

typedef struct
{
  char   *key;
  gint64  id;
} Boundary;

struct _HwCaseListModel
{
  GObject        parent_instance;

  HwDb          *db;
  gulong         notification_id;
  gulong         state_id;
  HwDbState      last_state;

  HwCaseSort     sort;
  gboolean       descending;
  HwCaseFilter  *filter;

  /* One slot per row: an HwCaseSummary, or NULL if nothing asked for it. */
  GPtrArray     *items;
  GArray        *boundaries;      /* of Boundary, one per page; empty until known */
  guint8        *page_state;
  guint         *page_touch;
  guint          n_pages;
  guint          touch_serial;
  GArray        *wanted;
  guint          fetch_idle_id;

  /* Borrowed from items: case id → summary, child person id → summary. */
  GHashTable    *by_id;
  GHashTable    *by_child;

  /* Cancelled by a reload (pages and counts of the previous load) and by
   * dispose; lifetime covers the refreshes, which stay valid across reloads. */
  GCancellable  *generation;
  GCancellable  *lifetime;

  /* A rebase under way: the new boundaries and the pages fetched for it. */
  GArray        *rebase_boundaries;
  GPtrArray     *rebase_items;
  guint          rebase_total;
  guint          rebase_pending;
  gint64         last_rebase;

  GHashTable    *dirty_cases;
  GHashTable    *dirty_children;
  guint          flush_id;

  guint          loading : 1;
  guint          need_rebase : 1;
};

typedef struct
{
  HwCaseListModel *self;       /* not a reference: valid while cancellable is not cancelled */
  GCancellable    *cancellable;
  guint            page;
  GArray          *case_ids;
} Request;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HwCaseListModel, hw_case_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_DB,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  ERROR,
  REBASING,
  REBASED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_flush (HwCaseListModel *self,
                            guint            delay);
static void start_rebase   (HwCaseListModel *self);

/* Filters */

void
hw_case_filter_clear (HwCaseFilter *filter)
{
  g_clear_pointer (&filter->statuses, g_strfreev);
  g_clear_pointer (&filter->search, g_free);
  memset (filter, 0, sizeof *filter);
}

HwCaseFilter *
hw_case_filter_copy (const HwCaseFilter *filter)
{
  HwCaseFilter *copy = g_new0 (HwCaseFilter, 1);

  if (filter != NULL)
    {
      *copy = *filter;
      copy->statuses = g_strdupv (filter->statuses);
      copy->search = g_strdup (filter->search);
    }

  return copy;
}

void
hw_case_filter_free (HwCaseFilter *filter)
{
  if (filter == NULL)
    return;

  hw_case_filter_clear (filter);
  g_free (filter);
}

static gboolean
strv_equal_or_empty (char **a,
                     char **b)
{
  if (a == NULL || a[0] == NULL)
    return b == NULL || b[0] == NULL;
  if (b == NULL)
    return FALSE;

  return g_strv_equal ((const char * const *)a, (const char * const *)b);
}

gboolean
hw_case_filter_equal (const HwCaseFilter *a,
                      const HwCaseFilter *b)
{
  return strv_equal_or_empty (a->statuses, b->statuses) &&
         a->unit_id == b->unit_id &&
         a->officer_id == b->officer_id &&
         a->year_from == b->year_from &&
         a->year_to == b->year_to &&
         g_strcmp0 (a->search != NULL && a->search[0] != '\0' ? a->search : NULL,
                    b->search != NULL && b->search[0] != '\0' ? b->search : NULL) == 0;
}

/* Queries: the SQL is made of fixed pieces; every value is a parameter. */

typedef struct
{
  GString   *sql;
  GPtrArray *params;
} Query;

static Query
query_new (void)
{
  Query query = { g_string_new (NULL), g_ptr_array_new_with_free_func (g_free) };

  return query;
}

static void
query_clear (Query *query)
{
  g_string_free (query->sql, TRUE);
  g_ptr_array_unref (query->params);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Query, query_clear)

/* Appends "$N" for a new parameter. */
static void
query_param (Query *query,
             char  *value)
{
  g_ptr_array_add (query->params, value);
  g_string_append_printf (query->sql, "$%u", query->params->len);
}

static void
query_send (HwCaseListModel     *self,
            Query               *query,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  hw_db_query_async (self->db, query->sql->str,
                     (const char * const *)query->params->pdata, query->params->len,
                     cancellable, callback, user_data);
}

static char *
strv_to_array_literal (char **values)
{
  GString *str = g_string_new ("{");

  /* The values are status names ([a-z_]+), which need no quoting; quote
   * anyway so that no value can break the literal. */
  for (guint i = 0; values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (str, ',');
      g_string_append_c (str, '"');
      for (const char *c = values[i]; *c; c++)
        {
          if (*c == '"' || *c == '\\')
            g_string_append_c (str, '\\');
          g_string_append_c (str, *c);
        }
      g_string_append_c (str, '"');
    }

  g_string_append_c (str, '}');

  return g_string_free (str, FALSE);
}

static gboolean
has_case_filters (const HwCaseFilter *f)
{
  return (f->statuses != NULL && f->statuses[0] != NULL) ||
         f->unit_id != 0 || f->officer_id != 0 || f->year_from != 0 || f->year_to != 0;
}

/* The search: on case_list_key k alone. */
static void
append_search (HwCaseListModel *self,
               Query           *query)
{
  const HwCaseFilter *f = self->filter;
  guint n;

  if (f->search == NULL || f->search[0] == '\0')
    return;

  /* The case and its child on the list's own table, so that a broad
   * search walks the sort order and stops after a page; the family
   * through a function that keeps to the caller's unit, once per query
   * (data/sql/0007-case-search.sql). */
  g_string_append (query->sql, " AND (k.search @@ homeward.cjk_query (");
  query_param (query, g_strdup (f->search));
  n = query->params->len;
  g_string_append_printf (query->sql,
                          ") OR k.case_id = ANY ((SELECT homeward.search_family_cases ($%u))::bigint[]))",
                          n);
}

static void
append_where (HwCaseListModel *self,
              Query           *query)
{
  const HwCaseFilter *f = self->filter;

  g_string_append (query->sql, " WHERE true");

  if (f->statuses != NULL && f->statuses[0] != NULL)
    {
      g_string_append (query->sql, " AND c.status = ANY (");
      query_param (query, strv_to_array_literal (f->statuses));
      g_string_append (query->sql, "::text[])");
    }

  if (f->unit_id != 0)
    {
      g_string_append (query->sql, " AND c.unit_id = ");
      query_param (query, g_strdup_printf ("%" G_GINT64_FORMAT, f->unit_id));
    }

  if (f->officer_id != 0)
    {
      g_string_append (query->sql, " AND c.assigned_officer_id = ");
      query_param (query, g_strdup_printf ("%" G_GINT64_FORMAT, f->officer_id));
    }

  if (f->year_from != 0)
    {
      g_string_append (query->sql, " AND c.abducted_at >= make_timestamptz (");
      query_param (query, g_strdup_printf ("%d", f->year_from));
      g_string_append (query->sql, "::int, 1, 1, 0, 0, 0)");
    }

  if (f->year_to != 0)
    {
      g_string_append (query->sql, " AND c.abducted_at < make_timestamptz (");
      query_param (query, g_strdup_printf ("%d", f->year_to));
      g_string_append (query->sql, "::int + 1, 1, 1, 0, 0, 0)");
    }

  append_search (self, query);
}

static void
append_order (HwCaseListModel *self,
              Query           *query)
{
  const SortSpec *spec = &sort_specs[self->sort];
  const char *dir = self->descending ? " DESC" : "";

  g_string_append_printf (query->sql, " ORDER BY %s%s, %s%s", spec->key, dir, spec->id, dir);
}

/* A page: from a boundary (NULL: from the start). */
static void
build_page_query (HwCaseListModel *self,
                  Query           *query,
                  const Boundary  *from)
{
  const SortSpec *spec = &sort_specs[self->sort];
  gboolean list_only = spec->list_key && !has_case_filters (self->filter);

  /* When case_list_key alone decides which rows come and in what order, the
   * page is cut there and only its rows are joined: a search's matches are
   * then sorted without fetching their cases and children first. */
  if (list_only)
    {
      g_string_append_printf (query->sql,
                              ROW_COLUMNS "%s::text FROM (SELECT k.case_id, k.last_activity_at, "
                              "k.child_name_key, k.child_birth_key FROM homeward.case_list_key k WHERE true",
                              spec->key);
      append_search (self, query);
    }
  else
    {
      g_string_append_printf (query->sql, ROW_COLUMNS "%s::text" ROW_TABLES, spec->key);
      append_where (self, query);
    }

  if (from != NULL)
    {
      g_string_append_printf (query->sql, " AND (%s, %s) %s (", spec->key, spec->id,
                              self->descending ? "<=" : ">=");
      query_param (query, g_strdup (from->key));
      g_string_append_printf (query->sql, "::%s, ", spec->type);
      query_param (query, g_strdup_printf ("%" G_GINT64_FORMAT, from->id));
      g_string_append (query->sql, "::bigint)");
    }

  append_order (self, query);
  g_string_append (query->sql, " LIMIT " G_STRINGIFY (PAGE_SIZE));

  if (list_only)
    {
      g_string_append (query->sql, ") k JOIN homeward.abduction_case c ON c.id = k.case_id " ROW_JOINS);
      append_order (self, query);
    }
}

/* The total, and the key and id of every PAGE_SIZE-th row. */
static void
build_boundaries_query (HwCaseListModel *self,
                        Query           *query)
{
  const SortSpec *spec = &sort_specs[self->sort];
  const char *dir = self->descending ? " DESC" : "";

  g_string_append_printf (query->sql,
                          "SELECT n, k::text, id FROM (SELECT %s AS k, %s AS id, "
                          "row_number () OVER (ORDER BY %s%s, %s%s) AS rn, count(*) OVER () AS n",
                          spec->key, spec->id, spec->key, dir, spec->id, dir);

  /* Only the tables the key and the filters need: counting every case
   * through the child, officer and unit joins took most of a second. */
  if (spec->list_key && !has_case_filters (self->filter))
    {
      g_string_append (query->sql, " FROM homeward.case_list_key k WHERE true");
      append_search (self, query);
    }
  else
    {
      g_string_append (query->sql,
                       " FROM homeward.abduction_case c JOIN homeward.case_list_key k ON k.case_id = c.id");
      if (self->sort == HW_CASE_SORT_OFFICER)
        g_string_append (query->sql, " LEFT JOIN homeward.officer o ON o.id = c.assigned_officer_id");
      append_where (self, query);
    }

  g_string_append (query->sql, ") s WHERE rn % " G_STRINGIFY (PAGE_SIZE) " = 1 ORDER BY rn");
}

/* Rows by id, if they still match the filter. */
static void
build_rows_query (HwCaseListModel *self,
                  Query           *query,
                  char            *id_array)
{
  g_string_append_printf (query->sql, ROW_COLUMNS "%s::text" ROW_TABLES, sort_specs[self->sort].key);
  append_where (self, query);
  g_string_append (query->sql, " AND c.id = ANY (");
  query_param (query, id_array);
  g_string_append (query->sql, "::bigint[])");
}

/* Requests */

static Request *
request_new (HwCaseListModel *self,
             GCancellable    *cancellable)
{
  Request *request = g_new0 (Request, 1);

  request->self = self;
  request->cancellable = g_object_ref (cancellable);

  return request;
}

static void
request_free (Request *request)
{
  g_clear_object (&request->cancellable);
  g_clear_pointer (&request->case_ids, g_array_unref);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/* The request's model is gone or its load was replaced. */
static gboolean
request_is_stale (Request *request)
{
  return g_cancellable_is_cancelled (request->cancellable);
}

/* Slots of rows nobody asked for are NULL. */
static void
item_free (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static void
boundary_clear (gpointer data)
{
  g_free (((Boundary *)data)->key);
}

static GArray *
boundaries_new (void)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (Boundary));

  g_array_set_clear_func (array, boundary_clear);

  return array;
}

static gint64 *
int64_key (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

static void
report_error (HwCaseListModel *self,
              const GError    *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The window shows the connection state; rows come back after the reload
   * that follows the reconnection. */
  if (g_error_matches (error, HW_DB_ERROR, HW_DB_ERROR_CONNECTION_LOST) ||
      g_error_matches (error, HW_DB_ERROR, HW_DB_ERROR_CLOSED))
    {
      g_debug ("%s", error->message);
      return;
    }

  g_signal_emit (self, signals[ERROR], 0, error);
}

static void
set_loading (HwCaseListModel *self,
             gboolean         loading)
{
  loading = !!loading;

  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The rows a request asked for, or NULL: when the request is stale (check
 * request_is_stale()) or failed, its error reported. */
static HwDbResult *
finish_request (Request      *request,
                GObject      *object,
                GAsyncResult *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HwDbResult) rows = hw_db_query_finish (HW_DB (object), result, &error);

  if (request_is_stale (request))
    return NULL;

  if (rows == NULL)
    report_error (request->self, error);

  return g_steal_pointer (&rows);
}

static gint64
get_time (HwDbResult *rows,
          guint       row,
          int         column)
{
  if (hw_db_result_is_null (rows, row, column))
    return HW_CASE_SUMMARY_NO_TIME;

  return hw_db_result_get_int64 (rows, row, column);
}

static void
row_to_data (HwDbResult        *rows,
             guint              row,
             HwCaseSummaryData *data)
{
  data->id = hw_db_result_get_int64 (rows, row, COL_ID);
  data->version = hw_db_result_get_int64 (rows, row, COL_VERSION);
  data->case_number = hw_db_result_get_string (rows, row, COL_CASE_NUMBER);
  data->status = hw_db_result_get_string (rows, row, COL_STATUS);
  data->child_id = hw_db_result_get_int64 (rows, row, COL_CHILD_ID);
  data->child_name = hw_db_result_get_string (rows, row, COL_CHILD_NAME);
  data->child_name_latin = hw_db_result_get_string (rows, row, COL_CHILD_NAME_LATIN);
  data->birth_date = hw_db_result_get_string (rows, row, COL_BIRTH_DATE);
  data->birth_date_precision = hw_db_result_get_string (rows, row, COL_BIRTH_DATE_PRECISION);
  data->abducted_at = get_time (rows, row, COL_ABDUCTED_AT);
  data->abducted_at_precision = hw_db_result_get_string (rows, row, COL_ABDUCTED_AT_PRECISION);
  data->place = hw_db_result_get_string (rows, row, COL_PLACE);
  data->officer_name = hw_db_result_get_string (rows, row, COL_OFFICER_NAME);
  data->unit_code = hw_db_result_get_string (rows, row, COL_UNIT_CODE);
  data->last_activity_at = get_time (rows, row, COL_LAST_ACTIVITY_AT);
  data->sort_key = hw_db_result_get_string (rows, row, COL_KEY);
}

/* The summary for a row: the one held for the case if any (so the objects of
 * a case survive reloads), else @slot's placeholder, else a new one. */
static HwCaseSummary *
summary_for_row (HwCaseListModel *self,
                 HwDbResult      *rows,
                 guint            row,
                 HwCaseSummary   *slot)
{
  HwCaseSummaryData data;
  HwCaseSummary *summary;

  row_to_data (rows, row, &data);

  summary = g_hash_table_lookup (self->by_id, &data.id);
  if (summary == NULL)
    summary = slot;

  if (summary == NULL)
    summary = hw_case_summary_new (&data);
  else
    {
      g_object_ref (summary);
      hw_case_summary_update (summary, &data);
    }

  return summary;
}

static void
index_summary (HwCaseListModel *self,
               HwCaseSummary   *summary)
{
  g_hash_table_replace (self->by_id, int64_key (hw_case_summary_get_id (summary)), summary);
  g_hash_table_replace (self->by_child, int64_key (hw_case_summary_get_child_id (summary)), summary);
}

static void
unindex_summary (HwCaseListModel *self,
                 HwCaseSummary   *summary)
{
  gint64 id = hw_case_summary_get_id (summary);
  gint64 child_id = hw_case_summary_get_child_id (summary);

  if (g_hash_table_lookup (self->by_id, &id) == summary)
    g_hash_table_remove (self->by_id, &id);
  if (g_hash_table_lookup (self->by_child, &child_id) == summary)
    g_hash_table_remove (self->by_child, &child_id);
}

static int
compare_touch_oldest (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  HwCaseListModel *self = user_data;
  guint ta = self->page_touch[*(const guint *)a];
  guint tb = self->page_touch[*(const guint *)b];

  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

/* Lets go of the rows of the least recently shown pages while more than
 * MAX_LOADED_PAGES are loaded, so that scrolling through 100,000 cases does
 * not keep them all: a page comes back from the server when it is shown
 * again. A page with a row someone else holds (a shown row, the selection)
 * stays. Not during a rebase, which carries rows over by position. */
static void
evict_pages (HwCaseListModel *self)
{
  g_autoptr(GArray) loaded = NULL;
  guint n_loaded = 0;

  if (self->rebase_boundaries != NULL || self->rebase_pending > 0)
    return;

  for (guint p = 0; p < self->n_pages; p++)
    n_loaded += self->page_state[p] == PAGE_LOADED;
  if (n_loaded <= MAX_LOADED_PAGES)
    return;

  loaded = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_loaded);
  for (guint p = 0; p < self->n_pages; p++)
    if (self->page_state[p] == PAGE_LOADED)
      g_array_append_val (loaded, p);
  g_array_sort_with_data (loaded, compare_touch_oldest, self);

  for (guint i = 0; i < loaded->len && n_loaded > MAX_LOADED_PAGES; i++)
    {
      guint page = g_array_index (loaded, guint, i);
      guint start = page * PAGE_SIZE;
      guint end = MIN (start + PAGE_SIZE, self->items->len);
      gboolean held = FALSE;

      for (guint j = start; j < end && !held; j++)
        {
          GObject *summary = g_ptr_array_index (self->items, j);

          held = summary != NULL && g_atomic_int_get (&summary->ref_count) > 1;
        }
      if (held)
        continue;

      for (guint j = start; j < end; j++)
        {
          HwCaseSummary *summary = g_ptr_array_index (self->items, j);

          if (summary == NULL)
            continue;
          unindex_summary (self, summary);
          g_ptr_array_index (self->items, j) = NULL;
          g_object_unref (summary);
        }
      self->page_state[page] = PAGE_NONE;
      n_loaded--;
    }
}

static void
reindex (HwCaseListModel *self)
{
  g_hash_table_remove_all (self->by_id);
  g_hash_table_remove_all (self->by_child);

  for (guint i = 0; i < self->items->len; i++)
    {
      HwCaseSummary *summary = g_ptr_array_index (self->items, i);

      if (summary != NULL && !hw_case_summary_get_loading (summary))
        index_summary (self, summary);
    }
}

/* Puts the rows into @items from @start, growing it if needed. */
static guint
fill_rows (HwCaseListModel *self,
           GPtrArray       *items,
           guint            start,
           HwDbResult      *rows,
           guint            max_rows)
{
  guint n_rows = MIN (hw_db_result_get_n_rows (rows), max_rows);

  if (items->len < start + n_rows)
    g_ptr_array_set_size (items, start + n_rows);

  for (guint i = 0; i < n_rows; i++)
    {
      HwCaseSummary *old = g_ptr_array_index (items, start + i);
      HwCaseSummary *summary = summary_for_row (self, rows, i, old);

      if (old != summary)
        {
          g_clear_object (&old);
          g_ptr_array_index (items, start + i) = summary;
        }
      else
        g_object_unref (summary);
    }

  return n_rows;
}

static void
reset_pages (HwCaseListModel *self,
             guint            n_items)
{
  g_clear_pointer (&self->page_state, g_free);
  g_clear_pointer (&self->page_touch, g_free);
  g_array_set_size (self->wanted, 0);
  self->n_pages = (n_items + PAGE_SIZE - 1) / PAGE_SIZE;
  self->page_state = g_new0 (guint8, MAX (self->n_pages, 1));
  self->page_touch = g_new0 (guint, MAX (self->n_pages, 1));
}

/* Fetching pages */

static void
fetch_page_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GError) error = NULL;
  HwCaseListModel *self;
  guint start;
  guint expected;
  guint n_rows;

  rows = hw_db_query_finish (HW_DB (object), result, &error);

  if (request_is_stale (request))
    return;

  self = request->self;

  if (rows == NULL)
    {
      /* Fetch it again when a row of it is shown again. */
      self->page_state[request->page] = PAGE_NONE;
      report_error (self, error);
      return;
    }

  g_assert (request->page < self->n_pages);

  start = request->page * PAGE_SIZE;
  expected = MIN (PAGE_SIZE, self->items->len - start);
  n_rows = fill_rows (self, self->items, start, rows, expected);
  for (guint i = 0; i < n_rows; i++)
    index_summary (self, g_ptr_array_index (self->items, start + i));

  self->page_state[request->page] = PAGE_LOADED;
  g_debug ("Page %u arrived: %u rows", request->page, n_rows);

  /* Rows were added or removed since the boundaries were read. */
  if (hw_db_result_get_n_rows (rows) != expected)
    {
      self->need_rebase = TRUE;
      schedule_flush (self, FLUSH_DELAY_MS);
    }

  if (n_rows > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), start, n_rows, n_rows);

  evict_pages (self);
}

static void
fetch_page (HwCaseListModel *self,
            guint            page)
{
  g_auto(Query) query = query_new ();
  Request *request = request_new (self, self->generation);

  g_assert (page < self->boundaries->len);

  build_page_query (self, &query, &g_array_index (self->boundaries, Boundary, page));

  request->page = page;
  self->page_state[page] = PAGE_REQUESTED;
  g_debug ("Fetching page %u", page);

  query_send (self, &query, self->generation, fetch_page_cb, request);
}

static int
compare_touch (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  HwCaseListModel *self = user_data;
  guint ta = self->page_touch[*(const guint *)a];
  guint tb = self->page_touch[*(const guint *)b];

  return ta < tb ? 1 : ta > tb ? -1 : 0;
}

static gboolean
fetch_idle_cb (gpointer user_data)
{
  HwCaseListModel *self = user_data;

  self->fetch_idle_id = 0;

  g_array_sort_with_data (self->wanted, compare_touch, self);

  for (guint i = 0; i < self->wanted->len; i++)
    {
      guint page = g_array_index (self->wanted, guint, i);

      if (i < MAX_PAGES_PER_BATCH)
        fetch_page (self, page);
      else
        self->page_state[page] = PAGE_NONE;
    }

  g_array_set_size (self->wanted, 0);

  return G_SOURCE_REMOVE;
}

static void
touch_page (HwCaseListModel *self,
            guint            page)
{
  g_assert (page < self->n_pages);

  self->page_touch[page] = ++self->touch_serial;

  /* Until the boundaries arrive, only the first page (fetched with them) exists. */
  if (self->page_state[page] != PAGE_NONE || page >= self->boundaries->len)
    return;

  self->page_state[page] = PAGE_WANTED;
  g_array_append_val (self->wanted, page);

  /* After the frame's layout, which touches the rows that are shown. */
  if (self->fetch_idle_id == 0)
    self->fetch_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fetch_idle_cb, self, NULL);
}

/* Loading */

static void
boundaries_from_result (GArray     *boundaries,
                        HwDbResult *rows,
                        guint      *total)
{
  guint n_rows = hw_db_result_get_n_rows (rows);

  g_array_set_size (boundaries, 0);
  *total = 0;

  for (guint i = 0; i < n_rows; i++)
    {
      Boundary b = {
        g_strdup (hw_db_result_get_string (rows, i, 1)),
        hw_db_result_get_int64 (rows, i, 2),
      };

      g_array_append_val (boundaries, b);
    }

  if (n_rows > 0)
    *total = (guint) CLAMP (hw_db_result_get_int64 (rows, 0, 0), 0, G_MAXUINT);
}

static void
first_page_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  HwCaseListModel *self;
  guint old_n;

  rows = hw_db_query_finish (HW_DB (object), result, &error);

  if (request_is_stale (request))
    return;

  self = request->self;

  if (rows == NULL)
    {
      set_loading (self, FALSE);
      report_error (self, error);
      return;
    }

  /* Show the first page at once; the boundaries (which follow on the same
   * connection) give the rest. */
  items = g_ptr_array_new_with_free_func (item_free);
  fill_rows (self, items, 0, rows, PAGE_SIZE);

  old_n = self->items->len;
  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&items);
  g_array_set_size (self->boundaries, 0);
  reset_pages (self, self->items->len);
  if (self->n_pages > 0)
    self->page_state[0] = PAGE_LOADED;
  reindex (self);

  if (old_n != 0 || self->items->len != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->items->len);
  if (old_n != self->items->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
boundaries_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GError) error = NULL;
  HwCaseListModel *self;
  guint old_n;
  guint total;

  rows = hw_db_query_finish (HW_DB (object), result, &error);

  if (request_is_stale (request))
    return;

  self = request->self;
  set_loading (self, FALSE);

  if (rows == NULL)
    {
      report_error (self, error);
      return;
    }

  old_n = self->items->len;
  boundaries_from_result (self->boundaries, rows, &total);

  if (total < old_n)
    {
      /* Rows went away between the two queries: start over from these. */
      self->need_rebase = TRUE;
      schedule_flush (self, FLUSH_DELAY_MS);
      total = old_n;
    }

  g_ptr_array_set_size (self->items, total);
  reset_pages (self, total);
  for (guint p = 0; p * PAGE_SIZE < old_n; p++)
    self->page_state[p] = PAGE_LOADED;

  if (total != old_n)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, total - old_n);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

/* Rebasing: the same filter and order, read again */

static void
finish_rebase (HwCaseListModel *self)
{
  guint old_n = self->items->len;
  guint new_n = self->rebase_total;
  g_autoptr(GPtrArray) old_items = g_steal_pointer (&self->items);
  guint8 *loaded = g_new0 (guint8, MAX (1, (new_n + PAGE_SIZE - 1) / PAGE_SIZE));

  for (guint i = 0; i < self->rebase_items->len && i < new_n; i += PAGE_SIZE)
    loaded[i / PAGE_SIZE] = g_ptr_array_index (self->rebase_items, i) != NULL;

  self->items = g_steal_pointer (&self->rebase_items);
  g_ptr_array_set_size (self->items, new_n);
  g_array_unref (self->boundaries);
  self->boundaries = g_steal_pointer (&self->rebase_boundaries);
  reset_pages (self, new_n);
  for (guint p = 0; p < self->n_pages; p++)
    self->page_state[p] = loaded[p] ? PAGE_LOADED : PAGE_NONE;
  g_free (loaded);
  reindex (self);

  self->last_rebase = g_get_monotonic_time ();

  g_signal_emit (self, signals[REBASING], 0);
  if (old_n != 0 || new_n != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_signal_emit (self, signals[REBASED], 0);

  /* The old items are dropped only now, after the views let go of them. */
  g_clear_pointer (&old_items, g_ptr_array_unref);
}

static void
rebase_page_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GError) error = NULL;
  HwCaseListModel *self;
  guint start;

  rows = hw_db_query_finish (HW_DB (object), result, &error);

  if (request_is_stale (request))
    return;

  self = request->self;

  if (rows == NULL)
    report_error (self, error);
  else
    {
      start = request->page * PAGE_SIZE;
      fill_rows (self, self->rebase_items, start, rows,
                 MIN (PAGE_SIZE, self->rebase_total - MIN (start, self->rebase_total)));
    }

  if (--self->rebase_pending == 0)
    finish_rebase (self);
}

static void
rebase_boundaries_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GArray) pages = NULL;
  HwCaseListModel *self;

  if (!(rows = finish_request (request, object, result)))
    return;

  self = request->self;

  self->rebase_boundaries = boundaries_new ();
  boundaries_from_result (self->rebase_boundaries, rows, &self->rebase_total);
  self->rebase_items = g_ptr_array_new_with_free_func (item_free);

  /* The pages looked at most recently, where the view and its selection are. */
  pages = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint p = 0; p < self->n_pages; p++)
    if (self->page_state[p] == PAGE_LOADED)
      g_array_append_val (pages, p);
  g_array_sort_with_data (pages, compare_touch, self);
  g_array_set_size (pages, MIN (pages->len, REBASE_PAGES));

  self->rebase_pending = 1;

  for (guint i = 0; i < pages->len; i++)
    {
      guint page = g_array_index (pages, guint, i);
      g_auto(Query) query = query_new ();
      Request *page_request;

      if (page >= self->rebase_boundaries->len)
        continue;

      build_page_query (self, &query, &g_array_index (self->rebase_boundaries, Boundary, page));
      page_request = request_new (self, self->generation);
      page_request->page = page;
      self->rebase_pending++;
      query_send (self, &query, self->generation, rebase_page_cb, page_request);
    }

  if (--self->rebase_pending == 0)
    finish_rebase (self);
}

static void
clear_rebase (HwCaseListModel *self)
{
  g_clear_pointer (&self->rebase_boundaries, g_array_unref);
  g_clear_pointer (&self->rebase_items, g_ptr_array_unref);
  self->rebase_pending = 0;
  self->rebase_total = 0;
}

/* A new generation: what the previous one asked for is dropped. */
static void
new_generation (HwCaseListModel *self)
{
  g_cancellable_cancel (self->generation);
  g_clear_object (&self->generation);
  self->generation = g_cancellable_new ();

  g_clear_handle_id (&self->fetch_idle_id, g_source_remove);
  g_array_set_size (self->wanted, 0);
  if (self->page_state != NULL)
    for (guint i = 0; i < self->n_pages; i++)
      if (self->page_state[i] != PAGE_LOADED)
        self->page_state[i] = PAGE_NONE;

  clear_rebase (self);
}

static void
start_rebase (HwCaseListModel *self)
{
  g_auto(Query) query = query_new ();

  /* Before the first load completes there is nothing to keep. */
  if (self->loading)
    {
      hw_case_list_model_reload (self);
      return;
    }

  new_generation (self);
  self->need_rebase = FALSE;

  build_boundaries_query (self, &query);
  query_send (self, &query, self->generation, rebase_boundaries_cb,
              request_new (self, self->generation));
}

/* Live updates */

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GHashTable) seen = NULL;
  HwCaseListModel *self;

  if (!(rows = finish_request (request, object, result)))
    return;

  self = request->self;

  seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      HwCaseSummaryData data;
      HwCaseSummary *summary;

      row_to_data (rows, i, &data);
      summary = g_hash_table_lookup (self->by_id, &data.id);
      if (summary == NULL)
        continue;

      g_hash_table_add (seen, summary);

      /* A new key moves the row: positions are the server's to say. */
      if (g_strcmp0 (hw_case_summary_get_sort_key (summary), data.sort_key) != 0)
        self->need_rebase = TRUE;

      hw_case_summary_update (summary, &data);
    }

  /* A case asked for and not returned left the filter. */
  for (guint i = 0; i < request->case_ids->len; i++)
    {
      gint64 id = g_array_index (request->case_ids, gint64, i);
      HwCaseSummary *summary = g_hash_table_lookup (self->by_id, &id);

      if (summary != NULL && !g_hash_table_contains (seen, summary))
        self->need_rebase = TRUE;
    }

  if (self->need_rebase)
    schedule_flush (self, FLUSH_DELAY_MS);
}

static char *
ids_to_array_literal (GHashTable *ids,
                      GArray     *out)
{
  GString *str = g_string_new ("{");
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 id = *(gint64 *)key;

      if (str->len > 1)
        g_string_append_c (str, ',');
      g_string_append_printf (str, "%" G_GINT64_FORMAT, id);
      if (out != NULL)
        g_array_append_val (out, id);
    }

  g_string_append_c (str, '}');

  return g_string_free (str, FALSE);
}

static gboolean
flush_cb (gpointer user_data)
{
  HwCaseListModel *self = user_data;
  GHashTableIter iter;
  gpointer key;

  self->flush_id = 0;

  /* A child's change is a change of their case. */
  g_hash_table_iter_init (&iter, self->dirty_children);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      HwCaseSummary *summary = g_hash_table_lookup (self->by_child, key);

      if (summary != NULL)
        g_hash_table_add (self->dirty_cases, int64_key (hw_case_summary_get_id (summary)));
    }
  g_hash_table_remove_all (self->dirty_children);

  if (self->need_rebase)
    {
      gint64 wait = self->last_rebase + REBASE_INTERVAL_MS * 1000 - g_get_monotonic_time ();

      /* One under way reads everything afresh anyway. */
      if (self->rebase_boundaries != NULL || self->rebase_pending > 0)
        {
          schedule_flush (self, REBASE_INTERVAL_MS);
          return G_SOURCE_REMOVE;
        }

      if (wait > 0)
        {
          schedule_flush (self, (guint) (wait / 1000) + 1);
          return G_SOURCE_REMOVE;
        }

      g_hash_table_remove_all (self->dirty_cases);
      start_rebase (self);
      return G_SOURCE_REMOVE;
    }

  if (g_hash_table_size (self->dirty_cases) > 0)
    {
      g_auto(Query) query = query_new ();
      Request *request = request_new (self, self->lifetime);

      request->case_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      build_rows_query (self, &query, ids_to_array_literal (self->dirty_cases, request->case_ids));
      g_hash_table_remove_all (self->dirty_cases);

      query_send (self, &query, self->lifetime, refresh_cb, request);
    }

  return G_SOURCE_REMOVE;
}

static void
schedule_flush (HwCaseListModel *self,
                guint            delay)
{
  if (self->flush_id == 0)
    self->flush_id = g_timeout_add (delay, flush_cb, self);
}

static void
case_changed (HwCaseListModel *self,
              gint64           id)
{
  /* A statement changed too many rows to name them all, or a case this
   * model does not hold changed: it may be new, or have moved. */
  if (id == 0 || !g_hash_table_contains (self->by_id, &id))
    self->need_rebase = TRUE;
  else
    g_hash_table_add (self->dirty_cases, int64_key (id));

  schedule_flush (self, FLUSH_DELAY_MS);
}

static void
notification_cb (HwCaseListModel *self,
                 const char      *channel,
                 const char      *payload,
                 HwDb            *db)
{
  g_auto(GStrv) parts = NULL;
  gint64 id;

  if (g_strcmp0 (channel, HW_DB_CHANNEL) != 0 || payload == NULL)
    return;

  parts = g_strsplit (payload, ":", 3);
  if (g_strv_length (parts) < 2 ||
      !g_ascii_string_to_signed (parts[1], 10, 0, G_MAXINT64, &id, NULL))
    return;

  if (g_str_equal (parts[0], "abduction_case") || g_str_equal (parts[0], "case_list_key"))
    case_changed (self, id);
  else if (g_str_equal (parts[0], "person"))
    {
      if (id == 0)
        case_changed (self, 0);
      else if (g_hash_table_contains (self->by_child, &id))
        {
          g_hash_table_add (self->dirty_children, int64_key (id));
          schedule_flush (self, FLUSH_DELAY_MS);
        }
    }
}

static void
state_cb (HwCaseListModel *self,
          GParamSpec      *pspec,
          HwDb            *db)
{
  HwDbState state = hw_db_get_state (db);

  /* Fetches that failed while the connection was down left placeholders that
   * nobody asks for again: read everything afresh, keeping the rows. */
  if (state == HW_DB_STATE_CONNECTED && self->last_state == HW_DB_STATE_RECONNECTING)
    {
      self->need_rebase = TRUE;
      schedule_flush (self, FLUSH_DELAY_MS);
    }

  self->last_state = state;
}

/* GListModel */

static GType
hw_case_list_model_get_item_type (GListModel *model)
{
  return HW_TYPE_CASE_SUMMARY;
}

static guint
hw_case_list_model_get_n_items (GListModel *model)
{
  HwCaseListModel *self = HW_CASE_LIST_MODEL (model);

  return self->items->len;
}

static gpointer
hw_case_list_model_get_item (GListModel *model,
                             guint       position)
{
  HwCaseListModel *self = HW_CASE_LIST_MODEL (model);
  HwCaseSummary *summary;

  if (position >= self->items->len)
    return NULL;

  summary = g_ptr_array_index (self->items, position);

  if (summary == NULL)
    {
      summary = hw_case_summary_new_placeholder ();
      g_ptr_array_index (self->items, position) = summary;
    }

  if (hw_case_summary_get_loading (summary))
    touch_page (self, position / PAGE_SIZE);
  else
    self->page_touch[position / PAGE_SIZE] = ++self->touch_serial;

  return g_object_ref (summary);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = hw_case_list_model_get_item_type;
  iface->get_n_items = hw_case_list_model_get_n_items;
  iface->get_item = hw_case_list_model_get_item;
}

/* GObject */

static void
hw_case_list_model_constructed (GObject *object)
{
  HwCaseListModel *self = (HwCaseListModel *)object;

  G_OBJECT_CLASS (hw_case_list_model_parent_class)->constructed (object);

  g_return_if_fail (HW_IS_DB (self->db));

  self->last_state = hw_db_get_state (self->db);
  self->notification_id = g_signal_connect_object (self->db, "notification",
                                                   G_CALLBACK (notification_cb), self,
                                                   G_CONNECT_SWAPPED);
  self->state_id = g_signal_connect_object (self->db, "notify::state",
                                            G_CALLBACK (state_cb), self,
                                            G_CONNECT_SWAPPED);

  hw_case_list_model_reload (self);
}

static void
hw_case_list_model_dispose (GObject *object)
{
  HwCaseListModel *self = (HwCaseListModel *)object;

  /* Callbacks still to come see this and leave the model alone. */
  g_cancellable_cancel (self->generation);
  g_cancellable_cancel (self->lifetime);

  g_clear_handle_id (&self->fetch_idle_id, g_source_remove);
  g_clear_handle_id (&self->flush_id, g_source_remove);

  if (self->db != NULL)
    {
      g_clear_signal_handler (&self->notification_id, self->db);
      g_clear_signal_handler (&self->state_id, self->db);
    }

  clear_rebase (self);
  g_hash_table_remove_all (self->by_id);
  g_hash_table_remove_all (self->by_child);
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);

  g_clear_object (&self->db);

  G_OBJECT_CLASS (hw_case_list_model_parent_class)->dispose (object);
}

static void
hw_case_list_model_finalize (GObject *object)
{
  HwCaseListModel *self = (HwCaseListModel *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->boundaries, g_array_unref);
  g_clear_pointer (&self->wanted, g_array_unref);
  g_clear_pointer (&self->page_state, g_free);
  g_clear_pointer (&self->page_touch, g_free);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->by_child, g_hash_table_unref);
  g_clear_pointer (&self->dirty_cases, g_hash_table_unref);
  g_clear_pointer (&self->dirty_children, g_hash_table_unref);
  g_clear_pointer (&self->filter, hw_case_filter_free);
  g_clear_object (&self->generation);
  g_clear_object (&self->lifetime);

  G_OBJECT_CLASS (hw_case_list_model_parent_class)->finalize (object);
}

static void
hw_case_list_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  HwCaseListModel *self = HW_CASE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, self->db);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hw_case_list_model_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  HwCaseListModel *self = HW_CASE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_DB:
      self->db = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hw_case_list_model_class_init (HwCaseListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hw_case_list_model_constructed;
  object_class->dispose = hw_case_list_model_dispose;
  object_class->finalize = hw_case_list_model_finalize;
  object_class->get_property = hw_case_list_model_get_property;
  object_class->set_property = hw_case_list_model_set_property;

  properties[PROP_DB] =
    g_param_spec_object ("db", NULL, NULL,
                         HW_TYPE_DB,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * HwCaseListModel:loading:
   *
   * Whether the cases are being counted (at first, and after the filter or
   * the order changed).
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HwCaseListModel::error:
   * @error: what failed
   *
   * A fetch failed for a reason worth telling the user (not cancellation, not
   * a lost connection: that shows in the connection state).
   */
  signals[ERROR] =
    g_signal_new ("error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  /**
   * HwCaseListModel::rebasing:
   *
   * The whole model is about to be replaced by the same list read again
   * (after other clients' changes): a view may keep its scroll position.
   */
  signals[REBASING] =
    g_signal_new ("rebasing",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * HwCaseListModel::rebased:
   *
   * Follows ::rebasing, after items-changed.
   */
  signals[REBASED] =
    g_signal_new ("rebased",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
hw_case_list_model_init (HwCaseListModel *self)
{
  self->items = g_ptr_array_new_with_free_func (item_free);
  self->boundaries = boundaries_new ();
  self->wanted = g_array_new (FALSE, FALSE, sizeof (guint));
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->by_child = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->dirty_cases = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->dirty_children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->generation = g_cancellable_new ();
  self->lifetime = g_cancellable_new ();
  self->filter = g_new0 (HwCaseFilter, 1);
  self->sort = HW_CASE_SORT_ACTIVITY;
  self->descending = TRUE;
  reset_pages (self, 0);
}

/**
 * hw_case_list_model_new:
 * @db: a connection (connecting or connected)
 *
 * Returns: (transfer full): the list of all cases, most recently active
 *   first, which starts loading at once
 */
HwCaseListModel *
hw_case_list_model_new (HwDb *db)
{
  g_return_val_if_fail (HW_IS_DB (db), NULL);

  return g_object_new (HW_TYPE_CASE_LIST_MODEL,
                       "db", db,
                       NULL);
}

HwDb *
hw_case_list_model_get_db (HwCaseListModel *self)
{
  g_return_val_if_fail (HW_IS_CASE_LIST_MODEL (self), NULL);

  return self->db;
}

/**
 * hw_case_list_model_get_loading:
 *
 * Returns: whether the number of cases is not known yet
 */
gboolean
hw_case_list_model_get_loading (HwCaseListModel *self)
{
  g_return_val_if_fail (HW_IS_CASE_LIST_MODEL (self), FALSE);

  return self->loading;
}

/**
 * hw_case_list_model_set_sort:
 *
 * Orders the cases by @sort (then by id), and loads them again.
 */
void
hw_case_list_model_set_sort (HwCaseListModel *self,
                             HwCaseSort       sort,
                             gboolean         descending)
{
  g_return_if_fail (HW_IS_CASE_LIST_MODEL (self));
  g_return_if_fail (sort < G_N_ELEMENTS (sort_specs));

  if (self->sort == sort && self->descending == !!descending)
    return;

  self->sort = sort;
  self->descending = !!descending;
  hw_case_list_model_reload (self);
}

HwCaseSort
hw_case_list_model_get_sort (HwCaseListModel *self,
                             gboolean        *descending)
{
  g_return_val_if_fail (HW_IS_CASE_LIST_MODEL (self), HW_CASE_SORT_ACTIVITY);

  if (descending != NULL)
    *descending = self->descending;

  return self->sort;
}

/**
 * hw_case_list_model_set_filter:
 * @filter: (nullable): which cases to show; %NULL for all
 *
 * Loads the cases again if @filter differs from the current one.
 */
void
hw_case_list_model_set_filter (HwCaseListModel    *self,
                               const HwCaseFilter *filter)
{
  HwCaseFilter none = { 0 };

  g_return_if_fail (HW_IS_CASE_LIST_MODEL (self));

  if (filter == NULL)
    filter = &none;

  if (hw_case_filter_equal (self->filter, filter))
    return;

  hw_case_filter_free (self->filter);
  self->filter = hw_case_filter_copy (filter);
  hw_case_list_model_reload (self);
}

/**
 * hw_case_list_model_get_filter:
 *
 * Returns: (transfer none): the current filter
 */
const HwCaseFilter *
hw_case_list_model_get_filter (HwCaseListModel *self)
{
  g_return_val_if_fail (HW_IS_CASE_LIST_MODEL (self), NULL);

  return self->filter;
}

/**
 * hw_case_list_model_reload:
 *
 * Reads the list from the start: the first page, then the boundaries of the
 * others. Fetches of the previous load are cancelled.
 */
void
hw_case_list_model_reload (HwCaseListModel *self)
{
  g_auto(Query) page = query_new ();
  g_auto(Query) boundaries = query_new ();

  g_return_if_fail (HW_IS_CASE_LIST_MODEL (self));

  new_generation (self);

  /* The reload reads everything afresh. */
  g_hash_table_remove_all (self->dirty_cases);
  g_hash_table_remove_all (self->dirty_children);
  self->need_rebase = FALSE;

  set_loading (self, TRUE);

  build_page_query (self, &page, NULL);
  query_send (self, &page, self->generation, first_page_cb, request_new (self, self->generation));

  build_boundaries_query (self, &boundaries);
  query_send (self, &boundaries, self->generation, boundaries_cb,
              request_new (self, self->generation));
}

/**
 * hw_case_list_model_refresh_case:
 *
 * Reads a case again (or finds its place, if it is new). For changes this
 * client made: the server does not tell a client about its own changes.
 */
void
hw_case_list_model_refresh_case (HwCaseListModel *self,
                                 gint64           case_id)
{
  g_return_if_fail (HW_IS_CASE_LIST_MODEL (self));

  case_changed (self, case_id);
}

/**
 * hw_case_list_model_find:
 * @position: (out) (optional): where the case is
 *
 * Returns: whether the case is among the rows fetched so far
 */
gboolean
hw_case_list_model_find (HwCaseListModel *self,
                         gint64           case_id,
                         guint           *position)
{
  HwCaseSummary *summary;

  g_return_val_if_fail (HW_IS_CASE_LIST_MODEL (self), FALSE);

  summary = g_hash_table_lookup (self->by_id, &case_id);
  if (summary == NULL)
    return FALSE;

  for (guint i = 0; i < self->items->len; i++)
    if (g_ptr_array_index (self->items, i) == summary)
      {
        if (position != NULL)
          *position = i;
        return TRUE;
      }

  return FALSE;
}
