// SPDX-License-Identifier: GPL-2.0
/* tool_err.c: die() and usage_error() for the test tools. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "tool_err.h"

static void message(const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", tool_name);
	vfprintf(stderr, fmt, ap);
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message(fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(%s --help for the usage)\n", tool_name);
	exit(2);
}
