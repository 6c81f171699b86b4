#!/bin/bash
# vpnlink-helper against itself: handshakes both ways, with and without a
# preshared key; unknown keys, replayed initiations and garbage refused
# while the daemon lives on; kill -9 under traffic and `up` again adopts
# the live interface and goes on rekeying; SIGHUP adds and removes peers
# without disturbing the others; config mistakes change nothing.
# weight: 137 (seconds on the Debian kernel under TCG)
# weight-debug: 361 (seconds on the debug kernel, beside other guests)
. "$(dirname "$0")/../guest/helper.sh"
# Keypairs of every daemon here live 30 s, not 180 (a test-only setting):
# the rekey comes at 20 s, and rekeys happen all along.  Long enough that
# a keypair outlives the daemon's kill -9 below by 10 s at least.
export VPNLINK_TEST_REJECT_AFTER_MS=30000
# Its daemons run under ASan and UBSan; checked at the end.
sanitized_helper
vl_load
underlay_up
keys_new

# pair [PSK_A [PSK_B]] [extra [Peer] lines for B]: vla0 in vla, vlb0 in vlb.
pair() {
	vl_conf vla0 "$K_A" 10.0.0.1/24 51820 "$P_B" 192.0.2.2:51821 \
		10.0.0.2/32 "${1:-}"
	vl_conf vlb0 "$K_B" 10.0.0.2/24 51821 "$P_A" 192.0.2.1:51820 \
		10.0.0.1/32 "${2:-${1:-}}"
	vl_up vla vla0 && vl_up vlb vlb0
}
unpair() {
	vl_down vla vla0
	vl_down vlb vlb0
}

pair
check "ping a -> b" in_ns vla ping -q -c 3 -i 0.3 -W 5 10.0.0.2
check "the keypairs have the test's reject age" sh -c \
	"ip netns exec vla '$VLCTL' peer show vla0 '$P_B' | grep -q 'reject_ms $VPNLINK_TEST_REJECT_AFTER_MS '"
check "and the daemon warned of it" wait_for 10 log_has vla0 "for tests only"
check "ping b -> a" ping_ok vlb 10.0.0.1
check "TCP a -> b" iperf_ok vla vlb 10.0.0.2
check "TCP b -> a" iperf_ok vlb vla 10.0.0.1
unpair
pair
check "b initiates" in_ns vlb ping -q -c 3 -i 0.3 -W 5 10.0.0.1
unpair
pair "$PSK"
check "with a preshared key" in_ns vla ping -q -c 3 -i 0.3 -W 5 10.0.0.2
unpair
pair "$PSK" "$("$HELPER" genpsk)"
check_fails "a wrong preshared key: no traffic" \
	in_ns vla ping -q -c 2 -i 0.5 -W 3 10.0.0.2
check "refused, and said why" wait_for 10 log_has vla0 "decryption failed"
unpair

# --- what the daemon refuses, and survives ----------------------------------
pair
check "a session" ping_ok vla 10.0.0.2
# A stranger: its initiation names a key vla does not know.
K_C=$("$HELPER" genkey)
vl_conf vlc0 "$K_C" 10.0.9.3/24 51829 "$P_A" 192.0.2.1:51820 10.0.9.1/32 "" \
	"PersistentKeepalive = 25"
vl_up vlb vlc0
check "an unknown public key is refused" wait_for 15 log_has vla0 "unknown peer"
vl_down vlb vlc0

# A replayed initiation: captured on its way to vla, sent again later.
in_ns vla "$VLPKT" capture --iface ula --port 51820 --direction to \
	--count 1 --timeout 30 --out "$VL_TMP/init.hex" --ready "$VL_TMP/cap" &
cap=$!
wait_for 10 test -e "$VL_TMP/cap"
vl_down vlb vlb0
vl_conf vlb0 "$K_B" 10.0.0.2/24 51821 "$P_A" 192.0.2.1:51820 10.0.0.1/32 "" \
	"PersistentKeepalive = 25"
vl_up vlb vlb0
wait "$cap"
setup "an initiation was captured" grep -q '^01' "$VL_TMP/init.hex"
# The replay comes after the daemon took the original: the session is up.
setup "the session is up" wait_for 10 in_ns vlb ping -c 1 -W 1 10.0.0.1
in_ns vlb "$VLPKT" replay --to 192.0.2.1:51820 --in "$VL_TMP/init.hex" >/dev/null
check "a replayed initiation is refused" \
	wait_for 10 log_has vla0 "replayed timestamp"
in_ns vlb "$VLPKT" random --to 192.0.2.1:51820 --count 3000 --seed 7 >/dev/null 2>&1
check "garbage handshake messages are counted by the module" \
	above 100 vl_stat vla rx_handshakes vla0
check "and the daemon survives them" kill -0 "$(daemon_pid vla0)"
check "the session is unharmed" ping_ok vla 10.0.0.2

