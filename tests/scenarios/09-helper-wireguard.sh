#!/bin/bash
# vpnlink-helper against the stock wireguard module: either side starts
# the handshake, with and without a preshared key; a wrong preshared key
# fails cleanly; ping and TCP both ways; a rekey past 120 s under a
# continuous ping loses nothing.
# weight: 220 (seconds on the Debian kernel under TCG)
# debug kernel: skip (interop is the helper's, not the module's)
. "$(dirname "$0")/../guest/helper.sh"
vl_load
underlay_up
keys_new

# pair [PSK_VL [PSK_WG]]: vpnlink in vla (vl0), wireguard in vlb (wg0).
pair() {
	vl_conf vl0 "$K_A" 10.0.0.1/24 51820 "$P_B" 192.0.2.2:51821 \
		10.0.0.2/32 "${1:-}"
	wg_up vlb "$K_B" 10.0.0.2/24 51821 "$P_A" 192.0.2.1:51820 \
		10.0.0.1/32 "${2:-${1:-}}"
	vl_up vla vl0
}
unpair() {
	vl_down vla vl0
	wg_down vlb
}

pair
check "up returns with the interface ready" in_ns vla ip link show vl0
check "wireguard initiates: ping wireguard -> vpnlink" \
	in_ns vlb ping -q -c 3 -i 0.3 -W 5 10.0.0.1
check "ping vpnlink -> wireguard" ping_ok vla 10.0.0.2
check "TCP vpnlink -> wireguard" iperf_ok vla vlb 10.0.0.2
check "TCP wireguard -> vpnlink" iperf_ok vlb vla 10.0.0.1
check "show reports the handshake" \
	sh -c "ip netns exec vla '$HELPER' show vl0 | grep -q 'latest handshake'"
unpair
check "down removes the interface" sh -c '! ip -n vla link show vl0'
check "down stops the daemon" sh -c "[ ! -e '$VPNLINK_RUN_DIR/vl0.pid' ]"

pair
check "vpnlink initiates: ping vpnlink -> wireguard" \
	in_ns vla ping -q -c 3 -i 0.3 -W 5 10.0.0.2
check "and back" ping_ok vlb 10.0.0.1
unpair

pair "$PSK"
check "with a preshared key, wireguard initiates" \
	in_ns vlb ping -q -c 3 -i 0.3 -W 5 10.0.0.1
check "with a preshared key, TCP vpnlink -> wireguard" iperf_ok vla vlb 10.0.0.2
unpair
pair "$PSK"
check "with a preshared key, vpnlink initiates" \
	in_ns vla ping -q -c 3 -i 0.3 -W 5 10.0.0.2
unpair

pair "$PSK" "$("$HELPER" genpsk)"
check_fails "a wrong preshared key: no traffic" \
	in_ns vla ping -q -c 2 -i 0.5 -W 3 10.0.0.2
check "the response is refused, and said why" \
	wait_for 10 log_has vl0 "decryption failed"
check "the daemon survives it" kill -0 "$(daemon_pid vl0)"
unpair

pair
check "a fresh session" ping_ok vla 10.0.0.2
rekey_check vl0 "and it happened"
unpair
tap_done
