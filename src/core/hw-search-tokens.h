/* hw-search-tokens.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The lexemes of homeward.cjk_tokens_multi(), computed on the client. */
typedef struct _HwSearchTokens HwSearchTokens;

HwSearchTokens *hw_search_tokens_new               (void);
void            hw_search_tokens_free              (HwSearchTokens     *self);
void            hw_search_tokens_reset             (HwSearchTokens     *self);
void            hw_search_tokens_add               (HwSearchTokens     *self,
                                                    const char         *text,
                                                    gssize              length);
void            hw_search_tokens_add_phone_digits  (HwSearchTokens     *self,
                                                    const char         *phone);
guint           hw_search_tokens_get_n_lexemes     (HwSearchTokens     *self);
void            hw_search_tokens_append_tsvector   (HwSearchTokens     *self,
                                                    GString            *out);

char           *hw_search_tokens_to_tsvector       (const char * const *fields,
                                                    gsize               n_fields);
char           *hw_search_phone_digits             (const char         *phone);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HwSearchTokens, hw_search_tokens_free)

G_END_DECLS
