#!/usr/bin/env bash
# Runs every check of UKG Link Assistant, each as a named and timed step:
# set-up, frontend build, bindings, vet, Go tests with the race detector,
# fuzzing, the real Secret Service, a real full disk, frontend checks and
# tests, production and dev builds, browser end-to-end tests, a desktop
# smoke run under Xvfb, --version, and the Linux and Windows packages.
# Every step runs with a temporary HOME and XDG folders. Ends with
# "N passed, N failed" and exits non-zero when a step failed. Set
# UKGLINK_FUZZTIME to change the 5s per fuzz target.
# The step functions run through "step", which shellcheck cannot follow.
# shellcheck disable=SC2317
set -uo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$root" || exit 1

fuzztime="${UKGLINK_FUZZTIME:-5s}"
passed=0
failed=0
summary=()
run_started=$SECONDS

# step NAME COMMAND... runs one step and records its result and time.
step() {
	local name="$1" started=$SECONDS status=0
	shift
	echo
	echo "=== step: $name"
	"$@" || status=$?
	local took=$((SECONDS - started))
	if ((status == 0)); then
		passed=$((passed + 1))
		summary+=("$(printf 'ok    %4ds  %s' "$took" "$name")")
		echo "--- ok: $name (${took}s)"
	else
		failed=$((failed + 1))
		summary+=("$(printf 'FAIL  %4ds  %s' "$took" "$name")")
		echo "--- FAIL: $name (${took}s, exit $status)"
	fi
}

finish() {
	echo
	echo "=== summary ($((SECONDS - run_started))s)"
	printf '%s\n' "${summary[@]}"
	echo "$passed passed, $failed failed"
	((failed == 0))
	exit
}

# ---- set-up and a private environment -------------------------------------

step "set-up (scripts/setup.sh)" bash scripts/setup.sh
if ((failed > 0)); then
	echo "set-up failed; nothing else can run"
	finish
fi

# Keep Go's and npm's caches, which default to folders under HOME.
export GOCACHE GOMODCACHE GOPATH GOENV npm_config_cache
GOCACHE="$(go env GOCACHE)"
GOMODCACHE="$(go env GOMODCACHE)"
GOPATH="$(go env GOPATH)"
GOENV="$(go env GOENV)"
npm_config_cache="$(npm config get cache)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/ukglink-test.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"/{home,config,data,state,cache,runtime}
chmod 700 "$tmp/runtime"
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
export XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/runtime"
export UKGLINK_REQUIRE_COMPONENTS=1
# Nothing here may reach the real session's keychain or display.
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY WEBKIT_DISABLE_DMABUF_RENDERER
echo "test: HOME=$HOME"

# ---- steps ----------------------------------------------------------------

