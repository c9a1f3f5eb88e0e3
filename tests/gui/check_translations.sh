#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The tray's translations are complete and current, and every visible string is translatable:
#   1. lupdate over gui/src, run on copies of translations/jamul_{ko,en}.ts, must change nothing:
#      a string the sources use but the catalogues lack (missing), or one they hold that the sources
#      no longer use (obsolete), shows up as a difference;
#   2. no message is unfinished, vanished or obsolete, and no translation is empty; English has two
#      plural forms, Korean one;
#   3. no visible text is written as a literal outside tr(): with QT_NO_CAST_FROM_ASCII a bare
#      "literal" does not compile, so this looks for the explicit ways around it — QStringLiteral,
#      QLatin1String, u"" or fromUtf8 of words — in a call that puts text on screen. A line that
#      must (a language's own name in the language menu) says `// notr:` and why.
# Usage: check_translations.sh SOURCE_DIR LUPDATE
set -uo pipefail
export LC_ALL=C.UTF-8  # grep -P reads the sources as UTF-8 (Hangul below)
src=${1:?usage: check_translations.sh SOURCE_DIR LUPDATE}
lupdate=${2:?usage: check_translations.sh SOURCE_DIR LUPDATE}
status=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for lang in ko en; do
  ts="$src/translations/jamul_$lang.ts"
  [ -f "$ts" ] || { echo "missing catalogue: $ts"; status=1; continue; }
  cp "$ts" "$work/jamul_$lang.ts"
  if ! "$lupdate" "$src/gui/src" -ts "$work/jamul_$lang.ts" -locations none -silent >"$work/lupdate.log" 2>&1; then
    echo "lupdate failed:"; cat "$work/lupdate.log"; status=1; continue
  fi
  if ! diff -u "$ts" "$work/jamul_$lang.ts" >"$work/diff"; then
    echo "translations/jamul_$lang.ts is not current with gui/src (run lupdate, then translate):"
    grep -E '^[+-] ' "$work/diff" | head -40 | sed 's/^/  /'
    status=1
  fi
  for bad in unfinished vanished obsolete; do
    n=$(grep -c "type=\"$bad\"" "$work/jamul_$lang.ts" || true)
    if [ "$n" != 0 ]; then
      echo "translations/jamul_$lang.ts: $n $bad message(s):"
      grep -B3 "type=\"$bad\"" "$work/jamul_$lang.ts" | grep '<source>' | head -20 | sed 's/^/  /'
      status=1
    fi
  done
  if grep -nE '<translation>\s*</translation>|<numerusform>\s*</numerusform>|<translation/>' "$ts"; then
    echo "translations/jamul_$lang.ts: empty translations (above)"
    status=1
  fi
  # Plural forms: English has singular and plural; Korean one form.
  want=$([ "$lang" = en ] && echo 2 || echo 1)
  awk -v want="$want" -v file="jamul_$lang.ts" '
    /<message numerus="yes">/ { inmsg = 1; forms = 0; src = "" }
    inmsg && /<source>/ { src = $0 }
    inmsg { forms += gsub(/<numerusform>/, "&") }
    inmsg && /<\/message>/ { if (forms != want) { print file ": " forms " plural form(s), want " want ": " src; bad = 1 } inmsg = 0 }
    END { exit bad }' "$ts" || status=1
done

# 3. Visible text outside tr().
visible='setText|setWindowTitle|setToolTip|setStatusTip|setWhatsThis|setPlaceholderText|setAccessibleName|setAccessibleDescription|setTitle|addAction|addMenu|addItem|addButton|showMessage|setInformativeText|setDetailedText|setHorizontalHeaderLabels|setLabelText|QLabel\(|QPushButton\(|QAction\(|QMessageBox[:(]|QCheckBox\(|QGroupBox\(|QRadioButton\('
literal='(QStringLiteral|QLatin1String|QLatin1StringView|QString::fromUtf8|QString::fromLatin1|u)\("([^"\\]|\\.)*"\)?'
while IFS= read -r hit; do
  file=${hit%%:*}; rest=${hit#*:}; line=${rest%%:*}; code=${rest#*:}
  case "$code" in *'// notr:'*) continue;; esac
  # The literals on the line, without markup, placeholders and entities: words left are text.
  words=$(grep -oE "$literal" <<<"$code" | sed -E 's/^[^"]*"//; s/"[^"]*$//; s/<[^>]*>//g; s/%[0-9]+//g; s/&[a-z]+;//g' |
          grep -P '[A-Za-z]{2,}|[\x{AC00}-\x{D7A3}]' || true)
  if [ -n "$words" ]; then
    echo "$file:$line: visible text not wrapped in tr(): $(echo "$code" | sed 's/^ *//')"
    status=1
  fi
done < <(grep -nE "$visible" "$src"/gui/src/*.cpp)
# Hangul in a literal anywhere in the sources is untranslated Korean (translations go in the .ts).
if grep -nP '^(?!\s*//).*"[^"]*[\x{AC00}-\x{D7A3}][^"]*"' "$src"/gui/src/*.cpp "$src"/gui/src/*.h | grep -v '// notr:' ; then
  echo "Korean text in the sources (above): put the English in tr() and the Korean in jamul_ko.ts"
  status=1
fi
[ "$status" = 0 ] && echo "translations: complete and current; no visible string outside tr()"
exit "$status"
