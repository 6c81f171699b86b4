// SPDX-License-Identifier: GPL-2.0
/*
 * The helper's configuration parser (user/config*.c) and key encoding
 * (user/key.c): one check or more per accepted feature, one per mistake
 * with the exact "FILE:LINE: " its message must start with and a word it
 * must contain, the examples of wg(8) and wg-quick(8) parsed unchanged,
 * key round trips, file names and file permissions.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "config_values.h"
#include "key.h"

#include "tap.h"

/* RFC 7748, 6.1: Alice's and Bob's keys. */
#define ALICE_PRIV	"dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo="
#define ALICE_PUB	"hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo="
#define BOB_PRIV	"XasIfmJKikt54X+Lg4AO5m87sSkmGLb9HC+LJ/+I4Os="
#define BOB_PUB		"3p7bfXt9wbTTW2HC7OQ1Nz+DQ8hbeGdNrfx+FG+IK08="
/* Public keys of nobody in particular (wg genkey | wg pubkey). */
#define PEER1		"1RGJUGZlPE58ZCRGFjbYhgcnejwQaSVOvlzhItLV1ig="
#define PEER2		"3joLy4fvHy+E8HW+nPf1sOp6gCY4jSJ4maZU8VpzUkw="
#define PSK		"O2Zau2iukEuTYqQlRSImhbhaqhYV0wc5SQeGTQpqNDM="
#define ZERO_KEY	"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="

/* The smallest valid file, to build others on. */
#define IFACE		"[Interface]\nPrivateKey = " ALICE_PRIV "\n"

/* ---- helpers --------------------------------------------------------- */

static struct vl_config *parse_n(const char *text, size_t len,
				  struct vl_diag *d)
{
	struct vl_config *cfg;

	memset(d, 0, sizeof(*d));
	vl_config_parse_buffer("t.conf", text, len, &cfg, d);
	return cfg;
}

static struct vl_config *parse(const char *text, struct vl_diag *d)
{
	return parse_n(text, strlen(text), d);
}

/* text parses; the caller checks it, then frees with done(). */
static struct vl_config *parse_ok(const char *what, const char *text,
				  struct vl_diag *d)
{
	struct vl_config *cfg = parse(text, d);

	if (!tap_ok(cfg && !d->error, "%s: parses", what))
		tap_diag("error: %s", d->error ? d->error : "(none)");
	return cfg;
}

static void done(struct vl_config *cfg, struct vl_diag *d)
{
	vl_config_free(cfg);
	vl_diag_free(d);
}

static bool error_is(const struct vl_diag *d, unsigned int line,
		     const char *needle)
{
	char prefix[32];
	size_t n;

	if (!d->error)
		return false;
	n = snprintf(prefix, sizeof(prefix), "t.conf:%u: ", line);
	return !strncmp(d->error, prefix, n) &&
	       strcasestr(d->error + n, needle);
}

/*
 * len bytes of text are refused, the message starting "t.conf:LINE: " and
 * naming needle.
 */
static void expect_error_n(const char *what, const char *text, size_t len,
			   unsigned int line, const char *needle)
{
	struct vl_diag d;
	struct vl_config *cfg = parse_n(text, len, &d);
	bool pass = !cfg && error_is(&d, line, needle);

	if (!tap_ok(pass, "%s: error at line %u about '%s'", what, line,
		    needle))
		tap_diag("got: %s", d.error ? d.error : "(no error)");
	done(cfg, &d);
}

static void expect_error(const char *what, const char *text,
			 unsigned int line, const char *needle)
{
	expect_error_n(what, text, strlen(text), line, needle);
}

static bool warned(const struct vl_diag *d, const char *needle)
{
	size_t i;

	for (i = 0; i < d->n_warnings; i++)
		if (strstr(d->warnings[i], needle))
			return true;
	return false;
}

static bool key_is(const uint8_t k[VL_KEY_LEN], const char *b64)
{
	char s[VL_KEY_B64_LEN + 1];

	vl_key_to_base64(k, s);
	return !strcmp(s, b64);
}

static bool prefix_is(const struct vl_prefix *p, const char *text)
{
	char buf[64];

	vl_prefix_format(p, buf, sizeof(buf));
	if (strcmp(buf, text))
		tap_diag("prefix %s, expected %s", buf, text);
	return !strcmp(buf, text);
}

static bool addr_is(const struct vl_addr *a, const char *text)
{
	char buf[INET6_ADDRSTRLEN];

	return inet_ntop(a->family, a->addr, buf, sizeof(buf)) &&
	       !strcmp(buf, text);
}

/* A file name in a fresh directory of its own, and its removal. */
static char tmpdir[] = "/tmp/vl-test-config.XXXXXX";

static const char *write_file(const char *name, const char *text,
			      mode_t mode)
{
	static char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text) ||
	    fchmod(fd, mode) || close(fd))
		tap_diag("cannot write %s: %s", path, strerror(errno));
	return path;
}

/* ---- keys ------------------------------------------------------------ */

static void test_keys(void)
{
	static const char *const bad[] = {
		"",
		ALICE_PRIV "=",					/* 45 */
		"dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo",	/* 43 */
		"dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LC==",
		"dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCoA",
		"dwdtCnMYpX08FsFy=bJmRd9ML4frwJkqsXf7pR25LCo=",
		"dwdtCnMYpX08FsFy bJmRd9ML4frwJkqsXf7pR25LCo=",
		" dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LC=",
		"dwdtCnMYpX08FsFy-bJmRd9ML4frwJkqsXf7pR25LCo=",
		"dwdtCnMYpX08FsFy_bJmRd9ML4frwJkqsXf7pR25LCo=",
		"dwdtCnMYpX08FsFy\200bJmRd9ML4frwJkqsXf7pR25LCo=",
		/* Another spelling of Alice's key: 'p' has low bits set. */
		"dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCp=",
	};
	uint8_t k[VL_KEY_LEN], k2[VL_KEY_LEN], pub[VL_KEY_LEN];
	char s[VL_KEY_B64_LEN + 1];
	struct rng r = { 0x5eed };
	bool pass = true, zero;
	size_t i, j;

	tap_ok(!vl_key_from_base64(ALICE_PRIV, k) && k[0] == 0x77 &&
	       k[31] == 0x2a, "key: RFC 7748 Alice decodes");
	vl_key_to_base64(k, s);
	tap_ok(!strcmp(s, ALICE_PRIV) && strlen(s) == 44,
	       "key: and encodes back to 44 characters");
	tap_ok(!vl_key_public(k, pub) && key_is(pub, ALICE_PUB),
	       "key: X25519 public key of Alice is RFC 7748's");
	tap_ok(!vl_key_from_base64(BOB_PRIV, k) && !vl_key_public(k, pub) &&
	       key_is(pub, BOB_PUB), "key: and Bob's too");

	for (i = 0; i < 2000 && pass; i++) {
		for (j = 0; j < VL_KEY_LEN; j++)
			k[j] = (uint8_t)rng_next(&r);
		vl_key_to_base64(k, s);
		pass = strlen(s) == 44 && s[43] == '=' && s[42] != '=' &&
		       !vl_key_from_base64(s, k2) && !memcmp(k, k2, sizeof(k));
	}
	tap_ok(pass, "key: 2000 random keys round-trip through base64");

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(k, 0xa5, sizeof(k));
		tap_ok(vl_key_from_base64(bad[i], k) == -1 &&
		       vl_key_is_zero(k), "key: refuses '%s' and zeroes out",
		       bad[i]);
	}

	memset(k, 0, sizeof(k));
	zero = vl_key_is_zero(k);
	k[31] = 1;
	tap_ok(zero && !vl_key_is_zero(k), "key: is_zero tells zero keys");
	k[31] = 0;
	k[0] = 0x80;
	tap_ok(!vl_key_is_zero(k), "key: is_zero sees the first byte");

	pass = true;
	for (i = 0; i < 200 && pass; i++)
		pass = !vl_key_generate_private(k) && !(k[0] & 7) &&
		       (k[31] & 0xc0) == 0x40;
	tap_ok(pass, "key: generated private keys are clamped");
	pass = false;
	for (i = 0; i < 64 && !pass; i++)
		pass = !vl_key_generate_psk(k) && (k[0] & 7);
	tap_ok(pass, "key: preshared keys are not clamped");
	vl_key_generate_psk(k);
	vl_key_generate_psk(k2);
	tap_ok(memcmp(k, k2, sizeof(k)), "key: two preshared keys differ");
}

