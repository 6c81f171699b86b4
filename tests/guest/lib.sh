# shellcheck shell=bash
# Sourced by the scenarios in tests/scenarios/, which run as root inside the
# test guest (tests/qemu/run-guest.sh).  Each scenario prints numbered TAP
# lines (tests/tap.sh) and ends with tap_done, its plan;
# tests/guest/run-scenarios.sh counts them.

set -u
. "$(dirname "${BASH_SOURCE[0]}")/../tap.sh"

VL_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VLCTL=$VL_ROOT/tests/client/vlctl
VLPKT=$VL_ROOT/tests/tools/vlpkt
# check-debug points this at the module built for the debug kernel.
VL_KO=${VPNLINK_KO:-$VL_ROOT/kmod/vpnlink.ko}
VL_TMP=$(mktemp -d /tmp/vl.XXXXXX)
. "$VL_ROOT/tests/kernel-log.sh"

# Fixed test keys (hex): the handshake is the helper's job (issue 3); these
# scenarios install keypairs directly.  Public keys only name peers here.
PUB_A=$(printf 'a%.0s' {1..64})
PUB_B=$(printf 'b%.0s' {1..64})
PUB_C=$(printf 'c%.0s' {1..64})
KEY_AB=$(printf '1%.0s' {1..64})	# A sends, B receives
KEY_BA=$(printf '2%.0s' {1..64})	# B sends, A receives
KEY_WRONG=$(printf '3%.0s' {1..64})
PORT_A=51820
PORT_B=51821

# scaled N SLOW [WHAT]: N, or SLOW on a kernel that is many times slower
# (the debug kernel: KASAN, lockdep), and then says so in the output.
# For loops that only repeat themselves.
scaled() {
	if [[ ${VPNLINK_SLOW_KERNEL:-0} == 1 ]]; then
		echo "# debug kernel: ${3:-a loop} runs $2 times, not $1" >&2
		echo "$2"
	else
		echo "$1"
	fi
}

# slow_kernel: whether this is the debug kernel.
slow_kernel() {
	[[ ${VPNLINK_SLOW_KERNEL:-0} == 1 ]]
}

# check DESC CMD...: ok if CMD succeeds; its output is shown only on failure.
check() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		ok "$desc"
	else
		not_ok "$desc"
		printf '#   %s\n' "$*" "$out" | head -n 20
	fi
}

# check_fails DESC CMD...: ok if CMD fails.
check_fails() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		not_ok "$desc"
		printf '#   %s\n' "unexpectedly succeeded: $*" "$out" | head -n 20
	else
		ok "$desc"
	fi
}

# has TEXT OUTPUT: OUTPUT says TEXT; if not, prints OUTPUT (for check).
has() {
	grep -qF -- "$1" <<<"$2" || { echo "$2"; false; }
}

# check_eq DESC EXPECTED ACTUAL
check_eq() {
	if [[ "$2" == "$3" ]]; then
		ok "$1"
	else
		not_ok "$1"
		echo "#   expected '$2', got '$3'"
	fi
}

# check_ge DESC MIN ACTUAL
check_ge() {
	if [[ "$3" =~ ^[0-9]+$ ]] && (($3 >= $2)); then
		ok "$1"
	else
		not_ok "$1"
		echo "#   expected at least $2, got '$3'"
	fi
}

# Loads the module and what it depends on.  Dependencies may be built in
# (the debug kernel), where modprobe finds no module file: that is fine.
vl_load() {
	local dep
	if [[ -d /sys/module/vpnlink ]]; then
		return 0
	fi
	for dep in $(modinfo -F depends "$VL_KO" | tr ',' ' '); do
		[[ -d /sys/module/$dep ]] || modprobe "$dep" 2>/dev/null || true
	done
	insmod "$VL_KO"
}

vl_unload() {
	[[ -d /sys/module/vpnlink ]] || return 0
	rmmod vpnlink
}

# in_ns NS CMD...: runs CMD in namespace NS.  ip and vlctl enter it
# themselves (-n): `ip netns exec` is one more process, and on the debug
# kernel a process costs about a second (the scenarios start thousands).
# Everything else goes through `ip netns exec`, which also gives it the
# namespace's own /sys.
in_ns() {
	local ns=$1
	shift
	case $1 in
	ip) ip -n "$ns" "${@:2}" ;;
	"$VLCTL") "$VLCTL" -n "$ns" "${@:2}" ;;
	*) ip netns exec "$ns" "$@" ;;
	esac
}

# stat NS COUNTER [DEV]: one of vlctl's "stat" counters.
vl_stat() {
	in_ns "$1" "$VLCTL" dev show "${3:-vpn0}" | awk -v k="$2" '$1 == "stat" && $2 == k { print $3 }'
}

# peer_field NS PEERKEY FIELD: a field of `vlctl peer show`.
peer_field() {
	in_ns "$1" "$VLCTL" peer show vpn0 "$2" | awk -v k="$3" '$1 == k { print $2; exit }'
}