# --- kill -9, and up again ------------------------------------------------------
setup "iperf3 server listens" iperf_server vlb
in_ns vla iperf3 -c 10.0.0.2 -t 6 -i 1 -J >"$VL_TMP/iperf.json" 2>&1 &
iperf=$!
# The kill comes once the first second's interval is over; the bytes of
# the intervals that start a second after it were carried by a tunnel
# whose daemon was dead.
sleep 2
kill -9 "$(daemon_pid vla0)"
wait "$iperf"
moved=$(python3 -c '
import json, sys
try:
    r = json.load(open(sys.argv[1]))
    print(sum(int(i["sum"]["bytes"]) for i in r["intervals"] if i["sum"]["start"] >= 3))
except Exception:
    print(0)' "$VL_TMP/iperf.json")
check_ge "kill -9 of the daemon: TCP goes on moving data (bytes after the kill)" 100000 "$moved"
check "the interface stays" in_ns vla ip link show vla0
check "up again adopts the live interface" vl_up vla vla0
check "it said so" log_has vla0 "adopting"
check "traffic goes on" ping_ok vla 10.0.0.2
rekey_check vla0 "the adopted daemon rekeyed" "$VPNLINK_TEST_REJECT_AFTER_MS"

# --- SIGHUP -------------------------------------------------------------------
# session: peer B's rx_packets in vla0, then its keypairs' local indices.
session() {
	in_ns vla "$VLCTL" peer show vla0 "$P_B" | awk '
		$1 == "rx_packets" { rx = $2 }
		$1 == "keypair" { k = k " " $4 }
		END { print rx + 0 k }'
}
# same_session BEFORE AFTER: the module's peer was not made anew (its
# counter went on) and a keypair of before is still there.  A rekey
# meanwhile (every 20 s here) keeps the current one as previous; a reload
# that dropped the session would leave none.
same_session() {
	local b a k
	read -r -a b <<<"$1"
	read -r -a a <<<"$2"
	((${a[0]:-0} >= ${b[0]:-1})) || return 1
	for k in "${b[@]:1}"; do
		[[ " ${a[*]:1} " == *" $k "* ]] && return 0
	done
	return 1
}
before=$(session)
K_D=$("$HELPER" genkey)
P_D=$("$HELPER" pubkey <<<"$K_D")
cp "$VL_TMP/etc/vla0.conf" "$VL_TMP/vla0.orig"
printf '\n[Peer]\nPublicKey = %s\nAllowedIPs = 10.7.0.0/16\n' "$P_D" \
	>>"$VL_TMP/etc/vla0.conf"
kill -HUP "$(daemon_pid vla0)"
check "SIGHUP adds a peer" wait_for 10 sh -c \
	"ip netns exec vla '$HELPER' show vla0 | grep -q '$P_D'"
check "and routes its allowed IPs" wait_for 5 sh -c \
	"ip -n vla route show dev vla0 | grep -q '^10.7.0.0/16'"
after=$(session)
check "the other peer's session goes on (rx_packets and keypairs: $before -> $after)" \
	same_session "$before" "$after"
check "and its traffic" ping_ok vla 10.0.0.2
cp "$VL_TMP/vla0.orig" "$VL_TMP/etc/vla0.conf"
kill -HUP "$(daemon_pid vla0)"
check "SIGHUP removes it again" wait_for 10 sh -c \
	"! ip netns exec vla '$HELPER' show vla0 | grep -q '$P_D'"
check "and its route" sh -c \
	"! ip -n vla route show dev vla0 | grep -q '^10.7.0.0/16'"
echo "[Peer]" >>"$VL_TMP/etc/vla0.conf"
kill -HUP "$(daemon_pid vla0)"
check "a broken config on SIGHUP changes nothing" wait_for 10 \
	log_has vla0 "nothing changed"
check "and the tunnel goes on" ping_ok vla 10.0.0.2
cp "$VL_TMP/vla0.orig" "$VL_TMP/etc/vla0.conf"
check_fails "up of an interface already up refuses" vl_up vla vla0
unpair
check_fails "down of an interface not up refuses" vl_down vla vla0

# --- config mistakes: FILE:LINE, exit 2, nothing changed ------------------------
bad() {
	local want=$1 msg=$2 out rc
	shift 2
	printf '%s\n' "$@" >"$VL_TMP/etc/bad0.conf"
	chmod 600 "$VL_TMP/etc/bad0.conf"
	out=$(in_ns vla "$HELPER" up "$VL_TMP/etc/bad0.conf" 2>&1)
	rc=$?
	if [[ $rc -eq 2 && $out == *"bad0.conf:$want:"* ]] &&
		! in_ns vla ip link show bad0 >/dev/null 2>&1 &&
		[[ ! -e $VPNLINK_RUN_DIR/bad0.pid ]]; then
		ok "config error: $msg ($out)"
	else
		not_ok "config error: $msg: exit $rc, said: $out"
	fi
}
bad 3 "unknown key" "[Interface]" "PrivateKey = $K_A" "Colour = blue"
bad 2 "bad base64" "[Interface]" "PrivateKey = abc"
bad 5 "bad prefix" "[Interface]" "PrivateKey = $K_A" "[Peer]" \
	"PublicKey = $P_B" "AllowedIPs = 10.0.0.0/33"
bad 6 "duplicate peer" "[Interface]" "PrivateKey = $K_A" "[Peer]" \
	"PublicKey = $P_B" "[Peer]" "PublicKey = $P_B"
bad 1 "missing PrivateKey" "[Interface]" "ListenPort = 1"

# --- no module --------------------------------------------------------------------
vl_unload
out=$(in_ns vla "$HELPER" up "$VL_TMP/etc/vla0.conf" 2>&1)
rc=$?
check "without the module (and none to modprobe), up fails with exit 1" \
	test "$rc" -eq 1
check "and says so: $out" grep -q 'module' <<<"$out"
check "and changes nothing" sh -c '! ip -n vla link show vla0'

# Every daemon went down by `down` (but the one killed): LSan has checked
# them as they exited.
sanitizer_check
tap_done
