#!/usr/bin/env bash
# Opens the desktop binary under a virtual X display with a fresh HOME,
# waits for the "UKG Link Assistant" window, saves a screenshot to
# build/screenshots/smoke.png (or UKGLINK_SMOKE_SHOT), fails when the
# screenshot is blank, and stops the app.
# Usage: scripts/smoke.sh [BINARY [ARGS...]]
#   (default build/bin/ukglink; UKGLINK_SMOKE_TIMEOUT seconds, default 30)
# BINARY may also be a script ending in .sh, such as scripts/launch.sh,
# which runs with bash and must exec the app as its last step.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$root"

if [[ -z "${UKGLINK_SMOKE_DISPLAY:-}" ]]; then
	require_command xvfb-run xvfb
	require_command xdotool xdotool
	require_command import imagemagick
	exec env UKGLINK_SMOKE_DISPLAY=1 xvfb-run -a -s "-screen 0 1280x900x24" bash "$0" "$@"
fi

binary="${1:-build/bin/ukglink}"
shift || true
timeout_s="${UKGLINK_SMOKE_TIMEOUT:-30}"
shot="${UKGLINK_SMOKE_SHOT:-build/screenshots/smoke.png}"
title="UKG Link Assistant"
min_colours=32

tmp="$(mktemp -d "${TMPDIR:-/tmp}/ukglink-smoke.XXXXXX")"
app_pid=""
cleanup() {
	if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
		kill "$app_pid" 2>/dev/null || true
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$app_pid" 2>/dev/null || break
			sleep 0.5
		done
		kill -9 "$app_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
	echo "smoke: $*" >&2
	echo "smoke: last lines the app wrote:" >&2
	tail -n 30 "$tmp/app.log" >&2 || true
	exit 1
}

command=("$binary")
if [[ "$binary" == *.sh ]]; then
	require_file "$binary" 1 >/dev/null
	command=(bash "$binary")
	# The script builds the app: keep Go's and npm's caches, which default
	# to folders under the HOME replaced below.
	GOCACHE="$(go env GOCACHE)"
	GOMODCACHE="$(go env GOMODCACHE)"
	GOPATH="$(go env GOPATH)"
	npm_config_cache="$(npm config get cache)"
	export GOCACHE GOMODCACHE GOPATH npm_config_cache
else
	require_file "$binary" 1000000 >/dev/null
fi

# A fresh home: WebKit, Mesa and the app write there. The app decides
# about the WebKit DMA-BUF renderer itself, so the variable stays unset.
mkdir -p "$tmp"/{home,config,data,state,cache,runtime}
chmod 700 "$tmp/runtime"
env -u WEBKIT_DISABLE_DMABUF_RENDERER -u DBUS_SESSION_BUS_ADDRESS -u WAYLAND_DISPLAY \
	HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
	XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/runtime" \
	"${command[@]}" "$@" >"$tmp/app.log" 2>&1 &
app_pid=$!
started=$SECONDS

window="$(timeout "$timeout_s" xdotool search --sync --onlyvisible --name "^$title\$" 2>/dev/null | head -n 1)" ||
	fail "no visible window named \"$title\" within ${timeout_s}s"
[[ -n "$window" ]] || fail "no visible window named \"$title\""
kill -0 "$app_pid" 2>/dev/null || fail "the app exited after opening its window"
echo "smoke: window $window is up after $((SECONDS - started))s"
# The menu entry's StartupWMClass=ukglink groups the window under its icon.
classed="$(xdotool search --classname '^ukglink$' || true)"
if ! grep -q -x "$window" <<<"$classed"; then
	fail "the window's WM_CLASS is not ukglink, which build/linux/ukglink.desktop names"
fi
eval "$(xdotool getwindowgeometry --shell "$window")"
echo "smoke: window at ${X},${Y}, ${WIDTH}x${HEIGHT}"
crop="${WIDTH}x${HEIGHT}+${X}+${Y}"

# The window paints white first; wait until the wizard has drawn itself.
mkdir -p "$(dirname "$shot")"
colours=0
while ((SECONDS - started < timeout_s)); do
	sleep 1
	import -window root "$shot"
	# Count the colours inside the window only, not the black root around it.
	colours="$(convert "$shot" -crop "$crop" +repage -format '%k' info:)"
	if ((colours > min_colours)); then
		break
	fi
done
kill -0 "$app_pid" 2>/dev/null || fail "the app exited while it was being watched"
if ((colours <= min_colours)); then
	fail "the window in $shot has only $colours colours: it looks blank"
fi
echo "smoke: the window in $shot has $colours colours"

if grep -q -i -E 'panic|fatal' "$tmp/app.log"; then
	fail "the app log mentions a panic or fatal error"
fi
echo "smoke: ok"
