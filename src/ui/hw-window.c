/* hw-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-case-page.h"
#include "hw-case-summary.h"
#include "hw-dashboard-view.h"
#include "hw-inbox-view.h"
#include "hw-sighting-intake-dialog.h"
#include "hw-sighting-page.h"
#include "hw-session.h"
#include "hw-settings.h"
#include "hw-window.h"

/* The main window: a sidebar of views (all cases, the unit's, the
 * officer's own), the list of cases with search and filters, and the case
 * shown in the detail pane. A leaflet folds the three panes into one on a
 * narrow window. While the database is being started or connected to, or
 * when that failed, the list pane says so. The list's header bar shows the
 * connection state; the sidebar's, who is signed in. */

/* The values of homeward.abduction_case.status, in workflow order. */
static const char * const case_statuses[] = {
  "open", "investigating", "located", "reunited", "cold", "closed",
};

typedef enum
{
  VIEW_ALL,
  VIEW_UNIT,
  VIEW_MINE,
} View;

struct _HwWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  AdwWindowTitle       *sidebar_title;
  GtkListBox           *sidebar_list;
  GtkListBoxRow        *all_cases_row;
  GtkListBoxRow        *unit_cases_row;
  GtkListBoxRow        *my_cases_row;
  GtkListBoxRow        *inbox_row;
  GtkListBoxRow        *overdue_row;
  GtkListBoxRow        *my_sightings_row;
  GtkListBoxRow        *dashboard_row;
  HwDashboardView      *dashboard_view;
  GtkLabel             *inbox_count;
  GtkLabel             *overdue_count;
  GtkLabel             *mine_count;
  GtkStack             *list_stack;
  HwInboxView          *inbox_view;
  GtkMenuButton        *filter_button;
  GtkBox               *status_checks;
  GtkDropDown          *unit_dropdown;
  GtkDropDown          *officer_dropdown;
  GtkSpinButton        *year_from;
  GtkSpinButton        *year_to;
  GtkSearchEntry       *search_entry;
  GtkScrolledWindow    *list_scroller;
  AdwWindowTitle       *detail_title;
  AdwBin               *detail_bin;
  GtkWidget            *no_case_page;
  GtkWidget            *no_sighting_page;
  GtkWidget            *no_dashboard_page;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  AdwStatusPage        *loading_page;
  GtkProgressBar       *loading_progress;
  GtkWidget            *loading_spinner;
  AdwStatusPage        *error_page;
  GtkColumnView        *column_view;

  HwCasePage           *case_page;        /* made when first needed, or when idle */
  HwSightingPage       *sighting_page;    /* made when first needed */
  HwSightingStore      *sighting_store;
  HwInboxModel         *inbox_model;
  GCancellable         *counts_cancellable;
  guint                 counts_source;
  guint                 case_page_idle_id;
  gint64                pending_case_id;
  GSettings            *settings;
  HwDb                 *db;
  HwSession            *session;
  GCancellable         *session_cancellable;
  HwCaseListModel      *model;
  GtkCheckButton       *status_buttons[G_N_ELEMENTS (case_statuses)];
  /* The ids behind the drop-downs' rows; row 0 is "Any". */
  GArray               *unit_ids;
  GArray               *officer_ids;
  GCancellable         *choices_cancellable;
  GPtrArray            *column_sorters;
  gulong                sorter_changed_id;
  gulong                rebasing_id;
  gulong                rebased_id;
  gulong                selected_id;
  double                saved_scroll;
  View                  view;
  guint                 updating_filter : 1;
  GtkSingleSelection   *selection;
  gulong                state_id;
  gulong                items_changed_id;
  gulong                loading_id;
  gulong                error_id;
  HwDbState             last_state;
  AdwToast             *lost_toast;
  GCancellable         *demo_cancellable;
  gboolean              demo;
};

G_DEFINE_FINAL_TYPE (HwWindow, hw_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean filter_is_active (HwWindow *self);
static void     show_case_page   (HwWindow *self,
                                  gboolean  shown);
static void     open_case        (HwWindow *self,
                                  gint64    case_id);

static void
update_page (HwWindow *self)
{
  if (self->model == NULL)
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    {
      gboolean had_focus = g_str_equal (gtk_stack_get_visible_child_name (self->stack), "cases");

      gtk_stack_set_visible_child_name (self->stack, "cases");
      if (!had_focus)
        gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
    }
  else if (hw_case_list_model_get_loading (self->model))
    {
      hw_window_show_loading (self, _("Loading cases…"));
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, filter_is_active (self) ? "no-match" : "empty");
    }
}

static void
update_subtitle (HwWindow *self)
{
  g_autofree char *subtitle = NULL;
  HwDbState state = self->db != NULL ? hw_db_get_state (self->db) : HW_DB_STATE_DISCONNECTED;

  switch (state)
    {
    case HW_DB_STATE_CONNECTING:
      subtitle = g_strdup (_("Connecting…"));
      break;

    case HW_DB_STATE_CONNECTED:
      if (self->demo)
        /* Translators: %s is the database role the officer signed in as. */
        subtitle = g_strdup_printf (_("Connected as %s · Demo data, not real cases"),
                                    hw_db_get_user (self->db));
      else
        /* Translators: %s is the database role the officer signed in as. */
        subtitle = g_strdup_printf (_("Connected as %s"), hw_db_get_user (self->db));
      break;

    case HW_DB_STATE_RECONNECTING:
      subtitle = g_strdup (_("Connection lost, reconnecting…"));
      break;

    case HW_DB_STATE_DISCONNECTED:
    case HW_DB_STATE_CLOSED:
    default:
      subtitle = g_strdup (self->db != NULL ? _("Disconnected") : "");
      break;
    }

  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
db_state_cb (HwWindow   *self,
             GParamSpec *pspec,
             HwDb       *db)
{
  HwDbState state = hw_db_get_state (db);

  update_subtitle (self);

  if (state == HW_DB_STATE_RECONNECTING && self->last_state == HW_DB_STATE_CONNECTED)
    {
      g_clear_object (&self->lost_toast);
      self->lost_toast = adw_toast_new (_("Lost the connection to the database. Reconnecting…"));
      adw_toast_set_timeout (self->lost_toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->lost_toast));
    }
  else if (state == HW_DB_STATE_CONNECTED && self->last_state == HW_DB_STATE_RECONNECTING)
    {
      AdwToast *toast = adw_toast_new (_("Connected again"));

      if (self->lost_toast != NULL)
        adw_toast_dismiss (self->lost_toast);
      g_clear_object (&self->lost_toast);

      adw_toast_set_timeout (toast, 2);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }

  self->last_state = state;
}

