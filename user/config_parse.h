/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the configuration parser: its state, shared by the line scanner
 * (config.c) and the handlers of the keys (config_keys.c).
 */
#ifndef VL_CONFIG_PARSE_H
#define VL_CONFIG_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"

enum vl_section {
	VL_SECTION_NONE,
	VL_SECTION_INTERFACE,
	VL_SECTION_PEER,
};

/* More than the keys of config_keys.c's table, checked there. */
#define VL_CONFIG_KEYS_MAX	32

/* Room for a quoted value in a message: see vl_quote(). */
#define VL_QUOTE_MAX		48

struct vl_parser {
	const char *name;		/* of the file, for messages */
	unsigned int line;		/* the line being parsed, from 1 */
	struct vl_config *cfg;
	struct vl_diag *diag;		/* may be NULL */
	enum vl_section section;
	unsigned int section_line;
	unsigned int interface_line;	/* 0 until [Interface] */
	bool have_private_key;
	unsigned int mtu_line;		/* 0 until MTU */
	/* Where each singular key was set in this section, 0 = not yet. */
	unsigned int seen[VL_CONFIG_KEYS_MAX];
};

/* "NAME:LINE: message" as diag->error (the first one only); -EINVAL. */
int vl_parse_error(struct vl_parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int vl_parse_error_at(struct vl_parser *p, unsigned int line,
		      const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same for a failed allocation; -ENOMEM. */
int vl_parse_oom(struct vl_parser *p);
/* "NAME:LINE: warning: message", added to diag->warnings. */
void vl_parse_warn(struct vl_parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A whole line added to diag->warnings. */
void vl_diag_addf(struct vl_diag *diag, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A whole line as diag->error, unless there is one already. */
void vl_diag_set_error(struct vl_diag *diag, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * s for a message: at most VL_QUOTE_MAX - 4 characters of it, anything
 * unprintable as '?', "..." when cut; nothing of it if it has 32 base64
 * characters in a row, which may be a key out of place.  Returns buf.
 */
const char *vl_quote(const char *s, char buf[VL_QUOTE_MAX]);

/*
 * Room for one more element in *arr, which holds n of size bytes.  The
 * capacity is implied (the next power of two), and old storage is wiped
 * before it is freed because peers hold preshared keys.  0 or -1.
 */
int vl_array_reserve(void *arr, size_t n, size_t size);

/* "Key = Value" in the current section; config_keys.c. */
int vl_config_set(struct vl_parser *p, const char *key, char *value);

/* The last [Peer], the one being parsed. */
static inline struct vl_peer *vl_parser_peer(struct vl_parser *p)
{
	return &p->cfg->peers[p->cfg->n_peers - 1];
}

#endif /* VL_CONFIG_PARSE_H */
