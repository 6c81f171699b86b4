#!/bin/bash
# vpnlink-helper audit: the gateway around the tunnel.  A namespace with a
# minimal nftables ruleset and nothing listening has no findings; then a
# telnet listener, telnet in inetd.conf, ports open on every address or
# on the default route's interface, a config others may read, no ruleset,
# and forwarding without a forward chain are each found, with exit 1; the
# vpnlink device's own port, loopback and a LAN address are not.
# weight: 58 (seconds on the Debian kernel under TCG)
# weight-debug: 90 (seconds on the debug kernel, two guests at once)
# debug kernel: skip (userspace only: /proc/net, nftables and configs)
. "$(dirname "$0")/../guest/helper.sh"

ETC=$VL_TMP/audit-etc
INETD=$VL_TMP/inetd.conf
mkdir -p "$ETC"
chmod 700 "$ETC"
keys_new
vl_conf site0 "$K_A" 10.0.0.1/24 51820 "$P_B" 192.0.2.2:51821 10.0.0.2/32
cp -p "$VL_TMP/etc/site0.conf" "$ETC/site0.conf"
cat >"$INETD" <<'EOF'
# /etc/inetd.conf: nothing enabled
#<off># telnet	stream	tcp	nowait	root	/usr/sbin/tcpd	/usr/sbin/in.telnetd
EOF

# The gateway: vla, its WAN ula (192.0.2.1, default route via vlb), a LAN
# lan0 (10.9.0.1/24, a dummy), a vpnlink device on UDP 51820.
vl_load
underlay_up
in_ns vla ip route add default via 192.0.2.2
in_ns vla ip link add lan0 type dummy
in_ns vla ip addr add 10.9.0.1/24 dev lan0
in_ns vla ip link set lan0 up
in_ns vla ip link add vpn0 type vpnlink
in_ns vla "$VLCTL" dev set vpn0 port 51820
in_ns vla ip link set vpn0 up

ruleset() {
	in_ns vla nft flush ruleset
	in_ns vla nft -f - <<-EOF
	table inet filter {
		chain input {
			type filter hook input priority 0; policy accept;
		}
		$1
	}
	EOF
}
FORWARD='chain forward {
	type filter hook forward priority 0; policy drop;
}'

# audit: the helper's audit in vla; its output in $OUT, status in $RC.
audit() {
	OUT=$(in_ns vla "$HELPER" audit --config-dir "$ETC" --inetd "$INETD" 2>&1)
	RC=$?
}

# has TEXT: the last audit said TEXT.
has() {
	grep -qF -- "$1" <<<"$OUT"
}

# listen tcp|udp ADDR PORT: a socket bound there in vla, until
# unlisten; its pid in $LISTENER (ip netns exec becomes python3).
LISTENERS=()
listen() {
	local ready=$VL_TMP/listen.$1.$3
	ip netns exec vla python3 -c '
import socket, sys, time
fam = socket.AF_INET6 if ":" in sys.argv[2] else socket.AF_INET
tcp = sys.argv[1] == "tcp"
s = socket.socket(fam, socket.SOCK_STREAM if tcp else socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[2], int(sys.argv[3])))
if tcp:
    s.listen()
open(sys.argv[4], "w").close()
time.sleep(600)
' "$1" "$2" "$3" "$ready" &
	LISTENER=$!
	LISTENERS+=("$LISTENER")
	wait_for 10 test -e "$ready"
}

