// SPDX-License-Identifier: GPL-2.0
/*
 * The keys of the configuration file: which section each belongs in,
 * whether it may repeat, and what its value does to struct vl_config.
 * Messages quote values, but never those of PrivateKey or PresharedKey.
 */
#define _GNU_SOURCE
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "config_parse.h"
#include "config_values.h"

struct key_def;
typedef int (*set_fn)(struct vl_parser *p, const struct key_def *def,
		      char *value);

struct key_def {
	const char *name;		/* as wg-quick spells it */
	enum vl_section section;
	bool repeatable;
	set_fn set;
	size_t list;			/* offsetof a vl_strv, for the hooks */
};

static const char *section_name(enum vl_section s)
{
	return s == VL_SECTION_PEER ? "[Peer]" : "[Interface]";
}

static int push_str(struct vl_parser *p, struct vl_strv *sv, const char *s)
{
	char *copy;

	if (vl_array_reserve(&sv->v, sv->n, sizeof(*sv->v)))
		return vl_parse_oom(p);
	copy = strdup(s);
	if (!copy)
		return vl_parse_oom(p);
	sv->v[sv->n++] = copy;
	return 0;
}

static bool strv_has(const struct vl_strv *sv, const char *s)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		if (!strcmp(sv->v[i], s))
			return true;
	return false;
}

static int bad_key(struct vl_parser *p, const struct key_def *def)
{
	return vl_parse_error(p, "%s is not a key: expected 44 characters of base64 ending in '='",
			      def->name);
}

static int set_private_key(struct vl_parser *p, const struct key_def *def,
			   char *value)
{
	struct vl_config *cfg = p->cfg;
	size_t i;

	if (vl_key_from_base64(value, cfg->private_key))
		return bad_key(p, def);
	if (vl_key_is_zero(cfg->private_key))
		return vl_parse_error(p, "PrivateKey is all zeros");
	if (vl_key_public(cfg->private_key, cfg->public_key))
		return vl_parse_error(p, "cannot compute the public key of PrivateKey");
	p->have_private_key = true;
	/* The peers that came before [Interface]; later ones check below. */
	for (i = 0; i < cfg->n_peers; i++)
		if (!memcmp(cfg->peers[i].public_key, cfg->public_key,
			    VL_KEY_LEN))
			return vl_parse_error(p, "PrivateKey is that of the [Peer] at line %u: a peer cannot be this interface itself",
					      cfg->peers[i].line);
	return 0;
}

static int set_listen_port(struct vl_parser *p, const struct key_def *def,
			   char *value)
{
	char q[VL_QUOTE_MAX];
	uint32_t v;

	if (vl_parse_uint(value, false, 0, 65535, &v))
		return vl_parse_error(p, "%s must be a number from 0 to 65535, not '%s'",
				      def->name, vl_quote(value, q));
	p->cfg->listen_port = (uint16_t)v;
	return 0;
}

static int set_fwmark(struct vl_parser *p, const struct key_def *def,
		      char *value)
{
	char q[VL_QUOTE_MAX];

	if (!strcasecmp(value, "off")) {
		p->cfg->fwmark = 0;
		return 0;
	}
	if (vl_parse_uint(value, true, 0, UINT32_MAX, &p->cfg->fwmark))
		return vl_parse_error(p, "%s must be off or a number up to 4294967295 (0x hex too), not '%s'",
				      def->name, vl_quote(value, q));
	return 0;
}

static int set_address(struct vl_parser *p, const struct key_def *def,
		       char *value)
{
	struct vl_config *cfg = p->cfg;
	char *item, q[VL_QUOTE_MAX];
	struct vl_prefix a;
	size_t i;

	while ((item = vl_list_next(&value))) {
		if (vl_parse_prefix(item, &a))
			return vl_parse_error(p, "%s '%s' is not an IP address with an optional /prefix",
					      def->name, vl_quote(item, q));
		/* ip(8) would refuse the second with "File exists". */
		for (i = 0; i < cfg->n_addresses; i++)
			if (!memcmp(&cfg->addresses[i], &a, sizeof(a)))
				return vl_parse_error(p, "%s '%s' is given twice",
						      def->name,
						      vl_quote(item, q));
		if (vl_array_reserve(&cfg->addresses, cfg->n_addresses,
				     sizeof(a)))
			return vl_parse_oom(p);
		cfg->addresses[cfg->n_addresses++] = a;
	}
	return 0;
}

static int set_mtu(struct vl_parser *p, const struct key_def *def,
		   char *value)
{
	char q[VL_QUOTE_MAX];

	/* 576: the least every IPv4 host takes (RFC 791). */
	if (vl_parse_uint(value, false, 576, 65535, &p->cfg->mtu))
		return vl_parse_error(p, "%s must be a number from 576 to 65535, not '%s'",
				      def->name, vl_quote(value, q));
	p->mtu_line = p->line;
	return 0;
}

