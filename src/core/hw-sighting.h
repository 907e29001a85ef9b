/* hw-sighting.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define HW_SIGHTING_NO_TIME G_MININT64

/* The values the schema allows (data/sql/0001-schema.sql), in the order
 * forms offer them; each array ends with NULL. */
const char * const *hw_sighting_get_channels        (void);
const char * const *hw_sighting_get_contexts        (void);
const char * const *hw_sighting_get_step_kinds      (void);
const char * const *hw_sighting_get_confidences     (void);
const char * const *hw_sighting_get_closing_statuses (void);

const char *hw_sighting_status_to_label     (const char *status);
const char *hw_sighting_channel_to_label    (const char *channel);
const char *hw_sighting_context_to_label    (const char *context);
const char *hw_sighting_sex_to_label        (const char *sex);
const char *hw_step_kind_to_label           (const char *kind);
const char *hw_link_confidence_to_label     (const char *confidence);
char       *hw_sighting_format_age_range    (int         age_min,
                                             int         age_max);

/* A sighting as the intake form fills it in. NULL or -1 leaves a field empty. */
typedef struct
{
  char    *channel;
  char    *source_ref;
  char    *received_at;          /* ISO 8601, or NULL: now */
  char    *observed_at;          /* ISO 8601, or NULL */
  char    *place_text;
  char    *region_code;
  double   latitude;             /* G_MAXDOUBLE: none */
  double   longitude;
  char    *description;
  int      age_min;
  int      age_max;
  char    *sex;                  /* "male", "female", "unknown" */
  char   **context;
  char    *priority;
  char    *reporter_name;
  char    *reporter_contact;
  gboolean reporter_anonymous;
  gboolean has_photos;           /* a photo says what was seen (a repost from a script) */
} HwSightingDraft;

HwSightingDraft *hw_sighting_draft_new   (void);
void             hw_sighting_draft_free  (HwSightingDraft *draft);
char            *hw_sighting_draft_check (const HwSightingDraft *draft);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HwSightingDraft, hw_sighting_draft_free)

/* Everything the sighting page shows about the sighting itself. */
typedef struct
{
  gint64   id;
  gint64   version;
  gint64   received_at;          /* Unix time */
  gint64   observed_at;          /* or HW_SIGHTING_NO_TIME */
  gint64   triage_deadline;      /* or HW_SIGHTING_NO_TIME */
  gboolean overdue;
  char    *channel;
  char    *source_ref;
  char    *reporter_name;
  char    *reporter_contact;
  gboolean reporter_anonymous;
  char    *place_text;
  char    *region_code;
  char    *description;
  int      age_min;              /* or -1 */
  int      age_max;
  char    *sex;
  char   **context;
  char    *status;
  char    *status_reason;
  char    *priority;
  gint64   officer_id;           /* or 0 */
  char    *officer_name;
  gint64   unit_id;
  gint64   group_id;             /* repost group, or 0 */
  int      repost_count;
  gint64   first_seen_at;
  gint64   last_seen_at;
} HwSightingInfo;

/* Another sighting of the same repost group. */
typedef struct
{
  gint64  id;
  gint64  received_at;
  char   *channel;
  char   *source_ref;
  char   *status;
  GBytes *thumbnail;             /* or NULL */
} HwRepostMember;

/* A link between a sighting and a case (homeward.case_link). */
typedef struct
{
  gint64   id;
  gint64   version;
  gint64   sighting_id;
  gint64   case_id;
  char    *case_number;
  char    *child_name;
  char    *confidence;
  char    *rationale;
  char    *linked_by;
  gint64   linked_at;
  gboolean withdrawn;
  char    *withdrawn_reason;
  GBytes  *thumbnail;            /* the sighting's first photo, for the case page */
  char    *sighting_place;
  gint64   sighting_received_at;
  char    *latest_step;          /* "kind: outcome" of the latest step, or NULL */
} HwCaseLinkInfo;

