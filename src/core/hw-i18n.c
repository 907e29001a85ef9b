/* hw-i18n.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "hw-i18n.h"

/**
 * hw_i18n_init:
 *
 * Sets up gettext for both programs. HOMEWARD_LOCALEDIR points at the
 * catalogues of an uninstalled build (data/setup.sh and the tests set it).
 */
void
hw_i18n_init (void)
{
  const char *localedir = g_getenv ("HOMEWARD_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && localedir[0] != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
