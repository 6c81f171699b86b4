#!/bin/bash
# Keypairs: responder confirmation, packets held until a keypair comes,
# the bounded hold queue, limits by time and by message count enforced by
# the module alone, rekey advice, the previous keypair across a rekey.
# weight: 74 (seconds on the Debian kernel under TCG)
# weight-debug: 272 (seconds on the debug kernel, two guests at once)
. "$(dirname "$0")/../guest/lib.sh"

vl_load
topo_up 4

# No keypair yet: traffic is held and the helper is asked for a handshake.
events_start vla "$VL_TMP/ev-a"
in_ns vla ping -q -c 3 -i 0.3 -w 90 10.0.0.2 >"$VL_TMP/ping-held" 2>&1 &
ping_pid=$!
check "no keypair: handshake needed event" \
	wait_for 5 grep -q "handshake_needed .* reason no_keypair" "$VL_TMP/ev-a"
check_eq "nothing was sent" 0 "$(peer_field vla "$PUB_B" tx_packets)"
events_stop

# Responder installs first: its keypair waits as next.
events_start vlb "$VL_TMP/ev-b"
in_ns vlb "$VLCTL" keypair add vpn0 "$PUB_A" local 2 remote 1 send "$KEY_BA" recv "$KEY_AB"
check "responder's keypair is next" sh -c "ip netns exec vlb $VLCTL peer show vpn0 $PUB_A | grep -q 'keypair next local 2'"
in_ns vla "$VLCTL" keypair add vpn0 "$PUB_B" local 1 remote 2 send "$KEY_AB" recv "$KEY_BA" initiator
wait $ping_pid
check_eq "held packets go out once the keypair comes, and are answered" 0 $?
check "responder confirms on the initiator's first message" \
	wait_for 5 grep -q "keypair_confirmed .* local 2" "$VL_TMP/ev-b"
check "responder's keypair is now current" sh -c "ip netns exec vlb $VLCTL peer show vpn0 $PUB_A | grep -q 'keypair current local 2'"
events_stop

check_fails "a local index in use is refused" \
	in_ns vla "$VLCTL" keypair add vpn0 "$PUB_B" local 1 remote 9 send "$KEY_AB" recv "$KEY_BA"
check "the refusal says why" sh -c "ip netns exec vla $VLCTL keypair add vpn0 $PUB_B local 1 remote 9 \
	send $KEY_AB recv $KEY_BA 2>&1 | grep -q 'LOCAL_INDEX is in use'"

# Rekey: new keypairs 3/4; the old ones stay usable as previous.
in_ns vlb "$VLCTL" keypair add vpn0 "$PUB_A" local 4 remote 3 send "$KEY_BA" recv "$KEY_AB"
in_ns vla "$VLCTL" keypair add vpn0 "$PUB_B" local 3 remote 4 send "$KEY_AB" recv "$KEY_BA" initiator
check "traffic flows on the new keypair" ping_ok vla 10.0.0.2
check "initiator keeps the old keypair as previous" \
	sh -c "ip netns exec vla $VLCTL peer show vpn0 $PUB_B | grep -q 'keypair previous local 1'"
check "responder keeps the old keypair as previous" \
	sh -c "ip netns exec vlb $VLCTL peer show vpn0 $PUB_A | grep -q 'keypair previous local 2'"
rx0=$(peer_field vlb "$PUB_A" rx_packets)
d0=$(vl_stat vlb rx_decrypt)
in_ns vla "$VLPKT" data --to 192.0.2.2:$PORT_B --index 2 --counter 100000 --key "$KEY_AB" \
	--inner-src 10.0.0.1 --inner-dst 10.0.0.2 >/dev/null
check "a late packet under the previous keypair is accepted" \
	wait_for 3 above "$rx0" peer_field vlb "$PUB_A" rx_packets
check_eq "and not dropped" "$d0" "$(vl_stat vlb rx_decrypt)"
# A third rotation retires keypair 1/2 entirely.
in_ns vlb "$VLCTL" keypair add vpn0 "$PUB_A" local 6 remote 5 send "$KEY_BA" recv "$KEY_AB"
in_ns vla "$VLCTL" keypair add vpn0 "$PUB_B" local 5 remote 6 send "$KEY_AB" recv "$KEY_BA" initiator
ping_ok vla 10.0.0.2
u0=$(vl_stat vlb rx_unknown_index)
in_ns vla "$VLPKT" data --to 192.0.2.2:$PORT_B --index 2 --counter 100001 --key "$KEY_AB" \
	--inner-src 10.0.0.1 --inner-dst 10.0.0.2 >/dev/null
