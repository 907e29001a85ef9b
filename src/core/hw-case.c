/* hw-case.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-case"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>

#include "hw-case.h"
#include "hw-image-hash.h"
#include "hw-photo-file.h"

/* A case as the case page shows and edits it, and the rules its form
 * follows before anything reaches the database (which checks again).
 *
 * Dates keep their precision in their form: "2008" is a year, "2008-03" a
 * month, "2008-03-14" a day, "2008-03-14 15:30" a day with the hour. Officers
 * may also type them the Chinese way ("2008年3月14日") or with slashes. */

G_DEFINE_BOXED_TYPE (HwCase, hw_case, hw_case_copy, hw_case_free)

/**
 * hw_case_new:
 *
 * Returns: (transfer full): an empty case: no id, every field ""
 */
HwCase *
hw_case_new (void)
{
  HwCase *self = g_new0 (HwCase, 1);

  self->case_number = g_strdup ("");
  self->status = g_strdup ("open");
  self->status_reason = g_strdup ("");
  self->unit_code = g_strdup ("");
  self->unit_name = g_strdup ("");
  self->officer_name = g_strdup ("");
  self->updated_by_name = g_strdup ("");
  self->child_updated_by_name = g_strdup ("");
  self->status_changed_at = HW_CASE_NO_TIME;
  self->created_at = HW_CASE_NO_TIME;
  self->updated_at = HW_CASE_NO_TIME;
  for (guint i = 0; i < HW_CASE_N_FIELDS; i++)
    self->fields[i] = g_strdup ("");
  hw_case_set_field (self, HW_CASE_FIELD_PRIORITY, "normal");

  return self;
}

HwCase *
hw_case_copy (const HwCase *self)
{
  HwCase *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->case_number = g_strdup (self->case_number);
  copy->status = g_strdup (self->status);
  copy->status_reason = g_strdup (self->status_reason);
  copy->unit_code = g_strdup (self->unit_code);
  copy->unit_name = g_strdup (self->unit_name);
  copy->officer_name = g_strdup (self->officer_name);
  copy->updated_by_name = g_strdup (self->updated_by_name);
  copy->child_updated_by_name = g_strdup (self->child_updated_by_name);
  for (guint i = 0; i < HW_CASE_N_FIELDS; i++)
    copy->fields[i] = g_strdup (self->fields[i]);

  return copy;
}

void
hw_case_free (HwCase *self)
{
  if (self == NULL)
    return;

  g_free (self->case_number);
  g_free (self->status);
  g_free (self->status_reason);
  g_free (self->unit_code);
  g_free (self->unit_name);
  g_free (self->officer_name);
  g_free (self->updated_by_name);
  g_free (self->child_updated_by_name);
  for (guint i = 0; i < HW_CASE_N_FIELDS; i++)
    g_free (self->fields[i]);
  g_free (self);
}

const char *
hw_case_get_field (const HwCase *self,
                   HwCaseField   field)
{
  g_return_val_if_fail (self != NULL, "");
  g_return_val_if_fail (field < HW_CASE_N_FIELDS, "");

  return self->fields[field];
}

/* Stores @value as typed but without surrounding white space. */
void
hw_case_set_field (HwCase      *self,
                   HwCaseField  field,
                   const char  *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (field < HW_CASE_N_FIELDS);

  g_free (self->fields[field]);
  self->fields[field] = g_strstrip (g_strdup (value != NULL ? value : ""));
}

/* Takes @field's value from @from, and for the assigned officer their name
 * too (a conflict's merge takes either side's officer whole). */
void
hw_case_copy_field (HwCase       *self,
                    const HwCase *from,
                    HwCaseField   field)
{
  g_return_if_fail (self != NULL && from != NULL);
  g_return_if_fail (field < HW_CASE_N_FIELDS);

  hw_case_set_field (self, field, from->fields[field]);
  if (field == HW_CASE_FIELD_ASSIGNED_OFFICER)
    {
      g_free (self->officer_name);
      self->officer_name = g_strdup (from->officer_name);
    }
}

gboolean
hw_case_field_equal (const HwCase *a,
                     const HwCase *b,
                     HwCaseField   field)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);
  g_return_val_if_fail (field < HW_CASE_N_FIELDS, FALSE);

  return g_str_equal (a->fields[field], b->fields[field]);
}

gboolean
hw_case_fields_equal (const HwCase *a,
                      const HwCase *b)
{
  for (guint i = 0; i < HW_CASE_N_FIELDS; i++)
    if (!hw_case_field_equal (a, b, i))
      return FALSE;

  return TRUE;
}