static int set_table(struct vl_parser *p, const struct key_def *def,
		     char *value)
{
	const char *err = vl_parse_table(value, &p->cfg->table,
					 &p->cfg->table_id);
	char q[VL_QUOTE_MAX];

	if (err)
		return vl_parse_error(p, "%s '%s': %s", def->name,
				      vl_quote(value, q), err);
	return 0;
}

static int set_hook(struct vl_parser *p, const struct key_def *def,
		    char *value)
{
	struct vl_strv *sv = (void *)((char *)p->cfg + def->list);

	/* wg-quick would eval an empty command: nothing to keep. */
	return *value ? push_str(p, sv, value) : 0;
}

/* wg-quick's test: servers are ^[0-9.]+$ or have a ':'. */
static bool dns_is_server(const char *s)
{
	return s[strspn(s, "0123456789.")] == '\0' || strchr(s, ':');
}

static int set_dns(struct vl_parser *p, const struct key_def *def,
		   char *value)
{
	struct vl_config *cfg = p->cfg;
	char *item, q[VL_QUOTE_MAX];
	const char *domain;
	struct vl_addr a;
	int ret;

	while ((item = vl_list_next(&value))) {
		if (dns_is_server(item)) {
			if (vl_parse_addr(item, &a))
				return vl_parse_error(p, "%s server '%s' is not an IP address",
						      def->name,
						      vl_quote(item, q));
			if (vl_array_reserve(&cfg->dns_servers,
					     cfg->n_dns_servers, sizeof(a)))
				return vl_parse_oom(p);
			cfg->dns_servers[cfg->n_dns_servers++] = a;
			continue;
		}
		/* "~name" and "~.": systemd-resolved's routing domains. */
		domain = item[0] == '~' ? item + 1 : item;
		if (strcmp(item, "~.") && !vl_domain_valid(domain))
			return vl_parse_error(p, "%s search domain '%s' is not a domain name",
					      def->name, vl_quote(item, q));
		ret = push_str(p, &cfg->dns_search, item);
		if (ret)
			return ret;
	}
	return 0;
}

static int set_save_config(struct vl_parser *p, const struct key_def *def,
			   char *value)
{
	char q[VL_QUOTE_MAX];
	bool v;

	if (vl_parse_bool(value, &v))
		return vl_parse_error(p, "%s must be true or false, not '%s'",
				      def->name, vl_quote(value, q));
	if (v)
		return vl_parse_error(p, "%s = true is not supported: vpnlink never writes its configuration back",
				      def->name);
	return 0;
}

static int set_lan_interface(struct vl_parser *p, const struct key_def *def,
			     char *value)
{
	struct vl_strv *sv = &p->cfg->lan_interfaces;
	char *item, q[VL_QUOTE_MAX];
	int ret;

	while ((item = vl_list_next(&value))) {
		if (!vl_linux_ifname_valid(item))
			return vl_parse_error(p, "%s '%s' is not an interface name (1 to 15 characters, no '/', ':' or blanks)",
					      def->name, vl_quote(item, q));
		if (strv_has(sv, item))
			return vl_parse_error(p, "%s '%s' is given twice",
					      def->name, vl_quote(item, q));
		ret = push_str(p, sv, item);
		if (ret)
			return ret;
	}
	return 0;
}

static int set_proxy_arp(struct vl_parser *p, const struct key_def *def,
			 char *value)
{
	char q[VL_QUOTE_MAX];

	if (vl_parse_bool(value, &p->cfg->proxy_arp))
		return vl_parse_error(p, "%s must be yes or no (true/false, on/off, 1/0), not '%s'",
				      def->name, vl_quote(value, q));
	return 0;
}

static int set_public_key(struct vl_parser *p, const struct key_def *def,
			  char *value)
{
	struct vl_config *cfg = p->cfg;
	struct vl_peer *peer = vl_parser_peer(p);
	uint8_t k[VL_KEY_LEN];
	size_t i;

	if (vl_key_from_base64(value, k))
		return bad_key(p, def);
	if (vl_key_is_zero(k))
		return vl_parse_error(p, "PublicKey is all zeros");
	if (vl_key_is_low_order(k))
		return vl_parse_error(p, "PublicKey is a low-order point: a handshake with it would authenticate no one");
	for (i = 0; i + 1 < cfg->n_peers; i++)
		if (!memcmp(cfg->peers[i].public_key, k, VL_KEY_LEN))
			return vl_parse_error(p, "duplicate peer: the [Peer] at line %u has this PublicKey already",
					      cfg->peers[i].line);
	if (p->have_private_key && !memcmp(cfg->public_key, k, VL_KEY_LEN))
		return vl_parse_error(p, "PublicKey is this interface's own (its PrivateKey's): a peer cannot be this interface itself");
	memcpy(peer->public_key, k, VL_KEY_LEN);
	return 0;
}

static int set_preshared_key(struct vl_parser *p, const struct key_def *def,
			     char *value)
{
	struct vl_peer *peer = vl_parser_peer(p);

	if (vl_key_from_base64(value, peer->preshared_key))
		return bad_key(p, def);
	peer->has_preshared_key = true;
	return 0;
}

