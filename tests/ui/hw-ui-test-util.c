/* hw-ui-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hw-test-cluster.h"
#include "hw-ui-test-util.h"

/* Finding widgets */

GtkWidget *
hw_ui_test_find_descendant (GtkWidget *widget,
                            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = hw_ui_test_find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Like hw_ui_test_find_descendant(), among what is on screen only. */
GtkWidget *
hw_ui_test_find_mapped (GtkWidget *widget,
                        GType      type)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = hw_ui_test_find_mapped (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The button (or other actionable) that activates @action_name. */
GtkWidget *
hw_ui_test_find_actionable (GtkWidget  *widget,
                            const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = hw_ui_test_find_actionable (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The case list's search entry (drop-downs in the filter popover have their own). */
GtkWidget *
hw_ui_test_find_list_search (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER) == NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = hw_ui_test_find_list_search (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A row that takes input: an entry or combo row, or a row holding a
 * drop-down, a switch or a text view. Rows that only show a value do not. */
static gboolean
is_form_row (GtkWidget *row)
{
  return ADW_IS_ENTRY_ROW (row) || ADW_IS_COMBO_ROW (row) ||
         (ADW_IS_PREFERENCES_ROW (row) &&
          (hw_ui_test_find_descendant (row, GTK_TYPE_DROP_DOWN) != NULL ||
           hw_ui_test_find_descendant (row, GTK_TYPE_SWITCH) != NULL ||
           hw_ui_test_find_descendant (row, GTK_TYPE_TEXT_VIEW) != NULL));
}

/* The visible form row titled @title. */
GtkWidget *
hw_ui_test_find_form_row (GtkWidget  *widget,
                          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0 &&
      is_form_row (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = hw_ui_test_find_form_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether @widget offers the action: its button can be clicked. */
gboolean
hw_ui_test_action_enabled (GtkWidget  *widget,
                           const char *action_name)
{
  GtkWidget *button = hw_ui_test_find_actionable (widget, action_name);

  g_assert_nonnull (button);

  return gtk_widget_get_sensitive (button);
}

/* Reading what is shown */

static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }
  else if (GTK_IS_EDITABLE (widget) && !GTK_IS_TEXT (widget))
    {
      g_string_append (text, gtk_editable_get_text (GTK_EDITABLE (widget)));
      g_string_append_c (text, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

/* Everything @widget shows as text (labels and entries), one a line. */
char *
hw_ui_test_dup_text (GtkWidget *widget)
{
  GString *text = g_string_new (NULL);

  collect_text (widget, text);

  return g_string_free (text, FALSE);
}

gboolean
hw_ui_test_shows_text (GtkWidget  *widget,
                       const char *needle)
{
  g_autofree char *text = hw_ui_test_dup_text (widget);

  return strstr (text, needle) != NULL;
}

/* Waiting, with the main loop running */

typedef struct
{
  GtkWidget  *widget;
  const char *needle;
} TextWait;

static gboolean
text_shown (gpointer data)
{
  TextWait *wait = data;

  return hw_ui_test_shows_text (wait->widget, wait->needle);
}

void
hw_ui_test_wait_for_text (GtkWidget  *widget,
                          const char *needle)
{
  TextWait wait = { widget, needle };

  hw_test_wait_until (text_shown, &wait, 10000);
}

/* Returns: (transfer none) (nullable): a visible toplevel of @type */
GtkWindow *
hw_ui_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }

  return NULL;
}

static gboolean
window_shown (gpointer data)
{
  return hw_ui_test_find_window (*(GType *) data) != NULL;
}

/* Returns: (transfer none): the window of @type that opened */
gpointer
hw_ui_test_wait_for_window (GType type)
{
  hw_test_wait_until (window_shown, &type, 10000);

  return hw_ui_test_find_window (type);
}

static gboolean
frame_drawn (gpointer data)
{
  guint *n_frames = data;

  return *n_frames >= 3;
}

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       data)
{
  guint *n_frames = data;

  (*n_frames)++;

  return G_SOURCE_CONTINUE;
}

/* Lets the window lay out and draw what it has now. */
void
hw_ui_test_wait_for_frames (GtkWidget *widget)
{
  guint n_frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frame_cb, &n_frames, NULL);

  gtk_widget_queue_draw (widget);
  hw_test_wait_until (frame_drawn, &n_frames, 5000);
  gtk_widget_remove_tick_callback (widget, id);
}

static gboolean
transitions_done (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_widget_get_mapped (widget) &&
      gtk_stack_get_transition_running (GTK_STACK (widget)))
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!transitions_done (child))
      return FALSE;

  return TRUE;
}

static gboolean
settled (gpointer data)
{
  return transitions_done (GTK_WIDGET (data));
}

/* Waits until no stack of @widget is in the middle of a transition. */
void
hw_ui_test_wait_settled (GtkWidget *widget)
{
  hw_test_wait_until (settled, widget, 5000);
}

/* Pictures */

/* Selectable labels show their text selected when they get the focus. */
void
hw_ui_test_deselect_labels (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_selectable (GTK_LABEL (widget)))
    gtk_label_select_region (GTK_LABEL (widget), 0, 0);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    hw_ui_test_deselect_labels (child);
}

/* Renders @widget to BASENAME.png in the build directory (with LANGUAGE set,
 * BASENAME-LANGUAGE.png). */
void
hw_ui_test_save_png (GtkWidget  *widget,
                     const char *basename)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  const char *language = g_getenv ("LANGUAGE");
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  /* A widget inside a scrolled window has no paintable of its own: draw it
   * as its parent would, all of it. */
  if (GTK_IS_ROOT (widget))
    gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  else
    {
      GdkRGBA background = { 0.98, 0.98, 0.98, 1.0 };

      gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
      GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
    }
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (language != NULL && language[0] != '\0')
    {
      g_auto(GStrv) languages = g_strsplit (language, ":", 2);

      name = g_strdup_printf ("%s-%s.png", basename, languages[0]);
    }
  else
    {
      name = g_strdup_printf ("%s.png", basename);
    }

  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Rendered to %s", path);
}
