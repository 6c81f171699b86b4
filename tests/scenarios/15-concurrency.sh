#!/bin/bash
# Concurrency: what tears state down, run in a loop while packets flow both
# ways on two vCPUs.  A peer's data messages are decrypted on its own CPU
# (rxqueue.c), and the two peers of a tunnel get different ones, so
# packets change CPUs inside the module all the time.  The cases: rmmod;
# peers and keypairs removed, re-added and replaced; deleting the
# namespace that holds a device, or the one that holds its sockets; a LAN
# set changing while its LAN interface and its device are deleted.  Each
# case checks that its traffic flowed, that what it deleted is gone, that
# the module unloads, and that the kernel log has nothing to say.
# weight: 276 (seconds on the Debian kernel under TCG)
# weight-debug: 980 (seconds on the debug kernel, two vCPUs, beside a one-vCPU guest)
# debug kernel: cpus 2
. "$(dirname "$0")/../guest/lib.sh"
VLARP=$VL_ROOT/tests/tools/vlarp

setup "the guest has two CPUs" test "$(nproc)" -ge 2

# --- traffic -------------------------------------------------------------------
# Every background job sends its output elsewhere: one stuck in the kernel
# (a device that never finishes unregistering) would otherwise hold the
# scenario's output open, and its runner would wait for it forever.

# flood NS ADDR...: pings from NS to each ADDR, a thousand a second, until
# flood_stop; ping goes on through errors (no route, no device) until
# killed.  Not ping -f: a few of those leave the vCPUs no time for the
# commands the cases time against them.  On the debug kernel a packet
# costs about five times as much, and so two hundred a second load its
# vCPUs as a thousand load Debian's.
FLOOD_INTERVAL=0.001
if slow_kernel; then
	FLOOD_INTERVAL=0.005
	echo "# debug kernel: each flood sends 200 pings a second, not 1000"
fi
FLOODS=()
flood() {
	local ns=$1 a
	shift
	for a in "$@"; do
		in_ns "$ns" ping -q -i "$FLOOD_INTERVAL" "$a" >/dev/null 2>&1 &
		FLOODS+=($!)
	done
}

