#!/bin/bash
# The cases of WireGuard's own netns selftest that the other scenarios do
# not cover, vpnlink against vpnlink (fixed keypairs, as in 02): padding
# stops at the route's MTU; "fragmentation needed" / "packet too big"
# reach the sender, from the tunnel's entry and from beyond it; full-size
# packets cross an underlay with a small MTU as outer fragments; roaming
# over IPv6 and to a new port, both ways; the reply's source address is
# the one the peer reached; a tunnel inside another works and a routing
# loop ends in a drop and a counter; low-order public keys are refused;
# two namespaces holding each other's devices are freed when deleted.
# 16-wg-netns-interop.sh runs the cases that are on the wire against the
# stock WireGuard module.
# weight: 220 (seconds on the Debian kernel under TCG)
# weight-debug: 640 (seconds on the debug kernel, beside the 2-vCPU guest)
. "$(dirname "$0")/../guest/lib.sh"
. "$(dirname "$0")/../guest/nft.sh"

vl_load

# tcp_ok DESC CLIENT_NS SERVER_NS ADDRESS: a TCP run that must move data;
# left out on the debug kernel, where it adds minutes and no path that the
# pings before it did not take.
tcp_ok() {
	if slow_kernel; then
		skip "$1" "debug kernel: the pings took the same path; TCP's volume only adds time there"
	else
		check "$1" iperf_ok "$2" "$3" "$4"
	fi
}

# lan NS GW_NS NET6 NET4: a host namespace NS behind the gateway GW_NS,
# NET4.2 and NET6::2 on NS, NET4.1 and NET6::1 on GW_NS, routed.
lan() {
	ip netns add "$1"
	ip link add "h$1" netns "$1" type veth peer name "g$1" netns "$2"
	in_ns "$1" ip link set lo up
	in_ns "$1" ip addr add "$4.2/24" dev "h$1"
	in_ns "$1" ip addr add "$3::2/64" dev "h$1" nodad
	in_ns "$1" ip link set "h$1" up
	in_ns "$2" ip addr add "$4.1/24" dev "g$1"
	in_ns "$2" ip addr add "$3::1/64" dev "g$1" nodad
	in_ns "$2" ip link set "g$1" up
	in_ns "$2" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
	# Once the link has its carrier: IPv6 takes no route before.
	setup "$1 routes through $2" wait_for 5 in_ns "$1" sh -c \
		"ip route replace default via $4.1 && ip -6 route replace default via $3::1"
}

# --- padding and the route MTU ------------------------------------------------
# A 1297-byte packet (ping -s 1269) on a 1300-byte tunnel: padded to the
# device's MTU it would be 1300 bytes, 1360 on the wire, which both sides
# drop; with a 1299-byte route it must be padded to 1299 (1359 on the wire).
topo_up
keys_up
for ns in vla vlb; do
	in_ns $ns ip link set vpn0 mtu 1300
	nft_drop_len $ns 1360
done
check_fails "padded to the device's MTU, the 1360-byte datagram is dropped (the control)" \
	in_ns vla ping -q -c 1 -W 2 -s 1269 10.0.0.2
in_ns vla ip route add 10.0.0.2/32 dev vpn0 mtu 1299
in_ns vlb ip route add 10.0.0.1/32 dev vpn0 mtu 1299
check "with a 1299-byte route MTU, padding stops at it: the ping crosses" \
	in_ns vla ping -q -c 1 -W 2 -s 1269 10.0.0.2
topo_down

