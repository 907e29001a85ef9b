/* hw-case-watch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-case-watch"

#include "config.h"

#include <string.h>

#include "hw-case-watch.h"
#include "hw-db.h"

/* Shared by the parts of the case page that read their own rows (linked
 * sightings and the timeline, DNA, the reunion): which case they show, the
 * one load under way, and a reload when a notification names one of their
 * tables (payloads are "table:id:version"), a moment later so that a burst
 * of changes reads once. */

struct _HwCaseWatch
{
  gpointer         owner;     /* not a reference: the owner frees the watch in its dispose */
  char           **tables;
  guint            delay_ms;
  HwCaseWatchLoad  load;

  HwSession       *session;
  gint64           case_id;
  GCancellable    *cancellable;
  guint            refresh_source;
  gulong           notification_id;
};

/* Loads again: the load under way is cancelled, the new one gets its own
 * cancellable. */
void
hw_case_watch_reload (HwCaseWatch *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->session == NULL || self->case_id <= 0)
    {
      self->load (self->owner, NULL, 0, NULL);
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->load (self->owner, self->session, self->case_id, self->cancellable);
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  HwCaseWatch *self = user_data;

  self->refresh_source = 0;
  hw_case_watch_reload (self);

  return G_SOURCE_REMOVE;
}

static void
notification_cb (HwDb       *db,
                 const char *channel,
                 const char *payload,
                 gpointer    user_data)
{
  HwCaseWatch *self = user_data;
  const char *colon = payload != NULL ? strchr (payload, ':') : NULL;
  g_autofree char *table = NULL;

  if (self->case_id <= 0 || colon == NULL || self->refresh_source != 0)
    return;

  table = g_strndup (payload, colon - payload);
  if (g_strv_contains ((const char * const *) self->tables, table))
    self->refresh_source = g_timeout_add (self->delay_ms, refresh_timeout_cb, self);
}

static void
disconnect (HwCaseWatch *self)
{
  if (self->session != NULL && self->notification_id != 0)
    g_signal_handler_disconnect (hw_session_get_db (self->session), self->notification_id);
  self->notification_id = 0;
}

/* A watch for @owner, following @tables (NULL-terminated table names):
 * @load reads what @owner shows. */
HwCaseWatch *
hw_case_watch_new (gpointer            owner,
                   const char * const *tables,
                   guint               delay_ms,
                   HwCaseWatchLoad     load)
{
  HwCaseWatch *self = g_new0 (HwCaseWatch, 1);

  self->owner = owner;
  self->tables = g_strdupv ((char **) tables);
  self->delay_ms = delay_ms;
  self->load = load;

  return self;
}

/* Cancels the load under way and stops following; for the owner's dispose. */
void
hw_case_watch_free (HwCaseWatch *self)
{
  if (self == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  disconnect (self);
  g_clear_object (&self->session);
  g_strfreev (self->tables);
  g_free (self);
}

/* Shows @case_id (0: none) as @session reads it: loads when either changed. */
void
hw_case_watch_set_case (HwCaseWatch *self,
                        HwSession   *session,
                        gint64       case_id)
{
  g_return_if_fail (session == NULL || HW_IS_SESSION (session));

  if (self->session != session)
    {
      disconnect (self);
      g_set_object (&self->session, session);
      if (session != NULL)
        self->notification_id = g_signal_connect (hw_session_get_db (session), "notification",
                                                  G_CALLBACK (notification_cb), self);
    }
  else if (self->case_id == case_id)
    return;

  self->case_id = case_id;
  hw_case_watch_reload (self);
}

/* The connection of the session shown, or NULL. */
HwDb *
hw_case_watch_get_db (HwCaseWatch *self)
{
  return self->session != NULL ? hw_session_get_db (self->session) : NULL;
}

gint64
hw_case_watch_get_case_id (HwCaseWatch *self)
{
  return self->case_id;
}