static void
model_items_changed_cb (HwWindow        *self,
                        guint            position,
                        guint            removed,
                        guint            added,
                        HwCaseListModel *model)
{
  update_page (self);
}

static void
model_loading_cb (HwWindow        *self,
                  GParamSpec      *pspec,
                  HwCaseListModel *model)
{
  update_page (self);
}

static void
model_error_cb (HwWindow        *self,
                const GError    *error,
                HwCaseListModel *model)
{
  g_autofree char *message = NULL;

  /* Translators: %s is the error message from the database. */
  message = g_strdup_printf (_("Could not load cases: %s"), error->message);
  hw_window_add_toast (self, message);
}

/* The demo generator leaves its answer key table; a database with one holds
 * synthetic cases, and the window says so wherever the officer looks. */
static void
demo_check_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HwWindow) self = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not tell whether this is demo data: %s", error->message);
      return;
    }

  /* An answer about a connection the window no longer shows. */
  if (HW_DB (object) != self->db)
    return;

  self->demo = hw_db_result_get_boolean (rows, 0, 0);
  update_subtitle (self);
}


/* Status colours and our icons, once per process. */
static void
load_style (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (loaded)
    return;

  loaded = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/homeward/Homeward/hw-style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/homeward/Homeward/icons");
}

/* Columns */

typedef enum
{
  COLUMN_TEXT,
  COLUMN_CHILD,
  COLUMN_STATUS,
} ColumnKind;

typedef struct
{
  const char *title;
  ColumnKind  kind;
  const char *property;
  const char *tooltip_property;
  HwCaseSort  sort;
  gboolean    expand;
  int         width;
  gboolean    numeric;
} ColumnSpec;

static const ColumnSpec column_specs[] = {
  { N_("Case Number"), COLUMN_TEXT, "case-number", NULL, HW_CASE_SORT_CASE_NUMBER, FALSE, 130, TRUE },
  { N_("Child"), COLUMN_CHILD, "child-name", NULL, HW_CASE_SORT_CHILD, TRUE, 190, FALSE },
  { N_("Status"), COLUMN_STATUS, "status-label", NULL, HW_CASE_SORT_STATUS, FALSE, 120, FALSE },
  { N_("Age"), COLUMN_TEXT, "age-label", NULL, HW_CASE_SORT_AGE, FALSE, 80, TRUE },
  { N_("Abducted"), COLUMN_TEXT, "abducted-label", NULL, HW_CASE_SORT_ABDUCTED, FALSE, 100, TRUE },
  { N_("Place"), COLUMN_TEXT, "place", NULL, HW_CASE_SORT_PLACE, FALSE, 180, FALSE },
  { N_("Officer"), COLUMN_TEXT, "officer-name", NULL, HW_CASE_SORT_OFFICER, FALSE, 110, FALSE },
  { N_("Last Activity"), COLUMN_TEXT, "activity-label", "activity-tooltip", HW_CASE_SORT_ACTIVITY, FALSE, 130, FALSE },
};

static GtkWidget *
new_cell_label (gboolean numeric)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");

  return label;
}

/* @item: the list item whose cell this is (it outlives the cell). */
static gboolean
cell_query_tooltip_cb (GtkWidget  *cell,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       gpointer    item)
{
  HwCaseSummary *summary = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  if (summary == NULL)
    return FALSE;

  g_object_get (summary, g_object_get_data (G_OBJECT (cell), "hw-tooltip-property"), &text, NULL);
  if (text == NULL || *text == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               const ColumnSpec         *spec)
{
  GtkWidget *child;

  switch (spec->kind)
    {
    case COLUMN_CHILD:
      /* One label for both names: a row has widgets enough. */
      child = new_cell_label (FALSE);
      gtk_label_set_use_markup (GTK_LABEL (child), TRUE);
      break;

    case COLUMN_STATUS:
      child = new_cell_label (FALSE);
      gtk_widget_set_halign (child, GTK_ALIGN_START);
      gtk_widget_add_css_class (child, "status-pill");
      break;

    case COLUMN_TEXT:
    default:
      child = new_cell_label (spec->numeric);
      if (spec->tooltip_property != NULL)
        {
          /* Asked for when shown: setting a tooltip's text on every bind
           * asks the display where the pointer is, a round trip per cell. */
          g_object_set_data (G_OBJECT (child), "hw-tooltip-property", (gpointer) spec->tooltip_property);
          gtk_widget_set_has_tooltip (child, TRUE);
          g_signal_connect (child, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), item);
        }
      break;
    }

  gtk_list_item_set_child (item, child);
}

/* 周利恒 Zhou Liheng, the pinyin dimmed. */
static void
update_child_names (GtkWidget     *label,
                    GParamSpec    *pspec,
                    HwCaseSummary *summary)
{
  const char *name = hw_case_summary_get_child_name (summary);
  const char *latin = hw_case_summary_get_child_name_latin (summary);
  g_autofree char *markup = NULL;

  if (latin != NULL && latin[0] != '\0')
    markup = g_markup_printf_escaped ("%s  <span alpha=\"55%%\">%s</span>", name != NULL ? name : "", latin);
  else
    markup = g_markup_escape_text (name != NULL ? name : "", -1);

  gtk_label_set_markup (GTK_LABEL (label), markup);
}

static void
update_status_pill (GtkWidget     *label,
                    GParamSpec    *pspec,
                    HwCaseSummary *summary)
{
  const char *status = hw_case_summary_get_status (summary);

  for (guint i = 0; i < G_N_ELEMENTS (case_statuses); i++)
    {
      g_autofree char *css = g_strconcat ("status-", case_statuses[i], NULL);

      if (g_strcmp0 (status, case_statuses[i]) == 0)
        gtk_widget_add_css_class (label, css);
      else
        gtk_widget_remove_css_class (label, css);
    }
}

