// SPDX-License-Identifier: GPL-2.0
/*
 * audit_net.c: what the audit reads of the namespace's network: its
 * open sockets (/proc/net), the addresses of the interfaces that hold a
 * default route (the WAN side, however the gateway names it) and the
 * ports of the vpnlink devices, which are meant to be open.
 */
#include <errno.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "audit.h"
#include "module.h"

/* ---- sockets ----------------------------------------------------------- */

static bool have_sock(const struct vl_audit_sock *v, size_t n,
		      const struct vl_audit_sock *s)
{
	size_t i;

	/* SO_REUSEPORT groups list one line per socket. */
	for (i = 0; i < n; i++)
		if (v[i].proto == s->proto && v[i].port == s->port &&
		    vl_audit_addr_equal(&v[i].local, &s->local))
			return true;
	return false;
}

static int read_sockets(const char *path, int proto,
			struct vl_audit_sock **v, size_t *n)
{
	FILE *f = fopen(path, "re");
	struct vl_audit_sock s, *nv;
	size_t cap = 0;
	char *line = NULL;
	int ret = 0;

	if (!f)
		return errno == ENOENT ? 0 : -errno;	/* no IPv6: none */
	while (getline(&line, &cap, f) >= 0) {
		if (vl_audit_parse_sock(line, proto, &s) ||
		    !vl_audit_sock_open(&s) || have_sock(*v, *n, &s))
			continue;
		nv = reallocarray(*v, *n + 1, sizeof(**v));
		if (!nv) {
			ret = -ENOMEM;
			break;
		}
		*v = nv;
		nv[(*n)++] = s;
	}
	if (!ret && ferror(f))
		ret = -EIO;
	free(line);
	fclose(f);
	return ret;
}

int vl_audit_open_sockets(struct vl_audit_sock **v, size_t *n)
{
	static const struct {
		const char *path;
		int proto;
	} files[] = {
		{ "/proc/net/tcp", IPPROTO_TCP },
		{ "/proc/net/tcp6", IPPROTO_TCP },
		{ "/proc/net/udp", IPPROTO_UDP },
		{ "/proc/net/udp6", IPPROTO_UDP },
	};
	size_t i;
	int ret = 0;

	*v = NULL;
	*n = 0;
	for (i = 0; !ret && i < sizeof(files) / sizeof(files[0]); i++)
		ret = read_sockets(files[i].path, files[i].proto, v, n);
	return ret;
}

/* ---- the WAN side ------------------------------------------------------ */

struct devs {
	char (*name)[IFNAMSIZ];
	size_t n;
};

static int default_devs(const char *path,
			bool (*is_default)(const char *line,
					   char dev[IFNAMSIZ]),
			struct devs *d)
{
	FILE *f = fopen(path, "re");
	char dev[IFNAMSIZ], (*nv)[IFNAMSIZ];
	size_t cap = 0, i;
	char *line = NULL;
	int ret = 0;

	if (!f)
		return errno == ENOENT ? 0 : -errno;
	while (!ret && getline(&line, &cap, f) >= 0) {
		if (!is_default(line, dev))
			continue;
		for (i = 0; i < d->n && strcmp(d->name[i], dev); i++)
			;
		if (i < d->n)
			continue;
		nv = reallocarray(d->name, d->n + 1, sizeof(*nv));
		if (nv) {
			d->name = nv;
			memcpy(nv[d->n++], dev, IFNAMSIZ);
		} else {
			ret = -ENOMEM;
		}
	}
	free(line);
	fclose(f);
	return ret;
}

/* getifaddrs() names an IPv4 address by its label: "eth0" or "eth0:1". */
static bool on_dev(const char *label, const struct devs *d)
{
	size_t i, len;

	for (i = 0; i < d->n; i++) {
		len = strlen(d->name[i]);
		if (!strncmp(label, d->name[i], len) &&
		    (!label[len] || label[len] == ':'))
			return true;
	}
	return false;
}

int vl_audit_wan_addrs(struct vl_audit_wan **v, size_t *n)
{
	struct devs d = { 0 };
	struct ifaddrs *ifa, *i;
	struct vl_audit_wan *w;
	int ret;

	*v = NULL;
	*n = 0;
	ret = default_devs("/proc/net/route", vl_audit_route4_default, &d);
	if (!ret)
		ret = default_devs("/proc/net/ipv6_route",
				   vl_audit_route6_default, &d);
	if (ret || !d.n)
		goto out;
	if (getifaddrs(&ifa)) {
		ret = -errno;
		goto out;
	}
	for (i = ifa; i; i = i->ifa_next) {
		if (!i->ifa_addr || !on_dev(i->ifa_name, &d) ||
		    (i->ifa_addr->sa_family != AF_INET &&
		     i->ifa_addr->sa_family != AF_INET6))
			continue;
		w = reallocarray(*v, *n + 1, sizeof(**v));
		if (!w) {
			ret = -ENOMEM;
			break;
		}
		*v = w;
		w += (*n)++;
		memset(w, 0, sizeof(*w));
		w->addr.family = i->ifa_addr->sa_family;
		if (w->addr.family == AF_INET)
			memcpy(w->addr.a, &((struct sockaddr_in *)
					    i->ifa_addr)->sin_addr, 4);
		else
			memcpy(w->addr.a, &((struct sockaddr_in6 *)
					    i->ifa_addr)->sin6_addr, 16);
		snprintf(w->dev, sizeof(w->dev), "%.*s",
			 (int)strcspn(i->ifa_name, ":"), i->ifa_name);
	}
	freeifaddrs(ifa);
out:
	free(d.name);
	return ret;
}

/* ---- vpnlink's own ports ----------------------------------------------- */

struct ports {
	uint16_t *v;
	size_t n;
};

static int take_port(const struct vl_device_info *dev, void *arg)
{
	struct ports *p = arg;
	uint16_t *nv;

	if (!dev->listen_port)
		return 0;
	nv = reallocarray(p->v, p->n + 1, sizeof(*nv));
	if (!nv)
		return -ENOMEM;
	p->v = nv;
	p->v[p->n++] = dev->listen_port;
	return 0;
}

int vl_audit_vpnlink_ports(uint16_t **v, size_t *n)
{
	struct ports p = { 0 };
	struct vl_genl g;
	int ret;

	*v = NULL;
	*n = 0;
	ret = vl_genl_open(&g);
	if (ret)
		return ret == -ENOENT ? 0 : ret;	/* no module: no ports */
	ret = vl_mod_dump_devices(&g, take_port, &p);
	vl_genl_close(&g);
	if (ret) {
		free(p.v);
		return ret;
	}
	*v = p.v;
	*n = p.n;
	return 0;
}
