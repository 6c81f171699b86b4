// SPDX-License-Identifier: GPL-2.0
/*
 * PreUp, PostUp, PreDown and PostDown are kept as written; wg-quick runs
 * them with every "%i" replaced by the interface's name, and so does this.
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"

char *vl_config_expand_hook(const char *cmd, const char *ifname)
{
	size_t n = 0, ilen = strlen(ifname);
	const char *s;
	char *out, *o;

	for (s = cmd; (s = strstr(s, "%i")); s += 2)
		n++;
	out = malloc(strlen(cmd) + n * ilen + 1);
	if (!out)
		return NULL;
	for (o = out; *cmd; ) {
		if (cmd[0] == '%' && cmd[1] == 'i') {
			memcpy(o, ifname, ilen);
			o += ilen;
			cmd += 2;
		} else {
			*o++ = *cmd++;
		}
	}
	*o = '\0';
	return out;
}
