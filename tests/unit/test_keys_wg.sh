#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test_keys_wg.sh [HELPER]
#
# The helper's genkey, genpsk and pubkey against wg(8) from
# wireguard-tools: keys must move between the two unchanged, so public
# keys must agree byte for byte, each must accept the other's keys, and
# both must refuse the same malformed ones.  HELPER defaults to
# user/vpnlink-helper.  Prints TAP lines (tests/tap.sh) and
# "N passed, N failed, N skipped"; exits 1 on any failure.  Without wg it
# skips, saying so, and exits 0.  VL_KEYS_ROUNDS=N sets the number of
# random keys per comparison (default 200).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

helper=${1:-user/vpnlink-helper}
rounds=${VL_KEYS_ROUNDS:-200}
. tests/tap.sh
check() { # check DESCRIPTION COMMAND...
	local what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}

if ! command -v wg >/dev/null; then
	skip "the helper's keys against wg" "wg (wireguard-tools) is not installed"
	tap_done --result
fi
if [[ ! -x $helper ]]; then
	not_ok "$helper exists (make user)"
	tap_done --result
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Keys written to files stay private, and wg does not warn about them.
umask 077

# The shape of every key either tool prints: 44 characters and a newline.
key_line() {
	[[ $(wc -c <"$1") == 45 ]] && grep -qxE '[A-Za-z0-9+/]{43}=' "$1"
}

# The byte at offset $2 (0..31) of the base64 key in file $1.
key_byte() {
	base64 -d <"$1" | od -An -tu1 -j "$2" -N1 | tr -d ' '
}

# --- the commands themselves ------------------------------------------
for cmd in genkey genpsk; do
	"$helper" $cmd >"$tmp/$cmd" 2>"$tmp/err"
	check "$cmd exits 0" test $? = 0
	check "$cmd prints 44 characters of base64 and a newline" \
		key_line "$tmp/$cmd"
	check "$cmd says nothing on stderr" test ! -s "$tmp/err"
	"$helper" $cmd extra >/dev/null 2>&1
	check "$cmd with an argument exits 2" test $? = 2
	"$helper" $cmd --no-such-option >/dev/null 2>&1
	check "$cmd with an unknown option exits 2" test $? = 2
	"$helper" $cmd --help >"$tmp/help" 2>&1
	check "$cmd --help exits 0 and prints a usage" \
		grep -q "usage:.*$cmd" "$tmp/help"
done
"$helper" pubkey --help </dev/null >"$tmp/help" 2>&1
check "pubkey --help exits 0 and prints a usage" \
	grep -q 'usage:.*pubkey' "$tmp/help"
"$helper" pubkey extra </dev/null >/dev/null 2>&1
check "pubkey with an argument exits 2" test $? = 2

# RFC 7748, 6.1: Alice's private and public keys.
rfc_priv=$(printf '%b' '\x77\x07\x6d\x0a\x73\x18\xa5\x7d\x3c\x16\xc1\x72\x51\xb2\x66\x45\xdf\x4c\x2f\x87\xeb\xc0\x99\x2a\xb1\x77\xfb\xa5\x1d\xb9\x2c\x2a' | base64)
rfc_pub=$(printf '%b' '\x85\x20\xf0\x09\x89\x30\xa7\x54\x74\x8b\x7d\xdc\xb4\x3e\xf7\x5a\x0d\xbf\x3a\x0d\x26\x38\x1a\xf4\xeb\xa4\xa9\x8e\xaa\x9b\x4e\x6a' | base64)
check "pubkey of RFC 7748's Alice is her public key" \
	test "$(echo "$rfc_priv" | "$helper" pubkey)" = "$rfc_pub"