/* ---- accepted features ----------------------------------------------- */

static void test_minimal(void)
{
	struct vl_diag d;
	struct vl_config *cfg = parse_ok("minimal", IFACE, &d);

	if (!cfg)
		return;
	tap_ok(key_is(cfg->private_key, ALICE_PRIV), "minimal: PrivateKey");
	tap_ok(key_is(cfg->public_key, ALICE_PUB),
	       "minimal: its public key is derived");
	tap_ok(cfg->listen_port == 0 && cfg->fwmark == 0 && cfg->mtu == 0 &&
	       cfg->table == VL_TABLE_AUTO && !cfg->proxy_arp &&
	       !cfg->n_addresses && !cfg->n_peers && !cfg->n_dns_servers &&
	       !cfg->lan_interfaces.n && !cfg->post_up.n,
	       "minimal: defaults (random port, no fwmark, auto table, ...)");
	tap_ok(d.n_warnings == 0, "minimal: no warnings");
	done(cfg, &d);
}

static void test_syntax(void)
{
	struct vl_diag d;
	struct vl_config *cfg;

	cfg = parse_ok("syntax", "# a comment first\r\n"
		       "\r\n"
		       "  [interface]   # a comment after a section\r\n"
		       "\tprivatekey=" ALICE_PRIV "\t# and after a key\r\n"
		       "LISTENPORT   =    51820   \r\n"
		       "   # indented comment\r\n"
		       "[PEER]\r\n"
		       "publicKEY = " PEER1 "\r\n"
		       "allowedips=10.0.0.0/8", &d);
	if (!cfg)
		return;
	tap_ok(key_is(cfg->private_key, ALICE_PRIV) &&
	       cfg->listen_port == 51820,
	       "syntax: any case, CRLF, comments, blanks, no spaces at '='");
	tap_ok(cfg->n_peers == 1 && key_is(cfg->peers[0].public_key, PEER1) &&
	       cfg->peers[0].n_allowed_ips == 1 &&
	       prefix_is(&cfg->peers[0].allowed_ips[0], "10.0.0.0/8"),
	       "syntax: a last line without a newline counts");
	tap_ok(cfg->peers[0].line == 7, "syntax: a peer knows its line (%u)",
	       cfg->peers[0].line);
	done(cfg, &d);
}

static void test_listen_port(void)
{
	static const struct {
		const char *v;
		uint16_t port;
	} good[] = { { "0", 0 }, { "1", 1 }, { "51820", 51820 },
		     { "65535", 65535 }, { "051820", 51820 } };
	static const char *const bad[] = { "65536", "-1", "+5", "abc", "",
					   "5 1", "0x10", "99999999999999" };
	char text[256];
	struct vl_diag d;
	struct vl_config *cfg;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		snprintf(text, sizeof(text), IFACE "ListenPort = %s\n",
			 good[i].v);
		cfg = parse(text, &d);
		tap_ok(cfg && cfg->listen_port == good[i].port,
		       "ListenPort = %s", good[i].v);
		done(cfg, &d);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), IFACE "ListenPort = %s\n",
			 bad[i]);
		expect_error("ListenPort bad", text, 3, "ListenPort");
	}
}

static void test_address(void)
{
	struct vl_diag d;
	struct vl_config *cfg;

	cfg = parse_ok("Address", IFACE
		       "Address = 10.0.0.1/24, fd00::1/64\n"
		       "Address=192.168.1.1 ,fd00:1::2\n"
		       "Address = 172.16.0.1/12 2001:db8::1/128\n"
		       "Address = 10.9.9.9/0\n", &d);
	if (!cfg)
		return;
	tap_ok(cfg->n_addresses == 7, "Address: lists and repeats add up (%zu)",
	       cfg->n_addresses);
	if (cfg->n_addresses == 7) {
		tap_ok(prefix_is(&cfg->addresses[0], "10.0.0.1/24") &&
		       prefix_is(&cfg->addresses[1], "fd00::1/64"),
		       "Address: host bits are kept (it is our address)");
		tap_ok(prefix_is(&cfg->addresses[2], "192.168.1.1/32") &&
		       prefix_is(&cfg->addresses[3], "fd00:1::2/128"),
		       "Address: no prefix is a host");
		tap_ok(cfg->addresses[2].family == AF_INET &&
		       cfg->addresses[3].family == AF_INET6 &&
		       cfg->addresses[2].addr[0] == 192 &&
		       cfg->addresses[2].addr[3] == 1,
		       "Address: families and bytes in network order");
		tap_ok(prefix_is(&cfg->addresses[4], "172.16.0.1/12") &&
		       prefix_is(&cfg->addresses[5], "2001:db8::1/128"),
		       "Address: blanks separate too, as in wg-quick");
		tap_ok(prefix_is(&cfg->addresses[6], "10.9.9.9/0"),
		       "Address: /0 is a prefix");
	}
	done(cfg, &d);
	cfg = parse_ok("Address empty", IFACE "Address =\n", &d);
	tap_ok(cfg && !cfg->n_addresses, "Address: an empty list is none");
	done(cfg, &d);
}

static void test_mtu(void)
{
	struct vl_diag d;
	struct vl_config *cfg;

	cfg = parse(IFACE "MTU = 1420\n", &d);
	tap_ok(cfg && cfg->mtu == 1420, "MTU = 1420");
	done(cfg, &d);
	cfg = parse(IFACE "MTU = 576\n", &d);
	tap_ok(cfg && cfg->mtu == 576 && !d.n_warnings,
	       "MTU = 576, without IPv6 no warning");
	done(cfg, &d);
	cfg = parse(IFACE "MTU = 65535\n", &d);
	tap_ok(cfg && cfg->mtu == 65535, "MTU = 65535");
	done(cfg, &d);
	cfg = parse(IFACE "MTU = 1000\nAddress = fd00::1/64\n", &d);
	tap_ok(cfg && cfg->mtu == 1000 && d.n_warnings == 1 &&
	       warned(&d, "t.conf:3: warning: MTU 1000") &&
	       warned(&d, "IPv6"), "MTU below 1280 with IPv6: a warning");
	done(cfg, &d);
	expect_error("MTU 575", IFACE "MTU = 575\n", 3, "MTU");
	expect_error("MTU 65536", IFACE "MTU = 65536\n", 3, "MTU");
	expect_error("MTU words", IFACE "MTU = auto\n", 3, "576 to 65535");
}

