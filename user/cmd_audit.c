// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_audit.c: `vpnlink-helper audit [--config-dir DIR] [--inetd FILE]`.
 * A VPN is worth nothing if the gateway itself is open: this checks the
 * gateway, in the network namespace it runs in, and prints one line per
 * finding with what to do about it:
 *
 *  1. cleartext and address-trusting services (telnet, ftp, rsh, rlogin,
 *     rexec, tftp) listening, or enabled in inetd.conf;
 *  2. no firewall ruleset loaded;
 *  3. ports open on the WAN side: bound to every address or to one of the
 *     interface holding the default route; not loopback, not vpnlink's
 *     own ports, not the services of 1 again;
 *  4. vpnlink configs (they hold private keys) open to group or others;
 *  5. forwarding on with no forward chain to filter it.
 *
 * Exit status: 0 no findings, 1 findings or a check that could not run,
 * 2 usage.  Findings go to stdout, checks that failed to stderr.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/socket.h>

#include <arpa/inet.h>

#include "audit.h"
#include "commands.h"

#define CONFIG_DIR	"/etc/vpnlink"
#define INETD_CONF	"/etc/inetd.conf"

struct audit {
	unsigned int findings;
	unsigned int failed;	/* checks that could not run */
};

static __attribute__((format(printf, 2, 3)))
void finding(struct audit *a, const char *fmt, ...)
{
	va_list ap;

	a->findings++;
	fputs("audit: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static __attribute__((format(printf, 2, 3)))
void failed(struct audit *a, const char *fmt, ...)
{
	va_list ap;

	a->failed++;
	fputs("vpnlink-helper: audit: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* ---- 1. cleartext services --------------------------------------------- */

static void check_services(struct audit *a, const struct vl_audit_sock *s,
			   size_t n)
{
	const struct vl_audit_service *svc;
	char buf[80];
	size_t i;

	/* On any address, loopback too: the advice is to remove it. */
	for (i = 0; i < n; i++) {
		svc = vl_audit_service_by_port(s[i].port, s[i].proto);
		if (svc)
			finding(a, "%s listens on %s: remove or disable it; %s",
				svc->name, vl_audit_sock_str(&s[i], buf,
							     sizeof(buf)),
				svc->instead);
	}
}

struct inetd {
	struct audit *a;
	const char *path;
};

static void inetd_enabled(const struct vl_audit_service *svc,
			  unsigned int line, void *arg)
{
	struct inetd *in = arg;

	finding(in->a, "%s is enabled in %s line %u: comment it out; %s",
		svc->name, in->path, line, svc->instead);
}

static void check_inetd(struct audit *a, const char *path)
{
	struct inetd in = { a, path };
	int ret = vl_audit_inetd_file(path, inetd_enabled, &in);

	if (ret && ret != -ENOENT)	/* no inetd.conf: no inetd */
		failed(a, "cannot read %s: %s", path, strerror(-ret));
}

/* ---- 2. the firewall --------------------------------------------------- */

static void check_firewall(struct audit *a, const struct vl_audit_fw *fw)
{
	if (fw->nft_filter_chains || fw->ipt_any4 || fw->ipt_any6)
		return;
	if (fw->nft_read)	/* else it was said that it could not be */
		finding(a, "no firewall ruleset is loaded: apply one (nftables)");
}

/* ---- 3. ports open on the WAN side ------------------------------------- */

static bool vpnlink_port(const struct vl_audit_sock *s, const uint16_t *ports,
			 size_t n)
{
	size_t i;

	for (i = 0; s->proto == IPPROTO_UDP && i < n; i++)
		if (ports[i] == s->port)
			return true;
	return false;
}

static const struct vl_audit_wan *wan_addr(const struct vl_audit_sock *s,
					   const struct vl_audit_wan *w,
					   size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (vl_audit_addr_equal(&w[i].addr, &s->local))
			return &w[i];
	return NULL;
}

static void check_ports(struct audit *a, const struct vl_audit_sock *s,
			size_t n, const struct vl_audit_wan *wan, size_t n_wan,
			const uint16_t *ports, size_t n_ports)
{
	const struct vl_audit_wan *w;
	char addr[INET6_ADDRSTRLEN];
	const char *proto;
	size_t i;

	for (i = 0; i < n; i++) {
		if (vl_audit_addr_loopback(&s[i].local) ||
		    vl_audit_service_by_port(s[i].port, s[i].proto) ||
		    vpnlink_port(&s[i], ports, n_ports))
			continue;
		inet_ntop(s[i].local.family, s[i].local.a, addr, sizeof(addr));
		proto = s[i].proto == IPPROTO_TCP ? "tcp" : "udp";
		w = wan_addr(&s[i], wan, n_wan);
		if (vl_audit_addr_any(&s[i].local))
			finding(a, "port %u/%s is open on %s (every address, the WAN's too): close it or firewall it",
				s[i].port, proto, addr);
		else if (w)
			finding(a, "port %u/%s is open on %s (%s, which has the default route): close it or firewall it",
				s[i].port, proto, addr, w->dev);
	}
}

/* ---- 4. configs others may read ---------------------------------------- */

static void check_configs(struct audit *a, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;
	char path[4096];
	size_t len;

	if (!d) {
		if (errno != ENOENT)	/* no directory: no configs */
			failed(a, "cannot read %s: %s", dir, strerror(errno));
		return;
	}
	while ((e = readdir(d))) {
		len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 6 ||
		    strcmp(e->d_name + len - 5, ".conf"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st)) {
			failed(a, "cannot stat %s: %s", path, strerror(errno));
			continue;
		}
		/* It holds the interface's private key. */
		if (S_ISREG(st.st_mode) && (st.st_mode & 077))
			finding(a, "%s has mode %04o, open to group or others: chmod 600 %s",
				path, (unsigned int)(st.st_mode & 07777), path);
	}
	closedir(d);
}

/* ---- 5. forwarding without a filter ------------------------------------ */

/* A sysctl of 0 or 1; a missing one (no IPv6) is 0. */
static bool sysctl_on(const char *path)
{
	FILE *f = fopen(path, "re");
	int v = 0;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v != 0;
}

static void check_forwarding(struct audit *a, const struct vl_audit_fw *fw)
{
	static const struct {
		const char *sysctl;
		const char *name;
		bool v6;
	} fams[] = {
		{ "/proc/sys/net/ipv4/ip_forward", "IPv4", false },
		{ "/proc/sys/net/ipv6/conf/all/forwarding", "IPv6", true },
	};
	bool filtered;
	size_t i;

	for (i = 0; i < sizeof(fams) / sizeof(fams[0]); i++) {
		if (!sysctl_on(fams[i].sysctl))
			continue;
		filtered = fams[i].v6 ? fw->nft_forward6 || fw->ipt_filter6 :
			   fw->nft_forward4 || fw->ipt_filter4;
		/* Unread nftables may hold the chain: already said. */
		if (!filtered && fw->nft_read)
			finding(a, "%s forwarding is on with no forward filtering: add a forward chain",
				fams[i].name);
	}
}

/* ------------------------------------------------------------------------ */

static void usage(FILE *out)
{
	fprintf(out,
		"usage: vpnlink-helper audit [--config-dir DIR] [--inetd FILE]\n"
		"\n"
		"Checks this gateway (in the network namespace it runs in) for what\n"
		"would make the VPN pointless, one line per finding with what to do:\n"
		"telnet, ftp, rsh, rlogin, rexec or tftp listening or enabled in\n"
		"inetd.conf; no firewall ruleset; ports open on every address or on\n"
		"the default route's interface (vpnlink's own excepted); configs\n"
		"others may read; forwarding with no forward chain.\n"
		"\n"
		"Exit status: 0 no findings, 1 findings (or a check could not run),\n"
		"2 usage.  Run it as root: the ruleset and configs need it.\n"
		"\n"
		"  -c, --config-dir DIR  the configs to check (default "
		CONFIG_DIR ",\n"
		"                        or $VPNLINK_CONFIG_DIR)\n"
		"  -i, --inetd FILE      inetd's configuration (default "
		INETD_CONF ")\n"
		"  -h, --help            this text\n");
}

int cmd_audit(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config-dir", required_argument, NULL, 'c' },
		{ "inetd", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config_dir = getenv("VPNLINK_CONFIG_DIR");
	const char *inetd = INETD_CONF;
	struct vl_audit_sock *socks = NULL;
	struct vl_audit_wan *wan = NULL;
	struct audit a = { 0 };
	struct vl_audit_fw fw;
	size_t n_socks = 0, n_wan = 0, n_ports = 0;
	uint16_t *ports = NULL;
	char why[256];
	int c, ret;

	while ((c = getopt_long(argc, argv, "c:i:h", options, NULL)) != -1) {
		switch (c) {
		case 'c':
			config_dir = optarg;
			break;
		case 'i':
			inetd = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return 2;
	}
	if (!config_dir || !*config_dir)
		config_dir = CONFIG_DIR;

	ret = vl_audit_open_sockets(&socks, &n_socks);
	if (ret)
		failed(&a, "cannot read the sockets in /proc/net: %s",
		       strerror(-ret));
	ret = vl_audit_firewall(&fw, why, sizeof(why));
	if (ret)
		failed(&a, "cannot list the nftables ruleset: %s", why);
	ret = vl_audit_wan_addrs(&wan, &n_wan);
	if (ret)
		failed(&a, "cannot find the WAN addresses: %s", strerror(-ret));
	ret = vl_audit_vpnlink_ports(&ports, &n_ports);
	if (ret)
		failed(&a, "cannot ask vpnlink for its ports: %s",
		       strerror(-ret));

	check_services(&a, socks, n_socks);
	check_inetd(&a, inetd);
	check_firewall(&a, &fw);
	check_ports(&a, socks, n_socks, wan, n_wan, ports, n_ports);
	check_configs(&a, config_dir);
	check_forwarding(&a, &fw);

	free(socks);
	free(wan);
	free(ports);
	if (!a.findings && !a.failed)
		printf("audit: no findings\n");
	return a.findings || a.failed ? 1 : 0;
}
