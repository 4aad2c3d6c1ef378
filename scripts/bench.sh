#!/usr/bin/env bash
# Measures UKG Link Assistant against its baselines, each side by side in
# one run, and writes the figures to build/bench/results.md.
#
#   verify   verification latency against the simulator with latency L per
#            request: concurrent probes, sequential probes and the 2 × L bound
#   startup  launch to first interactive screen under Xvfb, and resident
#            memory then, against the stock Wails vanilla template
#   size     binary, Windows installer and frontend sizes, against the template
#   batch    seal-batch bundles per second, and go test -bench of seal and open
#   fuzz     every fuzz target for UKGLINK_BENCH_FUZZTIME (default 60s)
#
# Usage: scripts/bench.sh [SECTION...]   (default: all sections)
# Settings: UKGLINK_BENCH_RUNS (default 5; the median is reported),
# UKGLINK_BENCH_LATENCY (default 150ms), UKGLINK_BENCH_ROWS (default 1000).
# The template is made once with the pinned Wails CLI in build/bench/template.
# The step functions run through "section", which shellcheck cannot follow.
# shellcheck disable=SC2317
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$root"

runs="${UKGLINK_BENCH_RUNS:-5}"
latency="${UKGLINK_BENCH_LATENCY:-150ms}"
rows="${UKGLINK_BENCH_ROWS:-1000}"
fuzztime="${UKGLINK_BENCH_FUZZTIME:-60s}"
out=build/bench
template="$out/template"
results="$out/results.md"
mkdir -p "$out"

# Keep Go's and npm's caches, which default to folders under HOME.
export GOCACHE GOMODCACHE GOPATH npm_config_cache
GOCACHE="$(go env GOCACHE)"
GOMODCACHE="$(go env GOMODCACHE)"
GOPATH="$(go env GOPATH)"
npm_config_cache="$(npm config get cache)"

scratch="$(mktemp -d "${TMPDIR:-/tmp}/ukglink-bench.XXXXXX")"
cleanup() {
	local status=$?
	if [[ -n "${xvfb_pid:-}" ]]; then
		kill "$xvfb_pid" 2>/dev/null || true
	fi
	rm -rf "$scratch"
	exit "$status"
}
trap cleanup EXIT

# ---- helpers --------------------------------------------------------------

# median reads numbers, one a line, and prints the middle one (the lower
# middle for an even count).
median() {
	sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}

# ratio A B prints A / B with two decimals.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
}

# duration_ms turns a Go duration such as 150ms or 1.5s into milliseconds.
duration_ms() {
	awk -v d="$1" 'BEGIN {
		if (d ~ /ms$/) { sub(/ms$/, "", d); print d + 0 }
		else if (d ~ /s$/) { sub(/s$/, "", d); print d * 1000 }
		else { print "bad duration " d > "/dev/stderr"; exit 1 }
	}'
}

now_ns() {
	date +%s%N
}

# fresh_home points HOME and the XDG folders at a new folder under $scratch.
fresh_home() {
	local home
	home="$(mktemp -d "$scratch/home.XXXXXX")"
	mkdir -p "$home"/{config,data,state,cache,runtime}
	chmod 700 "$home/runtime"
	export HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data"
	export XDG_STATE_HOME="$home/state" XDG_CACHE_HOME="$home/cache" XDG_RUNTIME_DIR="$home/runtime"
	unset DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY
}

report() {
	printf '%s\n' "$@" >>"$results"
}

machine_facts() {
	local cpu
	cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
	report "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on ${cpu:-an unknown CPU}," \
		"$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM," \
		"$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r), $(go version | cut -d' ' -f3)," \
		"Node.js $(node -v), commit $(ukglink_commit). $runs runs per figure, median shown." \
		""
}

# ---- the baseline: the stock Wails vanilla template ---------------------

