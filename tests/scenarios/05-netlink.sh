#!/bin/bash
# Every netlink request is untrusted: missing, wrong-type, oversized and
# garbage attributes are refused with a message and change nothing; an
# unprivileged caller gets EPERM; dumps of thousands of peers, and of a
# peer with thousands of prefixes, span messages; allowed-IP semantics.
# weight: 69 (seconds on the Debian kernel under TCG)
# weight-debug: 274 (seconds on the debug kernel, two guests at once)
. "$(dirname "$0")/../guest/lib.sh"

vl_load
ip netns add vla
in_ns vla ip link add vpn0 type vpnlink
in_ns vla ip link set vpn0 up
in_ns vla ip link add dummy0 type dummy
nl() { in_ns vla "$VLCTL" "$@"; }

# refused DESC MESSAGE-REGEX VLCTL-ARGS...: the request fails with an
# extack message matching the regex.
refused() {
	local desc=$1 re=$2 out
	shift 2
	if out=$(nl "$@" 2>&1); then
		not_ok "$desc"
		echo "#   accepted: $*"
	elif grep -Eq "$re" <<<"$out"; then
		ok "$desc"
	else
		not_ok "$desc"
		echo "#   message: $out"
	fi
}

# Attribute numbers from include/uapi/linux/vpnlink.h.
A_IFINDEX=1 A_IFNAME=2 A_LISTEN_PORT=3 A_STATS=6 A_PEER=7 A_ENDPOINT=8 A_PAYLOAD=9
P_KEY=1 P_FLAGS=2 P_ENDPOINT=3 P_ALLOWEDIP=5 P_KEYPAIR=6 P_RX_BYTES=7
IP_FAMILY=1 IP_ADDR=2 IP_CIDR=3
EP_ADDR4=1 EP_ADDR6=2 EP_PORT=3
K_LOCAL=1 K_REMOTE=2 K_SEND=3 K_RECV=4 K_REJECT_MS=6 K_REJECT_MSGS=7
KEY=$PUB_B

refused "device is required" "IFINDEX or IFNAME is required" raw get_device
refused "unknown device" "no such device" raw get_device str:$A_IFNAME=nosuch0
refused "not a vpnlink device" "not a vpnlink device" raw get_device str:$A_IFNAME=dummy0
refused "IFINDEX and IFNAME must agree" "different devices" \
	raw get_device u32:$A_IFINDEX=1 str:$A_IFNAME=vpn0
refused "wrong type: 1-byte IFINDEX" "." raw get_device u8:$A_IFINDEX=1
refused "oversized IFNAME" "." raw get_device str:$A_IFNAME=$(printf 'x%.0s' {1..40})
refused "unterminated IFNAME" "." raw get_device strn:$A_IFNAME=vpn0
refused "unknown attribute" "." raw get_device str:$A_IFNAME=vpn0 u32:99=1
refused "trailing garbage" "." raw get_device str:$A_IFNAME=vpn0 pad:3
refused "reply-only attribute in a request" "reply-only" raw set_device str:$A_IFNAME=vpn0 u32:$A_STATS=1
refused "unknown command" "." raw 99 str:$A_IFNAME=vpn0
refused "nested garbage" "." raw new_peer str:$A_IFNAME=vpn0 nest:$A_PEER{ pad:5 }
refused "PEER is required" "missing attribute $A_PEER" raw new_peer str:$A_IFNAME=vpn0
refused "PUBLIC_KEY is required" "needs a PUBLIC_KEY" \
	raw new_peer str:$A_IFNAME=vpn0 nest:$A_PEER{ u32:$P_FLAGS=0 }
refused "31-byte public key" "." \
	raw new_peer str:$A_IFNAME=vpn0 nest:$A_PEER{ hex:$P_KEY=$(printf 'ab%.0s' {1..31}) }
refused "unknown peer flag" "." \
	raw new_peer str:$A_IFNAME=vpn0 nest:$A_PEER{ hex:$P_KEY=$KEY u32:$P_FLAGS=2 }
