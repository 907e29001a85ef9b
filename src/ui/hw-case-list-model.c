/* hw-case-list-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-case-list-model"

#include "config.h"

#include "hw-case-list-model.h"
#include "hw-case-summary.h"

/* All cases, ordered by case number, as a GListModel that fetches only what is
 * looked at.
 *
 * Loading asks the server for the number of cases and reports that many
 * items at once, so a GtkColumnView can size its scroll bar. Every item starts
 * as a placeholder HwCaseSummary ("Loading…"); when get_item() touches a row
 * of a page that was not fetched, that page (PAGE_SIZE rows) is fetched and
 * the placeholders are filled in place, then items-changed is emitted for the
 * page with the same objects, so selection and focus survive.
 *
 * Pages are fetched with LIMIT/OFFSET. Keyset pagination needs the key of the
 * row before a page, which random access (dragging the scroll bar to the
 * middle) does not have; OFFSET costs a scan of the skipped index entries,
 * acceptable for this first version. The case workspace replaces this with
 * keyset pages.
 *
 * Touched pages are not fetched at once but from an idle, newest touch first
 * and at most MAX_PAGES_PER_BATCH of them: a GtkSingleSelection looks at every
 * item after items-changed covers its selected row, and that must not fetch
 * the whole table. Pages touched but not fetched are fetched when touched
 * again, which is what showing a row does.
 *
 * Live updates: notifications "abduction_case:ID:VERSION" (and "person:ID:…"
 * for a child's name) are gathered for FLUSH_DELAY_MS, then the rows this
 * model holds are re-read in one query and updated in place. A case it does
 * not hold may be new: the count is checked and the list reloaded if it
 * changed. Deletions, renumbered cases and bulk changes ("table:0:0") reload
 * too. A reload drops the rows and their selection; the case workspace will do
 * better with keyset positions. */

#define PAGE_SIZE           200
#define MAX_PAGES_PER_BATCH 4
#define FLUSH_DELAY_MS      50

#define CASE_QUERY \
  "SELECT c.id, c.case_number, c.status, c.child_id, concat (p.family_name, p.given_name), " \
  "concat_ws (' ', p.family_name_latin, p.given_name_latin) " \
  "FROM homeward.abduction_case c LEFT JOIN homeward.person p ON p.id = c.child_id "
#define COUNT_QUERY "SELECT count(*) FROM homeward.abduction_case"

enum {
  COL_ID,
  COL_CASE_NUMBER,
  COL_STATUS,
  COL_CHILD_ID,
  COL_CHILD_NAME,
  COL_CHILD_NAME_LATIN,
};

typedef enum
{
  PAGE_NONE,
  PAGE_WANTED,
  PAGE_REQUESTED,
  PAGE_LOADED,
} PageState;

struct _HwCaseListModel
{
  GObject        parent_instance;

  HwDb          *db;
  gulong         notification_id;
  gulong         state_id;
  HwDbState      last_state;

  /* One slot per row: an HwCaseSummary, or NULL if nothing asked for it. */
  GPtrArray     *items;
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

  GHashTable    *dirty_cases;
  GHashTable    *dirty_children;
  guint          flush_id;

  guint          loading : 1;
  guint          need_count_check : 1;
  guint          need_reload : 1;
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
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_flush (HwCaseListModel *self);

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

static void
forget_rows (HwCaseListModel *self)
{
  g_hash_table_remove_all (self->by_id);
  g_hash_table_remove_all (self->by_child);
  g_ptr_array_set_size (self->items, 0);
  g_clear_pointer (&self->page_state, g_free);
  g_clear_pointer (&self->page_touch, g_free);
  g_array_set_size (self->wanted, 0);
  self->n_pages = 0;
}

static void
apply_row (HwCaseListModel *self,
           HwCaseSummary   *summary,
           HwDbResult      *rows,
           guint            row)
{
  gint64 id = hw_db_result_get_int64 (rows, row, COL_ID);

  hw_case_summary_update (summary,
                          id,
                          hw_db_result_get_string (rows, row, COL_CASE_NUMBER),
                          hw_db_result_get_string (rows, row, COL_CHILD_NAME),
                          hw_db_result_get_string (rows, row, COL_CHILD_NAME_LATIN),
                          hw_db_result_get_string (rows, row, COL_STATUS));

  g_hash_table_replace (self->by_id, int64_key (id), summary);
  if (!hw_db_result_is_null (rows, row, COL_CHILD_ID))
    g_hash_table_replace (self->by_child,
                          int64_key (hw_db_result_get_int64 (rows, row, COL_CHILD_ID)),
                          summary);
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
  n_rows = MIN (hw_db_result_get_n_rows (rows), expected);

  for (guint i = 0; i < n_rows; i++)
    {
      HwCaseSummary *summary = g_ptr_array_index (self->items, start + i);

      if (summary == NULL)
        {
          summary = hw_case_summary_new_placeholder ();
          g_ptr_array_index (self->items, start + i) = summary;
        }

      apply_row (self, summary, rows, i);
    }

  self->page_state[request->page] = PAGE_LOADED;
  g_debug ("Page %u arrived: %u rows", request->page, hw_db_result_get_n_rows (rows));

  /* Rows were added or removed since the count: the count check reloads. */
  if (hw_db_result_get_n_rows (rows) != expected)
    {
      self->need_count_check = TRUE;
      schedule_flush (self);
    }

  if (n_rows > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), start, n_rows, n_rows);
}

