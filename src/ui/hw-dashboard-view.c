/* hw-dashboard-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-dashboard-view"

#include "config.h"

#include <glib/gi18n.h>

#include "hw-case.h"
#include "hw-case-summary.h"
#include "hw-report-export.h"
#include "hw-dashboard-view.h"
#include "hw-sighting.h"
#include "hw-ui-util.h"

/* The supervisor's dashboard (sidebar): the unit's cases and sightings by
 * status, untriaged sightings by age and past their deadline, each
 * officer's workload, weekly trends of the last 26 weeks drawn with cairo,
 * and the latest reunions. A figure is a button to the list behind it
 * (win.show-cases, win.show-inbox, win.open-case). It reads the figures
 * again when the unit's sightings, cases, links or reunions change. */

#define REFRESH_DELAY_MS 2000
#define CHART_HEIGHT     72

struct _HwDashboardView
{
  GtkBox          parent_instance;

  AdwWindowTitle *title;
  GtkStack       *stack;
  GtkSpinner     *spinner;
  AdwStatusPage  *error_page;
  GtkBox         *content;

  HwDb           *db;
  GCancellable   *cancellable;
  HwDashboard    *dashboard;
  guint           refresh_source;
  gboolean        folded;
};

G_DEFINE_FINAL_TYPE (HwDashboardView, hw_dashboard_view, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load (HwDashboardView *self);

/* Building blocks */

static GtkWidget *
section (HwDashboardView *self,
         const char      *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (self->content, box);

  return box;
}

/* A figure: the number large, what it counts under it; a button to the list
 * behind it when @action_name is given. */
static GtkWidget *
figure (gint64      value,
        const char *label,
        const char *css_class,
        const char *action_name,
        GVariant   *target)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  GtkWidget *value_label = gtk_label_new (number);
  GtkWidget *name_label = gtk_label_new (label);
  GtkWidget *widget;

  gtk_widget_add_css_class (value_label, "title-2");
  gtk_widget_add_css_class (value_label, "numeric");
  if (css_class != NULL && value > 0)
    gtk_widget_add_css_class (value_label, css_class);
  gtk_widget_add_css_class (name_label, "caption");
  gtk_widget_add_css_class (name_label, "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_box_append (GTK_BOX (box), name_label);

  if (action_name != NULL)
    {
      widget = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (widget), box);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (widget), action_name);
      if (target != NULL)
        gtk_actionable_set_action_target_value (GTK_ACTIONABLE (widget), target);
      gtk_widget_set_tooltip_text (widget, _("Open the list behind this figure"));
      gtk_widget_add_css_class (widget, "flat");
    }
  else
    {
      widget = box;
      gtk_widget_set_margin_start (widget, 12);
      gtk_widget_set_margin_end (widget, 12);
      if (target != NULL)
        g_variant_unref (g_variant_ref_sink (target));
    }
  gtk_widget_add_css_class (widget, "figure");

  return widget;
}

static GtkWidget *
figure_row (GtkWidget *section_box)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 8);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_widget_add_css_class (flow, "card");
  gtk_box_append (GTK_BOX (section_box), flow);

  return flow;
}

/* Weekly trend charts */

