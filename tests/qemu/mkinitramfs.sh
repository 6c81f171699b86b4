#!/bin/bash
# mkinitramfs.sh OUT.cpio.gz KVER_OR_MODDIR
#
# Builds the small initramfs that tests/qemu/run-guest.sh boots: busybox-static
# with its applet links, the virtio + 9p drivers of the guest kernel, and
# tests/qemu/initramfs-init.sh as /init (which mounts the host's / over 9p
# and runs the test command in it; see there).
#
# KVER_OR_MODDIR is a kernel release (modules taken from /lib/modules/KVER)
# or a module directory. If it does not exist, or a driver is not in it (a
# kernel with virtio/9p built in, like the debug kernel), the initramfs just
# has fewer modules: /init skips what is absent.
#
# Environment:
#   BUSYBOX  busybox binary (default: /bin/busybox; it must be static, the
#            initramfs has no libc)
set -euo pipefail

usage() {
	echo "usage: $0 OUT.cpio.gz KVER_OR_MODDIR" >&2
	exit 2
}
[[ $# -eq 2 ]] || usage
mkdir -p "$(dirname "$1")"
out=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
if [[ $2 == */* ]]; then
	moddir=$2
else
	moddir=/lib/modules/$2
fi

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Load order matters: insmod does not resolve dependencies.
modules="virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci netfs fscache 9pnet 9pnet_virtio 9p"

busybox=${BUSYBOX:-/bin/busybox}
if [[ ! -x $busybox ]]; then
	echo "mkinitramfs: $busybox not found; apt-get install busybox-static" >&2
	exit 1
fi
# A dynamically linked busybox would die in the initramfs with a cryptic
# "not found" from the kernel; catch it here.
if ldd "$busybox" >/dev/null 2>&1; then
	echo "mkinitramfs: $busybox is dynamically linked; install busybox-static" >&2
	exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/vpnlink-initramfs.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root"/{bin,sbin,etc,proc,sys,dev,newroot,lib/modules}

cp "$busybox" "$root/bin/busybox"
# Applet links where busybox says they belong (bin/, sbin/, usr/...).
while IFS= read -r applet; do
	[[ -n $applet && $applet != */busybox ]] || continue
	mkdir -p "$root/$(dirname "$applet")"
	[[ -e $root/$applet ]] || ln -s /bin/busybox "$root/$applet"
done < <("$busybox" --list-full)
[[ -e $root/bin/sh ]] || ln -s busybox "$root/bin/sh"

install -m 0755 "$here/initramfs-init.sh" "$root/init"

# Modules: plain .ko or compressed (Debian switched to .ko.xz in later
# releases); stored uncompressed so that busybox insmod needs no decompressor.
loaded=()
if [[ -d $moddir ]]; then
	for m in $modules; do
		f=$(find "$moddir" -name "$m.ko" -o -name "$m.ko.xz" -o -name "$m.ko.zst" -o -name "$m.ko.gz" |
			head -n1)
		[[ -n $f ]] || continue
		case $f in
		*.ko) cp "$f" "$root/lib/modules/$m.ko" ;;
		*.ko.xz) xz -dc "$f" >"$root/lib/modules/$m.ko" ;;
		*.ko.zst) zstd -qdc "$f" >"$root/lib/modules/$m.ko" ;;
		*.ko.gz) gzip -dc "$f" >"$root/lib/modules/$m.ko" ;;
		esac
		loaded+=("$m")
	done
fi
# /init reads the order from here (absent files are skipped there).
printf '%s\n' "${loaded[@]}" >"$root/etc/vpnlink-modules"

# newc is the format the kernel unpacks; sorted names keep it reproducible.
tmp_out=$out.tmp.$$
(cd "$root" && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0 | gzip -1 >"$tmp_out")
# Atomic: parallel runners may build the same cached file at the same time.
mv -f "$tmp_out" "$out"
echo "mkinitramfs: $out (modules from $moddir: ${loaded[*]:-none})" >&2
