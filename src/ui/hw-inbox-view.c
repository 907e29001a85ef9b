/* hw-inbox-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-inbox-view"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-case.h"
#include "hw-inbox-view.h"
#include "hw-ui-util.h"

/* The list pane of the inbox: one row per sighting (a repost group once),
 * with its thumbnail, what and where, when and how it came, its priority,
 * status and who has it; overdue rows are marked.
 *
 * Selecting one row opens the sighting; selecting several (Ctrl or Shift
 * and a click) and pressing Triage closes them all with one reason. */

#define THUMBNAIL_SIZE 56

struct _HwInboxView
{
  GtkBox             parent_instance;

  AdwWindowTitle    *title;
  GtkDropDown       *order_dropdown;
  GtkLabel          *selection_label;
  GtkStack          *stack;
  GtkSpinner        *spinner;
  GtkScrolledWindow *scroller;
  GtkListView       *list_view;

  HwInboxModel      *model;
  GtkMultiSelection *selection;
  HwInboxCounts      counts;
  gboolean           folded;
  gint64             shown_id;
};

G_DEFINE_FINAL_TYPE (HwInboxView, hw_inbox_view, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_FOLDED,
  N_PROPS
};

enum {
  OPEN_SIGHTING,
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_title (HwInboxView *self)
{
  static const char *titles[] = { N_("Inbox"), N_("My Sightings"), N_("Overdue") };
  HwInboxScope scope = self->model != NULL ? hw_inbox_model_get_scope (self->model) : HW_INBOX_ALL;
  gint64 count = scope == HW_INBOX_ALL ? self->counts.inbox
               : scope == HW_INBOX_MINE ? self->counts.mine : self->counts.overdue;
  g_autofree char *subtitle = NULL;

  adw_window_title_set_title (self->title, _(titles[scope]));
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'d sighting", "%'d sightings", (gulong) count),
                              (int) MIN (count, G_MAXINT));
  adw_window_title_set_subtitle (self->title, subtitle);
}

static void
update_page (HwInboxView *self)
{
  gboolean loading = self->model != NULL && hw_inbox_model_get_loading (self->model);
  guint n_items = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;

  gtk_spinner_set_spinning (self->spinner, loading && n_items == 0);
  if (n_items > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    gtk_stack_set_visible_child_name (self->stack, loading || self->model == NULL ? "loading" : "empty");
}

static GArray *
selected_ids (HwInboxView *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  if (self->selection == NULL)
    return ids;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(HwSightingSummary) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
      gint64 id = hw_sighting_summary_get_id (item);

      g_array_append_val (ids, id);
    }

  return ids;
}

static void
selection_changed_cb (HwInboxView       *self,
                      guint              position,
                      guint              n_items,
                      GtkSelectionModel *selection)
{
  g_autoptr(GArray) ids = selected_ids (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inbox.triage", ids->len > 0);
  if (ids->len > 1)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected",
                                                             ids->len), ids->len);
      gtk_label_set_label (self->selection_label, label);
    }
  else
    gtk_label_set_label (self->selection_label, "");

  if (ids->len == 1 && g_array_index (ids, gint64, 0) != self->shown_id)
    {
      self->shown_id = g_array_index (ids, gint64, 0);
      g_signal_emit (self, signals[OPEN_SIGHTING], 0, self->shown_id);
    }
}

static void
items_changed_cb (HwInboxView *self)
{
  update_page (self);
}

static void
activate_cb (HwInboxView *self,
             guint        position,
             GtkListView *list_view)
{
  g_autoptr(HwSightingSummary) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (item == NULL)
    return;

  self->shown_id = hw_sighting_summary_get_id (item);
  g_signal_emit (self, signals[OPEN_SIGHTING], 0, self->shown_id);
}

static void
order_changed_cb (HwInboxView *self)
{
  if (self->model != NULL)
    hw_inbox_model_set_order (self->model, gtk_drop_down_get_selected (self->order_dropdown) == 1
                                             ? HW_INBOX_URGENT : HW_INBOX_NEWEST);
}

/* More rows when the officer scrolls near the end. */
static void
scrolled_cb (HwInboxView   *self,
             GtkAdjustment *adjustment)
{
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);

  if (self->model != NULL && value + 2 * page >= upper)
    hw_inbox_model_load_more (self->model);
}

/* Rows */

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              HwInboxView              *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *meta = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), subtitle);
  gtk_box_append (GTK_BOX (text), meta);
  gtk_box_append (GTK_BOX (row), gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0));  /* the thumbnail's slot */
  gtk_box_append (GTK_BOX (row), text);
  gtk_list_item_set_child (item, row);
}