/* Returns: (transfer full): "彭文乐", or the first nickname, or "" */
char *
hw_case_dup_child_name (const HwCase *self)
{
  g_auto(GStrv) nicknames = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->fields[HW_CASE_FIELD_FAMILY_NAME][0] != '\0' ||
      self->fields[HW_CASE_FIELD_GIVEN_NAME][0] != '\0')
    return g_strconcat (self->fields[HW_CASE_FIELD_FAMILY_NAME],
                        self->fields[HW_CASE_FIELD_GIVEN_NAME], NULL);

  nicknames = hw_case_split_nicknames (self->fields[HW_CASE_FIELD_NICKNAMES]);

  return g_strdup (nicknames[0] != NULL ? nicknames[0] : "");
}

/* Returns: (transfer full): "Peng Wenle", or "" */
char *
hw_case_dup_child_name_latin (const HwCase *self)
{
  const char *family;
  const char *given;

  g_return_val_if_fail (self != NULL, NULL);

  family = self->fields[HW_CASE_FIELD_FAMILY_NAME_LATIN];
  given = self->fields[HW_CASE_FIELD_GIVEN_NAME_LATIN];

  if (family[0] != '\0' && given[0] != '\0')
    return g_strconcat (family, " ", given, NULL);

  return g_strconcat (family, given, NULL);
}

/* Dates */

/**
 * hw_case_parse_date:
 * @text: "2008", "2008-03", "2008-03-14", "2008/3/14", "2008年3月14日",
 *   and with @with_time also "2008-03-14 15:30"
 * @time: (out) (optional): the start of that year, month, day or minute,
 *   local time
 * @precision: (out) (optional): "year", "month" or "day"
 *
 * Returns: whether @text is such a date (an empty text is not)
 */
gboolean
hw_case_parse_date (const char  *text,
                    gboolean     with_time,
                    GDateTime  **time,
                    const char **precision)
{
  int numbers[5] = { 0 };
  int lengths[5] = { 0 };
  guint n = 0;
  int hour = 0;
  int minute = 0;
  const char *p;

  g_return_val_if_fail (text != NULL, FALSE);

  for (p = text; *p != '\0';)
    {
      if (g_ascii_isdigit (*p))
        {
          if (n == G_N_ELEMENTS (numbers))
            return FALSE;

          while (g_ascii_isdigit (*p))
            {
              if (lengths[n] == 4)
                return FALSE;
              numbers[n] = numbers[n] * 10 + (*p - '0');
              lengths[n]++;
              p++;
            }
          n++;
        }
      else
        {
          gunichar c = g_utf8_get_char_validated (p, -1);

          if (c == (gunichar) -1 || c == (gunichar) -2)
            return FALSE;

          /* Separators people write dates with; anything else is no date. */
          if (!g_unichar_isspace (c) && strchr ("-/.:T", (int) c) == NULL &&
              c != 0x5E74 /* 年 */ && c != 0x6708 /* 月 */ && c != 0x65E5 /* 日 */ &&
              c != 0x53F7 /* 号 */ && c != 0x65F6 /* 时 */ && c != 0x70B9 /* 点 */ &&
              c != 0x5206 /* 分 */ && c != 0xFF1A /* ： */)
            return FALSE;

          p = g_utf8_next_char (p);
        }
    }

  if (n == 0 || n == 4 || (n == 5 && !with_time) || lengths[0] != 4)
    return FALSE;

  if (n >= 2 && (numbers[1] < 1 || numbers[1] > 12 || lengths[1] > 2))
    return FALSE;

  if (n >= 3 && (lengths[2] > 2 ||
                 !g_date_valid_dmy ((GDateDay) numbers[2], (GDateMonth) numbers[1],
                                    (GDateYear) numbers[0])))
    return FALSE;

  if (n == 5)
    {
      hour = numbers[3];
      minute = numbers[4];
      if (lengths[3] > 2 || lengths[4] != 2 || hour > 23 || minute > 59)
        return FALSE;
    }

  if (numbers[0] < 1900 || numbers[0] > 2999)
    return FALSE;

  if (time != NULL)
    *time = g_date_time_new_local (numbers[0], n >= 2 ? numbers[1] : 1, n >= 3 ? numbers[2] : 1,
                                   hour, minute, 0);
  if (precision != NULL)
    *precision = n == 1 ? "year" : n == 2 ? "month" : "day";

  return time == NULL || *time != NULL;
}

/**
 * hw_case_format_date_field:
 * @precision: "day", "month" or "year"
 * @with_time: whether to show the hour and minute of a time known to the
 *   day (they are left out at midnight)
 *
 * Returns: (transfer full): @time in local time, in the form
 *   hw_case_parse_date() reads back with the same precision
 */
