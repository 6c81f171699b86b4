// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: arbitrary bytes as a configuration file, parsed from
 * memory.  Beyond not crashing (ASan/UBSan), a parse must either fail
 * with one printable "fuzz.conf:LINE: ..." message, or succeed with every
 * promise of config.h kept: masked AllowedIPs, unique non-zero peer keys
 * none of which is ours, ports, MTU and names in range.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "config.h"
#include "config_values.h"
#include "key.h"

#define NAME	"fuzz.conf"

static void check(int ok)
{
	if (!ok)
		abort();
}

static void check_message(const char *s)
{
	for (; *s; s++)
		check(isprint((unsigned char)*s));
}

static void check_prefixes(const struct vl_prefix *p, size_t n, bool masked)
{
	struct vl_prefix copy;
	size_t i;

	for (i = 0; i < n; i++) {
		check(p[i].family == AF_INET || p[i].family == AF_INET6);
		check(p[i].prefix <= (p[i].family == AF_INET ? 32 : 128));
		copy = p[i];
		if (masked)
			check(!vl_prefix_mask(&copy));
	}
}

static void check_hooks(const struct vl_strv *sv)
{
	size_t i;
	char *s;

	for (i = 0; i < sv->n; i++) {
		check(sv->v[i][0] != '\0' && !strchr(sv->v[i], '#'));
		s = vl_config_expand_hook(sv->v[i], "wg0");
		check(s && !strstr(s, "%i"));
		free(s);
	}
}

static void check_config(const struct vl_config *cfg)
{
	uint8_t pub[VL_KEY_LEN];
	const struct vl_peer *p;
	size_t i, j;

	check(!vl_key_is_zero(cfg->private_key));
	check(!vl_key_public(cfg->private_key, pub) &&
	      !memcmp(pub, cfg->public_key, VL_KEY_LEN));
	check(!cfg->mtu || (cfg->mtu >= 576 && cfg->mtu <= 65535));
	check(cfg->table == VL_TABLE_ID ? cfg->table_id != 0 :
	      cfg->table_id == 0);
	check_prefixes(cfg->addresses, cfg->n_addresses, false);
	for (i = 0; i < cfg->lan_interfaces.n; i++)
		check(vl_linux_ifname_valid(cfg->lan_interfaces.v[i]));
	for (i = 0; i < cfg->n_dns_servers; i++)
		check(cfg->dns_servers[i].family == AF_INET ||
		      cfg->dns_servers[i].family == AF_INET6);
	check_hooks(&cfg->pre_up);
	check_hooks(&cfg->post_up);
	check_hooks(&cfg->pre_down);
	check_hooks(&cfg->post_down);
	for (i = 0; i < cfg->n_peers; i++) {
		p = &cfg->peers[i];
		check(!vl_key_is_zero(p->public_key));
		check(memcmp(p->public_key, cfg->public_key, VL_KEY_LEN));
		for (j = 0; j < i; j++)
			check(memcmp(p->public_key, cfg->peers[j].public_key,
				     VL_KEY_LEN));
		check(p->has_preshared_key || vl_key_is_zero(p->preshared_key));
		check_prefixes(p->allowed_ips, p->n_allowed_ips, true);
		if (p->endpoint.host) {
			check(p->endpoint.host[0] &&
			      strlen(p->endpoint.host) <= VL_HOST_MAX);
			check(p->endpoint.port_num &&
			      atoi(p->endpoint.port) == p->endpoint.port_num);
		}
	}
}

/* A key read back must be written out again exactly as it was. */
static void check_key(const uint8_t *data, size_t size)
{
	char in[VL_KEY_B64_LEN + 1], out[VL_KEY_B64_LEN + 1];
	uint8_t k[VL_KEY_LEN];

	if (size < VL_KEY_B64_LEN)
		return;
	memcpy(in, data, VL_KEY_B64_LEN);
	in[VL_KEY_B64_LEN] = '\0';
	if (vl_key_from_base64(in, k))
		return;
	vl_key_to_base64(k, out);
	check(!strcmp(in, out));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vl_diag diag = { 0 };
	struct vl_config *cfg;
	size_t i;
	int ret;

	ret = vl_config_parse_buffer(NAME, (const char *)data, size, &cfg,
				     &diag);
	if (ret) {
		check(!cfg && diag.error && !strncmp(diag.error, NAME ":",
						     sizeof(NAME)));
		check_message(diag.error);
	} else {
		check(cfg && !diag.error);
		check_config(cfg);
	}
	for (i = 0; i < diag.n_warnings; i++) {
		check(!strncmp(diag.warnings[i], NAME ":", sizeof(NAME)));
		check_message(diag.warnings[i]);
	}
	vl_config_free(cfg);
	vl_diag_free(&diag);
	check_key(data, size);
	return 0;
}