# prepare_template makes the Wails vanilla template with the pinned CLI,
# adds one OnDomReady hook that writes the time its page is ready to
# $BENCH_READY_FILE, and builds it the way build_production builds ukglink.
prepare_template() {
	if [[ ! -f "$template/main.go" ]]; then
		rm -rf "$template"
		wails init -n wailstemplate -t vanilla -d "$root/$template" >"$scratch/init.log" 2>&1 ||
			{ cat "$scratch/init.log"; return 1; }
		sed -i 's/^\t\tOnStartup: *app.startup,$/\t\tOnStartup:        app.startup,\n\t\tOnDomReady:       benchDomReady,/' \
			"$template/main.go"
		grep -q 'OnDomReady' "$template/main.go" || { echo "bench: could not add OnDomReady to the template"; return 1; }
		cat >"$template/benchready.go" <<'GO'
package main

import (
	"context"
	"os"
	"strconv"
	"time"
)

// benchDomReady writes the time the page is ready, in Unix nanoseconds,
// to the file named by BENCH_READY_FILE.
func benchDomReady(context.Context) {
	if path := os.Getenv("BENCH_READY_FILE"); path != "" {
		_ = os.WriteFile(path, []byte(strconv.FormatInt(time.Now().UnixNano(), 10)), 0o600)
	}
}
GO
	fi
	if [[ ! -f "$template/frontend/dist/index.html" ]]; then
		(cd "$template/frontend" && npm install --no-audit --no-fund >/dev/null && npm run build >/dev/null)
	fi
	(cd "$template" && go build -tags "$production_tags" -trimpath -ldflags "-w -s" -o build/bin/wailstemplate .)
	require_file "$template/build/bin/wailstemplate" 1000000
}

# ---- verify ---------------------------------------------------------------

bench_verify() {
	local l_ms log="$scratch/verify-bench.txt"
	l_ms="$(duration_ms "$latency")"
	go test -run '^$' -bench 'VerifyLatency' -benchtime 5x -count "$runs" \
		./backend/verify -args -verify.latency "$latency" | tee "$log"

	# metric NAME UNIT prints the median of one benchmark's metric.
	metric() {
		awk -v name="BenchmarkVerifyLatency/$1" -v unit="$2" '
			index($1, name) == 1 { for (i = 3; i < NF; i++) if ($(i + 1) == unit) print $i }
		' "$log" | median
	}
	local conc seq conns_conc
	conc="$(metric probes=concurrent ms/verify)"
	seq="$(metric probes=sequential ms/verify)"
	conns_conc="$(metric probes=concurrent conns/verify)"

	local cli
	cli="$(bench_verify_cli)"

	local bound target
	bound="$(awk -v l="$l_ms" 'BEGIN { print 2 * l }')"
	target="$(awk -v l="$l_ms" 'BEGIN { print 2.5 * l + 50 }')"
	report "## Verification latency" "" \
		"Simulator on loopback with L = $latency added to every response; the all-granted" \
		"scenario. One token request, then the four read probes. Target: at most 2.5 × L + 50 ms" \
		"= ${target} ms." "" \
		"| run | median | × L | against concurrent |" \
		"|---|---|---|---|" \
		"| lower bound, 2 × L | ${bound} ms | 2.00 | $(ratio "$bound" "$conc") |" \
		"| **concurrent probes (the product)** | **${conc} ms** | **$(ratio "$conc" "$l_ms")** | 1.00 |" \
		"| sequential probes (baseline) | ${seq} ms | $(ratio "$seq" "$l_ms") | $(ratio "$seq" "$conc") |" \
		"| \`ukglink verify\` process, whole command | ${cli} ms | $(ratio "$cli" "$l_ms") | $(ratio "$cli" "$conc") |" \
		"" \
		"Connections opened per verification: ${conns_conc%.*} for five requests (the token" \
		"request's connection is reused by one probe). Target met: $(awk -v c="$conc" -v t="$target" \
			'BEGIN { print (c <= t) ? "yes" : "no" }')." \
		"" \
		"Command: \`go test -run '^\$' -bench VerifyLatency -benchtime 5x -count $runs ./backend/verify -args -verify.latency $latency\`" \
		""
}

