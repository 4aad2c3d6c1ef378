#!/usr/bin/env bash
# Runs the keychain tests against real Secret Service setups, each in a
# private D-Bus session with a fresh temporary HOME and XDG folders:
#   1. gnome-keyring running and unlocked: save, load, overwrite, delete;
#   2. a session bus with no Secret Service: ErrUnavailable and its hint;
#   3. no session bus at all: ErrUnavailable and its hint;
#   4. gnome-keyring locked with no display for its prompt: ErrLocked;
#   5. gnome-keyring locked on an Xvfb display, where the unlock prompt
#      waits forever: every call ends at its timeout with ErrTimeout;
#   6. the command line with gnome-keyring: a profile saved, verified
#      against the simulator, sealed, snapshotted, opened and deleted, after
#      which the secret is in no file the runs wrote and in no output.
# Needs dbus (dbus-run-session, dbus-daemon, dbus-send), gnome-keyring,
# xvfb-run and, for an outside check of the stored value, libsecret-tools
# (secret-tool).
# Exits non-zero when a tool is missing or a test fails.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

for tool in go dbus-run-session dbus-daemon dbus-send gnome-keyring-daemon xvfb-run; do
	if ! command -v "$tool" >/dev/null; then
		echo "test-secret-service: $tool not found, install dbus, gnome-keyring and xvfb" >&2
		exit 1
	fi
done

# Keep Go's caches and settings, which default to folders under HOME.
GOCACHE="$(go env GOCACHE)"
GOMODCACHE="$(go env GOMODCACHE)"
GOPATH="$(go env GOPATH)"
GOENV="$(go env GOENV)"
export GOCACHE GOMODCACHE GOPATH GOENV

tmp="$(mktemp -d "${TMPDIR:-/tmp}/ukglink-secret-service.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# fresh_home points HOME and the XDG folders at new folders under $tmp/$1.
fresh_home() {
	local home="$tmp/$1"
	mkdir -p "$home"/{config,data,cache,state,runtime}
	chmod 0700 "$home/runtime"
	export HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data"
	export XDG_CACHE_HOME="$home/cache" XDG_STATE_HOME="$home/state"
	export XDG_RUNTIME_DIR="$home/runtime"
	unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY
}

# run_tests NAME COMMAND... runs COMMAND and checks that go test -v printed
# "--- PASS: NAME", so a test that skipped counts as a failure.
run_tests() {
	local name="$1" log="$tmp/$1.log"
	shift
	echo "== $name"
	if ! "$@" 2>&1 | tee "$log"; then
		echo "test-secret-service: $name failed" >&2
		return 1
	fi
	if ! grep -q -- "--- PASS: $name " "$log"; then
		echo "test-secret-service: $name did not run" >&2
		return 1
	fi
}

fresh_home with-keyring
run_tests TestSecretServiceRoundTrip dbus-run-session -- bash -c '
	echo -n test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
	UKGLINK_SECRET_SERVICE=1 go test -v -run SecretService -count=1 ./backend/keychain/'
if ! grep -q -- "--- PASS: TestSecretServiceSessionReadsOnce " "$tmp/TestSecretServiceRoundTrip.log"; then
	echo "test-secret-service: TestSecretServiceSessionReadsOnce did not pass" >&2
	exit 1
fi

# A session bus without service folders, so that D-Bus cannot start
# gnome-keyring on demand for org.freedesktop.secrets.
fresh_home no-keyring
cat >"$tmp/session.conf" <<'CONF'
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
run_tests TestSecretServiceUnavailable \
	dbus-run-session --config-file="$tmp/session.conf" -- \
	env UKGLINK_NO_SECRET_SERVICE=1 go test -v -run SecretServiceUnavailable -count=1 ./backend/keychain/

fresh_home no-bus
run_tests TestSecretServiceNoSessionBus \
	env UKGLINK_NO_SESSION_BUS=1 go test -v -run SecretServiceNoSessionBus -count=1 ./backend/keychain/

# Both locked cases start gnome-keyring unlocked, so that its login
# collection exists, then lock it through the Secret Service API.
lock_keyring='
	echo -n test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
	dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \
		org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null'

fresh_home locked
run_tests TestSecretServiceLocked dbus-run-session -- bash -c "$lock_keyring
	UKGLINK_LOCKED_SECRET_SERVICE=1 go test -v -run SecretServiceLocked\$ -count=1 ./backend/keychain/"

