/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hw-application.h"
#include "hw-i18n.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(HwApplication) app = NULL;

  hw_i18n_init ();

  app = hw_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
