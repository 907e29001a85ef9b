# Sourced by the shell suites that run homeward-cli against a throwaway
# embedded server with demo data: cli-cluster.sh, then the server started,
# initialised and loaded.  After it, besides cli-cluster.sh's: $conninfo
# (the superuser's).
#
#   . demo-cluster.sh CLI PREFIX CASES SIGHTINGS SEED
#
# shellcheck shell=bash

. "$(dirname "${BASH_SOURCE[0]}")/cli-cluster.sh" "$1" "$2"

"$cli" server start >/dev/null 2>&1 || { echo "Bail out! server start"; exit 1; }
"$cli" init >/dev/null 2>&1 || { echo "Bail out! init"; exit 1; }
"$cli" demo-data --cases "$3" --sightings "$4" --seed "$5" >/dev/null 2>&1 || { echo "Bail out! demo-data"; exit 1; }
conninfo=$("$cli" server conninfo)