static void test_table(void)
{
	static const struct {
		const char *v;
		enum vl_table_mode mode;
		uint32_t id;
	} good[] = {
		{ "auto", VL_TABLE_AUTO, 0 }, { "AUTO", VL_TABLE_AUTO, 0 },
		{ "off", VL_TABLE_OFF, 0 }, { "Off", VL_TABLE_OFF, 0 },
		{ "1234", VL_TABLE_ID, 1234 }, { "1", VL_TABLE_ID, 1 },
		{ "0x10", VL_TABLE_ID, 16 },
		{ "4294967295", VL_TABLE_ID, 4294967295u },
		{ "main", VL_TABLE_ID, 254 }, { "local", VL_TABLE_ID, 255 },
		{ "default", VL_TABLE_ID, 253 },
	};
	static const char *const bad[] = { "0", "4294967296", "12ab", "-1",
					   "no-such-table-anywhere" };
	char text[256], rt[] = "# comment\n100  vpn   # ours\n0x65 hexy\n"
			       "  7\tseven\nbroken\n0 unspec\n"
			       "  # 5 five\n400 named#x\n";
	const char *path;
	struct vl_diag d;
	struct vl_config *cfg;
	uint32_t id = 0;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		snprintf(text, sizeof(text), IFACE "Table = %s\n", good[i].v);
		cfg = parse(text, &d);
		tap_ok(cfg && cfg->table == good[i].mode &&
		       cfg->table_id == good[i].id, "Table = %s", good[i].v);
		done(cfg, &d);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), IFACE "Table = %s\n", bad[i]);
		expect_error("Table bad", text, 3, "Table");
	}
	path = write_file("rt_tables", rt, 0644);
	tap_ok(!vl_rt_table_lookup(path, "vpn", &id) && id == 100,
	       "rt_tables: a name with its number");
	tap_ok(!vl_rt_table_lookup(path, "hexy", &id) && id == 0x65,
	       "rt_tables: a hex number");
	tap_ok(!vl_rt_table_lookup(path, "seven", &id) && id == 7,
	       "rt_tables: blanks and tabs");
	tap_ok(vl_rt_table_lookup(path, "comment", &id) == -ENOENT &&
	       vl_rt_table_lookup(path, "ours", &id) == -ENOENT &&
	       vl_rt_table_lookup(path, "five", &id) == -ENOENT &&
	       vl_rt_table_lookup(path, "broken", &id) == -ENOENT,
	       "rt_tables: comments and broken lines name nothing");
	tap_ok(!vl_rt_table_lookup(path, "named#x", &id) && id == 400 &&
	       vl_rt_table_lookup(path, "named", &id) == -ENOENT,
	       "rt_tables: a '#' inside a name is part of it, as for ip(8)");
	tap_ok(vl_rt_table_lookup("/nonexistent/rt", "vpn", &id) == -ENOENT,
	       "rt_tables: a missing file is -ENOENT");
}

static void test_fwmark(void)
{
	static const struct {
		const char *v;
		uint32_t mark;
	} good[] = { { "off", 0 }, { "OFF", 0 }, { "0", 0 },
		     { "51820", 51820 }, { "0x1234", 0x1234 },
		     { "0XfF", 255 }, { "4294967295", 4294967295u },
		     { "0xffffffff", 4294967295u } };
	static const char *const bad[] = { "4294967296", "0x100000000", "0x",
					   "-1", "on", "12 3" };
	char text[256];
	struct vl_diag d;
	struct vl_config *cfg;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		snprintf(text, sizeof(text), IFACE "FwMark = %s\n", good[i].v);
		cfg = parse(text, &d);
		tap_ok(cfg && cfg->fwmark == good[i].mark, "FwMark = %s",
		       good[i].v);
		done(cfg, &d);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), IFACE "FwMark = %s\n", bad[i]);
		expect_error("FwMark bad", text, 3, "FwMark");
	}
}

static void test_hooks(void)
{
	struct vl_diag d;
	struct vl_config *cfg;
	char *s;

	cfg = parse_ok("hooks", IFACE
		       "PreUp = echo pre %i\n"
		       "PostUp = iptables -A FORWARD -i %i -j ACCEPT; iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE\n"
		       "PostUp = echo 'two  spaces'   # a comment, cut\n"
		       "PreDown = echo down\n"
		       "PostDown = echo a=b\n"
		       "PostUp =\n", &d);
	if (!cfg)
		return;
	tap_ok(cfg->pre_up.n == 1 && !strcmp(cfg->pre_up.v[0], "echo pre %i"),
	       "PreUp kept raw, %%i and all");
	tap_ok(cfg->post_up.n == 2 &&
	       !strcmp(cfg->post_up.v[0], "iptables -A FORWARD -i %i -j ACCEPT; iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE") &&
	       !strcmp(cfg->post_up.v[1], "echo 'two  spaces'"),
	       "PostUp repeats in order, inner blanks kept, comment cut");
	tap_ok(cfg->pre_down.n == 1 && !strcmp(cfg->pre_down.v[0], "echo down"),
	       "PreDown");
	tap_ok(cfg->post_down.n == 1 && !strcmp(cfg->post_down.v[0], "echo a=b"),
	       "PostDown: an '=' in the value stays");
	done(cfg, &d);

	s = vl_config_expand_hook("ip link set %i up; echo %i%%i %x", "wg0");
	tap_ok(s && !strcmp(s, "ip link set wg0 up; echo wg0%wg0 %x"),
	       "%%i expands everywhere, as bash's ${1//%%i/wg0}");
	free(s);
	s = vl_config_expand_hook("%i", "site-a");
	tap_ok(s && !strcmp(s, "site-a"), "%%i alone");
	free(s);
	s = vl_config_expand_hook("no name here %", "wg0");
	tap_ok(s && !strcmp(s, "no name here %"), "no %%i: unchanged");
	free(s);
}

static void test_dns(void)
{
	struct vl_diag d;
	struct vl_config *cfg;

	cfg = parse_ok("DNS", IFACE
		       "DNS = 1.1.1.1, fd00::53, example.com\n"
		       "DNS = corp.example. ~lan ~. 9.9.9.9\n", &d);
	if (!cfg)
		return;
	tap_ok(cfg->n_dns_servers == 3 &&
	       addr_is(&cfg->dns_servers[0], "1.1.1.1") &&
	       addr_is(&cfg->dns_servers[1], "fd00::53") &&
	       addr_is(&cfg->dns_servers[2], "9.9.9.9"),
	       "DNS: IP addresses are servers, in order");
	tap_ok(cfg->dns_search.n == 4 &&
	       !strcmp(cfg->dns_search.v[0], "example.com") &&
	       !strcmp(cfg->dns_search.v[1], "corp.example.") &&
	       !strcmp(cfg->dns_search.v[2], "~lan") &&
	       !strcmp(cfg->dns_search.v[3], "~."),
	       "DNS: other names are search domains");
	done(cfg, &d);
	expect_error("DNS bad IPv4", IFACE "DNS = 1.2.3\n", 3, "not an IP");
	expect_error("DNS bad IPv6", IFACE "DNS = fd00:::1\n", 3,
		     "not an IP");
	expect_error("DNS bad domain", IFACE "DNS = 1.1.1.1, bad!name\n", 3,
		     "not a domain");
	expect_error("DNS bad label", IFACE "DNS = a..b\n", 3,
		     "not a domain");
	expect_error("DNS two trailing dots", IFACE "DNS = a..\n", 3,
		     "not a domain");
	expect_error("DNS only a dot (a server, to wg-quick)", IFACE "DNS = .\n", 3,
		     "server '.'");
}

static void test_save_config(void)
{
	struct vl_diag d;
	struct vl_config *cfg;

	cfg = parse(IFACE "SaveConfig = false\n", &d);
	tap_ok(cfg != NULL, "SaveConfig = false");
	done(cfg, &d);
	cfg = parse(IFACE "SaveConfig = False\n", &d);
	tap_ok(cfg != NULL, "SaveConfig = False (any case, as wg-quick)");
	done(cfg, &d);
	expect_error("SaveConfig true", IFACE "SaveConfig = true\n", 3,
		     "not supported");
	expect_error("SaveConfig junk", IFACE "SaveConfig = maybe\n", 3,
		     "true or false");
}

