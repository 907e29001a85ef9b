/* hw-demo-data.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef void (*HwDemoProgress) (const char *stage,
                                double      fraction,
                                gpointer    user_data);

gboolean hw_demo_data_generate_sync (const char      *conninfo,
                                     guint            n_cases,
                                     guint            n_sightings,
                                     guint64          seed,
                                     HwDemoProgress   progress,
                                     gpointer         progress_data,
                                     GCancellable    *cancellable,
                                     GError         **error);

G_END_DECLS
