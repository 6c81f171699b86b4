#!/bin/bash
# The cases of WireGuard's netns selftest that are on the wire (14 runs
# them vpnlink against vpnlink), here vpnlink-helper in vla against the
# stock WireGuard module in vlb: padding stops at the route's MTU on both
# sides; full-size packets cross a 1280-byte underlay as outer fragments,
# IPv4 and IPv6; roaming over IPv6 and to a new port, both ways; vpnlink
# answers from the address WireGuard reached it on.
# weight: 36 (seconds on the Debian kernel under TCG)
# debug kernel: skip (the module's side of these cases runs there in 14)
. "$(dirname "$0")/../guest/helper.sh"
. "$(dirname "$0")/../guest/nft.sh"
vl_load
underlay_up
keys_new

# pair [VPNLINK_ENDPOINT_OF_WG [WG_ENDPOINT_OF_VPNLINK]]: an empty one is none
pair() {
	vl_conf vl0 "$K_A" 10.0.0.1/24 51820 "$P_B" "${1-192.0.2.2:51821}" 10.0.0.2/32
	wg_up vlb "$K_B" 10.0.0.2/24 51821 "$P_A" "${2-192.0.2.1:51820}" 10.0.0.1/32
	vl_up vla vl0
}
unpair() {
	vl_down vla vl0
	wg_down vlb
	in_ns vla nft flush ruleset
	in_ns vlb nft flush ruleset
}

# The endpoint each side has for the other.
vl_endpoint() {
	in_ns vla "$VLCTL" peer show vl0 | awk '$1 == "endpoint" { print $2; exit }'
}
wg_endpoint() {
	in_ns vlb wg show wg0 endpoints | awk '{ print $2 }'
}

# --- padding and the route MTU ------------------------------------------------
# As in 14: with 1300-byte tunnels a 1297-byte packet padded to the device
# MTU is a 1360-byte datagram, dropped on both sides; with 1299-byte routes
# both pad to 1299.
pair
setup "the tunnel is up" ping_ok vla 10.0.0.2
in_ns vla ip link set vl0 mtu 1300
in_ns vlb ip link set wg0 mtu 1300
nft_drop_len vla 1360
nft_drop_len vlb 1360
check_fails "padded to the device's MTU, the 1360-byte datagram is dropped (the control)" \
	in_ns vla ping -q -c 1 -W 2 -s 1269 10.0.0.2
in_ns vla ip route replace 10.0.0.2/32 dev vl0 mtu 1299
in_ns vlb ip route replace 10.0.0.1/32 dev wg0 mtu 1299
check "with 1299-byte routes both pad to 1299: vpnlink -> WireGuard crosses" \
	in_ns vla ping -q -c 1 -W 2 -s 1269 10.0.0.2
check "and WireGuard -> vpnlink" in_ns vlb ping -q -c 1 -W 2 -s 1269 10.0.0.1
unpair

# --- outer fragmentation ---------------------------------------------------------
reasm() {
	in_ns "$1" nstat -az "$2" | awk -v k="$2" '$1 == k { print $2 }'
}
in_ns vla ip link set ula mtu 1280
in_ns vlb ip link set ulb mtu 1280
for outer in 4 6; do
	if [[ $outer == 4 ]]; then
		pair
		counter=IpReasmOKs
	else
		pair "[2001:db8::2]:51821" "[2001:db8::1]:51820"
		counter=Ip6ReasmOKs
	fi
	ra=$(reasm vla $counter)
	rb=$(reasm vlb $counter)
	check "IPv$outer underlay of 1280 bytes: a full 1420-byte packet vpnlink -> WireGuard" \
		in_ns vla ping -q -c 2 -i 0.3 -W 2 -M do -s 1392 10.0.0.2
	check "and WireGuard -> vpnlink" \
		in_ns vlb ping -q -c 2 -i 0.3 -W 2 -M do -s 1392 10.0.0.1
	check "as outer fragments, reassembled by WireGuard's side" above "${rb:-0}" reasm vlb $counter
	check "and by vpnlink's" above "${ra:-0}" reasm vla $counter
	unpair
done
in_ns vla ip link set ula mtu 1500
in_ns vlb ip link set ulb mtu 1500

# --- roaming over IPv6, and to a new port, both ways -----------------------------
pair "[2001:db8::2]:51821" "[2001:db8::1]:51820"
setup "the tunnel works over IPv6" ping_ok vla 10.0.0.2
in_ns vla ip addr add 2001:db8::11/64 dev ula nodad
in_ns vla ip addr del 2001:db8::1/64 dev ula
in_ns vla "$VLCTL" dev set vl0 port 51830
check "vpnlink moves to a new address and port: its traffic goes on" ping_ok vla 10.0.0.2
check_eq "WireGuard follows it" "[2001:db8::11]:51830" "$(wg_endpoint)"
in_ns vlb ip addr add 2001:db8::12/64 dev ulb nodad
in_ns vlb ip addr del 2001:db8::2/64 dev ulb
in_ns vlb wg set wg0 listen-port 51831
check "WireGuard moves to a new address and port: its traffic reaches vpnlink" \
	ping_ok vlb 10.0.0.1
check_eq "vpnlink follows it" "[2001:db8::12]:51831" "$(vl_endpoint)"
check "and vpnlink's own traffic reaches it there" ping_ok vla 10.0.0.2
unpair
in_ns vla ip addr add 2001:db8::1/64 dev ula nodad
in_ns vlb ip addr add 2001:db8::2/64 dev ulb nodad

# --- the source address WireGuard reached --------------------------------------------
# vpnlink's side has a second address, and WireGuard knows it by that one.
in_ns vla ip addr add 192.0.2.4/24 dev ula
pair "" "192.0.2.4:51820"
nft_count_from vlb 192.0.2.1 51820
nft_count_from vlb 192.0.2.4 51820
check "WireGuard reaches vpnlink at its second address" ping_ok vlb 10.0.0.1
check_ge "vpnlink answers from that address" 3 "$(nft_counted vlb 192.0.2.4)"
check_eq "and never from its first" 0 "$(nft_counted vlb 192.0.2.1)"
unpair
tap_done