# --- path MTU through the tunnel ----------------------------------------------
# vlc (10.1.0.2) behind vla, vld (10.2.0.2) behind vlb; the tunnel's MTU is
# 1420, and vlb's link to vld only 1300.
topo_up
keys_up
lan vlc vla fd01 10.1.0
lan vld vlb fd02 10.2.0
in_ns vlb ip link set gvld mtu 1300
in_ns vld ip link set hvld mtu 1300
in_ns vla "$VLCTL" peer set vpn0 "$PUB_B" allowed 10.2.0.0/24,fd02::/64
in_ns vlb "$VLCTL" peer set vpn0 "$PUB_A" allowed 10.1.0.0/24,fd01::/64
in_ns vla ip route add 10.2.0.0/24 dev vpn0
in_ns vla ip -6 route add fd02::/64 dev vpn0
in_ns vlb ip route add 10.1.0.0/24 dev vpn0
in_ns vlb ip -6 route add fd01::/64 dev vpn0
setup "vlc reaches vld through the tunnel" ping_ok vlc 10.2.0.2
out=$(in_ns vlc ping -c 1 -W 2 -M do -s 1393 10.2.0.2 2>&1)
check "one byte over the tunnel's MTU with DF: 'fragmentation needed, mtu 1420' comes back" \
	has "mtu = 1420" "$out"
out=$(in_ns vlc ping -6 -c 1 -W 2 -M do -s 1373 fd02::2 2>&1)
check "over IPv6: 'packet too big, mtu 1420' comes back" \
	has "mtu=1420" "$out"
out=$(in_ns vlc ping -c 1 -W 2 -M do -s 1392 10.2.0.2 2>&1)
check "the same from beyond the tunnel: vlb's 1300-byte link says so through it" \
	has "mtu = 1300" "$out"
out=$(in_ns vlc ping -6 -c 1 -W 2 -M do -s 1372 fd02::2 2>&1)
check "and over IPv6" has "mtu=1300" "$out"
check "the sender learnt the path's MTU" \
	sh -c "ip -n vlc route get 10.2.0.2 | grep -q 'mtu 1300'"
check "and a packet of that size crosses" \
	in_ns vlc ping -q -c 2 -i 0.3 -W 2 -M do -s 1272 10.2.0.2
tcp_ok "TCP across adapts to it" vlc vld 10.2.0.2
topo_down
ip netns del vlc
ip netns del vld

# --- outer fragmentation ---------------------------------------------------------
# A 1420-byte inner packet is a 1480-byte (IPv4) or 1500-byte (IPv6)
# datagram: on a 1280-byte underlay it leaves in fragments.
reasm() {
	in_ns "$1" nstat -az "$2" | awk -v k="$2" '$1 == k { print $2 }'
}
for outer in 4 6; do
	topo_up "$outer"
	keys_up
	in_ns vla ip link set ula mtu 1280
	in_ns vlb ip link set ulb mtu 1280
	counter=IpReasmOKs
	[[ $outer == 6 ]] && counter=Ip6ReasmOKs
	r0=$(reasm vlb $counter)
	check "IPv$outer underlay of 1280 bytes: a full 1420-byte packet crosses both ways" \
		in_ns vla ping -q -c 3 -i 0.2 -W 2 -M do -s 1392 10.0.0.2
	check "as outer fragments, reassembled at the far end" above "${r0:-0}" reasm vlb $counter
	tcp_ok "TCP at full size crosses" vla vlb 10.0.0.2
	topo_down
done

# --- roaming over IPv6, and to a new port, both ways ---------------------------
topo_up 6
keys_up
setup "the tunnel works over IPv6" ping_ok vla 10.0.0.2
in_ns vla ip addr add 2001:db8::11/64 dev ula nodad
in_ns vla ip addr del 2001:db8::1/64 dev ula
check "A moves to a new IPv6 address: traffic goes on" ping_ok vla 10.0.0.2
check_eq "B follows A's new address" "[2001:db8::11]:$PORT_A" "$(peer_field vlb "$PUB_A" endpoint)"
in_ns vla "$VLCTL" dev set vpn0 port 51830
check "A moves to a new port: traffic goes on" ping_ok vla 10.0.0.2
check_eq "B follows A's new port" "[2001:db8::11]:51830" "$(peer_field vlb "$PUB_A" endpoint)"
in_ns vlb ip addr add 2001:db8::12/64 dev ulb nodad
in_ns vlb ip addr del 2001:db8::2/64 dev ulb
in_ns vlb "$VLCTL" dev set vpn0 port 51831
check "B moves to a new address and port: its traffic reaches A" ping_ok vlb 10.0.0.1
check_eq "A follows B" "[2001:db8::12]:51831" "$(peer_field vla "$PUB_B" endpoint)"
check "and A's own traffic reaches B there" ping_ok vla 10.0.0.2
topo_down

