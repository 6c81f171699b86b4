#!/bin/bash
# The demo, run inside the guest (tests/demo/run.sh boots it): two sites,
# each a LAN behind a Linux gateway, linked through vpnlink across an
# "Internet" link, with workstations on both sides talking to each other.
#
#   wsA 192.168.1.10 -- lan -- gwA ==== internet 198.51.100.0/24 ==== gwB -- lan -- wsB 193.6.37.10
#                     192.168.1.1   vpn0 10.255.0.1    10.255.0.2 vpn0   193.6.37.1
#
# Keys are fixed for now: the helper's handshake (issue 3) replaces them.
. "$(dirname "$0")/../guest/lib.sh"

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

say "Bring up vpnlink on both gateways"
for side in A B; do
	if [[ $side == A ]]; then
		gw=gwA self=10.255.0.1 port=51820 peer=$PUB_B ep=198.51.100.2:51821
		net=193.6.37.0/24 peerip=10.255.0.2
	else
		gw=gwB self=10.255.0.2 port=51821 peer=$PUB_A ep=198.51.100.1:51820
		net=192.168.1.0/24 peerip=10.255.0.1
	fi
	run in_ns $gw ip link add vpn0 type vpnlink
	run in_ns $gw "$VLCTL" dev set vpn0 port $port
	run in_ns $gw ip addr add $self/24 dev vpn0
	run in_ns $gw ip link set vpn0 up
	run in_ns $gw "$VLCTL" peer add vpn0 "$peer" endpoint $ep allowed $peerip/32,$net
	run in_ns $gw ip route add $net dev vpn0
	run in_ns $gw sysctl -q net.ipv4.ip_forward=1
done
run in_ns gwB "$VLCTL" keypair add vpn0 "$PUB_A" local 2 remote 1 send "$KEY_BA" recv "$KEY_AB"
run in_ns gwA "$VLCTL" keypair add vpn0 "$PUB_B" local 1 remote 2 send "$KEY_AB" recv "$KEY_BA" initiator

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
run in_ns gwA "$VLCTL" peer show vpn0
run in_ns gwA ip -s link show vpn0
