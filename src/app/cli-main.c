/* cli-main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hw-cli.h"
#include "hw-i18n.h"

int
main (int    argc,
      char **argv)
{
  hw_i18n_init ();

  return hw_cli_run (argc, argv);
}