static int set_endpoint(struct vl_parser *p, const struct key_def *def,
			char *value)
{
	struct vl_endpoint *ep = &vl_parser_peer(p)->endpoint;
	char host[VL_HOST_MAX + 1], q[VL_QUOTE_MAX];
	const char *err;

	err = vl_parse_endpoint(value, host, &ep->port_num);
	if (err)
		return vl_parse_error(p, "%s '%s': %s", def->name,
				      vl_quote(value, q), err);
	ep->host = strdup(host);
	if (!ep->host)
		return vl_parse_oom(p);
	snprintf(ep->port, sizeof(ep->port), "%u", ep->port_num);
	return 0;
}

static int set_allowed_ips(struct vl_parser *p, const struct key_def *def,
			   char *value)
{
	struct vl_peer *peer = vl_parser_peer(p);
	char *item, q[VL_QUOTE_MAX], masked[INET6_ADDRSTRLEN + 4];
	struct vl_prefix a;

	while ((item = vl_list_next(&value))) {
		if (vl_parse_prefix(item, &a))
			return vl_parse_error(p, "%s '%s' is not an IP address with an optional /prefix",
					      def->name, vl_quote(item, q));
		/*
		 * wg and the kernel mask them silently; existing files must
		 * keep working, but the reader may have meant another net.
		 */
		if (vl_prefix_mask(&a)) {
			vl_prefix_format(&a, masked, sizeof(masked));
			vl_parse_warn(p, "%s %s has bits set beyond its prefix: using %s",
				      def->name, vl_quote(item, q), masked);
		}
		if (vl_array_reserve(&peer->allowed_ips, peer->n_allowed_ips,
				     sizeof(a)))
			return vl_parse_oom(p);
		peer->allowed_ips[peer->n_allowed_ips++] = a;
	}
	return 0;
}

static int set_keepalive(struct vl_parser *p, const struct key_def *def,
			 char *value)
{
	struct vl_peer *peer = vl_parser_peer(p);
	char q[VL_QUOTE_MAX];
	uint32_t v;

	if (!strcasecmp(value, "off")) {
		peer->persistent_keepalive = 0;
		return 0;
	}
	if (vl_parse_uint(value, false, 0, 65535, &v))
		return vl_parse_error(p, "%s must be off or a number of seconds from 0 to 65535, not '%s'",
				      def->name, vl_quote(value, q));
	peer->persistent_keepalive = (uint16_t)v;
	return 0;
}

#define IFACE(name, rep, fn) { name, VL_SECTION_INTERFACE, rep, fn, 0 }
#define HOOK(name, field) { name, VL_SECTION_INTERFACE, true, set_hook, \
			    offsetof(struct vl_config, field) }
#define PEER(name, rep, fn) { name, VL_SECTION_PEER, rep, fn, 0 }

static const struct key_def keys[] = {
	IFACE("PrivateKey", false, set_private_key),
	IFACE("ListenPort", false, set_listen_port),
	IFACE("FwMark", false, set_fwmark),
	IFACE("Address", true, set_address),
	IFACE("MTU", false, set_mtu),
	IFACE("Table", false, set_table),
	IFACE("DNS", true, set_dns),
	HOOK("PreUp", pre_up),
	HOOK("PostUp", post_up),
	HOOK("PreDown", pre_down),
	HOOK("PostDown", post_down),
	IFACE("SaveConfig", false, set_save_config),
	IFACE("LanInterface", true, set_lan_interface),
	IFACE("ProxyArp", false, set_proxy_arp),
	PEER("PublicKey", false, set_public_key),
	PEER("PresharedKey", false, set_preshared_key),
	PEER("Endpoint", false, set_endpoint),
	PEER("AllowedIPs", true, set_allowed_ips),
	PEER("PersistentKeepalive", false, set_keepalive),
};

_Static_assert(sizeof(keys) / sizeof(keys[0]) <= VL_CONFIG_KEYS_MAX,
	       "struct vl_parser's seen[] is too small");

int vl_config_set(struct vl_parser *p, const char *key, char *value)
{
	const struct key_def *def = NULL;
	char q[VL_QUOTE_MAX];
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (!strcasecmp(keys[i].name, key)) {
			def = &keys[i];
			break;
		}
	}
	if (!def && p->section == VL_SECTION_NONE)
		return vl_parse_error(p, "unknown key '%s', and outside of any section",
				      vl_quote(key, q));
	if (!def)
		return vl_parse_error(p, "unknown key '%s' in %s",
				      vl_quote(key, q),
				      section_name(p->section));
	if (p->section == VL_SECTION_NONE)
		return vl_parse_error(p, "%s is outside of any section: [Interface] or [Peer] must come first",
				      def->name);
	if (def->section != p->section)
		return vl_parse_error(p, "%s belongs in %s, not in %s",
				      def->name, section_name(def->section),
				      section_name(p->section));
	if (!def->repeatable) {
		if (p->seen[i])
			return vl_parse_error(p, "%s is set twice in this section: first at line %u",
					      def->name, p->seen[i]);
		p->seen[i] = p->line;
	}
	return def->set(p, def, value);
}
