// SPDX-License-Identifier: GPL-2.0
/* config_load.c: path, parse, and every message on stderr. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "config_load.h"

int vl_config_load(const char *arg, char *path, size_t size, char *ifname,
		   struct vl_config **cfg)
{
	struct vl_diag diag = { 0 };
	size_t i;
	int ret;

	*cfg = NULL;
	ret = vl_config_path(arg, path, size, ifname);
	if (ret) {
		fprintf(stderr, "vpnlink-helper: %s: %s\n", arg,
			ret == -EINVAL ?
			"not NAME or a path to NAME.conf, where NAME is an interface name (1-15 of a-z A-Z 0-9 _ = + . -)" :
			strerror(-ret));
		return -1;
	}
	ret = vl_config_parse_file(path, cfg, &diag);
	for (i = 0; i < diag.n_warnings; i++)
		fprintf(stderr, "%s\n", diag.warnings[i]);
	if (ret)
		fprintf(stderr, "%s\n", diag.error ? diag.error : strerror(-ret));
	vl_diag_free(&diag);
	return ret ? -1 : 0;
}
