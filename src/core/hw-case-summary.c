/* hw-case-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-case-summary"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "hw-case-summary.h"
#include "hw-format.h"

/* One row of the case list: what a list shows of a case, no more.
 *
 * Lists hand out the same object for as long as the row lives, so when the row
 * is fetched (a placeholder becomes real) or refreshed after another client
 * changed it, the list calls hw_case_summary_update(), which notifies only
 * what changed; widgets bound to the properties follow without the list model
 * replacing the item (which would lose the selection).
 *
 * The labels (age, dates) are worked out once per update, in the officer's
 * language, so binding them costs nothing while scrolling. */

struct _HwCaseSummary
{
  GObject     parent_instance;

  gint64      id;
  gint64      version;
  gint64      child_id;
  char       *case_number;
  char       *child_name;
  char       *child_name_latin;
  char       *abducted_label;
  char       *place;
  char       *activity_tooltip;
  char       *sort_key;
  /* Few distinct values across a list of 100,000 rows: interned, so each
   * is stored once (g_intern_string), not once per row. */
  const char *status;
  const char *age_label;
  const char *officer_name;
  const char *unit_code;
  const char *activity_label;
  guint       loading : 1;
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
  PROP_AGE_LABEL,
  PROP_ABDUCTED_LABEL,
  PROP_PLACE,
  PROP_OFFICER_NAME,
  PROP_UNIT_CODE,
  PROP_ACTIVITY_LABEL,
  PROP_ACTIVITY_TOOLTIP,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * hw_case_status_to_label:
 * @status: (nullable): a value of homeward.abduction_case.status
 *
 * Returns: the status in words for people, translated
 */
const char *
hw_case_status_to_label (const char *status)
{
  if (status == NULL || status[0] == '\0')
    return "";

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

static void
set_string (HwCaseSummary  *self,
            char          **field,
            const char     *value,
            guint           prop_id)
{
  if (value == NULL)
    value = "";

  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static char *
age_label (const HwCaseSummaryData *data)
{
  g_autoptr(GDateTime) now = NULL;
  GDate birth;
  GDate today;
  int y, m, d;

  if (data->birth_date == NULL || sscanf (data->birth_date, "%d-%d-%d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return NULL;

  now = g_date_time_new_now_local ();
  g_date_clear (&birth, 1);
  g_date_clear (&today, 1);
  g_date_set_dmy (&birth, d, m, y);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  return hw_format_age (&birth, data->birth_date_precision, &today);
}

static void
set_interned (HwCaseSummary  *self,
              const char    **field,
              const char     *value,
              guint           prop_id)
{
  const char *interned = g_intern_string (value != NULL ? value : "");

  if (*field == interned)
    return;

  *field = interned;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);

  if (prop_id == PROP_STATUS)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_LABEL]);
}

static void
hw_case_summary_finalize (GObject *object)
{
  HwCaseSummary *self = (HwCaseSummary *)object;

  g_free (self->case_number);
  g_free (self->child_name);
  g_free (self->child_name_latin);
  g_free (self->abducted_label);
  g_free (self->place);
  g_free (self->activity_tooltip);
  g_free (self->sort_key);

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

    case PROP_AGE_LABEL:
      g_value_set_string (value, self->age_label);
      break;

    case PROP_ABDUCTED_LABEL:
      g_value_set_string (value, self->abducted_label);
      break;

    case PROP_PLACE:
      g_value_set_string (value, self->place);
      break;

    case PROP_OFFICER_NAME:
      g_value_set_string (value, self->officer_name);
      break;

    case PROP_UNIT_CODE:
      g_value_set_string (value, self->unit_code);
      break;

    case PROP_ACTIVITY_LABEL:
      g_value_set_string (value, self->activity_label);
      break;

    case PROP_ACTIVITY_TOOLTIP:
      g_value_set_string (value, self->activity_tooltip);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "",
                              (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

static void
hw_case_summary_class_init (HwCaseSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hw_case_summary_finalize;
  object_class->get_property = hw_case_summary_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CASE_NUMBER] = string_property ("case-number");
  properties[PROP_CHILD_NAME] = string_property ("child-name");
  properties[PROP_CHILD_NAME_LATIN] = string_property ("child-name-latin");
  /* A value of homeward.abduction_case.status ("open"), for style classes. */
  properties[PROP_STATUS] = string_property ("status");
  /* The status in words for people, translated; "Loading…" while fetched. */
  properties[PROP_STATUS_LABEL] = string_property ("status-label");
  /* The child's age now: "9", or "about 9" for an imprecise date of birth. */
  properties[PROP_AGE_LABEL] = string_property ("age-label");
  /* When the child was taken, to the precision known: "2008-03". */
  properties[PROP_ABDUCTED_LABEL] = string_property ("abducted-label");
  properties[PROP_PLACE] = string_property ("place");
  properties[PROP_OFFICER_NAME] = string_property ("officer-name");
  properties[PROP_UNIT_CODE] = string_property ("unit-code");
  /* The case's last activity: "3 days ago", and with the date as a tooltip. */
  properties[PROP_ACTIVITY_LABEL] = string_property ("activity-label");
  properties[PROP_ACTIVITY_TOOLTIP] = string_property ("activity-tooltip");

  /**
   * HwCaseSummary:loading:
   *
   * Whether this is a placeholder for a row that is still being fetched.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hw_case_summary_init (HwCaseSummary *self)
{
  self->case_number = g_strdup ("");
  self->child_name = g_strdup ("");
  self->child_name_latin = g_strdup ("");
  self->abducted_label = g_strdup ("");
  self->place = g_strdup ("");
  self->activity_tooltip = g_strdup ("");
  self->sort_key = g_strdup ("");
  self->status = self->age_label = self->officer_name = self->unit_code =
    self->activity_label = g_intern_static_string ("");
}

/**
 * hw_case_summary_new:
 *
 * Returns: (transfer full): a row with @data
 */
HwCaseSummary *
hw_case_summary_new (const HwCaseSummaryData *data)
{
  HwCaseSummary *self = g_object_new (HW_TYPE_CASE_SUMMARY, NULL);

  hw_case_summary_update (self, data);

  return self;
}

/**
 * hw_case_summary_new_placeholder:
 *
 * Returns: (transfer full): a row still being fetched
 */
HwCaseSummary *
hw_case_summary_new_placeholder (void)
{
  HwCaseSummary *self = g_object_new (HW_TYPE_CASE_SUMMARY, NULL);

  self->loading = TRUE;

  return self;
}

/**
 * hw_case_summary_update:
 *
 * Fills in a placeholder, or refreshes a row another client changed. Only
 * the properties whose value changed are notified.
 */
void
hw_case_summary_update (HwCaseSummary           *self,
                        const HwCaseSummaryData *data)
{
  g_autofree char *age = NULL;
  g_autofree char *abducted = NULL;
  g_autofree char *activity = NULL;
  g_autofree char *activity_tooltip = NULL;

  g_return_if_fail (HW_IS_CASE_SUMMARY (self));
  g_return_if_fail (data != NULL);

  age = age_label (data);

  if (data->abducted_at != HW_CASE_SUMMARY_NO_TIME)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (data->abducted_at);

      if (time != NULL)
        abducted = hw_format_date (time, data->abducted_at_precision);
    }

  if (data->last_activity_at != HW_CASE_SUMMARY_NO_TIME)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (data->last_activity_at);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (time != NULL)
        {
          activity = hw_format_relative_time (time, now);
          activity_tooltip = hw_format_relative_and_date (time, now);
        }
    }

  g_object_freeze_notify (G_OBJECT (self));

  if (self->id != data->id)
    {
      self->id = data->id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }

  self->version = data->version;
  self->child_id = data->child_id;

  set_string (self, &self->case_number, data->case_number, PROP_CASE_NUMBER);
  set_string (self, &self->child_name, data->child_name, PROP_CHILD_NAME);
  set_string (self, &self->child_name_latin, data->child_name_latin, PROP_CHILD_NAME_LATIN);
  set_interned (self, &self->status, data->status, PROP_STATUS);
  set_interned (self, &self->age_label, age, PROP_AGE_LABEL);
  set_string (self, &self->abducted_label, abducted, PROP_ABDUCTED_LABEL);
  set_string (self, &self->place, data->place, PROP_PLACE);
  set_interned (self, &self->officer_name, data->officer_name, PROP_OFFICER_NAME);
  set_interned (self, &self->unit_code, data->unit_code, PROP_UNIT_CODE);
  set_interned (self, &self->activity_label, activity, PROP_ACTIVITY_LABEL);
  set_string (self, &self->activity_tooltip, activity_tooltip, PROP_ACTIVITY_TOOLTIP);

  g_free (self->sort_key);
  self->sort_key = g_strdup (data->sort_key != NULL ? data->sort_key : "");

  if (self->loading)
    {
      self->loading = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_LABEL]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

gint64
hw_case_summary_get_id (HwCaseSummary *self)
{
  g_return_val_if_fail (HW_IS_CASE_SUMMARY (self), 0);
  return self->id;
}

gint64
hw_case_summary_get_version (HwCaseSummary *self)
{
  g_return_val_if_fail (HW_IS_CASE_SUMMARY (self), 0);
  return self->version;
}

gint64
hw_case_summary_get_child_id (HwCaseSummary *self)
{
  g_return_val_if_fail (HW_IS_CASE_SUMMARY (self), 0);
  return self->child_id;
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

  return hw_case_status_to_label (self->status);
}

const char *
hw_case_summary_get_age_label (HwCaseSummary *self)
{
  g_return_val_if_fail (HW_IS_CASE_SUMMARY (self), NULL);
  return self->age_label;
}

const char *
hw_case_summary_get_abducted_label (HwCaseSummary *self)
{
  g_return_val_if_fail (HW_IS_CASE_SUMMARY (self), NULL);
  return self->abducted_label;
}

const char *
hw_case_summary_get_place (HwCaseSummary *self)
{
  g_return_val_if_fail (HW_IS_CASE_SUMMARY (self), NULL);
  return self->place;
}

const char *
hw_case_summary_get_officer_name (HwCaseSummary *self)
{
  g_return_val_if_fail (HW_IS_CASE_SUMMARY (self), NULL);
  return self->officer_name;
}

const char *
hw_case_summary_get_unit_code (HwCaseSummary *self)
{
  g_return_val_if_fail (HW_IS_CASE_SUMMARY (self), NULL);
  return self->unit_code;
}

const char *
hw_case_summary_get_activity_label (HwCaseSummary *self)
{
  g_return_val_if_fail (HW_IS_CASE_SUMMARY (self), NULL);
  return self->activity_label;
}

/* The row's key in the list's sort order, as the server wrote it. */
const char *
hw_case_summary_get_sort_key (HwCaseSummary *self)
{
  g_return_val_if_fail (HW_IS_CASE_SUMMARY (self), NULL);
  return self->sort_key;
}

gboolean
hw_case_summary_get_loading (HwCaseSummary *self)
{
  g_return_val_if_fail (HW_IS_CASE_SUMMARY (self), FALSE);
  return self->loading;
}
