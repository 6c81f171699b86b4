#!/bin/bash
# make demo: boots the guest once and runs tests/demo/demo-guest.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mkdir -p build
exec tests/qemu/run-guest.sh --timeout 600 --log build/demo.log -- tests/demo/demo-guest.sh
