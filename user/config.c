// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration parser's scanner: lines, comments, sections, and the
 * checks that need a whole section or the whole file.  The keys
 * themselves are in config_keys.c, their values in config_values.c.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include <openssl/crypto.h>

#include "config_parse.h"

/* diag->error when even the message could not be allocated. */
static char oom_error[] = "out of memory";

static void diag_vadd(char **slot, const char *fmt, va_list ap)
{
	if (vasprintf(slot, fmt, ap) < 0)
		*slot = NULL;
}

void vl_diag_addf(struct vl_diag *diag, const char *fmt, ...)
{
	va_list ap;
	char *w;

	if (!diag || vl_array_reserve(&diag->warnings, diag->n_warnings,
				      sizeof(*diag->warnings)))
		return;
	va_start(ap, fmt);
	diag_vadd(&w, fmt, ap);
	va_end(ap);
	/* A warning lost to a lack of memory is not worth failing for. */
	if (w)
		diag->warnings[diag->n_warnings++] = w;
}

static void diag_verror(struct vl_diag *diag, const char *fmt, va_list ap)
{
	if (!diag || diag->error)
		return;
	diag_vadd(&diag->error, fmt, ap);
	if (!diag->error)
		diag->error = oom_error;
}

void vl_diag_set_error(struct vl_diag *diag, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_verror(diag, fmt, ap);
	va_end(ap);
}

static int parse_verror(struct vl_parser *p, unsigned int line,
			const char *fmt, va_list ap)
{
	char *msg;

	if (!p->diag)
		return -EINVAL;
	diag_vadd(&msg, fmt, ap);
	if (!msg)
		return vl_parse_oom(p);
	vl_diag_set_error(p->diag, "%s:%u: %s", p->name, line, msg);
	free(msg);
	return -EINVAL;
}

int vl_parse_error(struct vl_parser *p, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = parse_verror(p, p->line, fmt, ap);
	va_end(ap);
	return ret;
}

int vl_parse_error_at(struct vl_parser *p, unsigned int line,
		      const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = parse_verror(p, line, fmt, ap);
	va_end(ap);
	return ret;
}

int vl_parse_oom(struct vl_parser *p)
{
	vl_diag_set_error(p->diag, "%s:%u: out of memory", p->name, p->line);
	return -ENOMEM;
}

void vl_parse_warn(struct vl_parser *p, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (!p->diag)
		return;
	va_start(ap, fmt);
	diag_vadd(&msg, fmt, ap);
	va_end(ap);
	if (!msg)
		return;
	vl_diag_addf(p->diag, "%s:%u: warning: %s", p->name, p->line, msg);
	free(msg);
}

/* A run of base64 longer than any key name: perhaps a misplaced key. */
static bool looks_like_key(const char *s)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "abcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t run;

	for (; *s; s += run ? run : 1) {
		run = strspn(s, b64);
		if (run >= 32)
			return true;
	}
	return false;
}

const char *vl_quote(const char *s, char buf[VL_QUOTE_MAX])
{
	size_t i;

	/* Messages end up in logs; a secret must not. */
	if (looks_like_key(s))
		return strcpy(buf, "(hidden: it looks like a key)");
	for (i = 0; s[i] && i < VL_QUOTE_MAX - 4; i++)
		buf[i] = isprint((unsigned char)s[i]) ? s[i] : '?';
	if (s[i])
		memcpy(&buf[i - 3], "...", 3);
	buf[i] = '\0';
	return buf;
}

int vl_array_reserve(void *arr, size_t n, size_t size)
{
	void **a = arr, *p;
	size_t cap = n ? 2 * n : 1;

	/* Full exactly when n is 0 or a power of two. */
	if (n & (n - 1))
		return 0;
	if (cap > SIZE_MAX / size)
		return -1;
	p = malloc(cap * size);
	if (!p)
		return -1;
	if (n) {
		memcpy(p, *a, n * size);
		OPENSSL_cleanse(*a, n * size);
	}
	free(*a);
	*a = p;
	return 0;
}

static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	*end = '\0';
	return s;
}

/* What a section needs before the next one starts, or the file ends. */
static int close_section(struct vl_parser *p)
{
	switch (p->section) {
	case VL_SECTION_INTERFACE:
		if (!p->have_private_key)
			return vl_parse_error_at(p, p->section_line,
						 "[Interface] has no PrivateKey");
		break;
	case VL_SECTION_PEER:
		if (vl_key_is_zero(vl_parser_peer(p)->public_key))
			return vl_parse_error_at(p, p->section_line,
						 "[Peer] has no PublicKey");
		break;
	case VL_SECTION_NONE:
		break;
	}
	return 0;
}

