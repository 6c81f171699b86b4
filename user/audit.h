/* SPDX-License-Identifier: GPL-2.0 */
/*
 * audit.h: `vpnlink-helper audit`, a check of the gateway around the
 * tunnel.  A VPN protects nothing on a gateway that still runs telnet, has
 * no firewall or forwards between its networks unfiltered.
 *
 * The parsers (audit_proc.c, audit_inetd.c, audit_nftjson.c) and the
 * service table (audit_services.c) only read text and are unit-tested;
 * audit_net.c and audit_firewall.c read the system; cmd_audit.c judges
 * and says what to do.
 */
#ifndef VL_AUDIT_H
#define VL_AUDIT_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- addresses and sockets (audit_proc.c) ------------------------------ */

struct vl_audit_addr {
	int family;		/* AF_INET or AF_INET6 */
	uint8_t a[16];		/* network order; 4 bytes for AF_INET */
};

/* A socket as /proc/net/{tcp,udp}{,6} show it. */
struct vl_audit_sock {
	int proto;		/* IPPROTO_TCP or IPPROTO_UDP */
	struct vl_audit_addr local;
	uint16_t port;		/* local port */
	unsigned int state;	/* the kernel's TCP_* number, UDP's too */
};

/* The kernel's socket states that matter here (include/net/tcp_states.h). */
#define VL_TCP_ESTABLISHED	0x01
#define VL_TCP_CLOSE		0x07	/* an unconnected UDP socket */
#define VL_TCP_LISTEN		0x0A

/*
 * One line of /proc/net/tcp, tcp6, udp or udp6 (@proto says which pair)
 * into @s: 0, or -1 for the header line and anything malformed.  The
 * family follows from the address's length; an IPv4-mapped IPv6 address
 * (a tcp6 socket bound to ::ffff:192.0.2.1) becomes the IPv4 address,
 * which is all it can be reached on.
 */
int vl_audit_parse_sock(const char *line, int proto, struct vl_audit_sock *s);

/*
 * Whether anyone can reach the socket: a TCP socket in LISTEN, or a UDP
 * socket that is not connected (a connected one takes datagrams from its
 * peer only, like a DNS client's).
 */
bool vl_audit_sock_open(const struct vl_audit_sock *s);

bool vl_audit_addr_any(const struct vl_audit_addr *a);
bool vl_audit_addr_loopback(const struct vl_audit_addr *a);
bool vl_audit_addr_equal(const struct vl_audit_addr *a,
			 const struct vl_audit_addr *b);

/* "192.0.2.1:23/tcp", "[::]:69/udp". */
const char *vl_audit_sock_str(const struct vl_audit_sock *s, char *buf,
			      size_t size);

/*
 * One line of /proc/net/route or /proc/net/ipv6_route: true if it is a
 * default route that can carry packets (up; not a reject route, not on
 * lo), with its interface's name in @dev.
 */
bool vl_audit_route4_default(const char *line, char dev[IFNAMSIZ]);
bool vl_audit_route6_default(const char *line, char dev[IFNAMSIZ]);

/* ---- the cleartext services (audit_services.c) ------------------------- */

struct vl_audit_service {
	const char *name;	/* as people call it: "rsh" */
	const char *inetd;	/* as inetd.conf and /etc/services do: "shell" */
	uint16_t port;
	int proto;		/* IPPROTO_TCP or IPPROTO_UDP */
	const char *instead;	/* the advice: "use ssh" */
};

const struct vl_audit_service *vl_audit_service_by_port(uint16_t port,
							 int proto);
/* By either name, or by number ("23"), as inetd.conf's first field. */
const struct vl_audit_service *vl_audit_service_by_name(const char *name,
							 int proto);

/* ---- inetd.conf (audit_inetd.c) ---------------------------------------- */

/*
 * One line of inetd.conf: the cleartext service it enables, or NULL (a
 * comment, update-inetd's "#<off>#", a blank line, another service).
 */
const struct vl_audit_service *vl_audit_inetd_line(const char *line);

/* Calls @fn for every line of @path that enables a cleartext service.
 * 0, or a negative errno (-ENOENT: there is no such file).
 */
int vl_audit_inetd_file(const char *path,
			void (*fn)(const struct vl_audit_service *svc,
				   unsigned int line, void *arg),
			void *arg);

/* ---- the firewall (audit_nftjson.c, audit_firewall.c) ------------------ */

struct vl_audit_fw {
	/* nftables; iptables-nft's rules are nftables rules too. */
	bool nft_read;			/* the ruleset could be listed */
	unsigned int nft_filter_chains;	/* base chains of type filter */
	bool nft_forward4;		/* such a chain at forward: ip, inet */
	bool nft_forward6;		/* ip6, inet */
	/* Legacy iptables: the tables loaded in this namespace. */
	bool ipt_any4, ipt_filter4;	/* /proc/net/ip_tables_names */
	bool ipt_any6, ipt_filter6;	/* /proc/net/ip6_tables_names */
};

/* `nft -j list ruleset`'s output into @fw: 0, or -1 if it is not that. */
int vl_audit_nft_json(const char *json, struct vl_audit_fw *fw);

/* The namespace's firewall into @fw: 0, or a negative errno with the
 * reason in @why when nftables' ruleset could not be read (the legacy
 * tables are still filled in).
 */
int vl_audit_firewall(struct vl_audit_fw *fw, char *why, size_t size);

/* ---- the namespace's network (audit_net.c) ----------------------------- */

/* Every open socket (vl_audit_sock_open) of the namespace, one per
 * protocol, address and port: 0 or a negative errno.  Free *v.
 */
int vl_audit_open_sockets(struct vl_audit_sock **v, size_t *n);

/* An address of an interface that holds a default route: the WAN side. */
struct vl_audit_wan {
	struct vl_audit_addr addr;
	char dev[IFNAMSIZ];
};

/* Every WAN address of the namespace: 0 or a negative errno.  Free *v. */
int vl_audit_wan_addrs(struct vl_audit_wan **v, size_t *n);

/* The listen ports of the namespace's vpnlink devices; none if the module
 * is not loaded.  0 or a negative errno.  Free *v.
 */
int vl_audit_vpnlink_ports(uint16_t **v, size_t *n);

#endif /* VL_AUDIT_H */
