/* SPDX-License-Identifier: GPL-2.0 */
/* hooks.h: PreUp, PostUp, PreDown and PostDown, run as wg-quick runs them. */
#ifndef VL_HOOKS_H
#define VL_HOOKS_H

#include "config.h"

/* Runs each command of @cmds with "%i" replaced by @ifname through
 * /bin/sh -c, in order; stops at the first that fails and returns
 * -ECHILD then (it is logged), 0 if all succeeded.
 */
int vl_hooks_run(const struct vl_strv *cmds, const char *what,
		 const char *ifname);

#endif /* VL_HOOKS_H */