# bench_verify_cli times the whole "ukglink verify" command against
# "ukglink simulate" with the same latency and prints the median in ms.
bench_verify_cli() {
	local binary="$scratch/ukglink-cli" port_file="$scratch/sim.out" sim_pid addr i
	go build -o "$binary" . 2>/dev/null
	fresh_home
	"$binary" simulate --listen 127.0.0.1:0 --latency "$latency" >"$port_file" 2>&1 &
	sim_pid=$!
	for _ in $(seq 100); do
		addr="$(grep -o -E 'http://127\.0\.0\.1:[0-9]+' "$port_file" | head -n 1 || true)"
		[[ -n "$addr" ]] && break
		sleep 0.05
	done
	[[ -n "$addr" ]] || { cat "$port_file" >&2; kill "$sim_pid"; return 1; }
	# The simulator prints the demo secret it accepts: client secret "...".
	sed -n 's/^.*client secret "\([^"]*\)".*$/\1/p' "$port_file" | head -n 1 | tr -d '\n' >"$scratch/secret"
	[[ -s "$scratch/secret" ]] || { cat "$port_file" >&2; kill "$sim_pid"; return 1; }
	for i in $(seq "$runs"); do
		local started ended
		started="$(now_ns)"
		"$binary" verify --subdomain servicet --account-type test --tenant USG1008IT124S \
			--client-id ukglink-demo-client --client-secret-file "$scratch/secret" \
			--ukg-endpoint "$addr" >"$scratch/verify-cli.$i" 2>&1 ||
			{ cat "$scratch/verify-cli.$i" >&2; kill "$sim_pid"; return 1; }
		ended="$(now_ns)"
		echo $(((ended - started) / 1000000))
	done | median
	kill "$sim_pid" 2>/dev/null || true
	wait "$sim_pid" 2>/dev/null || true
}

# ---- startup and memory ---------------------------------------------------

