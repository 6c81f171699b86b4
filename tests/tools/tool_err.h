/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tool_err.h: how the test tools (vlpkt, vlarp) give up.  Each defines
 * tool_name, the prefix of its messages.
 */
#ifndef VL_TOOL_ERR_H
#define VL_TOOL_ERR_H

extern const char tool_name[];

/* Print "NAME: " and the message on stderr, then exit 1 (die) or 2
 * (usage_error, which also points to --help).
 */
__attribute__((format(printf, 1, 2), noreturn))
void die(const char *fmt, ...);
__attribute__((format(printf, 1, 2), noreturn))
void usage_error(const char *fmt, ...);

#endif /* VL_TOOL_ERR_H */
