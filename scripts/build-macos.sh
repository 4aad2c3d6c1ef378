#!/usr/bin/env bash
# Builds UKG Link Assistant for macOS on a Mac (macOS 11 or later with the
# Xcode command line tools, Go and Node.js 20.19 or later):
#   build/bin/ukglink.app                         universal (arm64 + x86_64)
#   dist/ukglink-<version>-macos-universal.dmg    contains "UKG Link Assistant.app"
# Signing is optional:
#   UKGLINK_MAC_SIGN_IDENTITY   a "Developer ID Application: ..." identity in the
#                               keychain; without it the app is signed ad hoc,
#                               which Gatekeeper blocks on other Macs
#   UKGLINK_MAC_NOTARY_PROFILE  a notarytool keychain profile
#                               (xcrun notarytool store-credentials); with it the
#                               .dmg is notarized and stapled
# Fails with a message and exit 1 on any other system or when a file is missing.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$root"

fail() {
	echo "build-macos: $*" >&2
	exit 1
}

if [[ "$(uname -s)" != Darwin ]]; then
	fail "needs macOS (this is $(uname -s)); macOS apps cannot be built elsewhere. On Linux use scripts/package.sh for the .deb, .rpm and Windows installer."
fi
for tool in go node npm hdiutil codesign lipo ditto xcrun; do
	command -v "$tool" >/dev/null || fail "$tool not found (install Xcode command line tools with 'xcode-select --install', Go and Node.js)"
done

version="$(ukglink_version)"
[[ "$version" == "$(wails_json_version)" ]] ||
	fail "version $version differs from wails.json productVersion, which Info.plist uses; bump wails.json"
app=build/bin/ukglink.app
dist="${UKGLINK_DIST:-$root/dist}"
dmg="$dist/ukglink-${version}-macos-universal.dmg"
volume="UKG Link Assistant"

echo "build-macos: frontend"
(cd frontend && npm ci --no-audit --no-fund && npm run build)
(cd tools && go mod download)

echo "build-macos: app $version"
rm -rf "$app"
wails build -nocolour -m -s -skipbindings -nosyncgomod -trimpath \
	-platform darwin/universal -tags "$webkit_tag" -ldflags "$(ukglink_ldflags)"
[[ -d "$app" ]] || fail "wails build made no $app"
binary="$app/Contents/MacOS/ukglink"
[[ -x "$binary" ]] || fail "missing $binary"
require_file "$binary" 8000000
archs="$(lipo -archs "$binary")"
[[ "$archs" == *arm64* && "$archs" == *x86_64* ]] || fail "$binary is not universal: $archs"
reported="$("$binary" --version)"
[[ "$reported" == "ukglink $version "* ]] || fail "$binary --version reports \"$reported\", expected version $version"
plist_version="$(/usr/libexec/PlistBuddy -c 'Print CFBundleShortVersionString' "$app/Contents/Info.plist")"
[[ "$plist_version" == "$version" ]] || fail "Info.plist says $plist_version, expected $version"
[[ -f "$app/Contents/Resources/iconfile.icns" ]] || fail "the app has no icon"

if [[ -n "${UKGLINK_MAC_SIGN_IDENTITY:-}" ]]; then
	echo "build-macos: signing with $UKGLINK_MAC_SIGN_IDENTITY"
	codesign --force --options runtime --timestamp --sign "$UKGLINK_MAC_SIGN_IDENTITY" "$app"
else
	echo "build-macos: UKGLINK_MAC_SIGN_IDENTITY not set, signing ad hoc"
	codesign --force --sign - "$app"
fi
codesign --verify --strict --verbose=2 "$app"

echo "build-macos: disk image"
mkdir -p "$dist"
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
ditto "$app" "$staging/UKG Link Assistant.app"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "$volume" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"
if [[ -n "${UKGLINK_MAC_SIGN_IDENTITY:-}" ]]; then
	codesign --force --timestamp --sign "$UKGLINK_MAC_SIGN_IDENTITY" "$dmg"
fi
if [[ -n "${UKGLINK_MAC_NOTARY_PROFILE:-}" ]]; then
	[[ -n "${UKGLINK_MAC_SIGN_IDENTITY:-}" ]] || fail "notarizing needs UKGLINK_MAC_SIGN_IDENTITY"
	xcrun notarytool submit "$dmg" --keychain-profile "$UKGLINK_MAC_NOTARY_PROFILE" --wait
	xcrun stapler staple "$dmg"
fi
hdiutil verify "$dmg"
require_file "$dmg" 4000000
echo "build-macos: done: $app and $dmg"