static void
bind_property (GtkListItem *item,
               const char  *key,
               gpointer     source,
               const char  *source_property,
               gpointer     target,
               const char  *target_property)
{
  GBinding *binding = g_object_bind_property (source, source_property, target, target_property,
                                              G_BINDING_SYNC_CREATE);

  /* The binding is the source's and the target's; both outlive it, as the
   * unbind handler ends it while the item still holds both. */
  g_object_set_data_full (G_OBJECT (item), key, binding, (GDestroyNotify) g_binding_unbind);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              const ColumnSpec         *spec)
{
  HwCaseSummary *summary = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);

  switch (spec->kind)
    {
    case COLUMN_CHILD:
      update_child_names (child, NULL, summary);
      g_signal_connect_object (summary, "notify::child-name", G_CALLBACK (update_child_names), child,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (summary, "notify::child-name-latin", G_CALLBACK (update_child_names), child,
                               G_CONNECT_SWAPPED);
      break;

    case COLUMN_STATUS:
      bind_property (item, "hw-binding", summary, spec->property, child, "label");
      update_status_pill (child, NULL, summary);
      g_signal_connect_object (summary, "notify::status", G_CALLBACK (update_status_pill), child,
                               G_CONNECT_SWAPPED);
      break;

    case COLUMN_TEXT:
    default:
      bind_property (item, "hw-binding", summary, spec->property, child, "label");
      break;
    }
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                const ColumnSpec         *spec)
{
  HwCaseSummary *summary = gtk_list_item_get_item (item);

  g_object_set_data (G_OBJECT (item), "hw-binding", NULL);
  g_object_set_data (G_OBJECT (item), "hw-binding-2", NULL);

  if (spec->kind == COLUMN_STATUS && summary != NULL)
    g_signal_handlers_disconnect_by_func (summary, update_status_pill,
                                          gtk_list_item_get_child (item));
  if (spec->kind == COLUMN_CHILD && summary != NULL)
    g_signal_handlers_disconnect_by_func (summary, update_child_names,
                                          gtk_list_item_get_child (item));
}

/* Sorting: the server sorts; the column view only says by what. GTK 4.8 has
 * no public way to ask its sorter for the primary column, so each column's
 * sorter, when asked to compare, notes which column it is; comparing two
 * items with the view's sorter then calls the primary column's sorter first
 * (and only it, as it never answers "equal"). The view's sorter turns the
 * answer round for a descending column. */
static int
column_probe_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  int *probe = g_object_get_data (G_OBJECT (a), "hw-probe");

  *probe = GPOINTER_TO_INT (user_data);

  return -1;
}

static void
sorter_changed_cb (HwWindow        *self,
                   GtkSorterChange  change,
                   GtkSorter       *sorter)
{
  g_autoptr(HwCaseSummary) a = hw_case_summary_new_placeholder ();
  g_autoptr(HwCaseSummary) b = hw_case_summary_new_placeholder ();
  int probe = -1;
  GtkOrdering order;

  if (self->model == NULL)
    return;

  g_object_set_data (G_OBJECT (a), "hw-probe", &probe);
  g_object_set_data (G_OBJECT (b), "hw-probe", &probe);
  order = gtk_sorter_compare (sorter, a, b);

  if (probe < 0)
    hw_case_list_model_set_sort (self->model, HW_CASE_SORT_ACTIVITY, TRUE);
  else
    hw_case_list_model_set_sort (self->model, column_specs[probe].sort,
                                 order == GTK_ORDERING_LARGER);
}

static void
setup_columns (HwWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (column_specs); i++)
    {
      const ColumnSpec *spec = &column_specs[i];
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      GtkSorter *sorter;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), (gpointer) spec);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), (gpointer) spec);
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), (gpointer) spec);

      column = gtk_column_view_column_new (_(spec->title), factory);
      gtk_column_view_column_set_expand (column, spec->expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, spec->width);

      sorter = GTK_SORTER (gtk_custom_sorter_new (column_probe_cb, GINT_TO_POINTER (i), NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      g_object_unref (sorter);

      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }

  self->sorter_changed_id = g_signal_connect_object (gtk_column_view_get_sorter (self->column_view),
                                                     "changed", G_CALLBACK (sorter_changed_cb),
                                                     self, G_CONNECT_SWAPPED);
}

/* Filters */

/* Unit and officer filters: drop-downs filled from the database once
 * signed in. Row 0 of each is "Any". */

static gint64
chosen_id (GtkDropDown *dropdown,
           GArray      *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (ids == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= ids->len)
    return 0;

  return g_array_index (ids, gint64, selected);
}

static void
fill_choices (GtkDropDown  *dropdown,
              GArray      **ids,
              HwDbResult   *rows)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gint64 any = 0;

  g_clear_pointer (ids, g_array_unref);
  *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_string_list_append (labels, C_("filter", "Any"));
  g_array_append_val (*ids, any);

  for (guint i = 0; rows != NULL && i < hw_db_result_get_n_rows (rows); i++)
    {
      gint64 id = hw_db_result_get_int64 (rows, i, 0);

      gtk_string_list_append (labels, hw_db_result_get_string (rows, i, 1));
      g_array_append_val (*ids, id);
    }

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (dropdown, 0);
}

