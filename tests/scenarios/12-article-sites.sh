#!/bin/bash
# The article's story, end to end with vpnlink-helper: a route on the
# gateway is half of it.  Without proxy-ARP, gwA's pings reach LAN B and
# the replies die; `diagnose` says why.  With ProxyArp on gwB, gwA reaches
# LAN B with nothing changed on the workstations.  With the routes that
# `routes` prints, workstations on both sides talk; and with option 121
# from a real DHCP server through a real DHCP client, with nothing set by
# hand.  `up` turns forwarding on for a gateway of networks; `down` puts
# it back.
# weight: 80 (seconds on the Debian kernel under TCG)
# weight-debug: 200 (seconds on the debug kernel, two guests at once)
# debug kernel: skip (the proxy paths of the module are 11's; this is the
# helper's and the workstations' side)
. "$(dirname "$0")/../guest/article.sh"
trap 'article_down; helper_cleanup' EXIT

vl_load
article_up
article_confs no
fwd() { in_ns "$1" cat /proc/sys/net/ipv4/ip_forward; }

check_eq "forwarding is off on gwB before up" 0 "$(fwd gwB)"
out=$(in_ns gwB "$HELPER" up --log "$VL_TMP/siteB.log" "$VL_TMP/etc/siteB.conf" 2>&1)
check "gwB up" test $? -eq 0
check "up says it turned forwarding on" grep -q "IPv4 forwarding turned on" <<<"$out$(cat "$VL_TMP/siteB.log")"
check_eq "and it is on" 1 "$(fwd gwB)"
check "gwA up" in_ns gwA "$HELPER" up --log "$VL_TMP/siteA.log" "$VL_TMP/etc/siteA.conf"

# --- the half-success --------------------------------------------------------
e0=$(icmp_in_echos wsB1)
check_fails "without proxy-ARP, gwA's pings to a LAN B workstation get no reply" \
	in_ns gwA ping -q -c 3 -i 0.3 -W 2 193.6.37.10
check "yet the workstation got them (the half-success)" above "$e0" icmp_in_echos wsB1
check "its ARP for gwA's address went unanswered" \
	sh -c "ip -n wsB1 neigh show 193.6.37.250 | grep -Eq 'FAILED|INCOMPLETE'"
out=$(in_ns gwA "$HELPER" diagnose siteA 193.6.37.10 2>&1)
check "diagnose fails" test $? -eq 1
check "diagnose: the requests left through the tunnel" grep -Eq "[1-9][0-9]* packets left through siteA" <<<"$out"
check "diagnose names the missing route back" grep -q "no route" <<<"$out"
check "and the fixes: routes on the workstations" grep -q "vpnlink-helper routes" <<<"$out"
check "option 121 from DHCP" grep -q "option 121" <<<"$out"
check "or ProxyArp on the far gateway" grep -q "ProxyArp = yes" <<<"$out"
[[ $out == *"no route"* ]] || printf '#   %s\n' "$out"

# --- proxy-ARP on gwB, by SIGHUP -------------------------------------------
article_confs yes
kill -HUP "$(daemon_pid siteB)"
check "gwB reloads with ProxyArp = yes" wait_for 10 log_has siteB "answering ARP and NDP"
check "gwA now reaches workstation 1, nothing changed on it" \
	in_ns gwA ping -q -c 3 -i 0.3 -W 3 193.6.37.10
check "and workstation 2" in_ns gwA ping -q -c 3 -i 0.3 -W 3 193.6.37.11
br_mac=$(mac gwB br0)
check_eq "workstation 1 holds gwB's LAN MAC for gwA's address" "$br_mac" "$(neigh_mac wsB1 193.6.37.250)"
check_eq "workstation 2 too" "$br_mac" "$(neigh_mac wsB2 193.6.37.250)"
check "diagnose now says it answers" in_ns gwA "$HELPER" diagnose siteA 193.6.37.10
check "show lists the proxy and its replies" \
	sh -c "ip netns exec gwB $HELPER show siteB | grep -q 'proxy-ARP on: br0'"