static void
add_meta_label (GtkWidget  *meta,
                const char *text,
                gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "caption");
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (meta), label);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             HwInboxView              *self)
{
  HwSightingSummary *summary = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *slot = gtk_widget_get_first_child (row);
  GtkWidget *text = gtk_widget_get_next_sibling (slot);
  GtkWidget *title = gtk_widget_get_first_child (text);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  GtkWidget *meta = gtk_widget_get_next_sibling (subtitle);
  const char *priority = hw_sighting_summary_get_priority (summary);
  const char *status = hw_sighting_summary_get_status (summary);
  g_autofree char *status_class = g_strconcat ("sighting-", status, NULL);
  g_autofree char *priority_class = g_strconcat ("priority-", priority, NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (slot)))
    gtk_box_remove (GTK_BOX (slot), child);
  while ((child = gtk_widget_get_first_child (meta)))
    gtk_box_remove (GTK_BOX (meta), child);

  gtk_box_append (GTK_BOX (slot), hw_thumbnail_new (hw_sighting_summary_get_thumbnail (summary), THUMBNAIL_SIZE));
  gtk_label_set_label (GTK_LABEL (title), hw_sighting_summary_get_title (summary));
  gtk_label_set_label (GTK_LABEL (subtitle), hw_sighting_summary_get_subtitle (summary));
  gtk_widget_set_tooltip_text (subtitle, hw_sighting_summary_get_subtitle (summary));

  if (hw_sighting_summary_get_overdue (summary))
    gtk_box_append (GTK_BOX (meta), hw_pill_new (_("Overdue"), "overdue"));
  gtk_box_append (GTK_BOX (meta), hw_pill_new (hw_sighting_status_to_label (status), status_class));
  if (g_strcmp0 (priority, "normal") != 0)
    gtk_box_append (GTK_BOX (meta), hw_pill_new (hw_case_priority_to_label (priority), priority_class));
  if (hw_sighting_summary_get_repost_label (summary) != NULL)
    {
      GtkWidget *reposts = hw_pill_new (hw_sighting_summary_get_repost_label (summary), "reposts");

      gtk_widget_set_tooltip_text (reposts, _("The same photo came in several times: the group shows once"));
      gtk_box_append (GTK_BOX (meta), reposts);
    }
  add_meta_label (meta, hw_sighting_summary_get_when_label (summary), TRUE);
  if (hw_sighting_summary_get_officer_name (summary) != NULL)
    add_meta_label (meta, hw_sighting_summary_get_officer_name (summary), TRUE);
}

/* Triage of many */

typedef struct
{
  HwInboxView *self;
  GtkDropDown *status;
  GtkEditable *reason;
  GArray      *ids;
} TriageData;

static void
triage_data_free (TriageData *data)
{
  g_object_unref (data->self);
  g_array_unref (data->ids);
  g_free (data);
}

static void
triaged_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(HwInboxView) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 changed = hw_sighting_store_write_finish (HW_SIGHTING_STORE (object), result, &error);

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Nothing was changed: %s"), error->message);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        hw_show_toast (GTK_WIDGET (self), message);
      return;
    }

  {
    g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d sighting closed",
                                                             "%d sightings closed", (gulong) changed),
                                                (int) changed);
    hw_show_toast (GTK_WIDGET (self), message);
  }
  hw_inbox_view_refresh (self);
}

static void
triage_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TriageData       *data)
{
  const char * const *statuses = hw_sighting_get_closing_statuses ();
  guint selected = gtk_drop_down_get_selected (data->status);

  if (g_str_equal (response, "triage") && data->self->model != NULL)
    hw_sighting_store_set_status_async (hw_inbox_model_get_store (data->self->model),
                                        (const gint64 *) (gpointer) data->ids->data, data->ids->len,
                                        statuses[selected], gtk_editable_get_text (data->reason), TRUE,
                                        NULL, triaged_cb, g_object_ref (data->self));
}

static void
reason_changed_cb (GtkEditable      *reason,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));

  adw_message_dialog_set_response_enabled (dialog, "triage", text[0] != '\0');
}

