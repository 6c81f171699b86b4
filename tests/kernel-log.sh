# shellcheck shell=bash
# What in a kernel log is a kernel problem: one list for the whole run
# (tests/qemu/run-guest.sh, on the host, after the guest powered off) and
# for a scenario that checks the log of one case as it goes
# (tests/guest/lib.sh, in the guest).

kernel_patterns=(
	'Oops'
	'BUG:'
	'WARNING:'
	'general protection'
	'KASAN'
	'new suspected memory leak'
	'unreferenced object'
	'hung_task'
	'blocked for more than'
	'refcount_t:'
	'list_add corruption'
	'list_del corruption'
	'Kernel panic'
	'UBSAN:'
	'possible recursive locking'
	'circular locking dependency'
	'inconsistent lock state'
	'possible irq lock inversion'
	'suspicious RCU usage'
	'sleeping function called from invalid context'
	# Lockdep's reports start with WARNING:/BUG: (caught above) or these;
	# plain "lockdep" is boot noise ("RCU lockdep checking is enabled").
	'lockdep:'
	'INFO: trying to register non-static key'
	'DEBUG_LOCKS_WARN_ON'
	'turning off the locking correctness validator'
	'Bad page state'
	'unregister_netdevice: waiting for'
)
# Matched anywhere: kmemleak's report format, as a test prints it by reading
# /sys/kernel/debug/kmemleak.
anywhere_patterns=('unreferenced object')
# Known harmless kernel lines that would otherwise match.
ignore_patterns=(
	'module verification failed'
)

# kernel_log_problems FILE...: for each pattern found, "PATTERN<tab>LINE"
# with the first line that shows it.  Kernel messages are the lines with a
# printk timestamp: in a console log, the command's own output (which may
# well echo "BUG:" in a grep) is not scanned, except for kmemleak's report
# format.
kernel_log_problems() {
	local ts='\[ *[0-9]+\.[0-9]+\]' p a only_kernel hit
	for p in "${kernel_patterns[@]}"; do
		only_kernel=1
		for a in "${anywhere_patterns[@]}"; do
			[[ $p != "$a" ]] || only_kernel=0
		done
		hit=$(grep -ahF -- "$p" "$@" | grep -avF -f <(printf '%s\n' "${ignore_patterns[@]}") |
			{ if ((only_kernel)); then grep -aE -- "$ts"; else cat; fi; } | head -n1 || true)
		if [[ -n $hit ]]; then
			printf '%s\t%s\n' "$p" "$hit"
		fi
	done
}
