/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The device's UDP sockets: kernel-owned, one IPv4 and one IPv6 on the same
 * port, living in the namespace the device was created in.  Because the
 * kernel owns them, data keeps flowing whatever the helper does.
 */
#ifndef _VPNLINK_SOCKET_H
#define _VPNLINK_SOCKET_H

#include <linux/skbuff.h>
#include <net/dst_cache.h>

struct vl_device;
struct vl_endpoint;

/* Binds both sockets to @port (0 = any free one) and publishes them. */
int vl_socket_open(struct vl_device *vl, u16 port);
void vl_socket_close(struct vl_device *vl);

/* Sends an encapsulated packet to @ep; consumes @skb.  Returns
 * -EADDRNOTAVAIL, with @skb not consumed, when the cached source address
 * is gone: the caller forgets it and calls again.  With a @cache, the
 * caller holds what serialises it against dst_cache_reset() (the peer's
 * endpoint lock).
 */
int vl_socket_send(struct vl_device *vl, struct sk_buff *skb,
		   const struct vl_endpoint *ep, u8 ds,
		   struct dst_cache *cache);

/* Sends a buffer (a handshake message) to @ep from the device's port. */
int vl_socket_send_buffer(struct vl_device *vl, const void *buf, size_t len,
			  const struct vl_endpoint *ep);

/* The outer source of a received packet, as an endpoint to answer. */
int vl_endpoint_from_skb(struct vl_endpoint *ep, const struct sk_buff *skb);
bool vl_endpoint_equal(const struct vl_endpoint *a,
		       const struct vl_endpoint *b);
/* The same remote address and port, whatever the local side. */
bool vl_endpoint_same_remote(const struct vl_endpoint *a,
			     const struct vl_endpoint *b);

/* Headroom a packet needs below the data header for the outer headers. */
#define VL_OUTER_HEADROOM	(LL_MAX_HEADER + sizeof(struct ipv6hdr) + \
				 sizeof(struct udphdr))

#endif /* _VPNLINK_SOCKET_H */