static void
triage_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HwInboxView *self = HW_INBOX_VIEW (widget);
  const char * const *statuses = hw_sighting_get_closing_statuses ();
  GtkWidget *dialog, *box, *status, *reason;
  g_autofree char *heading = NULL;
  TriageData *data;
  GArray *ids = selected_ids (self);

  if (ids->len == 0)
    {
      g_array_unref (ids);
      return;
    }

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Triage %u Sighting", "Triage %u Sightings",
                                          ids->len), ids->len);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                   _("Each is closed with the status and reason you give here; a repost "
                                     "group closes together. If one of them cannot be closed, none is."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  status = gtk_drop_down_new (hw_labels_model (statuses, hw_sighting_status_to_label), NULL);
  reason = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Reason (required)"));
  gtk_entry_set_activates_default (GTK_ENTRY (reason), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (status), GTK_ACCESSIBLE_PROPERTY_LABEL, _("New status"), -1);
  gtk_box_append (GTK_BOX (box), status);
  gtk_box_append (GTK_BOX (box), reason);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "triage", _("_Close Sightings"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "triage",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "triage", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "triage");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (reason, "changed", G_CALLBACK (reason_changed_cb), dialog);

  data = g_new0 (TriageData, 1);
  data->self = g_object_ref (self);
  data->status = GTK_DROP_DOWN (status);
  data->reason = GTK_EDITABLE (reason);
  data->ids = ids;
  g_signal_connect_data (dialog, "response", G_CALLBACK (triage_response_cb), data,
                         (GClosureNotify) triage_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (reason);
}

/* Object */

static void
hw_inbox_view_dispose (GObject *object)
{
  HwInboxView *self = HW_INBOX_VIEW (object);

  hw_inbox_view_set_model (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HW_TYPE_INBOX_VIEW);

  G_OBJECT_CLASS (hw_inbox_view_parent_class)->dispose (object);
}

static void
hw_inbox_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HwInboxView *self = HW_INBOX_VIEW (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hw_inbox_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HwInboxView *self = HW_INBOX_VIEW (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hw_inbox_view_class_init (HwInboxViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hw_inbox_view_dispose;
  object_class->get_property = hw_inbox_view_get_property;
  object_class->set_property = hw_inbox_view_set_property;

  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HwInboxView::open-sighting:
   * @sighting_id: the sighting to show
   */
  signals[OPEN_SIGHTING] =
    g_signal_new ("open-sighting", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * HwInboxView::changed:
   *
   * This client changed sightings from the inbox (the counts are stale).
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/homeward/Homeward/hw-inbox-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HwInboxView, title);
  gtk_widget_class_bind_template_child (widget_class, HwInboxView, order_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HwInboxView, selection_label);
  gtk_widget_class_bind_template_child (widget_class, HwInboxView, stack);
  gtk_widget_class_bind_template_child (widget_class, HwInboxView, spinner);
  gtk_widget_class_bind_template_child (widget_class, HwInboxView, scroller);
  gtk_widget_class_bind_template_child (widget_class, HwInboxView, list_view);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, order_changed_cb);

  gtk_widget_class_install_action (widget_class, "inbox.triage", NULL, triage_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "inbox.triage", NULL);
}

static void
hw_inbox_view_init (HwInboxView *self)
{
  g_autoptr(GtkStringList) orders = gtk_string_list_new (NULL);
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (orders, _("Newest first"));
  gtk_string_list_append (orders, _("Most urgent first"));
  gtk_drop_down_set_model (self->order_dropdown, G_LIST_MODEL (orders));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                           G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                           G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inbox.triage", FALSE);
  update_title (self);
  update_page (self);
}

GtkWidget *
hw_inbox_view_new (void)
{
  return g_object_new (HW_TYPE_INBOX_VIEW, NULL);
}

void
hw_inbox_view_set_model (HwInboxView  *self,
                         HwInboxModel *model)
{
  g_return_if_fail (HW_IS_INBOX_VIEW (self));
  g_return_if_fail (model == NULL || HW_IS_INBOX_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_set_object (&self->model, model);
  self->shown_id = 0;

  if (model != NULL)
    {
      self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (model)));
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
      g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
      g_signal_connect_swapped (model, "items-changed", G_CALLBACK (items_changed_cb), self);
      g_signal_connect_swapped (model, "notify::loading", G_CALLBACK (items_changed_cb), self);
      hw_inbox_model_set_order (model, gtk_drop_down_get_selected (self->order_dropdown) == 1
                                         ? HW_INBOX_URGENT : HW_INBOX_NEWEST);
    }

  update_title (self);
  update_page (self);
}

HwInboxModel *
hw_inbox_view_get_model (HwInboxView *self)
{
  g_return_val_if_fail (HW_IS_INBOX_VIEW (self), NULL);
  return self->model;
}

void
hw_inbox_view_set_counts (HwInboxView         *self,
                          const HwInboxCounts *counts)
{
  g_return_if_fail (HW_IS_INBOX_VIEW (self));

  self->counts = *counts;
  update_title (self);
}

/* Reads the rows again after this client changed sightings. */
void
hw_inbox_view_refresh (HwInboxView *self)
{
  g_return_if_fail (HW_IS_INBOX_VIEW (self));

  if (self->model != NULL)
    hw_inbox_model_refresh (self->model);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
hw_inbox_view_focus_list (HwInboxView *self)
{
  g_return_if_fail (HW_IS_INBOX_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}
