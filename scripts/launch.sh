#!/usr/bin/env bash
# Builds UKG Link Assistant and opens it. With no saved profile yet it opens
# the demo ("ukglink demo"), which talks to the built-in UKG simulator. Once
# a profile exists under ~/.config/ukglink/profiles, it opens the wizard.
# Extra arguments go to ukglink, e.g. scripts/launch.sh --scenario missing-scopes
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$root"

bash scripts/setup.sh
echo "launch: building the frontend"
build_frontend >/dev/null
echo "launch: building build/bin/ukglink $(ukglink_version)"
build_production

profiles="${XDG_CONFIG_HOME:-$HOME/.config}/ukglink/profiles"
shopt -s nullglob
saved=("$profiles"/*.json)
shopt -u nullglob

# A command ("demo", "check", "--version", ...) runs as given; flags such as
# --scenario NAME go to the demo while there is no profile yet.
case "${1:-}" in
[a-z]* | --version | -version | -h | -help | --help)
	exec build/bin/ukglink "$@"
	;;
esac
if ((${#saved[@]} == 0)); then
	echo "launch: no profile in $profiles yet, opening the demo"
	exec build/bin/ukglink demo "$@"
fi
exec build/bin/ukglink "$@"