# --- the source address the peer reached ------------------------------------------
# B has two addresses on its underlay; A knows it by the second.  B's
# answers must come from that one, not from the first, which the routing
# table would pick.
for outer in 4 6; do
	topo_up
	keys_up
	if [[ $outer == 4 ]]; then
		first=192.0.2.2 second=192.0.2.3 ep=192.0.2.3:$PORT_B
		in_ns vlb ip addr add 192.0.2.3/24 dev ulb
	else
		first=2001:db8::2 second=2001:db8::3 ep="[2001:db8::3]:$PORT_B"
		in_ns vlb ip addr add 2001:db8::3/64 dev ulb nodad
		in_ns vlb "$VLCTL" peer set vpn0 "$PUB_A" endpoint "[2001:db8::1]:$PORT_A"
	fi
	in_ns vla "$VLCTL" peer set vpn0 "$PUB_B" endpoint "$ep"
	nft_count_from vla "$first" "$PORT_B"
	nft_count_from vla "$second" "$PORT_B"
	check "IPv$outer: A reaches B at its second address" ping_ok vla 10.0.0.2
	check_ge "B answers from the address A reached it on" 3 "$(nft_counted vla "$second")"
	check_eq "and never from its first" 0 "$(nft_counted vla "$first")"
	topo_down
done

# --- a tunnel inside a tunnel; routing loops ------------------------------------------
topo_up
keys_up
in_ns vla ip link add vpn1 type vpnlink
in_ns vlb ip link add vpn1 type vpnlink
in_ns vla "$VLCTL" dev set vpn1 port 51832
in_ns vlb "$VLCTL" dev set vpn1 port 51833
in_ns vla ip addr add 10.9.0.1/24 dev vpn1
in_ns vlb ip addr add 10.9.0.2/24 dev vpn1
in_ns vla ip link set vpn1 up
in_ns vlb ip link set vpn1 up
# The inner tunnel's endpoints are the outer tunnel's addresses.
in_ns vla "$VLCTL" peer add vpn1 "$PUB_B" endpoint 10.0.0.2:51833 allowed 10.9.0.2/32
in_ns vlb "$VLCTL" peer add vpn1 "$PUB_A" endpoint 10.0.0.1:51832 allowed 10.9.0.1/32
in_ns vlb "$VLCTL" keypair add vpn1 "$PUB_A" local 12 remote 11 send "$KEY_BA" recv "$KEY_AB"
in_ns vla "$VLCTL" keypair add vpn1 "$PUB_B" local 11 remote 12 send "$KEY_AB" recv "$KEY_BA" initiator
outer0=$(in_ns vlb cat /sys/class/net/vpn0/statistics/rx_packets)
check "a tunnel inside a tunnel carries pings" ping_ok vla 10.9.0.2
check "carried by the outer tunnel" above "$outer0" \
	in_ns vlb cat /sys/class/net/vpn0/statistics/rx_packets
tcp_ok "TCP through both" vla vlb 10.9.0.2

deadloops() {
	dmesg | grep -c "Dead loop" || true
}
# quiet_b / unquiet_b: while a loop is tested, B stays silent: anything
# it sent (a keepalive of the inner tunnel, say) would move A's endpoint
# for it back to where it came from.
quiet_b() {
	in_ns vla nft -f - <<-EOF
		table inet vlquiet {
			chain in {
				type filter hook input priority 0;
				ip saddr 192.0.2.2 udp sport $PORT_B drop
			}
		}
	EOF
}
unquiet_b() {
	in_ns vla nft delete table inet vlquiet
}
dead0=$(deadloops)
# A loop through one device: the outer tunnel's endpoint inside itself.
quiet_b
in_ns vla "$VLCTL" peer set vpn0 "$PUB_B" endpoint 10.0.0.2:$PORT_B
loop0=$(vl_stat vla tx_loop)
check_fails "an endpoint routed into its own tunnel: nothing gets through" \
	in_ns vla ping -q -c 5 -i 0.1 -W 1 10.0.0.2
