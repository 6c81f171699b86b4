/* SPDX-License-Identifier: GPL-2.0 */
/*
 * state.h: what a running interface leaves in the runtime directory
 * (/run/vpnlink, or $VPNLINK_RUN_DIR): NAME.pid, the daemon's pid, and
 * NAME.state, "key value" lines: the interface's public key, its config
 * file, and what `up` changed on the system so that `down` can undo it
 * even after the daemon was killed.
 */
#ifndef VL_STATE_H
#define VL_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

const char *vl_run_dir(void);
/* "<run dir>/<ifname>.<ext>" into @buf; -ENAMETOOLONG if it does not fit. */
int vl_state_path(const char *ifname, const char *ext, char *buf,
		  size_t size);

/* The pid of the daemon of @ifname if one is alive, else 0. */
pid_t vl_state_daemon_pid(const char *ifname);
/* Creates NAME.pid for this process; -EEXIST if a live daemon has it. */
int vl_state_claim_pid(const char *ifname);
void vl_state_release(const char *ifname);

/* NAME.state: written whole (atomically, by rename), read by key. */
struct vl_state_writer;
struct vl_state_writer *vl_state_begin(const char *ifname);
void vl_state_put(struct vl_state_writer *w, const char *key,
		  const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vl_state_commit(struct vl_state_writer *w);

/* Calls @fn for every line of NAME.state with key @key (NULL: all). */
int vl_state_read(const char *ifname, const char *key,
		  void (*fn)(const char *key, const char *value, void *arg),
		  void *arg);

#endif /* VL_STATE_H */