/* @user_data: the drop-down to fill (a reference). */
static void
choices_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GtkDropDown) dropdown = user_data;
  g_autoptr(HwDbResult) rows = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;
  HwWindow *self;

  if (!(rows = hw_db_query_finish (HW_DB (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No choices to filter by: %s", error->message);
      return;
    }

  root = gtk_widget_get_root (GTK_WIDGET (dropdown));
  if (!HW_IS_WINDOW (root))
    return;

  self = HW_WINDOW (root);
  self->updating_filter = TRUE;
  fill_choices (dropdown, dropdown == self->unit_dropdown ? &self->unit_ids : &self->officer_ids, rows);
  self->updating_filter = FALSE;
}

static void
load_choices (HwWindow *self)
{
  self->choices_cancellable = g_cancellable_new ();
  hw_db_query_async (self->db,
                     "SELECT id, code || ' · ' || name FROM homeward.unit ORDER BY code",
                     NULL, 0, self->choices_cancellable, choices_cb,
                     g_object_ref (self->unit_dropdown));
  hw_db_query_async (self->db,
                     "SELECT o.id, o.display_name || coalesce (' · ' || u.code, '') "
                     "FROM homeward.officer o LEFT JOIN homeward.unit u ON u.id = o.unit_id "
                     "WHERE o.active AND o.role <> 'admin' ORDER BY u.code, o.display_name",
                     NULL, 0, self->choices_cancellable, choices_cb,
                     g_object_ref (self->officer_dropdown));
}

static void
apply_filter (HwWindow *self)
{
  g_auto(HwCaseFilter) filter = { 0 };
  g_autoptr(GStrvBuilder) statuses = g_strv_builder_new ();
  g_autofree char *search_text = NULL;

  if (self->model == NULL || self->updating_filter)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (case_statuses); i++)
    if (gtk_check_button_get_active (self->status_buttons[i]))
      g_strv_builder_add (statuses, case_statuses[i]);
  filter.statuses = g_strv_builder_end (statuses);

  filter.unit_id = chosen_id (self->unit_dropdown, self->unit_ids);
  filter.officer_id = chosen_id (self->officer_dropdown, self->officer_ids);
  if (self->session != NULL && self->view == VIEW_UNIT)
    filter.unit_id = hw_session_get_unit_id (self->session);
  if (self->session != NULL && self->view == VIEW_MINE)
    filter.officer_id = hw_session_get_officer_id (self->session);

  filter.year_from = gtk_spin_button_get_value_as_int (self->year_from);
  filter.year_to = gtk_spin_button_get_value_as_int (self->year_to);

  search_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  if (search_text[0] != '\0')
    filter.search = g_steal_pointer (&search_text);

  hw_case_list_model_set_filter (self->model, &filter);
}

static gboolean
filter_is_active (HwWindow *self)
{
  const HwCaseFilter *filter;

  if (self->model == NULL)
    return FALSE;

  filter = hw_case_list_model_get_filter (self->model);

  return (filter->statuses != NULL && filter->statuses[0] != NULL) ||
         filter->year_from != 0 || filter->year_to != 0 || filter->search != NULL ||
         filter->unit_id != 0 || filter->officer_id != 0;
}

/* A year of 0 means "any": show nothing rather than 0. */
static gboolean
year_output_cb (GtkSpinButton *spin)
{
  int year = gtk_spin_button_get_value_as_int (spin);
  g_autofree char *text = year != 0 ? g_strdup_printf ("%d", year) : g_strdup ("");

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static int
year_input_cb (GtkSpinButton *spin,
               double        *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  guint64 year;

  if (text == NULL || text[0] == '\0')
    {
      *value = 0;
      return TRUE;
    }

  if (!g_ascii_string_to_unsigned (text, 10, 0, 2100, &year, NULL))
    return GTK_INPUT_ERROR;

  *value = (double) year;
  return TRUE;
}

static gboolean
is_inbox_row (HwWindow      *self,
              GtkListBoxRow *row)
{
  return row != NULL && (row == self->inbox_row || row == self->overdue_row || row == self->my_sightings_row);
}

static void show_inbox (HwWindow      *self,
                        GtkListBoxRow *row);

static void
sidebar_row_selected_cb (HwWindow      *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list)
{
  /* The list box lets its rows go when the window is disposed. */
  if (self->list_stack == NULL)
    return;

  if (row == self->dashboard_row)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "dashboard");
      adw_bin_set_child (self->detail_bin, self->no_dashboard_page);
      adw_window_title_set_title (self->detail_title, "");
      adw_window_title_set_subtitle (self->detail_title, "");
      if (adw_leaflet_get_folded (self->leaflet))
        adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      return;
    }

  if (is_inbox_row (self, row))
    {
      show_inbox (self, row);
      if (adw_leaflet_get_folded (self->leaflet))
        adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      return;
    }

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->list_stack), "cases") != 0)
    {
      gint64 shown = self->case_page != NULL ? hw_case_page_get_case_id (self->case_page) : 0;

      gtk_stack_set_visible_child_name (self->list_stack, "cases");
      show_case_page (self, shown != 0);
      adw_window_title_set_title (self->detail_title, "");
      adw_window_title_set_subtitle (self->detail_title, "");
    }

  if (row == self->unit_cases_row)
    self->view = VIEW_UNIT;
  else if (row == self->my_cases_row)
    self->view = VIEW_MINE;
  else
    self->view = VIEW_ALL;

  apply_filter (self);

  if (row != NULL && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HwWindow *self = HW_WINDOW (widget);

  self->updating_filter = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (case_statuses); i++)
    gtk_check_button_set_active (self->status_buttons[i], FALSE);
  gtk_spin_button_set_value (self->year_from, 0);
  gtk_spin_button_set_value (self->year_to, 0);
  gtk_drop_down_set_selected (self->unit_dropdown, 0);
  gtk_drop_down_set_selected (self->officer_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->updating_filter = FALSE;

  apply_filter (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HwWindow *self = HW_WINDOW (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  adw_leaflet_set_visible_child_name (HW_WINDOW (widget)->leaflet, "sidebar");
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  adw_leaflet_set_visible_child_name (HW_WINDOW (widget)->leaflet, "list");
}

static void
search_stopped_cb (HwWindow       *self,
                   GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* Selection and the detail pane */

/* Asks whether to drop the form's edits; @response_cb gets "discard" or
 * "cancel". */
static void
ask_discard (HwWindow   *self,
             const char *discard_label,
             GCallback   response_cb)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Discard Unsaved Changes?"),
                                                       _("The case being edited has changes that "
                                                         "are not saved. Save them first to keep them.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Editing"),
                                    "discard", discard_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", response_cb, self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* This client's own saves are not notified back to it. */
static void
case_saved_cb (HwWindow   *self,
               gint64      case_id,
               HwCasePage *page)
{
  if (self->model != NULL)
    hw_case_list_model_refresh_case (self->model, case_id);
}

/* The case page is the window's biggest part; it is made once the window
 * has shown (while it connects), not before its first frame. */
static HwCasePage *
ensure_case_page (HwWindow *self)
{
  if (self->case_page != NULL)
    return self->case_page;

  g_clear_handle_id (&self->case_page_idle_id, g_source_remove);
  self->case_page = g_object_ref_sink (hw_case_page_new ());
  g_signal_connect_object (self->case_page, "saved", G_CALLBACK (case_saved_cb), self,
                           G_CONNECT_SWAPPED);
  if (self->session != NULL)
    hw_case_page_set_session (self->case_page, self->session);

  return self->case_page;
}

static gboolean
make_case_page_cb (gpointer data)
{
  HwWindow *self = data;

  self->case_page_idle_id = 0;
  ensure_case_page (self);

  return G_SOURCE_REMOVE;
}

static void
show_case_page (HwWindow *self,
                gboolean  shown)
{
  adw_bin_set_child (self->detail_bin, shown ? GTK_WIDGET (ensure_case_page (self)) : self->no_case_page);
}

/* Shows @case_id (0: none, -1: a new case) once the officer agreed to drop
 * unsaved changes, if there are any. */

static void
select_shown_case (HwWindow *self)
{
  guint position;
  gint64 shown = self->case_page != NULL ? hw_case_page_get_case_id (self->case_page) : 0;

  if (shown > 0 && self->model != NULL && hw_case_list_model_find (self->model, shown, &position))
    gtk_single_selection_set_selected (self->selection, position);
  else if (self->selection != NULL)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
discard_response_cb (HwWindow        *self,
                     const char      *response,
                     AdwMessageDialog *dialog)
{
  gint64 case_id = self->pending_case_id;

  self->pending_case_id = 0;

  if (g_strcmp0 (response, "discard") == 0)
    {
      /* Forget the edits: the page reloads what is saved. */
      hw_case_page_discard_changes (self->case_page);
      open_case (self, case_id);
    }
  else
    {
      /* Stay with the form: the list shows its case again. */
      select_shown_case (self);
    }
}

static void
open_case (HwWindow *self,
           gint64    case_id)
{
  HwCasePage *page = ensure_case_page (self);

  if (hw_case_page_get_modified (page) && case_id != hw_case_page_get_case_id (page))
    {
      if (self->pending_case_id != 0)
        {
          self->pending_case_id = case_id;
          return;
        }

      self->pending_case_id = case_id;
      ask_discard (self, _("_Discard"), G_CALLBACK (discard_response_cb));
      return;
    }

  if (case_id < 0)
    {
      hw_case_page_new_case (page);
      show_case_page (self, TRUE);
      if (self->selection != NULL)
        gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      if (adw_leaflet_get_folded (self->leaflet))
        adw_leaflet_set_visible_child_name (self->leaflet, "detail");
      return;
    }

  hw_case_page_set_case_id (page, case_id);
  show_case_page (self, case_id > 0);
}

static void
selected_cb (HwWindow           *self,
             GParamSpec         *pspec,
             GtkSingleSelection *selection)
{
  HwCaseSummary *summary = gtk_single_selection_get_selected_item (selection);

  if (summary == NULL || hw_case_summary_get_loading (summary))
    {
      adw_window_title_set_title (self->detail_title, "");
      adw_window_title_set_subtitle (self->detail_title, "");
      /* A rebase or a new search may drop the selection: the page stays. */
      return;
    }

  adw_window_title_set_title (self->detail_title, hw_case_summary_get_child_name (summary));
  adw_window_title_set_subtitle (self->detail_title, hw_case_summary_get_case_number (summary));

  if (hw_case_summary_get_id (summary) != hw_case_page_get_case_id (ensure_case_page (self)))
    open_case (self, hw_case_summary_get_id (summary));
}

static void
new_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HwWindow *self = HW_WINDOW (widget);

  if (self->session == NULL || hw_session_get_unit_id (self->session) == 0)
    return;

  adw_window_title_set_title (self->detail_title, _("New Case"));
  adw_window_title_set_subtitle (self->detail_title, "");
  open_case (self, -1);
}

static void
row_activated_cb (HwWindow      *self,
                  guint          position,
                  GtkColumnView *view)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

/* A rebase replaces every item; the view would jump to the top. */
static void
rebasing_cb (HwWindow        *self,
             HwCaseListModel *model)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->list_scroller);

  self->saved_scroll = gtk_adjustment_get_value (adjustment);
}

static gboolean
restore_scroll_cb (gpointer user_data)
{
  HwWindow *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->list_scroller);

  /* A list that is not shown (a folded window on another pane) has no
   * height to scroll in. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->list_scroller)))
    gtk_adjustment_set_value (adjustment, self->saved_scroll);

  return G_SOURCE_REMOVE;
}

static void
rebased_cb (HwWindow        *self,
            HwCaseListModel *model)
{
  /* After the next layout, when the view knows its new height. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, restore_scroll_cb, g_object_ref (self), g_object_unref);
}

/* Who is signed in */

/* The inbox */

static void
counts_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HwWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  HwInboxCounts counts;
  char text[32];

  if (!hw_sighting_store_counts_finish (HW_SIGHTING_STORE (object), result, &counts, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Inbox counts not read: %s", error->message);
      return;
    }

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, counts.inbox);
  gtk_label_set_label (self->inbox_count, text);
  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, counts.overdue);
  gtk_label_set_label (self->overdue_count, counts.overdue > 0 ? text : "");
  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, counts.mine);
  gtk_label_set_label (self->mine_count, counts.mine > 0 ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->overdue_count), counts.overdue > 0);
  if (counts.overdue > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->overdue_count), "error");
  hw_inbox_view_set_counts (self->inbox_view, &counts);
}

