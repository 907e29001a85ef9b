/* hw-sighting.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-sighting"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "hw-format.h"
#include "hw-sighting.h"

/* Sightings (tips) as the inbox and the sighting page show them: the
 * labels of the schema's values, what a form must hold before it is
 * saved, and one inbox row (HwSightingSummary). */

typedef struct
{
  const char *value;
  const char *label;
} Label;

static const Label channel_labels[] = {
  { "hotline", NC_("sighting channel", "Hotline") },
  { "walk_in", NC_("sighting channel", "Walk-in") },
  { "patrol", NC_("sighting channel", "Patrol") },
  { "microblog", NC_("sighting channel", "Microblog") },
  { "web_form", NC_("sighting channel", "Web Form") },
  { "partner_agency", NC_("sighting channel", "Partner Agency") },
  { "import", NC_("sighting channel", "Import") },
};

static const Label context_labels[] = {
  { "begging", NC_("sighting context", "Begging") },
  { "with_adults", NC_("sighting context", "With adults") },
  { "alone", NC_("sighting context", "Alone") },
  { "injured", NC_("sighting context", "Injured") },
  { "disabled", NC_("sighting context", "Disabled") },
  { "working", NC_("sighting context", "Working") },
  { "performing", NC_("sighting context", "Performing") },
  { "selling", NC_("sighting context", "Selling") },
  { "drugged", NC_("sighting context", "Seems drugged") },
  { "school", NC_("sighting context", "Near a school") },
  { "other", NC_("sighting context", "Other") },
};

static const Label status_labels[] = {
  { "new", NC_("sighting status", "New") },
  { "triaged", NC_("sighting status", "Triaged") },
  { "verifying", NC_("sighting status", "Verifying") },
  { "confirmed", NC_("sighting status", "Confirmed") },
  { "no_match", NC_("sighting status", "No Match") },
  { "unfounded", NC_("sighting status", "Unfounded") },
  { "duplicate", NC_("sighting status", "Duplicate") },
};

static const Label kind_labels[] = {
  { "field_check", NC_("verification step", "Field check") },
  { "identity_check", NC_("verification step", "Identity check") },
  { "photo_comparison", NC_("verification step", "Photo comparison") },
  { "dna_sample_collected", NC_("verification step", "DNA sample collected") },
  { "dna_result", NC_("verification step", "DNA result") },
  { "family_contacted", NC_("verification step", "Family contacted") },
  { "family_identification", NC_("verification step", "Family identification") },
  { "child_located", NC_("verification step", "Child located") },
  { "rejected", NC_("verification step", "Rejected") },
  { "note", NC_("verification step", "Note") },
};

static const Label confidence_labels[] = {
  { "possible", NC_("link confidence", "Possible") },
  { "probable", NC_("link confidence", "Probable") },
  { "confirmed", NC_("link confidence", "Confirmed") },
};

static const Label sex_labels[] = {
  { "male", NC_("apparent sex", "Boy") },
  { "female", NC_("apparent sex", "Girl") },
  { "unknown", NC_("apparent sex", "Child") },
};

static const char *
find_label (const Label *labels,
            guint        n_labels,
            const char  *context,
            const char  *value)
{
  for (guint i = 0; i < n_labels; i++)
    if (g_strcmp0 (labels[i].value, value) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, context, labels[i].label);

  /* A value a newer schema added: show it as it is rather than nothing. */
  return value != NULL ? value : "";
}

const char * const *
hw_sighting_get_channels (void)
{
  static const char * const values[] = {
    "hotline", "walk_in", "patrol", "microblog", "web_form", "partner_agency", "import", NULL,
  };
  return values;
}

const char * const *
hw_sighting_get_contexts (void)
{
  static const char * const values[] = {
    "begging", "with_adults", "alone", "injured", "disabled", "working", "performing", "selling",
    "drugged", "school", "other", NULL,
  };
  return values;
}

const char * const *
hw_sighting_get_step_kinds (void)
{
  static const char * const values[] = {
    "field_check", "identity_check", "photo_comparison", "dna_sample_collected", "dna_result",
    "family_contacted", "family_identification", "child_located", "rejected", "note", NULL,
  };
  return values;
}

const char * const *
hw_sighting_get_confidences (void)
{
  static const char * const values[] = { "possible", "probable", "confirmed", NULL };
  return values;
}

