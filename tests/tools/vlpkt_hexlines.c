// SPDX-License-Identifier: GPL-2.0
/* vlpkt: datagram files, one datagram per line of hex ("-" for an empty
 * one), so that a capture can be read, diffed, edited, replayed and
 * decrypted with ordinary tools.
 */
#include <stdlib.h>
#include <string.h>

#include "vlpkt.h"

void print_hex_line(FILE *f, const uint8_t *buf, size_t len)
{
	if (len)
		dm_hex_print(f, buf, len);
	else
		fputc('-', f);
	fputc('\n', f);
}

/* Calls fn for every datagram line of a file (or "-" for stdin). */
int for_each_line(const char *path,
		  int (*fn)(const uint8_t *, size_t, void *), void *arg)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	int ret = 0;

	if (!f)
		die("%s: %s", path, strerror(errno));
	while (getline(&line, &cap, f) >= 0) {
		char *p = line;
		uint8_t *buf;
		size_t len;

		lineno++;
		while (*p == ' ' || *p == '\t')
			p++;
		p[strcspn(p, "\r\n")] = 0;
		if (!*p || *p == '#')
			continue;
		if (!strcmp(p, "-")) {
			ret |= fn((const uint8_t *)"", 0, arg);
			continue;
		}
		if (dm_hex_decode(p, &buf, &len))
			die("%s:%lu: bad hex", path, lineno);
		ret |= fn(buf, len, arg);
		free(buf);
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return ret;
}
