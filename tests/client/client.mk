# vlctl: the netlink test client the scenarios drive vpnlink.ko with.
# Included from the top Makefile, so paths are relative to the repository.
#
#   make tests/client/vlctl
#   make tests/client/vlctl CFLAGS='-O1 -g -fsanitize=address,undefined'
#   make -f tests/client/client.mk tests/client/vlctl
#
# CFLAGS come after the fixed flags so that a caller's -O or -fsanitize wins.
#
# One job per file: vlctl.c (usage, command table), nl.c (the netlink
# session), parse.c (command-line values), attrs.c (the family's
# attributes), peer_change.c (NEW_PEER / SET_PEER split to fit), and a
# cmd_*.c per command group.

VLCTL_PKGS := libnl-genl-3.0 libcrypto
VLCTL_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -O2 -I include/uapi
VLCTL_SRCS := $(addprefix tests/client/, vlctl.c nl.c parse.c attrs.c \
	peer_change.c cmd_dev.c cmd_peer.c cmd_peer_show.c cmd_peer_bulk.c \
	cmd_keypair.c cmd_events.c cmd_raw.c)
VLCTL_HDRS := $(addprefix tests/client/, vlctl.h nl.h parse.h attrs.h \
	peer_change.h)

# pkg-config runs in the recipe, not when the Makefile is read: targets that
# do not build vlctl must not need libnl installed.  The sources are few
# and small: one compiler run builds them all, with no objects to track.
tests/client/vlctl: $(VLCTL_SRCS) $(VLCTL_HDRS) include/uapi/linux/vpnlink.h \
		    tests/client/client.mk
	$(CC) $(VLCTL_CFLAGS) $(CFLAGS) $$(pkg-config --cflags $(VLCTL_PKGS)) \
		-o $@ $(VLCTL_SRCS) $(LDFLAGS) $$(pkg-config --libs $(VLCTL_PKGS))
