/* hw-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-preferences-window.h"

/* Preferences: which database Homeward uses (changed through the
 * application's actions, which reconnect), and the style. Settings apply at
 * once, as in every GNOME application; there is no Apply button. */

struct _HwPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwActionRow         *server_row;
  GtkWidget            *local_button;
  AdwComboRow          *style_row;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (HwPreferencesWindow, hw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The combo row's positions are the values of the ColorScheme enum. */
static gboolean
style_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, g_str_equal (nick, "light") ? 1 : g_str_equal (nick, "dark") ? 2 : 0);

  return TRUE;
}

static GVariant *
style_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  static const char *nicks[] = { "default", "light", "dark" };
  guint position = g_value_get_uint (value);

  return g_variant_new_string (nicks[MIN (position, G_N_ELEMENTS (nicks) - 1)]);
}

static void
hw_preferences_window_dispose (GObject *object)
{
  HwPreferencesWindow *self = HW_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hw_preferences_window_parent_class)->dispose (object);
}

static void
hw_preferences_window_class_init (HwPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hw_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/homeward/Homeward/hw-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HwPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, HwPreferencesWindow, local_button);
  gtk_widget_class_bind_template_child (widget_class, HwPreferencesWindow, style_row);
}

static void
hw_preferences_window_init (HwPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * hw_preferences_window_new:
 * @settings: (nullable): Homeward's settings, if the schema is installed
 * @server: (nullable): the shared server in use, or %NULL for the local
 *   database
 */
HwPreferencesWindow *
hw_preferences_window_new (GtkWindow  *parent,
                           GSettings  *settings,
                           const char *server)
{
  HwPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (HW_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);

  /* The subtitle is Pango markup; a connection string is not. */
  if (server != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (server, -1);

      adw_action_row_set_subtitle (self->server_row, escaped);
    }
  else
    adw_action_row_set_subtitle (self->server_row, _("The local database on this computer"));
  gtk_widget_set_visible (self->local_button, server != NULL);

  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_settings_bind_with_mapping (settings, "color-scheme", self->style_row, "selected",
                                    G_SETTINGS_BIND_DEFAULT,
                                    style_get_mapping, style_set_mapping, NULL, NULL);
    }
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->style_row), FALSE);

  return self;
}
