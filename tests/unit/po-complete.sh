#!/usr/bin/env bash
# Officers read Chinese first: every translatable string of the sources is in
# po/zh_CN.po and translated, and po/POTFILES.in names every source file with
# translatable strings.
#
# Usage: tests/unit/po-complete.sh SOURCE_ROOT
set -u

top=$1
cd "$top" || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

# Files with strings for gettext that POTFILES.in does not list.
for f in $(grep -rlE '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext) ?\(' src --include='*.c' | sort) \
         $(grep -rl 'translatable="yes"' ui | sort); do
  if ! grep -qx "$f" po/POTFILES.in; then
    echo "not in po/POTFILES.in: $f"
    status=1
  fi
done

xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
  --keyword=g_dpgettext2:2c,3 --directory="$top" --files-from=po/POTFILES.in \
  --output="$work/homeward.pot" 2>"$work/xgettext.log" || { cat "$work/xgettext.log"; exit 1; }

msgmerge --quiet --no-fuzzy-matching po/zh_CN.po "$work/homeward.pot" -o "$work/merged.po"
untranslated=$(msgattrib --untranslated --no-obsolete "$work/merged.po" | grep -c '^msgid ' || true)
# The header is an empty msgid with a translation; anything else is missing.
if [ "$untranslated" -gt 0 ]; then
  echo "untranslated in po/zh_CN.po: $untranslated"
  msgattrib --untranslated --no-obsolete "$work/merged.po" | grep -A1 '^msgid ' | head -40
  status=1
fi
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$work/merged.po" | grep -c '^msgid ' || true)
if [ "$fuzzy" -gt 0 ]; then
  echo "fuzzy in po/zh_CN.po: $fuzzy"
  status=1
fi
msgfmt --check --output-file=/dev/null po/zh_CN.po || status=1

[ "$status" = 0 ] && echo "po/zh_CN.po is complete"
exit $status