# unlisten [PID...]: those listeners gone (all by default).
unlisten() {
	local pids=("$@")
	((${#pids[@]})) || pids=("${LISTENERS[@]}")
	kill "${pids[@]}" 2>/dev/null	# some may be gone already
	wait "${pids[@]}" 2>/dev/null
}

check "python3 is there for the listeners" python3 -c 'import socket'
check "the vpnlink device listens on 51820/udp" \
	sh -c "ip netns exec vla cat /proc/net/udp /proc/net/udp6 | grep -q ':CA6C '"

ruleset "$FORWARD"
audit
check_eq "clean: exit status 0" 0 "$RC"
check_eq "clean: no findings, and nothing else" "audit: no findings" "$OUT"

listen tcp 0.0.0.0 23
TELNET=$LISTENER
audit
check_eq "telnet listening: exit status 1" 1 "$RC"
check "telnet listening: named, with its port and what to do" \
	has "audit: telnet listens on 0.0.0.0:23/tcp: remove or disable it; use ssh"
check_eq "telnet listening: one finding, not also an open port" 1 \
	"$(grep -c '^audit: ' <<<"$OUT")"
unlisten "$TELNET"
audit
check_eq "telnet gone: clean again" "0 audit: no findings" "$RC $OUT"

echo "telnet	stream	tcp	nowait	root	/usr/sbin/tcpd	/usr/sbin/in.telnetd" >>"$INETD"
audit
check_eq "telnet in inetd.conf: exit status 1" 1 "$RC"
check "telnet in inetd.conf: named, with the line" \
	has "audit: telnet is enabled in $INETD line 3: comment it out; use ssh"
sed -i '$d' "$INETD"

listen tcp 0.0.0.0 8080
listen udp :: 5353
listen tcp 192.0.2.1 8443
listen tcp 127.0.0.1 8081
listen tcp 10.9.0.1 8082
audit
check_eq "open ports: exit status 1" 1 "$RC"
check "a TCP port on every address is found" \
	has "audit: port 8080/tcp is open on 0.0.0.0 (every address, the WAN's too): close it or firewall it"
check "a UDP port on every address is found" \
	has "audit: port 5353/udp is open on :: (every address, the WAN's too): close it or firewall it"
check "a port on the WAN address is found" \
	has "audit: port 8443/tcp is open on 192.0.2.1 (ula, which has the default route): close it or firewall it"
check_fails "loopback is not a finding" has 8081
check_fails "a LAN address is not a finding" has 8082
check_fails "vpnlink's own port is not a finding" has 51820
check_eq "open ports: three findings" 3 "$(grep -c '^audit: ' <<<"$OUT")"
unlisten
audit
check_eq "listeners gone: clean again" "0 audit: no findings" "$RC $OUT"

chmod 644 "$ETC/site0.conf"
audit
check_eq "a config others may read: exit status 1" 1 "$RC"
check "a config others may read: chmod 600" \
	has "audit: $ETC/site0.conf has mode 0644, open to group or others: chmod 600 $ETC/site0.conf"
chmod 640 "$ETC/site0.conf"
audit
check "a config its group may read: chmod 600" has "chmod 600 $ETC/site0.conf"
chmod 600 "$ETC/site0.conf"

in_ns vla nft flush ruleset
audit
check_eq "no ruleset: exit status 1" 1 "$RC"
check "no ruleset: found" \
	has "audit: no firewall ruleset is loaded: apply one (nftables)"
check_eq "no ruleset, no forwarding: that one finding" 1 \
	"$(grep -c '^audit: ' <<<"$OUT")"

in_ns vla sysctl -qw net.ipv4.ip_forward=1
ruleset ""
audit
check_eq "forwarding without a forward chain: exit status 1" 1 "$RC"
check "forwarding without a forward chain: found" \
	has "audit: IPv4 forwarding is on with no forward filtering: add a forward chain"
check_fails "a ruleset without a forward chain is still a ruleset" \
	has "no firewall ruleset"
ruleset "$FORWARD"
audit
check_eq "forwarding with a forward chain: clean" "0 audit: no findings" \
	"$RC $OUT"
in_ns vla sysctl -qw net.ipv6.conf.all.forwarding=1
ruleset ""
audit
check "IPv6 forwarding without a forward chain: found" \
	has "audit: IPv6 forwarding is on with no forward filtering: add a forward chain"

in_ns vla "$HELPER" audit --bogus >/dev/null 2>&1
check_eq "an unknown option: exit status 2" 2 "$?"
tap_done
