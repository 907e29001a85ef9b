/* hw-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-application"

#include "config.h"

#include <signal.h>
#include <stdlib.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "hw-application.h"
#include "hw-connection-dialog.h"
#include "hw-db.h"
#include "hw-local-server.h"
#include "hw-preferences-window.h"
#include "hw-schema.h"
#include "hw-settings.h"
#include "hw-setup.h"
#include "hw-window.h"

/* The GUI application: parses --server and --officer, opens the window, and
 * brings up the connection it shows:
 *
 *   embedded:  hw_setup_embedded_async()  (start the private server, create
 *              and migrate the database, demo data on the first run)
 *   then:      hw_db_connect_async() → hw_schema_check_async() →
 *              hw_db_listen() → hw_window_set_db()
 *
 * A shared server (--server, or one chosen in the connection dialog) that
 * cannot be reached brings up the connection dialog; any other failure shows
 * its message in the window, with a button to connect to a server instead.
 * Each attempt has its own cancellable; a newer attempt cancels the older. */

#define DEFAULT_DEMO_CASES     2000
#define DEFAULT_DEMO_SIGHTINGS 20000
#define DEFAULT_DEMO_SEED      1

struct _HwApplication
{
  AdwApplication  parent_instance;

  /* From the command line; server is later the one chosen in the dialog.
   * Neither holds a password typed in the dialog. */
  char           *server;
  char           *officer;

  HwLocalServer  *local_server;
  HwDb           *db;
  GSettings      *settings;
  GCancellable   *cancellable;
  guint           sigint_id;
  guint           sigterm_id;
  guint           started : 1;
  guint           db_shared : 1;
  /* The server was chosen in the dialog: remember it once it works. */
  guint           remember_server : 1;
};

G_DEFINE_FINAL_TYPE (HwApplication, hw_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_SERVER,
  PROP_OFFICER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "server", 's', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Connect to a shared PostgreSQL server instead of the embedded one"),
    N_("CONNINFO") },
  { "officer", 'o', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Sign in to the embedded server as this officer (default: demo_officer)"),
    N_("LOGIN") },
  G_OPTION_ENTRY_NULL
};

static void connect_to (HwApplication *self,
                        const char    *conninfo,
                        gboolean       shared);

static HwWindow *
get_window (HwApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (HW_IS_WINDOW (window))
    return HW_WINDOW (window);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (HW_IS_WINDOW (l->data))
      return HW_WINDOW (l->data);

  return NULL;
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  g_autoptr(GError) error = NULL;
  const char *value = g_getenv (name);
  guint64 n;

  if (value == NULL || value[0] == '\0')
    return fallback;

  if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &n, &error))
    {
      g_printerr ("%s: %s\n", name, error->message);
      return fallback;
    }

  return (guint) n;
}

static void
show_loading (HwApplication *self,
              const char    *message)
{
  HwWindow *window = get_window (self);

  if (window != NULL)
    hw_window_show_loading (window, message);
}

/* A newer attempt replaces the one under way. */
static GCancellable *
new_attempt (HwApplication *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  return self->cancellable;
}

static void
drop_db (HwApplication *self)
{
  if (self->db != NULL)
    {
      hw_db_close (self->db);
      g_clear_object (&self->db);
    }
}

/* Connection dialog */

static void
connect_requested_cb (HwApplication      *self,
                      const char         *conninfo,
                      HwConnectionDialog *dialog)
{
  g_free (self->server);
  self->server = g_strdup (hw_connection_dialog_get_conninfo (dialog));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER]);

  self->remember_server = TRUE;
  connect_to (self, conninfo, TRUE);
}

