#!/usr/bin/env bash
# Signs a Windows executable in place with osslsigncode (Authenticode, SHA-256).
#   UKGLINK_SIGN_CERT      code signing certificate chain, PEM or DER (required)
#   UKGLINK_SIGN_KEY       its private key, PEM or DER (required)
#   UKGLINK_SIGN_PASS_FILE file holding the key's passphrase (optional)
#   UKGLINK_SIGN_TIMESTAMP RFC 3161 timestamp server URL (optional; needs network)
# package.sh calls this for ukglink.exe, the uninstaller and the installer.
set -euo pipefail

if (($# != 1)); then
	echo "usage: sign-windows.sh FILE.exe" >&2
	exit 2
fi
file="$1"
for name in UKGLINK_SIGN_CERT UKGLINK_SIGN_KEY; do
	if [[ -z "${!name:-}" || ! -r "${!name}" ]]; then
		echo "sign-windows: $name must name a readable file" >&2
		exit 1
	fi
done
if ! command -v osslsigncode >/dev/null; then
	echo "sign-windows: osslsigncode not found: install it with 'apt-get install osslsigncode'" >&2
	exit 1
fi

args=(sign -certs "$UKGLINK_SIGN_CERT" -key "$UKGLINK_SIGN_KEY"
	-n "UKG Link Assistant" -h sha256)
if [[ -n "${UKGLINK_SIGN_PASS_FILE:-}" ]]; then
	args+=(-readpass "$UKGLINK_SIGN_PASS_FILE")
fi
if [[ -n "${UKGLINK_SIGN_TIMESTAMP:-}" ]]; then
	args+=(-ts "$UKGLINK_SIGN_TIMESTAMP")
fi

signed="$file.signed"
rm -f "$signed"
osslsigncode "${args[@]}" -in "$file" -out "$signed" >/dev/null
mv -f "$signed" "$file"
echo "signed: $file"