static void test_lan_interface(void)
{
	struct vl_diag d;
	struct vl_config *cfg;

	cfg = parse_ok("LanInterface", IFACE
		       "LanInterface = eth1, eth2\n"
		       "LanInterface = br-lan.10\n"
		       "LanInterface = abcdefghijklmno\n", &d);
	if (!cfg)
		return;
	tap_ok(cfg->lan_interfaces.n == 4 &&
	       !strcmp(cfg->lan_interfaces.v[0], "eth1") &&
	       !strcmp(cfg->lan_interfaces.v[1], "eth2") &&
	       !strcmp(cfg->lan_interfaces.v[2], "br-lan.10") &&
	       !strcmp(cfg->lan_interfaces.v[3], "abcdefghijklmno"),
	       "LanInterface: lists and repeats, in order, 15 characters");
	done(cfg, &d);
	expect_error("LanInterface too long",
		     IFACE "LanInterface = abcdefghijklmnop\n", 3,
		     "not an interface name");
	expect_error("LanInterface slash", IFACE "LanInterface = eth/0\n", 3,
		     "LanInterface");
	expect_error("LanInterface colon", IFACE "LanInterface = eth0:1\n", 3,
		     "LanInterface");
	expect_error("LanInterface dot", IFACE "LanInterface = ..\n", 3,
		     "LanInterface");
	expect_error("LanInterface twice",
		     IFACE "LanInterface = eth1\nLanInterface = eth2, eth1\n",
		     4, "twice");
}

static void test_proxy_arp(void)
{
	static const struct {
		const char *v;
		bool on;
	} good[] = { { "yes", true }, { "no", false }, { "true", true },
		     { "false", false }, { "on", true }, { "off", false },
		     { "1", true }, { "0", false }, { "YES", true },
		     { "Off", false } };
	char text[256];
	struct vl_diag d;
	struct vl_config *cfg;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		snprintf(text, sizeof(text), IFACE "ProxyArp = %s\n",
			 good[i].v);
		cfg = parse(text, &d);
		tap_ok(cfg && cfg->proxy_arp == good[i].on, "ProxyArp = %s",
		       good[i].v);
		done(cfg, &d);
	}
	expect_error("ProxyArp junk", IFACE "ProxyArp = maybe\n", 3,
		     "yes or no");
	expect_error("ProxyArp 2", IFACE "ProxyArp = 2\n", 3, "ProxyArp");
}

static void test_peer(void)
{
	struct vl_diag d;
	struct vl_config *cfg;
	struct vl_peer *p;

	cfg = parse_ok("peers",
		       "[Peer]\n"					/* 1 */
		       "PublicKey = " PEER1 "\n"
		       "PresharedKey = " PSK "\n"
		       "Endpoint = vpn.example.com:51820\n"
		       "AllowedIPs = 10.1.0.0/16, fd01::/48\n"		/* 5 */
		       "AllowedIPs = 192.168.7.0/24\n"
		       "PersistentKeepalive = 25\n"
		       "\n"
		       IFACE						/* 9 */
		       "[Peer]\n"					/* 11 */
		       "PublicKey = " PEER2 "\n"
		       "Endpoint = [2001:db8::1]:4500\n"
		       "PersistentKeepalive = off\n"
		       "[Peer]\n"					/* 15 */
		       "PublicKey = " BOB_PUB "\n"
		       "Endpoint = 192.0.2.7:1\n", &d);
	if (!cfg)
		return;
	tap_ok(cfg->n_peers == 3, "peers: three, the first before [Interface]");
	if (cfg->n_peers != 3)
		goto out;
	p = &cfg->peers[0];
	tap_ok(key_is(p->public_key, PEER1) && p->line == 1,
	       "peer: PublicKey and line");
	tap_ok(p->has_preshared_key && key_is(p->preshared_key, PSK),
	       "peer: PresharedKey");
	tap_ok(p->endpoint.host && !strcmp(p->endpoint.host, "vpn.example.com") &&
	       !strcmp(p->endpoint.port, "51820") &&
	       p->endpoint.port_num == 51820,
	       "peer: Endpoint name:port kept unresolved");
	tap_ok(p->n_allowed_ips == 3 &&
	       prefix_is(&p->allowed_ips[0], "10.1.0.0/16") &&
	       prefix_is(&p->allowed_ips[1], "fd01::/48") &&
	       prefix_is(&p->allowed_ips[2], "192.168.7.0/24"),
	       "peer: AllowedIPs lists and repeats");
	tap_ok(p->persistent_keepalive == 25, "peer: PersistentKeepalive = 25");
	p = &cfg->peers[1];
	tap_ok(p->line == 11 && key_is(p->public_key, PEER2) &&
	       !p->has_preshared_key && vl_key_is_zero(p->preshared_key),
	       "peer: no PresharedKey is zeros");
	tap_ok(p->endpoint.host && !strcmp(p->endpoint.host, "2001:db8::1") &&
	       !strcmp(p->endpoint.port, "4500"),
	       "peer: Endpoint [IPv6]:port loses its brackets");
	tap_ok(p->persistent_keepalive == 0 && p->n_allowed_ips == 0,
	       "peer: PersistentKeepalive = off; no AllowedIPs is fine");
	p = &cfg->peers[2];
	tap_ok(p->line == 15 && p->endpoint.host &&
	       !strcmp(p->endpoint.host, "192.0.2.7") &&
	       p->endpoint.port_num == 1, "peer: Endpoint IPv4:port");
out:
	done(cfg, &d);

	cfg = parse_ok("peer without endpoint", IFACE "[Peer]\nPublicKey = "
		       PEER1 "\n", &d);
	tap_ok(cfg && cfg->n_peers == 1 && !cfg->peers[0].endpoint.host,
	       "peer: no Endpoint is a NULL host");
	done(cfg, &d);
}

static void test_endpoints(void)
{
	static const struct {
		const char *v, *host;
		uint16_t port;
	} good[] = {
		{ "h:1", "h", 1 },
		{ "host.example.:65535", "host.example.", 65535 },
		{ "_srv.my-host.example:80", "_srv.my-host.example", 80 },
		{ "[::1]:51820", "::1", 51820 },
		{ "[fe80::1%eth0]:51820", "fe80::1%eth0", 51820 },
		{ "[fe80::1%3]:51820", "fe80::1%3", 51820 },
		{ "[::ffff:192.0.2.1]:7", "::ffff:192.0.2.1", 7 },
		{ "10.0.0.1:051820", "10.0.0.1", 51820 },
	};
	static const struct {
		const char *v, *why;
	} bad[] = {
		{ "example.com", "no port" },
		{ "example.com:", "port" },
		{ "example.com:0", "port" },
		{ "example.com:65536", "port" },
		{ "example.com:http", "port" },
		{ "example.com:-1", "port" },
		{ ":51820", "no host" },
		{ "::1:51820", "brackets" },
		{ "2001:db8::1:51820", "brackets" },
		{ "[2001:db8::1:51820", "]" },
		{ "[2001:db8::1]51820", "port" },
		{ "[2001:db8::1]:", "port" },
		{ "[]:51820", "empty" },
		{ "[10.0.0.1]:51820", "IPv6" },
		{ "[fe80::1%]:51820", "zone" },
		{ "[fe80::1%a/b]:51820", "zone" },
		{ "10.0.0.256:51820", "IPv4" },
		{ "1.2.3:51820", "IPv4" },
		{ "bad!host:51820", "host name" },
		{ "a..b:51820", "host name" },
		{ "exa mple.com:51820", "host name" },
	};
	char text[512], host[VL_HOST_MAX + 1], long_host[300];
	struct vl_diag d;
	struct vl_config *cfg;
	uint16_t port;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		snprintf(text, sizeof(text),
			 IFACE "[Peer]\nPublicKey = " PEER1 "\nEndpoint = %s\n",
			 good[i].v);
		cfg = parse(text, &d);
		tap_ok(cfg && cfg->n_peers == 1 &&
		       cfg->peers[0].endpoint.host &&
		       !strcmp(cfg->peers[0].endpoint.host, good[i].host) &&
		       cfg->peers[0].endpoint.port_num == good[i].port,
		       "Endpoint = %s", good[i].v);
		done(cfg, &d);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text),
			 IFACE "[Peer]\nPublicKey = " PEER1 "\nEndpoint = %s\n",
			 bad[i].v);
		expect_error("Endpoint bad", text, 5, bad[i].why);
	}
	/* 63 + 1 + 63 + 1 + 63 + 1 + 62 = 254 > 253 */
	memset(long_host, 'a', sizeof(long_host));
	long_host[63] = long_host[127] = long_host[191] = '.';
	strcpy(long_host + 254, ":1");
	tap_ok(vl_parse_endpoint(long_host, host, &port) != NULL,
	       "Endpoint: a name of 254 characters");
	long_host[254] = '\0';
	tap_ok(!vl_domain_valid(long_host),
	       "domain names: 254 characters is one too many");
	strcpy(long_host + 254, ".");
	tap_ok(!vl_domain_valid(long_host),
	       "domain names: a trailing dot does not make it fit");
	long_host[253] = '\0';
	strcat(long_host, ":1");
	tap_ok(vl_parse_endpoint(long_host, host, &port) == NULL &&
	       strlen(host) == 253 && port == 1,
	       "Endpoint: a name of 253 characters");
	memset(long_host, 'b', 64);
	strcpy(long_host + 64, ".example:1");
	tap_ok(vl_parse_endpoint(long_host, host, &port) != NULL,
	       "Endpoint: a label beyond 63 characters");
}

