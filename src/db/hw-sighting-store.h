/* hw-sighting-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hw-case.h"
#include "hw-session.h"
#include "hw-sighting.h"

G_BEGIN_DECLS

#define HW_SIGHTING_STORE_ERROR (hw_sighting_store_error_quark ())

typedef enum
{
  HW_SIGHTING_STORE_ERROR_NOT_FOUND,   /* no such sighting */
  HW_SIGHTING_STORE_ERROR_CONFLICT,    /* someone else changed it first */
  HW_SIGHTING_STORE_ERROR_CLAIMED,     /* another officer has claimed it */
  HW_SIGHTING_STORE_ERROR_DUPLICATE,   /* the channel's reference exists already */
  HW_SIGHTING_STORE_ERROR_INVALID,     /* the database refused a value or a rule */
} HwSightingStoreError;

typedef enum
{
  HW_INBOX_NEWEST,
  HW_INBOX_URGENT,
} HwInboxOrder;

typedef enum
{
  HW_INBOX_ALL,
  HW_INBOX_MINE,
  HW_INBOX_OVERDUE,
} HwInboxScope;

typedef struct
{
  gint64 inbox;
  gint64 overdue;
  gint64 mine;
} HwInboxCounts;

/* Everything a sighting page shows. */
typedef struct
{
  HwSightingInfo *info;
  GPtrArray      *photos;    /* HwCasePhoto */
  GPtrArray      *group;     /* HwRepostMember: the others of its repost group */
  GPtrArray      *links;     /* HwCaseLinkInfo */
  GPtrArray      *steps;     /* HwVerificationStep, oldest first */
} HwSightingDetails;

void hw_sighting_details_free (HwSightingDetails *details);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HwSightingDetails, hw_sighting_details_free)

/* A case's side: its links and timeline (for the case page). */
typedef struct
{
  GPtrArray *links;          /* HwCaseLinkInfo */
  GPtrArray *steps;          /* HwVerificationStep, oldest first */
} HwCaseVerification;

void hw_case_verification_free (HwCaseVerification *verification);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HwCaseVerification, hw_case_verification_free)

#define HW_TYPE_SIGHTING_STORE (hw_sighting_store_get_type ())

G_DECLARE_FINAL_TYPE (HwSightingStore, hw_sighting_store, HW, SIGHTING_STORE, GObject)

GQuark             hw_sighting_store_error_quark       (void);
HwSightingStore   *hw_sighting_store_new               (HwSession            *session);
HwSession         *hw_sighting_store_get_session       (HwSightingStore      *self);

void               hw_sighting_store_inbox_async       (HwSightingStore      *self,
                                                        HwInboxOrder          order,
                                                        HwInboxScope          scope,
                                                        HwSightingSummary    *after,
                                                        guint                 limit,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray         *hw_sighting_store_inbox_finish      (HwSightingStore      *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void               hw_sighting_store_counts_async      (HwSightingStore      *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean           hw_sighting_store_counts_finish     (HwSightingStore      *self,
                                                        GAsyncResult         *result,
                                                        HwInboxCounts        *counts,
                                                        GError              **error);

void               hw_sighting_store_load_async        (HwSightingStore      *self,
                                                        gint64                sighting_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
HwSightingDetails *hw_sighting_store_load_finish       (HwSightingStore      *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void               hw_sighting_store_load_case_async   (HwSightingStore      *self,
                                                        gint64                case_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
HwCaseVerification *hw_sighting_store_load_case_finish (HwSightingStore      *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void               hw_sighting_store_candidates_async  (HwSightingStore      *self,
                                                        gint64                sighting_id,
                                                        guint                 limit,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray         *hw_sighting_store_candidates_finish (HwSightingStore      *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void               hw_sighting_store_officers_async    (HwSightingStore      *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray         *hw_sighting_store_officers_finish   (HwSightingStore      *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* Writes. Each finishes with hw_sighting_store_write_finish(), which gives
 * the new row's id (or the new version) and explains a refusal. */
void               hw_sighting_store_create_async      (HwSightingStore      *self,
                                                        const HwSightingDraft *draft,
                                                        GPtrArray            *photos,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
void               hw_sighting_store_claim_async       (HwSightingStore      *self,
                                                        gint64                sighting_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
void               hw_sighting_store_assign_async      (HwSightingStore      *self,
                                                        gint64                sighting_id,
                                                        gint64                version,
                                                        gint64                officer_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
void               hw_sighting_store_set_priority_async (HwSightingStore     *self,
                                                        gint64                sighting_id,
                                                        gint64                version,
                                                        const char           *priority,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
void               hw_sighting_store_set_status_async  (HwSightingStore      *self,
                                                        const gint64         *sighting_ids,
                                                        guint                 n_ids,
                                                        const char           *status,
                                                        const char           *reason,
                                                        gboolean              with_group,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
void               hw_sighting_store_link_async        (HwSightingStore      *self,
                                                        gint64                sighting_id,
                                                        gint64                case_id,
                                                        const char           *confidence,
                                                        const char           *rationale,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
void               hw_sighting_store_withdraw_link_async (HwSightingStore    *self,
                                                        gint64                link_id,
                                                        gint64                version,
                                                        const char           *reason,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
void               hw_sighting_store_add_step_async    (HwSightingStore      *self,
                                                        gint64                sighting_id,
                                                        gint64                link_id,
                                                        gint64                case_id,
                                                        const char           *kind,
                                                        const char           *outcome,
                                                        const char           *notes,
                                                        gint64                corrects_step_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
void               hw_sighting_store_split_async       (HwSightingStore      *self,
                                                        gint64                sighting_id,
                                                        const char           *reason,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gint64             hw_sighting_store_write_finish      (HwSightingStore      *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
