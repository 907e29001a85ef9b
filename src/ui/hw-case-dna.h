/* hw-case-dna.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hw-session.h"

G_BEGIN_DECLS

#define HW_TYPE_CASE_DNA (hw_case_dna_get_type ())

G_DECLARE_FINAL_TYPE (HwCaseDna, hw_case_dna, HW, CASE_DNA, AdwBin)

void hw_case_dna_set_case (HwCaseDna *self,
                           HwSession *session,
                           gint64     case_id);
void hw_case_dna_set_editable (HwCaseDna *self,
                               gboolean   editable);
void hw_case_dna_import_file (HwCaseDna *self,
                              GFile     *file);

G_END_DECLS
