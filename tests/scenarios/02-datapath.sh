#!/bin/bash
# Data path with fixed keys: ping and TCP both ways, IPv4 and IPv6 inside,
# over an IPv4 and an IPv6 underlay; counters; nothing readable on the wire;
# the module's ciphertext checked by an independent implementation.
# weight: 86 (seconds on the Debian kernel under TCG)
# weight-debug: 361 (seconds on the debug kernel, two guests at once)
. "$(dirname "$0")/../guest/lib.sh"

vl_load

for outer in 4 6; do
	topo_up $outer
	keys_up 1 2
	check "IPv$outer underlay: A pings B (IPv4 inside)" ping_ok vla 10.0.0.2
	check "IPv$outer underlay: B pings A (IPv4 inside)" ping_ok vlb 10.0.0.1
	check "IPv$outer underlay: A pings B (IPv6 inside)" ping_ok vla fd00::2
	check "IPv$outer underlay: B pings A (IPv6 inside)" ping_ok vlb fd00::1
	check "IPv$outer underlay: TCP A to B (IPv4 inside)" iperf_ok vla vlb 10.0.0.2
	check "IPv$outer underlay: TCP B to A (IPv4 inside)" iperf_ok vlb vla 10.0.0.1
	check "IPv$outer underlay: TCP A to B (IPv6 inside)" iperf_ok vla vlb fd00::2
	check "IPv$outer underlay: TCP B to A (IPv6 inside)" iperf_ok vlb vla fd00::1
	if [[ $outer == 6 ]]; then
		check_eq "peer endpoint is the IPv6 one" "[2001:db8::2]:$PORT_B" \
			"$(peer_field vla "$PUB_B" endpoint)"
	fi
	topo_down
done

# Counters, on a fresh pair.
topo_up 4
keys_up 1 2
in_ns vla ping -q -c 10 -i 0.1 -s 100 10.0.0.2 >/dev/null
check_ge "peer counts sent packets" 10 "$(peer_field vla "$PUB_B" tx_packets)"
check_ge "peer counts received packets" 10 "$(peer_field vlb "$PUB_A" rx_packets)"
check_ge "peer counts inner bytes (10 x 128)" 1280 "$(peer_field vlb "$PUB_A" rx_bytes)"
check "ip -s link counts" sh -c "ip -n vla -s -j link show vpn0 |
	grep -q '\"tx\":{\"bytes\":[1-9][0-9]*,\"packets\":[1-9]'"
check_ge "last receive time is set" 1 "$(peer_field vlb "$PUB_A" last_rx_ns)"
kp=$(in_ns vlb "$VLCTL" peer show vpn0 "$PUB_A" | grep '^ *keypair current')
check "responder's keypair became current" test -n "$kp"

# The wire: a recognisable payload must not appear in clear.
in_ns vla tcpdump -i ula -U -w "$VL_TMP/wire.pcap" udp >/dev/null 2>"$VL_TMP/tcpdump.err" &
dump=$!
wait_for 10 grep -q "listening on" "$VL_TMP/tcpdump.err"
in_ns vla ping -q -c 5 -i 0.2 -p 5a5a5a5a5a5a5a5a -s 200 10.0.0.2 >/dev/null
in_ns vla ping -q -c 5 -i 0.2 -p 5a5a5a5a5a5a5a5a -s 200 fd00::2 >/dev/null
sleep 0.5
kill $dump
wait $dump 2>/dev/null
check "capture holds tunnel traffic" test "$(stat -c %s "$VL_TMP/wire.pcap")" -gt 2000
check "no plaintext payload on the underlay" \
	sh -c "! od -An -tx1 -v '$VL_TMP/wire.pcap' | tr -d ' \n' | grep -q '5a5a5a5a5a5a5a5a5a5a5a5a'"

# An independent implementation (OpenSSL, in vlpkt) decrypts what the
# module sent: the format is WireGuard's, not merely self-consistent.
in_ns vla "$VLPKT" capture --iface ula --port $PORT_B --count 3 --out "$VL_TMP/cap.hex" --timeout 10 \
	--ready "$VL_TMP/cap.ready" >/dev/null 2>&1 &
cap=$!
wait_for 10 test -e "$VL_TMP/cap.ready"
in_ns vla ping -q -c 3 -i 0.2 -p 5a5a5a5a -s 64 10.0.0.2 >/dev/null
wait $cap
# The first A-to-B message that decrypts to a packet (a keepalive may come
# first, and B's replies use the other key).
plain=
while read -r msg; do
	p=$("$VLPKT" decrypt --key "$KEY_AB" --hex "$msg" 2>/dev/null) || continue
	[[ -n $p ]] && plain=$p && break
done <"$VL_TMP/cap.hex"
check "OpenSSL decrypts the module's data message" sh -c "echo '$plain' | grep -qi '^45'"
# A 92-byte packet (20 IP + 8 ICMP + 64) padded to 96: 192 hex digits.
check_eq "decrypted packet is padded to a multiple of 16" 192 "${#plain}"
check "and carries the ping payload" sh -c "echo '$plain' | grep -qi '5a5a5a5a'"
topo_down
tap_done
