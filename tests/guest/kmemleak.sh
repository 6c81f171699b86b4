#!/bin/bash
# The last step of make check-debug: after every scenario ran and the module
# was unloaded, kmemleak must find nothing.  (run-guest.sh also fails the
# run if "unreferenced object" shows anywhere.)
. "$(dirname "$0")/lib.sh"

km=/sys/kernel/debug/kmemleak
setup "kmemleak is available" test -e $km
vl_unload
# Objects freed by RCU callbacks need a grace period or two to go; two
# scans apart, as kmemleak itself advises, avoid false reports.
sleep 5
echo scan >$km
sleep 5
echo scan >$km
leaks=$(grep -c 'unreferenced object' $km)
check_eq "kmemleak finds no leak after all scenarios" 0 "$leaks"
if ((leaks)); then
	head -n 40 $km | sed 's/^/#   /'
fi
tap_done
