#!/bin/bash
# The demo, run inside the guest (tests/demo/run.sh boots it): two sites,
# each a LAN behind a Linux gateway, linked through vpnlink across an
# "Internet" link, with workstations on both sides talking to each other.
#
#   wsA 192.168.1.10 -- lan -- gwA ==== internet 198.51.100.0/24 ==== gwB -- lan -- wsB 193.6.37.10
#                     192.168.1.1  siteA 10.255.0.1    10.255.0.2 siteB  193.6.37.1
#
# Each gateway runs `vpnlink-helper up` on a wg-quick config; the keys
# are made on the spot and exchanged by the handshake.
. "$(dirname "$0")/../guest/helper.sh"

say() { printf '\n== %s\n' "$*"; }
run() {
	printf '$ %s\n' "${*#in_ns }"
	"$@"
}

vl_load
for ns in wsA gwA gwB wsB; do
	ip netns add $ns
	in_ns $ns ip link set lo up
done
ip link add lan netns wsA type veth peer name lan netns gwA
ip link add wan netns gwA type veth peer name wan netns gwB
ip link add lan netns gwB type veth peer name lan netns wsB
in_ns wsA ip addr add 192.168.1.10/24 dev lan
in_ns gwA ip addr add 192.168.1.1/24 dev lan
in_ns gwA ip addr add 198.51.100.1/24 dev wan
in_ns gwB ip addr add 198.51.100.2/24 dev wan
in_ns gwB ip addr add 193.6.37.1/24 dev lan
in_ns wsB ip addr add 193.6.37.10/24 dev lan
for ns in wsA gwA gwB wsB; do
	for dev in lan wan; do
		in_ns $ns ip link set $dev up 2>/dev/null
	done
done
in_ns wsA ip route add default via 192.168.1.1
in_ns wsB ip route add default via 193.6.37.1

say "Two sites: LAN A 192.168.1.0/24 behind gwA, LAN B 193.6.37.0/24 behind gwB"
say "Without a tunnel, workstation A cannot reach workstation B"
run in_ns wsA ping -c 1 -W 1 193.6.37.10 || echo "(no route: as expected)"

say "Keys for both gateways: the private key stays, the public key goes to the other side"
echo '$ vpnlink-helper genkey | tee private.key | vpnlink-helper pubkey'
KA=$("$HELPER" genkey)
KB=$("$HELPER" genkey)
PA=$("$HELPER" pubkey <<<"$KA")
PB=$("$HELPER" pubkey <<<"$KB")
echo "gwA public key: $PA"
echo "gwB public key: $PB"

say "Each gateway's wg-quick config: the other gateway's LAN is routed through the tunnel"
cat >"$VL_TMP/etc/siteA.conf" <<EOF_A
[Interface]
PrivateKey = $KA
ListenPort = 51820
Address = 10.255.0.1/24
PostUp = sysctl -q net.ipv4.ip_forward=1

[Peer]
PublicKey = $PB
Endpoint = 198.51.100.2:51820
AllowedIPs = 10.255.0.2/32, 193.6.37.0/24
EOF_A
cat >"$VL_TMP/etc/siteB.conf" <<EOF_B
[Interface]
PrivateKey = $KB
ListenPort = 51820
Address = 10.255.0.2/24
PostUp = sysctl -q net.ipv4.ip_forward=1

[Peer]
PublicKey = $PA
Endpoint = 198.51.100.1:51820
AllowedIPs = 10.255.0.1/32, 192.168.1.0/24
EOF_B
chmod 600 "$VL_TMP"/etc/site?.conf
sed 's/^PrivateKey = .*/PrivateKey = (hidden)/' "$VL_TMP/etc/siteA.conf"

say "Bring up vpnlink on both gateways"
run in_ns gwA "$HELPER" up --log "$VL_TMP/siteA.log" "$VL_TMP/etc/siteA.conf"
run in_ns gwB "$HELPER" up --log "$VL_TMP/siteB.log" "$VL_TMP/etc/siteB.conf"
run in_ns gwA ip route show dev siteA

say "Workstation A pings workstation B, and B pings A: both ways, nothing set on the workstations but their default route"
run in_ns wsA ping -c 3 -i 0.3 193.6.37.10
run in_ns wsB ping -c 3 -i 0.3 192.168.1.10

say "TCP across the tunnel, workstation to workstation"
in_ns wsB iperf3 -s -1 -D >/dev/null 2>&1
sleep 0.5
run in_ns wsA iperf3 -c 193.6.37.10 -t 3 -f m 2>&1 | tail -n 5

say "What the Internet link sees: UDP between the gateways, nothing readable"
in_ns gwA tcpdump -i wan -n -c 4 udp 2>/dev/null &
sleep 0.5
in_ns wsA ping -c 2 -i 0.2 -p 48454c4c4f -q 193.6.37.10 >/dev/null
wait

say "The gateways' view"
run in_ns gwA "$HELPER" show siteA
run in_ns gwA ip -s link show siteA

say "Down again"
run in_ns gwA "$HELPER" down "$VL_TMP/etc/siteA.conf"
run in_ns gwB "$HELPER" down "$VL_TMP/etc/siteB.conf"
