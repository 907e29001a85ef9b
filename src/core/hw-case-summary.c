/* hw-case-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-case-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-case-summary.h"

/* One row of the case list: what a list shows of a case, no more.
 *
 * The properties are set at construction. Lists hand out the same object for
 * as long as the row lives, so when the row is fetched (a placeholder becomes
 * real) or refreshed after another client changed it, the list calls
 * hw_case_summary_update(), which notifies only what changed; widgets bound to
 * the properties follow without the list model replacing the item (which would
 * lose the selection). */

struct _HwCaseSummary
{
  GObject  parent_instance;

  gint64   id;
  char    *case_number;
  char    *child_name;
  char    *child_name_latin;
  char    *status;
  guint    loading : 1;
};

G_DEFINE_FINAL_TYPE (HwCaseSummary, hw_case_summary, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CASE_NUMBER,
  PROP_CHILD_NAME,
  PROP_CHILD_NAME_LATIN,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
status_to_label (const char *status)
{
  if (status == NULL || status[0] == '\0')
    return "";

  /* The values of homeward.abduction_case.status. */
  if (g_str_equal (status, "open"))
    return C_("case status", "Open");
  if (g_str_equal (status, "investigating"))
    return C_("case status", "Investigating");
  if (g_str_equal (status, "located"))
    return C_("case status", "Located");
  if (g_str_equal (status, "reunited"))
    return C_("case status", "Reunited");
  if (g_str_equal (status, "closed"))
    return C_("case status", "Closed");
  if (g_str_equal (status, "cold"))
    return C_("case status", "Cold");

  /* A status a newer schema added: show it as it is rather than nothing. */
  return status;
}

static gboolean
set_string (HwCaseSummary  *self,
            char          **field,
            const char     *value,
            guint           prop_id)
{
  if (value == NULL)
    value = "";

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);

  return TRUE;
}

static void
hw_case_summary_finalize (GObject *object)
{
  HwCaseSummary *self = (HwCaseSummary *)object;

  g_clear_pointer (&self->case_number, g_free);
  g_clear_pointer (&self->child_name, g_free);
  g_clear_pointer (&self->child_name_latin, g_free);
  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (hw_case_summary_parent_class)->finalize (object);
}