# The underlay alone: namespaces vla and vlb joined by veth ula - ulb,
# 192.0.2.1/24 and 2001:db8::1/64 - 192.0.2.2/24 and 2001:db8::2/64.
# In batches (ip -batch), one ip process per namespace: on the debug
# kernel a process costs about a second, and scenarios build this often.
underlay_up() {
	ip -batch - <<-EOF
	netns add vla
	netns add vlb
	link add ula netns vla type veth peer name ulb netns vlb
	EOF
	ip -n vla -batch - <<-EOF
	addr add 192.0.2.1/24 dev ula
	addr add 2001:db8::1/64 dev ula nodad
	link set lo up
	link set ula up
	EOF
	ip -n vlb -batch - <<-EOF
	addr add 192.0.2.2/24 dev ulb
	addr add 2001:db8::2/64 dev ulb nodad
	link set lo up
	link set ulb up
	EOF
}

# Two sites joined by an underlay veth pair:
#   vla: underlay 192.0.2.1/24, 2001:db8::1/64; tunnel 10.0.0.1/24, fd00::1/64
#   vlb: underlay 192.0.2.2/24, 2001:db8::2/64; tunnel 10.0.0.2/24, fd00::2/64
# OUTER=4|6 picks the endpoint family.  Keys are installed by keys_up.
topo_up() {
	local outer=${1:-4} epa epb
	underlay_up

	# Each device gets its port while still down, then comes up.
	ip -n vla -batch - <<-EOF
	link add vpn0 type vpnlink
	addr add 10.0.0.1/24 dev vpn0
	addr add fd00::1/64 dev vpn0 nodad
	EOF
	ip -n vlb -batch - <<-EOF
	link add vpn0 type vpnlink
	addr add 10.0.0.2/24 dev vpn0
	addr add fd00::2/64 dev vpn0 nodad
	EOF
	in_ns vla "$VLCTL" dev set vpn0 port $PORT_A
	in_ns vlb "$VLCTL" dev set vpn0 port $PORT_B
	in_ns vla ip link set vpn0 up
	in_ns vlb ip link set vpn0 up

	if [[ $outer == 6 ]]; then
		epa="[2001:db8::1]:$PORT_A" epb="[2001:db8::2]:$PORT_B"
	else
		epa="192.0.2.1:$PORT_A" epb="192.0.2.2:$PORT_B"
	fi
	in_ns vla "$VLCTL" peer add vpn0 "$PUB_B" endpoint "$epb" allowed 10.0.0.2/32,fd00::2/128
	in_ns vlb "$VLCTL" peer add vpn0 "$PUB_A" endpoint "$epa" allowed 10.0.0.1/32,fd00::1/128
}

# Installs the fixed keypair: A is the initiator, B the responder.
# keys_up [LOCAL_A REMOTE_A] [extra vlctl keypair args for both]
keys_up() {
	local ia=${1:-1} ib=${2:-2}
	shift 2 2>/dev/null || true
	in_ns vlb "$VLCTL" keypair add vpn0 "$PUB_A" local "$ib" remote "$ia" send "$KEY_BA" recv "$KEY_AB" "$@"
	in_ns vla "$VLCTL" keypair add vpn0 "$PUB_B" local "$ia" remote "$ib" send "$KEY_AB" recv "$KEY_BA" initiator "$@"
}

topo_down() {
	local pids
	pids=$(ip netns pids vla 2>/dev/null; ip netns pids vlb 2>/dev/null)
	# shellcheck disable=SC2086  # one PID per word
	[[ -z $pids ]] || kill $pids 2>/dev/null
	ip -force -batch - 2>/dev/null <<-EOF
	netns del vla
	netns del vlb
	EOF
	true
}

# ping_ok NS ADDR [COUNT]: a few pings that must all come back.
ping_ok() {
	in_ns "$1" ping -q -c "${3:-3}" -i 0.2 -W 2 "$2" >/dev/null 2>&1
}

# wait_for SECONDS CMD...: polls CMD until it succeeds.  SECONDS is for
# the Debian kernel; the debug kernel gets five times as long, since under
# KASAN and lockdep, on a loaded host, starting a process alone can take
# seconds.  A wait ends as soon as CMD succeeds, so a longer limit costs
# nothing when things work, and is not announced (scaled's line would
# come with every wait of a loop).
wait_for() {
	local deadline=$((SECONDS + $(scaled "$1" $(($1 * 5)) 2>/dev/null)))
	shift
	until "$@" >/dev/null 2>&1; do
		((SECONDS < deadline)) || return 1
		sleep 0.2
	done
}

# iperf_server NS [PORT]: a one-shot iperf3 server in NS, returned once its
# socket listens (not after a guessed sleep).
iperf_server() {
	local port=${2:-5201}
	in_ns "$1" iperf3 -s -1 -D -p "$port" >/dev/null 2>&1 || return 1
	wait_for 10 sh -c "ip netns exec '$1' ss -Htln 'sport = :$port' | grep -q ."
}

