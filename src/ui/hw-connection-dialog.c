/* hw-connection-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-connection-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-connection-dialog.h"
#include "hw-db.h"

/* Asks where the shared server is: a connection string or URI, exactly as
 * libpq takes them, checked as it is typed, and a password if the server
 * wants one. The password goes into the conninfo handed to
 * HwConnectionDialog::connect-requested and nowhere else: it is never
 * written to a settings file. */

struct _HwConnectionDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  AdwEntryRow      *conninfo_row;
  AdwEntryRow      *password_row;
  GtkLabel         *message_label;

  /* The connection failure shown, until the conninfo is edited. */
  char             *failure;
};

G_DEFINE_FINAL_TYPE (HwConnectionDialog, hw_connection_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_CONNINFO,
  N_PROPS
};

enum {
  CONNECT_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_message (HwConnectionDialog *self,
              const char         *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
validate (HwConnectionDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = NULL;
  gboolean empty;
  gboolean valid = FALSE;

  conninfo = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->conninfo_row))));
  empty = conninfo[0] == '\0';

  if (!empty)
    valid = hw_db_check_conninfo (conninfo, &error);

  if (empty || valid)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->conninfo_row), "error");
      show_message (self, self->failure);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->conninfo_row), "error");
      show_message (self, error->message);
    }

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "connect", valid);
}

static void
conninfo_changed_cb (HwConnectionDialog *self,
                     GtkEditable        *editable)
{
  /* The failure was about what was there before. */
  g_clear_pointer (&self->failure, g_free);

  validate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNINFO]);
}

static void
hw_connection_dialog_response (AdwMessageDialog *dialog,
                               const char       *response)
{
  HwConnectionDialog *self = HW_CONNECTION_DIALOG (dialog);
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = NULL;
  const char *password;

  if (g_strcmp0 (response, "connect") != 0)
    return;

  conninfo = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->conninfo_row))));
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (password[0] != '\0')
    {
      char *with_password = hw_db_conninfo_with (conninfo, "password", password, &error);

      if (with_password == NULL)
        {
          /* validate() let it through, so this is unexpected; say why anyway. */
          show_message (self, error->message);
          return;
        }

      g_free (conninfo);
      conninfo = with_password;
    }

  g_signal_emit (self, signals[CONNECT_REQUESTED], 0, conninfo);

  /* Not kept in a widget any longer than needed. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
}

static void
hw_connection_dialog_finalize (GObject *object)
{
  HwConnectionDialog *self = (HwConnectionDialog *)object;

  g_clear_pointer (&self->failure, g_free);

  G_OBJECT_CLASS (hw_connection_dialog_parent_class)->finalize (object);
}

static void
hw_connection_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HW_TYPE_CONNECTION_DIALOG);

  G_OBJECT_CLASS (hw_connection_dialog_parent_class)->dispose (object);
}

static void
hw_connection_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  HwConnectionDialog *self = HW_CONNECTION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONNINFO:
      g_value_set_string (value, hw_connection_dialog_get_conninfo (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hw_connection_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  HwConnectionDialog *self = HW_CONNECTION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONNINFO:
      hw_connection_dialog_set_conninfo (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hw_connection_dialog_class_init (HwConnectionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->finalize = hw_connection_dialog_finalize;
  object_class->dispose = hw_connection_dialog_dispose;
  object_class->get_property = hw_connection_dialog_get_property;
  object_class->set_property = hw_connection_dialog_set_property;

  dialog_class->response = hw_connection_dialog_response;

  /**
   * HwConnectionDialog:conninfo:
   *
   * The connection string or URI as typed, without the password.
   */
  properties[PROP_CONNINFO] =
    g_param_spec_string ("conninfo", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HwConnectionDialog::connect-requested:
   * @conninfo: the connection string or URI, with the password if one was
   *   typed
   *
   * The user asked to connect. The dialog closes; if connecting fails, show a
   * new one with hw_connection_dialog_set_error().
   */
  signals[CONNECT_REQUESTED] =
    g_signal_new ("connect-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/homeward/Homeward/hw-connection-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HwConnectionDialog, conninfo_row);
  gtk_widget_class_bind_template_child (widget_class, HwConnectionDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, HwConnectionDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, conninfo_changed_cb);
}

static void
hw_connection_dialog_init (HwConnectionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * hw_connection_dialog_new:
 * @parent: (nullable): the window it belongs to
 */
HwConnectionDialog *
hw_connection_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (HW_TYPE_CONNECTION_DIALOG,
                       "transient-for", parent,
                       NULL);
}

const char *
hw_connection_dialog_get_conninfo (HwConnectionDialog *self)
{
  g_return_val_if_fail (HW_IS_CONNECTION_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->conninfo_row));
}

/**
 * hw_connection_dialog_set_conninfo:
 * @conninfo: (nullable): the connection string or URI to start from, best
 *   without a password (it would be shown)
 */
void
hw_connection_dialog_set_conninfo (HwConnectionDialog *self,
                                   const char         *conninfo)
{
  g_return_if_fail (HW_IS_CONNECTION_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->conninfo_row), conninfo != NULL ? conninfo : "");
}

/**
 * hw_connection_dialog_set_error:
 * @error: (nullable): why connecting failed the last time
 *
 * Shows @error under the fields until the connection string is edited.
 */
void
hw_connection_dialog_set_error (HwConnectionDialog *self,
                                const GError       *error)
{
  g_return_if_fail (HW_IS_CONNECTION_DIALOG (self));

  g_clear_pointer (&self->failure, g_free);
  if (error != NULL)
    self->failure = g_strdup (error->message);

  validate (self);

  if (g_error_matches (error, HW_DB_ERROR, HW_DB_ERROR_AUTH))
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}
