#!/bin/bash
# Runs scenarios inside the test guest and prints their TAP lines, then
# "N passed, N failed, N skipped".  A scenario that dies, times out, bails
# out or ends without its plan (tests/tap.sh) counts as a failure even if
# its lines said ok.
#   run-scenarios.sh [SCENARIO...]   (default: every tests/scenarios/*.sh)
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/../.."

. tests/tap.sh
per_scenario_timeout=${VPNLINK_SCENARIO_TIMEOUT:-600}
if [[ $# -eq 0 ]]; then
	set -- tests/scenarios/*.sh
fi

# Kernel text must not be rewritten under the scenarios' traffic: see
# pin-static-keys.py.  It says "pinned" once it holds the keys.
coproc pin { python3 "$here/pin-static-keys.py"; }
read -r -t 30 _ <&"${pin[0]}" || echo "# static keys not pinned"

passed=0 failed=0 skipped=0
for scenario in "$@"; do
	name=$(basename "$scenario" .sh)
	echo "# scenario $name"
	start=$SECONDS
	out=$(mktemp)
	timeout --kill-after=10 "$per_scenario_timeout" bash "$scenario" 2>&1 | tee "$out"
	rc=${PIPESTATUS[0]}
	read -r p f s < <(tap_count "$out" 2>"$out.why")
	sed "s/^not ok - /not ok - $name: /" "$out.why"
	if [[ $rc -ne 0 ]] && ! grep -q '^not ok ' "$out" && [[ ! -s $out.why ]]; then
		echo "not ok - $name exited with status $rc"
		f=$((f + 1))
	fi
	rm -f "$out" "$out.why"
	echo "# $name: $p passed, $f failed, $s skipped, $((SECONDS - start)) s"
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
	# Nothing a scenario left behind may leak into the next one.
	for ns in $(ip netns list | awk '{ print $1 }'); do
		ip netns del "$ns"
	done
done
kill "$pin_PID" 2>/dev/null
echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