refused "reply-only peer counter" "reply-only" \
	raw new_peer str:$A_IFNAME=vpn0 nest:$A_PEER{ hex:$P_KEY=$KEY u64:$P_RX_BYTES=5 }
refused "endpoint without a port" "needs a PORT" \
	raw new_peer str:$A_IFNAME=vpn0 nest:$A_PEER{ hex:$P_KEY=$KEY nest:$P_ENDPOINT{ hex:$EP_ADDR4=c0000202 } }
refused "endpoint with port 0" "." \
	raw new_peer str:$A_IFNAME=vpn0 nest:$A_PEER{ hex:$P_KEY=$KEY nest:$P_ENDPOINT{ hex:$EP_ADDR4=c0000202 u16:$EP_PORT=0 } }
refused "endpoint with two addresses" "exactly one of ADDR4 and ADDR6" \
	raw new_peer str:$A_IFNAME=vpn0 nest:$A_PEER{ hex:$P_KEY=$KEY nest:$P_ENDPOINT{ hex:$EP_ADDR4=c0000202 \
	hex:$EP_ADDR6=20010db8000000000000000000000002 u16:$EP_PORT=5 } }
refused "allowed IP of an unknown family" "FAMILY must be" \
	raw new_peer str:$A_IFNAME=vpn0 nest:$A_PEER{ hex:$P_KEY=$KEY nest:$P_ALLOWEDIP{ u16:$IP_FAMILY=99 \
	hex:$IP_ADDR=0a000000 u8:$IP_CIDR=8 } }
refused "IPv4 prefix longer than 32" "CIDR up to 32" \
	raw new_peer str:$A_IFNAME=vpn0 nest:$A_PEER{ hex:$P_KEY=$KEY nest:$P_ALLOWEDIP{ u16:$IP_FAMILY=2 \
	hex:$IP_ADDR=0a000000 u8:$IP_CIDR=33 } }
refused "IPv6 family with a 4-byte address" "16-byte ADDR" \
	raw new_peer str:$A_IFNAME=vpn0 nest:$A_PEER{ hex:$P_KEY=$KEY nest:$P_ALLOWEDIP{ u16:$IP_FAMILY=10 \
	hex:$IP_ADDR=0a000000 u8:$IP_CIDR=8 } }
refused "prefix with host bits" "bits set past its CIDR" \
	raw new_peer str:$A_IFNAME=vpn0 nest:$A_PEER{ hex:$P_KEY=$KEY nest:$P_ALLOWEDIP{ u16:$IP_FAMILY=2 \
	hex:$IP_ADDR=0a000001 u8:$IP_CIDR=8 } }
refused "allowed IP missing its CIDR" "needs FAMILY, ADDR and CIDR" \
	raw new_peer str:$A_IFNAME=vpn0 nest:$A_PEER{ hex:$P_KEY=$KEY nest:$P_ALLOWEDIP{ u16:$IP_FAMILY=2 \
	hex:$IP_ADDR=0a000000 } }
refused "keypairs only through ADD_KEYPAIR" "ADD_KEYPAIR" \
	raw new_peer str:$A_IFNAME=vpn0 nest:$A_PEER{ hex:$P_KEY=$KEY nest:$P_KEYPAIR{ u32:$K_LOCAL=1 } }
check_eq "no peer was created by any of that" 0 \
	"$(nl dev show vpn0 | awk '$1 == "peers" { print $2 }')"

nl peer add vpn0 "$PUB_B" endpoint 192.0.2.2:51820 allowed 10.0.0.2/32
refused "adding a peer twice" "exists" peer add vpn0 "$PUB_B"
refused "changing a peer that does not exist" "no peer with this public key" peer set vpn0 "$PUB_C"
refused "keypair for an unknown peer" "no peer" \
	keypair add vpn0 "$PUB_C" local 1 remote 2 send "$KEY_AB" recv "$KEY_BA"
