#!/bin/bash
# make check: unit tests (plain and ASan/UBSan), style and static checks,
# then every scenario in a guest booted on the installed Debian kernel.
# Ends with "N passed, N failed"; non-zero exit on any failure.
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p build
passed=0 failed=0

# tally LOG: adds the LOG's final "N passed, N failed" to the totals.
tally() {
	local line
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -n 1)
	if [[ -z $line ]]; then
		echo "not ok - $2 printed no result"
		failed=$((failed + 1))
		return
	fi
	passed=$((passed + ${line%% *}))
	line=${line#*, }
	failed=$((failed + ${line%% *}))
}

echo "# unit tests"
make --no-print-directory unit-check 2>&1 | tee build/unit.log
tally build/unit.log "unit tests"

echo "# lint"
tests/lint.sh 2>&1 | tee build/lint.log
tally build/lint.log "lint"

echo "# fuzzing the parsers of untrusted input, briefly"
make --no-print-directory FUZZ_TIME="${VPNLINK_FUZZ_TIME:-20}" fuzz-check 2>&1 | tee build/fuzz.log
tally build/fuzz.log "fuzzing"

echo "# the helper's keys against wg(8)"
tests/unit/test_keys_wg.sh user/vpnlink-helper 2>&1 | tee build/keys-wg.log
tally build/keys-wg.log "key commands against wg"

echo "# scenarios in the guest"
tests/qemu/run-shards.sh --name guest --timeout "${VPNLINK_CHECK_TIMEOUT:-1500}" \
	-- "$@" 2>&1 | tee build/guest.out | grep -E '^(ok|not ok|#)'
tally build/guest.out "scenarios"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
