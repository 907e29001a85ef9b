/* hw-sighting-compare.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hw-case-store.h"
#include "hw-sighting-store.h"

G_BEGIN_DECLS

#define HW_TYPE_SIGHTING_COMPARE (hw_sighting_compare_get_type ())

G_DECLARE_FINAL_TYPE (HwSightingCompare, hw_sighting_compare, HW, SIGHTING_COMPARE, AdwWindow)

GtkWidget *hw_sighting_compare_new (GtkWindow               *parent,
                                    HwCaseStore             *store,
                                    const HwSightingDetails *sighting,
                                    HwCandidate             *candidate);

G_END_DECLS
