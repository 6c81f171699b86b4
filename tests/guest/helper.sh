#!/bin/bash
# Shared by the scenarios of vpnlink-helper: two sites joined by an
# underlay veth pair, each gateway either vpnlink (the helper, from a
# wg-quick config) or the stock wireguard module (wg(8)).
#   vla: underlay 192.0.2.1/24, tunnel 10.0.0.1; vlb: 192.0.2.2/24, 10.0.0.2
# (underlay_up in lib.sh makes the underlay).
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HELPER=$VL_ROOT/user/vpnlink-helper
# What vl_up runs (sanitized_helper changes it).
HELPER_UP=$HELPER
export VPNLINK_RUN_DIR=$VL_TMP/run
mkdir -p "$VL_TMP/etc"
chmod 700 "$VL_TMP/etc"

# Keys for both sides: private K_A K_B, public P_A P_B, preshared PSK.
keys_new() {
	K_A=$("$HELPER" genkey)
	K_B=$("$HELPER" genkey)
	P_A=$("$HELPER" pubkey <<<"$K_A")
	P_B=$("$HELPER" pubkey <<<"$K_B")
	PSK=$("$HELPER" genpsk)
}

# vl_conf NAME PRIVATE ADDRESS PORT PEER_PUBLIC PEER_ENDPOINT PEER_ALLOWED
#         [PSK] [more [Peer] lines...]: $VL_TMP/etc/NAME.conf
vl_conf() {
	local name=$1 priv=$2 addr=$3 port=$4 pub=$5 ep=$6 allowed=$7
	local psk=${8:-}
	shift 7
	shift 2>/dev/null || true
	{
		echo "[Interface]"
		echo "PrivateKey = $priv"
		echo "ListenPort = $port"
		echo "Address = $addr"
		echo
		echo "[Peer]"
		echo "PublicKey = $pub"
		[[ -n $ep ]] && echo "Endpoint = $ep"
		echo "AllowedIPs = $allowed"
		[[ -n $psk ]] && echo "PresharedKey = $psk"
		printf '%s\n' "$@"
	} >"$VL_TMP/etc/$name.conf"
	chmod 600 "$VL_TMP/etc/$name.conf"
}

# vl_up NS NAME: the helper brings NAME up in NS, its log in $VL_TMP/NAME.log.
vl_up() {
	in_ns "$1" "$HELPER_UP" up --log "$VL_TMP/$2.log" "$VL_TMP/etc/$2.conf"
}

vl_down() {
	in_ns "$1" "$HELPER" down "$VL_TMP/etc/$2.conf"
}

daemon_pid() {
	cat "$VPNLINK_RUN_DIR/$1.pid" 2>/dev/null
}

# wg_up NS PRIVATE ADDRESS PORT PEER_PUBLIC PEER_ENDPOINT PEER_ALLOWED [PSK]:
# the stock wireguard module as wg0.
wg_up() {
	local ns=$1 args=()
	modprobe wireguard 2>/dev/null
	echo "$2" >"$VL_TMP/wg-$ns.key"
	in_ns "$ns" ip link add wg0 type wireguard
	args=(private-key "$VL_TMP/wg-$ns.key" listen-port "$4" peer "$5"
		allowed-ips "$7")
	[[ -n $6 ]] && args+=(endpoint "$6")
	if [[ -n ${8:-} ]]; then
		echo "$8" >"$VL_TMP/wg-$ns.psk"
		args+=(preshared-key "$VL_TMP/wg-$ns.psk")
	fi
	in_ns "$ns" wg set wg0 "${args[@]}"
	in_ns "$ns" ip addr add "$3" dev wg0
	in_ns "$ns" ip link set wg0 up
}

wg_down() {
	in_ns "$1" ip link del wg0 2>/dev/null
	true
}

# log_has NAME TEXT: the helper's log of NAME says TEXT.
log_has() {
	grep -qF -- "$2" "$VL_TMP/$1.log"
}

# no_loss NS ADDR SECONDS: `ping -i 0.2` for SECONDS; every reply came.
no_loss() {
	local n=$(($3 * 5)) out
	out=$(in_ns "$1" ping -q -i 0.2 -c "$n" -W 2 "$2" 2>&1)
	echo "$out" | grep -q " $n received"
}

# handshake_age NS NAME: seconds since the first peer's latest handshake.
handshake_age() {
	in_ns "$1" "$HELPER" show "$2" --json |
		sed -n 's/.*"latest_handshake_seconds_ago":[[:space:]]*\([0-9]*\).*/\1/p' |
		head -n 1
}

# rekey_check NAME WHAT [REJECT_MS]: under `ping -i 0.2` from vla to
# 10.0.0.2 until 15 s past the rekey age (two thirds of REJECT_MS, the
# keypairs' reject age: WireGuard's 180000, so 135 s, unless the scenario
# set VPNLINK_TEST_REJECT_AFTER_MS), nothing is lost; no keypair ran out
# meanwhile (vla's module never asked for a handshake for want of one, as
# it does once a keypair is rejected: a daemon that does not rekey fails
# here, even if the handshake it then makes loses no ping); and vla's
# interface NAME made a new handshake during it (WHAT names it in the last
# check).
rekey_check() {
	local rekey=$((${3:-180000} * 2 / 3000)) secs age ev=$VL_TMP/rekey.events
	secs=$((rekey + 15))
	events_start vla "$ev"
	check "a rekey past $rekey s under ping -i 0.2 for $secs s loses nothing" \
		no_loss vla 10.0.0.2 "$secs"
	events_stop
	check "no keypair ran out meanwhile" \
		sh -c "! grep -F 'reason no_keypair' '$ev'"
	# Younger than the run: a new handshake came during it.
	age=$(handshake_age vla "$1")
	check "$2: the latest handshake is ${age:-?} s old" \
		test "${age:-999}" -lt $((secs - 5))
}

# sanitized_helper: from here on vl_up runs the helper built with ASan and
# UBSan (build/vpnlink-helper-asan, from `make all`): `up` and the daemon
# it leaves, whose reports go into $VL_TMP/sanitizer/ for sanitizer_check
# to read once the daemons are down.  LSan checks a daemon as it exits on
# `down` (not after kill -9).  The other commands stay plain: under TCG
# each sanitized start and exit costs about a second.
sanitized_helper() {
	HELPER_UP=$VL_ROOT/build/vpnlink-helper-asan
	setup "the helper built with ASan/UBSan is there (make all)" \
		test -x "$HELPER_UP"
	mkdir -p "$VL_TMP/sanitizer"
	export ASAN_OPTIONS="log_path=$VL_TMP/sanitizer/asan:detect_leaks=1"
	export UBSAN_OPTIONS="log_path=$VL_TMP/sanitizer/ubsan:print_stacktrace=1"
}

# sanitizer_check: no `up` and no daemon of the sanitized helper reported
# anything; the reports, if any, are printed.
sanitizer_check() {
	local f
	if ! compgen -G "$VL_TMP/sanitizer/*" >/dev/null; then
		ok "the helper under ASan, LSan and UBSan: no report"
		return
	fi
	not_ok "the helper under ASan, LSan and UBSan: no report"
	for f in "$VL_TMP"/sanitizer/*; do
		echo "#   ${f##*/}:"
		head -n 60 "$f" | sed 's/^/#     /'
	done
}

# helper_down_all: whatever daemons the scenario left.
helper_cleanup() {
	local f
	for f in "$VPNLINK_RUN_DIR"/*.pid; do
		[[ -f $f ]] && kill "$(cat "$f")" 2>/dev/null
	done
	sleep 0.5
	vl_cleanup
}
trap helper_cleanup EXIT