char *
hw_case_format_date_field (GDateTime  *time,
                           const char *precision,
                           gboolean    with_time)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  local = g_date_time_to_local (time);

  if (g_strcmp0 (precision, "year") == 0)
    return g_date_time_format (local, "%Y");
  if (g_strcmp0 (precision, "month") == 0)
    return g_date_time_format (local, "%Y-%m");
  if (with_time && (g_date_time_get_hour (local) != 0 || g_date_time_get_minute (local) != 0))
    return g_date_time_format (local, "%Y-%m-%d %H:%M");

  return g_date_time_format (local, "%Y-%m-%d");
}

/**
 * hw_case_split_nicknames:
 * @text: nicknames as typed: "小军, 军军" (also with "，", "、" or ";")
 *
 * Returns: (transfer full): the nicknames, trimmed, empty ones left out
 */
char **
hw_case_split_nicknames (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  parts = g_regex_split_simple ("[,;\n，、；]", text != NULL ? text : "", 0, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

/* Validation */

static gboolean
in_future (GDateTime *time,
           GDateTime *now)
{
  return g_date_time_compare (time, now) > 0;
}

static gboolean
parse_coordinate (const char *text,
                  double      limit,
                  double     *value)
{
  char *end = NULL;
  double v;

  if (text[0] == '\0')
    return FALSE;

  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || v != v || v < -limit || v > limit)
    return FALSE;

  if (value != NULL)
    *value = v;

  return TRUE;
}

/**
 * hw_case_check_field:
 * @now: the present, for dates that cannot lie in the future
 *
 * Returns: (transfer full) (nullable): why the field's value cannot be
 *   saved, in words for the officer, or %NULL when it can
 */
char *
hw_case_check_field (const HwCase *self,
                     HwCaseField   field,
                     GDateTime    *now)
{
  const char *value;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (field < HW_CASE_N_FIELDS, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  value = self->fields[field];

  switch (field)
    {
    case HW_CASE_FIELD_FAMILY_NAME:
    case HW_CASE_FIELD_GIVEN_NAME:
      {
        g_auto(GStrv) nicknames = hw_case_split_nicknames (self->fields[HW_CASE_FIELD_NICKNAMES]);

        if (value[0] == '\0' && nicknames[0] == NULL)
          return g_strdup (_("Enter the child’s family and given name, or a nickname."));
      }
      break;

    case HW_CASE_FIELD_SEX:
      if (g_strcmp0 (value, "male") != 0 && g_strcmp0 (value, "female") != 0 &&
          g_strcmp0 (value, "unknown") != 0)
        return g_strdup (_("Choose the child’s sex, or “Unknown”."));
      break;

    case HW_CASE_FIELD_BIRTH_DATE:
    case HW_CASE_FIELD_ABDUCTED_AT:
      {
        g_autoptr(GDateTime) time = NULL;
        gboolean with_time = field == HW_CASE_FIELD_ABDUCTED_AT;

        if (value[0] == '\0')
          break;

        if (!hw_case_parse_date (value, with_time, &time, NULL))
          return g_strdup (with_time
                           ? _("Write the date as 2008-03-14, 2008-03 or 2008, with the time if known: 2008-03-14 15:30.")
                           : _("Write the date as 2008-03-14, or 2008-03 or 2008 when only the month or year is known."));

        if (in_future (time, now))
          return g_strdup (_("The date cannot be in the future."));

        if (field == HW_CASE_FIELD_ABDUCTED_AT)
          {
            g_autoptr(GDateTime) birth = NULL;
            const char *birth_precision = NULL;

            /* Compare to the precision of the coarser of the two dates. */
            if (hw_case_parse_date (self->fields[HW_CASE_FIELD_BIRTH_DATE], FALSE, &birth,
                                    &birth_precision))
              {
                g_autofree char *a = hw_case_format_date_field (time, birth_precision, FALSE);
                g_autofree char *b = hw_case_format_date_field (birth, birth_precision, FALSE);

                if (strcmp (a, b) < 0)
                  return g_strdup (_("The child was taken before their date of birth."));
              }
          }
      }
      break;

    case HW_CASE_FIELD_REGION_CODE:
      if (value[0] != '\0' && !g_regex_match_simple ("^[0-9]{6}$", value, 0, 0))
        return g_strdup (_("A region code has six digits, for example 440300."));
      break;

    case HW_CASE_FIELD_LATITUDE:
    case HW_CASE_FIELD_LONGITUDE:
      {
        gboolean latitude = field == HW_CASE_FIELD_LATITUDE;
        const char *other = self->fields[latitude ? HW_CASE_FIELD_LONGITUDE : HW_CASE_FIELD_LATITUDE];

        if (value[0] == '\0')
          {
            if (other[0] != '\0')
              return g_strdup (latitude ? _("Give the latitude with the longitude, or neither.")
                                        : _("Give the longitude with the latitude, or neither."));
            break;
          }

        if (!parse_coordinate (value, latitude ? 90.0 : 180.0, NULL))
          return g_strdup (latitude ? _("Latitude is a number from −90 to 90, for example 22.543.")
                                    : _("Longitude is a number from −180 to 180, for example 114.058."));
      }
      break;

    case HW_CASE_FIELD_PRIORITY:
      if (!g_strv_contains (hw_case_get_priorities (), value))
        return g_strdup (_("Choose the case’s priority."));
      break;

    case HW_CASE_FIELD_ASSIGNED_OFFICER:
      if (value[0] != '\0' && !g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT64, NULL, NULL))
        return g_strdup (_("Choose an officer of the case’s unit."));
      break;

    case HW_CASE_FIELD_FAMILY_NAME_LATIN:
    case HW_CASE_FIELD_GIVEN_NAME_LATIN:
    case HW_CASE_FIELD_NICKNAMES:
    case HW_CASE_FIELD_MARKS:
    case HW_CASE_FIELD_NATIVE_PLACE:
    case HW_CASE_FIELD_DIALECT:
    case HW_CASE_FIELD_PLACE:
    case HW_CASE_FIELD_CIRCUMSTANCES:
    case HW_CASE_N_FIELDS:
    default:
      break;
    }

  return NULL;
}

gboolean
hw_case_is_valid (const HwCase *self,
                  GDateTime    *now)
{
  for (guint i = 0; i < HW_CASE_N_FIELDS; i++)
    {
      g_autofree char *message = hw_case_check_field (self, i, now);

      if (message != NULL)
        return FALSE;
    }

  return TRUE;
}

/* Words */

/* Returns: the field's name, translated, as a form shows it */
const char *
hw_case_field_get_label (HwCaseField field)
{
  switch (field)
    {
    case HW_CASE_FIELD_FAMILY_NAME: return _("Family Name");
    case HW_CASE_FIELD_GIVEN_NAME: return _("Given Name");
    case HW_CASE_FIELD_FAMILY_NAME_LATIN: return _("Family Name in Pinyin");
    case HW_CASE_FIELD_GIVEN_NAME_LATIN: return _("Given Name in Pinyin");
    case HW_CASE_FIELD_NICKNAMES: return _("Nicknames");
    case HW_CASE_FIELD_SEX: return _("Sex");
    case HW_CASE_FIELD_BIRTH_DATE: return _("Date of Birth");
    case HW_CASE_FIELD_MARKS: return _("Distinguishing Marks");
    case HW_CASE_FIELD_NATIVE_PLACE: return _("Native Place");
    case HW_CASE_FIELD_DIALECT: return _("Dialect");
    case HW_CASE_FIELD_ABDUCTED_AT: return _("Time of Abduction");
    case HW_CASE_FIELD_PLACE: return _("Place");
    case HW_CASE_FIELD_REGION_CODE: return _("Region Code");
    case HW_CASE_FIELD_LATITUDE: return _("Latitude");
    case HW_CASE_FIELD_LONGITUDE: return _("Longitude");
    case HW_CASE_FIELD_CIRCUMSTANCES: return _("Circumstances");
    case HW_CASE_FIELD_PRIORITY: return _("Priority");
    case HW_CASE_FIELD_ASSIGNED_OFFICER: return _("Assigned Officer");
    case HW_CASE_N_FIELDS:
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * hw_case_field_format:
 *
 * Returns: (transfer full): the field's value as people read it ("Male"
 *   rather than "male"); "" when not recorded
 */
char *
hw_case_field_format (const HwCase *self,
                      HwCaseField   field)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (field < HW_CASE_N_FIELDS, NULL);

  if (field == HW_CASE_FIELD_SEX)
    return g_strdup (hw_case_sex_to_label (self->fields[field]));
  if (field == HW_CASE_FIELD_PRIORITY)
    return g_strdup (hw_case_priority_to_label (self->fields[field]));
  if (field == HW_CASE_FIELD_ASSIGNED_OFFICER && self->fields[field][0] != '\0')
    return g_strdup (self->officer_name[0] != '\0' ? self->officer_name : self->fields[field]);
  if (field == HW_CASE_FIELD_ASSIGNED_OFFICER)
    return g_strdup (_("Not assigned"));

  return g_strdup (self->fields[field]);
}

/**
 * hw_case_column_to_label:
 * @table_name: a table of schema homeward
 * @column: one of its columns
 *
 * Returns: what the column holds, in lower-case words for a sentence
 *   ("… changed place, circumstances"), translated; columns that are
 *   recorded together (a date and its precision) have the same words
 */
const char *
hw_case_column_to_label (const char *table_name,
                         const char *column)
{
  static const struct { const char *column; const char *label; } columns[] = {
    /* abduction_case */
    { "case_number", NC_("changed column", "case number") },
    { "child_id", NC_("changed column", "child") },
    { "abducted_at", NC_("changed column", "time of abduction") },
    { "abducted_at_precision", NC_("changed column", "time of abduction") },
    { "place_text", NC_("changed column", "place") },
    { "region_code", NC_("changed column", "region code") },
    { "latitude", NC_("changed column", "coordinates") },
    { "longitude", NC_("changed column", "coordinates") },
    { "circumstances", NC_("changed column", "circumstances") },
    { "status", NC_("changed column", "status") },
    { "status_reason", NC_("changed column", "status reason") },
    { "priority", NC_("changed column", "priority") },
    { "assigned_officer_id", NC_("changed column", "assigned officer") },
    { "unit_id", NC_("changed column", "unit") },
    /* person */
    { "kind", NC_("changed column", "kind of person") },
    { "family_name", NC_("changed column", "name") },
    { "given_name", NC_("changed column", "name") },
    { "family_name_latin", NC_("changed column", "name in pinyin") },
    { "given_name_latin", NC_("changed column", "name in pinyin") },
    { "nicknames", NC_("changed column", "nicknames") },
    { "sex", NC_("changed column", "sex") },
    { "birth_date", NC_("changed column", "date of birth") },
    { "birth_date_precision", NC_("changed column", "date of birth") },
    { "distinguishing_marks", NC_("changed column", "distinguishing marks") },
    { "native_place", NC_("changed column", "native place") },
    { "dialect", NC_("changed column", "dialect") },
    /* family_member */
    { "person_id", NC_("changed column", "person") },
    { "relationship", NC_("changed column", "relationship") },
    { "phone", NC_("changed column", "phone") },
    { "address", NC_("changed column", "address") },
    { "dna_given", NC_("changed column", "DNA sample") },
    { "consent_contact", NC_("changed column", "consent to contact") },
    { "consent_dna", NC_("changed column", "consent to DNA comparison") },
    { "consent_publish", NC_("changed column", "consent to publish") },
    /* contact_event */
    { "occurred_at", NC_("changed column", "time of contact") },
    { "channel", NC_("changed column", "channel") },
    { "summary", NC_("changed column", "summary") },
    { "outcome", NC_("changed column", "outcome") },
    { "next_step", NC_("changed column", "next step") },
    /* photo */
    { "taken_at", NC_("changed column", "time taken") },
    { "source_url", NC_("changed column", "source") },
  };

  g_return_val_if_fail (column != NULL, "");

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_str_equal (columns[i].column, column))
      return g_dpgettext2 (GETTEXT_PACKAGE, "changed column", columns[i].label);

  /* A column a newer schema added: its name is better than nothing. */
  return column;
}