/* One entry of a verification timeline (append-only). */
typedef struct
{
  gint64  id;
  gint64  sighting_id;           /* or 0 */
  gint64  link_id;               /* or 0 */
  gint64  case_id;               /* or 0 */
  char   *case_number;           /* the link's case, or NULL */
  char   *kind;
  char   *outcome;
  char   *notes;
  gboolean restricted;           /* outcome and notes are not the reader's to see ("" here) */
  char   *officer_name;
  gint64  performed_at;
  gint64  corrects_step_id;      /* or 0 */
  gint64  corrected_by_id;       /* a later step correcting this one, or 0 */
} HwVerificationStep;

/* A case a sighting may be about, with each factor's part of the score
 * (data/sql/0010-candidates.sql). */
typedef struct
{
  gint64  case_id;
  char   *case_number;
  char   *child_name;
  char   *sex;
  char   *birth_date;
  char   *birth_precision;
  char   *marks;
  char   *place;
  gint64  abducted_at;
  GBytes *thumbnail;             /* the case's first photo, or NULL */
  double  total;
  double  factors[6];            /* HwCandidateFactor */
  gboolean linked;               /* an active link exists already */
} HwCandidate;

typedef enum
{
  HW_CANDIDATE_SEX,
  HW_CANDIDATE_AGE,
  HW_CANDIDATE_MARKS,
  HW_CANDIDATE_PLACE,
  HW_CANDIDATE_TIME,
  HW_CANDIDATE_PHOTO,
  HW_CANDIDATE_N_FACTORS,
} HwCandidateFactor;

const char *hw_candidate_factor_to_label (HwCandidateFactor factor);
void        hw_candidate_factor_range    (HwCandidateFactor factor,
                                          double           *min,
                                          double           *max);

void hw_sighting_info_free      (HwSightingInfo     *info);
void hw_repost_member_free      (HwRepostMember     *member);
void hw_case_link_info_free     (HwCaseLinkInfo     *link);
void hw_verification_step_free  (HwVerificationStep *step);
void hw_candidate_free          (HwCandidate        *candidate);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HwSightingInfo, hw_sighting_info_free)

/* One row of the inbox. */
#define HW_TYPE_SIGHTING_SUMMARY (hw_sighting_summary_get_type ())

G_DECLARE_FINAL_TYPE (HwSightingSummary, hw_sighting_summary, HW, SIGHTING_SUMMARY, GObject)

typedef struct
{
  gint64      id;
  gint64      version;
  double      received_at;       /* Unix time, with the fraction (the page key) */
  gint64      observed_at;       /* or HW_SIGHTING_NO_TIME */
  const char *channel;
  const char *status;
  const char *priority;
  int         priority_rank;
  double      triage_deadline;   /* or 0 */
  gboolean    overdue;
  const char *place;
  const char *description;
  const char *sex;
  int         age_min;
  int         age_max;
  const char *officer_name;
  int         repost_count;      /* 0: not in a group */
  gint64      first_seen_at;
  gint64      last_seen_at;
  GBytes     *thumbnail;
} HwSightingSummaryData;

HwSightingSummary *hw_sighting_summary_new            (const HwSightingSummaryData *data);
gint64             hw_sighting_summary_get_id         (HwSightingSummary *self);
gint64             hw_sighting_summary_get_version    (HwSightingSummary *self);
double             hw_sighting_summary_get_received_at (HwSightingSummary *self);
double             hw_sighting_summary_get_deadline   (HwSightingSummary *self);
int                hw_sighting_summary_get_priority_rank (HwSightingSummary *self);
const char        *hw_sighting_summary_get_status     (HwSightingSummary *self);
const char        *hw_sighting_summary_get_priority   (HwSightingSummary *self);
gboolean           hw_sighting_summary_get_overdue    (HwSightingSummary *self);
int                hw_sighting_summary_get_repost_count (HwSightingSummary *self);
GBytes            *hw_sighting_summary_get_thumbnail  (HwSightingSummary *self);
const char        *hw_sighting_summary_get_title      (HwSightingSummary *self);
const char        *hw_sighting_summary_get_subtitle   (HwSightingSummary *self);
const char        *hw_sighting_summary_get_when_label (HwSightingSummary *self);
const char        *hw_sighting_summary_get_repost_label (HwSightingSummary *self);
const char        *hw_sighting_summary_get_officer_name (HwSightingSummary *self);
gboolean           hw_sighting_summary_same           (HwSightingSummary *a,
                                                       HwSightingSummary *b);

G_END_DECLS
