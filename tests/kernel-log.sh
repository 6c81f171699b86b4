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
# format.  One awk over the files, not a grep per pattern: on the debug
# kernel every process costs a second or more, and scenarios check the log
# after each case.
kernel_log_problems() {
	awk -v pats="$(printf '%s\n' "${kernel_patterns[@]}")" \
		-v anywhere="$(printf '%s\n' "${anywhere_patterns[@]}")" \
		-v ignore="$(printf '%s\n' "${ignore_patterns[@]}")" '
	BEGIN {
		np = split(pats, p, "\n")
		na = split(anywhere, a, "\n")
		for (i = 1; i <= na; i++)
			any[a[i]] = 1
		ni = split(ignore, ig, "\n")
	}
	{
		for (i = 1; i <= ni; i++)
			if (index($0, ig[i]))
				next
		kernel = $0 ~ /\[ *[0-9]+\.[0-9]+\]/
		for (i = 1; i <= np; i++)
			if (!(i in hit) && index($0, p[i]) && (kernel || p[i] in any))
				hit[i] = $0
	}
	END {
		for (i = 1; i <= np; i++)
			if (i in hit)
				printf "%s\t%s\n", p[i], hit[i]
	}' "$@"
}
