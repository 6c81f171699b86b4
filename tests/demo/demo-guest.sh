#!/bin/bash
# The demo, run inside the guest (tests/demo/run.sh boots it): the
# article's story.  Two sites, each a LAN behind a Linux gateway, linked
# through vpnlink across an "Internet" link (tests/guest/article.sh):
#
#   wsA1 192.168.1.10 -- gwA ==== 198.51.100.0/24 ==== gwB -- bridge -- wsB1 193.6.37.10
#                  192.168.1.1   (tunnel 193.6.37.250)  193.6.37.1     wsB2 193.6.37.11
#                                                                      wsB3 (DHCP)
#                                                                      rtB 193.6.37.254
#
# A route on the gateway is half the story: first the half-success, then
# proxy-ARP, then the workstations' routes, by hand and by DHCP.
. "$(dirname "$0")/../guest/article.sh"
trap 'article_down; helper_cleanup' EXIT

say() { printf '\n== %s\n' "$*"; }
run() {
	printf '$ %s\n' "${*#in_ns }"
	"$@"
}

vl_load
article_up
article_confs no

say "Two sites: LAN A 192.168.1.0/24 behind gwA, LAN B 193.6.37.0/24 behind gwB."
echo "LAN B's workstations send everything they do not know to rtB, another router."
echo "gwA's tunnel address, 193.6.37.250, lies inside LAN B."

say "Each gateway's config (wg-quick format; the keys were made with vpnlink-helper genkey)"
sed 's/^PrivateKey = .*/PrivateKey = (hidden)/' "$VL_TMP/etc/siteA.conf"
echo
sed 's/^PrivateKey = .*/PrivateKey = (hidden)/' "$VL_TMP/etc/siteB.conf"

say "Bring up vpnlink on both gateways"
run in_ns gwA "$HELPER" up --log "$VL_TMP/siteA.log" "$VL_TMP/etc/siteA.conf"
run in_ns gwB "$HELPER" up --log "$VL_TMP/siteB.log" "$VL_TMP/etc/siteB.conf"
grep -h "forwarding turned on" "$VL_TMP"/site?.log | sed 's/^/  log: /'
run in_ns gwA ip route show dev siteA

say "1. The half-success: gwA pings a workstation of LAN B"
e0=$(icmp_in_echos wsB1)
run in_ns gwA ping -c 3 -i 0.3 -W 2 193.6.37.10 || true
echo "... yet wsB1 received $(($(icmp_in_echos wsB1) - e0)) echo requests.  It answers to 193.6.37.250,"
echo "which it believes is on its own LAN, and nobody answers its ARP:"
run in_ns wsB1 ip neigh show 193.6.37.250
say "vpnlink-helper diagnose says why"
run in_ns gwA "$HELPER" diagnose siteA 193.6.37.10 || true

say "2. ProxyArp = yes on gwB (one line in its config, then SIGHUP): gwB answers ARP for gwA's address"
article_confs yes
run kill -HUP "$(daemon_pid siteB)"
wait_for 10 log_has siteB "answering ARP and NDP"
run in_ns gwA ping -c 3 -i 0.3 193.6.37.10
run in_ns gwA ping -c 3 -i 0.3 193.6.37.11
echo "Nothing changed on the workstations; their ARP cache holds gwB's LAN MAC ($(mac gwB br0)):"
run in_ns wsB1 ip neigh show 193.6.37.250
run in_ns gwB "$HELPER" show siteB

say "3. Workstation to workstation: each side needs a route to the other's LAN"
run in_ns wsA1 ping -c 1 -W 1 193.6.37.10 || echo "(no route on wsA1 yet: as expected)"
run in_ns gwA "$HELPER" routes "$VL_TMP/etc/siteA.conf"
run in_ns gwB "$HELPER" routes "$VL_TMP/etc/siteB.conf" --format route
echo "Run on the workstations as printed:"
in_ns gwA "$HELPER" routes "$VL_TMP/etc/siteA.conf" | run in_ns wsA1 sh -e
in_ns gwB "$HELPER" routes "$VL_TMP/etc/siteB.conf" | run in_ns wsB1 sh -e
run in_ns wsA1 ping -c 3 -i 0.3 193.6.37.10
run in_ns wsB1 ping -c 3 -i 0.3 192.168.1.10
in_ns wsB1 iperf3 -s -1 -D >/dev/null 2>&1
sleep 0.5
run in_ns wsA1 iperf3 -c 193.6.37.10 -t 3 -f m 2>&1 | grep -E "sender|receiver"

say "4. Or nothing by hand: LAN B's DHCP server hands out the route (option 121)"
in_ns gwB "$HELPER" routes "$VL_TMP/etc/siteB.conf" --format dnsmasq \
	--default-router 193.6.37.254 >"$VL_TMP/dnsmasq-routes.conf"
run in_ns gwB "$HELPER" routes "$VL_TMP/etc/siteB.conf" --format dnsmasq --default-router 193.6.37.254
in_ns gwB dnsmasq --conf-file="$VL_TMP/dnsmasq-routes.conf" --port=0 \
	--interface=br0 --bind-interfaces --user=root --group=root \
	--dhcp-range=193.6.37.100,193.6.37.150,255.255.255.0,1h \
	--dhcp-option=3,193.6.37.254 --dhcp-leasefile="$VL_TMP/dnsmasq.leases" \
	--pid-file="$VL_TMP/dnsmasq.pid" --log-facility="$VL_TMP/dnsmasq.log"
wait_for 5 test -s "$VL_TMP/dnsmasq.pid"
echo '$ dhclient eth0    (on wsB3, a workstation with nothing configured)'
in_ns wsB3 timeout 60 dhclient -4 -1 -lf "$VL_TMP/dhclient.leases" \
	-pf "$VL_TMP/dhclient.pid" eth0 2>/dev/null
run in_ns wsB3 ip route
b3=$(in_ns wsB3 ip -4 -o addr show dev eth0 | awk '{ sub("/.*", "", $4); print $4; exit }')
run in_ns wsA1 ping -c 3 -i 0.3 "$b3"

say "5. And the gateway itself: vpnlink-helper audit (a VPN is worthless on an open gateway)"
in_ns gwB python3 -c 'import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 23)); s.listen(); time.sleep(30)' &
sleep 1
run in_ns gwB "$HELPER" audit --config-dir "$VL_TMP/etc" || true
kill %% 2>/dev/null

say "Down again: forwarding goes back to what it was"
run in_ns gwA "$HELPER" down "$VL_TMP/etc/siteA.conf"
run in_ns gwB "$HELPER" down "$VL_TMP/etc/siteB.conf"
run in_ns gwB sysctl net.ipv4.ip_forward
