# Shortcuts for the scripts in scripts/; see docs/building.md.
.PHONY: setup run test bench package package-linux package-windows macos icons

setup:
	bash scripts/setup.sh
run:
	bash scripts/launch.sh
test:
	bash scripts/test.sh
bench:
	bash scripts/bench.sh
package:
	bash scripts/package.sh all
package-linux:
	bash scripts/package.sh linux
package-windows:
	bash scripts/package.sh windows
macos:
	bash scripts/build-macos.sh
icons:
	bash scripts/make-icons.sh
