# shellcheck shell=bash
# The one test harness of the shell tests, on the host and in the guest:
# numbered TAP lines, skips that say why, setup steps that stop the test
# instead of counting as passes, the plan, and the tally of results.
#
# A test prints "ok N - what", "not ok N - what" or "ok N - what # SKIP
# why", and "1..N" as its last line (tap_done).  A test that stops before
# tap_done has no plan, and its runner fails it: checks are never lost
# silently.  A runner adds up the closing lines "N passed, N failed" or
# "N passed, N failed, N skipped" of what it ran (tap_tally).

TAP_N=0
TAP_FAILED=0
TAP_SKIPPED=0

ok() {
	TAP_N=$((TAP_N + 1))
	echo "ok $TAP_N - $*"
}

not_ok() {
	TAP_N=$((TAP_N + 1))
	TAP_FAILED=$((TAP_FAILED + 1))
	echo "not ok $TAP_N - $*"
}

# skip DESC WHY: a check not run here, and why.
skip() {
	TAP_N=$((TAP_N + 1))
	TAP_SKIPPED=$((TAP_SKIPPED + 1))
	echo "ok $TAP_N - $1 # SKIP $2"
}

# bail WHY: the test cannot go on; its runner counts it as failed.
bail() {
	echo "Bail out! $*"
	exit 1
}

# setup DESC CMD...: a step the checks after it depend on (a namespace, a
# capture started).  Not a check: nothing is printed when it works; when
# it fails, the test stops with a failure and CMD's output.
setup() {
	local desc=$1 out
	shift
	if ! out=$("$@" 2>&1); then
		not_ok "setup: $desc"
		printf '#   %s\n' "$*" "$out" | head -n 20
		bail "setup failed: $desc"
	fi
}

# tap_done [--result]: the plan, last; with --result also the closing
# line "N passed, N failed, N skipped" that runners add up (for a test run
# alone, not a scenario, whose runner counts its lines).  Exits non-zero
# if a check failed.
tap_done() {
	echo "1..$TAP_N"
	if [[ ${1:-} == --result ]]; then
		echo "$((TAP_N - TAP_FAILED - TAP_SKIPPED)) passed, $TAP_FAILED failed, $TAP_SKIPPED skipped"
	fi
	exit $((TAP_FAILED > 0))
}

# tap_count FILE: "PASSED FAILED SKIPPED" counted from FILE's TAP lines.
# A plan that is missing or does not match the lines, or a bail-out,
# adds one failure.
tap_count() {
	awk '
		/^ok / { if ($0 ~ / # SKIP /) s++; else p++; n++ }
		/^not ok / { f++; n++ }
		/^1\.\.[0-9]+$/ { plan = substr($0, 4) + 0; planned = 1 }
		/^Bail out!/ { bailed = 1 }
		END {
			if (bailed) {
				if (!f)
					f++
			}
			else if (!planned) {
				print "not ok - no plan: stopped after " n + 0 " checks" > "/dev/stderr"
				f++
			} else if (plan != n) {
				print "not ok - planned " plan " checks, ran " n + 0 > "/dev/stderr"
				f++
			}
			print p + 0, f + 0, s + 0
		}' "$1"
}

# tap_tally FILE [WHAT]: adds FILE's closing "N passed, N failed[, N
# skipped]" line to TALLY_PASSED, TALLY_FAILED and TALLY_SKIPPED, and
# records "WHAT: line" in TALLY_PARTS.  No such line is one failure.
TALLY_PASSED=0
TALLY_FAILED=0
TALLY_SKIPPED=0
TALLY_PARTS=()
tap_tally() {
	local line p f s=0
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' "$1" | tail -n 1)
	if [[ -z $line ]]; then
		echo "not ok - ${2:-$1} printed no result"
		TALLY_FAILED=$((TALLY_FAILED + 1))
		TALLY_PARTS+=("${2:-$1}: no result")
		return
	fi
	read -r p _ f _ s _ <<<"${line//,/}"
	TALLY_PASSED=$((TALLY_PASSED + p))
	TALLY_FAILED=$((TALLY_FAILED + f))
	TALLY_SKIPPED=$((TALLY_SKIPPED + ${s:-0}))
	TALLY_PARTS+=("${2:-$1}: $p passed, $f failed, ${s:-0} skipped")
}

# tap_summary: the closing line of a runner.
tap_summary() {
	echo "$TALLY_PASSED passed, $TALLY_FAILED failed, $TALLY_SKIPPED skipped"
}