static void test_allowed_ips(void)
{
	struct vl_diag d;
	struct vl_config *cfg;
	struct vl_peer *p;

	cfg = parse_ok("AllowedIPs masked", IFACE "[Peer]\nPublicKey = " PEER1
		       "\nAllowedIPs = 10.0.0.1/24, 10.1.2.3, fd00::1/64\n"
		       "AllowedIPs = 192.168.1.200/0, ::/0, 10.255.255.255/9\n",
		       &d);
	if (!cfg)
		return;
	p = &cfg->peers[0];
	tap_ok(p->n_allowed_ips == 6, "AllowedIPs: six");
	if (p->n_allowed_ips == 6) {
		tap_ok(prefix_is(&p->allowed_ips[0], "10.0.0.0/24") &&
		       prefix_is(&p->allowed_ips[2], "fd00::/64") &&
		       prefix_is(&p->allowed_ips[3], "0.0.0.0/0") &&
		       prefix_is(&p->allowed_ips[5], "10.128.0.0/9"),
		       "AllowedIPs: host bits masked off, as wg does");
		tap_ok(prefix_is(&p->allowed_ips[1], "10.1.2.3/32") &&
		       prefix_is(&p->allowed_ips[4], "::/0"),
		       "AllowedIPs: no prefix is a host; exact ones unchanged");
	}
	tap_ok(d.n_warnings == 4, "AllowedIPs: one warning per masked (%zu)",
	       d.n_warnings);
	tap_ok(warned(&d, "t.conf:5: warning: AllowedIPs 10.0.0.1/24") &&
	       warned(&d, "using 10.0.0.0/24") &&
	       warned(&d, "t.conf:6: warning: AllowedIPs 10.255.255.255/9") &&
	       warned(&d, "using 10.128.0.0/9"),
	       "AllowedIPs: warnings name line, value and what is used");
	done(cfg, &d);

	expect_error("AllowedIPs /33", IFACE "[Peer]\nPublicKey = " PEER1
		     "\nAllowedIPs = 10.0.0.0/33\n", 5, "AllowedIPs '10.0.0.0/33'");
	expect_error("AllowedIPs /129", IFACE "[Peer]\nPublicKey = " PEER1
		     "\nAllowedIPs = ::/129\n", 5, "AllowedIPs");
	expect_error("AllowedIPs no prefix after /", IFACE "[Peer]\nPublicKey = "
		     PEER1 "\nAllowedIPs = 10.0.0.0/\n", 5, "AllowedIPs");
	expect_error("AllowedIPs name", IFACE "[Peer]\nPublicKey = " PEER1
		     "\nAllowedIPs = example.com/32\n", 5, "AllowedIPs");
	expect_error("AllowedIPs hex prefix", IFACE "[Peer]\nPublicKey = "
		     PEER1 "\nAllowedIPs = 10.0.0.0/0x8\n", 5, "AllowedIPs");
}

static void test_keepalive(void)
{
	char text[256];
	struct vl_diag d;
	struct vl_config *cfg;

	cfg = parse(IFACE "[Peer]\nPublicKey = " PEER1
		    "\nPersistentKeepalive = 65535\n", &d);
	tap_ok(cfg && cfg->peers[0].persistent_keepalive == 65535,
	       "PersistentKeepalive = 65535");
	done(cfg, &d);
	cfg = parse(IFACE "[Peer]\nPublicKey = " PEER1
		    "\nPersistentKeepalive = 0\n", &d);
	tap_ok(cfg && cfg->peers[0].persistent_keepalive == 0,
	       "PersistentKeepalive = 0");
	done(cfg, &d);
	snprintf(text, sizeof(text), IFACE "[Peer]\nPublicKey = " PEER1
		 "\nPersistentKeepalive = 65536\n");
	expect_error("PersistentKeepalive 65536", text, 5,
		     "PersistentKeepalive");
	snprintf(text, sizeof(text), IFACE "[Peer]\nPublicKey = " PEER1
		 "\nPersistentKeepalive = 25s\n");
	expect_error("PersistentKeepalive 25s", text, 5, "seconds");
}

/* The examples of the manual pages, as they are (but SaveConfig). */
static void test_examples(void)
{
	struct vl_diag d;
	struct vl_config *cfg;

	cfg = parse_ok("wg(8) example",
		       "[Interface]\n"
		       "PrivateKey = yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=\n"
		       "ListenPort = 51820\n"
		       "\n"
		       "[Peer]\n"
		       "PublicKey = xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=\n"
		       "Endpoint = 192.95.5.67:1234\n"
		       "AllowedIPs = 10.192.122.3/32, 10.192.124.1/24\n"
		       "\n"
		       "[Peer]\n"
		       "PublicKey = TrMvSoP4jYQlY6RIzBgbssQqY3vxI2Pi+y71lOWWXX0=\n"
		       "Endpoint = [2607:5300:60:6b0::c05f:543]:2468\n"
		       "AllowedIPs = 10.192.122.4/32, 192.168.0.0/16\n"
		       "\n"
		       "[Peer]\n"
		       "PublicKey = gN65BkIKy1eCE9pP1wdc8ROUtkHLF2PfAqYdyYBz6EA=\n"
		       "Endpoint = test.wireguard.com:18981\n"
		       "AllowedIPs = 10.10.10.230/32\n", &d);
	if (cfg) {
		/* wg pubkey of its PrivateKey. */
		tap_ok(key_is(cfg->public_key,
			      "HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw="),
		       "wg(8) example: our public key is wg's");
		tap_ok(cfg->listen_port == 51820 && cfg->n_peers == 3 &&
		       cfg->peers[0].n_allowed_ips == 2 &&
		       prefix_is(&cfg->peers[0].allowed_ips[1],
				 "10.192.124.0/24") &&
		       !strcmp(cfg->peers[1].endpoint.host,
			       "2607:5300:60:6b0::c05f:543") &&
		       cfg->peers[2].endpoint.port_num == 18981,
		       "wg(8) example: everything in place");
		tap_ok(d.n_warnings == 1 && warned(&d, "t.conf:8: warning:"),
		       "wg(8) example: its 10.192.124.1/24 is warned about");
	}
	done(cfg, &d);

	cfg = parse_ok("wg-quick(8) example",
		       "[Interface]\n"
		       "Address = 10.200.100.8/24\n"
		       "DNS = 10.200.100.1\n"
		       "PrivateKey = oK56DE9Ue9zK76rAc8pBl6opph+1v36lm7cXXsQKrQM=\n"
		       "PostUp = iptables -I OUTPUT ! -o %i -m mark ! --mark $(wg show %i fwmark) -m addrtype ! --dst-type LOCAL -j REJECT\n"
		       "PreDown = iptables -D OUTPUT ! -o %i -m mark ! --mark $(wg show %i fwmark) -m addrtype ! --dst-type LOCAL -j REJECT\n"
		       "PostUp = wg set %i private-key <(pass WireGuard/private-keys/%i)\n"
		       "Table = 1234\n"
		       "\n"
		       "[Peer]\n"
		       "PublicKey = GtL7fZc/bLnqZldpVofMCD6hDjrK28SsdLxevJ+qtKU=\n"
		       "PresharedKey = /UwcSPg38hW/D9Y3tcS1FOV0K1wuURMbS0sesJEP5ak=\n"
		       "AllowedIPs = 0.0.0.0/0\n"
		       "Endpoint = demo.wireguard.com:51820\n", &d);
	if (cfg) {
		tap_ok(key_is(cfg->public_key,
			      "cL9S5KV5wAy/AsKyYct3qz9BHxe5FYqxlb/eDthF/VY=") &&
		       cfg->n_addresses == 1 && cfg->n_dns_servers == 1 &&
		       cfg->post_up.n == 2 && cfg->pre_down.n == 1 &&
		       cfg->table == VL_TABLE_ID && cfg->table_id == 1234 &&
		       cfg->n_peers == 1 && cfg->peers[0].has_preshared_key &&
		       !strcmp(cfg->peers[0].endpoint.host,
			       "demo.wireguard.com") && d.n_warnings == 0,
		       "wg-quick(8) example: everything in place");
	}
	done(cfg, &d);
}

