#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: test_deb.sh BUILD_DIR CPACK APP_ID VERSION
# Builds the .deb with CPack, checks its control fields and contents, validates the desktop
# entry and the AppStream metainfo, unpacks it with dpkg -x into a temporary root and runs
# <root>/usr/bin/dnas and dnas-studio from there: the presets must be found from the prefix.
set -euo pipefail
build=$1 cpack=$2 app_id=$3 version=$4

# The executables must find their resources from the install prefix, not from a variable.
unset DNAS_RESOURCE_DIR
# dnas-studio --version must not need a display.
unset DISPLAY WAYLAND_DISPLAY QT_QPA_PLATFORM

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

for tool in dpkg-deb dpkg-shlibdeps desktop-file-validate appstreamcli file; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool not installed (scripts/packages.txt)" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/dnas-deb-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

# 1. The package, into a folder of its own (-B) so that a developer's cpack run is untouched.
echo "== cpack -G DEB"
(cd "$build" && "$cpack" -G DEB -B "$work/out") >"$work/cpack.log" 2>&1 || {
  cat "$work/cpack.log" >&2
  echo "FAIL: cpack -G DEB" >&2
  exit 1
}
deb=$(ls "$work"/out/dnas-studio_"$version"_*.deb 2>/dev/null | head -n1)
[[ -n $deb ]] || { cat "$work/cpack.log" >&2; echo "FAIL: no dnas-studio_${version}_*.deb" >&2; exit 1; }
pass "built $(basename "$deb")"

# 2. Control fields: name, version, section, Depends derived by dpkg-shlibdeps, Recommends.
dpkg-deb --info "$deb"
field() { dpkg-deb --field "$deb" "$1"; }
[[ $(field Package) == dnas-studio ]] || fail "Package is '$(field Package)'"
[[ $(field Version) == "$version" ]] || fail "Version is '$(field Version)', not $version"
[[ $(field Section) == science ]] || fail "Section is '$(field Section)'"
[[ -n $(field Maintainer) ]] || fail "no Maintainer"
depends=$(field Depends)
for lib in libqt6widgets6 libqt6core6 libtorch libqcustomplot libc6; do
  [[ $depends == *"$lib"* ]] || fail "Depends lacks $lib: $depends"
done
recommends=$(field Recommends)
for pkg in dataset-fashion-mnist libopenblas0-pthread; do
  [[ $recommends == *"$pkg"* ]] || fail "Recommends lacks $pkg: $recommends"
done
pass "control fields"

# 3. Unpack into a temporary root and check the installed files.
root="$work/root"
dpkg-deb -x "$deb" "$root"
share="$root/usr/share"
expect=(
  usr/bin/dnas usr/bin/dnas-studio
  "usr/share/applications/$app_id.desktop"
  "usr/share/metainfo/$app_id.metainfo.xml"
  "usr/share/mime/packages/$app_id.xml"
  "usr/share/icons/hicolor/scalable/apps/$app_id.svg"
  usr/share/man/man1/dnas.1.gz usr/share/man/man1/dnas-studio.1.gz
  usr/share/doc/dnas-studio/README.md usr/share/doc/dnas-studio/LICENSE
  usr/share/doc/dnas-studio/copyright
  usr/share/dnas-studio/spaces/fbnet.space.json
  usr/share/dnas-studio/studies
  usr/share/dnas-studio/luts/hw-nas-bench/pixel3-imagenet.lut.json
)
for f in "${expect[@]}"; do
  [[ -e "$root/$f" ]] || fail "missing /$f"
done
for size in 16 32 48 64 128 256; do
  png="$share/icons/hicolor/${size}x${size}/apps/$app_id.png"
  if [[ ! -f $png ]]; then
    fail "missing ${size}x${size} icon"
  elif ! file "$png" | grep -q "PNG image data, $size x $size"; then
    fail "${size}x${size} icon is $(file -b "$png")"
  fi
done
for page in dnas dnas-studio; do
  gzip -t "$share/man/man1/$page.1.gz" || fail "$page.1.gz is not gzip"
  zcat "$share/man/man1/$page.1.gz" | grep -q "DNAS Studio $version" || fail "$page.1 lacks the version"
done
if command -v man >/dev/null; then
  for page in dnas dnas-studio; do
    warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z \
                 "$share/man/man1/$page.1.gz" 2>&1 >/dev/null || true)
    [[ -z $warnings ]] || fail "man $page: $warnings"
  done
fi
file "$root/usr/bin/dnas" | grep -q "ELF 64-bit" || fail "dnas is $(file -b "$root/usr/bin/dnas")"
pass "installed files"

# 4. Desktop entry, AppStream metainfo, MIME type.
desktop-file-validate "$share/applications/$app_id.desktop" || fail "desktop-file-validate"
grep -qx "Categories=Development;Science;Qt;" "$share/applications/$app_id.desktop" || fail "Categories"
grep -qx "MimeType=application/x-dnas-study+json;" "$share/applications/$app_id.desktop" || fail "MimeType"
grep -qx "Icon=$app_id" "$share/applications/$app_id.desktop" || fail "Icon"
appstreamcli validate --no-net --strict "$share/metainfo/$app_id.metainfo.xml" || fail "appstreamcli validate"
grep -q "<release version=\"$version\"" "$share/metainfo/$app_id.metainfo.xml" || fail "metainfo release"
grep -q 'glob pattern="\*.study.json"' "$share/mime/packages/$app_id.xml" || fail "mime glob"
if command -v update-mime-database >/dev/null; then # shared-mime-info: does the XML compile?
  mkdir -p "$work/mime/packages"
  cp "$share/mime/packages/$app_id.xml" "$work/mime/packages/"
  update-mime-database "$work/mime" || fail "update-mime-database"
  grep -q "application/x-dnas-study+json:\*\.study\.json" "$work/mime/globs2" ||
    fail "*.study.json is not application/x-dnas-study+json"
fi
pass "desktop entry, metainfo, mime type"

# 5. Run from the unpacked root.
out=$("$root/usr/bin/dnas" --version) || fail "dnas --version exited $?"
[[ $out == "dnas $version" ]] && pass "dnas --version: $out" || fail "dnas --version printed '$out'"
out=$("$root/usr/bin/dnas-studio" --version 2>&1) || fail "dnas-studio --version exited $?"
[[ $out == "dnas-studio $version" ]] && pass "dnas-studio --version: $out" ||
  fail "dnas-studio --version printed '$out'"
"$root/usr/bin/dnas-studio" --help 2>&1 | grep -q -- "--run <dir>" || fail "dnas-studio --help"
out=$("$root/usr/bin/dnas" space validate fbnet) || fail "dnas space validate fbnet exited $?"
[[ $out == ok ]] && pass "dnas space validate fbnet: $out" || fail "space validate printed '$out'"
# A preset only the unpacked root has: found only if the resources come from <root>/usr/share.
cp "$share/dnas-studio/spaces/fbnet.space.json" "$share/dnas-studio/spaces/pkgtest-only.space.json"
out=$("$root/usr/bin/dnas" space validate pkgtest-only 2>&1) || fail "resources not from the prefix: $out"
[[ $out == ok ]] && pass "resources found from the prefix" || fail "pkgtest-only: '$out'"
luts=$("$root/usr/bin/dnas" lut list --json) || fail "dnas lut list"
[[ $luts == *pixel3-imagenet* ]] && pass "built-in LUTs found" || fail "lut list: $luts"

if ((failures > 0)); then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "all packaging checks passed"
