/* hw-case-watch.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hw-db.h"
#include "hw-session.h"

G_BEGIN_DECLS

/* What a part of the case page keeps to show one case and follow it: the
 * session and the case, the load under way (cancelled by the next), and a
 * reload a moment after another client changes the tables it shows. */
typedef struct _HwCaseWatch HwCaseWatch;

/* Loads what @owner shows of @case_id with @cancellable; @session is NULL
 * (or @case_id 0) when there is nothing to show. */
typedef void (*HwCaseWatchLoad) (gpointer      owner,
                                 HwSession    *session,
                                 gint64        case_id,
                                 GCancellable *cancellable);

HwCaseWatch  *hw_case_watch_new             (gpointer            owner,
                                             const char * const *tables,
                                             guint               delay_ms,
                                             HwCaseWatchLoad     load);
void          hw_case_watch_free            (HwCaseWatch        *self);
void          hw_case_watch_set_case        (HwCaseWatch        *self,
                                             HwSession          *session,
                                             gint64              case_id);
void          hw_case_watch_reload          (HwCaseWatch        *self);
HwDb         *hw_case_watch_get_db          (HwCaseWatch        *self);
gint64        hw_case_watch_get_case_id     (HwCaseWatch        *self);

G_END_DECLS
