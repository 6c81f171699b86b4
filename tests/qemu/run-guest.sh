#!/bin/bash
# run-guest.sh [options] [--] CMD [ARGS...]
#
# Runs CMD as root inside a QEMU guest that boots a real kernel and sees the
# host's / read-only (over virtio-9p), in the caller's current directory.
# The host kernel cannot load modules, so this is where vpnlink.ko is tested.
#
# Options:
#   --kernel BZIMAGE  kernel to boot (default: $VPNLINK_KERNEL, else the newest
#                     /boot/vmlinuz-* that has /lib/modules/KVER/build)
#   --kvm             use KVM (also VPNLINK_KVM=1); default is TCG, because
#                     guests hang under KVM on the machines this was written on
#   --timeout SECONDS kill the guest after this long (default 600, or
#                     $VPNLINK_TIMEOUT); exit status 124
#   --mem MB          guest memory (default 2048)
#   --wired-nics      two virtio NICs wired to each other (a QEMU hub), for
#                     what must work on physical interfaces; found in the
#                     guest by their MACs (tests/guest/lib.sh: nic_pair)
#   --cpus N          guest vCPUs (default 2)
#   --log FILE        also write the console log (CRs stripped) to FILE
#   --out DIR         copy what the command wrote into $VPNLINK_OUT to DIR
#   --moddir DIR      module directory of the kernel, bound to
#                     /lib/modules/KVER in the guest if that does not exist
#                     (default: found for the Debian and the debug kernel)
#   --append ARGS     extra kernel command line
#
# In the guest: cwd = the caller's cwd (same absolute path), HOME=/tmp, fresh
# tmpfs on /tmp and /run, debugfs mounted, lo up, stdin /dev/null,
# VPNLINK_OUT = a writable directory shared with the host (see --out),
# VPNLINK_IN_GUEST=1, and every VPNLINK_* variable of the caller.
#
# Exit status: the command's. But the run FAILS (status 1 if the command
# said 0) when the guest printed no exit marker (panic, crash) or when the
# kernel log shows a kernel problem (Oops, BUG:, WARNING:, KASAN, lockdep,
# kmemleak leaks, hung tasks, ...; see tests/kernel-log.sh), whatever the
# command said.
set -euo pipefail

# The whole script is one { ... } block, so bash parses it completely before
# running it: editing this file while a long guest run is under way cannot
# derail that run (bash otherwise reads a script as it goes).
{

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

usage() {
	sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" >&2
	exit 2
}
msg() { echo "run-guest: $*" >&2; }
die() {
	msg "$*"
	exit 2
}

kernel=${VPNLINK_KERNEL:-}
kvm=0
[[ ${VPNLINK_KVM:-0} == 1 ]] && kvm=1
timeout=${VPNLINK_TIMEOUT:-600}
mem=2048
wired_nics=0
cpus=2
userlog=
outdir=
moddir=${VPNLINK_MODDIR:-}
append=
while [[ $# -gt 0 ]]; do
	case $1 in
	--kernel) kernel=${2:?--kernel needs a file} && shift 2 ;;
	--kvm) kvm=1 && shift ;;
	--timeout) timeout=${2:?--timeout needs seconds} && shift 2 ;;
	--mem) mem=${2:?--mem needs MB} && shift 2 ;;
	--wired-nics) wired_nics=1 && shift ;;
	--cpus) cpus=${2:?--cpus needs a number} && shift 2 ;;
	--log) userlog=${2:?--log needs a file} && shift 2 ;;
	--out) outdir=${2:?--out needs a directory} && shift 2 ;;
	--moddir) moddir=${2:?--moddir needs a directory} && shift 2 ;;
	--append) append=${2?--append needs an argument} && shift 2 ;;
	-h | --help) usage ;;
	--) shift && break ;;
	-*) msg "unknown option $1" && usage ;;
	*) break ;;
	esac
