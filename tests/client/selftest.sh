#!/bin/bash
# selftest.sh: exercises every vlctl command against vpnlink.ko, including
# the kernel's error paths and all five events.  Runs as root in a guest:
#
#   tests/qemu/run-guest.sh -- tests/client/selftest.sh
#
# VPNLINK_VLCTL replaces the client command, e.g. to run it under valgrind:
#   VPNLINK_VLCTL='valgrind -q --leak-check=full --errors-for-leak-kinds=all
#                  --error-exitcode=99 tests/client/vlctl'
# (run-guest.sh passes VPNLINK_* variables into the guest).
set -u

cd "$(dirname "$0")/../.." || exit 1
read -r -a VLCTL <<<"${VPNLINK_VLCTL:-tests/client/vlctl}"
tmp=$(mktemp -d)
. tests/tap.sh

say() { printf '%s\n' "$*"; }
pass() { ok "$*"; }
fail() { not_ok "$*"; }

# t DESC WANT_STATUS REGEX [--] CMD...: runs CMD, expects its exit status
# and REGEX (grep -E) in its stdout+stderr.  REGEX "" matches anything.
t() {
	local desc=$1 want=$2 re=$3 rc
	shift 3
	[[ ${1:-} == -- ]] && shift
	"$@" >"$tmp/out" 2>&1
	rc=$?
	if [[ $rc != "$want" ]]; then
		fail "$desc: status $rc, want $want: $*"
		sed 's/^/    /' "$tmp/out"
	elif [[ -n $re ]] && ! grep -qE -- "$re" "$tmp/out"; then
		fail "$desc: output lacks /$re/: $*"
		sed 's/^/    /' "$tmp/out"
	else
		pass "$desc"
	fi
}

# vl [NS] ARGS...: the client, in namespace NS if it is "-n NS".
vl() {
	if [[ ${1:-} == -n ]]; then
		local ns=$2
		shift 2
		ip netns exec "$ns" "${VLCTL[@]}" "$@"
	else
		"${VLCTL[@]}" "$@"
	fi
}

