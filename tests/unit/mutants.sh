#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# mutants.sh TOP OUTDIR
#
# Shows that the unit tests can fail: plants one bug at a time in a copy
# of kmod/replay.h or kmod/allowedips.c (under OUTDIR, never in kmod/),
# builds the unit test against the copy (with ASan/UBSan) and expects it
# to fail.  A mutant that no longer applies (the kernel file changed) is a
# failure too, so the list stays honest.  Ends with "N caught, N survived".
# Uses $CC and $UNIT_CFLAGS like unit.mk.
set -uo pipefail

top=$1
out=$2
unit=$top/tests/unit
cc=${CC:-cc}
# shellcheck disable=SC2206,SC2054 # split the flags; commas are in them
cflags=(${UNIT_CFLAGS:--std=gnu11 -Wall -Wextra -Werror -O2 -g}
	-fsanitize=address,undefined -fno-omit-frame-pointer
	-fno-sanitize-recover=all -Wno-unused-parameter)

n=0
caught=0
survived=0

# mutant FILE SED-EXPRESSION DESCRIPTION
mutant() {
	local file=$1 expr=$2 what=$3 dir log status arg
	n=$((n + 1))
	dir=$out/m$n
	log=$dir/test.log
	rm -rf "$dir"
	mkdir -p "$dir"
	sed -e "$expr" "$top/kmod/$file" >"$dir/$file"
	if cmp -s "$top/kmod/$file" "$dir/$file"; then
		echo "not ok $n - $what: the mutation no longer applies to kmod/$file"
		survived=$((survived + 1))
		return
	fi
	case $file in
	replay.h)
		"$cc" "${cflags[@]}" -I"$unit/shim" -iquote "$dir" \
			-iquote "$top/kmod" -iquote "$unit" -o "$dir/test" \
			"$unit/test_replay.c" 2>"$dir/build.log"
		status=$?
		arg=100000	# random counters per run
		;;
	allowedips.c)
		"$cc" "${cflags[@]}" -I"$unit/shim" -iquote "$top/kmod" \
			-iquote "$unit" -iquote "$unit/shim" -o "$dir/test" \
			"$unit/test_allowedips.c" "$dir/allowedips.c" \
			"$unit/shim/shim.c" 2>"$dir/build.log"
		status=$?
		arg=1500	# random steps per run
		;;
	esac
	if [[ $status != 0 ]]; then
		echo "not ok $n - $what: does not build (see $dir/build.log)"
		survived=$((survived + 1))
		return
	fi
	# fewer iterations than unit-check: a planted bug shows quickly
	timeout 300 "$dir/test" "$arg" >"$log" 2>&1
	status=$?
	if [[ $status == 0 ]]; then
		echo "not ok $n - $what: SURVIVED, the tests did not notice"
		survived=$((survived + 1))
	else
		echo "ok $n - $what: caught ($(grep -c '^not ok' "$log") checks" \
			"failed, exit $status$(grep -q 'Sanitizer' "$log" &&
			echo ', sanitizer report'))"
		caught=$((caught + 1))
	fi
}

# replay.h
mutant replay.h 's/if (pos + VL_REPLAY_WINDOW < r->top)/if (pos + VL_REPLAY_WINDOW <= r->top)/' \
	"replay: window one too small"
mutant replay.h 's/if (pos + VL_REPLAY_WINDOW < r->top)/if (pos + VL_REPLAY_WINDOW + 1 < r->top)/' \
	"replay: window one too large"
mutant replay.h 's/#define VL_REPLAY_WINDOW\t(VL_REPLAY_BITS - 64)/#define VL_REPLAY_WINDOW\t(VL_REPLAY_BITS - 128)/' \
	"replay: window a word smaller than documented"
mutant replay.h 's/n = VL_REPLAY_WORDS;/n = VL_REPLAY_WORDS - 1;/' \
	"replay: a jump past the whole ring leaves one stale word"
mutant replay.h 's/(top_word + n) % VL_REPLAY_WORDS/(top_word + n - 1) % VL_REPLAY_WORDS/' \
	"replay: clears the words one too low"
mutant replay.h 's/if (counter >= limit)/if (counter > limit)/' \
	"replay: accepts the limit itself"
mutant replay.h 's/counter + 1 + VL_REPLAY_WINDOW < READ_ONCE(r->top)/counter + VL_REPLAY_WINDOW < READ_ONCE(r->top)/' \
	"replay: hopeless refuses the edge counter"
mutant replay.h 's/WRITE_ONCE(r->top, pos);/if (word != top_word) WRITE_ONCE(r->top, pos);/' \
	"replay: top only moves to a new word"

# allowedips.c
mutant allowedips.c 's/RCU_INIT_POINTER(leaf->child\[bit_at(node->key, cidr)\], node);/RCU_INIT_POINTER(leaf->child[bit_at(key, cidr)], node);/' \
	"allowedips: a covering prefix hangs the old node on the wrong side"
mutant allowedips.c 's/if (child || !parent || rcu_access_pointer(parent->peer))/if (child || !parent || 1)/' \
	"allowedips: a branch left with one child is not collapsed"
mutant allowedips.c 's/n = i \* 32 + 32 - fls(diff);/n = i * 32 + 31 - fls(diff);/' \
	"allowedips: common_bits one short"
mutant allowedips.c 's/return bits >= 32 ? ~0U : bits ? ~0U << (32 - bits) : 0;/return bits >= 32 ? ~0U : bits ? ~0U << (31 - bits) : 0;/' \
	"allowedips: masks one bit too many"
mutant allowedips.c 's/^\t\tif (peer)$/\t\tif (peer \&\& node->cidr)/' \
	"allowedips: lookup ignores a /0"
mutant allowedips.c 's/if (!peer || vl_aip_protected(node->peer, table) != peer)/if (!peer)/' \
	"allowedips: remove ignores the owner"
mutant allowedips.c 's/else if (vl_aip_protected(node->child\[1\], table))/else if (0)/' \
	"allowedips: removing a node with two children drops a subtree"
mutant allowedips.c 's/child->parent = parent->parent;/child->parent = parent;/' \
	"allowedips: collapse leaves a stale parent link"
mutant allowedips.c 's/^\trcu_assign_pointer(node->peer, peer);$//' \
	"allowedips: re-inserting a prefix does not change its owner"
mutant allowedips.c 's/^\tkey_mask(masked, cidr);$/\tkey_mask(masked, cidr + 1);/' \
	"allowedips: has_host_bits misses the first host bit"
mutant allowedips.c 's/^\t\tlist_del(&node->peer_list);$//' \
	"allowedips: free leaves nodes on the peer lists"

echo "1..$n"
echo "$caught caught, $survived survived"
[[ $survived == 0 ]]
