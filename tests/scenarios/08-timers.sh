#!/bin/bash
# Timers the module runs without a helper: a keepalive answers one-way
# traffic, the persistent keepalive holds the path open, and data that
# goes unanswered makes the module ask for a new handshake.
# weight: 95 (seconds on the Debian kernel under TCG)
# weight-debug: 209 (seconds on the debug kernel, two guests at once)
. "$(dirname "$0")/../guest/lib.sh"

vl_load
topo_up 4
keys_up 1 2
ping_ok vla 10.0.0.2 1

# One-way traffic: B receives data and has nothing to send back.  Within
# KEEPALIVE_TIMEOUT (10 s) of the last data it sends a keepalive.
in_ns vlb nft -f - <<'NFT'
table inet t {
	chain o { type filter hook output priority 0; oifname "vpn0" drop; }
}
NFT
k0=$(vl_stat vla rx_keepalives)
in_ns vla ping -q -c 3 -i 0.2 -W 1 10.0.0.2 >/dev/null 2>&1
check "one-way traffic is answered by a keepalive within 10 s" wait_for 14 above "$k0" vl_stat vla rx_keepalives
k1=$(vl_stat vla rx_keepalives)
sleep 11
check_eq "and only once while nothing more comes" "$k1" "$(vl_stat vla rx_keepalives)"

# Unanswered: A keeps sending, nothing comes back for 15 s (B's replies are
# dropped above, and B's keepalives are blocked too by dropping on A).
events_start vla "$VL_TMP/ev-a"
in_ns vla nft -f - <<NFT
table inet t {
	chain i { type filter hook input priority 0; iifname "ula" udp dport $PORT_A drop; }
}
NFT
in_ns vla ping -q -c 100 -i 0.25 10.0.0.2 >/dev/null 2>&1 &
pinger=$!
check "unanswered data asks for a handshake after 15 s" \
	wait_for 25 event_seen "$VL_TMP/ev-a" handshake_needed "reason unanswered"
kill $pinger 2>/dev/null
wait $pinger 2>/dev/null
events_stop
topo_down

# Persistent keepalive: an idle tunnel still sends every N seconds.
topo_up 4
keys_up 1 2
in_ns vla "$VLCTL" peer set vpn0 "$PUB_B" keepalive 2
k0=$(vl_stat vlb rx_keepalives)
check "persistent keepalive every 2 s on an idle tunnel (two within 7 s)" \
	wait_for 7 above $((k0 + 1)) vl_stat vlb rx_keepalives
check_eq "reported in the peer" 2 "$(peer_field vla "$PUB_B" keepalive)"
in_ns vla "$VLCTL" peer set vpn0 "$PUB_B" keepalive 0
sleep 2.5
k1=$(vl_stat vlb rx_keepalives)
sleep 5
check_eq "and none once turned off" "$k1" "$(vl_stat vlb rx_keepalives)"

# A persistent keepalive without a keypair asks for a handshake at once.
in_ns vla "$VLCTL" keypair del vpn0 "$PUB_B"
events_start vla "$VL_TMP/ev-p"
in_ns vla "$VLCTL" peer set vpn0 "$PUB_B" keepalive 25
check "turning on a persistent keepalive without a keypair asks for a handshake" \
	wait_for 3 event_seen "$VL_TMP/ev-p" handshake_needed "reason no_keypair"
events_stop
tap_done
