// SPDX-License-Identifier: GPL-2.0
/*
 * audit_services.c: the services a gateway must not offer.  They send
 * passwords in the clear (telnet, ftp, rlogin, rexec) or trust the
 * client's host name and address (rsh, rlogin), or need no password at
 * all (tftp); anyone on the path, or anyone who can forge an address,
 * gets in.  The ports are fixed here rather than read from /etc/services:
 * a port is what the kernel reports, whatever a local file calls it.
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"

static const struct vl_audit_service services[] = {
	{ "ftp", "ftp", 21, IPPROTO_TCP, "use sftp" },
	{ "telnet", "telnet", 23, IPPROTO_TCP, "use ssh" },
	{ "tftp", "tftp", 69, IPPROTO_UDP, "use sftp" },
	{ "rexec", "exec", 512, IPPROTO_TCP, "use ssh" },
	{ "rlogin", "login", 513, IPPROTO_TCP, "use ssh" },
	{ "rsh", "shell", 514, IPPROTO_TCP, "use ssh" },
};

#define N_SERVICES	(sizeof(services) / sizeof(services[0]))

const struct vl_audit_service *vl_audit_service_by_port(uint16_t port,
							 int proto)
{
	size_t i;

	for (i = 0; i < N_SERVICES; i++)
		if (services[i].port == port && services[i].proto == proto)
			return &services[i];
	return NULL;
}

const struct vl_audit_service *vl_audit_service_by_name(const char *name,
							 int proto)
{
	unsigned long port;
	char *end;
	size_t i;

	if (*name >= '0' && *name <= '9') {
		port = strtoul(name, &end, 10);
		return *end || port > 65535 ? NULL :
		       vl_audit_service_by_port(port, proto);
	}
	for (i = 0; i < N_SERVICES; i++)
		if (services[i].proto == proto &&
		    (!strcmp(services[i].name, name) ||
		     !strcmp(services[i].inetd, name)))
			return &services[i];
	return NULL;
}
