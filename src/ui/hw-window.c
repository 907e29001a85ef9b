/* hw-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-case-summary.h"
#include "hw-window.h"

/* The main window: the list of cases, or what stands in for it while the
 * database is being started or connected to, or when that failed. The
 * header bar's subtitle shows the connection state. */

struct _HwWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  AdwStatusPage        *loading_page;
  GtkProgressBar       *loading_progress;
  GtkWidget            *loading_spinner;
  AdwStatusPage        *error_page;
  GtkColumnView        *column_view;

  HwDb                 *db;
  HwCaseListModel      *model;
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
      gtk_stack_set_visible_child_name (self->stack, "empty");
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

static void
clear_db (HwWindow *self)
{
  if (self->demo_cancellable != NULL)
    g_cancellable_cancel (self->demo_cancellable);
  g_clear_object (&self->demo_cancellable);
  self->demo = FALSE;

  if (self->db != NULL)
    g_clear_signal_handler (&self->state_id, self->db);

  if (self->model != NULL)
    {
      g_clear_signal_handler (&self->items_changed_id, self->model);
      g_clear_signal_handler (&self->loading_id, self->model);
      g_clear_signal_handler (&self->error_id, self->model);
    }

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  if (self->lost_toast != NULL)
    adw_toast_dismiss (self->lost_toast);
  g_clear_object (&self->lost_toast);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->db);
}

static void
hw_window_dispose (GObject *object)
{
  HwWindow *self = (HwWindow *)object;

  clear_db (self);

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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/homeward/Homeward/hw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, HwWindow, column_view);
}

static void
hw_window_init (HwWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

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

      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
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
