#!/bin/bash
# The tools the other scenarios measure with are tested first: vlctl
# against the module (every command, the kernel's error paths, the
# events), vlpkt against itself and vlarp against the kernel's own ARP and
# NDP.  A scenario is only as good as the tool that tells it what happened.
# weight: 150 (seconds on the Debian kernel under TCG)
# debug kernel: skip (the tools are userspace; the module paths vlctl's
# selftest drives are the other scenarios' too)
. "$(dirname "$0")/../guest/lib.sh"

# relay NAME CMD...: runs a selftest and counts its TAP lines as this
# scenario's own, named NAME: ...; then checks that it ran to its plan and
# exited 0.
relay() {
	local name=$1 line rc p f s nl
	shift
	"$@" >"$VL_TMP/$name.out" 2>&1
	rc=$?
	while IFS= read -r line; do
		if [[ $line =~ ^ok\ [0-9]*\ *-\ (.*)\ \#\ SKIP\ (.*)$ ]]; then
			skip "$name: ${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
		elif [[ $line =~ ^ok\ [0-9]*\ *-\ (.*)$ ]]; then
			ok "$name: ${BASH_REMATCH[1]}"
		elif [[ $line =~ ^not\ ok\ [0-9]*\ *-\ (.*)$ ]]; then
			not_ok "$name: ${BASH_REMATCH[1]}"
		elif [[ ! $line =~ ^1\.\.[0-9]+$ ]]; then
			echo "#   $line"
		fi
	done <"$VL_TMP/$name.out"
	# Its failed checks are counted above; what is left is whether it
	# stopped early (no plan, a bail-out) or exited non-zero regardless.
	read -r p f s < <(tap_count "$VL_TMP/$name.out" 2>/dev/null)
	nl=$(grep -c '^not ok' "$VL_TMP/$name.out")
	if ((f == nl && (rc == 0 || nl > 0))); then
		ok "$name: ran to its plan ($p passed, $s skipped)"
	else
		not_ok "$name: ran to its plan"
		echo "#   exit status $rc, $((f - nl)) plan or bail-out failures"
	fi
}

setup "module loads" vl_load
relay vlctl "$VL_ROOT/tests/client/selftest.sh"
relay vlpkt "$VL_ROOT/tests/tools/vlpkt-selftest.sh" "$VLPKT"
relay vlarp "$VL_ROOT/tests/tools/vlarp-selftest.sh" "$VL_ROOT/tests/tools/vlarp"
tap_done
