/* hw-reunion.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hw-db.h"

G_BEGIN_DECLS

/* A reunion recorded for a case, proposed for a supervisor's sign-off. */
typedef struct
{
  gint64    id;
  int       version;
  char     *reunited_on;        /* "YYYY-MM-DD", or NULL */
  char     *place;
  char     *family_present;
  char     *notes;
  char     *child_decision;     /* "return", "not_return", "not_applicable" or NULL */
  GArray   *officer_ids;        /* gint64: the officers present */
  char    **officer_names;
  char     *proposed_by_name;
  gboolean  proposed_by_me;
  char     *signed_off_by_name; /* NULL until signed off */
  gint64    signed_off_at;      /* Unix time, or G_MININT64 */
  int       child_age;          /* on the day, or -1 when the birth date is not known */
} HwReunion;

/* A child found and matched to the case. */
typedef struct
{
  gint64  id;
  char   *name;             /* or NULL when not known */
  char   *sex;
  gint64  found_at;         /* Unix time, or G_MININT64 */
  char   *place;            /* or NULL */
  char   *care_institution; /* or NULL */
  char   *care_contact;     /* or NULL */
  char   *unit_name;
} HwFoundChild;

/* What the case page shows: the found children and the reunions. */
typedef struct
{
  GPtrArray *found;      /* HwFoundChild */
  GPtrArray *reunions;   /* HwReunion, the latest first */
} HwReunionCase;

/* An officer of the case's unit, who may have been present. */
typedef struct
{
  gint64  id;
  char   *name;
} HwReunionOfficer;

/* What the reunion form needs: the officers and the child's birth date. */
typedef struct
{
  GPtrArray *officers;     /* HwReunionOfficer */
  GDate     *birth_date;   /* or NULL */
} HwReunionChoices;

void       hw_reunion_free             (HwReunion        *reunion);
void       hw_reunion_case_free        (HwReunionCase    *reunion_case);
void       hw_reunion_choices_free     (HwReunionChoices *choices);
const char * const *hw_reunion_get_child_decisions (void);

void       hw_reunion_load_case_async  (HwDb          *db,
                                        gint64         case_id,
                                        GCancellable  *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer       user_data);
HwReunionCase *hw_reunion_load_case_finish (GAsyncResult  *result,
                                            GError       **error);
void       hw_reunion_load_choices_async  (HwDb          *db,
                                           gint64         case_id,
                                           GCancellable  *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer       user_data);
HwReunionChoices *hw_reunion_load_choices_finish (GAsyncResult  *result,
                                                  GError       **error);
void       hw_reunion_save_async       (HwDb          *db,
                                        gint64         case_id,
                                        HwReunion     *reunion,
                                        GCancellable  *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer       user_data);
gboolean   hw_reunion_save_finish      (GAsyncResult  *result,
                                        GError       **error);
void       hw_reunion_add_identification_async  (HwDb          *db,
                                                 gint64         case_id,
                                                 gint64         family_member_id,
                                                 const char    *outcome,
                                                 const char    *notes,
                                                 gboolean       consents_to_dna,
                                                 GCancellable  *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer       user_data);
gboolean   hw_reunion_add_identification_finish (GAsyncResult  *result,
                                                 GError       **error);

void       hw_reunion_add_found_child_async  (HwDb          *db,
                                              gint64         case_id,
                                              const char    *family_name,
                                              const char    *given_name,
                                              const char    *sex,
                                              const char    *found_at,
                                              const char    *place,
                                              const char    *care_institution,
                                              const char    *care_contact,
                                              GCancellable  *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer       user_data);
gboolean   hw_reunion_add_found_child_finish (GAsyncResult  *result,
                                              GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HwReunionCase, hw_reunion_case_free)

G_END_DECLS
