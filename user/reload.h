/* SPDX-License-Identifier: GPL-2.0 */
/* reload.h: SIGHUP. */
#ifndef VL_RELOAD_H
#define VL_RELOAD_H

struct vl_daemon;

/* Reads the config again and applies what changed in peers, allowed IPs,
 * endpoints, keepalives and keys; sessions of unchanged peers go on.  A
 * config with a mistake is logged and changes nothing.
 */
void vl_reload(struct vl_daemon *d);

#endif /* VL_RELOAD_H */
