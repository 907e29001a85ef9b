/* hw-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-settings"

#include "config.h"

#include "hw-settings.h"

/**
 * hw_settings_new:
 *
 * Homeward's settings. g_settings_new() aborts when the schema is not
 * installed; a build run without GSETTINGS_SCHEMA_DIR pointing at it (see
 * data/setup.sh) then simply remembers nothing.
 *
 * Returns: (transfer full) (nullable): the settings, or %NULL when the
 *   schema is not installed
 */
GSettings *
hw_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, HW_SETTINGS_SCHEMA_ID, TRUE);

  if (schema == NULL)
    {
      g_message ("The settings schema %s is not installed: nothing will be remembered",
                 HW_SETTINGS_SCHEMA_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}
