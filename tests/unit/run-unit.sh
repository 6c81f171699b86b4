#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# run-unit.sh TEST-BINARY...
#
# Runs the unit test programs (TAP output), all at once, then shows their
# output in order and ends with the line "N passed, N failed, N skipped".
# Each program is built twice, plain and with ASan/UBSan (the directory
# above it names the flavour): the same checks run twice, so they count
# once.  "passed" and "skipped" are the plain run's; "failed" is every
# "not ok" line of either run, plus one for each program that exits
# non-zero without a "not ok" line (a crash, a sanitizer report, a leak)
# or without its plan.  Exits 1 on any failure.  Each program's output is
# kept in BINARY.log.  UNIT_JOBS=1 runs them one at a time.
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

declare -A fp ff fs
for bin in "$@"; do
	name="$(basename "$(dirname "$bin")")/$(basename "$bin")"
	flavour=$(basename "$(dirname "$bin")")
	read -r status ms <"$bin.status" || { status=127; ms=0; }
	echo "# $name"
	sed 's/^/  /' "$bin.log"
	p=$(grep -c '^ok ' "$bin.log")
	s=$(grep -c '^ok .* # SKIP ' "$bin.log")
	p=$((p - s))
	f=$(grep -c '^not ok ' "$bin.log")
	if [[ $status != 0 && $f == 0 ]]; then
		echo "  not ok - $name exited with status $status"
		f=1
	elif ! grep -qE '^1\.\.[0-9]+$' "$bin.log"; then
		echo "  not ok - $name printed no plan"
		f=$((f + 1))
	fi
	echo "# $name: $p passed, $f failed, $s skipped, ${ms} ms"
	fp[$flavour]=$((${fp[$flavour]:-0} + p))
	ff[$flavour]=$((${ff[$flavour]:-0} + f))
	fs[$flavour]=$((${fs[$flavour]:-0} + s))
done
failed=0
for flavour in plain asan; do
	[[ -n ${fp[$flavour]:-} ]] || continue
	what="the checks"
	[[ $flavour == plain ]] || what="second pass of the same checks"
	echo "# $flavour ($what): ${fp[$flavour]} passed, ${ff[$flavour]} failed, ${fs[$flavour]} skipped"
	failed=$((failed + ${ff[$flavour]}))
done
echo "${fp[plain]:-0} passed, $failed failed, ${fs[plain]:-0} skipped"
[[ $failed == 0 ]]