/* What many sightings can be triaged to at once from the inbox. */
const char * const *
hw_sighting_get_closing_statuses (void)
{
  static const char * const values[] = { "unfounded", "duplicate", "no_match", NULL };
  return values;
}

const char *
hw_sighting_status_to_label (const char *status)
{
  return find_label (status_labels, G_N_ELEMENTS (status_labels), "sighting status", status);
}

const char *
hw_sighting_channel_to_label (const char *channel)
{
  return find_label (channel_labels, G_N_ELEMENTS (channel_labels), "sighting channel", channel);
}

const char *
hw_sighting_context_to_label (const char *context)
{
  return find_label (context_labels, G_N_ELEMENTS (context_labels), "sighting context", context);
}

/* The apparent sex as a noun for the child ("Girl"). */
const char *
hw_sighting_sex_to_label (const char *sex)
{
  return find_label (sex_labels, G_N_ELEMENTS (sex_labels), "apparent sex", sex);
}

const char *
hw_step_kind_to_label (const char *kind)
{
  return find_label (kind_labels, G_N_ELEMENTS (kind_labels), "verification step", kind);
}

const char *
hw_link_confidence_to_label (const char *confidence)
{
  return find_label (confidence_labels, G_N_ELEMENTS (confidence_labels), "link confidence", confidence);
}

/* "about 6", "6–8", or NULL when no age was given. */
char *
hw_sighting_format_age_range (int age_min,
                              int age_max)
{
  if (age_min < 0 && age_max < 0)
    return NULL;
  if (age_min < 0 || age_max < 0 || age_min == age_max)
    /* Translators: an apparent age in years */
    return g_strdup_printf (_("about %d"), MAX (age_min, age_max));

  /* Translators: an apparent age range in years, the youngest first */
  return g_strdup_printf (_("%d–%d"), age_min, age_max);
}

const char *
hw_candidate_factor_to_label (HwCandidateFactor factor)
{
  switch (factor)
    {
    case HW_CANDIDATE_SEX:
      return C_("match factor", "Sex");
    case HW_CANDIDATE_AGE:
      return C_("match factor", "Age");
    case HW_CANDIDATE_MARKS:
      return C_("match factor", "Marks");
    case HW_CANDIDATE_PLACE:
      return C_("match factor", "Place");
    case HW_CANDIDATE_TIME:
      return C_("match factor", "Time");
    case HW_CANDIDATE_PHOTO:
      return C_("match factor", "Photo");
    case HW_CANDIDATE_N_FACTORS:
    default:
      g_assert_not_reached ();
    }
}

/* The least and most a factor can add (data/sql/0010-candidates.sql). */
void
hw_candidate_factor_range (HwCandidateFactor  factor,
                           double            *min,
                           double            *max)
{
  static const double ranges[HW_CANDIDATE_N_FACTORS][2] = {
    [HW_CANDIDATE_SEX] = { -2, 1 },
    [HW_CANDIDATE_AGE] = { -4, 1.5 },
    [HW_CANDIDATE_MARKS] = { 0, 3 },
    [HW_CANDIDATE_PLACE] = { 0, 1 },
    [HW_CANDIDATE_TIME] = { -5, 0 },
    [HW_CANDIDATE_PHOTO] = { 0, 4 },
  };

  g_return_if_fail (factor < HW_CANDIDATE_N_FACTORS);

  *min = ranges[factor][0];
  *max = ranges[factor][1];
}

/* Drafts */

HwSightingDraft *
hw_sighting_draft_new (void)
{
  HwSightingDraft *draft = g_new0 (HwSightingDraft, 1);

  draft->latitude = G_MAXDOUBLE;
  draft->longitude = G_MAXDOUBLE;
  draft->age_min = -1;
  draft->age_max = -1;
  draft->channel = g_strdup ("hotline");
  draft->sex = g_strdup ("unknown");
  draft->priority = g_strdup ("normal");

  return draft;
}