bindings_check() {
	local before="$tmp/wailsjs-before"
	rm -rf "$before"
	if [[ -d frontend/wailsjs ]]; then
		cp -a frontend/wailsjs "$before"
	else
		mkdir -p "$before"
	fi
	go build -tags "bindings,$webkit_tag" -o "$tmp/bindings" . || return 1
	if ! "$tmp/bindings" >"$tmp/bindings.log" 2>&1; then
		tail -n 40 "$tmp/bindings.log"
		return 1
	fi
	# The generator writes the runtime files executable and "wails build"
	# writes them 644; they are not programs, so 644 is what is committed.
	chmod 644 frontend/wailsjs/runtime/*
	if ! diff -r "$before" frontend/wailsjs; then
		echo "frontend/wailsjs was stale: the regenerated bindings differ (above); commit them"
		return 1
	fi
	# The generator writes its runtime files with mode 755, so compare contents only.
	git -c core.fileMode=false diff --exit-code -- frontend/wailsjs || {
		echo "frontend/wailsjs differs from the index: commit the regenerated bindings"
		return 1
	}
	local untracked
	untracked="$(git ls-files --others --exclude-standard -- frontend/wailsjs)"
	if [[ -n "$untracked" ]]; then
		echo "untracked files in frontend/wailsjs, add them:"
		echo "$untracked"
		return 1
	fi
	echo "frontend/wailsjs is up to date"
}

go_test_race() {
	local log="$tmp/go-test.log" status=0
	go test -race ./... 2>&1 | tee "$log" || status=$?
	echo
	echo "go test summary: $(grep -c -E '^ok ' "$log") packages passed," \
		"$(grep -c -E '^FAIL[[:space:]]' "$log") packages failed" \
		"($(grep -c -E '^[[:space:]]*--- FAIL' "$log") failed tests)," \
		"$(grep -c -E '\[no test files\]' "$log") packages without tests"
	return "$status"
}

# list_fuzz_targets writes "package FuzzName" for every fuzz target in the
# module to $tmp/fuzz-targets. It fails when a test package does not build.
list_fuzz_targets() {
	local status=0
	go test -list '^Fuzz' ./... >"$tmp/fuzz-list" 2>&1 || status=$?
	awk '
		/^Fuzz/ { names[++n] = $1; next }
		/^ok / { for (i = 1; i <= n; i++) print $2, names[i]; n = 0 }
	' "$tmp/fuzz-list" >"$tmp/fuzz-targets"
	if ((status != 0)); then
		grep -v -E '^(Fuzz|ok )' "$tmp/fuzz-list"
		return "$status"
	fi
	cat "$tmp/fuzz-targets"
	if [[ ! -s "$tmp/fuzz-targets" ]]; then
		echo "no Fuzz targets found"
		return 1
	fi
}

fuzz_one() {
	fuzz_target "$1" "$2" "$fuzztime"
}

dev_build() {
	go build -tags "$dev_tags" -o build/bin/ukglink-dev . &&
		require_file build/bin/ukglink-dev 4000000
}

e2e() {
	(cd frontend && npm run e2e)
}

# version_check compares --version with what the production build stamped,
# and that with the version the scripts compute.
version_check() {
	local want out
	want="$(cat build/bin/ukglink.stamp)" || return 1
	if [[ "$want" != "ukglink $(ukglink_version) (commit "* ]]; then
		echo "build/bin/ukglink.stamp says \"$want\", expected version $(ukglink_version)"
		return 1
	fi
	out="$(build/bin/ukglink --version)" || return 1
	echo "$out"
	if [[ "$out" != "$want"* ]]; then
		echo "expected: $want"
		return 1
	fi
}

# signed_windows builds the Windows packages again, signed with a
# certificate made for this run only, and checks all three signatures.
signed_windows() {
	local keys="$tmp/signing"
	mkdir -p "$keys"
	openssl req -x509 -newkey rsa:3072 -nodes -days 2 -subj "/CN=UKG Link Assistant test signing" \
		-addext "extendedKeyUsage=codeSigning" -keyout "$keys/key.pem" -out "$keys/cert.pem" 2>/dev/null ||
		return 1
	UKGLINK_SIGN_CERT="$keys/cert.pem" UKGLINK_SIGN_KEY="$keys/key.pem" UKGLINK_SIGN_CA_FILE="$keys/cert.pem" \
		UKGLINK_DIST="$tmp/dist-signed" bash scripts/package.sh windows
}

shell_scripts() {
	shellcheck -x scripts/lib.sh scripts/setup.sh scripts/launch.sh scripts/test.sh \
		scripts/package.sh scripts/smoke.sh scripts/sign-windows.sh scripts/build-macos.sh \
		scripts/make-icons.sh scripts/test-secret-service.sh scripts/test-full-disk.sh \
		scripts/bench.sh .ci/run
}

macos_refuses() {
	local out status=0
	out="$(bash scripts/build-macos.sh 2>&1)" || status=$?
	echo "$out"
	if ((status == 0)); then
		echo "build-macos.sh exited 0 on $(uname -s)"
		return 1
	fi
	grep -q 'needs macOS' <<<"$out"
}

step "shellcheck of the build scripts" shell_scripts
step "frontend build" build_frontend
step "bindings up to date (frontend/wailsjs)" bindings_check
step "go vet ./..." go vet ./...
step "go test -race ./..." go_test_race

step "list fuzz targets" list_fuzz_targets
targets=()
if [[ -f "$tmp/fuzz-targets" ]]; then
	mapfile -t targets <"$tmp/fuzz-targets"
fi
for target in "${targets[@]}"; do
	read -r pkg name <<<"$target"
	step "fuzz ${pkg#github.com/ukglink/ukglink/} $name ($fuzztime)" fuzz_one "$pkg" "$name"
done

step "keychain against gnome-keyring (scripts/test-secret-service.sh)" bash scripts/test-secret-service.sh
step "full disk on a real tmpfs (scripts/test-full-disk.sh)" bash scripts/test-full-disk.sh
step "frontend npm run check" bash -c 'cd frontend && npm run check'
step "frontend npm test" bash -c 'cd frontend && npm test'
step "production build (build/bin/ukglink)" build_production
step "production window screenshots (build/screenshots/window-*.png)" node frontend/e2e/window-shots.mjs
step "dev build (build/bin/ukglink-dev)" dev_build
if [[ -d frontend/e2e ]]; then
	step "browser end-to-end (npm run e2e)" e2e
fi
step "desktop smoke run under Xvfb (build/screenshots/smoke.png)" bash scripts/smoke.sh build/bin/ukglink
step "README launch command under Xvfb (build/screenshots/launch.png)" \
	env UKGLINK_SMOKE_SHOT=build/screenshots/launch.png UKGLINK_SMOKE_TIMEOUT=300 \
	bash scripts/smoke.sh scripts/launch.sh
step "ukglink --version" version_check
step "packages: .deb, .rpm, Windows installer (scripts/package.sh)" bash scripts/package.sh all
step "signed Windows installer, test certificate" signed_windows
step "build-macos.sh refuses off macOS" macos_refuses

finish
