#!/bin/bash
# The benchmark, run inside the guest (tests/bench/run.sh boots it): TCP
# throughput with 1 and 4 flows and ping RTT, over a plain veth pair, the
# stock WireGuard module and vpnlink (fixed keys), in one boot.  Runs are
# interleaved round by round so that drift hits every contender alike;
# the table shows medians and the ratio vpnlink / WireGuard.  It asserts
# nothing: timings are for people to read.
. "$(dirname "$0")/../guest/lib.sh"

ROUNDS=${VPNLINK_BENCH_ROUNDS:-5}
SECS=${VPNLINK_BENCH_SECONDS:-5}

vl_load
modprobe wireguard

# pair NAME: two namespaces NAME1, NAME2 on a veth underlay 192.168.N.0/24.
pair() {
	local n=$1 net=$2
	ip netns add "${n}1"
	ip netns add "${n}2"
	ip link add u1 netns "${n}1" type veth peer name u2 netns "${n}2"
	in_ns "${n}1" ip addr add "192.168.$net.1/24" dev u1
	in_ns "${n}2" ip addr add "192.168.$net.2/24" dev u2
	for i in 1 2; do
		in_ns "$n$i" ip link set lo up
		in_ns "$n$i" ip link set "u$i" up
	done
}

# Plain veth: the ceiling.
pair veth 10
declare -A target=([veth]=192.168.10.2)

# Stock WireGuard.
pair wg 20
wg genkey >"$VL_TMP/wg1.key"
wg genkey >"$VL_TMP/wg2.key"
for i in 1 2; do
	j=$((3 - i))
	in_ns "wg$i" ip link add wg0 type wireguard
	in_ns "wg$i" wg set wg0 private-key "$VL_TMP/wg$i.key" listen-port $((51900 + i)) \
		peer "$(wg pubkey <"$VL_TMP/wg$j.key")" endpoint "192.168.20.$j:$((51900 + j))" \
		allowed-ips "10.20.0.$j/32"
	in_ns "wg$i" ip addr add "10.20.0.$i/24" dev wg0
	in_ns "wg$i" ip link set wg0 up
done
target[wg]=10.20.0.2

# vpnlink with fixed keys.
pair vl 30
for i in 1 2; do
	j=$((3 - i))
	in_ns "vl$i" ip link add vpn0 type vpnlink
	in_ns "vl$i" "$VLCTL" dev set vpn0 port $((51800 + i))
	in_ns "vl$i" ip addr add "10.30.0.$i/24" dev vpn0
	in_ns "vl$i" ip link set vpn0 up
done
in_ns vl1 "$VLCTL" peer add vpn0 "$PUB_B" endpoint 192.168.30.2:51802 allowed 10.30.0.2/32
in_ns vl2 "$VLCTL" peer add vpn0 "$PUB_A" endpoint 192.168.30.1:51801 allowed 10.30.0.1/32
# Fixed keys: the module refuses a keypair 180 s old, as WireGuard does,
# and no helper rekeys here, so every round installs a fresh one.
vl_keys() {
	local a=$((2 * $1 + 1)) b=$((2 * $1 + 2))
	in_ns vl2 "$VLCTL" keypair add vpn0 "$PUB_A" local $b remote $a send "$KEY_BA" recv "$KEY_AB"
	in_ns vl1 "$VLCTL" keypair add vpn0 "$PUB_B" local $a remote $b send "$KEY_AB" recv "$KEY_BA" initiator
}
vl_keys 0
target[vl]=10.30.0.2

for k in veth wg vl; do
	in_ns "${k}1" ping -q -c 3 -i 0.2 "${target[$k]}" >/dev/null ||
		echo "# warning: $k does not ping"
	in_ns "${k}2" iperf3 -s -D >/dev/null 2>&1
done
sleep 1

# busy: jiffies the CPUs spent busy and idle so far, from /proc/stat.
busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat; }

# tcp KIND FLOWS: sets mbits to the Mbit/s received (0 on failure) and
# appends to cpu[KIND] the share of both vCPUs that was busy meanwhile.
declare -A cpu
tcp() {
	local b0 i0 b1 i1
	read -r b0 i0 < <(busy)
	mbits=$(in_ns "${1}1" iperf3 -c "${target[$1]}" -t "$SECS" -P "$2" -J 2>/dev/null |
		awk -F'[:,]' '/"sum_received"/ { s = 1 } s && /"bits_per_second"/ { printf "%.0f\n", $2 / 1e6; exit }')
	read -r b1 i1 < <(busy)
	cpu[$1]+="$(((b1 - b0) * 100 / (b1 - b0 + i1 - i0 + 1))) "
}

# rtt KIND: median ping RTT in microseconds, over 50 pings.
rtt() {
	in_ns "${1}1" ping -c 50 -i 0.02 "${target[$1]}" 2>/dev/null |
		sed -n 's/.*time=\([0-9.]*\) ms.*/\1/p' | sort -g |
		awk '{ v[NR] = $1 } END { if (NR) printf "%.0f\n", v[int((NR + 1) / 2)] * 1000; else print 0 }'
}

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] + 0 }'; }

declare -A r1 r4 rt
for round in $(seq 1 "$ROUNDS"); do
	vl_keys "$round"
	for k in veth wg vl; do
		tcp $k 1
		r1[$k]+="${mbits:-0} "
		tcp $k 4
		r4[$k]+="${mbits:-0} "
		rt[$k]+="$(rtt $k) "
	done
	echo "# round $round/$ROUNDS done"
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
declare -A m1 m4 mr mc
for k in veth wg vl; do
	mc[$k]=$(median <<<"${cpu[$k]}")
	m1[$k]=$(median <<<"${r1[$k]}")
	m4[$k]=$(median <<<"${r4[$k]}")
	mr[$k]=$(median <<<"${rt[$k]}")
done

echo
echo "vpnlink benchmark: $(nproc) vCPUs, kernel $(uname -r), $ROUNDS interleaved rounds of ${SECS} s, medians"
printf '%-26s %12s %12s %12s %16s\n' "" "veth" "wireguard" "vpnlink" "vpnlink/wg"
printf '%-26s %12s %12s %12s %16s\n' "TCP 1 flow (Mbit/s)" "${m1[veth]}" "${m1[wg]}" "${m1[vl]}" "$(ratio "${m1[vl]}" "${m1[wg]}")"
printf '%-26s %12s %12s %12s %16s\n' "TCP 4 flows (Mbit/s)" "${m4[veth]}" "${m4[wg]}" "${m4[vl]}" "$(ratio "${m4[vl]}" "${m4[wg]}")"
printf '%-26s %12s %12s %12s %16s\n' "ping RTT (us, lower=better)" "${mr[veth]}" "${mr[wg]}" "${mr[vl]}" "$(ratio "${mr[vl]}" "${mr[wg]}")"
printf '%-26s %12s %12s %12s\n' "vCPUs busy during TCP (%)" "${mc[veth]}" "${mc[wg]}" "${mc[vl]}"
echo
echo "raw 1 flow: veth ${r1[veth]}| wg ${r1[wg]}| vl ${r1[vl]}"
echo "raw 4 flows: veth ${r4[veth]}| wg ${r4[wg]}| vl ${r4[vl]}"
echo "raw rtt: veth ${rt[veth]}| wg ${rt[wg]}| vl ${rt[vl]}"

echo
"$(dirname "$0")/helper-guest.sh"
"$(dirname "$0")/arp-guest.sh"