void
hw_sighting_draft_free (HwSightingDraft *draft)
{
  if (draft == NULL)
    return;

  g_free (draft->channel);
  g_free (draft->source_ref);
  g_free (draft->received_at);
  g_free (draft->observed_at);
  g_free (draft->place_text);
  g_free (draft->region_code);
  g_free (draft->description);
  g_free (draft->sex);
  g_strfreev (draft->context);
  g_free (draft->priority);
  g_free (draft->reporter_name);
  g_free (draft->reporter_contact);
  g_free (draft);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/**
 * hw_sighting_draft_check:
 *
 * Returns: (nullable): what is wrong with the draft, for the officer, or
 *   %NULL when it can be saved
 */
char *
hw_sighting_draft_check (const HwSightingDraft *draft)
{
  g_return_val_if_fail (draft != NULL, NULL);

  if (!g_strv_contains (hw_sighting_get_channels (), draft->channel != NULL ? draft->channel : ""))
    return g_strdup (_("Choose how the tip came in."));
  if (is_blank (draft->description) && is_blank (draft->place_text) && !draft->has_photos)
    return g_strdup (_("Say what was seen or where: a tip needs a description or a place."));
  if (draft->region_code != NULL && draft->region_code[0] != '\0' &&
      !g_regex_match_simple ("^[0-9]{6}$", draft->region_code, 0, 0))
    return g_strdup (_("A region code has six digits."));
  {
    const char *lines[] = { draft->source_ref, draft->place_text, draft->region_code, draft->reporter_name,
                            draft->reporter_contact };

    for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
      if (!hw_text_is_clean (lines[i], FALSE))
        return g_strdup (_("Remove the control characters from the tip: they are no part of a name, "
                           "a place or a contact."));
    if (!hw_text_is_clean (draft->description, TRUE))
      return g_strdup (_("Remove the control characters from the description."));
  }
  if (!isfinite (draft->latitude) || !isfinite (draft->longitude))
    return g_strdup (_("Latitude goes from −90 to 90, longitude from −180 to 180."));
  if ((draft->latitude == G_MAXDOUBLE) != (draft->longitude == G_MAXDOUBLE))
    return g_strdup (_("Give both latitude and longitude, or neither."));
  if (draft->latitude != G_MAXDOUBLE &&
      (draft->latitude < -90 || draft->latitude > 90 || draft->longitude < -180 || draft->longitude > 180))
    return g_strdup (_("Latitude goes from −90 to 90, longitude from −180 to 180."));
  if ((draft->age_min > 25) || (draft->age_max > 25) ||
      (draft->age_min >= 0 && draft->age_max >= 0 && draft->age_min > draft->age_max))
    return g_strdup (_("Apparent ages go from 0 to 25, the youngest first."));
  if (draft->observed_at != NULL && draft->observed_at[0] != '\0')
    {
      g_autoptr(GDateTime) observed = NULL;

      switch (hw_parse_past_time (draft->observed_at, NULL, &observed))
        {
        case HW_PAST_TIME_OK:
          break;
        case HW_PAST_TIME_FUTURE:
          return g_strdup (_("The child cannot have been seen in the future."));
        case HW_PAST_TIME_INVALID:
        case HW_PAST_TIME_TOO_EARLY:
        default:
          return g_strdup (_("Write when the child was seen like 2026-03-01 14:30."));
        }
    }
  if (draft->received_at != NULL && draft->received_at[0] != '\0')
    {
      g_autoptr(GDateTime) received = NULL;

      switch (hw_parse_past_time (draft->received_at, NULL, &received))
        {
        case HW_PAST_TIME_OK:
          break;
        case HW_PAST_TIME_FUTURE:
          return g_strdup (_("A tip cannot come in in the future."));
        case HW_PAST_TIME_INVALID:
        case HW_PAST_TIME_TOO_EARLY:
        default:
          return g_strdup (_("Write when the tip came in like 2026-03-01 14:30."));
        }
    }
  for (guint i = 0; draft->context != NULL && draft->context[i] != NULL; i++)
    if (!g_strv_contains (hw_sighting_get_contexts (), draft->context[i]))
      return g_strdup_printf (_("Unknown circumstance “%s”."), draft->context[i]);

  return NULL;
}

/* Freeing */

void
hw_sighting_info_free (HwSightingInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->channel);
  g_free (info->source_ref);
  g_free (info->reporter_name);
  g_free (info->reporter_contact);
  g_free (info->place_text);
  g_free (info->region_code);
  g_free (info->description);
  g_free (info->sex);
  g_strfreev (info->context);
  g_free (info->status);
  g_free (info->status_reason);
  g_free (info->priority);
  g_free (info->officer_name);
  g_free (info);
}

void
hw_repost_member_free (HwRepostMember *member)
{
  if (member == NULL)
    return;

  g_free (member->channel);
  g_free (member->source_ref);
  g_free (member->status);
  g_clear_pointer (&member->thumbnail, g_bytes_unref);
  g_free (member);
}

