# shellcheck shell=bash
# shellcheck disable=SC2034 # the tag variables are used by the scripts that source this
# Shared by the build scripts: sourced, never run. Sets "root" to the
# repository root and defines the version, commit and linker flags that
# every build stamps into the binary.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Build tags. WebKitGTK 4.1 is the only WebKitGTK that Debian 13 and
# Ubuntu 24.04 ship, so every Linux build links against it.
webkit_tag=webkit2_41
production_tags="desktop,production,$webkit_tag"
dev_tags="dev,$webkit_tag"

# ukglink_version prints the product version: UKGLINK_VERSION when set,
# else info.productVersion from wails.json. The Windows version resources
# and the NSIS installer always take wails.json, so package.sh insists
# that the two agree.
ukglink_version() {
	if [[ -n "${UKGLINK_VERSION:-}" ]]; then
		printf '%s\n' "$UKGLINK_VERSION"
		return
	fi
	wails_json_version
}

wails_json_version() {
	sed -n 's/^[[:space:]]*"productVersion":[[:space:]]*"\([^"]*\)".*/\1/p' "$root/wails.json" | head -n 1
}

# ukglink_commit prints the short commit of HEAD, with "-modified" when
# tracked files differ from it, or "unknown" outside a git checkout or
# before the first commit.
ukglink_commit() {
	local commit
	if ! commit="$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null)"; then
		echo unknown
		return
	fi
	# Contents only: the bindings generator rewrites some files as mode 755.
	if ! git -C "$root" -c core.fileMode=false diff --quiet HEAD -- 2>/dev/null; then
		commit+="-modified"
	fi
	printf '%s\n' "$commit"
}

# ukglink_ldflags prints the -X flags that stamp the version and commit,
# and the recruiting product's age key when UKGLINK_PRODUCT_RECIPIENT is set.
ukglink_ldflags() {
	local pkg=github.com/ukglink/ukglink/backend version commit
	version="$(ukglink_version)"
	commit="$(ukglink_commit)"
	local flags="-X $pkg/buildinfo.Version=$version -X $pkg/buildinfo.Commit=$commit"
	if [[ -n "${UKGLINK_PRODUCT_RECIPIENT:-}" ]]; then
		flags+=" -X $pkg/bundle.ProductRecipient=$UKGLINK_PRODUCT_RECIPIENT"
	fi
	printf '%s\n' "$flags"
}

# build_production builds the Linux desktop binary into build/bin/ukglink
# and writes the --version line it must print to build/bin/ukglink.stamp.
build_production() {
	local ldflags
	ldflags="$(ukglink_ldflags)"
	mkdir -p "$root/build/bin"
	(cd "$root" && go build -tags "$production_tags" -trimpath \
		-ldflags "-w -s $ldflags" -o build/bin/ukglink .) || return 1
	require_file "$root/build/bin/ukglink" 4000000 || return 1
	sed -E 's/.*buildinfo\.Version=([^ ]+) .*buildinfo\.Commit=([^ ]+).*/ukglink \1 (commit \2)/' \
		<<<"$ldflags" >"$root/build/bin/ukglink.stamp"
}

# build_frontend builds frontend/dist, which the binary embeds.
build_frontend() {
	(cd "$root/frontend" && npm run build)
	require_file "$root/frontend/dist/index.html" 100
}

# wails runs the Wails CLI pinned in tools/go.mod.
wails() {
	(cd "$root" && go tool -modfile=tools/go.mod wails "$@")
}

# nfpm runs the nfpm packager pinned in tools/go.mod.
nfpm() {
	(cd "$root" && go tool -modfile=tools/go.mod nfpm "$@")
}

# require_file fails unless the file exists and has at least min_bytes.
require_file() {
	local file="$1" min_bytes="${2:-1}" size
	if [[ ! -f "$file" ]]; then
		echo "missing: $file" >&2
		return 1
	fi
	size="$(stat -c %s "$file")"
	if ((size < min_bytes)); then
		echo "too small: $file is $size bytes, expected at least $min_bytes" >&2
		return 1
	fi
	echo "ok: ${file#"$root"/} ($size bytes)"
}

# require_command fails with the Debian package to install when a command is missing.
require_command() {
	local command="$1" package="$2"
	if ! command -v "$command" >/dev/null; then
		echo "$command not found: install it with 'apt-get install $package' or run scripts/setup.sh" >&2
		return 1
	fi
}

# fuzz_target PACKAGE NAME DURATION fuzzes one target. Go 1.26's fuzzing
# coordinator can fail a run with a bare "context deadline exceeded" when
# -fuzztime ends while a worker is busy (https://go.dev/issue/75804, fixed in
# Go 1.27). A real finding always writes "Failing input written to", so such
# a run counts as passed once a replay of the corpus passes too.
fuzz_target() {
	local pkg="$1" name="$2" duration="$3" log status=0
	log="$(mktemp)"
	(cd "$root" && go test -run '^$' -fuzz "^$name\$" -fuzztime "$duration" "$pkg") 2>&1 | tee "$log" ||
		status=$?
	if ((status != 0)) && grep -q 'context deadline exceeded' "$log" &&
		! grep -q -E 'Failing input written to|panic:' "$log"; then
		echo "fuzz: $name stopped with Go's fuzz-time deadline race (go.dev/issue/75804); replaying its corpus"
		(cd "$root" && go test -count=1 -run "^$name\$" "$pkg") && status=0
	fi
	rm -f "$log"
	return "$status"
}