# iperf_bytes JSON: the bytes the receiver got, from iperf3 --json output
# (0 if the run never started or the output is not iperf3's).
iperf_bytes() {
	python3 -c '
import json, sys
try:
    r = json.load(open(sys.argv[1]))
    print(int(r["end"]["sum_received"]["bytes"]))
except Exception:
    print(0)' "$1"
}

# iperf_run CLIENT_NS SERVER_NS ADDRESS SECONDS [IPERF3 ARGS...]: a TCP run
# through a fresh server; prints the bytes received.
iperf_run() {
	local cns=$1 sns=$2 addr=$3 secs=$4 json
	shift 4
	json=$(mktemp "$VL_TMP/iperf.XXXXXX")
	iperf_server "$sns" || { echo 0; return; }
	in_ns "$cns" timeout $((secs + 30)) iperf3 -c "$addr" -t "$secs" -J "$@" >"$json" 2>&1
	iperf_bytes "$json"
}

# iperf_ok CLIENT_NS SERVER_NS ADDRESS: a 2-second TCP run moves data.
iperf_ok() {
	(($(iperf_run "$1" "$2" "$3" 2) > 100000))
}

vl_cleanup() {
	topo_down
	rm -rf "$VL_TMP"
}
trap vl_cleanup EXIT

# events_start NS FILE: records the module's events in NS into FILE until
# events_stop; returns once the listener is subscribed.
events_start() {
	in_ns "$1" "$VLCTL" events --timeout 600 >"$2" 2>&1 &
	VL_EVENTS_PID=$!
	wait_for 10 grep -q '^listening' "$2" ||
		echo "# the event listener in $1 did not start"
}

events_stop() {
	kill "$VL_EVENTS_PID" 2>/dev/null
	wait "$VL_EVENTS_PID" 2>/dev/null
	true
}

# above N CMD...: whether the number CMD prints is greater than N.  With
# wait_for, polls a counter: wait_for 3 above 5 vl_stat vlb rx_replay
above() {
	local n=$1 v
	shift
	v=$("$@") && [[ $v =~ ^[0-9]+$ ]] && ((v > n))
}

# rx_refused NS: every datagram the device took but did not deliver
# (drops by reason, and handshake messages passed up or not).
rx_refused() {
	in_ns "$1" "$VLCTL" dev show "${2:-vpn0}" |
		awk '$1 == "stat" && $2 ~ /^rx_/ && $2 != "rx_keepalives" { s += $3 } END { print s + 0 }'
}

# b64 HEX: a key in hex, in base64 as vlctl prints it.
b64() {
	printf "$(sed 's/../\\x&/g' <<<"$1")" | base64 -w0
}

# event_seen FILE KIND TEXT: an event line of KIND containing TEXT.
event_seen() {
	grep "^$2 " "$1" | grep -qF -- "$3"
}

# sleep_until T: sleeps until bash's $SECONDS reaches T.
sleep_until() {
	local left=$(($1 - SECONDS))
	if ((left > 0)); then
		sleep "$left"
	fi
}

# kp_age NS PEER [SLOT]: age in ms of a peer's keypair (current by default).
kp_age() {
	in_ns "$1" "$VLCTL" peer show vpn0 "$2" |
		awk -v slot="${3:-current}" '$1 == "keypair" && $2 == slot {
			for (i = 3; i < NF; i++) if ($i == "age_ms") print $(i + 1) }'
}

# nic_pair: the names of the guest's two virtio NICs, wired to each other
# through a QEMU hub (tests/qemu/run-guest.sh), found by their MACs; empty
# if the guest has none.
nic_pair() {
	local mac dev names=()
	modprobe virtio_net 2>/dev/null
	for mac in 52:54:00:76:6c:01 52:54:00:76:6c:02; do
		for dev in /sys/class/net/*; do
			[[ $(cat "$dev/address" 2>/dev/null) == "$mac" ]] && names+=("${dev##*/}")
		done
	done
	echo "${names[*]}"
}

# klog_mark: starts the stretch of the kernel log that klog_clean checks,
# so that a kernel problem is told against the case that caused it (the
# whole run's log is checked again by run-guest.sh in the end).
klog_mark() {
	VL_KLOG_MARK="vpnlink-test: mark $$.$SECONDS.$RANDOM"
	echo "$VL_KLOG_MARK" >/dev/kmsg
}

# klog_clean: the kernel log since klog_mark shows no kernel problem of
# tests/kernel-log.sh's list (KASAN, lockdep, WARNING, BUG, a device that
# never finishes unregistering...); prints the problems otherwise.
klog_clean() {
	local log=$VL_TMP/klog problems
	dmesg | sed -n "/${VL_KLOG_MARK:?klog_mark first}\$/,\$p" >"$log"
	if [[ ! -s $log ]]; then
		echo "the mark is no longer in the kernel log (a flood of messages?)"
		return 1
	fi
	problems=$(kernel_log_problems "$log")
	[[ -z $problems ]] || { echo "$problems"; return 1; }
}