/* Returns: the sex in words, translated ("" for none) */
const char *
hw_case_sex_to_label (const char *sex)
{
  if (g_strcmp0 (sex, "male") == 0)
    return C_("sex", "Male");
  if (g_strcmp0 (sex, "female") == 0)
    return C_("sex", "Female");
  if (g_strcmp0 (sex, "unknown") == 0)
    return C_("sex", "Unknown");

  return sex != NULL ? sex : "";
}

const char *
hw_case_relationship_to_label (const char *relationship)
{
  static const struct { const char *value; const char *label; } labels[] = {
    { "mother", NC_("relationship", "Mother") },
    { "father", NC_("relationship", "Father") },
    { "guardian", NC_("relationship", "Guardian") },
    { "sibling", NC_("relationship", "Sibling") },
    { "grandparent", NC_("relationship", "Grandparent") },
    { "uncle_aunt", NC_("relationship", "Uncle or Aunt") },
    { "other", NC_("relationship", "Other Relative") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].value, relationship) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "relationship", labels[i].label);

  return relationship != NULL ? relationship : "";
}

const char *
hw_case_channel_to_label (const char *channel)
{
  static const struct { const char *value; const char *label; } labels[] = {
    { "phone", NC_("contact channel", "Phone Call") },
    { "visit", NC_("contact channel", "Visit") },
    { "message", NC_("contact channel", "Message") },
    { "video", NC_("contact channel", "Video Call") },
    { "letter", NC_("contact channel", "Letter") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].value, channel) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "contact channel", labels[i].label);

  return channel != NULL ? channel : "";
}