static void test_many(void)
{
	size_t n = 1000, i, len = 0, cap = 256 + n * 128;
	char *text = malloc(cap), *line = malloc(1 << 20);
	uint8_t k[VL_KEY_LEN];
	char b64[VL_KEY_B64_LEN + 1];
	struct vl_diag d;
	struct vl_config *cfg;
	bool pass;

	if (!text || !line)
		abort();
	len += snprintf(text + len, cap - len, IFACE);
	for (i = 0; i < n; i++) {
		memset(k, 0, sizeof(k));
		memcpy(k, &i, sizeof(i));
		k[31] = 1;
		vl_key_to_base64(k, b64);
		len += snprintf(text + len, cap - len,
				"[Peer]\nPublicKey = %s\nAllowedIPs = 10.%zu.%zu.0/24\n",
				b64, i >> 8, i & 255);
	}
	cfg = parse(text, &d);
	pass = cfg && cfg->n_peers == n;
	for (i = 0; pass && i < n; i++)
		pass = cfg->peers[i].line == 3 + 3 * i &&
		       cfg->peers[i].n_allowed_ips == 1 &&
		       cfg->peers[i].allowed_ips[0].addr[1] == (i >> 8) &&
		       cfg->peers[i].allowed_ips[0].addr[2] == (i & 255);
	tap_ok(pass, "1000 peers, each in its place");
	done(cfg, &d);

	/* A line of a megabyte: no fixed line buffer anywhere. */
	memset(line, 'x', (1 << 20) - 1);
	line[(1 << 20) - 1] = '\0';
	memcpy(line, "PostUp = ", 9);
	free(text);
	if (asprintf(&text, IFACE "%s\nMTU = 1400\n", line) < 0)
		abort();
	cfg = parse(text, &d);
	tap_ok(cfg && cfg->post_up.n == 1 &&
	       strlen(cfg->post_up.v[0]) == (1 << 20) - 10 &&
	       cfg->mtu == 1400, "a 1 MiB line");
	done(cfg, &d);
	free(text);
	free(line);
}

/* ---- mistakes -------------------------------------------------------- */

static void test_errors_structure(void)
{
	char text[128];
	struct vl_diag d;
	struct vl_config *cfg;

	expect_error("empty file", "", 1, "no [Interface]");
	expect_error("only comments", "# nothing\n\n", 1, "no [Interface]");
	expect_error("only a peer", "[Peer]\nPublicKey = " PEER1 "\n", 1,
		     "no [Interface]");
	expect_error("unknown section", IFACE "[Peers]\n", 3,
		     "unknown section '[Peers]'");
	expect_error("section with blanks", "[ Interface ]\n", 1,
		     "unknown section");
	expect_error("unterminated section", "[Interface\nPrivateKey = "
		     ALICE_PRIV "\n", 1, "not a section header");
	expect_error("junk after section", "[Interface] x\n", 1,
		     "not a section header");
	expect_error("second [Interface]", IFACE "\n[Interface]\n", 4,
		     "first is at line 1");
	expect_error("unknown key in [Interface]", IFACE "Foo = bar\n", 3,
		     "unknown key 'Foo' in [Interface]");
	expect_error("unknown key in [Peer]", IFACE "[Peer]\nPublicKey = "
		     PEER1 "\nAddress = 10.0.0.1\n", 5, "belongs in [Interface]");
	expect_error("unknown key in [Peer], really", IFACE "[Peer]\n"
		     "PublicKey = " PEER1 "\nPersistentKeepAlive2 = 5\n", 5,
		     "unknown key 'PersistentKeepAlive2' in [Peer]");
	expect_error("key outside a section", "PrivateKey = " ALICE_PRIV "\n"
		     "[Interface]\n", 1, "outside of any section");
	expect_error("unknown key outside a section", "\n\nFoo = 1\n", 3,
		     "unknown key 'Foo'");
	expect_error("Peer key in [Interface]", IFACE "PublicKey = " PEER1
		     "\n", 3, "PublicKey belongs in [Peer]");
	expect_error("no '='", IFACE "ListenPort 51820\n", 3,
		     "neither \"Key = Value\"");
	expect_error("no key", IFACE " = 5\n", 3, "no key");
	expect_error("missing PrivateKey", "\n# x\n[Interface]\nListenPort = 1\n"
		     "[Peer]\nPublicKey = " PEER1 "\n", 3,
		     "[Interface] has no PrivateKey");
	expect_error("missing PrivateKey at the end", "[Peer]\nPublicKey = "
		     PEER1 "\n[Interface]\nListenPort = 1\n", 3,
		     "has no PrivateKey");
	expect_error("missing PublicKey", IFACE "[Peer]\nPublicKey = " PEER1
		     "\n[Peer]\nAllowedIPs = 10.0.0.0/8\n[Peer]\nPublicKey = "
		     PEER2 "\n", 5, "[Peer] has no PublicKey");
	expect_error("missing PublicKey in the last peer", IFACE "[Peer]\n"
		     "Endpoint = h:1\n", 3, "[Peer] has no PublicKey");
	expect_error_n("NUL byte", IFACE "ListenPort = 1\0 2\n",
		       sizeof(IFACE "ListenPort = 1\0 2\n") - 1, 3, "NUL");
	expect_error_n("NUL byte in a comment", IFACE "# \0\n",
		       sizeof(IFACE "# \0\n") - 1, 3, "NUL");
	expect_error_n("NUL byte on a last line", IFACE "\0",
		       sizeof(IFACE "\0") - 1, 3, "NUL");
	/* A text with a NUL: the parser must stop where told, not at NULs. */
	memcpy(text, IFACE "MTU = 1400\n\0junk", sizeof(IFACE) + 16);
	cfg = NULL;
	memset(&d, 0, sizeof(d));
	tap_ok(vl_config_parse_buffer("t.conf", text, sizeof(IFACE) + 10,
				      &cfg, &d) == 0 && cfg && cfg->mtu == 1400,
	       "NUL byte beyond len: never read");
	done(cfg, &d);
	memset(&d, 0, sizeof(d));
	tap_ok(vl_config_parse_buffer("t.conf", text, sizeof(IFACE) + 11,
				      &cfg, &d) == -EINVAL && !cfg &&
	       error_is(&d, 4, "NUL"), "NUL byte: -EINVAL, no config");
	done(cfg, &d);
	expect_error("first error wins", IFACE "MTU = 1\nListenPort = x\n", 3,
		     "MTU");
}

