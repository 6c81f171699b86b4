#!/bin/bash
# Style and static checks of the kernel code, as TAP lines "ok N - ..." /
# "not ok N - ...", then "N passed, N failed, N skipped":
# checkpatch.pl --strict (from Debian's linux-source) on every file, then
# one clean build of the module with W=1, warnings as errors
# (KCFLAGS=-Werror) and sparse on every file (C=1).
#
# Not ok when: checkpatch complains; sparse is not installed; the build
# fails (a warning, an error, a modpost problem); sparse says anything.
#
# The build is of a copy of the sources in build/lint-module/, so it is
# clean by construction and leaves kmod/ (and whatever else builds there
# at the same time) alone.
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/.."
top=$PWD

# The top Makefile exports the KDIR it chose.
KDIR=${KDIR:-$(ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n 1)}
tools=build/tools
. tests/tap.sh
# indent: tool output under a result line, as TAP comments.
indent() { sed 's/^/#   /'; }

# --- checkpatch.pl --strict ---------------------------------------------------
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
			grep -E '(ERROR|WARNING|CHECK):' <<<"$out" | indent
		fi
	done
else
	not_ok "checkpatch.pl available (install linux-source-6.1)"
fi

# --- one build: W=1, -Werror, sparse ------------------------------------------
# The module's sources, copied as check-debug.sh does (objects of another
# build in kmod/ would make this one incremental, and sparse only looks at
# what gets compiled).
mod=$top/build/lint-module
rm -rf "$mod"
mkdir -p "$mod/kmod" "$tools"
cp -r Kbuild include "$mod/"
cp kmod/Kbuild "$mod/kmod/"
for f in kmod/*.[ch]; do
	[[ $f == *.mod.c ]] || cp "$f" "$mod/kmod/"
done

# sparse through a wrapper that marks its lines: sparse warns in the same
# "file:line:col: warning:" form as gcc, and its warnings do not fail the
# build. The wrapper keeps sparse's exit status (127 when it is missing).
sparse_bin=$(command -v sparse || true)
if [[ -n $sparse_bin ]]; then
	ok "sparse is installed ($("$sparse_bin" --version 2>/dev/null || echo "version unknown"))"
else
	not_ok "sparse is installed (apt-get install sparse)"
fi
wrapper=$top/$tools/sparse-marked
cat >"$wrapper" <<'EOF'
#!/bin/bash
# Runs sparse with every line of its output marked "sparse: " (tests/lint.sh).
sparse "$@" 2>&1 | sed -u 's/^/sparse: /' >&2
exit "${PIPESTATUS[0]}"
EOF
chmod +x "$wrapper"

# Without sparse, still the build (C=1 would fail it on the missing tool).
check=()
[[ -n $sparse_bin ]] && check=(C=1 CHECK="$wrapper")
log=$top/build/lint-build.log
if [[ -z $KDIR || ! -d $KDIR ]]; then
	echo "no kernel build tree (KDIR): install linux-headers-amd64" >"$log"
	rc=1
else
	make -C "$KDIR" M="$mod" W=1 "${check[@]}" KCFLAGS=-Werror modules >"$log" 2>&1
	rc=$?
fi
# Paths as in the tree, not in the copy.
shown() { sed "s|$mod/||g" | indent; }
if [[ $rc -eq 0 ]] && ! grep -qE '^sparse: ' "$log"; then
	# modpost's WARNINGs (section mismatches, ...) do not fail a build.
	if grep -qE '(^|: )(warning|WARNING):' "$log"; then
		not_ok "module builds with W=1 and -Werror, no warnings"
		grep -E '(^|: )(warning|WARNING):' "$log" | head -n 20 | shown
	else
		ok "module builds with W=1 and -Werror, no warnings"
	fi
elif [[ $rc -eq 0 ]]; then
	ok "module builds with W=1 and -Werror, no warnings"
else
	not_ok "module builds with W=1 and -Werror, no warnings (make exit $rc)"
	grep -vE '^sparse: ' "$log" | grep -E 'warning|error|Error|No such|not found|make.*\*\*\*' |
		head -n 20 | shown
fi
# sparse only counts when it ran on every file: in a build that stopped
# early, or without sparse, its silence says nothing.
if [[ -z $sparse_bin ]]; then
	not_ok "sparse finds nothing: sparse did not run (not installed)"
elif [[ $rc -ne 0 ]]; then
	not_ok "sparse finds nothing: not known, the build failed before sparse saw every file"
	grep -E '^sparse: ' "$log" | head -n 20 | shown
elif grep -qE '^sparse: ' "$log"; then
	not_ok "sparse finds nothing"
	grep -E '^sparse: ' "$log" | sed 's/^sparse: //' | head -n 20 | shown
else
	files=$(find "$mod/kmod" -name '*.o' ! -name '*.mod.o' ! -name 'vpnlink.o' | wc -l)
	ok "sparse finds nothing ($files files checked)"
fi

tap_done --result