typedef struct
{
  HwDashboardView  *self;
  HwDashboardTrend  trend;
} ChartData;

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  ChartData *data = user_data;
  HwDashboard *dashboard = data->self->dashboard;
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA fg, accent;
  gint64 max = 0;
  double bar, gap, plot_height, left = 0;
  char text[32];

  if (dashboard == NULL)
    return;

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (GTK_WIDGET (area), &fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
#endif
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (area)), "accent_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");
  G_GNUC_END_IGNORE_DEPRECATIONS

  for (guint w = 0; w < HW_DASHBOARD_WEEKS; w++)
    max = MAX (max, dashboard->trends[data->trend][w]);

  /* The scale's top, at the left: "12". */
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, max);
  pango_layout_set_text (layout, text, -1);
  {
    int text_width, text_height;

    pango_layout_get_pixel_size (layout, &text_width, &text_height);
    cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
    cairo_move_to (cr, 0, 0);
    pango_cairo_show_layout (cr, layout);
    left = text_width + 6;
  }

  plot_height = height - 2;
  gap = 2;
  bar = MAX (1.0, (width - left - gap * (HW_DASHBOARD_WEEKS - 1)) / HW_DASHBOARD_WEEKS);

  /* The baseline. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.3);
  cairo_rectangle (cr, left, plot_height, width - left, 1);
  cairo_fill (cr);

  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.85);
  for (guint w = 0; w < HW_DASHBOARD_WEEKS && max > 0; w++)
    {
      double h = plot_height * dashboard->trends[data->trend][w] / (double) max;

      cairo_rectangle (cr, left + w * (bar + gap), plot_height - h, bar, h);
    }
  cairo_fill (cr);
}

static GtkWidget *
chart (HwDashboardView  *self,
       HwDashboardTrend  trend,
       const char       *title)
{
  static const char *accessible[] = {
    N_("Sightings received each week"), N_("Links made each week"), N_("DNA checks each week"),
    N_("Reunions each week"),
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (title);
  GtkWidget *area = gtk_drawing_area_new ();
  ChartData *data = g_new0 (ChartData, 1);
  gint64 total = 0, last = 0;
  g_autofree char *summary = NULL;
  GtkWidget *summary_label;

  for (guint w = 0; w < HW_DASHBOARD_WEEKS; w++)
    total += self->dashboard->trends[trend][w];
  last = self->dashboard->trends[trend][HW_DASHBOARD_WEEKS - 1];
  /* Translators: under a weekly chart: the 26 weeks' total, and this week's */
  summary = g_strdup_printf (_("%d in 26 weeks · %d this week"), (int) total, (int) last);
  summary_label = gtk_label_new (summary);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (summary_label, "dim-label");
  gtk_widget_add_css_class (summary_label, "caption");
  gtk_box_append (GTK_BOX (heading), name);
  gtk_box_append (GTK_BOX (heading), summary_label);

  data->self = self;
  data->trend = trend;
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), CHART_HEIGHT);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_chart, data, g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, _(accessible[trend]), -1);
  gtk_widget_set_tooltip_text (area, summary);

  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), area);

  return box;
}

/* Signing off a reunion */

typedef struct
{
  HwDashboardView *self;
  gint64           reunion_id;
} SignOff;

static void
signed_off_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HwDashboardView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!hw_dashboard_sign_off_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: a refused sign-off, and why */
      message = g_strdup_printf (_("Not signed off: %s"), error->message);
    }
  else
    message = g_strdup (_("Reunion signed off"));

  hw_show_toast (GTK_WIDGET (self), message);
  load (self);
}

static void
sign_off_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      SignOff          *sign_off)
{
  if (g_str_equal (response, "sign") && sign_off->self->db != NULL)
    hw_dashboard_sign_off_async (sign_off->self->db, sign_off->reunion_id, sign_off->self->cancellable,
                                 signed_off_cb, g_object_ref (sign_off->self));
}

static void
sign_off_free (SignOff *sign_off)
{
  g_object_unref (sign_off->self);
  g_free (sign_off);
}