static gboolean
load_counts_cb (gpointer user_data)
{
  HwWindow *self = user_data;

  self->counts_source = 0;
  if (self->sighting_store == NULL)
    return G_SOURCE_REMOVE;

  g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  self->counts_cancellable = g_cancellable_new ();
  hw_sighting_store_counts_async (self->sighting_store, self->counts_cancellable, counts_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

/* The sidebar's counts follow the inbox, a burst of changes read once. */
static void
schedule_counts (HwWindow *self)
{
  if (self->counts_source == 0)
    self->counts_source = g_timeout_add (300, load_counts_cb, self);
}

static void
counts_notification_cb (HwWindow   *self,
                        const char *channel,
                        const char *payload,
                        HwDb       *db)
{
  if (payload != NULL && (g_str_has_prefix (payload, "sighting:") || g_str_has_prefix (payload, "repost_group:")))
    schedule_counts (self);
}

static void
sighting_title_cb (HwWindow       *self,
                   GParamSpec     *pspec,
                   HwSightingPage *page)
{
  if (adw_bin_get_child (self->detail_bin) == GTK_WIDGET (page))
    {
      adw_window_title_set_title (self->detail_title, hw_sighting_page_get_title (page));
      adw_window_title_set_subtitle (self->detail_title, "");
    }
}

static void
inbox_changed_cb (HwWindow *self)
{
  schedule_counts (self);
}

static void open_sighting_cb (HwWindow *self,
                              gint64    sighting_id);

static void
sighting_changed_cb (HwWindow *self)
{
  if (self->inbox_model != NULL)
    hw_inbox_model_refresh (self->inbox_model);
  schedule_counts (self);
}

static void
sighting_open_case_cb (HwWindow *self,
                       gint64    case_id)
{
  gtk_list_box_select_row (self->sidebar_list, self->all_cases_row);
  open_case (self, case_id);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static HwSightingPage *
ensure_sighting_page (HwWindow *self)
{
  if (self->sighting_page != NULL)
    return self->sighting_page;

  self->sighting_page = g_object_ref_sink (HW_SIGHTING_PAGE (hw_sighting_page_new ()));
  g_signal_connect_object (self->sighting_page, "notify::title", G_CALLBACK (sighting_title_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sighting_page, "changed", G_CALLBACK (sighting_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sighting_page, "open-case", G_CALLBACK (sighting_open_case_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sighting_page, "open-sighting", G_CALLBACK (open_sighting_cb), self,
                           G_CONNECT_SWAPPED);
  if (self->session != NULL)
    hw_sighting_page_set_session (self->sighting_page, self->session);

  return self->sighting_page;
}

static void
open_sighting_cb (HwWindow *self,
                  gint64    sighting_id)
{
  HwSightingPage *page = ensure_sighting_page (self);

  hw_sighting_page_show (page, sighting_id);
  adw_bin_set_child (self->detail_bin, GTK_WIDGET (page));
  sighting_title_cb (self, NULL, page);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
show_inbox (HwWindow      *self,
            GtkListBoxRow *row)
{
  HwInboxScope scope = row == self->overdue_row ? HW_INBOX_OVERDUE
                     : row == self->my_sightings_row ? HW_INBOX_MINE : HW_INBOX_ALL;

  gtk_stack_set_visible_child_name (self->list_stack, "inbox");
  if (self->inbox_model != NULL)
    hw_inbox_model_set_scope (self->inbox_model, scope);
  hw_inbox_view_set_counts (self->inbox_view, &(HwInboxCounts) { 0 });
  schedule_counts (self);

  if (self->sighting_page != NULL && hw_sighting_page_get_sighting_id (self->sighting_page) > 0)
    {
      adw_bin_set_child (self->detail_bin, GTK_WIDGET (self->sighting_page));
      sighting_title_cb (self, NULL, self->sighting_page);
    }
  else
    {
      adw_bin_set_child (self->detail_bin, self->no_sighting_page);
      adw_window_title_set_title (self->detail_title, "");
    }
  hw_inbox_view_focus_list (self->inbox_view);
}

static void
intake_created_cb (HwWindow *self,
                   gint64    sighting_id)
{
  if (self->inbox_model != NULL)
    hw_inbox_model_refresh (self->inbox_model);
  schedule_counts (self);
  if (!is_inbox_row (self, gtk_list_box_get_selected_row (self->sidebar_list)))
    gtk_list_box_select_row (self->sidebar_list, self->inbox_row);
  open_sighting_cb (self, sighting_id);
}

static void
new_sighting_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HwWindow *self = HW_WINDOW (widget);
  GtkWidget *dialog;

  if (self->sighting_store == NULL)
    return;

  dialog = hw_sighting_intake_dialog_new (GTK_WINDOW (self), self->sighting_store);
  g_signal_connect_object (dialog, "created", G_CALLBACK (intake_created_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The dashboard's figures open the lists behind them. */
static void
show_cases_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HwWindow *self = HW_WINDOW (widget);
  const char *status = g_variant_get_string (parameter, NULL);

  gtk_list_box_select_row (self->sidebar_list, self->unit_cases_row != NULL &&
                                               gtk_widget_get_visible (GTK_WIDGET (self->unit_cases_row))
                                               ? self->unit_cases_row : self->all_cases_row);
  self->updating_filter = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (case_statuses); i++)
    gtk_check_button_set_active (self->status_buttons[i], g_str_equal (case_statuses[i], status));
  self->updating_filter = FALSE;
  apply_filter (self);
}

static void
show_inbox_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HwWindow *self = HW_WINDOW (widget);
  const char *scope = g_variant_get_string (parameter, NULL);

  gtk_list_box_select_row (self->sidebar_list, g_str_equal (scope, "overdue") ? self->overdue_row
                                               : g_str_equal (scope, "mine") ? self->my_sightings_row
                                               : self->inbox_row);
}

static void
open_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  sighting_open_case_cb (HW_WINDOW (widget), g_variant_get_int64 (parameter));
}

/* A sighting opened from elsewhere (a case's linked sightings). */
static void
open_sighting_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HwWindow *self = HW_WINDOW (widget);
  gint64 sighting_id = g_variant_get_int64 (parameter);

  if (self->sighting_store == NULL || sighting_id <= 0)
    return;

  if (!is_inbox_row (self, gtk_list_box_get_selected_row (self->sidebar_list)))
    gtk_list_box_select_row (self->sidebar_list, self->inbox_row);
  open_sighting_cb (self, sighting_id);
}

static void
inbox_error_cb (HwWindow     *self,
                const GError *error)
{
  g_autofree char *message = g_strdup_printf (_("The inbox could not be read: %s"), error->message);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
start_inbox (HwWindow *self)
{
  g_autoptr(HwInboxModel) model = NULL;
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->sidebar_list);

  self->sighting_store = hw_sighting_store_new (self->session);
  model = hw_inbox_model_new (self->sighting_store);
  self->inbox_model = g_object_ref (model);
  g_signal_connect_object (model, "error", G_CALLBACK (inbox_error_cb), self, G_CONNECT_SWAPPED);
  if (is_inbox_row (self, row))
    hw_inbox_model_set_scope (model, row == self->overdue_row ? HW_INBOX_OVERDUE
                                     : row == self->my_sightings_row ? HW_INBOX_MINE : HW_INBOX_ALL);
  hw_inbox_view_set_model (self->inbox_view, model);
  g_signal_connect_object (self->db, "notification", G_CALLBACK (counts_notification_cb), self,
                           G_CONNECT_SWAPPED);
  if (self->sighting_page != NULL)
    hw_sighting_page_set_session (self->sighting_page, self->session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-sighting", TRUE);
  hw_dashboard_view_set_db (self->dashboard_view, self->db);
  schedule_counts (self);
}

static void
stop_inbox (HwWindow *self)
{
  if (self->db != NULL)
    g_signal_handlers_disconnect_by_func (self->db, counts_notification_cb, self);
  g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  g_clear_handle_id (&self->counts_source, g_source_remove);
  if (self->inbox_view != NULL)
    hw_inbox_view_set_model (self->inbox_view, NULL);
  if (self->dashboard_view != NULL)
    hw_dashboard_view_set_db (self->dashboard_view, NULL);
  g_clear_object (&self->inbox_model);
  g_clear_object (&self->sighting_store);
  if (self->sighting_page != NULL)
    {
      hw_sighting_page_show (self->sighting_page, 0);
      hw_sighting_page_set_session (self->sighting_page, NULL);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-sighting", FALSE);
}

static void
session_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(HwWindow) self = user_data;
  g_autoptr(HwSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *who = NULL;

  session = hw_session_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || HW_DB (object) != self->db)
    return;

  if (session == NULL)
    {
      if (!g_error_matches (error, HW_DB_ERROR, HW_DB_ERROR_CONNECTION_LOST))
        hw_window_show_error (self, error);
      return;
    }

  g_set_object (&self->session, session);
  if (self->case_page != NULL)
    hw_case_page_set_session (self->case_page, session);
  load_choices (self);
  start_inbox (self);

  /* Cases are recorded by an officer of a unit. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-case",
                                 hw_session_get_unit_id (session) != 0);

  if (hw_session_get_unit_code (session) != NULL)
    /* TRANSLATORS: the signed-in officer's name and unit code: "Li Wei · SZ" */
    who = g_strdup_printf (_("%s · %s"), hw_session_get_officer_name (session),
                           hw_session_get_unit_code (session));
  else
    who = g_strdup (hw_session_get_login (session));
  adw_window_title_set_subtitle (self->sidebar_title, who);

  /* An administrator belongs to no unit and is assigned no case. */
  gtk_widget_set_visible (GTK_WIDGET (self->unit_cases_row), hw_session_get_unit_id (session) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->my_cases_row), hw_session_get_officer_id (session) != 0);

  apply_filter (self);
}

static void
clear_db (HwWindow *self)
{
  if (self->demo_cancellable != NULL)
    g_cancellable_cancel (self->demo_cancellable);
  g_clear_object (&self->demo_cancellable);
  if (self->session_cancellable != NULL)
    g_cancellable_cancel (self->session_cancellable);
  g_clear_object (&self->session_cancellable);
  if (self->choices_cancellable != NULL)
    g_cancellable_cancel (self->choices_cancellable);
  g_clear_object (&self->choices_cancellable);
  stop_inbox (self);
  g_clear_object (&self->session);
  if (self->case_page != NULL)
    {
      hw_case_page_set_case_id (self->case_page, 0);
      hw_case_page_set_session (self->case_page, NULL);
      show_case_page (self, FALSE);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-case", FALSE);
  self->demo = FALSE;

  if (self->db != NULL)
    g_clear_signal_handler (&self->state_id, self->db);

  if (self->model != NULL)
    {
      g_clear_signal_handler (&self->items_changed_id, self->model);
      g_clear_signal_handler (&self->loading_id, self->model);
      g_clear_signal_handler (&self->error_id, self->model);
      g_clear_signal_handler (&self->rebasing_id, self->model);
      g_clear_signal_handler (&self->rebased_id, self->model);
    }

  if (self->selection != NULL)
    g_clear_signal_handler (&self->selected_id, self->selection);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  if (self->lost_toast != NULL)
    adw_toast_dismiss (self->lost_toast);
  g_clear_object (&self->lost_toast);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->db);
}

/* The size the officer left the window at, for next time. */
static void
close_response_cb (HwWindow         *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      hw_case_page_discard_changes (self->case_page);
      gtk_window_close (GTK_WINDOW (self));
    }
}

static gboolean
hw_window_close_request (GtkWindow *window)
{
  HwWindow *self = HW_WINDOW (window);

  /* Nothing typed is lost without asking. */
  if (self->case_page != NULL && hw_case_page_get_modified (self->case_page))
    {
      ask_discard (self, _("_Discard and Close"), G_CALLBACK (close_response_cb));
      return TRUE;
    }

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (hw_window_parent_class)->close_request (window);
}

static void
hw_window_dispose (GObject *object)
{
  HwWindow *self = (HwWindow *)object;

  clear_db (self);
  g_clear_object (&self->settings);
  if (self->detail_bin != NULL)
    adw_bin_set_child (self->detail_bin, NULL);
  g_clear_handle_id (&self->case_page_idle_id, g_source_remove);
  g_clear_object (&self->case_page);
  g_clear_object (&self->sighting_page);
  g_clear_object (&self->no_case_page);
  g_clear_object (&self->no_sighting_page);
  g_clear_object (&self->no_dashboard_page);
  g_clear_pointer (&self->unit_ids, g_array_unref);
  g_clear_pointer (&self->officer_ids, g_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), HW_TYPE_WINDOW);

  G_OBJECT_CLASS (hw_window_parent_class)->dispose (object);
}

static void
hw_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HwWindow *self = HW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, self->db);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hw_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  HwWindow *self = HW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DB:
      hw_window_set_db (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hw_window_class_init (HwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hw_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = hw_window_close_request;
  object_class->get_property = hw_window_get_property;
  object_class->set_property = hw_window_set_property;

  /**
   * HwWindow:db:
   *
   * The connection the window shows cases from: connected, and its schema
   * checked.
   */
  properties[PROP_DB] =
    g_param_spec_object ("db", NULL, NULL,
                         HW_TYPE_DB,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The list item templates look the type up by name. */
  g_type_ensure (HW_TYPE_CASE_SUMMARY);
  g_type_ensure (HW_TYPE_INBOX_VIEW);
  g_type_ensure (HW_TYPE_DASHBOARD_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/homeward/Homeward/hw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, all_cases_row);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, unit_cases_row);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, my_cases_row);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, inbox_row);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, overdue_row);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, my_sightings_row);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, inbox_count);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, overdue_count);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, mine_count);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, inbox_view);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, dashboard_row);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, dashboard_view);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, status_checks);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, officer_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, year_from);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, year_to);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, detail_title);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, detail_bin);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, no_case_page);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, column_view);

  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, apply_filter);
  gtk_widget_class_bind_template_callback (widget_class, search_stopped_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_sighting_cb);
  gtk_widget_class_bind_template_callback (widget_class, inbox_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, year_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, year_input_cb);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.new-case", NULL, new_case_action);
  gtk_widget_class_install_action (widget_class, "win.new-sighting", NULL, new_sighting_action);
  gtk_widget_class_install_action (widget_class, "win.open-sighting", "x", open_sighting_action);
  gtk_widget_class_install_action (widget_class, "win.show-cases", "s", show_cases_action);
  gtk_widget_class_install_action (widget_class, "win.show-inbox", "s", show_inbox_action);
  gtk_widget_class_install_action (widget_class, "win.open-case", "x", open_case_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_list_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-case", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-sighting", NULL);
}