/* What a read logged in homeward.access_log was of (data/sql/0020). */
const char *
hw_case_access_to_label (const char *what)
{
  static const struct { const char *value; const char *label; } labels[] = {
    { "family_contacts", NC_("restricted read", "Phone numbers and addresses") },
    { "contact_log", NC_("restricted read", "Family contact log") },
    { "dna_results", NC_("restricted read", "DNA results") },
    { "dna_profiles", NC_("restricted read", "DNA profiles") },
    { "restricted_steps", NC_("restricted read", "Identification and DNA steps") },
    { "family_search", NC_("restricted read", "Search by a family’s phone or address") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].value, what) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "restricted read", labels[i].label);

  return what != NULL ? what : "";
}

const char *
hw_case_priority_to_label (const char *priority)
{
  if (g_strcmp0 (priority, "urgent") == 0)
    return C_("priority", "Urgent");
  if (g_strcmp0 (priority, "high") == 0)
    return C_("priority", "High");
  if (g_strcmp0 (priority, "normal") == 0)
    return C_("priority", "Normal");
  if (g_strcmp0 (priority, "low") == 0)
    return C_("priority", "Low");

  return priority != NULL ? priority : "";
}

/* Returns: (array zero-terminated=1): the values of
 *   homeward.abduction_case.priority, most urgent first */