static void
fetch_page (HwCaseListModel *self,
            guint            page)
{
  g_autofree char *offset = g_strdup_printf ("%u", page * PAGE_SIZE);
  const char *params[] = { offset };
  Request *request = request_new (self, self->generation);

  request->page = page;
  self->page_state[page] = PAGE_REQUESTED;
  g_debug ("Fetching page %u", page);

  hw_db_query_async (self->db,
                     CASE_QUERY "ORDER BY c.case_number, c.id LIMIT "
                     G_STRINGIFY (PAGE_SIZE) " OFFSET $1",
                     params, G_N_ELEMENTS (params),
                     self->generation,
                     fetch_page_cb,
                     request);
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
  /* While the count is under way, pages are about to be renumbered. */
  if (self->loading)
    return;

  g_assert (page < self->n_pages);

  self->page_touch[page] = ++self->touch_serial;

  if (self->page_state[page] != PAGE_NONE)
    return;

  self->page_state[page] = PAGE_WANTED;
  g_array_append_val (self->wanted, page);

  /* After the frame's layout, which touches the rows that are shown. */
  if (self->fetch_idle_id == 0)
    self->fetch_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fetch_idle_cb, self, NULL);
}

/* Loading */

static void
count_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GError) error = NULL;
  HwCaseListModel *self;
  guint old_n;
  guint new_n;

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

  old_n = self->items->len;
  new_n = (guint) CLAMP (hw_db_result_get_int64 (rows, 0, 0), 0, G_MAXUINT);

  forget_rows (self);
  g_ptr_array_set_size (self->items, new_n);
  self->n_pages = (new_n + PAGE_SIZE - 1) / PAGE_SIZE;
  self->page_state = g_new0 (guint8, self->n_pages);
  self->page_touch = g_new0 (guint, self->n_pages);

  set_loading (self, FALSE);

  if (old_n != 0 || new_n != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
count_check_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = hw_db_query_finish (HW_DB (object), result, &error);

  if (request_is_stale (request))
    return;

  if (rows == NULL)
    report_error (request->self, error);
  else if (hw_db_result_get_int64 (rows, 0, 0) != request->self->items->len)
    hw_case_list_model_reload (request->self);
}

/* Live updates */

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = NULL;
  HwCaseListModel *self;
  gboolean reload = FALSE;

  rows = hw_db_query_finish (HW_DB (object), result, &error);

  if (request_is_stale (request))
    return;

  self = request->self;

  if (rows == NULL)
    {
      report_error (self, error);
      return;
    }

  seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < hw_db_result_get_n_rows (rows); i++)
    {
      gint64 id = hw_db_result_get_int64 (rows, i, COL_ID);
      HwCaseSummary *summary = g_hash_table_lookup (self->by_id, &id);

      if (summary == NULL)
        continue;

      g_hash_table_add (seen, summary);

      /* A new case number moves the row: positions are the server's to say. */
      if (g_strcmp0 (hw_case_summary_get_case_number (summary),
                     hw_db_result_get_string (rows, i, COL_CASE_NUMBER)) != 0)
        reload = TRUE;

      apply_row (self, summary, rows, i);
    }

  /* A case asked for and not returned was deleted (or is no longer visible). */
  for (guint i = 0; i < request->case_ids->len; i++)
    {
      gint64 id = g_array_index (request->case_ids, gint64, i);
      HwCaseSummary *summary = g_hash_table_lookup (self->by_id, &id);

      if (summary != NULL && !g_hash_table_contains (seen, summary))
        reload = TRUE;
    }

  if (reload)
    hw_case_list_model_reload (self);
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

  self->flush_id = 0;

  if (self->need_reload)
    {
      hw_case_list_model_reload (self);
      return G_SOURCE_REMOVE;
    }

  if (g_hash_table_size (self->dirty_cases) > 0 || g_hash_table_size (self->dirty_children) > 0)
    {
      Request *request = request_new (self, self->lifetime);
      g_autofree char *case_ids = NULL;
      g_autofree char *child_ids = NULL;
      const char *params[2];

      request->case_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      case_ids = ids_to_array_literal (self->dirty_cases, request->case_ids);
      child_ids = ids_to_array_literal (self->dirty_children, NULL);
      params[0] = case_ids;
      params[1] = child_ids;

      g_hash_table_remove_all (self->dirty_cases);
      g_hash_table_remove_all (self->dirty_children);

      hw_db_query_async (self->db,
                         CASE_QUERY "WHERE c.id = ANY ($1::bigint[]) OR c.child_id = ANY ($2::bigint[])",
                         params, G_N_ELEMENTS (params),
                         self->lifetime,
                         refresh_cb,
                         request);
    }

  if (self->need_count_check && !self->loading)
    {
      self->need_count_check = FALSE;
      hw_db_query_async (self->db, COUNT_QUERY, NULL, 0,
                         self->generation,
                         count_check_cb,
                         request_new (self, self->generation));
    }

  return G_SOURCE_REMOVE;
}

