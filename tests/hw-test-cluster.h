/* hw-test-cluster.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hw-db.h"
#include "hw-local-server.h"

G_BEGIN_DECLS

/* A throwaway PostgreSQL cluster in a temporary directory, started with the
 * same HwLocalServer code the application uses, removed at the end. */

void         hw_test_cluster_start        (void);
void         hw_test_cluster_stop         (void);
HwLocalServer *hw_test_cluster_get_server (void);
char        *hw_test_cluster_conninfo     (const char  *user,
                                           const char  *dbname);
char        *hw_test_cluster_new_database (const char  *prefix);
HwDb        *hw_test_connect              (const char  *conninfo);
HwDbResult  *hw_test_query                (HwDb        *db,
                                           const char  *sql,
                                           ...) G_GNUC_NULL_TERMINATED;
GError      *hw_test_query_error          (HwDb        *db,
                                           const char  *sql,
                                           ...) G_GNUC_NULL_TERMINATED;
gint64       hw_test_query_int            (HwDb        *db,
                                           const char  *sql,
                                           ...) G_GNUC_NULL_TERMINATED;
void         hw_test_wait_until           (gboolean   (*done) (gpointer),
                                           gpointer      data,
                                           guint         timeout_ms);

G_END_DECLS