const char * const *
hw_case_get_priorities (void)
{
  static const char * const priorities[] = { "urgent", "high", "normal", "low", NULL };

  return priorities;
}

/* Photos from files */

/**
 * hw_case_photo_import_new:
 * @content: the bytes of an image file
 *
 * Checks and decodes a photo, within HW_CASE_PHOTO_MAX_BYTES and
 * HW_CASE_PHOTO_MAX_PIXELS, and makes its thumbnail and checksum. Decoding
 * takes a while: call it on a worker thread.
 *
 * Returns: (transfer full): the photo to store, or %NULL with @error set
 */
HwCasePhotoImport *
hw_case_photo_import_new (GBytes  *content,
                          GError **error)
{
  g_autoptr(HwCasePhotoImport) import = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GdkPixbuf) thumbnail = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *thumbnail_data = NULL;
  HwPhotoInfo info;
  gsize thumbnail_size = 0;
  gsize digest_size = sizeof import->sha256;
  double scale;

  g_return_val_if_fail (content != NULL, NULL);

  /* Decoded within the limits (hw-photo-file), at the size the hashes are
   * computed at (hw_image_hash_bytes() gives the same), the right way up. */
  if (!(oriented = hw_photo_file_decode (content, HW_IMAGE_HASH_DECODE_SIDE, &info, &local_error)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, local_error->message);
      return NULL;
    }

  import = g_new0 (HwCasePhotoImport, 1);
  import->content = g_bytes_ref (content);
  import->mime_type = g_strdup (info.mime_type != NULL ? info.mime_type : "image/jpeg");
  import->width = info.width;
  import->height = info.height;
  if (gdk_pixbuf_get_bits_per_sample (oriented) == 8 && gdk_pixbuf_get_n_channels (oriented) >= 3)
    {
      import->phash = hw_image_hash_phash (oriented);
      import->dhash = hw_image_hash_dhash (oriented);
    }
  /* The thumbnail from the decoded picture; the original stays as it was. */
  scale = (double) HW_CASE_THUMBNAIL_SIZE / MAX (gdk_pixbuf_get_width (oriented), gdk_pixbuf_get_height (oriented));
  thumbnail = gdk_pixbuf_scale_simple (oriented,
                                       MAX (1, (int) (gdk_pixbuf_get_width (oriented) * MIN (scale, 1.0) + 0.5)),
                                       MAX (1, (int) (gdk_pixbuf_get_height (oriented) * MIN (scale, 1.0) + 0.5)),
                                       GDK_INTERP_BILINEAR);
  if (gdk_pixbuf_get_has_alpha (thumbnail))
    {
      /* JPEG has no alpha: flatten onto white. */
      GdkPixbuf *flat = gdk_pixbuf_composite_color_simple (thumbnail, gdk_pixbuf_get_width (thumbnail),
                                                           gdk_pixbuf_get_height (thumbnail),
                                                           GDK_INTERP_NEAREST, 255, 8,
                                                           0xffffffff, 0xffffffff);
      g_object_unref (thumbnail);
      thumbnail = flat;
    }
  if (!gdk_pixbuf_save_to_buffer (thumbnail, &thumbnail_data, &thumbnail_size, "jpeg", error,
                                  "quality", "80", NULL))
    return NULL;
  import->thumbnail = g_bytes_new_take (g_steal_pointer (&thumbnail_data), thumbnail_size);

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, g_bytes_get_data (content, NULL), (gssize) g_bytes_get_size (content));
  g_checksum_get_digest (checksum, import->sha256, &digest_size);

  return g_steal_pointer (&import);
}

