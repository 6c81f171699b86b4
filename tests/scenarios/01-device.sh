#!/bin/bash
# The module loads and unloads; devices are created, configured, moved
# between namespaces and deleted.
# weight: 26 (seconds on the Debian kernel under TCG)
# weight-debug: 126 (seconds on the debug kernel, two guests at once)
. "$(dirname "$0")/../guest/lib.sh"

check "module loads" vl_load
check "generic netlink family is registered" "$VLCTL" dev list

ip netns add vla
check "ip link add type vpnlink" in_ns vla ip link add vpn0 type vpnlink
check_eq "default MTU is 1420" 1420 "$(in_ns vla cat /sys/class/net/vpn0/mtu)"
check "link type is none, point-to-point, no ARP" \
	sh -c "ip -n vla -d link show vpn0 | grep -q 'POINTOPOINT,NOARP' &&
	       ip -n vla -d link show vpn0 | grep -q 'vpnlink'"
check "device shows in vlctl" sh -c "ip netns exec vla $VLCTL dev list | grep -q '^vpn0 '"
check "MTU can be changed" in_ns vla ip link set vpn0 mtu 1380
check_fails "MTU below IPv4 minimum refused" in_ns vla ip link set vpn0 mtu 60
check "set listen port" in_ns vla "$VLCTL" dev set vpn0 port 40000
check "device up binds the port" in_ns vla ip link set vpn0 up
check_eq "port 40000 bound, IPv4 and IPv6" 2 "$(in_ns vla ss -Hunl 'sport = :40000' | wc -l)"
check_eq "listen port reported" 40000 \
	"$(in_ns vla "$VLCTL" dev show vpn0 | awk '$1 == "listen_port" { print $2 }')"
check "changing the port rebinds" in_ns vla "$VLCTL" dev set vpn0 port 40001
check "old port released, new bound" \
	sh -c "! ip netns exec vla ss -uln | grep -q ':40000 ' &&
	       ip netns exec vla ss -uln | grep -q ':40001 '"
check "port 0 picks a free port" in_ns vla "$VLCTL" dev set vpn0 port 0
port=$(in_ns vla "$VLCTL" dev show vpn0 | awk '$1 == "listen_port" { print $2 }')
check "random port is bound" sh -c "[ '$port' -gt 0 ] && ip netns exec vla ss -uln | grep -q ':$port '"
# A port in use (here by a second device) is refused and the old one kept.
in_ns vla ip link add vpn1 type vpnlink
in_ns vla "$VLCTL" dev set vpn1 port 40100
in_ns vla ip link set vpn1 up
check_fails "binding a busy port fails" in_ns vla "$VLCTL" dev set vpn0 port 40100
check "the old port is still bound after the failure" sh -c "ip netns exec vla ss -uln | grep -q ':$port '"
in_ns vla ip link del vpn1
check "device down closes the sockets" \
	sh -c "ip -n vla link set vpn0 down && ! ip netns exec vla ss -uln | grep -q ':$port '"

# Moving: the device goes, its sockets stay in the namespace it was made in.
ip netns add vlinner
in_ns vla "$VLCTL" dev set vpn0 port 40002
check "device moves to another namespace" in_ns vla ip link set vpn0 netns vlinner
check "moved device is in the new namespace" in_ns vlinner ip link show vpn0
check "moved device is gone from the old one" sh -c "! ip -n vla link show vpn0 2>/dev/null"
in_ns vlinner ip link set vpn0 up
check "its socket stays in the creating namespace" sh -c "ip netns exec vla ss -uln | grep -q ':40002 '"
check "and not in the new namespace" sh -c "! ip netns exec vlinner ss -uln | grep -q ':40002 '"
check "link-netns is reported" sh -c "ip -n vlinner -d link show vpn0 | grep -q 'link-netns'"
check "vlctl sees the device in its new namespace" in_ns vlinner "$VLCTL" dev show vpn0
check_fails "vlctl does not see it in the old one" in_ns vla "$VLCTL" dev show vpn0

# Deleting the creating namespace takes the device along, wherever it is.
ip netns del vla
check "deleting the creating namespace deletes the moved device" \
	wait_for 10 sh -c "! ip -n vlinner link show vpn0 2>/dev/null"
ip netns del vlinner

# Deleting a namespace deletes its devices and closes their sockets.  The
# devices are made in vla and moved to vlgone, so their sockets stay in
# vla, where they can be seen to close when vlgone is deleted.
setup "namespace vla" ip netns add vla
setup "namespace vlgone" ip netns add vlgone
for i in 0 1; do
	setup "device vpn$i" in_ns vla ip link add vpn$i type vpnlink
	setup "vpn$i on port 4020$i" in_ns vla "$VLCTL" dev set vpn$i port 4020$i
	setup "vpn$i moved" in_ns vla ip link set vpn$i netns vlgone
	setup "vpn$i up" in_ns vlgone ip link set vpn$i up
done
check "ip link del" in_ns vlgone ip link del vpn1
check "vpn1 is gone after ip link del" sh -c "! ip -n vlgone link show vpn1 2>/dev/null"
check_eq "its sockets are closed, vpn0's are not" "0 2" \
	"$(in_ns vla ss -Hunl 'sport = :40201' | wc -l) $(in_ns vla ss -Hunl 'sport = :40200' | wc -l)"
setup "vpn1 again" sh -c "ip -n vla link add vpn1 type vpnlink &&
	ip netns exec vla $VLCTL dev set vpn1 port 40201 &&
	ip -n vla link set vpn1 netns vlgone && ip -n vlgone link set vpn1 up"
check_eq "both devices hold their ports in vla" 4 \
	"$(in_ns vla ss -Hunl 'sport = :40200 or sport = :40201' | wc -l)"
ip netns del vlgone
# The namespace's cleanup runs in a worker after ip netns del returns.
check "deleting a namespace deletes its devices: their sockets close" \
	wait_for 10 sh -c "! ip netns exec vla ss -Hunl 'sport = :40200 or sport = :40201' | grep -q ."
check "and their ports bind again" in_ns vla python3 -c '
import socket
for port in (40200, 40201):
    for fam, addr in ((socket.AF_INET, "0.0.0.0"), (socket.AF_INET6, "::")):
        s = socket.socket(fam, socket.SOCK_DGRAM)
        s.bind((addr, port))
        s.close()'
ip netns del vla
check "module unloads" vl_unload
check "module reloads" vl_load
tap_done
