// SPDX-License-Identifier: GPL-2.0
/*
 * dns.c: resolvconf(8) owns /etc/resolv.conf on the systems that have
 * it; writing the file ourselves would fight it.  Interface records are
 * named "tun.IFNAME" like wg-quick's, so that resolvconf's interface
 * order treats them as tunnels.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dns.h"
#include "log.h"

static bool have_resolvconf(void)
{
	return !system("command -v resolvconf >/dev/null 2>&1");
}

int vl_dns_up(const struct vl_config *cfg, const char *ifname)
{
	char cmd[128], addr[INET6_ADDRSTRLEN];
	size_t i;
	FILE *p;
	int status;

	if (!cfg->n_dns_servers && !cfg->dns_search.n)
		return 0;
	if (!have_resolvconf()) {
		vl_log(LOG_WARNING,
		       "%s: DNS is set but resolvconf is not installed; the DNS settings are not used",
		       ifname);
		return 0;
	}
	snprintf(cmd, sizeof(cmd), "resolvconf -a tun.%s -m 0 -x", ifname);
	p = popen(cmd, "w");
	if (!p)
		return -errno;
	for (i = 0; i < cfg->n_dns_servers; i++)
		if (inet_ntop(cfg->dns_servers[i].family,
			      cfg->dns_servers[i].addr, addr, sizeof(addr)))
			fprintf(p, "nameserver %s\n", addr);
	if (cfg->dns_search.n) {
		fprintf(p, "search");
		for (i = 0; i < cfg->dns_search.n; i++)
			fprintf(p, " %s", cfg->dns_search.v[i]);
		fprintf(p, "\n");
	}
	status = pclose(p);
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		vl_log(LOG_ERR, "%s: resolvconf refused the DNS settings",
		       ifname);
		return -ECHILD;
	}
	return 0;
}

void vl_dns_down(const struct vl_config *cfg, const char *ifname)
{
	char cmd[128];

	if ((!cfg->n_dns_servers && !cfg->dns_search.n) || !have_resolvconf())
		return;
	snprintf(cmd, sizeof(cmd), "resolvconf -d tun.%s -f", ifname);
	if (system(cmd))
		vl_log(LOG_WARNING, "%s: resolvconf -d failed", ifname);
}
