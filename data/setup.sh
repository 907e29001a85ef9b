#!/bin/sh
# Homeward's one-command set-up on Debian 12, as root or as a user with sudo.
#
#   data/setup.sh run [ARGS…]   install what is missing, build, open Homeward on
#                               its embedded server (demo data on the first run)
#   data/setup.sh test          the same set-up, then the whole test suite, plus
#                               the unit, db and report suites under ASan + UBSan
#                               (and the ui suite, without leak checks); ends
#                               with the line "N passed, N failed"
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

packages="build-essential pkg-config meson ninja-build gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libpq-dev libsoup-3.0-dev
  libjson-glib-dev libgdk-pixbuf-2.0-dev libcairo2-dev libpango1.0-dev
  postgresql postgresql-contrib desktop-file-utils appstream
  fonts-noto-cjk dbus"
test_packages="xvfb xauth poppler-utils"

say () { printf '%s\n' "homeward: $*" >&2; }

as_root () {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    say "installing packages needs root or sudo: $*"
    exit 1
  fi
}

install_missing () {
  missing=""
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing="$missing $p"
    fi
  done
  if [ -n "$missing" ]; then
    say "installing$missing"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    # shellcheck disable=SC2086
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
  fi
}

build () {
  builddir=$1
  shift
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" "$@"
  fi
  meson compile -C "$builddir"
}

# meson test prints "Ok: N", "Fail: N" …; add a run's figures to the totals.
passed=0
failed=0
count () {
  log=$1
  ok=$(sed -n 's/^Ok:[[:space:]]*\([0-9]*\).*/\1/p' "$log" | tail -n 1)
  xfail=$(sed -n 's/^Expected Fail:[[:space:]]*\([0-9]*\).*/\1/p' "$log" | tail -n 1)
  fail=$(sed -n 's/^Fail:[[:space:]]*\([0-9]*\).*/\1/p' "$log" | tail -n 1)
  xpass=$(sed -n 's/^Unexpected Pass:[[:space:]]*\([0-9]*\).*/\1/p' "$log" | tail -n 1)
  tout=$(sed -n 's/^Timeout:[[:space:]]*\([0-9]*\).*/\1/p' "$log" | tail -n 1)
  if [ -z "$ok" ] && [ -z "$fail" ]; then
    failed=$((failed + 1))   # the runner itself broke
    return
  fi
  passed=$((passed + ${ok:-0} + ${xfail:-0}))
  failed=$((failed + ${fail:-0} + ${xpass:-0} + ${tout:-0}))
}

cmd=${1:-}
[ $# -gt 0 ] && shift

case "$cmd" in
  run)
    install_missing $packages
    build _build
    HOMEWARD_LOCALEDIR="$top/_build/po" GSETTINGS_SCHEMA_DIR="$top/_build/data" \
      exec ./_build/src/homeward "$@"
    ;;
  test)
    install_missing $packages $test_packages
    build _build
    build _build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
    logs=$(mktemp -d)
    status=0
    xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- \
      meson test -C _build --print-errorlogs --num-processes 2 >"$logs/main" 2>&1 || status=1
    cat "$logs/main"
    count "$logs/main"
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    LSAN_OPTIONS=suppressions="$top/tests/lsan.supp" \
      meson test -C _build-asan --suite unit --suite db --suite report --print-errorlogs --num-processes 2 \
      >"$logs/asan" 2>&1 || status=1
    sed 's/^/asan: /' "$logs/asan"
    count "$logs/asan"
    # The UI under ASan + UBSan too, for memory errors; GTK and its libraries
    # keep too much for the life of the process to check leaks there.
    ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- \
      meson test -C _build-asan --suite ui --print-errorlogs --num-processes 2 --timeout-multiplier 3 \
      >"$logs/asan-ui" 2>&1 || status=1
    sed 's/^/asan-ui: /' "$logs/asan-ui"
    count "$logs/asan-ui"
    rm -rf "$logs"
    echo "$passed passed, $failed failed"
    [ "$status" = 0 ] && [ "$failed" = 0 ]
    ;;
  *)
    echo "usage: data/setup.sh run [ARGS…] | data/setup.sh test" >&2
    exit 2
    ;;
esac
