/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vlctl.h: what every part of vlctl shares: exit statuses, usage errors and
 * the command handlers that vlctl.c dispatches to.
 */
#ifndef VLCTL_H
#define VLCTL_H

#include <stdio.h>

enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,		/* kernel error, or the client could not run */
	EXIT_USAGE = 2,
	EXIT_TIMEOUT = 3,	/* events: fewer than --count before --timeout */
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Usage of one command group ("dev", "peer", ...), or of all when @group
 * is NULL or unknown.
 */
void print_usage(FILE *f, const char *group);

/* Reports a usage error, with the usage of @group; returns EXIT_USAGE. */
int usage_error(const char *group, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Command handlers get their own word as argv[0], like a program, and
 * return the exit status.
 */
int cmd_dev_show(int argc, char **argv);		/* cmd_dev.c */
int cmd_dev_list(int argc, char **argv);
int cmd_dev_set(int argc, char **argv);
int cmd_peer_add(int argc, char **argv);		/* cmd_peer.c */
int cmd_peer_set(int argc, char **argv);
int cmd_peer_del(int argc, char **argv);
int cmd_peer_show(int argc, char **argv);		/* cmd_peer_show.c */
int cmd_peer_count(int argc, char **argv);
int cmd_peer_bulk(int argc, char **argv);		/* cmd_peer_bulk.c */
int cmd_keypair_add(int argc, char **argv);		/* cmd_keypair.c */
int cmd_keypair_del(int argc, char **argv);
int cmd_handshake_send(int argc, char **argv);
int cmd_events(int argc, char **argv);			/* cmd_events.c */
int cmd_raw(int argc, char **argv);			/* cmd_raw.c */

#endif /* VLCTL_H */
