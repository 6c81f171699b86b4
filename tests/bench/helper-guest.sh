#!/bin/bash
# The helper's part of make bench, in the guest: time from `up` on both
# sides to the first ping reply across, and a gateway with 1,000 peers:
# how long its `up` takes and the daemon's memory.  Prints its rows of the
# table; asserts nothing.
. "$(dirname "$0")/../guest/helper.sh"

ROUNDS=${VPNLINK_BENCH_ROUNDS:-5}
vl_load
underlay_up
keys_new
vl_conf hba0 "$K_A" 10.0.0.1/24 51820 "$P_B" 192.0.2.2:51821 10.0.0.2/32
vl_conf hbb0 "$K_B" 10.0.0.2/24 51821 "$P_A" 192.0.2.1:51820 10.0.0.1/32

ms() { echo $(($(date +%s%N) / 1000000)); }
median() { sort -n | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : "n/a" }'; }

# Up on both sides, then ping until the first reply.
for ((r = 0; r < ROUNDS; r++)); do
	t0=$(ms)
	vl_up vla hba0 >/dev/null && vl_up vlb hbb0 >/dev/null
	until in_ns vla ping -c 1 -W 1 10.0.0.2 >/dev/null 2>&1; do
		(($(ms) - t0 < 30000)) || break
	done
	echo $(($(ms) - t0)) >>"$VL_TMP/first"
	vl_down vla hba0 >/dev/null
	vl_down vlb hbb0 >/dev/null
done

# 1,000 peers (config made on the host by run.sh).
cp "$VL_ROOT/build/bench/peers1000.conf" "$VL_TMP/etc/big0.conf"
chmod 600 "$VL_TMP/etc/big0.conf"
for ((r = 0; r < 3; r++)); do
	t0=$(ms)
	vl_up vla big0 >/dev/null
	echo $(($(ms) - t0)) >>"$VL_TMP/bigup"
	rss=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$(daemon_pid big0)/status")
	echo $((rss / 1024)) >>"$VL_TMP/rss"
	peers=$(in_ns vla "$HELPER" show big0 | grep -c '^peer:')
	vl_down vla big0 >/dev/null
done

printf '%-46s %12s\n' "helper: handshakes/s as responder, one core" "${VPNLINK_BENCH_HS:-n/a}"
printf '%-46s %12s\n' "helper: up on both sides to first reply (ms)" "$(median <"$VL_TMP/first")"
printf '%-46s %12s\n' "helper: up with 1,000 peers (ms)" "$(median <"$VL_TMP/bigup")"
printf '%-46s %12s\n' "helper: daemon RSS with 1,000 peers (MiB)" "$(median <"$VL_TMP/rss")"
echo "(handshakes/s measured on the host, in process, best of 3; the rest in the guest, medians; $peers peers seen by show)"