static void
sign_off_clicked_cb (GtkButton       *button,
                     HwDashboardView *self)
{
  HwDashboardReunion *reunion = g_object_get_data (G_OBJECT (button), "hw-reunion");
  g_autofree char *heading = g_strdup_printf (_("Sign Off the Reunion of %s?"), reunion->child_name);
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  SignOff *sign_off;

  /* Translators: case number, day, place and the proposing officer of a reunion */
  body = g_strdup_printf (_("Case %s, reunited %s at %s, proposed by %s. Once you sign it off, a located case "
                            "becomes reunited; it cannot be taken back."),
                          reunion->case_number, reunion->reunited_on != NULL ? reunion->reunited_on : "—",
                          reunion->place != NULL ? reunion->place : "—", reunion->proposed_by);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "sign", _("_Sign Off"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  sign_off = g_new0 (SignOff, 1);
  sign_off->self = g_object_ref (self);
  sign_off->reunion_id = reunion->id;
  g_signal_connect_data (dialog, "response", G_CALLBACK (sign_off_response_cb), sign_off,
                         (GClosureNotify) sign_off_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_awaiting (HwDashboardView *self)
{
  GPtrArray *awaiting = self->dashboard->awaiting;
  GtkWidget *box = section (self, _("Reunions Awaiting Sign-off"));
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  if (awaiting == NULL || awaiting->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("None: every proposed reunion is signed off"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  for (guint i = 0; awaiting != NULL && i < awaiting->len; i++)
    {
      HwDashboardReunion *reunion = g_ptr_array_index (awaiting, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Sign _Off…"));
      g_autofree char *title = g_strdup_printf ("%s  %s", reunion->case_number, reunion->child_name);
      /* Translators: a reunion awaiting sign-off: day · place · proposed by whom */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s · proposed by %s"),
                                                   reunion->reunited_on != NULL ? reunion->reunited_on : "—",
                                                   reunion->place != NULL ? reunion->place : "—",
                                                   reunion->proposed_by);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "hw-reunion", reunion);
      g_signal_connect (button, "clicked", G_CALLBACK (sign_off_clicked_cb), self);
      if (reunion->mine)
        {
          gtk_widget_set_sensitive (button, FALSE);
          gtk_widget_set_tooltip_text (button, _("You proposed it: another supervisor signs it off"));
        }
      else
        gtk_widget_add_css_class (button, "suggested-action");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (box), list);
}

/* Showing */

static void
clear_content (HwDashboardView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))))
    gtk_box_remove (self->content, child);
}

