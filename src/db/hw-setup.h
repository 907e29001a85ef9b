/* hw-setup.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hw-db.h"
#include "hw-demo-data.h"
#include "hw-local-server.h"

G_BEGIN_DECLS

/* The database Homeward uses on the embedded server, and the officer the
 * GUI signs in as there (created with the demo data). */
#define HW_SETUP_DEFAULT_DBNAME "homeward"
#define HW_SETUP_DEMO_OFFICER   "demo_officer"

typedef struct
{
  guint   n_cases;
  guint   n_sightings;
  guint64 seed;
} HwDemoSize;

gboolean  hw_setup_init_database_sync   (const char            *admin_conninfo,
                                         gboolean              *created,
                                         guint                 *n_applied,
                                         GCancellable          *cancellable,
                                         GError               **error);
gboolean  hw_setup_embedded_sync        (HwLocalServer         *server,
                                         const HwDemoSize      *demo,
                                         HwDemoProgress         progress,
                                         gpointer               progress_data,
                                         GCancellable          *cancellable,
                                         GError               **error);
void      hw_setup_embedded_async       (HwLocalServer         *server,
                                         const HwDemoSize      *demo,
                                         HwDemoProgress         progress,
                                         gpointer               progress_data,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data);
gboolean  hw_setup_embedded_finish      (HwLocalServer         *server,
                                         GAsyncResult          *result,
                                         GError               **error);

G_END_DECLS