static void test_errors_keys(void)
{
	struct vl_diag d;
	struct vl_config *cfg;
	const char *secret = "dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCp=";
	char text[256];

	expect_error("PrivateKey short", "[Interface]\nPrivateKey = abc\n", 2,
		     "PrivateKey is not a key");
	snprintf(text, sizeof(text), "[Interface]\nPrivateKey = %s\n", secret);
	cfg = parse(text, &d);
	tap_ok(!cfg && error_is(&d, 2, "PrivateKey is not a key") &&
	       !strstr(d.error, "dwdtCnMY") && !strstr(d.error, "LCp"),
	       "PrivateKey: a bad one is not repeated in the message");
	done(cfg, &d);
	/* A key pasted alone, or without its '=': not in the message. */
	expect_error("a key alone on a line", IFACE BOB_PRIV "\n", 3,
		     "unknown key '(hidden");
	expect_error("a key after a blank", IFACE "PrivateKey " BOB_PRIV "\n",
		     3, "unknown key '(hidden: it looks like a key)'");
	expect_error("a key without any '='", IFACE "PrivateKey "
		     "XasIfmJKikt54X+Lg4AO5m87sSkmGLb9HC+LJ/+I4Os\n", 3,
		     "'(hidden: it looks like a key)' is neither");
	expect_error("a key as a section", IFACE "[" BOB_PRIV "]\n", 3,
		     "unknown section '(hidden");
	expect_error("PrivateKey zero", "[Interface]\nPrivateKey = " ZERO_KEY
		     "\n", 2, "all zeros");
	expect_error("PrivateKey twice", IFACE "PrivateKey = " BOB_PRIV "\n", 3,
		     "PrivateKey is set twice in this section: first at line 2");
	expect_error("ListenPort twice", IFACE "ListenPort = 1\n\n"
		     "listenport = 1\n", 5, "ListenPort is set twice");
	expect_error("MTU twice", IFACE "MTU = 1400\nMTU = 1400\n", 4, "twice");
	expect_error("Table twice", IFACE "Table = off\nTable = off\n", 4,
		     "twice");
	expect_error("Endpoint twice", IFACE "[Peer]\nPublicKey = " PEER1
		     "\nEndpoint = a:1\nEndpoint = b:2\n", 6, "Endpoint is set twice");
	expect_error("PublicKey twice in a peer", IFACE "[Peer]\nPublicKey = "
		     PEER1 "\nPublicKey = " PEER2 "\n", 5, "set twice");
	expect_error("PublicKey bad", IFACE "[Peer]\nPublicKey = " PEER1 "x\n",
		     4, "PublicKey is not a key");
	expect_error("PublicKey zero", IFACE "[Peer]\nPublicKey = " ZERO_KEY
		     "\n", 4, "all zeros");
	/* The points of small order on Curve25519 and its twist, as listed
	 * by Bernstein's "How do I validate Curve25519 public keys?": 1,
	 * the two of order 8, p - 1, p and p + 1 (0 is above), and the
	 * order-8 ones again with the unused top bit set.  Each was checked
	 * to be refused by another X25519 implementation too.
	 */
	{
		static const char *const low_order[] = {
			"AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
			"4Ot6fDtBuK4WVuP68Z/EatoJjeucMrH9hmIFFl9JuAA=",
			"X5yVvKNQjCSx0LFVnIPvWwREXMRYHI6G2CJO3dCfEVc=",
			"7P///////////////////////////////////////38=",
			"7f///////////////////////////////////////38=",
			"7v///////////////////////////////////////38=",
			"4Ot6fDtBuK4WVuP68Z/EatoJjeucMrH9hmIFFl9JuIA=",
			"X5yVvKNQjCSx0LFVnIPvWwREXMRYHI6G2CJO3dCfEdc=",
		};
		char conf[256], what[64];
		size_t i;

		for (i = 0; i < sizeof(low_order) / sizeof(low_order[0]);
		     i++) {
			snprintf(conf, sizeof(conf),
				 IFACE "[Peer]\nPublicKey = %s\n",
				 low_order[i]);
			snprintf(what, sizeof(what), "PublicKey %.8s... (low order)",
				 low_order[i]);
			expect_error(what, conf, 4,
				     "PublicKey is a low-order point");
		}
	}
	expect_error("PresharedKey bad", IFACE "[Peer]\nPublicKey = " PEER1
		     "\nPresharedKey = " PSK "=\n", 5, "PresharedKey is not a key");
	expect_error("duplicate peer", IFACE "[Peer]\nPublicKey = " PEER1 "\n"
		     "[Peer]\nPublicKey = " PEER2 "\n\n[Peer]\n"
		     "PublicKey = " PEER1 "\n", 9,
		     "duplicate peer: the [Peer] at line 3");
	expect_error("duplicate of the peer just before", IFACE "[Peer]\n"
		     "PublicKey = " PEER1 "\n[Peer]\nPublicKey = " PEER1 "\n", 6,
		     "duplicate peer: the [Peer] at line 3");
	expect_error("peer is ourselves", IFACE "[Peer]\nPublicKey = "
		     ALICE_PUB "\n", 4, "own");
	expect_error("peer is ourselves, [Interface] last", "[Peer]\n"
		     "PublicKey = " ALICE_PUB "\n" IFACE, 4,
		     "PrivateKey is that of the [Peer] at line 1");
	/* The same settings in the next section are no repeat. */
	cfg = parse(IFACE "[Peer]\nPublicKey = " PEER1 "\nEndpoint = a:1\n"
		    "[Peer]\nPublicKey = " PEER2 "\nEndpoint = a:1\n", &d);
	tap_ok(cfg && cfg->n_peers == 2,
	       "singular keys are singular per section, not per file");
	done(cfg, &d);
}

static void test_errors_values(void)
{
	expect_error("Address /33", IFACE "Address = 10.0.0.1/33\n", 3,
		     "Address '10.0.0.1/33'");
	expect_error("Address 256", IFACE "Address = 10.0.0.256/24\n", 3,
		     "Address");
	expect_error("Address /129", IFACE "Address = fd00::1/129\n", 3,
		     "Address");
	expect_error("Address bad in a list", IFACE "Address = 10.0.0.1/24,"
		     " fd00::1/64, bogus\n", 3, "'bogus'");
	expect_error("Address slash space", IFACE "Address = 10.0.0.1/ 24\n", 3,
		     "Address");
	expect_error("Address twice", IFACE "Address = 10.0.0.1/24\n"
		     "Address = fd00::1, 10.0.0.1/24\n", 4, "twice");
	expect_error("Address quoted safely", IFACE "Address = 10\x01\x7f\n",
		     3, "'10?" "?'");
}

/* ---- files and names ------------------------------------------------- */