void
hw_case_link_info_free (HwCaseLinkInfo *link)
{
  if (link == NULL)
    return;

  g_free (link->case_number);
  g_free (link->child_name);
  g_free (link->confidence);
  g_free (link->rationale);
  g_free (link->linked_by);
  g_free (link->withdrawn_reason);
  g_clear_pointer (&link->thumbnail, g_bytes_unref);
  g_free (link->sighting_place);
  g_free (link->latest_step);
  g_free (link);
}

void
hw_verification_step_free (HwVerificationStep *step)
{
  if (step == NULL)
    return;

  g_free (step->case_number);
  g_free (step->kind);
  g_free (step->outcome);
  g_free (step->notes);
  g_free (step->officer_name);
  g_free (step);
}

void
hw_candidate_free (HwCandidate *candidate)
{
  if (candidate == NULL)
    return;

  g_free (candidate->case_number);
  g_free (candidate->child_name);
  g_free (candidate->sex);
  g_free (candidate->birth_date);
  g_free (candidate->birth_precision);
  g_free (candidate->marks);
  g_free (candidate->place);
  g_clear_pointer (&candidate->thumbnail, g_bytes_unref);
  g_free (candidate);
}

/* Inbox rows */

struct _HwSightingSummary
{
  GObject   parent_instance;

  gint64    id;
  gint64    version;
  double    received_at;
  double    deadline;
  int       priority_rank;
  gboolean  overdue;
  int       repost_count;
  char     *status;
  char     *priority;
  char     *title;
  char     *subtitle;
  char     *when_label;
  char     *repost_label;
  char     *officer_name;
  GBytes   *thumbnail;
};

G_DEFINE_FINAL_TYPE (HwSightingSummary, hw_sighting_summary, G_TYPE_OBJECT)

static void
hw_sighting_summary_finalize (GObject *object)
{
  HwSightingSummary *self = HW_SIGHTING_SUMMARY (object);

  g_free (self->status);
  g_free (self->priority);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->when_label);
  g_free (self->repost_label);
  g_free (self->officer_name);
  g_clear_pointer (&self->thumbnail, g_bytes_unref);

  G_OBJECT_CLASS (hw_sighting_summary_parent_class)->finalize (object);
}

static void
hw_sighting_summary_class_init (HwSightingSummaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hw_sighting_summary_finalize;
}

static void
hw_sighting_summary_init (HwSightingSummary *self)
{
}

static GDateTime *
local_time (gint64 unix_time)
{
  return unix_time != HW_SIGHTING_NO_TIME ? g_date_time_new_from_unix_local (unix_time) : NULL;
}

/* The labels are worked out once, in the officer's language, so binding a
 * row while scrolling costs nothing. */
HwSightingSummary *
hw_sighting_summary_new (const HwSightingSummaryData *data)
{
  HwSightingSummary *self = g_object_new (HW_TYPE_SIGHTING_SUMMARY, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) received = local_time ((gint64) data->received_at);
  g_autofree char *age = hw_sighting_format_age_range (data->age_min, data->age_max);
  g_autofree char *when = hw_format_relative_time (received, now);
  GString *title = g_string_new (NULL);

  self->id = data->id;
  self->version = data->version;
  self->received_at = data->received_at;
  self->deadline = data->triage_deadline;
  self->priority_rank = data->priority_rank;
  self->overdue = data->overdue;
  self->repost_count = data->repost_count;
  self->status = g_strdup (data->status);
  self->priority = g_strdup (data->priority);
  self->officer_name = g_strdup (data->officer_name);
  self->thumbnail = data->thumbnail != NULL ? g_bytes_ref (data->thumbnail) : NULL;

  /* "Girl, about 6 · 广东省中山市 人民公园门口" */
  g_string_append (title, hw_sighting_sex_to_label (data->sex));
  if (age != NULL)
    /* Translators: between the apparent sex and age in an inbox row: "Girl, about 6" */
    g_string_append_printf (title, C_("inbox row title", ", %s"), age);
  if (data->place != NULL && data->place[0] != '\0')
    g_string_append_printf (title, " · %s", data->place);
  self->title = g_string_free (title, FALSE);

  self->subtitle = g_strdup (data->description != NULL ? data->description : "");
  g_strdelimit (self->subtitle, "\n\r\t", ' ');

  /* Translators: "Hotline · 3 hours ago" */
  self->when_label = g_strdup_printf (C_("inbox row", "%s · %s"),
                                      hw_sighting_channel_to_label (data->channel), when);

  if (data->repost_count > 1)
    {
      g_autoptr(GDateTime) first = local_time (data->first_seen_at);
      g_autoptr(GDateTime) last = local_time (data->last_seen_at);
      g_autofree char *first_label = first != NULL ? hw_format_date (first, "day") : g_strdup ("");
      g_autofree char *last_label = last != NULL ? hw_format_date (last, "day") : g_strdup ("");

      /* Translators: a repost group in the inbox: count, first and last seen */
      self->repost_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d repost · %s – %s",
                                                         "%d reposts · %s – %s", data->repost_count),
                                            data->repost_count, first_label, last_label);
    }

  return self;
}

