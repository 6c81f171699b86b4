/* SPDX-License-Identifier: GPL-2.0 */
/* config_load.h: a command's way to its configuration. */
#ifndef VL_CONFIG_LOAD_H
#define VL_CONFIG_LOAD_H

#include <stddef.h>

#include "config.h"

/* Finds and parses the config of @arg (a path or a bare NAME): the path
 * into @path, the interface name into @ifname (VL_IFNAME_MAX + 1 bytes).
 * Warnings and the error, "FILE:LINE: what", go to stderr.  0 or -1.
 */
int vl_config_load(const char *arg, char *path, size_t size, char *ifname,
		   struct vl_config **cfg);

#endif /* VL_CONFIG_LOAD_H */