refused "keypair missing a key" "needs LOCAL_INDEX, REMOTE_INDEX, SEND_KEY and RECV_KEY" \
	raw add_keypair str:$A_IFNAME=vpn0 nest:$A_PEER{ hex:$P_KEY=$KEY nest:$P_KEYPAIR{ u32:$K_LOCAL=1 \
	u32:$K_REMOTE=2 hex:$K_SEND=$KEY_AB } }
refused "keypair lifetime above 180 s" "." \
	raw add_keypair str:$A_IFNAME=vpn0 nest:$A_PEER{ hex:$P_KEY=$KEY nest:$P_KEYPAIR{ u32:$K_LOCAL=1 \
	u32:$K_REMOTE=2 hex:$K_SEND=$KEY_AB hex:$K_RECV=$KEY_BA u32:$K_REJECT_MS=180001 } }
refused "keypair message limit of 0" "." \
	raw add_keypair str:$A_IFNAME=vpn0 nest:$A_PEER{ hex:$P_KEY=$KEY nest:$P_KEYPAIR{ u32:$K_LOCAL=1 \
	u32:$K_REMOTE=2 hex:$K_SEND=$KEY_AB hex:$K_RECV=$KEY_BA u64:$K_REJECT_MSGS=0 } }
refused "handshake payload must be a handshake message" "not a handshake message" \
	handshake send vpn0 endpoint 192.0.2.2:51820 04000000$(printf '00%.0s' {1..60})
refused "handshake payload of the wrong size" "not a handshake message" \
	handshake send vpn0 endpoint 192.0.2.2:51820 01000000$(printf '00%.0s' {1..60})
refused "handshake needs a destination" "exactly one of ENDPOINT and PEER" \
	raw send_handshake str:$A_IFNAME=vpn0 hex:$A_PAYLOAD=03000000$(printf '00%.0s' {1..60})

# A bad request changes nothing, even when part of it was fine.
refused "a request with one bad prefix" "bits set past" \
	raw set_peer str:$A_IFNAME=vpn0 nest:$A_PEER{ hex:$P_KEY=$KEY u32:$P_FLAGS=1 \
	nest:$P_ALLOWEDIP{ u16:$IP_FAMILY=2 hex:$IP_ADDR=0a010000 u8:$IP_CIDR=16 } \
	nest:$P_ALLOWEDIP{ u16:$IP_FAMILY=2 hex:$IP_ADDR=0a020001 u8:$IP_CIDR=16 } }
check_eq "and left the peer's prefixes alone" "10.0.0.2/32" \
	"$(nl peer show vpn0 "$PUB_B" | awk '$1 == "allowed" { print $2 }' | paste -sd,)"
check_eq "and its endpoint" "192.0.2.2:51820" "$(nl peer show vpn0 "$PUB_B" | awk '$1 == "endpoint" { print $2 }')"