gint64
hw_sighting_summary_get_id (HwSightingSummary *self)
{
  g_return_val_if_fail (HW_IS_SIGHTING_SUMMARY (self), 0);
  return self->id;
}

gint64
hw_sighting_summary_get_version (HwSightingSummary *self)
{
  g_return_val_if_fail (HW_IS_SIGHTING_SUMMARY (self), 0);
  return self->version;
}

double
hw_sighting_summary_get_received_at (HwSightingSummary *self)
{
  g_return_val_if_fail (HW_IS_SIGHTING_SUMMARY (self), 0);
  return self->received_at;
}

double
hw_sighting_summary_get_deadline (HwSightingSummary *self)
{
  g_return_val_if_fail (HW_IS_SIGHTING_SUMMARY (self), 0);
  return self->deadline;
}

int
hw_sighting_summary_get_priority_rank (HwSightingSummary *self)
{
  g_return_val_if_fail (HW_IS_SIGHTING_SUMMARY (self), 0);
  return self->priority_rank;
}

const char *
hw_sighting_summary_get_status (HwSightingSummary *self)
{
  g_return_val_if_fail (HW_IS_SIGHTING_SUMMARY (self), NULL);
  return self->status;
}

const char *
hw_sighting_summary_get_priority (HwSightingSummary *self)
{
  g_return_val_if_fail (HW_IS_SIGHTING_SUMMARY (self), NULL);
  return self->priority;
}

gboolean
hw_sighting_summary_get_overdue (HwSightingSummary *self)
{
  g_return_val_if_fail (HW_IS_SIGHTING_SUMMARY (self), FALSE);
  return self->overdue;
}

int
hw_sighting_summary_get_repost_count (HwSightingSummary *self)
{
  g_return_val_if_fail (HW_IS_SIGHTING_SUMMARY (self), 0);
  return self->repost_count;
}

GBytes *
hw_sighting_summary_get_thumbnail (HwSightingSummary *self)
{
  g_return_val_if_fail (HW_IS_SIGHTING_SUMMARY (self), NULL);
  return self->thumbnail;
}

const char *
hw_sighting_summary_get_title (HwSightingSummary *self)
{
  g_return_val_if_fail (HW_IS_SIGHTING_SUMMARY (self), NULL);
  return self->title;
}

const char *
hw_sighting_summary_get_subtitle (HwSightingSummary *self)
{
  g_return_val_if_fail (HW_IS_SIGHTING_SUMMARY (self), NULL);
  return self->subtitle;
}

const char *
hw_sighting_summary_get_when_label (HwSightingSummary *self)
{
  g_return_val_if_fail (HW_IS_SIGHTING_SUMMARY (self), NULL);
  return self->when_label;
}

const char *
hw_sighting_summary_get_repost_label (HwSightingSummary *self)
{
  g_return_val_if_fail (HW_IS_SIGHTING_SUMMARY (self), NULL);
  return self->repost_label;
}

const char *
hw_sighting_summary_get_officer_name (HwSightingSummary *self)
{
  g_return_val_if_fail (HW_IS_SIGHTING_SUMMARY (self), NULL);
  return self->officer_name;
}

/* Whether two rows show the same thing (the model keeps the old object). */
gboolean
hw_sighting_summary_same (HwSightingSummary *a,
                          HwSightingSummary *b)
{
  return a->id == b->id && a->version == b->version && a->repost_count == b->repost_count &&
         a->overdue == b->overdue && g_strcmp0 (a->officer_name, b->officer_name) == 0 &&
         (a->thumbnail != NULL) == (b->thumbnail != NULL);
}