check_ge "each packet dropped and counted as a loop" $((loop0 + 5)) "$(vl_stat vla tx_loop)"
unquiet_b
in_ns vla "$VLCTL" peer set vpn0 "$PUB_B" endpoint 192.0.2.2:$PORT_B
check "with the endpoint back, the tunnel works again" ping_ok vla 10.0.0.2
# A loop through two: each tunnel's endpoint inside the other.
quiet_b
in_ns vla "$VLCTL" peer set vpn0 "$PUB_B" endpoint 10.9.0.2:$PORT_B
loop0=$(vl_stat vla tx_loop)
loop1=$(vl_stat vla tx_loop vpn1)
check_fails "two tunnels routed through each other: nothing gets through" \
	in_ns vla ping -q -c 5 -i 0.1 -W 1 10.0.0.2
check_ge "each packet dropped and counted as a loop" $((loop0 + loop1 + 5)) \
	$(($(vl_stat vla tx_loop) + $(vl_stat vla tx_loop vpn1)))
check_eq "no 'Dead loop' from the stack: the loop ends before its recursion limit" \
	"$dead0" "$(deadloops)"
unquiet_b
in_ns vla "$VLCTL" peer set vpn0 "$PUB_B" endpoint 192.0.2.2:$PORT_B
check "and the tunnels work again" ping_ok vla 10.9.0.2

# --- low-order public keys ------------------------------------------------------------
# The points of small order (0, 1, the two of order 8, p - 1, p, p + 1),
# little-endian, as the unit tests list them for the helper.
for key in \
	0000000000000000000000000000000000000000000000000000000000000000 \
	0100000000000000000000000000000000000000000000000000000000000000 \
	e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800 \
	5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157 \
	ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f \
	edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f \
	eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f \
	e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880; do
	out=$(in_ns vla "$VLCTL" peer add vpn0 "$key" 2>&1)
	check "the module refuses the low-order key ${key:0:8}...: '$out'" \
		has "low-order" "$out"
done
check_eq "and has none of them" 1 "$(in_ns vla "$VLCTL" peer count vpn0 | awk '{ print $2 }')"
check "a key of full order is taken (the control)" \
	in_ns vla "$VLCTL" peer add vpn0 "$PUB_C"
topo_down

# --- two namespaces holding each other's devices --------------------------------------
# Each device keeps its sockets in the namespace it was made in, and lives
# in the other.  Deleting both must free both: in a user namespace that
# may have only so many network namespaces, new ones can be made again
# once they are (a reference cycle would keep them forever).
cross_ns() {
	local tries=$1
	mkdir -p /run/netns
	unshare -U -r -m -n --propagation private bash -c '
		set -e
		mount -t tmpfs none /run/netns
		# This namespace and the two below.
		echo 3 >/proc/sys/user/max_net_namespaces
		ip netns add x
		ip netns add y
		if ip netns add z 2>/dev/null; then
			echo "the limit does not hold"
			exit 1
		fi
		ip -n x link add vx type vpnlink
		ip -n y link add vy type vpnlink
		ip -n x link set vx up
		ip -n y link set vy up
		ip -n x link set vx netns y
		ip -n y link set vy netns x
		ip -n x link show vy >/dev/null
		ip -n y link show vx >/dev/null
		ip netns del x
		ip netns del y
		for i in $(seq 1 '"$tries"'); do
			if ip netns add x2 2>/dev/null && ip netns add y2 2>/dev/null; then
				echo "freed"
				exit 0
			fi
			sleep 0.1
		done
		echo "still held"
		exit 1'
}
# Outside the capture: scaled announces itself on stderr.
tries=$(scaled 100 500 "the wait for the namespaces' release")
out=$(cross_ns "$tries" 2>&1)
check "two namespaces holding each other's vpnlink devices are freed when deleted: $out" \
	test "$out" = freed
tap_done
