/* hw-inbox-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-inbox-model"

#include "config.h"

#include "hw-db.h"
#include "hw-inbox-model.h"

/* The inbox as a GListModel of HwSightingSummary: the sightings still being
 * worked on, a repost group once, newest or most urgent first.
 *
 * Rows come a page at a time, each page read after the last row of the one
 * before (keyset paging on the order's own partial index), so the first rows
 * come at once with a million sightings and scrolling further costs the same
 * at any depth. The view asks for more (hw_inbox_model_load_more()) as it
 * nears the end.
 *
 * Live: a change to a sighting, a repost group or a photo on another client
 * (a NOTIFY) reads the loaded rows again, soon after and once for a burst;
 * only the rows that differ are replaced, so the selection and the scroll
 * position stay where they were. */

#define PAGE_SIZE        100
#define REFRESH_DELAY_MS 150

struct _HwInboxModel
{
  GObject          parent_instance;

  HwSightingStore *store;
  GPtrArray       *items;          /* HwSightingSummary */
  HwInboxOrder     order;
  HwInboxScope     scope;
  GCancellable    *cancellable;    /* the page or refresh being read */
  guint            generation;     /* bumped when the order or scope changes */
  guint            refresh_source;
  gboolean         loading;
  gboolean         complete;       /* the last page was short: nothing more */
  gboolean         refresh_again;  /* a change came while reading */
};

static void hw_inbox_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HwInboxModel, hw_inbox_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, hw_inbox_model_list_model_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_COMPLETE,
  N_PROPS
};

enum {
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GType
hw_inbox_model_get_item_type (GListModel *model)
{
  return HW_TYPE_SIGHTING_SUMMARY;
}

static guint
hw_inbox_model_get_n_items (GListModel *model)
{
  return HW_INBOX_MODEL (model)->items->len;
}

static gpointer
hw_inbox_model_get_item (GListModel *model,
                         guint       position)
{
  HwInboxModel *self = HW_INBOX_MODEL (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
hw_inbox_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = hw_inbox_model_get_item_type;
  iface->get_n_items = hw_inbox_model_get_n_items;
  iface->get_item = hw_inbox_model_get_item;
}

static void
set_loading (HwInboxModel *self,
             gboolean      loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_complete (HwInboxModel *self,
              gboolean      complete)
{
  if (self->complete == complete)
    return;

  self->complete = complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

static void
report_error (HwInboxModel *self,
              GError       *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[ERROR], 0, error);
}

/* Replaces the rows by @rows, keeping the objects of the rows that did not
 * change and telling the view only about the span that did. */
static void
merge_rows (HwInboxModel *self,
            GPtrArray    *rows)
{
  guint old_len = self->items->len;
  guint new_len = rows->len;
  guint prefix = 0, suffix = 0;

  while (prefix < old_len && prefix < new_len &&
         hw_sighting_summary_same (g_ptr_array_index (self->items, prefix), g_ptr_array_index (rows, prefix)))
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         hw_sighting_summary_same (g_ptr_array_index (self->items, old_len - 1 - suffix),
                                   g_ptr_array_index (rows, new_len - 1 - suffix)))
    suffix++;

  if (prefix + suffix == old_len && old_len == new_len)
    return;

  g_ptr_array_remove_range (self->items, prefix, old_len - prefix - suffix);
  for (guint i = prefix; i < new_len - suffix; i++)
    g_ptr_array_insert (self->items, (int) i, g_object_ref (g_ptr_array_index (rows, i)));

  g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_len - prefix - suffix, new_len - prefix - suffix);
}

typedef struct
{
  HwInboxModel *self;
  guint         generation;
  guint         limit;
  gboolean      refresh;   /* the loaded rows read again, not the next page */
} ReadData;

static void read_rows (HwInboxModel *self,
                       gboolean      refresh);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autofree ReadData *data = user_data;
  g_autoptr(HwInboxModel) self = data->self;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = hw_sighting_store_inbox_finish (HW_SIGHTING_STORE (object), result, &error);
  if (data->generation != self->generation)
    return;

  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);

  if (rows == NULL)
    {
      report_error (self, error);
      return;
    }

  if (data->refresh)
    {
      merge_rows (self, rows);
      set_complete (self, rows->len < data->limit);
    }
  else
    {
      guint position = self->items->len;

      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (self->items, g_object_ref (g_ptr_array_index (rows, i)));
      set_complete (self, rows->len < data->limit);
      if (rows->len > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), position, 0, rows->len);
    }

  if (self->refresh_again)
    {
      self->refresh_again = FALSE;
      read_rows (self, TRUE);
    }
}

static void
read_rows (HwInboxModel *self,
           gboolean      refresh)
{
  ReadData *data;
  HwSightingSummary *after = NULL;

  if (self->store == NULL)
    return;

  data = g_new0 (ReadData, 1);
  data->self = g_object_ref (self);
  data->generation = self->generation;
  data->refresh = refresh;
  if (refresh)
    data->limit = MAX (PAGE_SIZE, ((self->items->len + PAGE_SIZE - 1) / PAGE_SIZE) * PAGE_SIZE);
  else
    {
      data->limit = PAGE_SIZE;
      if (self->items->len > 0)
        after = g_ptr_array_index (self->items, self->items->len - 1);
    }

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  hw_sighting_store_inbox_async (self->store, self->order, self->scope, after, data->limit,
                                 self->cancellable, read_cb, data);
}

