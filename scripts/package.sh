#!/usr/bin/env bash
# Builds and checks the release packages into dist/ (or $UKGLINK_DIST):
#   linux    ukglink_<version>-1_amd64.deb and ukglink-<version>-1.x86_64.rpm (nfpm)
#   windows  ukglink-<version>-windows-amd64-setup.exe (NSIS) and the bare .exe
# Usage: scripts/package.sh [linux|windows|all]   (default all)
# Windows files are signed when UKGLINK_SIGN_CERT and UKGLINK_SIGN_KEY are
# set (see scripts/sign-windows.sh). macOS packages need a Mac: see
# scripts/build-macos.sh. Expects frontend/dist to be built (test.sh and
# launch.sh do that); builds it when missing.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$root"

target="${1:-all}"
dist="${UKGLINK_DIST:-$root/dist}"
version="$(ukglink_version)"
mkdir -p "$dist"

scratch="$(mktemp -d "${TMPDIR:-/tmp}/ukglink-package.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

fail() {
	echo "package: $*" >&2
	exit 1
}

# expect_match fails unless the text (stdin) contains a line matching the
# extended regular expression. It reads all of stdin first, so that the
# command writing it never gets SIGPIPE (which pipefail would count).
expect_match() {
	local pattern="$1" what="$2" text
	text="$(cat)"
	if ! grep -q -E -- "$pattern" <<<"$text"; then
		fail "$what: no match for /$pattern/"
	fi
	echo "ok: $what"
}

