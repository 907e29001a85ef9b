/* hw-dashboard.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hw-db.h"

G_BEGIN_DECLS

#define HW_DASHBOARD_WEEKS 26

typedef enum
{
  HW_DASHBOARD_SIGHTINGS,
  HW_DASHBOARD_LINKS,
  HW_DASHBOARD_DNA_CHECKS,
  HW_DASHBOARD_REUNIONS,
  HW_DASHBOARD_N_TRENDS,
} HwDashboardTrend;

typedef struct
{
  gint64  officer_id;
  char   *name;
  gint64  open_cases;
  gint64  sightings;
  gint64  overdue;
} HwDashboardWorkload;

typedef struct
{
  gint64   id;                /* the reunion's (awaiting sign-off only) */
  gint64   case_id;
  char    *case_number;
  char    *child_name;
  char    *reunited_on;       /* "YYYY-MM-DD", or NULL */
  char    *place;
  char    *proposed_by;       /* awaiting sign-off only */
  gboolean mine;              /* proposed by the caller: not theirs to sign */
} HwDashboardReunion;

/* The supervisor's figures (data/sql/0013-dashboard.sql). */
typedef struct
{
  GHashTable *cases;                 /* status → count (GINT_TO_POINTER of gint64 via HwDashboard getters) */
  GHashTable *sightings;
  gint64      untriaged[5];          /* under a day, 1–3, 3–7, 7–30 days, older */
  gint64      untriaged_total;
  gint64      overdue;
  GPtrArray  *workload;              /* HwDashboardWorkload */
  char       *weeks[HW_DASHBOARD_WEEKS];   /* each week's Monday, "YYYY-MM-DD" */
  gint64      trends[HW_DASHBOARD_N_TRENDS][HW_DASHBOARD_WEEKS];
  GPtrArray  *reunions;              /* HwDashboardReunion, latest first */
  GPtrArray  *awaiting;              /* HwDashboardReunion awaiting sign-off, oldest first */
} HwDashboard;

void         hw_dashboard_free          (HwDashboard   *dashboard);
gint64       hw_dashboard_count         (GHashTable    *counts,
                                         const char    *status);
HwDashboard *hw_dashboard_parse         (const char    *json,
                                         GError       **error);
void         hw_dashboard_load_async    (HwDb          *db,
                                         gint64         unit_id,
                                         GCancellable  *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer       user_data);
HwDashboard *hw_dashboard_load_finish   (GAsyncResult  *result,
                                         GError       **error);
void         hw_dashboard_sign_off_async  (HwDb          *db,
                                           gint64         reunion_id,
                                           GCancellable  *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer       user_data);
gboolean     hw_dashboard_sign_off_finish (GAsyncResult  *result,
                                           GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HwDashboard, hw_dashboard_free)

G_END_DECLS