# --- the same public keys as wg ---------------------------------------
# compare_pubkeys GENERATOR: keys from it, through both pubkeys.
compare_pubkeys() {
	local i k ours theirs
	for ((i = 0; i < rounds; i++)); do
		k=$($1) || return 1
		ours=$(echo "$k" | "$helper" pubkey) || return 1
		theirs=$(echo "$k" | wg pubkey) || return 1
		if [[ $ours != "$theirs" ]]; then
			echo "# $k: ours $ours, wg $theirs"
			return 1
		fi
	done
}
check "pubkey agrees with wg pubkey on $rounds keys of wg genkey" \
	compare_pubkeys "wg genkey"
# Unclamped: wg and OpenSSL both clamp inside, so any 32 bytes will do.
check "pubkey agrees with wg pubkey on $rounds unclamped keys" \
	compare_pubkeys "wg genpsk"
check "pubkey agrees with wg pubkey on $rounds keys of our genkey" \
	compare_pubkeys "$helper genkey"

# Clamped exactly as wg genkey clamps: k[0] &= 248, k[31] &= 127 | 64.
clamped() {
	local i b0 b31
	for ((i = 0; i < rounds; i++)); do
		"$helper" genkey >"$tmp/k" || return 1
		b0=$(key_byte "$tmp/k" 0)
		b31=$(key_byte "$tmp/k" 31)
		((b0 % 8 == 0 && b31 >= 64 && b31 < 128)) || return 1
	done
}
check "genkey clamps every key as wg genkey does ($rounds keys)" clamped

# genpsk does not clamp: over many keys, some low bits of byte 0 are set.
unclamped() {
	local i
	for ((i = 0; i < 64; i++)); do
		"$helper" genpsk >"$tmp/k" || return 1
		(($(key_byte "$tmp/k" 0) % 8)) && return 0
	done
	return 1
}
check "genpsk does not clamp" unclamped

distinct() {
	local i
	for ((i = 0; i < 50; i++)); do "$helper" "$1"; done | sort | uniq -d |
		grep -q . && return 1
	return 0
}
check "genkey never repeats a key (50 keys)" distinct genkey
check "genpsk never repeats a key (50 keys)" distinct genpsk

# --- the same input rules ---------------------------------------------
k=$(wg genkey)
# accepted_by_both PRINTF-FORMAT: the key in that format.
accepted_by_both() {
	local ours theirs
	# shellcheck disable=SC2059 # the format is the point
	ours=$(printf "$1" "$k" | "$helper" pubkey) &&
		theirs=$(printf "$1" "$k" | wg pubkey) &&
		[[ $ours == "$theirs" && -n $ours ]]
}
check "both accept a key and a newline" accepted_by_both '%s\n'
check "both accept a key without a newline" accepted_by_both '%s'
check "both accept trailing blanks and lines" accepted_by_both '%s \t\n\n'
check "both accept a trailing NUL byte" accepted_by_both '%s\0\n'
# wg refuses leading blanks; being lenient there breaks no script.
check "pubkey accepts leading blanks" \
	test "$(printf '  \n%s\n' "$k" | "$helper" pubkey)" = \
	"$(echo "$k" | wg pubkey)"

# refused_by_both INPUT: both fail, ours with status 1 and a message.
refused_by_both() {
	printf '%b' "$1" | wg pubkey >/dev/null 2>&1 && return 1
	printf '%b' "$1" | "$helper" pubkey >"$tmp/out" 2>"$tmp/err"
	[[ $? == 1 && ! -s $tmp/out && -s $tmp/err ]]
}
last=${k:42:1}
# The same character with its two low bits set: another spelling of k.
b64=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/
idx=${b64%%"$last"*}
noncanon=${k:0:42}${b64:$((${#idx} | 3)):1}=
for bad in "" "\n" "not a key\n" "${k%=}\n" "${k}=\n" "${k:1}\n" \
	"${k:0:20}#${k:21}\n" "${k:0:20}=${k:21}\n" "${k:0:20} ${k:21}\n" \
	"$noncanon\n" "$k$k\n" "$k\n$k\n" "${k}x\n" "${k}\0x"; do
	check "both refuse '$bad'" refused_by_both "$bad"
done

tap_done --result