static void
show_dashboard (HwDashboardView *self)
{
  static const char * const case_statuses[] = { "open", "investigating", "located", "reunited", "cold", "closed" };
  static const char * const sighting_statuses[] = { "new", "triaged", "verifying", "confirmed", "no_match",
                                                    "unfounded", "duplicate" };
  const char *bucket_labels[] = {
    C_("untriaged age", "Under a day"), C_("untriaged age", "1–3 days"), C_("untriaged age", "3–7 days"),
    C_("untriaged age", "7–30 days"), C_("untriaged age", "Over 30 days"),
  };
  HwDashboard *dashboard = self->dashboard;
  GtkWidget *box, *flow;

  clear_content (self);

  show_awaiting (self);

  box = section (self, _("Cases"));
  flow = figure_row (box);
  for (guint i = 0; i < G_N_ELEMENTS (case_statuses); i++)
    gtk_flow_box_append (GTK_FLOW_BOX (flow),
                         figure (hw_dashboard_count (dashboard->cases, case_statuses[i]),
                                 hw_case_status_to_label (case_statuses[i]), NULL, "win.show-cases",
                                 g_variant_new_string (case_statuses[i])));

  box = section (self, _("Sightings"));
  flow = figure_row (box);
  for (guint i = 0; i < G_N_ELEMENTS (sighting_statuses); i++)
    {
      /* The inbox lists those still worked on. */
      gboolean in_inbox = i < 3;

      gtk_flow_box_append (GTK_FLOW_BOX (flow),
                           figure (hw_dashboard_count (dashboard->sightings, sighting_statuses[i]),
                                   hw_sighting_status_to_label (sighting_statuses[i]), NULL,
                                   in_inbox ? "win.show-inbox" : NULL, g_variant_new_string ("all")));
    }

  box = section (self, _("Untriaged Sightings"));
  flow = figure_row (box);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), figure (dashboard->overdue, _("Past their deadline"), "error",
                                                    "win.show-inbox", g_variant_new_string ("overdue")));
  for (guint i = 0; i < G_N_ELEMENTS (bucket_labels); i++)
    gtk_flow_box_append (GTK_FLOW_BOX (flow), figure (dashboard->untriaged[i], bucket_labels[i], NULL,
                                                      "win.show-inbox", g_variant_new_string ("all")));

  box = section (self, _("Workload"));
  {
    GtkWidget *grid = gtk_grid_new ();
    const char *heads[] = { _("Officer"), _("Open cases"), _("Sightings"), _("Overdue") };

    gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
    gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
    for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
      {
        GtkWidget *head = gtk_label_new (heads[c]);

        gtk_label_set_xalign (GTK_LABEL (head), c == 0 ? 0 : 1);
        gtk_widget_add_css_class (head, "dim-label");
        gtk_widget_add_css_class (head, "caption-heading");
        gtk_widget_set_hexpand (head, c == 0);
        gtk_grid_attach (GTK_GRID (grid), head, (int) c, 0, 1, 1);
      }
    for (guint r = 0; r < dashboard->workload->len; r++)
      {
        HwDashboardWorkload *workload = g_ptr_array_index (dashboard->workload, r);
        gint64 values[] = { workload->open_cases, workload->sightings, workload->overdue };
        GtkWidget *name = gtk_label_new (workload->name);

        gtk_label_set_xalign (GTK_LABEL (name), 0);
        gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
        gtk_grid_attach (GTK_GRID (grid), name, 0, (int) r + 1, 1, 1);
        for (guint c = 0; c < G_N_ELEMENTS (values); c++)
          {
            g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, values[c]);
            GtkWidget *value = gtk_label_new (text);

            gtk_label_set_xalign (GTK_LABEL (value), 1);
            gtk_widget_add_css_class (value, "numeric");
            if (c == 2 && values[c] > 0)
              gtk_widget_add_css_class (value, "error");
            gtk_grid_attach (GTK_GRID (grid), value, (int) c + 1, (int) r + 1, 1, 1);
          }
      }
    gtk_widget_add_css_class (grid, "card");
    gtk_widget_add_css_class (grid, "dashboard-table");
    gtk_box_append (GTK_BOX (box), grid);
  }

  box = section (self, _("The Last 26 Weeks"));
  {
    GtkWidget *charts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
    g_autofree char *range = NULL;

    gtk_widget_add_css_class (charts, "card");
    gtk_widget_add_css_class (charts, "dashboard-charts");
    gtk_box_append (GTK_BOX (charts), chart (self, HW_DASHBOARD_SIGHTINGS, _("Sightings received")));
    gtk_box_append (GTK_BOX (charts), chart (self, HW_DASHBOARD_LINKS, _("Links made")));
    gtk_box_append (GTK_BOX (charts), chart (self, HW_DASHBOARD_DNA_CHECKS, _("DNA checks")));
    gtk_box_append (GTK_BOX (charts), chart (self, HW_DASHBOARD_REUNIONS, _("Reunions")));
    if (dashboard->weeks[0] != NULL && dashboard->weeks[HW_DASHBOARD_WEEKS - 1] != NULL)
      {
        GtkWidget *label;

        /* Translators: the weeks the charts cover: first Monday, last Monday */
        range = g_strdup_printf (_("Weeks from %s to %s"), dashboard->weeks[0], dashboard->weeks[HW_DASHBOARD_WEEKS - 1]);
        label = gtk_label_new (range);
        gtk_widget_add_css_class (label, "dim-label");
        gtk_widget_add_css_class (label, "caption");
        gtk_label_set_xalign (GTK_LABEL (label), 1);
        gtk_box_append (GTK_BOX (charts), label);
      }
    gtk_box_append (GTK_BOX (box), charts);
  }

  box = section (self, _("Latest Reunions"));
  {
    GtkWidget *list = gtk_list_box_new ();

    gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (list, "boxed-list");
    if (dashboard->reunions->len == 0)
      {
        GtkWidget *row = adw_action_row_new ();

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No reunion signed off yet"));
        gtk_widget_add_css_class (row, "dim-label");
        gtk_list_box_append (GTK_LIST_BOX (list), row);
      }
    for (guint i = 0; i < dashboard->reunions->len; i++)
      {
        HwDashboardReunion *reunion = g_ptr_array_index (dashboard->reunions, i);
        GtkWidget *row = adw_action_row_new ();
        g_autofree char *title = g_strdup_printf ("%s  %s", reunion->case_number, reunion->child_name);
        g_autofree char *subtitle = g_strdup_printf ("%s%s%s", reunion->reunited_on != NULL ? reunion->reunited_on : "",
                                                     reunion->place != NULL ? " · " : "",
                                                     reunion->place != NULL ? reunion->place : "");

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
        gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-case");
        gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (reunion->case_id));
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
        gtk_list_box_append (GTK_LIST_BOX (list), row);
      }
    gtk_box_append (GTK_BOX (box), list);
  }

  gtk_stack_set_visible_child_name (self->stack, "figures");
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HwDashboardView) self = user_data;
  g_autoptr(GError) error = NULL;
  HwDashboard *dashboard = hw_dashboard_load_finish (result, &error);

  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (dashboard == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_clear_pointer (&self->dashboard, hw_dashboard_free);
  self->dashboard = dashboard;
  show_dashboard (self);
}

