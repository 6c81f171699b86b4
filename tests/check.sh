#!/bin/bash
# make check: unit tests (plain and ASan/UBSan), style and static checks,
# fuzzing, the key commands against wg(8), then every scenario in a guest
# booted on the installed Debian kernel (the first one tests the tools the
# others measure with).  Prints each part's result, then
# "N passed, N failed, N skipped"; non-zero exit on any failure.
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. tests/tap.sh
mkdir -p build

echo "# unit tests"
make --no-print-directory -j"$(nproc)" unit-check 2>&1 | tee build/unit.log
tap_tally build/unit.log "unit checks (each also run under ASan/UBSan)"

echo "# lint"
tests/lint.sh 2>&1 | tee build/lint.log
tap_tally build/lint.log "lint"

echo "# fuzzing the parsers of untrusted input, briefly"
make --no-print-directory -j"$(nproc)" FUZZ_TIME="${VPNLINK_FUZZ_TIME:-20}" fuzz-check 2>&1 | tee build/fuzz.log
tap_tally build/fuzz.log "fuzz targets"

echo "# the helper's keys against wg(8)"
tests/unit/test_keys_wg.sh user/vpnlink-helper 2>&1 | tee build/keys-wg.log
tap_tally build/keys-wg.log "key commands against wg"

echo "# what the harness calls a kernel problem"
tests/unit/test_kernel_log.sh 2>&1 | tee build/kernel-log.log
tap_tally build/kernel-log.log "kernel log checks"

echo "# scenarios in the guest"
tests/qemu/run-shards.sh --name guest --timeout "${VPNLINK_CHECK_TIMEOUT:-1500}" \
	-- "$@" 2>&1 | tee build/guest.out | grep -E '^(ok|not ok|#|Bail)'
tap_tally build/guest.out "scenario checks"

echo "# summary"
printf '#   %s\n' "${TALLY_PARTS[@]}"
tap_summary
[[ $TALLY_FAILED -eq 0 ]]
