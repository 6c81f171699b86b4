/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The helper's configuration file: wg-quick's format, read unchanged, plus
 * vpnlink's own LanInterface and ProxyArp.  Parsing only checks and
 * stores; nothing is resolved (endpoints stay host and port strings for
 * the daemon's getaddrinfo) and nothing on the system is changed.
 *
 *   [Interface]                       exactly one
 *   PrivateKey = base64               required
 *   ListenPort = 0..65535             absent or 0: a random port
 *   Address = 10.0.0.1/24, fd00::1    repeatable lists; no prefix = host
 *   MTU = 576..65535                  absent: the daemon picks, as wg-quick
 *   Table = auto | off | 1..2^32-1 | a name of ip-route(8)'s rt_tables
 *   FwMark = off | number | 0xhex
 *   PreUp, PostUp, PreDown, PostDown = shell command, repeatable, %i
 *   DNS = 1.1.1.1, example.com        IPs are servers, others search domains
 *   SaveConfig = false                true is refused
 *   LanInterface = eth1, eth2         repeatable lists of interface names
 *   ProxyArp = yes | no               (true/false, on/off, 1/0 too)
 *
 *   [Peer]                            any number
 *   PublicKey = base64                required, unique, not our own
 *   PresharedKey = base64
 *   Endpoint = host:port | [v6]:port  port 1..65535
 *   AllowedIPs = 10.1.0.0/16, ...     repeatable lists; host bits masked
 *   PersistentKeepalive = off | 0..65535
 *
 * Section names and keys are case-insensitive, '#' starts a comment
 * anywhere on a line, and lists split at commas and blanks (wg-quick
 * splits Address and DNS at both).  Every mistake is an error reported as
 * "FILE:LINE: what is wrong"; the first one stops the parse.  Singular
 * keys may appear once per section.
 */
#ifndef VL_CONFIG_H
#define VL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "key.h"

/* IFNAMSIZ less the NUL: the longest interface name. */
#define VL_IFNAME_MAX		15
/* Files are read whole; beyond this one is not a configuration. */
#define VL_CONFIG_MAX_SIZE	(16u << 20)

/* An address: AF_INET in addr[0..3], AF_INET6 in all 16; network order. */
struct vl_addr {
	int family;
	uint8_t addr[16];
};

/* An address and a prefix length (0..32 or 0..128). */
struct vl_prefix {
	int family;
	uint8_t addr[16];
	uint8_t prefix;
};

/* A list of strings, each malloc'd. */
struct vl_strv {
	char **v;
	size_t n;
};

/*
 * Where a peer is, unresolved: host is a name, an IPv4 address or an IPv6
 * address without its brackets (perhaps with a %zone), ready for
 * getaddrinfo(host, port, ...).  host is NULL when the peer has none.
 */
struct vl_endpoint {
	char *host;
	char port[6];
	uint16_t port_num;
};

struct vl_peer {
	uint8_t public_key[VL_KEY_LEN];
	uint8_t preshared_key[VL_KEY_LEN];	/* zeros when none */
	bool has_preshared_key;
	struct vl_endpoint endpoint;
	/* Masked to their prefix, in the order given. */
	struct vl_prefix *allowed_ips;
	size_t n_allowed_ips;
	uint16_t persistent_keepalive;		/* seconds, 0 = off */
	unsigned int line;		/* of its [Peer], for messages */
};

enum vl_table_mode {
	VL_TABLE_AUTO,		/* absent or "auto": as wg-quick */
	VL_TABLE_OFF,		/* "off": no routes at all */
	VL_TABLE_ID,		/* routes go to table table_id */
};

struct vl_config {
	uint8_t private_key[VL_KEY_LEN];
	uint8_t public_key[VL_KEY_LEN];		/* derived from private_key */
	uint16_t listen_port;			/* 0 = random */
	uint32_t fwmark;			/* 0 = off */
	unsigned int mtu;			/* 0 = not set */
	enum vl_table_mode table;
	uint32_t table_id;			/* for VL_TABLE_ID */
	/* As written (host bits kept: they are the interface's address). */
	struct vl_prefix *addresses;
	size_t n_addresses;
	struct vl_addr *dns_servers;
	size_t n_dns_servers;
	struct vl_strv dns_search;
	/* Raw commands in file order; see vl_config_expand_hook(). */
	struct vl_strv pre_up, post_up, pre_down, post_down;
	struct vl_strv lan_interfaces;
	bool proxy_arp;
	struct vl_peer *peers;
	size_t n_peers;
};

/*
 * What a parse has to say.  error is "FILE:LINE: what" (or "FILE: what"
 * when the file itself is the problem), NULL on success.  warnings are
 * complete lines too, in the order found, and are kept on failure.
 */
struct vl_diag {
	char *error;
	char **warnings;
	size_t n_warnings;
};

/*
 * Parse len bytes of buf (no NUL needed; NUL bytes in it are an error)
 * and name it name in messages.  On success returns 0 and *out is the
 * configuration, to be freed with vl_config_free().  On failure returns
 * -EINVAL (a mistake in the text) or -ENOMEM, *out is NULL and
 * diag->error says why.  diag may be NULL; otherwise it must start
 * zeroed and be released with vl_diag_free().
 */
int vl_config_parse_buffer(const char *name, const char *buf, size_t len,
			   struct vl_config **out, struct vl_diag *diag);

/*
 * Read path and parse it as above, naming it path in messages.  Warns
 * when the file is readable or writable by its group or by others (and
 * its directory lets them in).  Also returns -errno from open() or
 * read(), and -EFBIG beyond VL_CONFIG_MAX_SIZE.
 */
int vl_config_parse_file(const char *path, struct vl_config **out,
			 struct vl_diag *diag);

/* Wipes the keys, then frees everything; NULL is fine. */
void vl_config_free(struct vl_config *cfg);

void vl_diag_free(struct vl_diag *diag);

/*
 * Where the configuration of arg is, as wg-quick decides: an arg with a
 * '/' or ending in ".conf" is a path; a bare NAME is $dir/NAME.conf,
 * where dir is $VPNLINK_CONFIG_DIR or else /etc/vpnlink.  The interface
 * is named after the file: its basename less ".conf", which must match
 * ^[a-zA-Z0-9_=+.-]{1,15}$.  ifname needs VL_IFNAME_MAX + 1 bytes.
 * Returns 0, -EINVAL when the name is not an interface name followed by
 * ".conf", or -ENAMETOOLONG when the path does not fit in size.
 */
int vl_config_path(const char *arg, char *path, size_t size, char *ifname);

/* wg-quick's rule for interface names, which config files are named by. */
bool vl_config_ifname_valid(const char *name);

/*
 * A PreUp/PostUp/PreDown/PostDown command with every "%i" replaced by
 * ifname, as wg-quick does; malloc'd, NULL when out of memory.
 */
char *vl_config_expand_hook(const char *cmd, const char *ifname);

/*
 * The number of routing table name in an rt_tables file of ip-route(8)
 * ("NUMBER NAME" lines, '#' comments): 0 when found, -ENOENT when not,
 * -errno when the file cannot be read.  Table names in configurations
 * are looked up with it in /etc/iproute2/rt_tables, its rt_tables.d/
 * and /usr/share/iproute2/rt_tables, after ip's own main, local, default.
 */
int vl_rt_table_lookup(const char *file, const char *name, uint32_t *id);

#endif /* VL_CONFIG_H */
