/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The helper's commands.  Each takes the arguments from its own name on
 * (argv[0] is "genkey", ...), parses them with getopt_long from scratch,
 * and returns the exit status: 0 done, 1 failed, 2 wrong usage.
 */
#ifndef VL_COMMANDS_H
#define VL_COMMANDS_H

#include <stdio.h>

int cmd_genkey(int argc, char **argv);
int cmd_genpsk(int argc, char **argv);
int cmd_pubkey(int argc, char **argv);
int cmd_up(int argc, char **argv);
int cmd_down(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_diagnose(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_audit(int argc, char **argv);

struct vl_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

/*
 * For main()'s table of commands:
 *
 *	static const struct vl_command commands[] = {
 *		VL_KEY_COMMANDS,
 *		...
 *	};
 *
 * and then, with optind at the command's name after main's own options,
 * return c->run(argc - optind, argv + optind).
 */
#define VL_KEY_COMMANDS							\
	{ "genkey", cmd_genkey,						\
	  "print a new private key (base64), like wg genkey" },		\
	{ "genpsk", cmd_genpsk,						\
	  "print a new preshared key (base64), like wg genpsk" },	\
	{ "pubkey", cmd_pubkey,						\
	  "read a private key on stdin, print its public key" }

#endif /* VL_COMMANDS_H */
