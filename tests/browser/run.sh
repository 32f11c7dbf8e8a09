#!/usr/bin/env bash
# The web inbox's browser tests: headless Chromium (Debian's chromium + chromium-driver)
# driven by Debian's python3-selenium, against BUILD_DIR/aduan (default build/).
set -euo pipefail
cd "$(dirname "$0")/../.."
exec /usr/bin/python3 tests/browser/inbox_test.py "${1:-build}"
