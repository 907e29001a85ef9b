/* hw-case-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hw-case.h"
#include "hw-session.h"

G_BEGIN_DECLS

#define HW_CASE_STORE_ERROR (hw_case_store_error_quark ())

typedef enum
{
  HW_CASE_STORE_ERROR_NOT_FOUND,   /* no such case (or not visible) */
  HW_CASE_STORE_ERROR_CONFLICT,    /* someone else saved the case first */
  HW_CASE_STORE_ERROR_NOT_ALLOWED, /* the case belongs to another unit */
  HW_CASE_STORE_ERROR_INVALID,     /* the form has a value that cannot be saved */
} HwCaseStoreError;

/* What to read about a case. */
typedef enum
{
  HW_CASE_SECTION_CASE     = 1 << 0,   /* the case and its child */
  HW_CASE_SECTION_FAMILY   = 1 << 1,
  HW_CASE_SECTION_CONTACTS = 1 << 2,
  HW_CASE_SECTION_PHOTOS   = 1 << 3,
  HW_CASE_SECTION_HISTORY  = 1 << 4,
  HW_CASE_SECTION_ALL      = 0x1f,
} HwCaseSections;

/* Everything a case page shows. Lists are NULL for sections not read. */
typedef struct
{
  HwCaseSections  sections;
  HwCase         *kase;
  GPtrArray      *family;             /* HwFamilyMember */
  gboolean        family_restricted;  /* another unit's case: its family is not ours to see */
  GPtrArray      *contacts;           /* HwContactEvent, newest first */
  gboolean        contacts_restricted; /* the contact log is for the assigned officer and supervisors */
  GPtrArray      *photos;             /* HwCasePhoto */
  GPtrArray      *history;            /* HwCaseChange, newest first */
  gboolean        history_restricted; /* the audit log is for supervisors */
  GPtrArray      *access_log;         /* HwCaseAccess, newest first; NULL: not the reader's */
} HwCaseDetails;

void hw_case_details_free (HwCaseDetails *details);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HwCaseDetails, hw_case_details_free)

#define HW_TYPE_CASE_STORE (hw_case_store_get_type ())

G_DECLARE_FINAL_TYPE (HwCaseStore, hw_case_store, HW, CASE_STORE, GObject)

GQuark          hw_case_store_error_quark          (void);
HwCaseStore    *hw_case_store_new                  (HwSession            *session);
HwSession      *hw_case_store_get_session          (HwCaseStore          *self);

void            hw_case_store_load_async           (HwCaseStore          *self,
                                                    gint64                case_id,
                                                    HwCaseSections        sections,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
HwCaseDetails  *hw_case_store_load_finish          (HwCaseStore          *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

void            hw_case_store_load_transitions_async  (HwCaseStore       *self,
                                                       GCancellable      *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer           user_data);
GPtrArray      *hw_case_store_load_transitions_finish (HwCaseStore       *self,
                                                       GAsyncResult      *result,
                                                       GError           **error);

void            hw_case_store_load_officers_async  (HwCaseStore          *self,
                                                    gint64                unit_id,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GPtrArray      *hw_case_store_load_officers_finish (HwCaseStore          *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

void            hw_case_store_save_async           (HwCaseStore          *self,
                                                    const HwCase         *edited,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
HwCase         *hw_case_store_save_finish          (HwCaseStore          *self,
                                                    GAsyncResult         *result,
                                                    HwCase              **current,
                                                    GError              **error);

void            hw_case_store_create_async         (HwCaseStore          *self,
                                                    const HwCase         *edited,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
HwCase         *hw_case_store_create_finish        (HwCaseStore          *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

void            hw_case_store_change_status_async  (HwCaseStore          *self,
                                                    gint64                case_id,
                                                    gint64                version,
                                                    const char           *status,
                                                    const char           *reason,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean        hw_case_store_change_status_finish (HwCaseStore          *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

void            hw_case_store_add_contact_async    (HwCaseStore          *self,
                                                    gint64                case_id,
                                                    GDateTime            *occurred_at,
                                                    const char           *channel,
                                                    gint64                family_member_id,
                                                    const char           *summary,
                                                    const char           *outcome,
                                                    const char           *next_step,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gint64          hw_case_store_add_contact_finish   (HwCaseStore          *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

void            hw_case_store_add_photo_async      (HwCaseStore          *self,
                                                    gint64                case_id,
                                                    const HwCasePhotoImport *photo,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gint64          hw_case_store_add_photo_finish     (HwCaseStore          *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

void            hw_case_store_save_family_member_async    (HwCaseStore          *self,
                                                           gint64                case_id,
                                                           const HwFamilyMember *edited,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
HwFamilyMember *hw_case_store_save_family_member_finish   (HwCaseStore          *self,
                                                           GAsyncResult         *result,
                                                           HwFamilyMember      **current,
                                                           GError              **error);
void            hw_case_store_remove_family_member_async  (HwCaseStore          *self,
                                                           const HwFamilyMember *member,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean        hw_case_store_remove_family_member_finish (HwCaseStore          *self,
                                                           GAsyncResult         *result,
                                                           HwFamilyMember      **current,
                                                           GError              **error);

void            hw_case_store_load_photo_async     (HwCaseStore          *self,
                                                    gint64                photo_id,
                                                    gsize                 max_bytes,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GBytes         *hw_case_store_load_photo_finish    (HwCaseStore          *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