# Unprivileged callers are refused.
unpriv() { in_ns vla setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$VLCTL" "$@"; }
out=$(unpriv dev show vpn0 2>&1)
check "unprivileged GET is refused with EPERM" grep -q "Operation not permitted" <<<"$out"
out=$(unpriv peer add vpn0 "$PUB_C" 2>&1)
check "unprivileged NEW_PEER is refused with EPERM" grep -q "Operation not permitted" <<<"$out"
check_eq "and created nothing" 1 "$(nl dev show vpn0 | awk '$1 == "peers" { print $2 }')"

# Allowed IPs: add, remove one, replace, ownership moves, longest match.
nl peer add vpn0 "$PUB_C" allowed 10.9.0.0/16
nl peer set vpn0 "$PUB_B" allowed 10.9.1.0/24,fd09::/64
aips() { nl peer show vpn0 "$1" | awk '$1 == "allowed" { print $2 }' | sort | paste -sd,; }
check_eq "prefixes added" "10.0.0.2/32,10.9.1.0/24,fd09::/64" "$(aips "$PUB_B")"
in_ns vla ip route add 10.9.0.0/16 dev vpn0
in_ns vla ip route add fd09::/64 dev vpn0
events_start vla "$VL_TMP/ev"
in_ns vla ping -c 1 -W 1 10.9.1.5 >/dev/null 2>&1
in_ns vla ping -c 1 -W 1 10.9.2.5 >/dev/null 2>&1
check "longest prefix wins (10.9.1.5 goes to B)" \
	wait_for 3 event_seen "$VL_TMP/ev" handshake_needed "peer $(b64 "$PUB_B")"
check "the shorter prefix takes the rest (10.9.2.5 goes to C)" \
	wait_for 3 event_seen "$VL_TMP/ev" handshake_needed "peer $(b64 "$PUB_C")"
events_stop
n0=$(vl_stat vla tx_no_peer)
in_ns vla ip route add 10.99.0.0/16 dev vpn0
in_ns vla ping -c 1 -W 1 10.99.0.1 >/dev/null 2>&1
check "no owner: dropped and counted" above "$n0" vl_stat vla tx_no_peer
nl peer set vpn0 "$PUB_B" remove 10.9.1.0/24
check_eq "one prefix removed" "10.0.0.2/32,fd09::/64" "$(aips "$PUB_B")"
nl peer set vpn0 "$PUB_C" allowed fd09::/64
check_eq "a prefix moves to its new owner" "10.9.0.0/16,fd09::/64" "$(aips "$PUB_C")"
check_eq "and leaves the old one" "10.0.0.2/32" "$(aips "$PUB_B")"
nl peer set vpn0 "$PUB_B" replace allowed 10.0.0.3/32,10.0.0.4/32
check_eq "replace sets exactly the given prefixes" "10.0.0.3/32,10.0.0.4/32" "$(aips "$PUB_B")"
nl peer set vpn0 "$PUB_B" replace
check_eq "replace with nothing clears them" "" "$(aips "$PUB_B")"
nl peer del vpn0 "$PUB_C"
check_eq "peer deleted" 1 "$(nl dev show vpn0 | awk '$1 == "peers" { print $2 }')"
refused "deleting it again" "no peer" peer del vpn0 "$PUB_C"

# Dumps: thousands of peers, and one peer with thousands of prefixes.
in_ns vla ip link add vpn1 type vpnlink
n=$(scaled 5000 400)
check "$n peers with 2 prefixes each" in_ns vla "$VLCTL" peer bulk vpn1 "$n" --allowed-per-peer 2
read -r _ peers _ allowed _ messages < <(nl peer count vpn1)
check_eq "dump returns every peer" "$n" "$peers"
check_eq "dump returns every prefix" $((2 * n)) "$allowed"
check_ge "dump spans many messages" 2 "$messages"
in_ns vla ip link add vpn2 type vpnlink
big=09$(printf '%062x' 1)	# bulk peer 0
nl peer bulk vpn2 1 --allowed-per-peer 2000 >/dev/null
read -r _ peers _ allowed _ messages < <(nl peer count vpn2)
check_eq "one peer with 2000 prefixes dumps as one peer" "1 2000" "$peers $allowed"
check_ge "across several messages" 2 "$messages"
check "single-peer GET returns all 2000" test "$(nl peer show vpn2 "$big" | grep -c '^ *allowed')" -eq 2000
# 1000 more, in a second request (one request holds about 2300).
nl peer set vpn2 "$big" allowed "$(seq 0 999 | awk '{ printf "%s10.64.%d.%d/32", (NR > 1 ? "," : ""), int($1 / 256), $1 % 256 }')"
read -r _ peers _ allowed _ messages < <(nl peer count vpn2)
check_eq "3000 prefixes still dump whole" "1 3000" "$peers $allowed"
refused "a single-peer GET too big for one attribute says to dump" "dump the peers" peer show vpn2 "$big"
check "deleting a device with $n peers" in_ns vla ip link del vpn1
tap_done
