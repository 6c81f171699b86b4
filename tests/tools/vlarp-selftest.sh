#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vlarp-selftest.sh [VLARP]
#
# Runs vlarp on the host, as root, against the kernel in a second private
# network namespace joined to this one by a veth pair: the kernel's ARP and
# NA replies, what it leaves unanswered, and its own proxy_arp, whose
# delayed replies --pipeline measures.  Needs unshare, nsenter, ip and
# sysctl; touches no namespace but its own.  Prints TAP-like lines; exits
# non-zero on failure.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
vlarp=$(realpath "${1:-$here/vlarp}")

if [[ ${VLARP_SELFTEST_INNER:-} != 1 ]]; then
	if [[ $(id -u) != 0 ]]; then
		. "$here/../tap.sh"
		skip "vlarp-selftest" "it needs root"
		tap_done
	fi
	exec unshare -n env VLARP_SELFTEST_INNER=1 "$0" "$vlarp"
fi

. "$here/../tap.sh"

tmp=$(mktemp -d)
peer_pid=
cleanup() {
	[[ -n $peer_pid ]] && kill "$peer_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

# expect WANT_RC GREP_RE DESC -- VLARP-ARGS...: vlarp exits WANT_RC (any:
# 0 or 1) and its output has a line matching GREP_RE (extended).
expect() {
	local want=$1 re=$2 desc=$3 rc=0
	shift 4
	"$vlarp" "$@" >"$tmp/out" 2>&1 || rc=$?
	if [[ $rc == "$want" || ($want == any && $rc -le 1) ]] &&
		grep -qE "$re" "$tmp/out"; then
		ok "$desc"
	else
		not_ok "$desc (exit $rc)"
		sed 's/^/#   /' "$tmp/out"
	fi
}

# this namespace asks on v0 (192.0.2.2); the peer answers on v1:
# 192.0.2.1/24, fd00:1::1/64, and proxy_arp for 192.0.2.128/25 behind v2
modprobe veth 2>/dev/null || true	# a guest may not load it on demand
ip link set lo up
unshare -n sleep 600 &
peer_pid=$!
for _ in $(seq 50); do
	[[ $(readlink /proc/$peer_pid/ns/net) != $(readlink /proc/self/ns/net) ]] && break
	sleep 0.05
done
peer() { nsenter -t "$peer_pid" -n "$@"; }
ip link add v0 type veth peer name v1 netns "$peer_pid"
sysctl -qw net.ipv6.conf.v0.accept_dad=0
ip addr add 192.0.2.2/24 dev v0
ip link set v0 up
peer ip link set lo up
peer ip addr add 192.0.2.1/24 dev v1
peer ip -6 addr add fd00:1::1/64 dev v1 nodad
peer ip link set v1 up
# a veth pair stands in for the far side (no dummy driver everywhere)
peer ip link add v2 type veth peer name v3
peer ip link set v2 up
peer ip link set v3 up
peer ip route add 192.0.2.128/25 dev v2
peer sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.v1.proxy_arp=1
mac=$(peer ip -br link show dev v1 | awk '{print $3}')
for _ in $(seq 50); do		# v0's link-local address, for ns
	ip -6 addr show dev v0 scope link | grep -q inet6 && break
	sleep 0.1
done

expect 0 "^reply 192\.0\.2\.1 is-at $mac in [0-9]+ us\$" \
	"arp: the kernel replies with its MAC" -- \
	arp --iface v0 --target 192.0.2.1
expect 0 '^sent 5 replies 5 median_us [0-9]+ p90_us [0-9]+$' \
	"arp --count 5: five replies" -- \
	arp --iface v0 --target 192.0.2.1 --count 5 --interval-ms 10
expect 1 '^timeout 192\.0\.2\.99$' "arp: nobody has .99, exit 1" -- \
	arp --iface v0 --target 192.0.2.99 --timeout-ms 300
expect 0 '^sent 1 replies 0 median_us 0 p90_us 0$' \
	"arp --expect-none: nobody has .99, exit 0" -- \
	arp --iface v0 --target 192.0.2.99 --timeout-ms 300 --expect-none
expect 1 '^reply 192\.0\.2\.1' "arp --expect-none: a reply is exit 1" -- \
	arp --iface v0 --target 192.0.2.1 --timeout-ms 300 --expect-none
expect 0 "^reply 192\.0\.2\.1 is-at $mac" "arp --probe: the kernel replies" -- \
	arp --iface v0 --target 192.0.2.1 --probe
expect 0 '^timeout 192\.0\.2\.1$' \
	"arp --gratuitous: the kernel does not reply" -- \
	arp --iface v0 --target 192.0.2.1 --gratuitous --timeout-ms 300 \
	--expect-none

expect 0 "^reply fd00:1::1 is-at $mac flags S\|O in [0-9]+ us\$" \
	"ns: the kernel advertises, solicited and override" -- \
	ns --iface v0 --target fd00:1::1
expect 0 '^timeout fd00:1::1$' "ns --bad-checksum: no advertisement" -- \
	ns --iface v0 --target fd00:1::1 --bad-checksum --timeout-ms 300 \
	--expect-none
expect 0 "^reply fd00:1::1 is-at $mac flags O in" \
	"ns --dad: the owner advertises to all nodes, override only" -- \
	ns --iface v0 --target fd00:1::1 --dad
expect 1 '^timeout fd00:1::2$' "ns --targets: fd00:1::2 has no owner" -- \
	ns --iface v0 --targets fd00:1::1-fd00:1::2 --count 2 --timeout-ms 300

# the kernel's proxy_arp holds replies to broadcasts for up to
# proxy_delay (0.8 s): the median of 50 is well above 100 ms
expect 0 '^sent 50 replies 50 median_us [0-9]{6,} p90_us [0-9]+$' \
	"arp --pipeline: proxy_arp replies after its random delay" -- \
	arp --iface v0 --pipeline --count 50 --interval-ms 20 \
	--targets 192.0.2.130-192.0.2.250 --quiet
expect 0 'go round in 100 ms' \
	"--pipeline round the targets faster than the timeout: a warning" -- \
	arp --iface v0 --pipeline --count 3 --interval-ms 100 \
	--targets 192.0.2.1-192.0.2.1
expect any '^sent 200 replies' "--pipeline flood of one target: all sent" -- \
	arp --iface v0 --pipeline --count 200 --interval-ms 0 \
	--targets 192.0.2.1-192.0.2.1 --timeout-ms 200 --quiet
expect 2 'does not apply' "ns --probe: usage error" -- \
	ns --iface v0 --target fd00:1::1 --probe

tap_done
