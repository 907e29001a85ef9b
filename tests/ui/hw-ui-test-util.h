/* hw-ui-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What UI tests do again and again: find a widget in a tree, read what a
 * widget shows, wait (running the main loop) until it shows something, and
 * render it to a PNG for people to look at. */

GtkWidget *hw_ui_test_find_descendant  (GtkWidget   *widget,
                                        GType        type);
GtkWidget *hw_ui_test_find_mapped      (GtkWidget   *widget,
                                        GType        type);
GtkWidget *hw_ui_test_find_actionable  (GtkWidget   *widget,
                                        const char  *action_name);
GtkWidget *hw_ui_test_find_list_search (GtkWidget   *widget);
GtkWidget *hw_ui_test_find_form_row    (GtkWidget   *widget,
                                        const char  *title);
gboolean   hw_ui_test_action_enabled   (GtkWidget   *widget,
                                        const char  *action_name);
char      *hw_ui_test_dup_text         (GtkWidget   *widget);
gboolean   hw_ui_test_shows_text       (GtkWidget   *widget,
                                        const char  *needle);
void       hw_ui_test_wait_for_text    (GtkWidget   *widget,
                                        const char  *needle);
gpointer   hw_ui_test_wait_for_window  (GType        type);
GtkWindow *hw_ui_test_find_window      (GType        type);
void       hw_ui_test_wait_for_frames  (GtkWidget   *widget);
void       hw_ui_test_wait_settled     (GtkWidget   *widget);
void       hw_ui_test_deselect_labels  (GtkWidget   *widget);
void       hw_ui_test_save_png         (GtkWidget   *widget,
                                        const char  *basename);

G_END_DECLS
