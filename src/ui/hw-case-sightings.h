/* hw-case-sightings.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hw-session.h"

G_BEGIN_DECLS

#define HW_TYPE_CASE_SIGHTINGS (hw_case_sightings_get_type ())

G_DECLARE_FINAL_TYPE (HwCaseSightings, hw_case_sightings, HW, CASE_SIGHTINGS, GtkBox)

void hw_case_sightings_set_case (HwCaseSightings *self,
                                 HwSession       *session,
                                 gint64           case_id);

G_END_DECLS