check "a retired keypair's index is unknown" wait_for 3 above "$u0" vl_stat vlb rx_unknown_index

# The hold queue is bounded: 300 packets without a keypair, 128 kept.
in_ns vla "$VLCTL" keypair del vpn0 "$PUB_B"
check_fails "no traffic after the keypairs are deleted" in_ns vla ping -q -c 1 -W 1 10.0.0.2
n0=$(vl_stat vla tx_no_keypair)
in_ns vla "$VLPKT" raw --to 10.0.0.2:9 --len 100 --count 300 >/dev/null
check_ge "hold queue overflow is counted" $((n0 + 300 - 128)) "$(vl_stat vla tx_no_keypair)"

# Limits enforced by the module itself: a 3-second keypair.
in_ns vla "$VLCTL" keypair del vpn0 "$PUB_B"
in_ns vlb "$VLCTL" keypair del vpn0 "$PUB_A"
events_start vla "$VL_TMP/ev-a2"
# The guest can be slow: go by the ages the module reports, not by sleeps.
keys_up 11 12 reject-ms 20000
check "short-lived keypair works" ping_ok vla 10.0.0.2
wait_for 60 above 14000 kp_age vla "$PUB_B"
in_ns vla ping -q -c 2 -i 0.2 10.0.0.2 >/dev/null
check "rekey advised when 2/3 of its life is gone" \
	wait_for 5 grep -q "rekey_advised .* reason age" "$VL_TMP/ev-a2"
wait_for 60 above 20500 kp_age vla "$PUB_B"
check_fails "expired keypair carries nothing" in_ns vla ping -q -c 1 -W 1 10.0.0.2
e0=$(vl_stat vlb rx_expired)
in_ns vla "$VLPKT" data --to 192.0.2.2:$PORT_B --index 12 --counter 5000 --key "$KEY_AB" \
	--inner-src 10.0.0.1 --inner-dst 10.0.0.2 >/dev/null
check "expired keypair refused on receive" wait_for 3 above "$e0" vl_stat vlb rx_expired
events_stop

# A 20-message keypair: rekey advised at half, nothing past the limit.
in_ns vla "$VLCTL" keypair del vpn0 "$PUB_B"
in_ns vlb "$VLCTL" keypair del vpn0 "$PUB_A"
events_start vla "$VL_TMP/ev-a3"
keys_up 21 22 reject-messages 20
rx0=$(peer_field vlb "$PUB_A" rx_packets)
in_ns vla ping -q -c 30 -i 0.05 -W 1 10.0.0.2 >/dev/null 2>&1
check "rekey advised on message count" wait_for 3 grep -q "rekey_advised .* reason messages" "$VL_TMP/ev-a3"
sent=$(in_ns vla "$VLCTL" peer show vpn0 "$PUB_B" | awk '$1 == "keypair" { for (i = 1; i < NF; i++) if ($i == "tx_counter") print $(i + 1) }')
check "sender stops at the message limit" test "${sent:-99}" -le 21
rx=$(($(peer_field vlb "$PUB_A" rx_packets) - rx0))
check "receiver got at most 20 ($rx)" test "$rx" -le 20 -a "$rx" -ge 15
e0=$(vl_stat vlb rx_expired)
in_ns vla "$VLPKT" data --to 192.0.2.2:$PORT_B --index 22 --counter 20 --key "$KEY_AB" \
	--inner-src 10.0.0.1 --inner-dst 10.0.0.2 >/dev/null
check "counter at the limit refused on receive" wait_for 3 above "$e0" vl_stat vlb rx_expired
events_stop

# Device down is a reset: keypairs go.
in_ns vla ip link set vpn0 down
in_ns vla ip link set vpn0 up
check "device down forgets keypairs" \
	sh -c "! ip netns exec vla $VLCTL peer show vpn0 $PUB_B | grep -q keypair"
tap_done
