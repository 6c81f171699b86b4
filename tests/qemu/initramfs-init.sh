#!/bin/sh
# /init of the vpnlink test initramfs (copied in by mkinitramfs.sh; runs under
# busybox sh, hence plain POSIX sh and no bash here).
#
# It loads the virtio/9p drivers, mounts the host's / read-only over 9p,
# mounts the run's control directory (a second, writable 9p share) at
# /run/vpnlink, chroots into the host root and runs the command that
# run-guest.sh wrote into /run/vpnlink/cmd.sh. Then it prints the exit marker
# run-guest.sh waits for and powers off.
#
# Files in the control share (written by run-guest.sh):
#   env       sourced here: VL_NONCE, VL_HOSTNAME, VL_MODDIR
#   cmd.sh    the command (bash), cd's to the caller's directory first
#   out/      exported to the command as $VPNLINK_OUT
# Written back here:
#   status    the command's exit status
#   dmesg.txt the whole kernel log at the end (run-guest.sh scans it as well,
#             in case a test lowered the console log level)
#
# No `set -e`: whatever fails, init must go on to print the marker and power
# off; a failed essential step calls die() instead.

PATH=/bin:/sbin
export PATH
ROOT_TAG=vlroot
CTL_TAG=vlout
NEW=/newroot

log() { echo "vpnlink-init: $*" >/dev/console; }

# Never return: init exiting panics the kernel, and a panic without the exit
# marker is reported as a crash by run-guest.sh - which is right for the
# failure cases below, but say why first.
die() {
	log "FATAL: $*"
	poweroff -f
	echo o >/proc/sysrq-trigger
	sleep 1000
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# Whatever the kernel gave init as stdio, use the console from here on.
exec </dev/console >/dev/console 2>&1

# Drivers for virtio-9p, in dependency order. Missing ones are built in (debug
# kernel), so absence is not an error; a failing insmod is reported.
while read -r m; do
	if [ -n "$m" ] && [ -f "/lib/modules/$m.ko" ]; then
		insmod "/lib/modules/$m.ko" || log "insmod $m failed"
	fi
done </etc/vpnlink-modules

# Root: read-only, so cache=loose is safe enough and much faster (page cache
# for binaries and libraries). msize 512000 is the virtio transport maximum.
mkdir -p $NEW
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose \
	$ROOT_TAG $NEW || die "cannot mount host root (9p tag $ROOT_TAG)"

mount -t proc proc $NEW/proc
mount -t sysfs sysfs $NEW/sys
mount -t devtmpfs devtmpfs $NEW/dev
mkdir -p $NEW/dev/pts $NEW/dev/shm
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts $NEW/dev/pts
mount -t tmpfs -o mode=1777 tmpfs $NEW/dev/shm
# devtmpfs lacks these links; bash process substitution needs /dev/fd.
ln -sf /proc/self/fd $NEW/dev/fd
ln -sf /proc/self/fd/0 $NEW/dev/stdin
ln -sf /proc/self/fd/1 $NEW/dev/stdout
ln -sf /proc/self/fd/2 $NEW/dev/stderr
mount -t tmpfs -o mode=1777 tmpfs $NEW/tmp
mount -t tmpfs -o mode=0755 tmpfs $NEW/run
mount -t debugfs debugfs $NEW/sys/kernel/debug || log "no debugfs"
if [ -d $NEW/sys/kernel/tracing ]; then
	mount -t tracefs tracefs $NEW/sys/kernel/tracing 2>/dev/null || true
fi
mount -t cgroup2 cgroup2 $NEW/sys/fs/cgroup 2>/dev/null || true
# /run is fresh: directories tools expect to exist there.
mkdir -p $NEW/run/lock $NEW/run/netns $NEW/run/vpnlink

# Control share: writable, no caching, so that what the guest writes is on
# the host before poweroff.
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 $CTL_TAG $NEW/run/vpnlink ||
	die "cannot mount control share (9p tag $CTL_TAG)"
[ -f $NEW/run/vpnlink/env ] || die "no env file in the control share"
VL_NONCE=
VL_HOSTNAME=vpnlink-guest
VL_MODDIR=
# shellcheck disable=SC1091
. $NEW/run/vpnlink/env

# A kernel that is not Debian's (the debug kernel) has no directory under the
# host's /lib/modules. Give it one: a tmpfs over /lib/modules with its own
# module directory bound in, so that modprobe finds built-in drivers.
kver=$(uname -r)
if [ -n "$VL_MODDIR" ] && [ ! -d "$NEW/lib/modules/$kver" ] && [ -d "$NEW$VL_MODDIR" ]; then
	mount -t tmpfs -o mode=0755 tmpfs $NEW/lib/modules
	mkdir -p "$NEW/lib/modules/$kver"
	mount --bind "$NEW$VL_MODDIR" "$NEW/lib/modules/$kver"
fi

# The kernel runs its module loader (request_module: "ip link add type
# veth", nftables, ...) in the root of PID 1, which is this initramfs, not
# the host root the command sees.  Point it at the host's modprobe, inside
# the host root, so that autoloading works as on a real machine.
printf '#!/bin/sh\nexec chroot %s /sbin/modprobe "$@"\n' "$NEW" >/bin/vl-modprobe
chmod 0755 /bin/vl-modprobe
echo /bin/vl-modprobe >/proc/sys/kernel/modprobe

hostname "$VL_HOSTNAME"
ip link set lo up

# The command: clean environment, stdin from /dev/null (a test must never
# wait for input), output on the console that run-guest.sh streams.
# It gets a mount namespace of its own whose root is the host root, moved
# over / as switch_root does, rather than a chroot into it: the kernel
# refuses a user namespace to a chrooted process, and scenarios test from
# user namespaces.  init keeps its own view, to write the status after.
unshare -m --propagation private /bin/sh -c \
	'cd "$0" && mount --move . / && exec chroot . "$@"' $NEW \
	/usr/bin/env -i \
	PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	HOME=/tmp USER=root LOGNAME=root SHELL=/bin/bash TERM=dumb LANG=C.UTF-8 \
	VPNLINK_OUT=/run/vpnlink/out VPNLINK_IN_GUEST=1 \
	/bin/bash /run/vpnlink/cmd.sh </dev/null >/dev/console 2>&1
rc=$?

echo "$rc" >$NEW/run/vpnlink/status
dmesg >$NEW/run/vpnlink/dmesg.txt 2>/dev/null
sync
# The marker carries a per-run nonce so that no output of the command can
# fake it.
echo "VPNLINK-GUEST-EXIT nonce=$VL_NONCE status=$rc" >/dev/console
poweroff -f
# Only if ACPI poweroff did not work.
echo o >/proc/sysrq-trigger
sleep 1000
