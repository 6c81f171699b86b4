#!/bin/bash
# Handshake messages reach the helper and leave through the device's port;
# with no helper listening they are counted, not lost silently.  A peer's
# endpoint follows authenticated data (roaming), and the helper is told.
# weight: 37 (seconds on the Debian kernel under TCG)
# weight-debug: 102 (seconds on the debug kernel, two guests at once)
. "$(dirname "$0")/../guest/lib.sh"

vl_load
topo_up 4

init=01000000$(printf '%02x' $(seq 1 144))	# a 148-byte initiation
resp=02000000$(printf '%02x' $(seq 1 88))	# a 92-byte response
cookie=03000000$(printf '%02x' $(seq 1 60))	# a 64-byte cookie reply

dropped0=$(vl_stat vlb rx_handshake_dropped)
in_ns vla "$VLCTL" handshake send vpn0 peer "$PUB_B" "$init"
check "with no helper listening, a handshake message is counted as dropped" \
	wait_for 3 above "$dropped0" vl_stat vlb rx_handshake_dropped

events_start vlb "$VL_TMP/ev-b"
in_ns vla "$VLCTL" handshake send vpn0 peer "$PUB_B" "$init"
in_ns vla "$VLCTL" handshake send vpn0 endpoint 192.0.2.2:$PORT_B "$resp"
in_ns vla "$VLCTL" handshake send vpn0 endpoint "[2001:db8::2]:$PORT_B" "$cookie"
check "initiation passed up with its source" \
	wait_for 3 event_seen "$VL_TMP/ev-b" handshake_received "endpoint 192.0.2.1:$PORT_A type 1 len 148"
check "response passed up" \
	wait_for 3 event_seen "$VL_TMP/ev-b" handshake_received "endpoint 192.0.2.1:$PORT_A type 2 len 92"
check "cookie reply over IPv6 passed up" \
	wait_for 3 event_seen "$VL_TMP/ev-b" handshake_received "endpoint [2001:db8::1]:$PORT_A type 3 len 64"
check_ge "handshakes counted" 3 "$(vl_stat vlb rx_handshakes)"
events_stop

# The helper's payload arrives byte for byte: capture it on the underlay.
in_ns vlb "$VLPKT" capture --iface ulb --port $PORT_B --count 1 --out "$VL_TMP/hs.hex" --timeout 10 \
	--ready "$VL_TMP/hs.ready" >/dev/null 2>&1 &
cap=$!
wait_for 10 test -e "$VL_TMP/hs.ready"
in_ns vla "$VLCTL" handshake send vpn0 peer "$PUB_B" "$init"
wait $cap
check_eq "payload on the wire is exactly what the helper sent" "$init" "$(head -n 1 "$VL_TMP/hs.hex")"

# Roaming: A moves to a second underlay address.
keys_up 1 2
ping_ok vla 10.0.0.2
events_start vlb "$VL_TMP/ev-roam"
# Without promote_secondaries, deleting the old address would take the
# new one with it.
in_ns vla sysctl -qw net.ipv4.conf.ula.promote_secondaries=1
in_ns vla ip addr add 192.0.2.11/24 dev ula
in_ns vla ip addr del 192.0.2.1/24 dev ula
check "traffic continues after the initiator's address changes" ping_ok vla 10.0.0.2
check_eq "the responder follows the new source" "192.0.2.11:$PORT_A" "$(peer_field vlb "$PUB_A" endpoint)"
check "the helper is told of the new endpoint" \
	wait_for 3 event_seen "$VL_TMP/ev-roam" endpoint_changed "endpoint 192.0.2.11:$PORT_A"
events_stop
check "and the responder reaches it there" ping_ok vlb 10.0.0.1

# An unauthenticated packet from elsewhere does not move the endpoint.
d0=$(vl_stat vlb rx_decrypt)
in_ns vla "$VLPKT" data --to 192.0.2.2:$PORT_B --index 2 --counter 999 --key "$KEY_WRONG" \
	--inner-src 10.0.0.1 --inner-dst 10.0.0.2 >/dev/null
check "the forged packet fails to decrypt" wait_for 3 above "$d0" vl_stat vlb rx_decrypt
check_eq "a forged packet does not move the endpoint" "192.0.2.11:$PORT_A" "$(peer_field vlb "$PUB_A" endpoint)"
tap_done