static void
show_connection_dialog (HwApplication *self,
                        const GError  *error)
{
  HwWindow *window = get_window (self);
  HwConnectionDialog *dialog;

  dialog = hw_connection_dialog_new (GTK_WINDOW (window));
  hw_connection_dialog_set_conninfo (dialog, self->server);
  hw_connection_dialog_set_error (dialog, error);
  g_signal_connect_object (dialog, "connect-requested",
                           G_CALLBACK (connect_requested_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* Start-up */

static void
fail (HwApplication *self,
      const GError  *error,
      gboolean       ask_for_server)
{
  HwWindow *window = get_window (self);

  drop_db (self);

  if (window != NULL)
    hw_window_show_error (window, error);

  if (ask_for_server)
    show_connection_dialog (self, error);
}

static void
schema_check_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HwApplication *self = user_data;
  HwDb *db = HW_DB (object);
  g_autoptr(GError) error = NULL;
  HwWindow *window;
  guint version = 0;

  if (!hw_schema_check_finish (db, result, &version, &error))
    {
      if (db == self->db && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, error, FALSE);
      return;
    }

  if (db != self->db)
    return;

  g_debug ("Schema version %u", version);

  /* Without the password, which the dialog never hands out. */
  if (self->remember_server && self->settings != NULL && self->server != NULL)
    g_settings_set_string (self->settings, "server", self->server);
  self->remember_server = FALSE;

  hw_db_listen (db, HW_DB_CHANNEL);

  if ((window = get_window (self)) != NULL)
    hw_window_set_db (window, db);
}

static void
db_connect_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  HwApplication *self = user_data;
  HwDb *db = HW_DB (object);
  g_autoptr(GError) error = NULL;

  if (!hw_db_connect_finish (db, result, &error))
    {
      if (db == self->db && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, error, self->db_shared);
      return;
    }

  if (db != self->db)
    return;

  show_loading (self, _("Checking the database…"));
  hw_schema_check_async (db, self->cancellable, schema_check_cb, self);
}

/* @shared: a server someone named (not the embedded one): failing to reach it
 * asks for another. */
static void
connect_to (HwApplication *self,
            const char    *conninfo,
            gboolean       shared)
{
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = new_attempt (self);

  drop_db (self);

  if (!hw_db_check_conninfo (conninfo, &error))
    {
      fail (self, error, shared);
      return;
    }

  show_loading (self, _("Connecting to the database…"));

  self->db = hw_db_new (conninfo);
  self->db_shared = !!shared;

  hw_db_connect_async (self->db, cancellable, db_connect_cb, self);
}

static void
setup_embedded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  HwApplication *self = user_data;
  HwLocalServer *server = HW_LOCAL_SERVER (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = NULL;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  gboolean ok;

  ok = hw_setup_embedded_finish (server, result, &error);

  /* Someone chose a server meanwhile. */
  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    return;

  if (!ok)
    {
      fail (self, error, FALSE);
      return;
    }

  conninfo = hw_local_server_get_conninfo (server,
                                           self->officer != NULL ? self->officer
                                                                 : HW_SETUP_DEMO_OFFICER,
                                           HW_SETUP_DEFAULT_DBNAME);
  connect_to (self, conninfo, FALSE);
}

static void
demo_progress_cb (const char *stage,
                  double      fraction,
                  gpointer    user_data)
{
  HwApplication *self = user_data;
  HwWindow *window = get_window (self);

  if (window != NULL)
    hw_window_show_progress (window, _("Loading demo data…"), stage, fraction);
}

static void
start_embedded (HwApplication *self)
{
  HwDemoSize demo = {
    env_uint ("HOMEWARD_DEMO_CASES", DEFAULT_DEMO_CASES),
    env_uint ("HOMEWARD_DEMO_SIGHTINGS", DEFAULT_DEMO_SIGHTINGS),
    DEFAULT_DEMO_SEED,
  };
  GCancellable *cancellable = new_attempt (self);

  show_loading (self, _("Starting the local database…"));

  if (self->local_server == NULL)
    self->local_server = hw_local_server_new_default ();

  hw_setup_embedded_async (self->local_server, &demo, demo_progress_cb, self,
                           cancellable, setup_embedded_cb, self);
}

/* Actions */

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  HwApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing the windows lets them save state; the application then ends. */
  for (GList *l = windows; l != NULL; l = windows)
    {
      windows = l->next;
      gtk_window_destroy (GTK_WINDOW (l->data));
    }

  g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  HwApplication *self = user_data;
  static const char *developers[] = { "The Homeward developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", get_window (self),
                        "modal", TRUE,
                        "application-name", _("Homeward"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("A case desk for police anti-trafficking units: "
                                      "missing children, the sightings that come in about "
                                      "them, and the path to a reunion."),
                        "developer-name", _("The Homeward developers"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);

  gtk_window_present (GTK_WINDOW (about));
}

/* The preferences show the server being left, and would sit above the
 * connection dialog. */
static void
close_preferences (HwApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (GList *l = windows; l != NULL; l = windows)
    {
      windows = l->next;
      if (HW_IS_PREFERENCES_WINDOW (l->data))
        gtk_window_destroy (GTK_WINDOW (l->data));
    }
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  HwApplication *self = HW_APPLICATION (user_data);
  HwPreferencesWindow *preferences;

  preferences = hw_preferences_window_new (GTK_WINDOW (get_window (self)), self->settings,
                                           self->db_shared ? self->server : NULL);
  /* Its buttons use the application's actions. */
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

/* Back to the local database: forget the shared server. */
static void
use_local_database_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  HwApplication *self = HW_APPLICATION (user_data);
  if (self->settings != NULL)
    g_settings_reset (self->settings, "server");

  g_clear_pointer (&self->server, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER]);

  close_preferences (self);
  start_embedded (self);
}

static void
connect_to_server_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  close_preferences (HW_APPLICATION (user_data));
  show_connection_dialog (HW_APPLICATION (user_data), NULL);
}

