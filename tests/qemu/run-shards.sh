#!/bin/bash
# run-shards.sh [options] -- SCENARIO...
#
# Runs the scenarios in several guests at once and prints, shard by shard,
# their ok / not ok / # lines, then "N passed, N failed, N skipped" over all
# shards (a shard's own closing line may have the skipped count or not);
# exits non-zero on any failure.  Most of a scenario's time goes to one
# vCPU (shell commands one after the other) or to waiting (timers), so two
# guests on two host cores take little more than half the time of one.
#
# Scenarios are dealt out longest first, each to the shard with the least
# work so far; a scenario's length is its "# weight: SECONDS" line
# (seconds on the Debian kernel under TCG; 60 if it has none), or with
# --weights debug its "# weight-debug: SECONDS" line if it has one (the
# debug kernel slows some scenarios far more than others).
#
# With --weights debug, a scenario's "# debug kernel: cpus N" line sends it
# to the least loaded shard of at least N vCPUs (or, if none has that
# many, to the one with most, where the scenario itself says what it
# lacks); others need one.
#
# Options:
#   --shards N       guests to run at once (default $VPNLINK_SHARDS or 2)
#   --name NAME      output files build/NAME-I.out (console, ok lines) and
#                    build/NAME-I.log (kernel log); default "guest"
#   --first SCRIPT   run SCRIPT in every guest before its scenarios
#   --last SCRIPT    and SCRIPT after them
#   --timeout S      per guest (run-guest.sh --timeout)
#   --kernel FILE    passed to run-guest.sh
#   --mem MB         passed to run-guest.sh
#   --cpus N[,N...]  vCPUs of each shard's guest: "2,1" gives shard 0 two
#                    and every later shard one (the last number repeats);
#                    a single number is every shard's (default: run-guest's)
#   --weights debug  deal by the scenarios' debug-kernel lines (weight-debug,
#                    and "debug kernel: cpus")
#
# VPNLINK_CHECK_DEADLINE (seconds since the epoch; .ci/run sets it from
# CI's budget): no guest runs past it, whatever --timeout says, so that a
# hung guest still leaves time for what comes after it.
set -u

# Parsed whole before it runs: safe to edit during a long run.
{

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
shards=${VPNLINK_SHARDS:-2}
name=guest
first=
last=
timeout=1500
# Scenarios test proxy-ARP on physical interfaces too.
guest_args=(--wired-nics)
weight_key=weight
cpus_key=
cpu_list=
while [[ $# -gt 0 ]]; do
	case $1 in
	--shards) shards=$2 && shift 2 ;;
	--name) name=$2 && shift 2 ;;
	--first) first=$2 && shift 2 ;;
	--last) last=$2 && shift 2 ;;
	--timeout) timeout=$2 && shift 2 ;;
	--kernel) guest_args+=(--kernel "$2") && shift 2 ;;
	--mem) guest_args+=(--mem "$2") && shift 2 ;;
	--cpus) cpu_list=$2 && shift 2 ;;
	--weights) weight_key=weight-$2 cpus_key="$2 kernel: cpus" && shift 2 ;;
	--) shift && break ;;
	*) echo "run-shards: unknown option $1" >&2 && exit 2 ;;
	esac
done
[[ $# -gt 0 ]] || set -- tests/scenarios/*.sh
((shards >= 1)) || shards=1
if [[ -n ${VPNLINK_CHECK_DEADLINE:-} ]]; then
	left=$((VPNLINK_CHECK_DEADLINE - $(date +%s)))
	((left >= 60)) || left=60
	if ((left < timeout)); then
		echo "# the guests time out after $left s, not $timeout: the deadline of VPNLINK_CHECK_DEADLINE"
		timeout=$left
	fi
fi
((shards <= $#)) || shards=$#

# Each shard's vCPUs: 0 leaves run-guest.sh's default (2).
declare -a cpus
IFS=, read -r -a given <<<"$cpu_list"
for ((i = 0; i < shards; i++)); do
	if ((${#given[@]} == 0)); then
		cpus[i]=0
	elif ((i < ${#given[@]})); then
		cpus[i]=${given[i]}
	else
		cpus[i]=${given[-1]}
	fi
	[[ ${cpus[i]} =~ ^[0-9]+$ ]] || { echo "run-shards: --cpus takes numbers: $cpu_list" >&2 && exit 2; }
done
# vcpus I: shard I's vCPUs, run-guest.sh's default standing for 0.
vcpus() { echo $((cpus[$1] ? cpus[$1] : 2)); }

# Deal the scenarios out: longest first, to the least loaded shard that
# has the vCPUs they need.
declare -a load lists
for ((i = 0; i < shards; i++)); do
	load[i]=0
	lists[i]=
done
while read -r weight need scenario; do
	best=-1
	for ((i = 0; i < shards; i++)); do
		(($(vcpus $i) >= need)) || continue
		((best < 0 || load[i] < load[best])) && best=$i
	done
	if ((best < 0)); then
		best=0
		for ((i = 1; i < shards; i++)); do
			(($(vcpus $i) > $(vcpus $best))) && best=$i
		done
		echo "# $scenario wants $need vCPUs; the most a shard has is $(vcpus $best)"
	fi
	load[best]=$((load[best] + weight))
	lists[best]+="$scenario "
done < <(for s in "$@"; do
	w=$(sed -n "s/^# $weight_key: \\([0-9]\\+\\).*/\\1/p" "$s" | head -n 1)
	[[ -n $w ]] || w=$(sed -n 's/^# weight: \([0-9]\+\).*/\1/p' "$s" | head -n 1)
	n=
	[[ -z $cpus_key ]] || n=$(sed -n "s/^# $cpus_key *\\([0-9]\\+\\).*/\\1/p" "$s" | head -n 1)
	echo "${w:-60} ${n:-1} $s"
done | sort -k1,1nr -k3,3)

mkdir -p build
pids=()
for ((i = 0; i < shards; i++)); do
	shard_args=("${guest_args[@]}")
	((cpus[i] == 0)) || shard_args+=(--cpus "${cpus[i]}")
	# shellcheck disable=SC2086 # the list is space-separated file names
	"$here/run-guest.sh" "${shard_args[@]}" --timeout "$timeout" \
		--log "build/$name-$i.log" -- tests/guest/run-scenarios.sh \
		$first ${lists[i]} $last >"build/$name-$i.out" 2>&1 &
	pids+=($!)
	# The first guest builds the cached initramfs; let it have a head start.
	((i == 0)) && sleep 2
done

. "$here/../tap.sh"
for ((i = 0; i < shards; i++)); do
	wait "${pids[i]}"
	rc=$?
	out=build/$name-$i.out
	echo "# shard $i:${lists[i]% }"
	grep -E '^(ok|not ok|#|Bail out!)' "$out"
	f0=$TALLY_FAILED
	tap_tally "$out" "shard $i (see $out, build/$name-$i.log)"
	if ((TALLY_FAILED > f0)) && ! grep -q '^not ok' "$out"; then
		grep -E '^run-guest:' "$out" | sed 's/^/#   /'
	elif [[ $rc -ne 0 ]] && ! grep -q '^not ok' "$out"; then
		# Every scenario said ok, yet the run failed: the kernel complained.
		echo "not ok - shard $i: the guest kernel log is clean (run-guest exit $rc, see build/$name-$i.log)"
		grep -E '^run-guest:' "$out" | sed 's/^/#   /'
		TALLY_FAILED=$((TALLY_FAILED + 1))
	fi
done
tap_summary
[[ $TALLY_FAILED -eq 0 ]]
exit
}