/* A line between the sightings' rows and the cases'. */
static void
sidebar_header_func (GtkListBoxRow *row,
                     GtkListBoxRow *before,
                     gpointer       user_data)
{
  HwWindow *self = user_data;

  if ((row == self->all_cases_row || row == self->dashboard_row) && before != NULL)
    {
      if (gtk_list_box_row_get_header (row) == NULL)
        gtk_list_box_row_set_header (row, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
    }
  else
    gtk_list_box_row_set_header (row, NULL);
}

static void
hw_window_init (HwWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  load_style ();

  self->settings = hw_settings_new ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  for (guint i = 0; i < G_N_ELEMENTS (case_statuses); i++)
    {
      self->status_buttons[i] =
        GTK_CHECK_BUTTON (gtk_check_button_new_with_label (hw_case_status_to_label (case_statuses[i])));
      g_signal_connect_object (self->status_buttons[i], "toggled", G_CALLBACK (apply_filter), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (self->status_checks, GTK_WIDGET (self->status_buttons[i]));
    }

  setup_columns (self);
  fill_choices (self->unit_dropdown, &self->unit_ids, NULL);
  fill_choices (self->officer_dropdown, &self->officer_ids, NULL);
  gtk_list_box_select_row (self->sidebar_list, self->all_cases_row);

  /* The detail pane shows either; both live as long as the window. */
  g_object_ref (self->no_case_page);
  self->no_sighting_page = g_object_ref_sink (adw_status_page_new ());
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->no_sighting_page), "mail-unread-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->no_sighting_page), _("No Sighting Selected"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->no_sighting_page),
                                   _("Choose a sighting from the inbox, or press Ctrl+Shift+N to record a new tip."));
  self->no_dashboard_page = g_object_ref_sink (adw_status_page_new ());
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->no_dashboard_page), "x-office-presentation-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->no_dashboard_page), _("The Unit at a Glance"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->no_dashboard_page),
                                   _("Click a figure to open the list behind it."));
  gtk_list_box_set_header_func (self->sidebar_list, sidebar_header_func, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-sighting", FALSE);
  self->case_page_idle_id = g_idle_add_full (G_PRIORITY_LOW, make_case_page_cb, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-case", FALSE);

  gtk_stack_set_visible_child_name (self->stack, "loading");
}

/**
 * hw_window_new:
 * @application: (nullable): the application, or %NULL in tests
 */
HwWindow *
hw_window_new (HwApplication *application)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (HW_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

HwDb *
hw_window_get_db (HwWindow *self)
{
  g_return_val_if_fail (HW_IS_WINDOW (self), NULL);

  return self->db;
}

/**
 * hw_window_set_db:
 * @db: (nullable): a connection whose schema was checked
 *
 * Shows the cases of @db, replacing those of a previous connection.
 */
void
hw_window_set_db (HwWindow *self,
                  HwDb     *db)
{
  g_return_if_fail (HW_IS_WINDOW (self));
  g_return_if_fail (db == NULL || HW_IS_DB (db));

  if (self->db == db)
    return;

  clear_db (self);

  if (db != NULL)
    {
      self->db = g_object_ref (db);
      self->last_state = hw_db_get_state (db);
      self->state_id = g_signal_connect_object (db, "notify::state",
                                                G_CALLBACK (db_state_cb), self,
                                                G_CONNECT_SWAPPED);

      self->model = hw_case_list_model_new (db);
      self->items_changed_id = g_signal_connect_object (self->model, "items-changed",
                                                        G_CALLBACK (model_items_changed_cb), self,
                                                        G_CONNECT_SWAPPED);
      self->loading_id = g_signal_connect_object (self->model, "notify::loading",
                                                  G_CALLBACK (model_loading_cb), self,
                                                  G_CONNECT_SWAPPED);
      self->error_id = g_signal_connect_object (self->model, "error",
                                                G_CALLBACK (model_error_cb), self,
                                                G_CONNECT_SWAPPED);

      self->demo_cancellable = g_cancellable_new ();
      hw_db_query_async (db, "SELECT to_regclass('homeward.demo_ground_truth') IS NOT NULL",
                         NULL, 0, self->demo_cancellable, demo_check_cb, g_object_ref (self));

      self->rebasing_id = g_signal_connect_object (self->model, "rebasing",
                                                   G_CALLBACK (rebasing_cb), self,
                                                   G_CONNECT_SWAPPED);
      self->rebased_id = g_signal_connect_object (self->model, "rebased",
                                                  G_CALLBACK (rebased_cb), self,
                                                  G_CONNECT_SWAPPED);

      self->session_cancellable = g_cancellable_new ();
      hw_session_load_async (db, self->session_cancellable, session_cb, g_object_ref (self));

      /* Nothing is shown until the officer picks a case. */
      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      self->selected_id = g_signal_connect_object (self->selection, "notify::selected-item",
                                                   G_CALLBACK (selected_cb), self,
                                                   G_CONNECT_SWAPPED);
      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

      update_page (self);
    }

  update_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB]);
}