# Base64 of a key given in hex, as vlctl prints it.
b64() {
	local hex=$1 esc='' i
	for ((i = 0; i < ${#hex}; i += 2)); do esc+="\\x${hex:i:2}"; done
	# shellcheck disable=SC2059  # the escapes are the point
	printf "$esc" | base64 -w0
}

# Starts "vlctl events" in the background (NS or "" for this namespace),
# output in FILE; waits until it listens.  Sets evpid.
events_start() {
	local ns=$1 file=$2 i
	shift 2
	if [[ -n $ns ]]; then
		vl -n "$ns" events "$@" >"$file" 2>&1 &
	else
		vl events "$@" >"$file" 2>&1 &
	fi
	evpid=$!
	for ((i = 0; i < 200; i++)); do
		grep -q '^listening$' "$file" && return 0
		sleep 0.05
	done
	fail "events did not start listening"
	return 1
}

# events_wait PID FILE WANT_STATUS DESC: waits for an events process.
events_wait() {
	local pid=$1 file=$2 want=$3 desc=$4 rc=0
	wait "$pid" || rc=$?
	if [[ $rc != "$want" ]]; then
		fail "$desc: events status $rc, want $want"
		sed 's/^/    /' "$file"
	else
		pass "$desc"
	fi
}

# expect_line FILE REGEX DESC
expect_line() {
	if grep -qE -- "$2" "$1"; then
		pass "$3"
	else
		fail "$3: no line /$2/"
		sed 's/^/    /' "$1"
	fi
}

# The key of bulk peer N-1 (vlctl peer bulk): 9, then N big-endian.
hexkey() { printf "09%062x" "$1"; }
K1=$(printf '11%.0s' {1..32})
K2=$(printf '22%.0s' {1..32})
KX=$(printf '5a%.0s' {1..32})	# A->B data key
KY=$(printf 'a5%.0s' {1..32})	# B->A data key
B1=$(b64 "$K1")
# A handshake initiation: type 1, little-endian, padded to its 148 bytes.
INIT=$(printf '01000000%0288d' 0)

# --- setup ----------------------------------------------------------------------
# The guest's kernel cannot load modules on demand (its usermode helper
# runs in the initramfs): load what the tests need.
modprobe veth || say "warning: no veth module"
if [[ ! -d /sys/module/vpnlink ]] &&
	! { modprobe -a udp_tunnel ip6_udp_tunnel libchacha20poly1305 &&
		insmod kmod/vpnlink.ko; }; then
	say "FAIL: cannot load vpnlink.ko"
	exit 1
fi
ip link add vpn0 type vpnlink && ip link set vpn0 up || exit 1
ifindex=$(cat /sys/class/net/vpn0/ifindex)

# --- usage ------------------------------------------------------------------------
t "no command" 2 "^usage:" vl
t "help" 0 "vlctl raw CMD" vl --help
t "group help" 0 "vlctl peer bulk" vl peer --help
t "command help" 0 "vlctl keypair add" vl keypair add --help
t "unknown command" 2 "unknown command" vl dev frob
t "bad key" 2 "bad key" vl peer add vpn0 nokey
t "bad base64 key" 2 "bad key" vl peer add vpn0 "${B1%?}A"
t "non-canonical base64" 2 "bad key" vl peer add vpn0 "${B1:0:42}F="
t "bad endpoint" 2 "bad endpoint" vl peer add vpn0 "$K1" endpoint 1.2.3.4
t "bad endpoint port" 2 "bad endpoint" vl peer add vpn0 "$K1" endpoint 1.2.3.4:65536
t "bad scope" 2 "bad endpoint" vl peer add vpn0 "$K1" endpoint '[fe80::1%nosuchif]:1'
t "bad prefix" 2 "bad prefix" vl peer add vpn0 "$K1" allowed 10.0.0.0/33
t "empty prefix" 2 "bad prefix" vl peer add vpn0 "$K1" allowed 10.0.0.0/8,
t "remove on add" 2 "unknown peer argument" vl peer add vpn0 "$K1" remove 10.0.0.0/8
t "keypair incomplete" 2 "needs local" vl keypair add vpn0 "$K1" local 1
t "odd hex payload" 2 "bad hex" vl handshake send vpn0 peer "$K1" 123
t "raw unclosed nest" 2 "unclosed" vl raw get_device 'nest:7{'
t "raw stray close" 2 "bad attribute" vl raw get_device '}'
t "raw bad attr" 2 "bad attribute" vl raw get_device u8:1=256
t "events bad option" 2 "bad events option" vl events --count x
t "bulk too many" 2 "must fit" vl peer bulk vpn0 9000 --allowed-per-peer 1000

# --- dev ----------------------------------------------------------------------------
t "dev show" 0 "^ifname vpn0$" vl dev show vpn0
t "dev show stats" 0 "^stat rx_keepalives 0$" vl dev show vpn0
t "dev show ifindex" 0 "^ifindex $ifindex$" vl dev show vpn0
t "dev list" 0 "^vpn0 ifindex $ifindex port [0-9]+ peers 0$" vl dev list
t "dev set" 0 "" vl dev set vpn0 port 51820 fwmark 0x2a
t "dev set result" 0 "^listen_port 51820$" vl dev show vpn0
t "dev set fwmark" 0 "^fwmark 42$" vl dev show vpn0
t "dev show unknown" 1 "^error: No such device \(ENODEV\): no such device in this namespace$" \
	vl dev show nosuch
t "dev show not vpnlink" 1 "\(EOPNOTSUPP\): device is not a vpnlink device" vl dev show lo
t "dev set unknown" 1 "ENODEV" vl dev set nosuch port 1
{ ip link add vpn9 type vpnlink && ip link set vpn9 up; } || bail "setup: vpn9"
t "dev set port in use" 1 "\(EADDRINUSE\): cannot bind the UDP port" vl dev set vpn9 port 51820
ip link set vpn9 down
t "handshake device down" 1 "\(ENETDOWN\): device is down" \
	vl handshake send vpn9 endpoint 127.0.0.1:51820 "$INIT"
ip link del vpn9

# --- peer ------------------------------------------------------------------------------
t "peer add" 0 "" vl peer add vpn0 "$K1" endpoint 127.0.0.1:51820 \
	allowed 10.0.0.0/24,fd00::/64 allowed 10.1.1.1 keepalive 25
t "peer add again" 1 "\(EEXIST\): a peer with this public key exists" vl peer add vpn0 "$K1"
t "peer add host bits" 1 "ADDR has bits set past its CIDR" vl peer add vpn0 "$K2" allowed 10.0.0.1/24
t "peer add port 0" 1 "\(ERANGE\)" vl peer add vpn0 "$K2" endpoint 1.2.3.4:0
vl peer show vpn0 >"$tmp/show"
if diff -u - "$tmp/show" <<EOF; then pass "peer show output"; else fail "peer show output"; fi
peer $B1
  endpoint 127.0.0.1:51820
  keepalive 25
  rx_bytes 0
  tx_bytes 0
  rx_packets 0
  tx_packets 0
  last_rx_ns 0
  last_tx_ns 0
  allowed 10.0.0.0/24
  allowed fd00::/64
  allowed 10.1.1.1/32
EOF
vl peer show vpn0 "$B1" >"$tmp/show1"
if cmp -s "$tmp/show" "$tmp/show1"; then pass "peer show KEY is the dump's"; else fail "peer show KEY differs from the dump"; fi
t "peer show unknown key" 1 "\(ENOENT\): no peer with this public key" vl peer show vpn0 "$K2"
t "peer set remove/add" 0 "" vl peer set vpn0 "$K1" remove 10.1.1.1,fd00::/64 allowed 10.2.0.0/16
t "peer set result" 0 "allowed 10.2.0.0/16" vl peer show vpn0 "$K1"
# t truncates $tmp/out before it runs its command: test a copy.
cp "$tmp/out" "$tmp/show"
t "peer set removed" 1 "" grep -qE "10\.1\.1\.1|fd00::/64" "$tmp/show"
t "peer set replace" 0 "" vl peer set vpn0 "$K1" replace allowed 10.3.0.0/16 keepalive 0
vl peer show vpn0 "$K1" >"$tmp/show"
t "peer set replace result" 0 "" test "$(grep -c allowed "$tmp/show")" = 1
t "peer set keepalive" 0 "" grep -q "^  keepalive 0$" "$tmp/show"
t "peer set v6 endpoint" 0 "" vl peer set vpn0 "$K1" endpoint '[fd00::1]:51820'
t "peer show v6 endpoint" 0 "^  endpoint \[fd00::1\]:51820$" vl peer show vpn0 "$K1"
t "peer set scoped endpoint" 0 "" vl peer set vpn0 "$K1" endpoint '[fe80::1%vpn0]:7'
t "peer show scoped endpoint" 0 "^  endpoint \[fe80::1%vpn0\]:7$" vl peer show vpn0 "$K1"
t "peer set unknown" 1 "\(ENOENT\): no peer with this public key" vl peer set vpn0 "$K2" keepalive 1
t "peer set v4 endpoint" 0 "" vl peer set vpn0 "$K1" endpoint 127.0.0.1:51820

# --- keypair ---------------------------------------------------------------------------
t "keypair add initiator" 0 "" vl keypair add vpn0 "$K1" local 1 remote 2 \
	send "$KX" recv "$KY" initiator reject-ms 60000 reject-messages 1000
t "keypair add responder" 0 "" vl keypair add vpn0 "$K1" local 3 remote 4 send "$KX" recv "$KY"
vl peer show vpn0 "$K1" >"$tmp/show"
expect_line "$tmp/show" "^  keypair current local 1 remote 2 age_ms [0-9]+ tx_counter [0-9]+ reject_ms 60000 reject_messages 1000 initiator$" "keypair current"
expect_line "$tmp/show" "^  keypair next local 3 remote 4 age_ms [0-9]+ tx_counter 0 reject_ms 180000 reject_messages [0-9]+$" "keypair next"
t "keypair index in use" 1 "\(EEXIST\): LOCAL_INDEX is in use on this device" \
	vl keypair add vpn0 "$K1" local 1 remote 9 send "$KX" recv "$KY"
t "keypair reject-ms 0" 1 "ERANGE" vl keypair add vpn0 "$K1" local 7 remote 9 send "$KX" recv "$KY" reject-ms 0
t "keypair reject-ms too high" 1 "ERANGE" vl keypair add vpn0 "$K1" local 7 remote 9 send "$KX" recv "$KY" reject-ms 180001
t "keypair unknown peer" 1 "ENOENT" vl keypair add vpn0 "$K2" local 7 remote 9 send "$KX" recv "$KY"
t "keypair del" 0 "" vl keypair del vpn0 "$K1"
t "keypair del result" 1 "" grep -q keypair <(vl peer show vpn0 "$K1")
t "keypair del unknown" 1 "ENOENT" vl keypair del vpn0 "$K2"

# --- handshake + events in this namespace -------------------------------------------------
events_start "" "$tmp/ev0" --count 2 --timeout 120 && {
	t "handshake to endpoint" 0 "" vl handshake send vpn0 endpoint 127.0.0.1:51820 "$INIT"
	t "handshake to peer" 0 "" vl handshake send vpn0 peer "$K1" "$INIT"
	events_wait $evpid "$tmp/ev0" 0 "handshake events"
	expect_line "$tmp/ev0" "^handshake_received ifindex $ifindex endpoint 127.0.0.1:51820 type 1 len 148$" "handshake_received"
	t "handshake events count" 0 "" test "$(grep -c handshake_received "$tmp/ev0")" = 2
}
t "handshake bad size" 1 "\(EINVAL\): PAYLOAD is not a handshake message of its type's size" \
	vl handshake send vpn0 endpoint 127.0.0.1:51820 "${INIT:0:184}"
t "handshake too long" 1 "ERANGE" vl handshake send vpn0 endpoint 127.0.0.1:51820 "${INIT}00"
t "handshake unknown peer" 1 "ENOENT" vl handshake send vpn0 peer "$K2" "$INIT"
t "events timeout" 3 "^listening$" vl events --count 1 --timeout 1
t "events timeout, no count" 0 "^listening$" vl events --timeout 1

# --- peer del ---------------------------------------------------------------------------
t "peer del" 0 "" vl peer del vpn0 "$K1"
t "peer del again" 1 "\(ENOENT\): no peer with this public key" vl peer del vpn0 "$K1"
t "peer show empty" 0 "" test -z "$(vl peer show vpn0)"

# --- raw -----------------------------------------------------------------------------------
t "raw ok" 0 "^ok$" vl raw get_device str:2=vpn0
t "raw ifindex" 0 "^ok$" vl raw 1 u32:1="$ifindex"
t "raw dump" 0 "^ok messages 1$" vl raw --dump get_device
t "raw dump flags" 0 "^ok messages 1$" vl raw --flags root,match get_device
t "raw no device" 1 "\(EINVAL\): IFINDEX or IFNAME is required" vl raw get_device
t "raw missing PEER" 1 "\(EINVAL\): missing attribute 7$" vl raw new_peer str:2=vpn0
t "raw PEER without key" 1 "PEER needs a PUBLIC_KEY" vl raw new_peer str:2=vpn0 'nest:7{' '}'
t "raw short key" 1 "\(ERANGE\)" vl raw new_peer str:2=vpn0 'nest:7{' hex:1=0011 '}'
t "raw ifname no NUL" 1 "EINVAL" vl raw get_device strn:2=vpn0
t "raw trailing garbage" 1 "bytes leftover after parsing attributes" vl raw get_device str:2=vpn0 pad:3
t "raw garbage in nest" 1 "EINVAL" vl raw new_peer str:2=vpn0 'nest:7{' hex:1="$K1" pad:5 '}'
t "raw missing NLA_F_NESTED" 1 "NLA_F_NESTED is missing" vl raw new_peer str:2=vpn0 'rawnest:7{' hex:1="$K1" '}'
t "raw ifindex/ifname differ" 1 "IFINDEX and IFNAME name different devices" \
	vl raw get_device u32:1=1 str:2=vpn0
t "raw v4 endpoint scope" 1 "SCOPE_ID is for IPv6 endpoints" vl raw new_peer str:2=vpn0 \
	'nest:7{' hex:1="$K2" 'nest:3{' hex:1=7f000001 u16:3=5 u32:4=1 '}' '}'
t "raw endpoint two addrs" 1 "exactly one of ADDR4 and ADDR6" vl raw new_peer str:2=vpn0 \
	'nest:7{' hex:1="$K2" 'nest:3{' hex:1=7f000001 hex:2="${K2:0:32}" u16:3=5 '}' '}'
t "raw allowedip family" 1 "\(EAFNOSUPPORT\): FAMILY must be AF_INET or AF_INET6" vl raw new_peer \
	str:2=vpn0 'nest:7{' hex:1="$K2" 'nest:5{' u16:1=7 hex:2=0a000000 u8:3=8 '}' '}'
t "raw allowedip v4 len" 1 "AF_INET needs a 4-byte ADDR" vl raw new_peer str:2=vpn0 \
	'nest:7{' hex:1="$K2" 'nest:5{' u16:1=2 hex:2="${K2:0:32}" u8:3=8 '}' '}'
t "raw keypair in NEW_PEER" 1 "keypairs are installed with ADD_KEYPAIR" vl raw new_peer \
	str:2=vpn0 'nest:7{' hex:1="$K2" 'nest:6{' '}' '}'
t "raw peer flags" 1 "EINVAL" vl raw new_peer str:2=vpn0 'nest:7{' hex:1="$K2" u32:2=2 '}'
t "raw handshake no dest" 1 "exactly one of ENDPOINT and PEER is required" \
	vl raw send_handshake str:2=vpn0 hex:9="$INIT"
t "raw unknown attribute" 1 "EINVAL" vl raw get_device str:2=vpn0 u32:99=1
t "raw reply-only" 1 "attribute is reply-only" vl raw get_device str:2=vpn0 u32:5=1
t "raw unknown command" 1 "^error: Operation not supported \(EOPNOTSUPP\)$" vl raw 99
t "raw event command" 1 "EOPNOTSUPP" vl raw 10
t "raw version 0" 0 "^ok$" vl raw --version 0 get_device str:2=vpn0
t "raw keypair bad key" 1 "ERANGE" vl raw add_keypair str:2=vpn0 'nest:7{' hex:1="$K1" \
	'nest:6{' u32:1=1 u32:2=2 hex:3=00 hex:4="$K1" '}' '}'
t "raw dump unknown device" 1 "ENODEV" vl raw --dump get_peer str:2=nosuch
t "raw dump bad attr" 1 "EINVAL" vl raw --dump get_peer str:2=vpn0 pad:2

# --- bulk and split dumps ----------------------------------------------------------------
ip link add vpn1 type vpnlink || bail "setup: vpn1"
t "bulk 5000" 0 "^added 5000$" vl peer bulk vpn1 5000
t "bulk count" 0 "^peers 5000 allowed 5000 messages 5000$" vl peer count vpn1
t "bulk dev peers" 0 "^peers 5000$" vl dev show vpn1
t "bulk show key 1" 0 "^  allowed 10.128.0.0/32$" vl peer show vpn1 "$(hexkey 1)"
t "bulk show key 5000" 0 "^  allowed 10.128.19.135/32$" vl peer show vpn1 "$(hexkey 5000)"
vl peer show vpn1 >"$tmp/bulkshow"
t "bulk show lines" 0 "" test "$(grep -c '^peer ' "$tmp/bulkshow")" = 5000
t "bulk again" 1 "EEXIST" vl peer bulk vpn1 10
t "bulk partial report" 1 "0 of 10 peers added, 10 refused" vl peer bulk vpn1 10
ip link del vpn1
ip link add vpn2 type vpnlink || bail "setup: vpn2"
# A PEER nest holds at most 64 KiB: 2000 prefixes fit in a request, not
# in one 32 KiB dump message.
t "bulk wide" 0 "^added 3$" vl peer bulk vpn2 3 --allowed-per-peer 2000
vl peer count vpn2 >"$tmp/count"
expect_line "$tmp/count" "^peers 3 allowed 6000 messages ([4-9]|[1-9][0-9]+)$" "split dump"
vl peer show vpn2 >"$tmp/wide"
t "wide show peers" 0 "" test "$(grep -c '^peer ' "$tmp/wide")" = 3
t "wide show allowed" 0 "" test "$(grep -c '^  allowed ' "$tmp/wide")" = 6000
t "wide show order" 0 "" test "$(grep -m1 '^  allowed' "$tmp/wide")" = "  allowed 10.128.0.0/32"
t "wide show no repeats" 0 "" test "$(grep '^  allowed ' "$tmp/wide" | sort -u | wc -l)" = 6000
t "wide show doit" 0 "" test "$(vl peer show vpn2 "$(hexkey 2)" | grep -c '^  allowed ')" = 2000
vl peer show vpn2 "$(hexkey 2)" >"$tmp/doit"
t "show --dump, doit fits" 0 "" cmp "$tmp/doit" <(vl peer show vpn2 "$(hexkey 2)" --dump)
# 3500 prefixes: the dump splits them, but a GET_PEER doit would need them
# all in one PEER nest, whose 16-bit length cannot hold them: the kernel
# refuses, and --dump finds the peer in a dump instead.
list=$(for ((i = 0; i < 1500; i++)); do printf '10.200.%d.%d,' $((i / 256)) $((i % 256)); done)
t "wide set more" 0 "" vl peer set vpn2 "$(hexkey 2)" allowed "${list%,}"
t "wide count more" 0 "^peers 3 allowed 7500 " vl peer count vpn2
t "wide doit refused" 1 \
	"^error: Message too long \(EMSGSIZE\): too many allowed IPs for one reply: dump the peers$" \
	vl peer show vpn2 "$(hexkey 2)"
vl peer show vpn2 >"$tmp/wide"
# The peer's part of the whole dump.
part() { awk -v want="peer $(b64 "$2")" '/^peer / { p = $0 == want } p' "$1"; }
part "$tmp/wide" "$(hexkey 2)" >"$tmp/part"
t "wide part" 0 "" test "$(grep -c '^  allowed ' "$tmp/part")" = 3500
vl peer show vpn2 "$(hexkey 2)" --dump >"$tmp/one" 2>&1
t "show --dump is the dump's part, and nothing else" 0 "" cmp "$tmp/part" "$tmp/one"
t "show --dump first" 0 "" cmp "$tmp/part" <(vl peer show --dump vpn2 "$(hexkey 2)" 2>&1)
t "show --dump usage" 2 "peer show takes" vl peer show vpn2 "$(hexkey 2)" x --dump
ip link del vpn2

# Past 64 KiB a peer's prefixes go in several requests: NEW_PEER with as
# many as fit, then SET_PEERs with the rest.
ip link add vpn3 type vpnlink || bail "setup: vpn3"
t "bulk 5000 prefixes" 0 "^added 2$" vl peer bulk vpn3 2 --allowed-per-peer 5000
t "bulk 5000 prefixes count" 0 "^peers 2 allowed 10000 messages (9|[1-9][0-9]+)$" \
	vl peer count vpn3
vl peer show vpn3 >"$tmp/huge"
t "huge show peers" 0 "" test "$(grep -c '^peer ' "$tmp/huge")" = 2
for ((i = 0; i < 10000; i++)); do
	printf '  allowed 10.128.%d.%d/32\n' $((i / 256)) $((i % 256))
done >"$tmp/huge.want"
t "huge show every prefix, in order" 0 "" cmp "$tmp/huge.want" <(grep '^  allowed ' "$tmp/huge")
t "huge doit refused" 1 "\(EMSGSIZE\): .*dump the peers$" vl peer show vpn3 "$(hexkey 2)"
part "$tmp/huge" "$(hexkey 2)" >"$tmp/part"
t "huge show --dump" 0 "" vl peer show vpn3 "$(hexkey 2)" --dump
cp "$tmp/out" "$tmp/one"
t "huge show --dump whole" 0 "" cmp "$tmp/part" "$tmp/one"
t "huge show --dump allowed" 0 "" test "$(grep -c '^  allowed ' "$tmp/one")" = 5000
ip link del vpn3

# peer add / peer set with lists past one request.
ip link add vpn4 type vpnlink || bail "setup: vpn4"
list6=$(for ((i = 1; i <= 3000; i++)); do printf 'fd00::%x,' $i; done)
t "add wide" 0 "" vl peer add vpn4 "$K1" endpoint 127.0.0.1:9 allowed "${list6%,}" keepalive 0
t "add wide count" 0 "^peers 1 allowed 3000 " vl peer count vpn4
t "add wide show" 0 "^  endpoint 127.0.0.1:9$" vl peer show vpn4 "$K1" --dump
cp "$tmp/out" "$tmp/one"
t "add wide in order" 0 "" cmp <(grep '^  allowed ' "$tmp/one") \
	<(for ((i = 1; i <= 3000; i++)); do printf '  allowed fd00::%x/128\n' $i; done)
# REPLACE goes with the first request only, or the last would win.
list4=$(for ((i = 0; i < 2500; i++)); do printf '10.77.%d.%d,' $((i / 256)) $((i % 256)); done)
t "set wide replace" 0 "" vl peer set vpn4 "$K1" replace allowed "${list4%,}"
t "set wide replace count" 0 "^peers 1 allowed 2500 " vl peer count vpn4
# Removals and additions keep their order across requests.
t "set wide remove" 0 "" vl peer set vpn4 "$K1" remove "${list4%,}" allowed 10.78.0.0/16
t "set wide remove result" 0 "" test "$(vl peer show vpn4 "$K1" | grep '^  allowed ')" = "  allowed 10.78.0.0/16"
# Refused in a later request: the earlier ones stand, and vlctl says so.
t "set wide refused" 1 "ADDR has bits set past its CIDR" \
	vl peer set vpn4 "$K1" allowed "${list4%,},10.79.0.1/16"
expect_line "$tmp/out" "^error: refused after the first [0-9]+ of 2501 prefixes took effect$" \
	"set wide refused report"
took=$(sed -n 's/^error: refused after the first \([0-9]*\) of.*/\1/p' "$tmp/out")
t "set wide refused kept" 0 "^peers 1 allowed $((${took:-0} + 1)) " vl peer count vpn4
t "show --dump unknown" 1 "\(ENOENT\): no peer with this public key$" vl peer show vpn4 "$K2" --dump
# Bulk sends a wide peer's SET_PEERs only once its NEW_PEER succeeded.
t "bulk wide prep" 0 "" vl peer add vpn4 "$(hexkey 2)" allowed 10.9.9.9
t "bulk wide partial" 1 "^error: 1 of 2 peers added, 1 refused$" \
	vl peer bulk vpn4 2 --allowed-per-peer 3000
expect_line "$tmp/out" "\(EEXIST\)" "bulk wide partial error"
t "bulk wide partial added" 0 "" \
	test "$(vl peer show vpn4 "$(hexkey 1)" --dump | grep -c '^  allowed ')" = 3000
t "bulk wide partial untouched" 0 "" \
	test "$(vl peer show vpn4 "$(hexkey 2)" | grep '^  allowed ')" = "  allowed 10.9.9.9/32"
ip link del vpn4

# --- two namespaces: data, keypairs and the peer events ------------------------------------
KA=$(printf 'aa%.0s' {1..32})
KB=$(printf 'bb%.0s' {1..32})
{ ip netns add vla && ip netns add vlb &&
	ip link add va netns vla type veth peer name vb netns vlb &&
	ip -n vla addr add 192.168.77.1/24 dev va && ip -n vla link set va up &&
	ip -n vlb addr add 192.168.77.2/24 dev vb && ip -n vlb link set vb up &&
	ip -n vla link set lo up && ip -n vlb link set lo up &&
	ip -n vla link add wa type vpnlink && ip -n vlb link add wb type vpnlink &&
	ip -n vla addr add 10.99.0.1/24 dev wa && ip -n vlb addr add 10.99.0.2/24 dev wb &&
	ip -n vla link set wa up && ip -n vlb link set wb up; } || bail "setup: netns setup"
wa=$(ip netns exec vla cat /sys/class/net/wa/ifindex)
wb=$(ip netns exec vlb cat /sys/class/net/wb/ifindex)
t "ns dev set a" 0 "" vl -n vla dev set wa port 51820
t "ns dev set b" 0 "" vl -n vlb dev set wb port 51821
t "ns dev list isolated" 0 "^wa ifindex $wa port 51820 peers 0$" vl -n vla dev list
t "ns dev other ns" 1 "ENODEV" vl -n vla dev show wb
# vlctl's own -n (no ip netns exec): the same view, and clear errors.
t "vlctl -n: the command runs in that namespace" 0 "^wa ifindex $wa port 51820 peers 0$" \
	"${VLCTL[@]}" -n vla dev list
t "vlctl -n: and nowhere else" 1 "ENODEV" "${VLCTL[@]}" -n vlb dev show wa
t "vlctl -n: a namespace that does not exist" 1 "-n vlnone: /run/netns/vlnone: No such file" \
	"${VLCTL[@]}" -n vlnone dev list
t "vlctl -n: a path is not a namespace name" 2 "not a namespace name" \
	"${VLCTL[@]}" -n ../vla dev list
t "vlctl -n: without a name" 2 "needs a namespace name" "${VLCTL[@]}" -n
t "ns peer a" 0 "" vl -n vla peer add wa "$KB" endpoint 192.168.77.2:51821 allowed 10.99.0.2/32
# B believes A is elsewhere: A's first data message makes it roam.
t "ns peer b" 0 "" vl -n vlb peer add wb "$KA" endpoint 192.168.77.9:51820 allowed 10.99.0.1/32

events_start vla "$tmp/eva" --count 2 --timeout 120 && eva=$evpid
events_start vlb "$tmp/evb" --count 2 --timeout 120 && evb=$evpid
# No keypair yet: the ping is held and A asks for a handshake.
ip netns exec vla ping -c1 -W1 10.99.0.2 >/dev/null 2>&1
t "ns keypair b" 0 "" vl -n vlb keypair add wb "$KA" local 20 remote 10 send "$KY" recv "$KX"
# Initiator: current at once; the held ping goes out, B confirms its keypair
# and learns A's real address.  reject-messages 6 has A advised to rekey
# after 3 messages.
t "ns keypair a" 0 "" vl -n vla keypair add wa "$KB" local 10 remote 20 send "$KX" recv "$KY" \
	initiator reject-messages 6
t "ns ping" 0 "" ip netns exec vla ping -c3 -i0.2 -W2 10.99.0.2
events_wait "${evb:-0}" "$tmp/evb" 0 "events in b"
events_wait "${eva:-0}" "$tmp/eva" 0 "events in a"
expect_line "$tmp/eva" "^handshake_needed ifindex $wa peer $(b64 "$KB") reason no_keypair$" "handshake_needed"
expect_line "$tmp/eva" "^rekey_advised ifindex $wa peer $(b64 "$KB") reason messages$" "rekey_advised"
expect_line "$tmp/evb" "^keypair_confirmed ifindex $wb peer $(b64 "$KA") local 20$" "keypair_confirmed"
expect_line "$tmp/evb" "^endpoint_changed ifindex $wb peer $(b64 "$KA") endpoint 192.168.77.1:51820$" "endpoint_changed"
vl -n vlb peer show wb >"$tmp/showb"
expect_line "$tmp/showb" "^  endpoint 192.168.77.1:51820$" "roamed endpoint"
expect_line "$tmp/showb" "^  keypair current local 20 remote 10 age_ms [0-9]+ tx_counter [1-9][0-9]* rx_counter [0-9]+ reject_ms 180000 reject_messages [0-9]+$" "b keypair"
expect_line "$tmp/showb" "^  rx_packets [1-9]" "b rx_packets"
vl -n vla peer show wa >"$tmp/showa"
expect_line "$tmp/showa" "^  keypair current local 10 remote 20 .* reject_messages 6 initiator$" "a keypair"
expect_line "$tmp/showa" "^  last_rx_ns [1-9]" "a last_rx_ns"
t "ns stats" 0 "^stat rx_keepalives [0-9]+$" vl -n vlb dev show wb
ip netns del vla
ip netns del vlb

ip link del vpn0
rm -rf "$tmp"
tap_done
