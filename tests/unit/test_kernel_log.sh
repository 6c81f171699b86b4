#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test_kernel_log.sh: what tests/kernel-log.sh calls a kernel problem, on
# logs made up here.  Every guest run and every scenario's "the kernel log
# is clean" rests on it: a report it missed would pass them all.  Prints
# TAP lines and "N passed, N failed, N skipped"; exits 1 on any failure.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
. tests/tap.sh
. tests/kernel-log.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# found DESC WANT LOG-LINES...: kernel_log_problems on a log of those
# lines prints exactly WANT (lines "PATTERN<tab>LINE" in the order of its
# list of patterns, or nothing).
found() {
	local desc=$1 want=$2 got
	shift 2
	printf '%s\n' "$@" >"$tmp/log"
	got=$(kernel_log_problems "$tmp/log")
	if [[ $got == "$want" ]]; then
		ok "$desc"
	else
		not_ok "$desc"
		printf '#   want: %s\n' "$want"
		printf '#   got:  %s\n' "$got"
	fi
}

t=$'\t'
found "a clean log has nothing to say" "" \
	"[    0.000000] Linux version 6.1.0" \
	"[    1.500000] vpnlink loaded (genl family vpnlink v1)"
found "a KASAN report is found, under each pattern it shows" \
	"BUG:${t}[   12.345678] BUG: KASAN: use-after-free in vl_proxy_may_answer+0x1c/0x90
KASAN${t}[   12.345678] BUG: KASAN: use-after-free in vl_proxy_may_answer+0x1c/0x90" \
	"[   12.000000] vpnlink-test: mark 1.2.3" \
	"[   12.345678] BUG: KASAN: use-after-free in vl_proxy_may_answer+0x1c/0x90"
found "the first line of a pattern is the one shown" \
	"WARNING:${t}[    3.000000] WARNING: CPU: 0 PID: 1 at kmod/send.c:10" \
	"[    3.000000] WARNING: CPU: 0 PID: 1 at kmod/send.c:10" \
	"[    4.000000] WARNING: CPU: 1 PID: 2 at kmod/send.c:20"
found "a command's own output (no timestamp) is not the kernel's" "" \
	"ok 3 - grep finds no BUG: in the log" \
	"Oops, the server was not up yet"
found "kmemleak's report is found without a timestamp too" \
	"unreferenced object${t}unreferenced object 0xffff888003f2c000 (size 64):" \
	"unreferenced object 0xffff888003f2c000 (size 64):"
found "a known harmless line is ignored" "" \
	"[    2.000000] vpnlink: module verification failed: signature and/or required key missing - tainting kernel"
found "a device stuck unregistering is a problem" \
	"unregister_netdevice: waiting for${t}[  300.000000] unregister_netdevice: waiting for lan0 to become free. Usage count = 2" \
	"[  300.000000] unregister_netdevice: waiting for lan0 to become free. Usage count = 2"
found "a lockdep report is found" \
	"WARNING:${t}[   40.000000] WARNING: possible circular locking dependency detected
circular locking dependency${t}[   40.000000] WARNING: possible circular locking dependency detected" \
	"[   40.000000] WARNING: possible circular locking dependency detected"

# Several files: the first hit over all of them, in order.
printf '%s\n' "[    1.000000] all well" >"$tmp/a"
printf '%s\n' "[    9.000000] general protection fault, probably for non-canonical address" >"$tmp/b"
got=$(kernel_log_problems "$tmp/a" "$tmp/b")
if [[ $got == "general protection${t}[    9.000000] general protection fault, probably for non-canonical address" ]]; then
	ok "several files are read, each line of each"
else
	not_ok "several files are read, each line of each"
	printf '#   got: %s\n' "$got"
fi

tap_done --result
