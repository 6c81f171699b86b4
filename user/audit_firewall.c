// SPDX-License-Identifier: GPL-2.0
/*
 * audit_firewall.c: the namespace's packet filter, both kinds.  nftables
 * through libnftables ("list ruleset" in JSON, judged by
 * audit_nftjson.c), which sees iptables-nft's rules too; legacy iptables
 * through the table names the kernel lists in /proc/net, since its tables
 * exist in a namespace only once something used them.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <nftables/libnftables.h>

#include "audit.h"

/* /proc/net/ip_tables_names: one table name a line. */
static void legacy_tables(const char *path, bool *any, bool *filter)
{
	FILE *f = fopen(path, "re");
	char name[64];

	*any = *filter = false;
	if (!f)
		return;		/* the module is not loaded: no tables */
	while (fgets(name, sizeof(name), f)) {
		name[strcspn(name, "\n")] = '\0';
		if (!*name)
			continue;
		*any = true;
		if (!strcmp(name, "filter"))
			*filter = true;
	}
	fclose(f);
}

/* The first line of libnftables' error text, or @fallback. */
static void first_line(const char *text, const char *fallback, char *buf,
		       size_t size)
{
	if (!text || !*text)
		text = fallback;
	snprintf(buf, size, "%.*s", (int)strcspn(text, "\n"), text);
}

int vl_audit_firewall(struct vl_audit_fw *fw, char *why, size_t size)
{
	struct nft_ctx *nft;
	int ret = 0;

	memset(fw, 0, sizeof(*fw));
	legacy_tables("/proc/net/ip_tables_names", &fw->ipt_any4,
		      &fw->ipt_filter4);
	legacy_tables("/proc/net/ip6_tables_names", &fw->ipt_any6,
		      &fw->ipt_filter6);

	nft = nft_ctx_new(NFT_CTX_DEFAULT);
	if (!nft) {
		snprintf(why, size, "%s", strerror(ENOMEM));
		return -ENOMEM;
	}
	nft_ctx_output_set_flags(nft, NFT_CTX_OUTPUT_JSON);
	if (nft_ctx_buffer_output(nft) || nft_ctx_buffer_error(nft)) {
		snprintf(why, size, "cannot buffer libnftables' output");
		ret = -ENOMEM;
	} else if (nft_run_cmd_from_buffer(nft, "list ruleset")) {
		first_line(nft_ctx_get_error_buffer(nft), "failed", why, size);
		ret = -EIO;
	} else if (vl_audit_nft_json(nft_ctx_get_output_buffer(nft), fw)) {
		snprintf(why, size, "libnftables' JSON is not a ruleset");
		ret = -EPROTO;
	} else {
		fw->nft_read = true;
	}
	nft_ctx_free(nft);
	return ret;
}
