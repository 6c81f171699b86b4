// SPDX-License-Identifier: GPL-2.0
/*
 * The Table key.  wg-quick hands its value to ip(8), which knows numbers
 * and the names in its rt_tables files; the daemon speaks netlink, which
 * knows only numbers, so names are looked up here, in the files ip reads.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_values.h"

/* Where iproute2 keeps them: /etc, and /usr/share since 6.5. */
static const char *const rt_tables_globs[] = {
	"/etc/iproute2/rt_tables",
	"/etc/iproute2/rt_tables.d/*.conf",
	"/usr/share/iproute2/rt_tables",
	"/usr/share/iproute2/rt_tables.d/*.conf",
};

int vl_rt_table_lookup(const char *file, const char *name, uint32_t *id)
{
	char *line = NULL, *p, *num, *word, *save;
	size_t cap = 0;
	int ret = -ENOENT;
	uint32_t v;
	FILE *f;

	f = fopen(file, "re");
	if (!f)
		return -errno;
	while (ret == -ENOENT && getline(&line, &cap, f) >= 0) {
		/*
		 * As ip(8) reads it: '#' comments a whole line only, then a
		 * number (hex too, its strtoul base 0) and a word.
		 */
		p = line + strspn(line, " \t");
		if (*p == '#')
			continue;
		num = strtok_r(p, " \t\r\n", &save);
		word = strtok_r(NULL, " \t\r\n", &save);
		if (num && word && !strcmp(word, name) &&
		    !vl_parse_uint(num, true, 0, UINT32_MAX, &v)) {
			*id = v;
			ret = 0;
		}
	}
	free(line);
	fclose(f);
	return ret;
}

static int table_by_name(const char *name, uint32_t *id)
{
	/* ip(8) knows these without any file. */
	static const struct {
		const char *name;
		uint32_t id;
	} builtin[] = {
		{ "default", 253 }, { "main", 254 }, { "local", 255 },
	};
	glob_t g;
	size_t i, j;
	int ret = -ENOENT;

	for (i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++) {
		if (!strcmp(name, builtin[i].name)) {
			*id = builtin[i].id;
			return 0;
		}
	}
	for (i = 0; ret && i < sizeof(rt_tables_globs) /
		    sizeof(rt_tables_globs[0]); i++) {
		if (glob(rt_tables_globs[i], 0, NULL, &g))
			continue;
		for (j = 0; ret && j < g.gl_pathc; j++)
			ret = vl_rt_table_lookup(g.gl_pathv[j], name, id) ?
			      -ENOENT : 0;
		globfree(&g);
	}
	return ret;
}

const char *vl_parse_table(const char *s, enum vl_table_mode *mode,
			   uint32_t *id)
{
	if (!strcasecmp(s, "auto")) {
		*mode = VL_TABLE_AUTO;
		*id = 0;
		return NULL;
	}
	if (!strcasecmp(s, "off")) {
		*mode = VL_TABLE_OFF;
		*id = 0;
		return NULL;
	}
	*mode = VL_TABLE_ID;
	if (s[0] >= '0' && s[0] <= '9') {
		if (vl_parse_uint(s, true, 1, UINT32_MAX, id))
			return "a table number must be from 1 to 4294967295";
		return NULL;
	}
	if (table_by_name(s, id))
		return "not auto, off, a number, or a table named in /etc/iproute2/rt_tables";
	if (!*id)
		return "table 0 (unspec) cannot hold routes";
	return NULL;
}
