#!/bin/bash
# The first step of make check-debug: whatever kmemleak suspects from boot
# is the kernel's, not ours; mark it seen so that only new leaks count.
# A kernel without kmemleak fails the run: check-debug exists for it.
. "$(dirname "$0")/lib.sh"

km=/sys/kernel/debug/kmemleak
setup "kmemleak is available" test -e $km
setup "kmemleak forgets what booting left" sh -c "echo scan >$km && echo clear >$km"
tap_done