/* Ctrl+C in a terminal or the session ending: quit properly, so that the
 * embedded server is released. */
static gboolean
quit_signal_cb (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);

  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "connect-to-server", connect_to_server_action },
  { "preferences", preferences_action },
  { "use-local-database", use_local_database_action },
};

static void
apply_color_scheme (HwApplication *self)
{
  AdwColorScheme scheme = ADW_COLOR_SCHEME_DEFAULT;

  switch (g_settings_get_enum (self->settings, "color-scheme"))
    {
    case 1:
      scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
      break;

    case 2:
      scheme = ADW_COLOR_SCHEME_FORCE_DARK;
      break;

    default:
      break;
    }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
}

/* GApplication */

static int
hw_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  g_autoptr(GError) error = NULL;
  const char *server = NULL;
  const char *officer = NULL;

  g_variant_dict_lookup (options, "server", "&s", &server);
  g_variant_dict_lookup (options, "officer", "&s", &officer);

  /* Errors a shell user can fix go to the terminal, before any window. */
  if (server != NULL && officer != NULL)
    {
      g_printerr ("%s\n", _("--officer applies to the embedded server only; with --server, "
                            "name the user in the connection string"));
      return EXIT_FAILURE;
    }

  if (server != NULL && !hw_db_check_conninfo (server, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  if (officer != NULL && officer[0] == '\0')
    {
      g_printerr ("%s\n", _("--officer needs a login name"));
      return EXIT_FAILURE;
    }

  /* Go on: parse nothing more here, send the options to the primary instance. */
  return -1;
}

static int
hw_application_command_line (GApplication            *application,
                             GApplicationCommandLine *command_line)
{
  HwApplication *self = HW_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *server = NULL;
  const char *officer = NULL;

  g_variant_dict_lookup (options, "server", "&s", &server);
  g_variant_dict_lookup (options, "officer", "&s", &officer);

  if (self->started && (server != NULL || officer != NULL))
    {
      /* One connection per running Homeward. */
      g_application_command_line_printerr (command_line, "%s\n",
                                           _("Homeward is already running; close it to "
                                             "connect to another server"));
    }
  else if (!self->started)
    {
      g_free (self->server);
      self->server = g_strdup (server);
      g_free (self->officer);
      self->officer = g_strdup (officer);
    }

  g_application_activate (application);

  return EXIT_SUCCESS;
}

static void
hw_application_activate (GApplication *application)
{
  HwApplication *self = HW_APPLICATION (application);
  HwWindow *window = get_window (self);

  if (window == NULL)
    window = hw_window_new (self);

  gtk_window_present (GTK_WINDOW (window));

  if (self->started)
    return;

  self->started = TRUE;

  /* The shared server chosen last time, unless the command line says. */
  if (self->server == NULL && self->officer == NULL && self->settings != NULL)
    {
      g_autofree char *saved = g_settings_get_string (self->settings, "server");

      if (saved[0] != '\0')
        self->server = g_steal_pointer (&saved);
    }

  if (self->server != NULL)
    connect_to (self, self->server, TRUE);
  else
    start_embedded (self);
}

static void
hw_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  HwApplication *self = HW_APPLICATION (application);

  G_APPLICATION_CLASS (hw_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);

  self->settings = hw_settings_new ();
  if (self->settings != NULL)
    {
      apply_color_scheme (self);
      g_signal_connect_object (self->settings, "changed::color-scheme",
                               G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
    }

  self->sigint_id = g_unix_signal_add (SIGINT, quit_signal_cb, self);
  self->sigterm_id = g_unix_signal_add (SIGTERM, quit_signal_cb, self);
}

static void
hw_application_shutdown (GApplication *application)
{
  HwApplication *self = HW_APPLICATION (application);
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_handle_id (&self->sigterm_id, g_source_remove);

  g_cancellable_cancel (self->cancellable);
  drop_db (self);

  /* Stops the embedded server if no other Homeward uses it. This blocks
   * (pg_ctl stop), but the windows are gone already. */
  if (self->local_server != NULL && !hw_local_server_release (self->local_server, &error))
    g_printerr ("%s\n", error->message);

  G_APPLICATION_CLASS (hw_application_parent_class)->shutdown (application);
}

/* GObject */

static void
hw_application_finalize (GObject *object)
{
  HwApplication *self = (HwApplication *)object;

  g_clear_object (&self->db);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->local_server);
  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->officer, g_free);

  G_OBJECT_CLASS (hw_application_parent_class)->finalize (object);
}

