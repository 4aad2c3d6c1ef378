#!/usr/bin/env bash
# Runs the full-disk tests on a real 256 KiB tmpfs, mounted in a private
# mount namespace so that it disappears with this script. First come the
# atomic writes, draft saves and bundle writes (go test -run RealFullTmpfs).
# Then "ukglink seal" writes onto the full tmpfs, and it must fail, say why,
# and leave no file behind. Runs as root, or as another user through a user
# namespace.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$root"

if [[ -z "${UKGLINK_FULL_DISK_NAMESPACE:-}" ]]; then
	namespace=(--mount --propagation private)
	if ((EUID != 0)); then
		namespace=(--map-root-user --mount)
	fi
	exec env UKGLINK_FULL_DISK_NAMESPACE=1 unshare "${namespace[@]}" bash "$0" "$@"
fi

require_command age-keygen age
tmp="$(mktemp -d "${TMPDIR:-/tmp}/ukglink-full-disk.XXXXXX")"
mnt="$tmp/tmpfs"
mkdir -p "$mnt"
mount -t tmpfs -o size=256k,mode=0700 tmpfs "$mnt"
cleanup() {
	umount "$mnt" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
	echo "test-full-disk: $*" >&2
	exit 1
}

echo "== go test -run RealFullTmpfs on a 256 KiB tmpfs"
log="$tmp/go-test.log"
UKGLINK_TMPFS_DIR="$mnt" go test -p 1 -count=1 -v -run 'RealFullTmpfs' \
	./backend/atomicfile/ ./backend/profile/ ./backend/bundle/ 2>&1 | tee "$log"
for name in TestWriteRealFullTmpfs TestSaveRealFullTmpfs TestWriteFileRealFullTmpfs; do
	grep -q -- "--- PASS: $name " "$log" || fail "$name did not pass"
done

echo "== ukglink seal onto a full tmpfs"
go build -o "$tmp/ukglink" .
key="$(age-keygen 2>/dev/null | grep -o 'age1[0-9a-z]*')"
printf 'full-disk-test-secret-0123456789' >"$tmp/secret"
dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null || true
status=0
env HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state" XDG_DATA_HOME="$tmp/data" \
	"$tmp/ukglink" seal --no-verify --reason "full-disk test" --subdomain servicet \
	--tenant USG1008IT124S --client-id ukglink-full-disk-test --client-secret-file "$tmp/secret" \
	--recipient "$key" -o "$mnt/link.age" >"$tmp/seal.out" 2>&1 || status=$?
cat "$tmp/seal.out"
((status == 3)) || fail "seal onto a full disk exited $status, want 3"
grep -q -i 'no space left on device' "$tmp/seal.out" || fail "seal did not say the disk is full"
grep -q "^hint: the disk holding $mnt is full" "$tmp/seal.out" || fail "seal gave no hint about the full disk"
leftover="$(find "$mnt" -mindepth 1 ! -name filler)"
[[ -z "$leftover" ]] || fail "seal left files on the full disk: $leftover"
if grep -q -F "$(cat "$tmp/secret")" "$tmp/seal.out"; then
	fail "seal printed the client secret"
fi
echo "test-full-disk: all passed"
