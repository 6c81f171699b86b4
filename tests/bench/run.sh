#!/bin/bash
# make bench: boots the guest once and runs tests/bench/bench-guest.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mkdir -p build
exec tests/qemu/run-guest.sh --timeout "${VPNLINK_BENCH_TIMEOUT:-1800}" --log build/bench.log \
	-- tests/bench/bench-guest.sh
