// SPDX-License-Identifier: GPL-2.0
/*
 * state.c: the runtime directory.  The pid file is taken with O_EXCL, and
 * a stale one (its process gone) is replaced, so that two `up`s of one
 * interface cannot both run a daemon.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "state.h"

const char *vl_run_dir(void)
{
	const char *dir = getenv("VPNLINK_RUN_DIR");

	return dir && *dir ? dir : "/run/vpnlink";
}

int vl_state_path(const char *ifname, const char *ext, char *buf,
		  size_t size)
{
	int n = snprintf(buf, size, "%s/%s.%s", vl_run_dir(), ifname, ext);

	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

static pid_t read_pid(const char *path)
{
	FILE *f = fopen(path, "r");
	long pid = 0;

	if (!f)
		return 0;
	if (fscanf(f, "%ld", &pid) != 1 || pid <= 1)
		pid = 0;
	fclose(f);
	return (pid_t)pid;
}

pid_t vl_state_daemon_pid(const char *ifname)
{
	char path[512];
	pid_t pid;

	if (vl_state_path(ifname, "pid", path, sizeof(path)))
		return 0;
	pid = read_pid(path);
	if (pid && kill(pid, 0) && errno == ESRCH)
		pid = 0;
	return pid;
}

int vl_state_claim_pid(const char *ifname)
{
	char path[512];
	int fd, tries;

	if (vl_state_path(ifname, "pid", path, sizeof(path)))
		return -ENAMETOOLONG;
	if (mkdir(vl_run_dir(), 0755) && errno != EEXIST)
		return -errno;
	for (tries = 0; tries < 2; tries++) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd >= 0) {
			dprintf(fd, "%ld\n", (long)getpid());
			close(fd);
			return 0;
		}
		if (errno != EEXIST)
			return -errno;
		if (vl_state_daemon_pid(ifname))
			return -EEXIST;
		unlink(path);	/* stale: its daemon is gone */
	}
	return -EEXIST;
}

void vl_state_release(const char *ifname)
{
	char path[512];

	if (!vl_state_path(ifname, "pid", path, sizeof(path)))
		unlink(path);
	if (!vl_state_path(ifname, "state", path, sizeof(path)))
		unlink(path);
}

struct vl_state_writer {
	FILE *f;
	char path[512];
	char tmp[520];
	bool failed;
};

struct vl_state_writer *vl_state_begin(const char *ifname)
{
	struct vl_state_writer *w = calloc(1, sizeof(*w));

	if (!w)
		return NULL;
	if (vl_state_path(ifname, "state", w->path, sizeof(w->path)) ||
	    (mkdir(vl_run_dir(), 0755) && errno != EEXIST))
		goto fail;
	snprintf(w->tmp, sizeof(w->tmp), "%s.new", w->path);
	w->f = fopen(w->tmp, "we");
	if (w->f)
		return w;
fail:
	vl_log(LOG_ERR, "cannot write the state of %s in %s: %s", ifname,
	       vl_run_dir(), strerror(errno));
	free(w);
	return NULL;
}

void vl_state_put(struct vl_state_writer *w, const char *key,
		  const char *fmt, ...)
{
	va_list ap;

	if (!w)
		return;
	fprintf(w->f, "%s ", key);
	va_start(ap, fmt);
	vfprintf(w->f, fmt, ap);
	va_end(ap);
	fputc('\n', w->f);
}

int vl_state_commit(struct vl_state_writer *w)
{
	int ret = 0;

	if (!w)
		return -ENOMEM;
	if (fclose(w->f) || rename(w->tmp, w->path)) {
		ret = -errno;
		vl_log(LOG_ERR, "cannot write %s: %s", w->path, strerror(errno));
		unlink(w->tmp);
	}
	free(w);
	return ret;
}

int vl_state_read(const char *ifname, const char *key,
		  void (*fn)(const char *key, const char *value, void *arg),
		  void *arg)
{
	char path[512], *line = NULL, *sp;
	size_t cap = 0;
	ssize_t len;
	FILE *f;

	if (vl_state_path(ifname, "state", path, sizeof(path)))
		return -ENAMETOOLONG;
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while ((len = getline(&line, &cap, f)) > 0) {
		if (line[len - 1] == '\n')
			line[len - 1] = '\0';
		sp = strchr(line, ' ');
		if (!sp)
			continue;
		*sp = '\0';
		if (!key || !strcmp(key, line))
			fn(line, sp + 1, arg);
	}
	free(line);
	fclose(f);
	return 0;
}
