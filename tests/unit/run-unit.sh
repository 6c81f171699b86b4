#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# run-unit.sh TEST-BINARY...
#
# Runs the unit test programs (TAP-like output), all at once, then shows
# their output in order and ends with the line "N passed, N failed": the
# "ok" and "not ok" lines of all programs, plus one failure for each
# program that exits non-zero without printing a "not ok" line (a crash,
# a sanitizer report, a leak).  Exits 1 on any failure.  Each program's
# output is kept in BINARY.log.  UNIT_JOBS=1 runs them one at a time.
set -uo pipefail

jobs=${UNIT_JOBS:-$(nproc 2>/dev/null || echo 2)}

run_one() {
	local bin=$1 start status
	start=$(date +%s%N)
	"$bin" >"$bin.log" 2>&1
	status=$?
	echo "$status $((($(date +%s%N) - start) / 1000000))" >"$bin.status"
}

running=0
for bin in "$@"; do
	rm -f "$bin.log" "$bin.status"
	run_one "$bin" &
	running=$((running + 1))
	if ((running >= jobs)); then
		wait -n
		running=$((running - 1))
	fi
done
wait

passed=0
failed=0
for bin in "$@"; do
	name="$(basename "$(dirname "$bin")")/$(basename "$bin")"
	read -r status ms <"$bin.status" || { status=127; ms=0; }
	echo "# $name"
	sed 's/^/  /' "$bin.log"
	p=$(grep -c '^ok ' "$bin.log")
	f=$(grep -c '^not ok ' "$bin.log")
	if [[ $status != 0 && $f == 0 ]]; then
		echo "  not ok - $name exited with status $status"
		f=1
	fi
	echo "# $name: $p passed, $f failed, ${ms} ms"
	passed=$((passed + p))
	failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