fresh_home locked-prompt
run_tests TestSecretServiceLockedPromptTimesOut xvfb-run -a -s "-screen 0 1024x768x24" \
	dbus-run-session -- bash -c "$lock_keyring
	UKGLINK_PROMPTING_SECRET_SERVICE=1 go test -v -run SecretServiceLockedPromptTimesOut -count=1 ./backend/keychain/"

# cli_leak_check runs inside the D-Bus session of case 6, with HOME and the
# XDG folders fresh, $ukglink built and the secret in $secret_file.
cat >"$tmp/cli-leak-check.sh" <<'CHECK'
set -euo pipefail
out="$HOME/outputs"
mkdir -p "$out"
secret="$(cat "$secret_file")"
echo -n test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null

"$ukglink" simulate --listen 127.0.0.1:0 --client-secret-file "$secret_file" >"$out/simulate" 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null || true' EXIT
endpoint=""
for _ in $(seq 100); do
	endpoint="$(grep -o -m 1 'http://127\.0\.0\.1:[0-9]*' "$out/simulate" || true)"
	[[ -n "$endpoint" ]] && break
	sleep 0.1
done
[[ -n "$endpoint" ]] || { cat "$out/simulate"; exit 1; }

run() {
	local name="$1"
	shift
	"$ukglink" "$@" </dev/null >"$out/$name.out" 2>"$out/$name.err"
}
run save profiles save leak --subdomain 'https://servicet.ultipro.com/services/x' \
	--tenant USG1008IT124S --client-id ukglink-demo-client --client-secret-file "$secret_file"
stored="$(secret-tool lookup service ukglink username leak)"
[[ "$stored" == "$secret" ]] || { echo "the keychain does not hold the saved secret"; exit 1; }
run verify verify --profile leak --ukg-endpoint "$endpoint" --json
grep -q '"status": "verified"' "$out/verify.out" || { cat "$out/verify.out" "$out/verify.err"; exit 1; }
run seal seal --profile leak --ukg-endpoint "$endpoint" --demo-key -o "$HOME/link.age"
run snapshot snapshot --profile leak -o "$HOME/snapshot.json"
run open open -i "$XDG_DATA_HOME/ukglink/demo-identity.txt" "$HOME/link.age"
run show profiles show leak
run reveal open -i "$XDG_DATA_HOME/ukglink/demo-identity.txt" --reveal-secret "$HOME/link.age"
grep -q -F "$secret" "$out/reveal.out" || { echo "open --reveal-secret did not print the secret"; exit 1; }
rm "$out/reveal.out"
run delete profiles delete leak
if secret-tool lookup service ukglink username leak >/dev/null; then
	echo "profiles delete left the keychain entry"
	exit 1
fi

# The secret raw, JSON-escaped and URL-encoded; the bundle is encrypted.
escaped="$(printf '%s' "$secret" | sed 's/\\/\\\\/g; s/"/\\"/g')"
encoded=""
for ((i = 0; i < ${#secret}; i++)); do
	char="${secret:i:1}"
	case "$char" in
	[A-Za-z0-9._~-]) encoded+="$char" ;;
	*) encoded+="$(printf '%%%02X' "'$char")" ;;
	esac
done
hits="$(grep -r -l -F -e "$secret" -e "$escaped" -e "$encoded" "$HOME" || true)"
if [[ -n "$hits" ]]; then
	echo "the client secret was found in:"
	echo "$hits"
	exit 1
fi
echo "no trace of the secret in $(find "$HOME" -type f | wc -l) files and outputs"
CHECK

fresh_home cli
go build -o "$tmp/ukglink" .
# A secret with characters that JSON, URLs and the shell treat specially.
# shellcheck disable=SC2016 # the $ is part of the secret
printf '%s' 'Cli-Leak/Check+9f3a=%41$x"q\\z' >"$tmp/cli-secret"
echo "== command line with gnome-keyring, then a search for the secret"
if ! env ukglink="$tmp/ukglink" secret_file="$tmp/cli-secret" \
	dbus-run-session -- bash "$tmp/cli-leak-check.sh"; then
	echo "test-secret-service: the command-line leak check failed" >&2
	exit 1
fi

echo "test-secret-service: all passed"