static void
hw_case_summary_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HwCaseSummary *self = HW_CASE_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_CASE_NUMBER:
      g_value_set_string (value, self->case_number);
      break;

    case PROP_CHILD_NAME:
      g_value_set_string (value, self->child_name);
      break;

    case PROP_CHILD_NAME_LATIN:
      g_value_set_string (value, self->child_name_latin);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_STATUS_LABEL:
      g_value_set_string (value, hw_case_summary_get_status_label (self));
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hw_case_summary_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HwCaseSummary *self = HW_CASE_SUMMARY (object);

  /* Construct-only: nobody is listening yet, so no notifications. */
  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_CASE_NUMBER:
      g_free (self->case_number);
      self->case_number = g_strdup (g_value_get_string (value) ?: "");
      break;

    case PROP_CHILD_NAME:
      g_free (self->child_name);
      self->child_name = g_strdup (g_value_get_string (value) ?: "");
      break;

    case PROP_CHILD_NAME_LATIN:
      g_free (self->child_name_latin);
      self->child_name_latin = g_strdup (g_value_get_string (value) ?: "");
      break;

    case PROP_STATUS:
      g_free (self->status);
      self->status = g_strdup (g_value_get_string (value) ?: "");
      break;

    case PROP_LOADING:
      self->loading = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hw_case_summary_class_init (HwCaseSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hw_case_summary_finalize;
  object_class->get_property = hw_case_summary_get_property;
  object_class->set_property = hw_case_summary_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_CASE_NUMBER] =
    g_param_spec_string ("case-number", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CHILD_NAME] =
    g_param_spec_string ("child-name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CHILD_NAME_LATIN] =
    g_param_spec_string ("child-name-latin", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * HwCaseSummary:status-label:
   *
   * The status in words for people, translated; "Loading…" for a row not
   * fetched yet.
   */
  properties[PROP_STATUS_LABEL] =
    g_param_spec_string ("status-label", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * HwCaseSummary:loading:
   *
   * Whether this is a placeholder for a row that is still being fetched.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hw_case_summary_init (HwCaseSummary *self)
{
  self->case_number = g_strdup ("");
  self->child_name = g_strdup ("");
  self->child_name_latin = g_strdup ("");
  self->status = g_strdup ("");
}

HwCaseSummary *
hw_case_summary_new (gint64      id,
                     const char *case_number,
                     const char *child_name,
                     const char *child_name_latin,
                     const char *status)
{
  return g_object_new (HW_TYPE_CASE_SUMMARY,
                       "id", id,
                       "case-number", case_number,
                       "child-name", child_name,
                       "child-name-latin", child_name_latin,
                       "status", status,
                       NULL);
}

/**
 * hw_case_summary_new_placeholder:
 *
 * Returns: (transfer full): an empty summary marked as loading, for a row the
 *   list has not fetched yet
 */
HwCaseSummary *
hw_case_summary_new_placeholder (void)
{
  return g_object_new (HW_TYPE_CASE_SUMMARY,
                       "loading", TRUE,
                       NULL);
}

gint64
hw_case_summary_get_id (HwCaseSummary *self)
{
  g_return_val_if_fail (HW_IS_CASE_SUMMARY (self), 0);

  return self->id;
}

const char *
hw_case_summary_get_case_number (HwCaseSummary *self)
{
  g_return_val_if_fail (HW_IS_CASE_SUMMARY (self), NULL);

  return self->case_number;
}

const char *
hw_case_summary_get_child_name (HwCaseSummary *self)
{
  g_return_val_if_fail (HW_IS_CASE_SUMMARY (self), NULL);

  return self->child_name;
}

const char *
hw_case_summary_get_child_name_latin (HwCaseSummary *self)
{
  g_return_val_if_fail (HW_IS_CASE_SUMMARY (self), NULL);

  return self->child_name_latin;
}

/**
 * hw_case_summary_get_status:
 *
 * Returns: the status as the database stores it ("open", "cold", …), or ""
 *   while loading
 */
const char *
hw_case_summary_get_status (HwCaseSummary *self)
{
  g_return_val_if_fail (HW_IS_CASE_SUMMARY (self), NULL);

  return self->status;
}

const char *
hw_case_summary_get_status_label (HwCaseSummary *self)
{
  g_return_val_if_fail (HW_IS_CASE_SUMMARY (self), NULL);

  if (self->loading)
    return _("Loading…");

  return status_to_label (self->status);
}

gboolean
hw_case_summary_get_loading (HwCaseSummary *self)
{
  g_return_val_if_fail (HW_IS_CASE_SUMMARY (self), FALSE);

  return self->loading;
}

/**
 * hw_case_summary_update:
 *
 * Fills in a placeholder, or refreshes a row another client changed. Only
 * the properties whose values differ are notified. The row stops loading.
 */
void
hw_case_summary_update (HwCaseSummary *self,
                        gint64         id,
                        const char    *case_number,
                        const char    *child_name,
                        const char    *child_name_latin,
                        const char    *status)
{
  gboolean status_changed;

  g_return_if_fail (HW_IS_CASE_SUMMARY (self));
  g_return_if_fail (id >= 0);

  g_object_freeze_notify (G_OBJECT (self));

  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }

  set_string (self, &self->case_number, case_number, PROP_CASE_NUMBER);
  set_string (self, &self->child_name, child_name, PROP_CHILD_NAME);
  set_string (self, &self->child_name_latin, child_name_latin, PROP_CHILD_NAME_LATIN);
  status_changed = set_string (self, &self->status, status, PROP_STATUS);

  if (self->loading)
    {
      self->loading = FALSE;
      status_changed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }

  if (status_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_LABEL]);

  g_object_thaw_notify (G_OBJECT (self));
}