static void
schedule_flush (HwCaseListModel *self)
{
  if (self->flush_id == 0)
    self->flush_id = g_timeout_add (FLUSH_DELAY_MS, flush_cb, self);
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

  if (g_str_equal (parts[0], "abduction_case"))
    {
      /* A statement changed too many rows to name them all. */
      if (id == 0)
        self->need_reload = TRUE;
      else if (g_hash_table_contains (self->by_id, &id))
        g_hash_table_add (self->dirty_cases, int64_key (id));
      else
        self->need_count_check = TRUE;
    }
  else if (g_str_equal (parts[0], "person"))
    {
      if (id == 0)
        self->need_reload = TRUE;
      else if (g_hash_table_contains (self->by_child, &id))
        g_hash_table_add (self->dirty_children, int64_key (id));
      else
        return;
    }
  else
    {
      return;
    }

  schedule_flush (self);
}

static void
state_cb (HwCaseListModel *self,
          GParamSpec      *pspec,
          HwDb            *db)
{
  HwDbState state = hw_db_get_state (db);

  /* Fetches that failed while the connection was down left placeholders that
   * nobody asks for again: start over. */
  if (state == HW_DB_STATE_CONNECTED && self->last_state == HW_DB_STATE_RECONNECTING)
    hw_case_list_model_reload (self);

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

  if (self->items != NULL)
    forget_rows (self);

  g_clear_object (&self->db);

  G_OBJECT_CLASS (hw_case_list_model_parent_class)->dispose (object);
}

static void
hw_case_list_model_finalize (GObject *object)
{
  HwCaseListModel *self = (HwCaseListModel *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->wanted, g_array_unref);
  g_clear_pointer (&self->page_state, g_free);
  g_clear_pointer (&self->page_touch, g_free);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->by_child, g_hash_table_unref);
  g_clear_pointer (&self->dirty_cases, g_hash_table_unref);
  g_clear_pointer (&self->dirty_children, g_hash_table_unref);
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
   * Whether the number of cases is being asked for (at first, and on reload).
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
}

static void
hw_case_list_model_init (HwCaseListModel *self)
{
  self->items = g_ptr_array_new_with_free_func (item_free);
  self->wanted = g_array_new (FALSE, FALSE, sizeof (guint));
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->by_child = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->dirty_cases = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->dirty_children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->generation = g_cancellable_new ();
  self->lifetime = g_cancellable_new ();
}

/**
 * hw_case_list_model_new:
 * @db: a connection (connecting or connected)
 *
 * Returns: (transfer full): the list of all cases, which starts loading at once
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
 * hw_case_list_model_reload:
 *
 * Asks for the number of cases again and drops every fetched row; rows are
 * fetched again as they are looked at. Fetches of the previous load are
 * cancelled.
 */
void
hw_case_list_model_reload (HwCaseListModel *self)
{
  g_return_if_fail (HW_IS_CASE_LIST_MODEL (self));

  g_cancellable_cancel (self->generation);
  g_clear_object (&self->generation);
  self->generation = g_cancellable_new ();

  g_clear_handle_id (&self->fetch_idle_id, g_source_remove);
  g_array_set_size (self->wanted, 0);
  if (self->page_state != NULL)
    for (guint i = 0; i < self->n_pages; i++)
      if (self->page_state[i] != PAGE_LOADED)
        self->page_state[i] = PAGE_NONE;

  /* The reload reads everything afresh. */
  g_hash_table_remove_all (self->dirty_cases);
  g_hash_table_remove_all (self->dirty_children);
  self->need_count_check = FALSE;
  self->need_reload = FALSE;

  set_loading (self, TRUE);

  hw_db_query_async (self->db, COUNT_QUERY, NULL, 0,
                     self->generation,
                     count_cb,
                     request_new (self, self->generation));
}
