# Sourced by the shell suites that run homeward-cli against a throwaway
# embedded server: a private data and runtime directory, removed at the end
# with the server stopped, and TAP helpers.  After it: $cli, $work, ok,
# not_ok, $n and $failures.
#
#   . cli-cluster.sh CLI PREFIX
#
# shellcheck shell=bash

cli=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/hw-$2.XXXXXX")
chmod 0711 "$work"
export XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/run" HOMEWARD_TEST_CLUSTER=1
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 0700 "$XDG_RUNTIME_DIR"

failures=0
n=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"; [ -n "${2:-}" ] && sed 's/^/# /' <<<"$2"; }
cleanup () {
  "$cli" server stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