static void
restart (HwInboxModel *self)
{
  guint removed = self->items->len;

  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->refresh_again = FALSE;
  set_loading (self, FALSE);
  g_ptr_array_set_size (self->items, 0);
  set_complete (self, FALSE);
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);

  read_rows (self, FALSE);
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  HwInboxModel *self = user_data;

  self->refresh_source = 0;
  hw_inbox_model_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
notification_cb (HwInboxModel *self,
                 const char   *channel,
                 const char   *payload,
                 HwDb         *db)
{
  if (g_strcmp0 (channel, HW_DB_CHANNEL) != 0 || payload == NULL)
    return;

  if (!g_str_has_prefix (payload, "sighting:") && !g_str_has_prefix (payload, "repost_group:") &&
      !g_str_has_prefix (payload, "photo:") && !g_str_has_prefix (payload, "officer:"))
    return;

  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_timeout_cb, self);
}

static void
hw_inbox_model_dispose (GObject *object)
{
  HwInboxModel *self = HW_INBOX_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hw_inbox_model_parent_class)->dispose (object);
}

static void
hw_inbox_model_finalize (GObject *object)
{
  HwInboxModel *self = HW_INBOX_MODEL (object);

  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (hw_inbox_model_parent_class)->finalize (object);
}

static void
hw_inbox_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HwInboxModel *self = HW_INBOX_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hw_inbox_model_class_init (HwInboxModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hw_inbox_model_dispose;
  object_class->finalize = hw_inbox_model_finalize;
  object_class->get_property = hw_inbox_model_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HwInboxModel::error:
   * @error: what went wrong reading rows
   */
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
hw_inbox_model_init (HwInboxModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

HwInboxModel *
hw_inbox_model_new (HwSightingStore *store)
{
  HwInboxModel *self;

  g_return_val_if_fail (HW_IS_SIGHTING_STORE (store), NULL);

  self = g_object_new (HW_TYPE_INBOX_MODEL, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (hw_session_get_db (hw_sighting_store_get_session (store)), "notification",
                           G_CALLBACK (notification_cb), self, G_CONNECT_SWAPPED);
  read_rows (self, FALSE);

  return self;
}

HwSightingStore *
hw_inbox_model_get_store (HwInboxModel *self)
{
  g_return_val_if_fail (HW_IS_INBOX_MODEL (self), NULL);
  return self->store;
}

void
hw_inbox_model_set_order (HwInboxModel *self,
                          HwInboxOrder  order)
{
  g_return_if_fail (HW_IS_INBOX_MODEL (self));

  if (self->order == order)
    return;

  self->order = order;
  restart (self);
}

void
hw_inbox_model_set_scope (HwInboxModel *self,
                          HwInboxScope  scope)
{
  g_return_if_fail (HW_IS_INBOX_MODEL (self));

  if (self->scope == scope)
    return;

  self->scope = scope;
  restart (self);
}

HwInboxScope
hw_inbox_model_get_scope (HwInboxModel *self)
{
  g_return_val_if_fail (HW_IS_INBOX_MODEL (self), HW_INBOX_ALL);
  return self->scope;
}

/* Reads the next page, unless one is being read or there is none. */
void
hw_inbox_model_load_more (HwInboxModel *self)
{
  g_return_if_fail (HW_IS_INBOX_MODEL (self));

  if (self->loading || self->complete)
    return;

  read_rows (self, FALSE);
}

/* Reads the loaded rows again (after this client changed sightings: our own
 * notifications do not come back to us). */
void
hw_inbox_model_refresh (HwInboxModel *self)
{
  g_return_if_fail (HW_IS_INBOX_MODEL (self));

  if (self->loading)
    {
      self->refresh_again = TRUE;
      return;
    }

  read_rows (self, TRUE);
}

gboolean
hw_inbox_model_get_loading (HwInboxModel *self)
{
  g_return_val_if_fail (HW_IS_INBOX_MODEL (self), FALSE);
  return self->loading;
}

gboolean
hw_inbox_model_get_complete (HwInboxModel *self)
{
  g_return_val_if_fail (HW_IS_INBOX_MODEL (self), FALSE);
  return self->complete;
}

/* The position of a sighting's row, or GTK_INVALID_LIST_POSITION's value. */
guint
hw_inbox_model_find (HwInboxModel *self,
                     gint64        sighting_id)
{
  g_return_val_if_fail (HW_IS_INBOX_MODEL (self), G_MAXUINT);

  for (guint i = 0; i < self->items->len; i++)
    if (hw_sighting_summary_get_id (g_ptr_array_index (self->items, i)) == sighting_id)
      return i;

  return G_MAXUINT;
}