done
[[ $# -gt 0 ]] || usage
[[ $timeout =~ ^[0-9]+$ && $mem =~ ^[0-9]+$ && $cpus =~ ^[0-9]+$ ]] ||
	die "--timeout, --mem and --cpus take plain numbers"

# --- which kernel, which modules ---------------------------------------------

# Release string of a bzImage, from its setup header (kernel_version field at
# 0x20e points to it, relative to 0x200): no need for file(1).
bzimage_release() {
	local f=$1 magic off s
	magic=$(dd if="$f" bs=1 skip=$((0x202)) count=4 status=none)
	[[ $magic == HdrS ]] || return 1
	off=$(od -An -tu2 -j $((0x20e)) -N2 "$f" | tr -d ' ')
	# Whole reads (no head/cut): with pipefail, an early-exiting reader
	# would turn the writer's SIGPIPE into a failure.
	s=$(dd if="$f" bs=1 skip=$((off + 0x200)) count=256 status=none | tr '\0' '\n')
	s=${s%%$'\n'*}
	echo "${s%% *}"
}

if [[ -z $kernel ]]; then
	# Newest Debian kernel whose headers are installed: the one the module
	# is built against by default.
	while IFS= read -r f; do
		if [[ -e /lib/modules/${f#/boot/vmlinuz-}/build ]]; then
			kernel=$f
			break
		fi
	done < <(find /boot -maxdepth 1 -name 'vmlinuz-*' | sort -rV)
	[[ -n $kernel ]] || die "no /boot/vmlinuz-* with matching /lib/modules/*/build; install linux-image-amd64 and linux-headers-amd64, or use --kernel"
fi
[[ -r $kernel ]] || die "kernel $kernel not found"
kernel=$(cd "$(dirname "$kernel")" && pwd)/$(basename "$kernel")
kver=$(bzimage_release "$kernel") || die "$kernel is not a bzImage"

# Under TCG, decompressing the kernel takes seconds (about 5 s of an 11 s run
# for Debian's xz bzImage). A kernel with CONFIG_PVH can instead be started
# uncompressed through its PVH entry point: QEMU does that for an ELF vmlinux.
# So the vmlinux is extracted once from the bzImage payload and cached.
# VPNLINK_PVH=0 boots the bzImage as it is.
pvh_vmlinux() {
	local bz=$1 out=$2 setup_sects payload_off magic
	setup_sects=$(od -An -tu1 -j $((0x1f1)) -N1 "$bz" | tr -d ' ')
	payload_off=$(od -An -tu4 -j $((0x248)) -N4 "$bz" | tr -d ' ')
	payload_off=$(((setup_sects + 1) * 512 + payload_off))
	magic=$(od -An -tx1 -j "$payload_off" -N4 "$bz" | tr -d ' \n')
	local dec
	case $magic in
	fd377a58) dec=(xz -dc --single-stream) ;;
	1f8b*) dec=(gzip -dc) ;;
	28b52ffd) dec=(zstd -qdc) ;;
	*) return 1 ;;
	esac
	# gzip complains about the size trailer after the stream: judge by the
	# result instead of the status.
	tail -c +$((payload_off + 1)) "$bz" | "${dec[@]}" >"$out.tmp.$$" 2>/dev/null || true
	# XEN_ELFNOTE_PHYS32_ENTRY (type 0x12) is the PVH entry point.
	if [[ "$(head -c4 "$out.tmp.$$" | od -An -tx1 | tr -d ' \n')" == 7f454c46 ]] &&
		readelf -n "$out.tmp.$$" 2>/dev/null | grep 'Xen .*(0x00000012)' >/dev/null; then
		mv -f "$out.tmp.$$" "$out"
	else
		rm -f "$out.tmp.$$"
		return 1
	fi
}
cachedir=$repo/build/qemu
mkdir -p "$cachedir"
boot_kernel=$kernel
if [[ ${VPNLINK_PVH:-1} != 0 ]]; then
	vmlinux=$cachedir/vmlinux-$kver-$(stat -L -c '%n %s %Y' "$kernel" | sha256sum | cut -c1-16)
	nopvh=$vmlinux.nopvh
	if [[ ! -f $vmlinux && ! -f $nopvh ]]; then
		# Stale extractions of this kernel release (not a parallel run's
		# temporary file of the same key).
		find "$cachedir" -maxdepth 1 -name "vmlinux-$kver-*" ! -name "${vmlinux##*/}*" -delete
		# Remember a kernel without PVH, so as not to try again every run.
		if ! pvh_vmlinux "$kernel" "$vmlinux"; then
			msg "$kernel has no PVH entry point (or could not be extracted): booting the bzImage"
			: >"$nopvh"
		fi
	fi
	[[ -f $vmlinux ]] && boot_kernel=$vmlinux
fi

# The guest must use modules of the kernel it runs. Debian kernel: its
# /lib/modules/KVER. Debug kernel (debug-kernel.sh): virtio/9p are built in,
# and BUILDDIR/modinst has its modules.builtin for modprobe.
if [[ -z $moddir ]]; then
	if [[ -d /lib/modules/$kver/kernel ]]; then
		moddir=/lib/modules/$kver
	elif [[ $kernel == */arch/x86/boot/bzImage &&
		-d ${kernel%/arch/x86/boot/bzImage}/modinst/lib/modules/$kver ]]; then
		moddir=${kernel%/arch/x86/boot/bzImage}/modinst/lib/modules/$kver
	fi
fi
if [[ -n $moddir ]]; then
	[[ -d $moddir ]] || die "module directory $moddir does not exist"
	moddir=$(cd "$moddir" && pwd)
fi

# Guest paths are host paths, except what the guest replaces with a tmpfs.
hidden_in_guest() { [[ $1/ =~ ^/(tmp|run|proc|sys|dev)/ ]]; }
if hidden_in_guest "$PWD"; then
	die "current directory $PWD is under a directory the guest replaces (tmpfs /tmp, /run; /proc, /sys, /dev); run from elsewhere"
fi
if [[ -n $moddir ]] && hidden_in_guest "$moddir"; then
	die "module directory $moddir would be hidden in the guest"
fi

# --- initramfs, cached by a hash of what goes into it ---------------------------
busybox=${BUSYBOX:-/bin/busybox}
key=$(
	{
		cat "$here/mkinitramfs.sh" "$here/initramfs-init.sh"
		stat -L -c '%n %s %Y' "$busybox"
		echo "moddir=$moddir"
		if [[ -n $moddir && -f $moddir/modules.dep ]]; then
			stat -c '%s %Y' "$moddir/modules.dep"
		fi
	} | sha256sum | cut -c1-16
)
initrd=$cachedir/initramfs-$kver-$key.cpio.gz
if [[ ! -f $initrd ]]; then
	# Drop stale images for this kernel; they are cheap to rebuild.
	find "$cachedir" -maxdepth 1 -name "initramfs-$kver-*.cpio.gz" ! -name "${initrd##*/}" -delete
	# Built aside and renamed: guests started together (run-shards.sh)
	# must never boot a half-written image.
	"$here/mkinitramfs.sh" "$initrd.tmp.$$" "${moddir:-/nonexistent}"
	mv -f "$initrd.tmp.$$" "$initrd"
fi

# --- control share: the command in, status/log/artifacts out -------------------
ctl=$(mktemp -d "${TMPDIR:-/tmp}/vpnlink-guest.XXXXXX")
timeout_pid_file=$ctl/timeout.pid
pipeline_pid=
# shellcheck disable=SC2317  # invoked by the trap
cleanup() {
	# Interrupted: stop the guest. Only what was started here, by pid:
	# timeout(1) passes the TERM on to qemu.
	if [[ -n $pipeline_pid ]]; then
		if [[ -s $timeout_pid_file ]]; then
			kill "$(cat "$timeout_pid_file")" 2>/dev/null || true
		fi
		wait "$pipeline_pid" 2>/dev/null || true
	fi
	rm -rf "$ctl"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$ctl/out"
chmod 0777 "$ctl/out"

nonce=$(od -An -tx8 -N8 /dev/urandom | tr -d ' ')
sq() { printf "'%s'" "${1//\'/\'\\\'\'}"; } # single-quote for busybox sh
{
	echo "VL_NONCE=$(sq "$nonce")"
	echo "VL_HOSTNAME=vpnlink-guest"
	echo "VL_MODDIR=$(sq "$moddir")"
} >"$ctl/env"
{
	echo '#!/bin/bash'
	# The caller's VPNLINK_* settings (test filters, bench durations, ...).
	while IFS= read -r name; do
		[[ $name == VPNLINK_OUT ]] && continue
		printf 'export %s=%q\n' "$name" "${!name}"
	done < <(compgen -e | grep '^VPNLINK_' || true)
	printf 'cd -- %q || { echo "run-guest: cannot cd to %q in the guest" >&2; exit 125; }\n' "$PWD" "$PWD"
	printf 'exec'
	printf ' %q' "$@"
	printf '\n'
} >"$ctl/cmd.sh"

# --- boot --------------------------------------------------------------------------
if ((kvm)); then
	accel=(-accel kvm -cpu host)
else
	# la57=off: with 5-level paging, an interrupt that lands while the
	# boot CPU's features are being re-read makes KASAN misjudge a
	# direct-map address as wild (seen once on 6.1 under TCG, at 0.007 s
	# into boot); the tests need no 5-level paging.
	accel=(-accel 'tcg,thread=multi' -cpu max,la57=off)
fi
# panic=-1: a panic reboots at once, and -no-reboot turns that into qemu
# exiting, so a crashed guest ends the run instead of hanging until timeout.
# printk.time=1: kernel lines carry a timestamp, which is how the log scan
# tells them from the command's own output.
# mitigations=off: a test guest has no secrets to protect from itself, and
# retpolines and friends cost real time under TCG.
cmdline="console=ttyS0 panic=-1 printk.time=1 log_buf_len=16M kmemleak.verbose=1 mitigations=off $append"
qemu=(
	qemu-system-x86_64 "${accel[@]}" -smp "$cpus" -m "$mem"
	# q35, not the default i440fx: the i440fx DSDT routes PCI interrupts
	# with an AML loop that the debug kernel's ACPI interpreter (KASAN,
	# lockdep) runs into its 30 s timeout, once per virtio device.
	-machine q35
	-nographic -no-reboot -nic none
	-vga none # nothing to show there
	-kernel "$boot_kernel" -initrd "$initrd" -append "$cmdline"
	-virtfs 'local,path=/,mount_tag=vlroot,security_model=none,readonly=on,multidevs=remap'
	-virtfs "local,path=$ctl,mount_tag=vlout,security_model=none"
)

# --wired-nics: two virtio NICs on one QEMU hub, a wire between two real
# network drivers.  No option ROMs: the guest boots -kernel.
if ((wired_nics)); then
	qemu+=(-netdev hubport,id=wire0,hubid=0
		-device virtio-net-pci,netdev=wire0,mac=52:54:00:76:6c:01,romfile=
		-netdev hubport,id=wire1,hubid=0
		-device virtio-net-pci,netdev=wire1,mac=52:54:00:76:6c:02,romfile=)
fi

# Extra qemu options, for experiments (word-split on purpose).
# shellcheck disable=SC2206
qemu+=(${VPNLINK_QEMU_OPTS:-})

# qboot boots -kernel directly: faster than SeaBIOS under TCG, and it does not
# write escape sequences onto the serial console.
qboot=/usr/share/qemu/qboot.rom
# qboot hangs before the kernel with a virtio-net device present (seen
# with a PVH entry); SeaBIOS costs about a second more.
[[ -f $qboot ]] && ((!wired_nics)) && qemu+=(-bios "$qboot")

clog=$ctl/console.log
logs=("$clog")
if [[ -n $userlog ]]; then
	mkdir -p "$(dirname "$userlog")"
	logs+=("$userlog")
fi
how=$( ((kvm)) && echo KVM || echo TCG)
[[ $boot_kernel == "$kernel" ]] || how+=", PVH entry"
msg "booting $kernel ($kver, $how, ${cpus} CPUs, ${mem} MB, timeout ${timeout}s)"
start=$(date +%s%N)
# stdin from /dev/null: qemu must not eat the caller's stdin (loops reading
# from a pipe) nor put a terminal into raw mode. timeout sends TERM, then KILL
# 10 s later if qemu does not go.
# The pipeline runs in the background and we `wait` for it: bash runs traps
# only between commands, and a foreground pipeline would delay Ctrl-C
# handling until the guest ended by itself. tee -p: the log files must stay
# complete even if our stdout goes away (run-guest.sh ... | head).
(
	timeout -k 10 "$timeout" "${qemu[@]}" </dev/null &
	echo $! >"$timeout_pid_file"
	rc=0
	wait $! || rc=$?
	echo "$rc" >"$ctl/qemu.status"
) | sed -u 's/\r$//' | tee -p "${logs[@]}" &
pipeline_pid=$!
wait "$pipeline_pid" || true
pipeline_pid=
end=$(date +%s%N)
elapsed_ds=$(((end - start) / 100000000))
elapsed=$((elapsed_ds / 10)).$((elapsed_ds % 10))
qemu_status=$(cat "$ctl/qemu.status" 2>/dev/null || echo unknown)

if [[ -n $outdir ]]; then
	mkdir -p "$outdir"
	cp -a "$ctl/out/." "$outdir/"
fi

failed=0
timed_out=0
status=$(sed -n "s/^.*VPNLINK-GUEST-EXIT nonce=$nonce status=\([0-9]*\)$/\1/p" "$clog" | tail -n1)
if [[ $qemu_status == 124 || $qemu_status == 137 ]]; then
	# Still scan the log below: a deadlock or hung task often explains it.
	msg "FAIL: timeout: the guest did not finish within ${timeout}s and was killed"
	failed=1
	timed_out=1
elif [[ -z $status ]]; then
	msg "FAIL: the guest ended without the exit marker (kernel panic or crash; qemu exit status $qemu_status)"
	failed=1
fi

# --- kernel log scan ------------------------------------------------------------------
# What counts as a kernel problem is tests/kernel-log.sh's, shared with the
# scenarios that check the log case by case.
. "$here/../kernel-log.sh"
scan=("$clog")
[[ -s $ctl/dmesg.txt ]] && scan+=("$ctl/dmesg.txt")
while IFS=$'\t' read -r p hit; do
	msg "FAIL: kernel log shows '$p': $hit"
	failed=1
done < <(kernel_log_problems "${scan[@]}")

if ((failed)); then
	msg "command exit status ${status:-unknown}; run FAILED (${elapsed}s)"
	((timed_out)) && exit 124
	[[ -n $status && $status != 0 ]] || status=1
	exit "$status"
fi
msg "command exit status ${status}; kernel log clean (${elapsed}s)"
exit "$status"
}