static void
load (HwDashboardView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->db == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  if (self->dashboard == NULL)
    {
      gtk_spinner_set_spinning (self->spinner, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  hw_dashboard_load_async (self->db, 0, self->cancellable, loaded_cb, g_object_ref (self));
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  HwDashboardView *self = user_data;

  self->refresh_source = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);

  return G_SOURCE_REMOVE;
}

static void
notification_cb (HwDashboardView *self,
                 const char      *channel,
                 const char      *payload,
                 HwDb            *db)
{
  static const char * const tables[] = { "sighting:", "abduction_case:", "case_link:", "reunion:", "dna_comparison:" };

  if (payload == NULL || self->refresh_source != 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_str_has_prefix (payload, tables[i]))
      {
        self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_timeout_cb, self);
        return;
      }
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  load (HW_DASHBOARD_VIEW (widget));
}

/* The unit's summary for the weekly review, as a PDF (src/report). */
static void
export_summary_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  HwDashboardView *self = HW_DASHBOARD_VIEW (widget);

  if (self->db != NULL)
    hw_summary_report_ask (widget, self->db);
}

static void
hw_dashboard_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (hw_dashboard_view_parent_class)->map (widget);

  /* Shown again: the figures are read afresh. */
  load (HW_DASHBOARD_VIEW (widget));
}

/* Object */

static void
hw_dashboard_view_dispose (GObject *object)
{
  HwDashboardView *self = HW_DASHBOARD_VIEW (object);

  hw_dashboard_view_set_db (self, NULL);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_pointer (&self->dashboard, hw_dashboard_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), HW_TYPE_DASHBOARD_VIEW);

  G_OBJECT_CLASS (hw_dashboard_view_parent_class)->dispose (object);
}

static void
hw_dashboard_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HwDashboardView *self = HW_DASHBOARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hw_dashboard_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HwDashboardView *self = HW_DASHBOARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hw_dashboard_view_class_init (HwDashboardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hw_dashboard_view_dispose;
  object_class->get_property = hw_dashboard_view_get_property;
  object_class->set_property = hw_dashboard_view_set_property;
  widget_class->map = hw_dashboard_view_map;

  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/homeward/Homeward/hw-dashboard-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HwDashboardView, title);
  gtk_widget_class_bind_template_child (widget_class, HwDashboardView, stack);
  gtk_widget_class_bind_template_child (widget_class, HwDashboardView, spinner);
  gtk_widget_class_bind_template_child (widget_class, HwDashboardView, error_page);
  gtk_widget_class_bind_template_child (widget_class, HwDashboardView, content);

  gtk_widget_class_install_action (widget_class, "dashboard.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "dashboard.refresh", NULL);
  gtk_widget_class_install_action (widget_class, "dashboard.export-summary", NULL, export_summary_action);
}

static void
hw_dashboard_view_init (HwDashboardView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hw_dashboard_view_new (void)
{
  return g_object_new (HW_TYPE_DASHBOARD_VIEW, NULL);
}

/* The connection the figures are read on (NULL: none). */
void
hw_dashboard_view_set_db (HwDashboardView *self,
                          HwDb            *db)
{
  g_return_if_fail (HW_IS_DASHBOARD_VIEW (self));
  g_return_if_fail (db == NULL || HW_IS_DB (db));

  if (self->db == db)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->db != NULL)
    g_signal_handlers_disconnect_by_data (self->db, self);
  g_set_object (&self->db, db);
  g_clear_pointer (&self->dashboard, hw_dashboard_free);

  if (db != NULL)
    {
      g_signal_connect_object (db, "notification", G_CALLBACK (notification_cb), self, G_CONNECT_SWAPPED);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        load (self);
    }
}

/* The figures shown, or NULL before they came (for tests). */
HwDashboard *
hw_dashboard_view_get_dashboard (HwDashboardView *self)
{
  g_return_val_if_fail (HW_IS_DASHBOARD_VIEW (self), NULL);
  return self->dashboard;
}
