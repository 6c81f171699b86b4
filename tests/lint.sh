#!/bin/bash
# Style and static checks of the kernel code, as ok / not ok lines:
# checkpatch.pl --strict (from Debian's linux-source), sparse (make C=2),
# and a W=1 build with warnings as errors.
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The top Makefile exports the KDIR it chose.
KDIR=${KDIR:-$(ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n 1)}
tools=build/tools
passed=0 failed=0
ok() { echo "ok - $*"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $*"; failed=$((failed + 1)); }

# checkpatch.pl and its data files come from Debian's kernel source tarball.
if [[ ! -f $tools/scripts/checkpatch.pl ]]; then
	tarball=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -n 1)
	mkdir -p "$tools"
	[[ -n $tarball ]] && tar -xJf "$tarball" -C "$tools" --strip-components=1 --wildcards \
		'*/scripts/checkpatch.pl' '*/scripts/spelling.txt' '*/scripts/const_structs.checkpatch'
fi
if [[ -f $tools/scripts/checkpatch.pl ]]; then
	for f in kmod/*.c kmod/*.h include/uapi/linux/vpnlink.h; do
		[[ $f == *.mod.c ]] && continue
		if out=$(perl "$tools/scripts/checkpatch.pl" --no-tree --strict --terse --show-types -f "$f" 2>&1) &&
			! grep -qE '(ERROR|WARNING|CHECK):' <<<"$out"; then
			ok "checkpatch --strict $f"
		else
			not_ok "checkpatch --strict $f"
			grep -E '(ERROR|WARNING|CHECK):' <<<"$out" | sed 's/^/#   /'
		fi
	done
else
	not_ok "checkpatch.pl available (install linux-source-6.1)"
fi

# A fresh W=1 build with warnings as errors, then sparse over every file.
# (Clean kmod/ only: a clean of the whole tree would sweep build/.)
make -s -C "$KDIR" M="$PWD/kmod" clean >/dev/null 2>&1
if out=$(make -C "$KDIR" M="$PWD" W=1 KCFLAGS=-Werror modules 2>&1); then
	ok "module builds with W=1 and no warnings"
else
	not_ok "module builds with W=1 and no warnings"
	grep -E 'warning|error' <<<"$out" | head -n 20 | sed 's/^/#   /'
fi
out=$(make -C "$KDIR" M="$PWD" C=2 W=1 modules 2>&1)
if grep -E '^/.*: (warning|error):' <<<"$out" >/dev/null; then
	not_ok "sparse finds nothing"
	grep -E ': (warning|error):' <<<"$out" | head -n 20 | sed 's/^/#   /'
else
	ok "sparse finds nothing"
fi

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