static int open_section(struct vl_parser *p, const char *line)
{
	size_t len = strlen(line);
	struct vl_config *cfg = p->cfg;
	char q[VL_QUOTE_MAX];
	int ret;

	if (line[len - 1] != ']')
		return vl_parse_error(p, "'%s' is not a section header: expected [Interface] or [Peer]",
				      vl_quote(line, q));
	ret = close_section(p);
	if (ret)
		return ret;
	if (len == 11 && !strncasecmp(line, "[Interface]", len)) {
		if (p->interface_line)
			return vl_parse_error(p, "a second [Interface]: the first is at line %u",
					      p->interface_line);
		p->section = VL_SECTION_INTERFACE;
		p->interface_line = p->line;
	} else if (len == 6 && !strncasecmp(line, "[Peer]", len)) {
		if (vl_array_reserve(&cfg->peers, cfg->n_peers,
				     sizeof(*cfg->peers)))
			return vl_parse_oom(p);
		memset(&cfg->peers[cfg->n_peers], 0, sizeof(*cfg->peers));
		cfg->peers[cfg->n_peers++].line = p->line;
		p->section = VL_SECTION_PEER;
	} else {
		return vl_parse_error(p, "unknown section '%s': expected [Interface] or [Peer]",
				      vl_quote(line, q));
	}
	p->section_line = p->line;
	memset(p->seen, 0, sizeof(p->seen));
	return 0;
}

static int parse_line(struct vl_parser *p, char *line)
{
	char *eq, *key, q[VL_QUOTE_MAX];

	/* '#' starts a comment anywhere, even in a PostUp, as wg-quick. */
	line[strcspn(line, "#")] = '\0';
	line = trim(line);
	if (!*line)
		return 0;
	if (*line == '[')
		return open_section(p, line);
	eq = strchr(line, '=');
	if (!eq)
		return vl_parse_error(p, "'%s' is neither \"Key = Value\" nor a [Section]",
				      vl_quote(line, q));
	*eq = '\0';
	key = trim(line);
	if (!*key)
		return vl_parse_error(p, "no key before the '='");
	return vl_config_set(p, key, trim(eq + 1));
}

static bool has_ipv6_address(const struct vl_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->n_addresses; i++)
		if (cfg->addresses[i].family == AF_INET6)
			return true;
	return false;
}

/* Checks of the whole file, once every line is in. */
static int finish(struct vl_parser *p)
{
	struct vl_config *cfg = p->cfg;

	/* Line 1, where it belongs, even in an empty file. */
	if (!p->interface_line)
		return vl_parse_error_at(p, 1, "no [Interface] section");
	if (cfg->mtu && cfg->mtu < 1280 && has_ipv6_address(cfg)) {
		p->line = p->mtu_line;
		vl_parse_warn(p, "MTU %u is below 1280: Linux turns IPv6 off on the interface, and its IPv6 Address with it",
			      cfg->mtu);
	}
	return 0;
}

int vl_config_parse_buffer(const char *name, const char *buf, size_t len,
			   struct vl_config **out, struct vl_diag *diag)
{
	struct vl_parser p = { .name = name, .diag = diag };
	const char *nl;
	char *line = NULL;
	size_t pos = 0, n, cap = 0;
	int ret = 0;

	*out = NULL;
	p.cfg = calloc(1, sizeof(*p.cfg));
	if (!p.cfg)
		return vl_parse_oom(&p);
	while (!ret && pos < len) {
		nl = memchr(buf + pos, '\n', len - pos);
		n = nl ? (size_t)(nl - (buf + pos)) : len - pos;
		p.line++;
		if (memchr(buf + pos, '\0', n)) {
			ret = vl_parse_error(&p, "a NUL byte: this is not a text file");
			break;
		}
		/* One buffer for every line, wiped: lines hold keys. */
		if (n + 1 > cap) {
			OPENSSL_clear_free(line, cap);
			cap = n + 1 > 2 * cap ? n + 1 : 2 * cap;
			line = malloc(cap);
			if (!line) {
				cap = 0;
				ret = vl_parse_oom(&p);
				break;
			}
		}
		memcpy(line, buf + pos, n);
		line[n] = '\0';
		ret = parse_line(&p, line);
		pos += n + 1;
	}
	OPENSSL_clear_free(line, cap);
	if (!ret)
		ret = close_section(&p);
	if (!ret)
		ret = finish(&p);
	if (ret) {
		vl_config_free(p.cfg);
		return ret;
	}
	*out = p.cfg;
	return 0;
}

static void strv_free(struct vl_strv *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
}

void vl_config_free(struct vl_config *cfg)
{
	size_t i;

	if (!cfg)
		return;
	for (i = 0; i < cfg->n_peers; i++) {
		free(cfg->peers[i].endpoint.host);
		free(cfg->peers[i].allowed_ips);
	}
	/* The preshared keys are in there. */
	OPENSSL_clear_free(cfg->peers, cfg->n_peers * sizeof(*cfg->peers));
	free(cfg->addresses);
	free(cfg->dns_servers);
	strv_free(&cfg->dns_search);
	strv_free(&cfg->pre_up);
	strv_free(&cfg->post_up);
	strv_free(&cfg->pre_down);
	strv_free(&cfg->post_down);
	strv_free(&cfg->lan_interfaces);
	OPENSSL_clear_free(cfg, sizeof(*cfg));
}

void vl_diag_free(struct vl_diag *diag)
{
	size_t i;

	if (!diag)
		return;
	if (diag->error != oom_error)
		free(diag->error);
	for (i = 0; i < diag->n_warnings; i++)
		free(diag->warnings[i]);
	free(diag->warnings);
	memset(diag, 0, sizeof(*diag));
}
