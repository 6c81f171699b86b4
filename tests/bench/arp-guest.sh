#!/bin/bash
# The proxy-ARP part of make bench, in the guest: ARP reply latency,
# request to reply, median of 1,000 requests, vpnlink's proxy against the
# kernel's own proxy_arp (default settings) in the same boot.  Prints its
# rows; asserts nothing.
#
# The kernel answers a broadcast request for a proxied address after a
# random delay of up to proxy_delay (0.8 s by default), so requests are
# pipelined, one every 20 ms, over 121 addresses: each target has one
# request outstanding at most, and the kernel's proxy queue (64) never
# fills.  Both contenders get exactly the same requests.
. "$(dirname "$0")/../guest/lib.sh"
VLARP=$VL_ROOT/tests/tools/vlarp
N=${VPNLINK_BENCH_ARP:-1000}

vl_load
ip netns add gw
ip netns add h
ip link add lan0 netns gw type veth peer name eth0 netns h
in_ns gw ip link set lo up
in_ns h ip link set lo up
in_ns gw ip addr add 192.168.1.1/24 dev lan0
in_ns h ip addr add 192.168.1.10/24 dev eth0
in_ns gw ip link set lan0 up
in_ns h ip link set eth0 up
# The remote half of the LAN is a peer's: 192.168.1.128/25.
in_ns gw ip link add vpn0 type vpnlink
in_ns gw ip link set vpn0 up
in_ns gw "$VLCTL" peer add vpn0 "$PUB_B" allowed 192.168.1.128/25
in_ns gw ip route add 192.168.1.128/25 dev vpn0
in_ns gw sysctl -qw net.ipv4.ip_forward=1

run() {
	in_ns h "$VLARP" arp --iface eth0 --pipeline --count "$N" --interval-ms 20 \
		--timeout-ms 2000 --targets 192.168.1.130-192.168.1.250 --quiet 2>/dev/null |
		awk '$1 == "sent" { print $4, $6, $8 }'
}

in_ns gw "$VLCTL" dev set vpn0 proxy-lans lan0
read -r vl_replies vl_median vl_p90 < <(run)
in_ns gw "$VLCTL" dev set vpn0 proxy-lans none
in_ns h ip neigh flush dev eth0
in_ns gw sysctl -qw net.ipv4.conf.lan0.proxy_arp=1
read -r k_replies k_median k_p90 < <(run)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }'; }
echo
echo "proxy-ARP: $N requests, one every 20 ms; latency request to reply (us, lower=better)"
printf '%-34s %14s %14s %14s\n' "" "kernel" "vpnlink" "vpnlink/kernel"
printf '%-34s %14s %14s %14s\n' "ARP reply latency, median (us)" "$k_median" "$vl_median" "$(ratio "$vl_median" "$k_median")"
printf '%-34s %14s %14s %14s\n' "ARP reply latency, p90 (us)" "$k_p90" "$vl_p90" "$(ratio "$vl_p90" "$k_p90")"
printf '%-34s %14s %14s\n' "replies of $N" "$k_replies" "$vl_replies"
ip netns del h
ip netns del gw
