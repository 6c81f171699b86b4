#!/bin/bash
# The article's two sites, for scenario 12 and the demo:
#
#   wsA1 192.168.1.10 --la0-- gwA ==wan 198.51.100.0/24== gwB --br0 (bridge)-- wsB1 193.6.37.10
#                      192.168.1.1   siteA: 193.6.37.250     siteB  193.6.37.1  wsB2 193.6.37.11
#                                                                               wsB3 (DHCP)
#                                                                               rtB  193.6.37.254
#
# LAN B's workstations have their default route through rtB, another
# router that knows nothing of the VPN.  gwA's tunnel address,
# 193.6.37.250, lies inside LAN B: the pppd set-up the article describes.
. "$(dirname "${BASH_SOURCE[0]}")/helper.sh"

ARTICLE_NS="wsA1 gwA gwB wsB1 wsB2 wsB3 rtB"

article_up() {
	local ns i
	for ns in $ARTICLE_NS; do
		ip netns add "$ns"
		in_ns "$ns" ip link set lo up
	done
	ip link add la0 netns gwA type veth peer name eth0 netns wsA1
	ip link add wan netns gwA type veth peer name wan netns gwB
	in_ns gwB ip link add br0 type bridge
	i=0
	for ns in wsB1 wsB2 wsB3 rtB; do
		ip link add "pb$i" netns gwB type veth peer name eth0 netns "$ns"
		in_ns gwB ip link set "pb$i" master br0 up
		in_ns "$ns" ip link set eth0 up
		i=$((i + 1))
	done
	in_ns gwA ip addr add 192.168.1.1/24 dev la0
	in_ns wsA1 ip addr add 192.168.1.10/24 dev eth0
	in_ns gwA ip addr add 198.51.100.1/24 dev wan
	in_ns gwB ip addr add 198.51.100.2/24 dev wan
	in_ns gwB ip addr add 193.6.37.1/24 dev br0
	in_ns wsB1 ip addr add 193.6.37.10/24 dev eth0
	in_ns wsB2 ip addr add 193.6.37.11/24 dev eth0
	in_ns rtB ip addr add 193.6.37.254/24 dev eth0
	in_ns gwA ip link set la0 up
	in_ns wsA1 ip link set eth0 up
	in_ns gwA ip link set wan up
	in_ns gwB ip link set wan up
	in_ns gwB ip link set br0 up
	in_ns wsB1 ip route add default via 193.6.37.254
	in_ns wsB2 ip route add default via 193.6.37.254
	# rtB routes nothing: it is the LAN's way to somewhere else.
	in_ns rtB sysctl -qw net.ipv4.ip_forward=1
}

# article_confs PROXYARP: siteA.conf and siteB.conf, fresh keys the first
# time; PROXYARP (yes|no) is gwB's.
article_confs() {
	[[ -n ${ART_KA:-} ]] || {
		ART_KA=$("$HELPER" genkey)
		ART_KB=$("$HELPER" genkey)
	}
	cat >"$VL_TMP/etc/siteA.conf" <<-EOF_A
		[Interface]
		PrivateKey = $ART_KA
		ListenPort = 51820
		Address = 193.6.37.250/32
		LanInterface = la0

		[Peer]
		PublicKey = $("$HELPER" pubkey <<<"$ART_KB")
		Endpoint = 198.51.100.2:51820
		AllowedIPs = 193.6.37.0/24
	EOF_A
	cat >"$VL_TMP/etc/siteB.conf" <<-EOF_B
		[Interface]
		PrivateKey = $ART_KB
		ListenPort = 51820
		LanInterface = br0
		ProxyArp = $1

		[Peer]
		PublicKey = $("$HELPER" pubkey <<<"$ART_KA")
		Endpoint = 198.51.100.1:51820
		AllowedIPs = 193.6.37.250/32, 192.168.1.0/24
	EOF_B
	chmod 600 "$VL_TMP"/etc/site?.conf
}

# icmp_in_echos NS: echo requests NS has received.
icmp_in_echos() {
	in_ns "$1" awk '/^Icmp:/ { if (!h) { for (i = 1; i <= NF; i++) n[$i] = i; h = 1 }
		else print $n["InEchos"] }' /proc/net/snmp
}

# mac NS DEV
mac() {
	in_ns "$1" cat "/sys/class/net/$2/address"
}

# neigh_mac NS ADDR: the MAC NS has cached for ADDR.
neigh_mac() {
	in_ns "$1" ip neigh show "$2" | awk '{ for (i = 1; i < NF; i++) if ($i == "lladdr") print $(i + 1) }'
}

article_down() {
	local ns
	[[ -f $VL_TMP/dnsmasq.pid ]] && kill "$(cat "$VL_TMP/dnsmasq.pid")" 2>/dev/null
	[[ -f $VL_TMP/dhclient.pid ]] && kill "$(cat "$VL_TMP/dhclient.pid")" 2>/dev/null
	for ns in $ARTICLE_NS; do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null
	done
	sleep 0.3
	for ns in $ARTICLE_NS; do
		ip netns del "$ns" 2>/dev/null
	done
	true
}
