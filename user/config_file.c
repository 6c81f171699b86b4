// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration files on disk: where one is (wg-quick's rules, under
 * /etc/vpnlink), reading it whole, and warning when others can read it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "config_parse.h"

#define CONFIG_DIR	"/etc/vpnlink"
#define SUFFIX		".conf"
#define SUFFIX_LEN	(sizeof(SUFFIX) - 1)

bool vl_config_ifname_valid(const char *name)
{
	size_t len = strspn(name, "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_=+.-");

	/* ^[a-zA-Z0-9_=+.-]{1,15}$, less "." and "..", which Linux refuses. */
	return len && len <= VL_IFNAME_MAX && !name[len] &&
	       strcmp(name, ".") && strcmp(name, "..");
}

static bool ends_with_suffix(const char *s, size_t len)
{
	return len >= SUFFIX_LEN && !strcmp(s + len - SUFFIX_LEN, SUFFIX);
}

int vl_config_path(const char *arg, char *path, size_t size, char *ifname)
{
	size_t len = strlen(arg), n;
	const char *base, *dir;
	char name[VL_IFNAME_MAX + 1];

	if (!strchr(arg, '/') && !ends_with_suffix(arg, len)) {
		if (!vl_config_ifname_valid(arg))
			return -EINVAL;
		/* For the tests, which cannot write to /etc. */
		dir = getenv("VPNLINK_CONFIG_DIR");
		if (!dir || !*dir)
			dir = CONFIG_DIR;
		n = strlen(dir);
		if (n + 1 + len + SUFFIX_LEN >= size)
			return -ENAMETOOLONG;
		memcpy(path, dir, n);
		path[n] = '/';
		memcpy(path + n + 1, arg, len);
		strcpy(path + n + 1 + len, SUFFIX);
		strcpy(ifname, arg);
		return 0;
	}
	base = strrchr(arg, '/');
	base = base ? base + 1 : arg;
	n = strlen(base);
	if (!ends_with_suffix(base, n) || n - SUFFIX_LEN > VL_IFNAME_MAX)
		return -EINVAL;
	memcpy(name, base, n - SUFFIX_LEN);
	name[n - SUFFIX_LEN] = '\0';
	if (!vl_config_ifname_valid(name))
		return -EINVAL;
	if (len >= size)
		return -ENAMETOOLONG;
	memcpy(path, arg, len + 1);
	strcpy(ifname, name);
	return 0;
}

/*
 * wg-quick's warning, sharper: group or others may read or write the
 * file, unless its directory keeps them out (no search permission).
 */
static void check_access(const char *path, const struct stat *st,
			 struct vl_diag *diag)
{
	mode_t open_to = st->st_mode & 077;
	char *copy = strdup(path);
	struct stat dst;

	if (copy && !stat(dirname(copy), &dst)) {
		if (!(dst.st_mode & S_IXGRP))
			open_to &= ~(mode_t)070;
		if (!(dst.st_mode & S_IXOTH))
			open_to &= ~(mode_t)007;
	}
	free(copy);
	if (open_to & 007)
		vl_diag_addf(diag, "Warning: `%s' is world accessible", path);
	else if (open_to)
		vl_diag_addf(diag, "Warning: `%s' is accessible to its group",
			     path);
}

/* The whole file into *buf; 0 or -errno. */
static int read_all(int fd, char **buf, size_t *len)
{
	size_t cap = 0, n = 0;
	char *b = NULL, *nb;
	ssize_t r;

	for (;;) {
		if (n == cap) {
			if (cap > VL_CONFIG_MAX_SIZE)
				break;
			cap = cap ? 2 * cap : 4096;
			nb = malloc(cap + 1);
			if (!nb) {
				OPENSSL_clear_free(b, n);
				return -ENOMEM;
			}
			if (n)
				memcpy(nb, b, n);
			OPENSSL_clear_free(b, n);
			b = nb;
		}
		r = read(fd, b + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			r = -errno;
			OPENSSL_clear_free(b, n);
			return r;
		}
		if (!r)
			break;
		n += r;
	}
	if (n > VL_CONFIG_MAX_SIZE) {
		OPENSSL_clear_free(b, n);
		return -EFBIG;
	}
	*buf = b;
	*len = n;
	return 0;
}

int vl_config_parse_file(const char *path, struct vl_config **out,
			 struct vl_diag *diag)
{
	struct stat st;
	size_t len = 0;
	char *buf = NULL;
	int fd, ret;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		ret = -errno;
		vl_diag_set_error(diag, "%s: %s", path, strerror(-ret));
		return ret;
	}
	if (fstat(fd, &st)) {
		ret = -errno;
		vl_diag_set_error(diag, "%s: %s", path, strerror(-ret));
		close(fd);
		return ret;
	}
	if (S_ISREG(st.st_mode))
		check_access(path, &st, diag);
	ret = read_all(fd, &buf, &len);
	close(fd);
	if (ret == -EFBIG)
		vl_diag_set_error(diag, "%s: larger than %u MiB: not a configuration",
				  path, VL_CONFIG_MAX_SIZE >> 20);
	else if (ret)
		vl_diag_set_error(diag, "%s: %s", path, strerror(-ret));
	if (ret)
		return ret;
	ret = vl_config_parse_buffer(path, buf, len, out, diag);
	OPENSSL_clear_free(buf, len);
	return ret;
}