check_version() {
	if [[ ! "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$ ]]; then
		fail "version \"$version\" is not MAJOR.MINOR.PATCH[-PRERELEASE]"
	fi
}

prepare_binary() {
	if [[ ! -f frontend/dist/index.html ]]; then
		build_frontend
	fi
	build_production
}

# ---- Linux ----------------------------------------------------------------

package_linux() {
	local packager
	for packager in deb rpm; do
		UKGLINK_VERSION="$version" UKGLINK_ARCH=amd64 \
			nfpm pkg --config build/linux/nfpm.yaml --packager "$packager" --target "$dist/"
	done
	check_deb "$dist/ukglink_${version}-1_amd64.deb"
	if command -v rpm >/dev/null; then
		check_rpm "$dist/ukglink-${version//-/_}-1.x86_64.rpm"
	else
		echo "skip: rpm not installed, .rpm metadata not checked"
	fi
}

check_deb() {
	local deb="$1" files root_dir="$scratch/deb-root"
	require_file "$deb" 2000000
	dpkg-deb -f "$deb" Package | expect_match '^ukglink$' "deb Package"
	dpkg-deb -f "$deb" Version | expect_match "^${version//./\\.}-1\$" "deb Version"
	dpkg-deb -f "$deb" Depends | expect_match '(^|, )libwebkit2gtk-4\.1-0(,|$)' "deb depends on WebKitGTK 4.1"
	dpkg-deb -f "$deb" Depends | expect_match '(^|, )libgtk-3-0(,|$)' "deb depends on GTK 3"
	dpkg-deb -I "$deb" | expect_match '^ Architecture: amd64$' "deb Architecture"

	files="$(dpkg-deb -c "$deb")"
	for path in usr/bin/ukglink usr/share/applications/ukglink.desktop \
		usr/share/icons/hicolor/256x256/apps/ukglink.png; do
		expect_match " \./$path\$" "deb holds /$path" <<<"$files"
	done
	expect_match '^-rwxr-xr-x root/root .* \./usr/bin/ukglink$' "deb binary is root-owned, mode 755" <<<"$files"

	dpkg -x "$deb" "$root_dir"
	"$root_dir/usr/bin/ukglink" --version | expect_match "^ukglink ${version//./\\.} " "installed binary reports $version"
	identify -format '%wx%h\n' "$root_dir/usr/share/icons/hicolor/256x256/apps/ukglink.png" |
		expect_match '^256x256$' "menu icon is 256x256"
	desktop-file-validate "$root_dir/usr/share/applications/ukglink.desktop"
	echo "ok: .desktop entry is valid"
	grep -q '^Exec=ukglink$' "$root_dir/usr/share/applications/ukglink.desktop" ||
		fail ".desktop entry does not start /usr/bin/ukglink"
	ldd "$root_dir/usr/bin/ukglink" | expect_match 'libwebkit2gtk-4\.1\.so' "binary links WebKitGTK 4.1"

	if ((EUID == 0)); then
		dpkg --dry-run -i "$deb" >"$scratch/dpkg-dry-run.log" 2>&1 ||
			{ cat "$scratch/dpkg-dry-run.log" >&2; fail "dpkg --dry-run -i failed"; }
		echo "ok: dpkg --dry-run -i accepts the .deb (dependencies met)"
	else
		echo "skip: dpkg --dry-run -i needs root"
	fi
}

check_rpm() {
	local rpmfile="$1"
	require_file "$rpmfile" 2000000
	rpm -qp --queryformat '%{NAME} %{VERSION} %{RELEASE} %{ARCH}\n' "$rpmfile" 2>/dev/null |
		expect_match "^ukglink ${version//-/_} 1 x86_64\$" "rpm name, version, arch"
	rpm -qip "$rpmfile" 2>/dev/null | expect_match '^Summary +: Links a UKG Pro Recruiting account' "rpm summary"
	rpm -qp --requires "$rpmfile" 2>/dev/null | expect_match '^webkit2gtk4\.1$' "rpm requires WebKitGTK 4.1"
	rpm -qp --requires "$rpmfile" 2>/dev/null | expect_match '^gtk3$' "rpm requires GTK 3"
	local files
	files="$(rpm -qlp "$rpmfile" 2>/dev/null)"
	for path in /usr/bin/ukglink /usr/share/applications/ukglink.desktop \
		/usr/share/icons/hicolor/256x256/apps/ukglink.png; do
		expect_match "^$path\$" "rpm holds $path" <<<"$files"
	done
}

# ---- Windows --------------------------------------------------------------

package_windows() {
	local wails_version
	wails_version="$(wails_json_version)"
	if [[ "$version" != "$wails_version" ]]; then
		fail "version $version differs from wails.json productVersion $wails_version, which the Windows version resources use; bump wails.json"
	fi
	require_command makensis nsis
	if [[ ! -f frontend/dist/index.html ]]; then
		build_frontend
	fi
	local installer_dir=build/windows/installer
	rm -f build/bin/ukglink.exe build/bin/ukglink-amd64-installer.exe

	# -s: frontend/dist is built already; -skipbindings: test.sh checks the
	# bindings; -m and -nosyncgomod: leave go.mod and go.sum alone.
	wails build -nocolour -m -s -skipbindings -nosyncgomod -trimpath \
		-platform windows/amd64 -nsis -webview2 download \
		-tags "$webkit_tag" -ldflags "$(ukglink_ldflags)" -o ukglink.exe
	require_file build/bin/ukglink.exe 4000000

	if [[ -n "${UKGLINK_SIGN_CERT:-}" || -n "${UKGLINK_SIGN_KEY:-}" ]]; then
		sign_windows "$installer_dir"
	else
		echo "note: UKGLINK_SIGN_CERT and UKGLINK_SIGN_KEY not set, Windows files are not signed"
	fi

	local setup="$dist/ukglink-${version}-windows-amd64-setup.exe" exe="$dist/ukglink-${version}-windows-amd64.exe"
	cp build/bin/ukglink-amd64-installer.exe "$setup"
	cp build/bin/ukglink.exe "$exe"
	check_windows "$exe" "$setup"
}

# sign_windows signs ukglink.exe, then runs makensis again so that the
# installer contains the signed program and makensis signs the uninstaller and
# the installer as it writes them (project.nsi, UKGLINK_SIGN_SCRIPT).
sign_windows() {
	local installer_dir="$1"
	bash scripts/sign-windows.sh build/bin/ukglink.exe
	rm -f build/bin/ukglink-amd64-installer.exe
	(cd "$installer_dir" && makensis -V2 \
		-DARG_WAILS_AMD64_BINARY="$root/build/bin/ukglink.exe" \
		-DUKGLINK_SIGN_SCRIPT="$root/scripts/sign-windows.sh" project.nsi)
	verify_signature build/bin/ukglink.exe
	verify_signature build/bin/ukglink-amd64-installer.exe
	7zz e -y -o"$scratch/uninstaller" build/bin/ukglink-amd64-installer.exe uninstall.exe >/dev/null
	verify_signature "$scratch/uninstaller/uninstall.exe"
}

verify_signature() {
	local ca="${UKGLINK_SIGN_CA_FILE:-/etc/ssl/certs/ca-certificates.crt}"
	osslsigncode verify -CAfile "$ca" -in "$1" >"$scratch/verify.log" 2>&1 ||
		{ cat "$scratch/verify.log" >&2; fail "signature check failed for $1"; }
	echo "ok: $(basename "$1") is signed"
}

check_windows() {
	local exe="$1" setup="$2"
	require_file "$exe" 4000000
	require_file "$setup" 3000000
	file -b "$exe" | expect_match '^PE32\+ executable \(GUI\) x86-64' "program is a 64-bit Windows GUI executable"
	file -b "$setup" | expect_match 'Nullsoft Installer' "installer is an NSIS installer"

	# The program's version resource and icon come from build/windows.
	strings -el "$exe" | expect_match "^${version//./\\.}\$" "program version resource says $version"
	strings -el "$exe" | expect_match '^UKG Link Assistant$' "program version resource names the product"

	# project.nsi leaves the installer's texts uncompressed for these checks.
	local texts
	texts="$(strings -el "$setup")"
	expect_match "^${version//./\\.}\$" "installer version resource says $version" <<<"$texts"
	expect_match 'needs the Microsoft Edge WebView2 Runtime, and it could not be installed' \
		"installer has the missing WebView2 message" <<<"$texts"
	expect_match 'https://developer\.microsoft\.com/microsoft-edge/webview2/' \
		"installer names the WebView2 download address" <<<"$texts"
	expect_match '\\UKG Link Assistant\.lnk$' "installer makes the Start menu entry" <<<"$texts"
	expect_match '\\Uninstall UKG Link Assistant\.lnk$' "installer makes the uninstall entry" <<<"$texts"
	expect_match 'Uninstall\\ukglink$' "installer registers the uninstaller" <<<"$texts"

	if command -v 7zz >/dev/null || command -v 7z >/dev/null; then
		local sevenzip listing
		sevenzip="$(command -v 7zz || command -v 7z)"
		listing="$("$sevenzip" l "$setup")"
		expect_match ' ukglink\.exe$' "installer holds ukglink.exe" <<<"$listing"
		expect_match ' uninstall\.exe$' "installer holds the uninstaller" <<<"$listing"
		expect_match 'webview2bootstrapper/MicrosoftEdgeWebview2Setup\.exe$' \
			"installer holds the WebView2 bootstrapper" <<<"$listing"
	else
		echo "skip: 7-Zip not installed, installer contents not listed"
	fi
}

check_version
case "$target" in
linux)
	prepare_binary
	package_linux
	;;
windows)
	package_windows
	;;
all)
	prepare_binary
	package_linux
	package_windows
	;;
*)
	echo "usage: scripts/package.sh [linux|windows|all]" >&2
	exit 2
	;;
esac
echo "package: done, files in ${dist#"$root"/}:"
ls -l "$dist"