void
hw_case_photo_import_free (HwCasePhotoImport *import)
{
  if (import == NULL)
    return;

  g_clear_pointer (&import->content, g_bytes_unref);
  g_clear_pointer (&import->thumbnail, g_bytes_unref);
  g_free (import->mime_type);
  g_free (import->source_url);
  g_free (import);
}

/* The records around a case */

/**
 * hw_family_member_new:
 *
 * Returns: (transfer full): a relative not recorded yet: every text "",
 *   nothing given or consented to
 */
HwFamilyMember *
hw_family_member_new (void)
{
  HwFamilyMember *member = g_new0 (HwFamilyMember, 1);

  member->relationship = g_strdup ("");
  member->family_name = g_strdup ("");
  member->given_name = g_strdup ("");
  member->family_name_latin = g_strdup ("");
  member->given_name_latin = g_strdup ("");
  member->name = g_strdup ("");
  member->name_latin = g_strdup ("");
  member->phone = g_strdup ("");
  member->address = g_strdup ("");
  member->updated_by_name = g_strdup ("");
  /* whoever records a relative writes their contact details */
  member->contact_visible = TRUE;

  return member;
}

HwFamilyMember *
hw_family_member_copy (const HwFamilyMember *member)
{
  HwFamilyMember *copy;

  g_return_val_if_fail (member != NULL, NULL);

  copy = g_memdup2 (member, sizeof *member);
  copy->relationship = g_strdup (member->relationship);
  copy->family_name = g_strdup (member->family_name);
  copy->given_name = g_strdup (member->given_name);
  copy->family_name_latin = g_strdup (member->family_name_latin);
  copy->given_name_latin = g_strdup (member->given_name_latin);
  copy->name = g_strdup (member->name);
  copy->name_latin = g_strdup (member->name_latin);
  copy->phone = g_strdup (member->phone);
  copy->address = g_strdup (member->address);
  copy->updated_by_name = g_strdup (member->updated_by_name);

  return copy;
}

void
hw_family_member_free (HwFamilyMember *member)
{
  if (member == NULL)
    return;

  g_free (member->relationship);
  g_free (member->family_name);
  g_free (member->given_name);
  g_free (member->family_name_latin);
  g_free (member->given_name_latin);
  g_free (member->name);
  g_free (member->name_latin);
  g_free (member->phone);
  g_free (member->address);
  g_free (member->updated_by_name);
  g_free (member);
}

/* Sets one of a relative's texts as typed, without surrounding white space. */
void
hw_family_member_set_text (char       **field,
                           const char  *value)
{
  g_return_if_fail (field != NULL);

  g_free (*field);
  *field = g_strstrip (g_strdup (value != NULL ? value : ""));
}

/* Returns: whether @a and @b record the same (what an officer edits) */
gboolean
hw_family_member_equal (const HwFamilyMember *a,
                        const HwFamilyMember *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_str_equal (a->relationship, b->relationship) &&
         g_str_equal (a->family_name, b->family_name) &&
         g_str_equal (a->given_name, b->given_name) &&
         g_str_equal (a->family_name_latin, b->family_name_latin) &&
         g_str_equal (a->given_name_latin, b->given_name_latin) &&
         g_str_equal (a->phone, b->phone) &&
         g_str_equal (a->address, b->address) &&
         a->dna_given == b->dna_given &&
         a->consent_contact == b->consent_contact &&
         a->consent_dna == b->consent_dna &&
         a->consent_publish == b->consent_publish;
}

static gboolean
has_cjk (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || c >= 0x20000)
        return TRUE;
    }

  return FALSE;
}

/**
 * hw_family_member_check_name:
 *
 * A relative is recorded with a family and a given name, in Chinese
 * characters or in pinyin (or both); pinyin in Latin letters.
 *
 * Returns: (transfer full) (nullable): what is wrong, or %NULL
 */
char *
hw_family_member_check_name (const HwFamilyMember *member)
{
  gboolean chinese;
  gboolean latin;

  g_return_val_if_fail (member != NULL, NULL);

  if (has_cjk (member->family_name_latin) || has_cjk (member->given_name_latin))
    return g_strdup (_("Write the name in pinyin with Latin letters, for example Wang Xiuying."));

  chinese = member->family_name[0] != '\0' && member->given_name[0] != '\0';
  latin = member->family_name_latin[0] != '\0' && member->given_name_latin[0] != '\0';
  if (!chinese && !latin)
    return g_strdup (_("Enter the relative’s family and given name, in Chinese characters or in pinyin."));

  return NULL;
}

