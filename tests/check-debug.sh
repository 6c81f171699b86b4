#!/bin/bash
# make check-debug: the scenarios again, on a kernel with KASAN, lockdep,
# kmemleak and friends, built from Debian's linux-source and cached outside
# the clone (tests/qemu/debug-kernel.sh: /var/cache/vpnlink, or
# $VPNLINK_CACHE); then a kmemleak scan.  Ends with "N passed, N failed,
# N skipped".
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/.."
top=$PWD
. tests/tap.sh
# Output names: build/NAME-module/, build/NAME.out, build/NAME-I.{out,log}
# (VPNLINK_DEBUG_NAME, so that two runs in one checkout do not collide).
name=${VPNLINK_DEBUG_NAME:-guest-debug}
moddir=$top/build/$name-module
mkdir -p build

# Built unless the cache has it for these inputs; then where it is.
if ! tests/qemu/debug-kernel.sh || ! kdir=$(tests/qemu/debug-kernel.sh --path); then
	echo "not ok - the debug kernel builds (tests/qemu/debug-kernel.sh)"
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi

# The module, built for that kernel out of a copy of the sources: objects
# of two kernels cannot share kmod/.
rm -rf "$moddir"
mkdir -p "$moddir/kmod"
cp -r Kbuild include "$moddir/"
cp kmod/Kbuild "$moddir/kmod/"
for f in kmod/*.[ch]; do
	[[ $f == *.mod.c ]] || cp "$f" "$moddir/kmod/"
done
if ! make -C "$kdir" M="$moddir" W=1 modules >"$moddir.log" 2>&1; then
	tail -n 20 "$moddir.log"
	echo "not ok - module builds for the debug kernel"
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi

# Everything is several times slower under KASAN and lockdep: longer
# timeouts, and the loops that only repeat themselves run fewer times.
export VPNLINK_KO=$moddir/kmod/vpnlink.ko
export VPNLINK_SCENARIO_TIMEOUT=${VPNLINK_SCENARIO_TIMEOUT:-1800}
export VPNLINK_SLOW_KERNEL=1
# The scenarios: all of them, but those that say "# debug kernel: skip"
# (what they test is userspace, and the debug kernel's time is dear).
# Those left out are said, with their reason, and counted as skipped.
if [[ $# -eq 0 ]]; then
	for s in tests/scenarios/*.sh; do
		why=$(sed -n 's/^# debug kernel: skip *//p' "$s" | head -n 1)
		if [[ -z $why ]] && ! grep -q '^# debug kernel: skip' "$s"; then
			set -- "$@" "$s"
			continue
		fi
		skip "scenario $(basename "$s" .sh)" "debug kernel: ${why:-see its header}"
	done
fi
# kmemleak, in every guest: forget what the kernel itself leaked while
# booting, run the scenarios, then scan.
# 1 GiB guests: kmemleak's scans walk every page's struct page, and
# under TCG that is a minute per scan at 2 GiB.
# One vCPU each, as a rule: two guests of two vCPUs on two host cores
# made every debug scenario about twice as slow as alone (a preempted vCPU
# holding a lock stalls the other, and lockdep and KASAN hold locks long),
# so sharding gained nothing; two guests of one vCPU each run at nearly
# full speed side by side.  But KASAN and lockdep must also see a packet
# handed to another CPU: a scenario that says "# debug kernel: cpus N"
# (15-concurrency) runs in the first guest, given N vCPUs, and the other
# guest keeps one.
cpus=1
for s in "$@"; do
	n=$(sed -n 's/^# debug kernel: cpus \([0-9]\+\).*/\1/p' "$s" | head -n 1)
	((${n:-1} > cpus)) && cpus=$n
done
tests/qemu/run-shards.sh --name "$name" --weights debug \
	--kernel "$kdir/arch/x86/boot/bzImage" --mem 1024 --cpus "$cpus,1" \
	--timeout "${VPNLINK_CHECK_TIMEOUT:-3600}" \
	--first tests/guest/kmemleak-start.sh --last tests/guest/kmemleak.sh \
	-- "$@" 2>&1 | tee "build/$name.out" | grep -E '^(ok|not ok|#|Bail out!)'
tap_tally "build/$name.out" "the debug scenarios"
TALLY_SKIPPED=$((TALLY_SKIPPED + TAP_SKIPPED))
tap_summary
[[ $TALLY_FAILED -eq 0 ]]