# --- workstations, with the routes `routes` prints ---------------------------
check_fails "workstation A cannot reach LAN B yet" in_ns wsA1 ping -q -c 1 -W 1 193.6.37.10
in_ns gwA "$HELPER" routes "$VL_TMP/etc/siteA.conf" >"$VL_TMP/routesA.sh"
in_ns gwB "$HELPER" routes "$VL_TMP/etc/siteB.conf" >"$VL_TMP/routesB.sh"
check "routes for LAN A: LAN B via gwA" grep -qx "ip route add 193.6.37.0/24 via 192.168.1.1" "$VL_TMP/routesA.sh"
check "routes for LAN B: LAN A via gwB" grep -qx "ip route add 192.168.1.0/24 via 193.6.37.1" "$VL_TMP/routesB.sh"
check "workstation A takes them (sh)" in_ns wsA1 sh -e "$VL_TMP/routesA.sh"
check "workstation B1 takes them (sh)" in_ns wsB1 sh -e "$VL_TMP/routesB.sh"
check "A -> B1" in_ns wsA1 ping -q -c 3 -i 0.3 -W 3 193.6.37.10
check "B1 -> A" in_ns wsB1 ping -q -c 3 -i 0.3 -W 3 192.168.1.10
check "TCP A -> B1" iperf_ok wsA1 wsB1 193.6.37.10

# --- option 121 from dnsmasq to dhclient -------------------------------------
in_ns gwB "$HELPER" routes "$VL_TMP/etc/siteB.conf" --format dnsmasq \
	--default-router 193.6.37.254 >"$VL_TMP/dnsmasq-routes.conf"
check "the dnsmasq line carries the route and the default router" \
	grep -qx "dhcp-option=121,192.168.1.0/24,193.6.37.1,0.0.0.0/0,193.6.37.254" \
	"$VL_TMP/dnsmasq-routes.conf"
in_ns gwB dnsmasq --conf-file="$VL_TMP/dnsmasq-routes.conf" --port=0 \
	--interface=br0 --bind-interfaces --user=root --group=root \
	--dhcp-range=193.6.37.100,193.6.37.150,255.255.255.0,1h \
	--dhcp-option=3,193.6.37.254 --dhcp-leasefile="$VL_TMP/dnsmasq.leases" \
	--pid-file="$VL_TMP/dnsmasq.pid" --log-facility="$VL_TMP/dnsmasq.log" \
	--log-dhcp
check "dnsmasq serves LAN B" wait_for 5 test -s "$VL_TMP/dnsmasq.pid"
check "workstation B3 gets a lease with dhclient" \
	in_ns wsB3 timeout 60 dhclient -4 -1 -v -lf "$VL_TMP/dhclient.leases" \
	-pf "$VL_TMP/dhclient.pid" eth0
b3=$(in_ns wsB3 ip -4 -o addr show dev eth0 | awk '{ sub("/.*", "", $4); print $4; exit }')
check "with an address from the range" grep -q '^193\.6\.37\.1[0-5][0-9]$' <<<"$b3"
check "and the route to LAN A from option 121" \
	sh -c "ip -n wsB3 route show 192.168.1.0/24 | grep -q 'via 193.6.37.1'"
check "and its default route kept, through rtB" \
	sh -c "ip -n wsB3 route show default | grep -q 'via 193.6.37.254'"
check "A -> B3, nothing set by hand on B3" in_ns wsA1 ping -q -c 3 -i 0.3 -W 3 "$b3"
check "B3 -> A" in_ns wsB3 ping -q -c 3 -i 0.3 -W 3 192.168.1.10

# --- ProxyArp = no again, by SIGHUP: the proxy stops --------------------------
article_confs no
kill -HUP "$(daemon_pid siteB)"
check "ProxyArp = no on reload turns the proxy off" \
	wait_for 10 sh -c "! ip netns exec gwB $HELPER show siteB | grep -q 'proxy-ARP on'"

# --- down puts forwarding back -------------------------------------------------
check "gwB down" in_ns gwB "$HELPER" down "$VL_TMP/etc/siteB.conf"
check_eq "forwarding is off again on gwB" 0 "$(fwd gwB)"
in_ns gwA "$HELPER" down "$VL_TMP/etc/siteA.conf"
check_eq "and on gwA" 0 "$(fwd gwA)"
in_ns gwB sysctl -qw net.ipv4.ip_forward=1
in_ns gwB "$HELPER" up --log "$VL_TMP/siteB2.log" "$VL_TMP/etc/siteB.conf" >/dev/null
in_ns gwB "$HELPER" down "$VL_TMP/etc/siteB.conf"
check_eq "forwarding that was on before up stays on after down" 1 "$(fwd gwB)"
tap_done
