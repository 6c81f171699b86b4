// SPDX-License-Identifier: GPL-2.0
/* vlarp: the Internet checksum (RFC 1071), and ICMPv6's over the IPv6
 * pseudo-header (RFC 8200 section 8.1).
 */
#include "vlarp.h"

uint32_t csum_add(uint32_t sum, const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += get_be16(p + i);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	/* fold now and then, so that no length can overflow the sum */
	return (sum & 0xffff) + (sum >> 16);
}

uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

uint16_t icmp6_csum(const uint8_t *src, const uint8_t *dst,
		    const uint8_t *msg, size_t len)
{
	uint8_t tail[8] = {
		(uint8_t)(len >> 24), (uint8_t)(len >> 16),
		(uint8_t)(len >> 8), (uint8_t)len,
		0, 0, 0, 58,		/* next header: ICMPv6 */
	};
	uint32_t sum = 0;

	sum = csum_add(sum, src, 16);
	sum = csum_add(sum, dst, 16);
	sum = csum_add(sum, tail, sizeof(tail));
	sum = csum_add(sum, msg, len);
	return csum_fold(sum);
}