char *
hw_family_member_check_relationship (const HwFamilyMember *member)
{
  g_return_val_if_fail (member != NULL, NULL);

  if (!g_strv_contains (hw_case_get_relationships (), member->relationship))
    return g_strdup (_("Choose how the relative is related to the child."));

  return NULL;
}

/**
 * hw_family_member_check_phone:
 *
 * A phone number as people write it in China: a mobile number of eleven
 * digits starting with 1 ("138 0013 8000"), a landline with its area code
 * ("0755-8888 1234", extension after "转" or "ext"), either optionally after
 * +86 or 0086; or an international number after "+" (8 to 15 digits).
 *
 * Returns: (transfer full) (nullable): what is wrong, or %NULL (also for
 *   no number: it is not required)
 */
char *
hw_family_member_check_phone (const HwFamilyMember *member)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *phone;
  const char *p;
  gboolean plus = FALSE;
  const char *number;

  g_return_val_if_fail (member != NULL, NULL);

  phone = member->phone;
  if (phone[0] == '\0')
    return NULL;

  for (p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p == '+' && digits->len == 0 && !plus)
        plus = TRUE;
      else if (strchr (" -()./", *p) == NULL)
        break;
    }

  /* An extension: "0755-8888 1234 转 801", "… ext. 801". */
  if (*p != '\0' && !g_regex_match_simple ("^\\s*(转|分机|ext\\.?|x)\\s*[0-9]{1,6}\\s*$", p,
                                             G_REGEX_CASELESS, 0))
    return g_strdup (_("Write a phone number with digits, for example 138 0013 8000 or 0755-8888 1234."));

  number = digits->str;
  if (plus && g_str_has_prefix (number, "86"))
    number += 2;
  else if (!plus && g_str_has_prefix (number, "0086"))
    number += 4;
  else if (plus)
    {
      if (digits->len < 8 || digits->len > 15)
        return g_strdup (_("An international number has 8 to 15 digits after the +."));
      return NULL;
    }

  if (number[0] == '1' && strlen (number) == 11)
    return NULL;
  if (number[0] == '0' && strlen (number) >= 10 && strlen (number) <= 12)
    return NULL;
  if (number[0] != '0' && number != digits->str && strlen (number) >= 9 && strlen (number) <= 11)
    return NULL;   /* +86 755 8888 1234: the area code without its 0 */

  if (number[0] == '1')
    return g_strdup (_("A mobile number has 11 digits, for example 138 0013 8000."));

  return g_strdup (_("Write a landline with its area code, for example 0755-8888 1234."));
}

gboolean
hw_family_member_is_valid (const HwFamilyMember *member)
{
  g_autofree char *name = hw_family_member_check_name (member);
  g_autofree char *relationship = hw_family_member_check_relationship (member);
  g_autofree char *phone = hw_family_member_check_phone (member);

  return name == NULL && relationship == NULL && phone == NULL;
}

/* Returns: (array zero-terminated=1): the values of
 *   homeward.family_member.relationship, in the order the page lists them */
const char * const *
hw_case_get_relationships (void)
{
  static const char * const relationships[] = {
    "mother", "father", "guardian", "grandparent", "sibling", "uncle_aunt", "other", NULL
  };

  return relationships;
}

void
hw_contact_event_free (HwContactEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->channel);
  g_free (event->officer_name);
  g_free (event->member_name);
  g_free (event->member_relationship);
  g_free (event->summary);
  g_free (event->outcome);
  g_free (event->next_step);
  g_free (event);
}

void
hw_case_photo_free (HwCasePhoto *photo)
{
  if (photo == NULL)
    return;

  g_clear_pointer (&photo->thumbnail, g_bytes_unref);
  g_free (photo);
}

void
hw_case_change_free (HwCaseChange *change)
{
  if (change == NULL)
    return;

  g_free (change->table_name);
  g_free (change->action);
  g_free (change->who);
  g_strfreev (change->columns);
  g_free (change->old_status);
  g_free (change->new_status);
  g_free (change->status_reason);
  g_free (change);
}

void
hw_case_access_free (HwCaseAccess *access)
{
  if (access == NULL)
    return;

  g_free (access->who);
  g_free (access->what);
  g_free (access);
}

void
hw_case_officer_free (HwCaseOfficer *officer)
{
  if (officer == NULL)
    return;

  g_free (officer->name);
  g_free (officer->rank);
  g_free (officer);
}

void
hw_case_transition_free (HwCaseTransition *transition)
{
  if (transition == NULL)
    return;

  g_free (transition->from_status);
  g_free (transition->to_status);
  g_free (transition);
}