static void
hw_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HwApplication *self = HW_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      g_value_set_string (value, self->server);
      break;

    case PROP_OFFICER:
      g_value_set_string (value, self->officer);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hw_application_class_init (HwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = hw_application_finalize;
  object_class->get_property = hw_application_get_property;

  app_class->handle_local_options = hw_application_handle_local_options;
  app_class->command_line = hw_application_command_line;
  app_class->activate = hw_application_activate;
  app_class->startup = hw_application_startup;
  app_class->shutdown = hw_application_shutdown;

  /**
   * HwApplication:server:
   *
   * The shared server's connection string or URI (without a password typed
   * in the connection dialog), or %NULL for the embedded server.
   */
  properties[PROP_SERVER] =
    g_param_spec_string ("server", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * HwApplication:officer:
   *
   * The role to sign in to the embedded server as, or %NULL for
   * %HW_SETUP_DEMO_OFFICER.
   */
  properties[PROP_OFFICER] =
    g_param_spec_string ("officer", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hw_application_init (HwApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Case desk for police anti-trafficking units."));
}

HwApplication *
hw_application_new (void)
{
  return g_object_new (HW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/homeward/Homeward",
                       NULL);
}

const char *
hw_application_get_server (HwApplication *self)
{
  g_return_val_if_fail (HW_IS_APPLICATION (self), NULL);

  return self->server;
}

const char *
hw_application_get_officer (HwApplication *self)
{
  g_return_val_if_fail (HW_IS_APPLICATION (self), NULL);

  return self->officer;
}