# tree_pids prints pid and every descendant of it.
tree_pids() {
	local pids=("$1") i=0
	while ((i < ${#pids[@]})); do
		local child
		for child in $(ps -o pid= --ppid "${pids[i]}" 2>/dev/null); do
			pids+=("$child")
		done
		i=$((i + 1))
	done
	printf '%s\n' "${pids[@]}"
}

# tree_memory_kb prints "RSS PSS" in KiB summed over pid and its descendants.
tree_memory_kb() {
	local rss=0 pss=0 pid r p
	for pid in $(tree_pids "$1"); do
		r="$(awk '/^Rss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)"
		p="$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)"
		rss=$((rss + ${r:-0}))
		pss=$((pss + ${p:-0}))
	done
	echo "$rss $pss"
}

stop_tree() {
	local pids
	mapfile -t pids < <(tree_pids "$1")
	kill "${pids[@]}" 2>/dev/null || true
	for _ in $(seq 50); do
		kill -0 "$1" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "${pids[@]}" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

# launch_once KIND prints "startup_ms rss_kib pss_kib" for one launch of
# ukglink or the template. ukglink is ready at its "first screen ready" log
# line, which the frontend causes once the Start screen accepts input. The
# template is ready when its OnDomReady hook runs.
launch_once() {
	local kind="$1" ready_file="$scratch/ready" started pid ready_ns="" deadline
	fresh_home
	rm -f "$ready_file"
	local log="$XDG_STATE_HOME/ukglink/ukglink.log"
	started="$(now_ns)"
	if [[ "$kind" == ukglink ]]; then
		build/bin/ukglink >"$scratch/app.out" 2>&1 &
	else
		BENCH_READY_FILE="$ready_file" "$template/build/bin/wailstemplate" >"$scratch/app.out" 2>&1 &
	fi
	pid=$!

	deadline=$((SECONDS + 30))
	while ((SECONDS < deadline)); do
		if [[ "$kind" == ukglink ]]; then
			local line
			line="$(grep -m 1 '"first screen ready"' "$log" 2>/dev/null || true)"
			if [[ -n "$line" ]]; then
				ready_ns="$(date -d "$(sed -E 's/^\{"time":"([^"]+)".*/\1/' <<<"$line")" +%s%N)"
			fi
		elif [[ -s "$ready_file" ]]; then
			ready_ns="$(cat "$ready_file")"
		fi
		[[ -n "$ready_ns" ]] && break
		sleep 0.02
	done
	if [[ -z "$ready_ns" ]]; then
		stop_tree "$pid"
		echo "bench: $kind was not ready within 30s" >&2
		cat "$scratch/app.out" >&2
		return 1
	fi
	# Let the web process settle before reading memory.
	sleep 2
	local memory
	memory="$(tree_memory_kb "$pid")"
	stop_tree "$pid"
	echo "$(((ready_ns - started) / 1000000)) $memory"
}

bench_startup() {
	if [[ -z "${DISPLAY:-}" ]]; then
		require_command Xvfb xvfb
		local display=:"$((100 + RANDOM % 800))"
		Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp >"$scratch/xvfb.log" 2>&1 &
		xvfb_pid=$!
		export DISPLAY="$display"
		sleep 1
	fi
	prepare_template >/dev/null
	[[ -f build/bin/ukglink ]] || build_production >/dev/null

	# One unmeasured launch each warms the page cache, then they alternate.
	launch_once template >/dev/null
	launch_once ukglink >/dev/null
	local i
	: >"$scratch/startup.template"
	: >"$scratch/startup.ukglink"
	for i in $(seq "$runs"); do
		launch_once template >>"$scratch/startup.template"
		launch_once ukglink >>"$scratch/startup.ukglink"
	done
	echo "template (ms rss pss):"
	cat "$scratch/startup.template"
	echo "ukglink (ms rss pss):"
	cat "$scratch/startup.ukglink"

	column() { awk -v c="$2" '{ print $c }' "$scratch/startup.$1" | median; }
	# paired prints the median and the range of ukglink's figure in column c
	# over the template's in the launch right before it.
	paired() {
		paste -d' ' "$scratch/startup.ukglink" "$scratch/startup.template" |
			awk -v c="$1" -v n=3 '{ print $c / $(c + n) }' | sort -g |
			awk '{ v[NR] = $1 } END { printf "%.2f (%.2f–%.2f)", v[int((NR + 1) / 2)], v[1], v[NR] }'
	}
	local t_ms u_ms t_rss u_rss t_pss u_pss
	t_ms="$(column template 1)"
	u_ms="$(column ukglink 1)"
	t_rss="$(column template 2)"
	u_rss="$(column ukglink 2)"
	t_pss="$(column template 3)"
	u_pss="$(column ukglink 3)"
	mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
	report "## Start-up and memory" "" \
		"Production builds (\`-tags $production_tags -trimpath -ldflags \"-w -s\"\`) launched" \
		"alternately under one Xvfb, each with a fresh HOME, after one unmeasured launch of each." \
		"Ready is, for ukglink, the time its Start screen told Go it accepts input (the" \
		"\"first screen ready\" log line); for the template, its OnDomReady callback, the one" \
		"line added to the stock template. Memory is summed over the app and its WebKit" \
		"processes two seconds after ready." "" \
		"| figure | ukglink | Wails vanilla template | ratio of medians | paired ratio (range) | target |" \
		"|---|---|---|---|---|---|" \
		"| launch to first screen ready | ${u_ms} ms | ${t_ms} ms | $(ratio "$u_ms" "$t_ms") | $(paired 1) | ≤ 1.25 |" \
		"| resident memory (RSS, all processes) | $(mib "$u_rss") | $(mib "$t_rss") | $(ratio "$u_rss" "$t_rss") | $(paired 2) | ≤ 1.2 |" \
		"| proportional memory (PSS, all processes) | $(mib "$u_pss") | $(mib "$t_pss") | $(ratio "$u_pss" "$t_pss") | $(paired 3) | |" \
		"" \
		"A paired ratio compares each launch of ukglink with the launch of the template" \
		"right before it, which cancels slow drifts of the machine; the median over the" \
		"$runs pairs is shown with the lowest and highest." \
		""
}

# ---- size -----------------------------------------------------------------

bench_size() {
	prepare_template >/dev/null
	[[ -f build/bin/ukglink ]] || build_production >/dev/null
	local u_bin t_bin
	u_bin="$(stat -c %s build/bin/ukglink)"
	t_bin="$(stat -c %s "$template/build/bin/wailstemplate")"

	# Windows installers, both from the pinned Wails CLI and Debian's makensis.
	UKGLINK_DIST="$root/$out/dist" bash scripts/package.sh windows >"$scratch/package.log" 2>&1 ||
		{ tail -n 40 "$scratch/package.log"; return 1; }
	(cd "$template" && go tool -modfile="$root/tools/go.mod" wails build -nocolour -m -s -skipbindings \
		-nosyncgomod -trimpath -platform windows/amd64 -nsis -webview2 download \
		-tags "$webkit_tag" -o wailstemplate.exe >"$scratch/template-windows.log" 2>&1) ||
		{ tail -n 40 "$scratch/template-windows.log"; return 1; }
	local u_setup t_setup
	u_setup="$(stat -c %s "$out"/dist/ukglink-*-windows-amd64-setup.exe)"
	t_setup="$(stat -c %s "$template"/build/bin/wailstemplate-amd64-installer.exe)"

	# The frontend JavaScript and CSS, gzipped. The illustrations are
	# Svelte components inside the same bundle, so they are counted too.
	[[ -f frontend/dist/index.html ]] || build_frontend >/dev/null
	local gz=0 file
	for file in frontend/dist/assets/*.js frontend/dist/assets/*.css; do
		gz=$((gz + $(gzip -9 -c "$file" | wc -c)))
	done
	local t_gz=0
	for file in "$template"/frontend/dist/assets/*.js "$template"/frontend/dist/assets/*.css; do
		t_gz=$((t_gz + $(gzip -9 -c "$file" | wc -c)))
	done

	mb() { awk -v b="$1" 'BEGIN { printf "%.2f MB", b / 1000000 }'; }
	kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1000 }'; }
	report "## Size" "" \
		"| figure | ukglink | Wails vanilla template | ratio | target |" \
		"|---|---|---|---|---|" \
		"| Linux binary | $(mb "$u_bin") | $(mb "$t_bin") | $(ratio "$u_bin" "$t_bin") | ≤ 1.5 |" \
		"| Windows NSIS installer | $(mb "$u_setup") | $(mb "$t_setup") | $(ratio "$u_setup" "$t_setup") | |" \
		"| frontend JS and CSS, gzip -9 | $(kb "$gz") | $(kb "$t_gz") | | ≤ 150 KB |" \
		"" \
		"The frontend figure includes the illustrations, which are compiled into the same" \
		"bundle; the budget excludes them, so the figure is an upper bound." \
		""
}

# ---- batch sealing --------------------------------------------------------

bench_batch() {
	local binary="$scratch/ukglink-cli" dir="$scratch/batch" i
	go build -o "$binary" . 2>/dev/null
	mkdir -p "$dir"
	{
		echo "name,subdomain,account_type,tenant,client_id,identity_host"
		for i in $(seq "$rows"); do
			printf 'customer%04d,service2,production,ABC%04dXY,client-%04d-recruiting,\n' "$i" "$i" "$i"
		done
	} >"$dir/profiles.csv"
	{
		echo "name,client_secret"
		for i in $(seq "$rows"); do
			printf 'customer%04d,bench-secret-%04d-%s\n' "$i" "$i" "$(head -c 18 /dev/urandom | base64 | tr '/+' '_-')"
		done
	} >"$dir/secrets.csv"
	local key
	key="$(go run filippo.io/age/cmd/age-keygen 2>/dev/null | grep -o 'age1[0-9a-z]*')"

	fresh_home
	for i in $(seq "$runs"); do
		rm -rf "$dir/out"
		mkdir "$dir/out"
		local started ended
		started="$(now_ns)"
		"$binary" seal-batch --csv "$dir/profiles.csv" --secrets "$dir/secrets.csv" -o "$dir/out" \
			--no-verify --reason benchmark --recipient "$key" >"$dir/summary.$i" 2>&1 ||
			{ tail -n 20 "$dir/summary.$i" >&2; return 1; }
		ended="$(now_ns)"
		local sealed
		sealed="$(find "$dir/out" -name '*.age' | wc -l)"
		((sealed == rows)) || { echo "bench: $sealed of $rows bundles written" >&2; return 1; }
		awk -v n="$rows" -v ns="$((ended - started))" 'BEGIN { printf "%.0f\n", n / (ns / 1e9) }'
	done >"$scratch/batch-rates"
	local rate
	rate="$(median <"$scratch/batch-rates")"

	local log="$scratch/bundle-bench.txt"
	go test -run '^$' -bench '^Benchmark(Seal|Open)$' -count "$runs" ./backend/bundle | tee "$log"
	local seal open
	seal="$(awk '$1 ~ /^BenchmarkSeal/ { print $3 }' "$log" | median)"
	open="$(awk '$1 ~ /^BenchmarkOpen/ { print $3 }' "$log" | median)"
	report "## Batch sealing" "" \
		"| figure | median |" \
		"|---|---|" \
		"| \`ukglink seal-batch --no-verify\`, $rows rows, one X25519 recipient | ${rate} bundles/s |" \
		"| \`BenchmarkSeal\` (one bundle, in memory) | $(awk -v n="$seal" 'BEGIN { printf "%.0f µs", n / 1000 }') |" \
		"| \`BenchmarkOpen\` (one bundle, in memory) | $(awk -v n="$open" 'BEGIN { printf "%.0f µs", n / 1000 }') |" \
		""
}

# ---- fuzz -----------------------------------------------------------------

bench_fuzz() {
	go test -list '^Fuzz' ./... | awk '
		/^Fuzz/ { names[++n] = $1; next }
		/^ok / { for (i = 1; i <= n; i++) print $2, names[i]; n = 0 }
	' >"$scratch/fuzz-targets"
	report "## Fuzzing" "" "Each target for $fuzztime with \`go test -fuzz\`:" "" \
		"| package | target | result |" "|---|---|---|"
	local pkg name status
	while read -r pkg name; do
		status=ok
		fuzz_target "$pkg" "$name" "$fuzztime" >"$scratch/fuzz.log" 2>&1 ||
			{ status=FAILED; tail -n 30 "$scratch/fuzz.log"; }
		echo "fuzz ${pkg#github.com/ukglink/ukglink/} $name: $status"
		report "| ${pkg#github.com/ukglink/ukglink/} | $name | $status |"
		[[ "$status" == ok ]] || return 1
	done <"$scratch/fuzz-targets"
	report ""
}

# ---- main -----------------------------------------------------------------

sections=("$@")
if ((${#sections[@]} == 0)); then
	sections=(verify startup size batch fuzz)
fi
for section in "${sections[@]}"; do
	case "$section" in
	verify | startup | size | batch | fuzz) ;;
	*)
		echo "usage: scripts/bench.sh [verify|startup|size|batch|fuzz]..." >&2
		exit 2
		;;
	esac
done

: >"$results"
report "# Benchmark results" ""
machine_facts
failed=0
for section in "${sections[@]}"; do
	echo "=== bench: $section"
	if ! "bench_$section"; then
		echo "--- FAIL: bench $section"
		report "## $section" "" "Failed; see the output of scripts/bench.sh $section." ""
		failed=1
	fi
done
echo
cat "$results"
exit "$failed"
