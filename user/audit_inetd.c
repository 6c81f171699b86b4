// SPDX-License-Identifier: GPL-2.0
/*
 * audit_inetd.c: inetd.conf, for the cleartext services it would start.
 * A service enabled there is not listening until inetd runs, but it will
 * be after the next boot or package upgrade: it counts as enabled.
 *
 * A line is "service socket-type protocol wait user server args...";
 * the service may carry a local address ("127.0.0.1:telnet") and be a
 * name or a port number; the protocol is tcp or udp, maybe with 4, 6 or
 * 46 after it.  Lines starting with '#' are off, update-inetd's
 * "#<off># " among them.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"

#define SPACE	" \t\r\n"

/* The next whitespace-separated field of *p into @buf; false if none or
 * too long for @buf to be one of the names here.
 */
static bool field(const char **p, char *buf, size_t size)
{
	const char *s = *p + strspn(*p, SPACE);
	size_t n = strcspn(s, SPACE);

	if (!n || n >= size)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	*p = s + n;
	return true;
}

static int protocol(const char *s)
{
	int proto;

	if (!strncmp(s, "tcp", 3))
		proto = IPPROTO_TCP;
	else if (!strncmp(s, "udp", 3))
		proto = IPPROTO_UDP;
	else
		return -1;	/* rpc/tcp and the like: not ours */
	s += 3;
	return !*s || !strcmp(s, "4") || !strcmp(s, "6") ||
	       !strcmp(s, "46") ? proto : -1;
}

const struct vl_audit_service *vl_audit_inetd_line(const char *line)
{
	char service[256], type[32], proto[32];
	const char *p = line + strspn(line, SPACE), *name;
	int pr;

	if (*p == '#')
		return NULL;
	if (!field(&p, service, sizeof(service)) ||
	    !field(&p, type, sizeof(type)) ||
	    !field(&p, proto, sizeof(proto)))
		return NULL;
	pr = protocol(proto);
	if (pr < 0)
		return NULL;
	/* "[::1]:telnet" and "192.0.2.1:telnet": the name after the last
	 * colon.  A line of just "host:" only sets the address of the next.
	 */
	name = strrchr(service, ':');
	name = name ? name + 1 : service;
	if (!*name)
		return NULL;
	return vl_audit_service_by_name(name, pr);
}

int vl_audit_inetd_file(const char *path,
			void (*fn)(const struct vl_audit_service *svc,
				   unsigned int line, void *arg),
			void *arg)
{
	const struct vl_audit_service *svc;
	unsigned int lineno = 0;
	FILE *f = fopen(path, "re");
	size_t cap = 0;
	char *line = NULL;
	int ret = 0;

	if (!f)
		return -errno;
	while (getline(&line, &cap, f) >= 0) {
		lineno++;
		svc = vl_audit_inetd_line(line);
		if (svc)
			fn(svc, lineno, arg);
	}
	if (ferror(f))
		ret = -EIO;
	free(line);
	fclose(f);
	return ret;
}
