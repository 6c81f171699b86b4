#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vlpkt-selftest.sh [VLPKT]
#
# Runs vlpkt against itself on the host, as root, in two private network
# namespaces joined by a veth pair (and on loopback): what `data`, `raw`,
# `random` and `replay` send is what `capture` sees, and `decrypt` opens
# what `data` encrypted.  Needs unshare, nsenter and ip; touches no
# namespace but its own.  Prints TAP-like lines; exits non-zero on failure.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
vlpkt=$(realpath "${1:-$here/vlpkt}")

if [[ ${VLPKT_SELFTEST_INNER:-} != 1 ]]; then
	if [[ $(id -u) != 0 ]]; then
		. "$here/../tap.sh"
		skip "vlpkt-selftest" "it needs root"
		tap_done
	fi
	exec unshare -n env VLPKT_SELFTEST_INNER=1 "$0" "$vlpkt"
fi

. "$here/../tap.sh"
check() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}

tmp=$(mktemp -d)
peer_pid=
cleanup() {
	[[ -n $peer_pid ]] && kill "$peer_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

# ns0 (this one) 192.0.2.1 / fd00::1 on v0 <-> the peer's v1 192.0.2.2 / fd00::2
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
ip addr add 192.0.2.1/24 dev v0
ip -6 addr add fd00::1/64 dev v0 nodad
ip link set v0 up
peer ip link set lo up
peer ip addr add 192.0.2.2/24 dev v1
peer ip -6 addr add fd00::2/64 dev v1 nodad
peer ip link set v1 up

key=gIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmam5ydnp8=

# capture_bg NS-PREFIX IFACE PORT COUNT OUT [ARGS...]: start a capture and
# wait until it is ready.
capture_bg() {
	local prefix=$1 iface=$2 port=$3 count=$4 out=$5
	shift 5
	rm -f "$tmp/ready"
	$prefix "$vlpkt" capture --iface "$iface" --port "$port" \
		--count "$count" --out "$out" --timeout 10 \
		--ready "$tmp/ready" "$@" >"$tmp/capture.log" 2>&1 &
	capture_pid=$!
	for _ in $(seq 100); do
		[[ -e $tmp/ready ]] && return 0
		sleep 0.05
	done
	echo "# capture did not start: $(cat "$tmp/capture.log")"
	return 1
}

# data over IPv4: sent == captured, and it decrypts to the echo request
capture_bg peer v1 51820 5 "$tmp/cap4"
"$vlpkt" data --to 192.0.2.2:51820 --from 192.0.2.1:40000 --index 7 \
	--counter 100 --count 5 --key "$key" --inner-src 10.0.0.2 \
	--inner-dst 10.0.0.1 --print | grep -v '^sent' >"$tmp/sent4"
wait "$capture_pid" && r=0 || r=$?
check "capture exits 0 after 5 IPv4 datagrams" test "$r" = 0
check "captured IPv4 payloads are exactly what data sent" \
	cmp -s "$tmp/sent4" "$tmp/cap4"
"$vlpkt" decrypt --key "$key" --in "$tmp/cap4" --unpad >"$tmp/plain4"
check "decrypt opens all 5 to IPv4 echo requests of 84 bytes" \
	test "$(grep -c '^45000054' "$tmp/plain4")" = 5
check "the 5 counters are 100..104 (ICMP sequence)" \
	test "$(cut -c53-56 "$tmp/plain4" | tr '\n' ' ')" = "0064 0065 0066 0067 0068 "

# data over IPv6, only what goes to the port
capture_bg peer v1 51820 3 "$tmp/cap6" --direction to
"$vlpkt" data --to '[fd00::2]:51820' --from '[fd00::1]:40000' --index 9 \
	--key "$key" --inner-src fd10::2 --inner-dst fd10::1 --count 3 \
	--payload-len 100 --print | grep -v '^sent' >"$tmp/sent6"
wait "$capture_pid" && r=0 || r=$?
check "IPv6: captured payloads are exactly what data sent" \
	cmp -s "$tmp/sent6" "$tmp/cap6"
"$vlpkt" decrypt --key "$key" --in "$tmp/cap6" --unpad >"$tmp/plain6"
check "IPv6: decrypts to ICMPv6 echo requests of 148 bytes" \
	test "$(grep -c '^6000000000' "$tmp/plain6")" = 3

# a bad tag does not decrypt; keepalives decrypt to nothing
"$vlpkt" data --index 1 --key "$key" --inner-src 10.0.0.2 \
	--inner-dst 10.0.0.1 --bad-tag --print | sed -n 1p >"$tmp/bad"
check "a flipped tag bit: auth failed, exit 1" \
	bash -c "! '$vlpkt' decrypt --key '$key' --in '$tmp/bad' >'$tmp/bad.out' && grep -qx 'auth failed' '$tmp/bad.out'"
"$vlpkt" data --index 1 --key "$key" --keepalive --print | sed -n 1p >"$tmp/ka"
check "a keepalive is 32 bytes and decrypts to an empty line" \
	bash -c "test \$(wc -c <'$tmp/ka') = 65 && test \"\$('$vlpkt' decrypt --key '$key' --in '$tmp/ka')\" = ''"

# replay: the captured file sent again arrives byte for byte
capture_bg peer v1 51820 5 "$tmp/recap4" --direction to
"$vlpkt" replay --to 192.0.2.2:51820 --from 192.0.2.1:40000 \
	--in "$tmp/cap4" >"$tmp/replay.out"
wait "$capture_pid" && r=0 || r=$?
check "replay sends the capture again unchanged" \
	bash -c "cmp -s '$tmp/cap4' '$tmp/recap4' && grep -qx 'sent 5' '$tmp/replay.out'"

# raw: truncated data message and a handshake one byte short
capture_bg peer v1 51820 2 "$tmp/capraw" --direction to
"$vlpkt" raw --to 192.0.2.2:51820 --type 4 --len 20 --index 0x11223344 >/dev/null
"$vlpkt" raw --to 192.0.2.2:51820 --type 1 --len 147 >/dev/null
wait "$capture_pid" && r=0 || r=$?
check "raw --type 4 --len 20: 20 bytes, type word and index in place" \
	bash -c "head -1 '$tmp/capraw' | grep -qE '^0400000044332211[0-9a-f]{24}\$'"
check "raw --type 1 --len 147: 147 bytes" \
	bash -c "test \$(sed -n 2p '$tmp/capraw' | tr -d '\n' | wc -c) = 294 && sed -n 2p '$tmp/capraw' | grep -q '^01000000'"

# a 60000-byte datagram over loopback (no fragments there)
capture_bg "" lo 9999 1 "$tmp/capbig" --direction to
"$vlpkt" raw --to 127.0.0.1:9999 --type 4 --len 60000 >/dev/null
wait "$capture_pid" && r=0 || r=$?
check "raw --len 60000 over loopback is captured once, whole" \
	bash -c "test \$(wc -l <'$tmp/capbig') = 1 && test \$(tr -d '\n' <'$tmp/capbig' | wc -c) = 120000"
capture_bg "" lo 9999 1 "$tmp/caphex" --direction to
"$vlpkt" raw --to 127.0.0.1:9999 --hex '04000000 01000000:02000000000000ff' >/dev/null
wait "$capture_pid" && r=0 || r=$?
check "raw --hex sends exactly those bytes" \
	grep -qx 040000000100000002000000000000ff "$tmp/caphex"

# random: reproducible from the seed, fast
capture_bg "" lo 9998 400 "$tmp/rnd1" --direction to
"$vlpkt" random --to 127.0.0.1:9998 --count 400 --seed 42 --index 5 \
	--interval 50 >/dev/null
wait "$capture_pid" && r=0 || r=$?
capture_bg "" lo 9998 400 "$tmp/rnd2" --direction to
"$vlpkt" random --to 127.0.0.1:9998 --count 400 --seed 42 --index 5 \
	--interval 50 >/dev/null
wait "$capture_pid" && r=0 || r=$?
check "random with one seed sends the same 400 datagrams twice" \
	bash -c "test \$(wc -l <'$tmp/rnd1') = 400 && cmp -s '$tmp/rnd1' '$tmp/rnd2'"
check "random sends all kinds: empty, type 1-4, handshake sizes, index 5" \
	bash -c "grep -qx -- - '$tmp/rnd1' && grep -q '^01000000' '$tmp/rnd1' && grep -q '^04000000' '$tmp/rnd1' && grep -q '^0400000005000000' '$tmp/rnd1' && awk 'length(\$0) == 296 && /^01000000/' '$tmp/rnd1' | grep -q . && awk 'length(\$0) == 184 && /^02000000/' '$tmp/rnd1' | grep -q . && awk 'length(\$0) == 128 && /^03000000/' '$tmp/rnd1' | grep -q ."
start=$(date +%s%N)
"$vlpkt" random --to 192.0.2.2:51820 --count 50000 --seed 7 >"$tmp/rnd.out"
ms=$((($(date +%s%N) - start) / 1000000))
check "random sends 50000 datagrams over veth in ${ms} ms" \
	bash -c "grep -qx 'sent 50000' '$tmp/rnd.out' && test $ms -lt 60000"
"$vlpkt" random --to 192.0.2.2:51820 --count 100000000 --duration 0.5 \
	--seed 7 >"$tmp/rnd.out"
check "random --duration stops early ($(cat "$tmp/rnd.out"))" \
	bash -c "! grep -qx 'sent 100000000' '$tmp/rnd.out'"

# capture times out with what it has, exit 3
capture_bg "" lo 9997 2 "$tmp/capto" --direction to --timeout 1
"$vlpkt" raw --to 127.0.0.1:9997 --len 10 >/dev/null
wait "$capture_pid" && r=0 || r=$?
check "capture --timeout exits 3 when short, with the lines it has" \
	bash -c "test $r = 3 && test \$(wc -l <'$tmp/capto') = 1"

# usage errors exit 2
"$vlpkt" data --to 192.0.2.2:1 --key "$key" 2>/dev/null && r=0 || r=$?
check "data without --index is a usage error (exit 2)" test "$r" = 2
"$vlpkt" data --to fd00::1:1 --index 1 --key "$key" --keepalive 2>/dev/null && r=0 || r=$?
check "an IPv6 endpoint without brackets is a usage error" test "$r" = 2

tap_done