static void test_paths(void)
{
	char path[64], ifname[VL_IFNAME_MAX + 1];
	static const char *const bad[] = {
		"", "bad name", "toolongname12345", "/etc/x/wg0",
		"/etc/x/.conf", "/etc/x/toolongname12345.conf", "dir/",
		"x/bad!.conf", "x/..conf", ".", "..", "x/wg0.conf.bak",
	};
	size_t i;

	unsetenv("VPNLINK_CONFIG_DIR");
	tap_ok(!vl_config_path("wg0", path, sizeof(path), ifname) &&
	       !strcmp(path, "/etc/vpnlink/wg0.conf") && !strcmp(ifname, "wg0"),
	       "path: a bare name is /etc/vpnlink/NAME.conf");
	setenv("VPNLINK_CONFIG_DIR", "/tmp/vl", 1);
	tap_ok(!vl_config_path("site-a", path, sizeof(path), ifname) &&
	       !strcmp(path, "/tmp/vl/site-a.conf") &&
	       !strcmp(ifname, "site-a"),
	       "path: VPNLINK_CONFIG_DIR moves the directory");
	setenv("VPNLINK_CONFIG_DIR", "", 1);
	tap_ok(!vl_config_path("wg0", path, sizeof(path), ifname) &&
	       !strcmp(path, "/etc/vpnlink/wg0.conf"),
	       "path: an empty VPNLINK_CONFIG_DIR is the default");
	unsetenv("VPNLINK_CONFIG_DIR");
	tap_ok(!vl_config_path("./wg1.conf", path, sizeof(path), ifname) &&
	       !strcmp(path, "./wg1.conf") && !strcmp(ifname, "wg1"),
	       "path: with a '/' it is a path");
	tap_ok(!vl_config_path("wg2.conf", path, sizeof(path), ifname) &&
	       !strcmp(path, "wg2.conf") && !strcmp(ifname, "wg2"),
	       "path: ending in .conf it is a path");
	tap_ok(!vl_config_path("/a/b.c/A_b=c+d.e-f12.conf", path, sizeof(path),
			       ifname) && !strcmp(ifname, "A_b=c+d.e-f12"),
	       "path: every character wg-quick allows");
	tap_ok(!vl_config_path("/x/abcdefghijklmno.conf", path, sizeof(path),
			       ifname) && !strcmp(ifname, "abcdefghijklmno"),
	       "path: a name of 15 characters");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		tap_ok(vl_config_path(bad[i], path, sizeof(path), ifname) ==
		       -EINVAL, "path: '%s' is refused", bad[i]);
	tap_ok(vl_config_path("/a/very/long/directory/name/that/does/not/fit/in/sixty-four/wg0.conf",
			      path, sizeof(path), ifname) == -ENAMETOOLONG,
	       "path: too long for the buffer");
	setenv("VPNLINK_CONFIG_DIR",
	       "/a/very/long/directory/name/that/does/not/fit/in/sixty-four", 1);
	tap_ok(vl_config_path("wg0", path, sizeof(path), ifname) ==
	       -ENAMETOOLONG, "path: a long VPNLINK_CONFIG_DIR too");
	unsetenv("VPNLINK_CONFIG_DIR");
}

static void test_files(void)
{
	struct vl_diag d = { 0 };
	struct vl_config *cfg;
	char expect[300];
	const char *path;
	int ret;

	/* mkdtemp makes it 0700, which would hide everything in it. */
	chmod(tmpdir, 0755);
	path = write_file("wg0.conf", IFACE "[Peer]\nPublicKey = " PEER1
			  "\nAllowedIPs = 10.0.0.1/8\n", 0600);
	ret = vl_config_parse_file(path, &cfg, &d);
	tap_ok(!ret && cfg && cfg->n_peers == 1,
	       "file: parses from a path");
	tap_ok(d.n_warnings == 1 &&
	       !strncmp(d.warnings[0], path, strlen(path)) &&
	       strstr(d.warnings[0], ":5: warning: "),
	       "file: a mode 0600 file is not warned about, and messages name the path");
	done(cfg, &d);

	path = write_file("wg0.conf", IFACE, 0644);
	snprintf(expect, sizeof(expect), "Warning: `%s' is world accessible",
		 path);
	ret = vl_config_parse_file(path, &cfg, &d);
	tap_ok(!ret && cfg && d.n_warnings == 1 &&
	       !strcmp(d.warnings[0], expect),
	       "file: mode 0644 is warned about as wg-quick does");
	done(cfg, &d);

	path = write_file("wg0.conf", IFACE, 0640);
	ret = vl_config_parse_file(path, &cfg, &d);
	tap_ok(!ret && cfg && d.n_warnings == 1 &&
	       strstr(d.warnings[0], "accessible to its group"),
	       "file: mode 0640 is warned about (group)");
	done(cfg, &d);

	path = write_file("wg0.conf", IFACE, 0602);
	ret = vl_config_parse_file(path, &cfg, &d);
	tap_ok(!ret && cfg && d.n_warnings == 1 &&
	       strstr(d.warnings[0], "world accessible"),
	       "file: mode 0602 (world writable) is warned about");
	done(cfg, &d);

	/* As wg-quick: a directory others cannot enter protects the file. */
	chmod(tmpdir, 0700);
	path = write_file("wg0.conf", IFACE, 0644);
	ret = vl_config_parse_file(path, &cfg, &d);
	tap_ok(!ret && cfg && d.n_warnings == 0,
	       "file: 0644 in a 0700 directory is not warned about");
	done(cfg, &d);
	chmod(tmpdir, 0755);

	path = write_file("bad.conf", IFACE "[Peer]\nFoo = 1\n", 0644);
	ret = vl_config_parse_file(path, &cfg, &d);
	snprintf(expect, sizeof(expect), "%s:4: unknown key 'Foo'", path);
	tap_ok(ret == -EINVAL && !cfg && d.error &&
	       !strncmp(d.error, expect, strlen(expect)) &&
	       d.n_warnings == 1,
	       "file: an error is FILE:LINE, warnings kept on failure");
	done(cfg, &d);

	snprintf(expect, sizeof(expect), "%s/missing.conf", tmpdir);
	ret = vl_config_parse_file(expect, &cfg, &d);
	tap_ok(ret == -ENOENT && !cfg && d.error &&
	       !strncmp(d.error, expect, strlen(expect)) &&
	       strstr(d.error, "No such file"),
	       "file: a missing file is -ENOENT, with its name");
	done(cfg, &d);

	ret = vl_config_parse_file(tmpdir, &cfg, &d);
	tap_ok(ret < 0 && !cfg && d.error, "file: a directory is refused");
	done(cfg, &d);

	ret = vl_config_parse_file("/dev/null", &cfg, &d);
	tap_ok(ret == -EINVAL && !cfg && d.error &&
	       !strcmp(d.error, "/dev/null:1: no [Interface] section"),
	       "file: an empty file has no [Interface], at line 1");
	done(cfg, &d);

	unlink(write_file("wg0.conf", "", 0600));
	unlink(write_file("bad.conf", "", 0600));
	unlink(write_file("rt_tables", "", 0600));
}

static void test_values(void)
{
	char s[] = " ,a, b ,,c\t d,", *p = s, *x;
	const char *items[5];
	uint32_t v = 7;
	size_t n = 0;

	while ((x = vl_list_next(&p)) && n < 5)
		items[n++] = x;
	tap_ok(n == 4 && !strcmp(items[0], "a") && !strcmp(items[1], "b") &&
	       !strcmp(items[2], "c") && !strcmp(items[3], "d") &&
	       vl_list_next(&p) == NULL,
	       "lists: commas and blanks in any number separate");
	tap_ok(!vl_parse_uint("4294967295", false, 0, UINT32_MAX, &v) &&
	       v == UINT32_MAX, "numbers: 2^32 - 1");
	tap_ok(vl_parse_uint("18446744073709551617", false, 0, UINT32_MAX,
			     &v) && v == UINT32_MAX,
	       "numbers: no wrap-around past 2^64");
	tap_ok(vl_parse_uint("5", false, 6, 10, &v) &&
	       vl_parse_uint("11", false, 6, 10, &v) && v == UINT32_MAX,
	       "numbers: below min and above max refused, out untouched");
	tap_ok(vl_linux_ifname_valid("eth0") && !vl_linux_ifname_valid("") &&
	       !vl_linux_ifname_valid("a b") && vl_linux_ifname_valid("é"),
	       "interface names as Linux takes them");
	tap_ok(vl_config_ifname_valid("wg0") && !vl_config_ifname_valid("é") &&
	       !vl_config_ifname_valid("a b") && !vl_config_ifname_valid(""),
	       "interface names as wg-quick takes them");
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_keys();
	test_minimal();
	test_syntax();
	test_listen_port();
	test_address();
	test_mtu();
	test_table();
	test_fwmark();
	test_hooks();
	test_dns();
	test_save_config();
	test_lan_interface();
	test_proxy_arp();
	test_peer();
	test_endpoints();
	test_allowed_ips();
	test_keepalive();
	test_examples();
	test_many();
	test_errors_structure();
	test_errors_keys();
	test_errors_values();
	test_paths();
	test_files();
	test_values();
	rmdir(tmpdir);
	return tap_exit();
}