flood_stop() {
	((${#FLOODS[@]})) || return 0
	kill "${FLOODS[@]}" 2>/dev/null
	wait "${FLOODS[@]}" 2>/dev/null
	FLOODS=()
}

# rx_pkts NS [DEV]: packets the device delivered (its counters outlive
# peers and keypairs, unlike the peer's).  From one ip process, not `ip
# netns exec cat` (two), parsed here: ip -s -o prints "RX:", six column
# names, "\", then bytes and packets.
rx_pkts() {
	local f i
	f=($(ip -n "$1" -s -o link show dev "${2:-vpn0}")) || return 1
	for ((i = 0; i < ${#f[@]} - 9; i++)); do
		[[ ${f[i]} == RX: && ${f[i + 9]} =~ ^[0-9]+$ ]] || continue
		echo "${f[i + 9]}"
		return 0
	done
	return 1
}

# flowing NS... : wait until the vpn0 of every NS delivered 100 packets
# more than it had.
flowing() {
	local ns n
	for ns in "$@"; do
		n=$(rx_pkts "$ns") || return 1
		wait_for 10 above $((n + 100)) rx_pkts "$ns" || return 1
	done
}

# unloads: nothing holds the module (its reference count), and it goes.
unloads() {
	local refs
	refs=$(cat /sys/module/vpnlink/refcnt) || return 1
	[[ $refs == 0 ]] || { echo "refcnt $refs"; return 1; }
	rmmod vpnlink && test ! -d /sys/module/vpnlink
}

# no_dev NS DEV: DEV is not (or no longer) in NS.
no_dev() {
	! in_ns "$1" ip link show "$2" >/dev/null 2>&1
}

# finished PID: a background job has ended (bash reaps its children).
finished() {
	! kill -0 "$1" 2>/dev/null
}

# case_end NAME: what every case ends with.
case_end() {
	flood_stop
	topo_down
	check "$1: the module unloads, nothing holds it" unloads
	check "$1: the kernel log is clean" klog_clean
	vl_load
}

# --- rmmod under traffic ---------------------------------------------------------

klog_mark
vl_load
rounds=$(scaled 2 1 "rmmod under traffic")
flowed=0 unloaded=0 gone=0
for ((r = 1; r <= rounds; r++)); do
	vl_load && topo_up 4 && keys_up 1 2 || break
	flood vla 10.0.0.2 fd00::2
	flood vlb 10.0.0.1
	{ iperf_server vlb && in_ns vla iperf3 -c 10.0.0.2 -b 20M -t 600; } >/dev/null 2>&1 &
	tcp=$!
	flowing vla vlb && flowed=$((flowed + 1))
	rmmod vpnlink && unloaded=$((unloaded + 1))
	no_dev vla vpn0 && no_dev vlb vpn0 && gone=$((gone + 1))
	flood_stop
	topo_down
	wait $tcp
done
check_eq "rmmod: traffic flowed both ways before each of $rounds rmmods" "$rounds" "$flowed"
check_eq "rmmod: it unloaded the module under traffic every time" "$rounds" "$unloaded"
check_eq "rmmod: the devices went with it every time" "$rounds" "$gone"
vl_load
topo_up 4
keys_up 1 2
check "rmmod: after insmod the tunnel works again" ping_ok vla 10.0.0.2
case_end rmmod

# --- peers and keypairs under traffic -------------------------------------------

# Each round changes one thing on a side while both sides flood, then
# installs a fresh keypair (new indexes, so none is reused); traffic must
# flow both ways again before the next round.  A dump of the peers runs
# alongside each change.
klog_mark
topo_up 4
keys_up 1 2
flood vla 10.0.0.2 fd00::2
flood vlb 10.0.0.1 fd00::1
check "peers: traffic flows both ways" flowing vla vlb
rounds=$(scaled 4 1 "peer and keypair changes under traffic")
again=0
for ((r = 1; r <= rounds; r++)); do
	in_ns vlb "$VLCTL" peer show vpn0 --dump >/dev/null 2>&1 &
	dump=$!
	case $((r % 4)) in
	0)
		in_ns vla "$VLCTL" peer del vpn0 "$PUB_B"
		in_ns vla "$VLCTL" peer add vpn0 "$PUB_B" endpoint "192.0.2.2:$PORT_B" \
			allowed 10.0.0.2/32,fd00::2/128
		;;
	1)
		in_ns vlb "$VLCTL" peer set vpn0 "$PUB_A" replace allowed 10.0.0.1/32,fd00::1/128
		in_ns vla "$VLCTL" peer set vpn0 "$PUB_B" replace allowed fd00::2/128,10.0.0.2/32
		;;
	2)
		in_ns vlb "$VLCTL" keypair del vpn0 "$PUB_A"
		;;
	3)
		in_ns vlb "$VLCTL" peer del vpn0 "$PUB_A"
		in_ns vlb "$VLCTL" peer add vpn0 "$PUB_A" endpoint "192.0.2.1:$PORT_A" \
			allowed 10.0.0.1/32,fd00::1/128
		;;
	esac
	keys_up $((10 + 2 * r)) $((11 + 2 * r))
	wait $dump
	flowing vla vlb && again=$((again + 1))
done
check_eq "peers: traffic flowed both ways again after each of $rounds changes" "$rounds" "$again"
check "peers: and pings come back both ways at the end" \
	sh -c "ip netns exec vla ping -q -c 3 -i 0.2 -W 3 10.0.0.2 && ip netns exec vlb ping -q -c 3 -i 0.2 -W 3 fd00::1"
case_end peers

# --- namespaces deleted under traffic ---------------------------------------------

# inner_up: the devices are made in vla and vlb (where their sockets stay)
# and moved into ina and inb, whose floods cross the tunnel.
inner_up() {
	underlay_up &&
		ip netns add ina && ip netns add inb &&
		in_ns vla ip link add vpn0 type vpnlink &&
		in_ns vlb ip link add vpn0 type vpnlink &&
		in_ns vla "$VLCTL" dev set vpn0 port $PORT_A &&
		in_ns vlb "$VLCTL" dev set vpn0 port $PORT_B &&
		in_ns vla ip link set vpn0 netns ina &&
		in_ns vlb ip link set vpn0 netns inb &&
		in_ns ina ip addr add 10.0.0.1/24 dev vpn0 &&
		in_ns inb ip addr add 10.0.0.2/24 dev vpn0 &&
		in_ns ina ip link set vpn0 up &&
		in_ns inb ip link set vpn0 up &&
		in_ns ina "$VLCTL" peer add vpn0 "$PUB_B" endpoint "192.0.2.2:$PORT_B" allowed 10.0.0.2/32 &&
		in_ns inb "$VLCTL" peer add vpn0 "$PUB_A" endpoint "192.0.2.1:$PORT_A" allowed 10.0.0.1/32 &&
		in_ns inb "$VLCTL" keypair add vpn0 "$PUB_A" local 2 remote 1 send "$KEY_BA" recv "$KEY_AB" &&
		in_ns ina "$VLCTL" keypair add vpn0 "$PUB_B" local 1 remote 2 send "$KEY_AB" recv "$KEY_BA" initiator
}

inner_down() {
	local ns
	flood_stop
	for ns in ina inb; do
		ip netns pids $ns 2>/dev/null | xargs -r kill 2>/dev/null
		ip netns del $ns 2>/dev/null
	done
	topo_down
}

port_closed() {
	! in_ns "$1" ss -Hunl "sport = :$2" | grep -q .
}

# Odd rounds delete ina, the device's namespace, with only B's flood
# left (the processes of a namespace keep it alive): A's sockets in vla
# must close.  Even rounds delete vlb, which holds B's sockets, with both
# floods on: the device in inb must go.
klog_mark
rounds=$(scaled 2 2 "namespace deletions under traffic")
flowed=0 gone=0
for ((r = 1; r <= rounds; r++)); do
	inner_up || break
	flood ina 10.0.0.2
	flood inb 10.0.0.1
	flowing ina inb && flowed=$((flowed + 1))
	if ((r % 2)); then
		ip netns pids ina | xargs -r kill
		ip netns del ina
		wait_for 10 port_closed vla $PORT_A && gone=$((gone + 1))
	else
		ip netns del vlb
		wait_for 10 no_dev inb vpn0 && gone=$((gone + 1))
	fi
	inner_down
done
check_eq "netns: traffic flowed both ways before each of $rounds deletions" "$rounds" "$flowed"
check_eq "netns: the device (or its sockets) went with its namespace every time" "$rounds" "$gone"
case_end netns

# --- a LAN set changing while its interfaces go -------------------------------------

# vlb's vpn1 answers ARP on lan0 (a veth to host h) for the peer's
# 193.6.37.250, which h asks for all the time.  Setters keep naming lan0
# (turning the set on and off) until a request fails.  vpn1 has a thousand
# more peers, so that stopping it takes a while under RTNL: setters that
# find the device meanwhile get RTNL after its deletion.  Odd rounds
# delete vpn1 under them, then ask on lan0 again and delete it: a set
# applied to a device already unregistered would leave a packet handler
# on lan0 with the device's freed memory (issue 9) and a reference that
# keeps lan0 from ever going.  Even rounds delete lan0 under them: the set
# forgets it.
lan_up() {
	ip netns add h &&
		in_ns vlb ip link add vpn1 type vpnlink &&
		in_ns vlb ip link set vpn1 up &&
		in_ns vlb "$VLCTL" peer add vpn1 "$PUB_A" allowed 193.6.37.250/32 &&
		in_ns vlb "$VLCTL" peer bulk vpn1 1000 >/dev/null &&
		in_ns vlb ip link add lan0 type veth peer name h0 netns h &&
		in_ns vlb ip addr add 193.6.37.1/24 dev lan0 &&
		in_ns h ip addr add 193.6.37.10/24 dev h0 &&
		in_ns vlb ip link set lan0 up &&
		in_ns h ip link set h0 up
}

setter() {
	in_ns vlb sh -c "while $VLCTL dev set vpn1 proxy-lans lan0 && $VLCTL dev set vpn1 proxy-lans none; do :; done" \
		>/dev/null 2>&1
}

answered() {
	above 0 vl_stat vlb proxy_arp_replies vpn1
}

lans() {
	in_ns vlb "$VLCTL" dev show vpn1 | awk '$1 == "proxy_lan" { print $2 }'
}

klog_mark
vl_load
underlay_up
rounds=$(scaled 4 2 "LAN set changes against deletions")
flowed=0 gone=0 forgot=0
for ((r = 1; r <= rounds; r++)); do
	lan_up || break
	in_ns h "$VLARP" arp --iface h0 --pipeline --count 100000 --interval-ms 2 \
		--targets 193.6.37.250-193.6.37.250 --timeout-ms 100 --quiet >/dev/null 2>&1 &
	arp=$!
	setter >/dev/null 2>&1 &
	s1=$!
	setter >/dev/null 2>&1 &
	s2=$!
	setter >/dev/null 2>&1 &
	s3=$!
	wait_for 10 answered && flowed=$((flowed + 1))
	if ((r % 2)); then
		in_ns vlb ip link del vpn1
		wait $s1 $s2 $s3
		# A handler left behind runs on the next request.
		in_ns h "$VLARP" arp --iface h0 --target 193.6.37.250 --timeout-ms 200 --quiet >/dev/null 2>&1
		in_ns vlb ip link del lan0 >/dev/null 2>&1 &
		del=$!
		wait_for 15 finished $del && no_dev vlb vpn1 && gone=$((gone + 1))
		forgot=$((forgot + 1))
	else
		in_ns vlb ip link del lan0 >/dev/null 2>&1 &
		del=$!
		wait $s1 $s2 $s3
		wait_for 15 finished $del && gone=$((gone + 1))
		[[ -z $(lans) ]] && forgot=$((forgot + 1))
		in_ns vlb ip link del vpn1
	fi
	kill $arp 2>/dev/null
	wait $arp
	# A deletion that never finishes fails the checks below; the rounds
	# left would only wait on it.
	if ! finished $del; then
		echo "# round $r: lan0 is still being deleted; no more rounds"
		break
	fi
	ip netns del h
done
check_eq "proxy: the LAN answered before each of $rounds deletions" "$rounds" "$flowed"
check_eq "proxy: the LAN interface went every time, the device too" "$rounds" "$gone"
check_eq "proxy: a deleted LAN interface left the set" "$rounds" "$forgot"
ip netns del h 2>/dev/null
case_end proxy

tap_done