/**
 * hw_window_get_case_model:
 *
 * Returns: (transfer none) (nullable): the list of cases shown, if connected
 */
HwCaseListModel *
hw_window_get_case_model (HwWindow *self)
{
  g_return_val_if_fail (HW_IS_WINDOW (self), NULL);

  return self->model;
}

/**
 * hw_window_show_loading:
 * @message: what is being waited for ("Starting the local database…")
 */
void
hw_window_show_loading (HwWindow   *self,
                        const char *message)
{
  g_return_if_fail (HW_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  adw_status_page_set_title (self->loading_page, message);
  adw_status_page_set_description (self->loading_page, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->loading_progress), FALSE);
  gtk_widget_set_visible (self->loading_spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

/**
 * hw_window_show_progress:
 * @message: what is being waited for ("Preparing demo data…")
 * @step: (nullable): what is being done now
 * @fraction: how much of it is done, from 0 to 1
 *
 * Like hw_window_show_loading(), for work whose progress is known.
 */
void
hw_window_show_progress (HwWindow   *self,
                         const char *message,
                         const char *step,
                         double      fraction)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (HW_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* The description is Pango markup; the step is not. */
  if (step != NULL)
    escaped = g_markup_escape_text (step, -1);

  adw_status_page_set_title (self->loading_page, message);
  adw_status_page_set_description (self->loading_page, escaped);
  gtk_progress_bar_set_fraction (self->loading_progress, CLAMP (fraction, 0.0, 1.0));
  gtk_widget_set_visible (GTK_WIDGET (self->loading_progress), TRUE);
  gtk_widget_set_visible (self->loading_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

/**
 * hw_window_show_error:
 * @error: why there are no cases to show
 *
 * Shows the message, and a button to connect to another server. The cases
 * of a previous connection, if any, are no longer shown.
 */
void
hw_window_show_error (HwWindow     *self,
                      const GError *error)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (HW_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  clear_db (self);
  update_subtitle (self);

  /* The description is Pango markup; the message is not. */
  escaped = g_markup_escape_text (error->message, -1);
  adw_status_page_set_description (self->error_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

void
hw_window_add_toast (HwWindow   *self,
                     const char *message)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (HW_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* Toast titles are Pango markup. */
  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}
