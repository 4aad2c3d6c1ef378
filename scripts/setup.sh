#!/usr/bin/env bash
# Installs what building and testing UKG Link Assistant needs on Debian or
# Ubuntu, and only what is missing. That is the system packages (apt-get, as
# root), the frontend packages (npm ci, when package-lock.json changed) and
# the Go modules of the app and of tools/. A second run takes a second.
# Without root it prints the apt-get command to run and exits with 1.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$root"

# Build: GTK 3 and WebKitGTK 4.1 headers. Run and test: Xvfb, xdotool,
# ImageMagick (with an SVG renderer for the icons), Chromium for the
# browser tests, gnome-keyring and secret-tool for the keychain tests, age
# for the bundle tests. Package: NSIS, osslsigncode, rpm, 7-Zip (lists the
# installer's files), desktop-file-utils; shellcheck for these scripts.
# dbus-x11 stays out: its dbus-launch auto-start leaves stray daemons behind.
packages=(
	pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev
	xvfb xauth xdotool imagemagick librsvg2-bin
	chromium gnome-keyring libsecret-tools age
	nsis osslsigncode rpm desktop-file-utils shellcheck
	git openssl binutils file
)

missing_packages() {
	local package status
	for package in "${packages[@]}"; do
		status="$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)"
		if [[ "$status" != installed ]]; then
			echo "$package"
		fi
	done
	# Debian 12 ships dbus-run-session in dbus-bin, older releases in dbus.
	if ! command -v dbus-run-session >/dev/null; then
		echo dbus
	fi
	# Debian 12 and Ubuntu 24.04 call 7-Zip "7zip", older releases "p7zip-full".
	if ! command -v 7zz >/dev/null && ! command -v 7z >/dev/null; then
		echo 7zip
	fi
}

install_system_packages() {
	local missing
	mapfile -t missing < <(missing_packages)
	if ((${#missing[@]} == 0)); then
		echo "setup: system packages present"
		return
	fi
	local command="apt-get install -y --no-install-recommends ${missing[*]}"
	if ((EUID != 0)); then
		echo "setup: missing system packages: ${missing[*]}" >&2
		echo "setup: run this, then run scripts/setup.sh again:" >&2
		echo "  sudo apt-get update && sudo $command" >&2
		exit 1
	fi
	echo "setup: installing ${missing[*]}"
	apt-get update -qq
	local install=() package
	for package in "${missing[@]}"; do
		if apt_has "$package"; then
			install+=("$package")
		elif [[ "$package" == 7zip ]]; then
			install+=(p7zip-full)
		elif [[ "$package" == chromium ]]; then
			# Ubuntu ships Chromium only as a snap.
			echo "setup: apt has no chromium package here; the browser tests need /usr/bin/chromium" >&2
		else
			install+=("$package")
		fi
	done
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${install[@]}"
}

# apt_has reports whether apt can install the package.
apt_has() {
	local policy
	policy="$(apt-cache policy "$1" 2>/dev/null)"
	grep -q -E 'Candidate: [^(]' <<<"$policy"
}

check_toolchains() {
	if ! command -v go >/dev/null; then
		echo "setup: Go not found; install Go $(sed -n 's/^go //p' go.mod) or later from https://go.dev/dl/" >&2
		exit 1
	fi
	if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
		echo "setup: Node.js not found; install Node.js 20.19 or later with npm" >&2
		exit 1
	fi
	local major minor
	IFS=. read -r major minor _ <<<"$(node -p 'process.versions.node')"
	if ((major < 20 || (major == 20 && minor < 19))); then
		echo "setup: Node.js $(node -v) is too old; the frontend needs 20.19 or later" >&2
		exit 1
	fi
}

# install_frontend runs npm ci when node_modules was installed from another
# package-lock.json (or not at all). The stamp holds the lock file's hash.
install_frontend() {
	local stamp=frontend/node_modules/.ukglink-lock.sha256 want
	want="$(sha256sum frontend/package-lock.json | cut -d' ' -f1)"
	if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
		echo "setup: frontend packages up to date"
		return
	fi
	echo "setup: npm ci in frontend/"
	(cd frontend && npm ci --no-audit --no-fund)
	echo "$want" >"$stamp"
}

install_go_modules() {
	go mod download
	(cd tools && go mod download)
	echo "setup: Go modules present"
}

install_system_packages
check_toolchains
install_frontend
install_go_modules
