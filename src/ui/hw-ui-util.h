/* hw-ui-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hw-sighting.h"

G_BEGIN_DECLS

GdkTexture *hw_texture_from_thumbnail (GBytes     *bytes);
GtkWidget  *hw_thumbnail_new          (GBytes     *bytes,
                                       int         size);
void        hw_picture_show_photo     (GtkPicture   *picture,
                                       GBytes       *content,
                                       int           max_side,
                                       GCancellable *cancellable);
GtkWidget  *hw_pill_new               (const char *label,
                                       const char *css_class);
char       *hw_format_unix_time       (gint64      unix_time);
void        hw_show_toast             (GtkWidget  *widget,
                                       const char *message);
GListModel *hw_labels_model           (const char * const  *values,
                                       const char         *(*to_label) (const char *));
void        hw_group_rows_add         (GPtrArray           *rows,
                                       AdwPreferencesGroup *group,
                                       GtkWidget           *row);
void        hw_group_rows_clear       (GPtrArray           *rows);
GtkWidget  *hw_verification_step_row_new (HwVerificationStep *step,
                                          GCallback           correct_clicked,
                                          gpointer            user_data);


/* Called when a form's accept response is chosen. */
typedef void (*HwFormDone) (GtkWidget *owner,
                            GtkWidget *content);

GtkWidget  *hw_form_run                (GtkWidget          *owner,
                                        const char         *heading,
                                        const char         *body,
                                        const char         *accept,
                                        GtkWidget          *content,
                                        GtkWidget          *required,
                                        HwFormDone          done);
GtkWidget  *hw_form_box                (void);
GtkWidget  *hw_form_field              (GtkWidget          *box,
                                        const char         *text,
                                        GtkWidget          *field);
GtkWidget  *hw_form_dropdown           (const char * const *values,
                                        const char       *(*to_label) (const char *));
GtkWidget  *hw_form_text_view          (void);
GtkWidget  *hw_form_text_view_get_view (GtkWidget          *scroller);
char       *hw_form_text_view_get_text (GtkWidget          *scroller);

G_END_DECLS
