#!/bin/bash
# debug-kernel.sh [--path]
#
# Builds a debug guest kernel (KASAN, lockdep, kmemleak, ...) from Debian's
# linux-source package, for tests/qemu/run-guest.sh --kernel. Debian's own
# kernel has none of those checkers, and the host kernel cannot load modules
# at all, so this is how the module gets tested under them.
#
# The kernel is cached outside the clone, one directory per set of inputs:
#   $VPNLINK_CACHE/debug-kernel/KEY/     (VPNLINK_CACHE: default /var/cache/vpnlink)
# KEY is a hash of everything that makes the kernel what it is: debug.config,
# this script, the kernel source (the linux-source package's name and
# version, from dpkg; a tarball no package owns is hashed) and the compiler
# (gcc --version). A second run with the same inputs, from this clone or
# another, returns at once; any changed input builds a new kernel, from
# scratch. A build happens aside (KEY.building.PID) and is renamed to KEY
# when it is complete, so an interrupted build is never taken for a kernel.
# One build per KEY at a time (a lock); the newest few kernels are kept.
#
# In the kernel's directory:
#   arch/x86/boot/bzImage          the kernel to boot
#   Module.symvers                 so `make -C DIR M=$PWD modules` works
#   modinst/lib/modules/KVER/      modules.builtin & co for modprobe in the
#                                  guest (run-guest.sh finds it)
#
#   --path   print that directory for the current inputs and exit 0 if the
#            kernel is built there, 1 if not (builds nothing)
#
# Environment:
#   VPNLINK_CACHE         cache directory (default /var/cache/vpnlink)
#   VPNLINK_CACHE_KEEP    kernels to keep (default 3, the most recently used)
#   VPNLINK_LINUX_SOURCE  source tarball (default: newest /usr/src/linux-source-*.tar.*)
#   JOBS                  make -j (default: nproc)
set -euo pipefail

# One { ... } block: bash parses it completely before running it, so editing
# this file during a build cannot derail that build.
{

usage() {
	echo "usage: $0 [--path]" >&2
	exit 2
}
path_only=0
case $# in
0) ;;
1) [[ $1 == --path ]] && path_only=1 || usage ;;
*) usage ;;
esac

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
self=$here/$(basename "${BASH_SOURCE[0]}")
frag=$here/debug.config
jobs=${JOBS:-$(nproc)}
keep=${VPNLINK_CACHE_KEEP:-3}
cache=${VPNLINK_CACHE:-/var/cache/vpnlink}/debug-kernel

src=${VPNLINK_LINUX_SOURCE:-}
if [[ -z $src ]]; then
	# Newest by version, not by name order (6.10 > 6.9).
	src=$(find /usr/src -maxdepth 1 -name 'linux-source-*.tar.*' 2>/dev/null | sort -V | tail -n1)
fi
if [[ -z $src || ! -f $src ]]; then
	echo "debug-kernel: no kernel source tarball; apt-get install linux-source (or set VPNLINK_LINUX_SOURCE)" >&2
	exit 1
fi
src=$(cd "$(dirname "$src")" && pwd)/$(basename "$src")

# --- the key: what the kernel is built from ------------------------------------
# The package's version names the tarball's content (dpkg -S: which package
# owns it); a tarball of no package is hashed, which takes a second.
if pkg=$(dpkg -S "$src" 2>/dev/null | cut -d: -f1) && [[ -n $pkg ]] &&
	ver=$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null) && [[ -n $ver ]]; then
	src_id="package $pkg $ver $(basename "$src")"
else
	src_id="tarball $(sha256sum <"$src" | cut -d' ' -f1)"
fi
cc_id=$(gcc --version 2>/dev/null | head -n 1 || echo "no compiler")
inputs="fragment $(sha256sum <"$frag" | cut -d' ' -f1)
script $(sha256sum <"$self" | cut -d' ' -f1)
source $src_id
compiler $cc_id"
key=$(sha256sum <<<"$inputs" | cut -c1-16)
kdir=$cache/$key

done_ok() { [[ -f $kdir/arch/x86/boot/bzImage && -f $kdir/Module.symvers && -f $kdir/.vpnlink-inputs ]]; }

if ((path_only)); then
	echo "$kdir"
	done_ok
	exit
fi
if done_ok; then
	touch "$kdir" # most recently used: kept longest
	echo "debug-kernel: $kdir is built (inputs unchanged)"
	exit 0
fi

if ! mkdir -p "$cache" 2>/dev/null || [[ ! -w $cache ]]; then
	echo "debug-kernel: cannot write to $cache; set VPNLINK_CACHE to a writable directory" >&2
	exit 1
fi

# Tools the build needs beyond gcc/make; say so before minutes of build.
for tool in flex bison bc lz4 perl; do
	if ! command -v "$tool" >/dev/null; then
		echo "debug-kernel: '$tool' is missing; apt-get install $tool" >&2
		exit 1
	fi
done

# One build per key: a second caller waits for the first, then finds the
# kernel built.
exec {lock}>"$kdir.lock"
if ! flock -n "$lock"; then
	echo "debug-kernel: another build of $kdir is under way; waiting for it"
	flock "$lock"
fi
if done_ok; then
	touch "$kdir"
	echo "debug-kernel: $kdir is built (by another run)"
	exit 0
fi

start=$(date +%s)
# Under the lock, whatever is left of this key is from an interrupted run.
rm -rf "$kdir" "$kdir".building.*
work=$kdir.building.$$
# A build that fails leaves nothing behind (one that is killed leaves its
# directory to the next build's clean-up below).
trap 'cd / && [[ -d $work ]] && rm -rf "$work"' EXIT
mkdir -p "$work"
cd "$work"

# --- 1. source tree ----------------------------------------------------------
echo "debug-kernel: extracting $src into $work"
tar -xf "$src" --strip-components=1

# --- 2. configuration ----------------------------------------------------------
# From nothing: every option of the fragment forced, every other option
# that has a prompt off (what merge_config.sh -n does, without its copy).
make -s KCONFIG_ALLCONFIG="$frag" allnoconfig

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
make -s INSTALL_MOD_PATH="$work/modinst" modules_install
kver=$(make -s kernelrelease)
echo "$inputs" >.vpnlink-inputs

# --- 4. done: into place at once ------------------------------------------------
cd "$cache"
if ! mv -T "$work" "$kdir" 2>/dev/null; then
	# Only if a second build of this key ran beside this one (its lock
	# file was removed with an old kernel, below, while this one waited).
	done_ok || { echo "debug-kernel: cannot move $work to $kdir" >&2 && exit 1; }
fi
end=$(date +%s)
echo "debug-kernel: built $kver in $((end - start)) s: $kdir/arch/x86/boot/bzImage"

# Keep the most recently used few; a kernel being built (its lock held) or
# in use by this run is never removed.
ls -1dt "$cache"/*/ 2>/dev/null | sed 's|/$||' | grep -vE '\.building\.[0-9]+$' |
	tail -n +$((keep + 1)) | while IFS= read -r old; do
	[[ $old == "$kdir" ]] && continue
	if exec {l}>"$old.lock" && flock -n "$l"; then
		rm -rf "$old" "$old.lock"
		echo "debug-kernel: removed the older $old"
	fi
	exec {l}>&-
done
# Builds that were interrupted, whoever ran them (nobody holds their lock).
for b in "$cache"/*.building.*; do
	[[ -d $b ]] || continue
	if exec {l}>"${b%.building.*}.lock" && flock -n "$l"; then
		rm -rf "$b"
		echo "debug-kernel: removed the interrupted build $b"
	fi
	exec {l}>&-
done
exit 0
}
