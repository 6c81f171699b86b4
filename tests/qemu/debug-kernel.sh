#!/bin/bash
# debug-kernel.sh BUILDDIR
#
# Builds a debug guest kernel (KASAN, lockdep, kmemleak, ...) from Debian's
# linux-source package, in BUILDDIR, for tests/qemu/run-guest.sh --kernel.
# Debian's own kernel has none of those checkers, and the host kernel cannot
# load modules at all, so this is how the module gets tested under them.
#
# Result:
#   BUILDDIR/arch/x86/boot/bzImage          the kernel to boot
#   BUILDDIR/Module.symvers                 so `make -C BUILDDIR M=$PWD modules` works
#   BUILDDIR/modinst/lib/modules/KVER/      modules.builtin & co for modprobe
#                                           in the guest (run-guest.sh finds it)
#
# Runs once: it does nothing when bzImage and Module.symvers exist and the
# stamp records the same config fragment and source tarball. A changed
# fragment reconfigures and rebuilds incrementally. `rm -rf BUILDDIR` starts
# over.
#
# Environment:
#   VPNLINK_LINUX_SOURCE  source tarball (default: newest /usr/src/linux-source-*.tar.*)
#   JOBS                  make -j (default: nproc)
set -euo pipefail

# One { ... } block: bash parses it completely before running it, so editing
# this file during a long build cannot derail that build.
{

usage() {
	echo "usage: $0 BUILDDIR" >&2
	exit 2
}
[[ $# -eq 1 && $1 != -* ]] || usage

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
frag=$here/debug.config
mkdir -p "$1"
builddir=$(cd "$1" && pwd)
jobs=${JOBS:-$(nproc)}

src=${VPNLINK_LINUX_SOURCE:-}
if [[ -z $src ]]; then
	# Newest by version, not by name order (6.10 > 6.9).
	src=$(find /usr/src -maxdepth 1 -name 'linux-source-*.tar.*' 2>/dev/null | sort -V | tail -n1)
fi
if [[ -z $src || ! -f $src ]]; then
	echo "debug-kernel: no kernel source tarball; apt-get install linux-source (or set VPNLINK_LINUX_SOURCE)" >&2
	exit 1
fi

# Tools the build needs beyond gcc/make; say so before ten minutes of build.
for tool in flex bison bc lz4 perl; do
	if ! command -v "$tool" >/dev/null; then
		echo "debug-kernel: '$tool' is missing; apt-get install $tool" >&2
		exit 1
	fi
done

# Identity of the inputs. The tarball is identified by name, size and mtime
# rather than hashed: hashing 140 MB on every `make check-debug` is slow.
src_id="$(basename "$src") $(stat -c '%s %Y' "$src")"
want_stamp="fragment $(sha256sum <"$frag" | cut -d' ' -f1)
source $src_id"
stamp=$builddir/.vpnlink-debug-stamp
if [[ -f $builddir/arch/x86/boot/bzImage && -f $builddir/Module.symvers &&
	-f $stamp && "$(cat "$stamp")" == "$want_stamp" ]]; then
	echo "debug-kernel: $builddir is up to date"
	exit 0
fi

start=$(date +%s)

# --- 1. source tree ----------------------------------------------------------
# The marker is written only after tar succeeded, so an interrupted extraction
# is simply redone (tar overwrites) on the next run.
src_marker=$builddir/.vpnlink-source
if [[ ! -f $src_marker || "$(cat "$src_marker")" != "$src_id" ]]; then
	if [[ -f $src_marker ]]; then
		echo "debug-kernel: source tarball changed; extracting over the old tree" \
			"(rm -rf $builddir if the build misbehaves)" >&2
	fi
	echo "debug-kernel: extracting $src into $builddir"
	tar -xf "$src" -C "$builddir" --strip-components=1
	echo "$src_id" >"$src_marker"
fi

# --- 2. configuration ----------------------------------------------------------
cd "$builddir"
# Keep the old .config (and its mtime) when the result is identical, so that
# make does not even re-run syncconfig.
had_config=0
if [[ -f .config ]]; then
	cp -p .config .config.vpnlink-prev
	had_config=1
fi
# From nothing: every option of the fragment forced, every other option
# that has a prompt off (what merge_config.sh -n does, without its copy).
make -s KCONFIG_ALLCONFIG="$frag" allnoconfig
if ((had_config)); then
	if cmp -s .config .config.vpnlink-prev; then
		mv .config.vpnlink-prev .config
	else
		rm -f .config.vpnlink-prev
	fi
fi

# Verify: Kconfig drops options with unmet dependencies without a word. Every
# line of the fragment must be exactly in .config ("is not set" may also be
# absent altogether, which means the same).
bad=0
while IFS= read -r line; do
	if [[ $line =~ ^(CONFIG_[A-Za-z0-9_]+)=(.*)$ ]]; then
		sym=${BASH_REMATCH[1]}
		if ! grep -qxF -- "$line" .config; then
			got=$(grep -E "^(# )?${sym}[= ]" .config || echo "(absent)")
			echo "debug-kernel: MISMATCH: wanted '$line', .config has '$got'" >&2
			bad=1
		fi
	elif [[ $line =~ ^#\ (CONFIG_[A-Za-z0-9_]+)\ is\ not\ set$ ]]; then
		sym=${BASH_REMATCH[1]}
		if got=$(grep -E "^${sym}=" .config); then
			echo "debug-kernel: MISMATCH: wanted '$line', .config has '$got'" >&2
			bad=1
		fi
	fi
done <"$frag"
if ((bad)); then
	echo "debug-kernel: configuration does not match $frag (see above); not building" >&2
	exit 1
fi
echo "debug-kernel: configuration verified ($(grep -c '^CONFIG_' "$frag") options =y/value)"

# --- 3. build ------------------------------------------------------------------
# `modules` (not just bzImage) produces Module.symvers and the prepared tree
# that out-of-tree module builds need.
make -j"$jobs" bzImage modules
# Installed next to the tree so the guest can have a /lib/modules/$KVER for
# this kernel: modprobe of a built-in driver (modprobe veth) then succeeds.
rm -rf modinst
make -s INSTALL_MOD_PATH="$builddir/modinst" modules_install
kver=$(make -s kernelrelease)

echo "$want_stamp" >"$stamp"
end=$(date +%s)
echo "debug-kernel: built $kver in $((end - start)) s: $builddir/arch/x86/boot/bzImage"
exit 0
}
