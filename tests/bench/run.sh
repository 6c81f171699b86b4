#!/bin/bash
# make bench: the helper's handshake rate on this host (one core), then
# one guest boot for everything that needs the kernel
# (tests/bench/bench-guest.sh and tests/bench/helper-guest.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mkdir -p build/bench

# Responder handshakes per second, one core, in process: the helper's own
# code (mac1, consume initiation, response, keys) on OpenSSL.
best=0
for i in 1 2 3; do
	hs=$(taskset -c 0 build/hs_bench 1000 3 | awk '$1 == "handshakes_per_second" { print $2 }')
	((hs > best)) && best=$hs
done
export VPNLINK_BENCH_HS=$best

# 1,000 peers for the helper's `up`: random public keys (any 32 bytes are
# an X25519 public key), one /32 each.
conf=build/bench/peers1000.conf
{
	echo "[Interface]"
	echo "PrivateKey = $(user/vpnlink-helper genkey)"
	echo "ListenPort = 51999"
	echo "Address = 10.99.255.254/16"
	for i in $(seq 0 999); do
		echo
		echo "[Peer]"
		echo "PublicKey = $(head -c 32 /dev/urandom | base64)"
		echo "AllowedIPs = 10.98.$((i / 250)).$((i % 250 + 1))/32"
	done
} >"$conf"
chmod 600 "$conf"

exec tests/qemu/run-guest.sh --timeout "${VPNLINK_BENCH_TIMEOUT:-1800}" --log build/bench.log \
	-- tests/bench/bench-guest.sh
