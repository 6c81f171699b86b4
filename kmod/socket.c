// SPDX-License-Identifier: GPL-2.0
/*
 * UDP sockets and the outer IPv4/IPv6 headers.
 */
#include "socket.h"
#include "device.h"
#include "peer.h"
#include "receive.h"

#include <linux/inetdevice.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/addrconf.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ipv6_stubs.h>
#include <net/route.h>
#include <net/udp_tunnel.h>

static int vl_udp_encap_recv(struct sock *sk, struct sk_buff *skb)
{
	struct vl_device *vl = rcu_dereference_sk_user_data(sk);

	if (unlikely(!vl)) {
		kfree_skb(skb);
		return 0;
	}
	vl_receive(vl, skb);
	return 0;
}

static int send4(struct vl_device *vl, struct sk_buff *skb,
		 const struct vl_endpoint *ep, u8 ds, struct dst_cache *cache)
{
	struct flowi4 fl = {
		.saddr = ep->src4.s_addr,
		.daddr = ep->addr4.sin_addr.s_addr,
		.fl4_dport = ep->addr4.sin_port,
		.flowi4_mark = vl->fwmark,
		.flowi4_proto = IPPROTO_UDP,
	};
	struct rtable *rt = NULL;
	struct sock *sk;
	struct net *net;

	sk = rcu_dereference_bh(vl->sock4);
	if (unlikely(!sk))
		goto drop;
	net = sock_net(sk);
	fl.fl4_sport = inet_sk(sk)->inet_sport;

	if (cache)
		rt = dst_cache_get_ip4(cache, &fl.saddr);
	if (!rt) {
		/* The address the peer reached us on may have gone away. */
		if (fl.saddr && !inet_confirm_addr(net, NULL, 0, fl.saddr,
						   RT_SCOPE_HOST))
			return -EADDRNOTAVAIL;
		security_sk_classify_flow(sk, flowi4_to_flowi_common(&fl));
		rt = ip_route_output_flow(net, &fl, sk);
		if (IS_ERR(rt)) {
			net_dbg_ratelimited("%s: no route to %pISpc: %ld\n",
					    vl->dev->name, &ep->addr,
					    PTR_ERR(rt));
			goto drop;
		}
		if (cache)
			dst_cache_set_ip4(cache, &rt->dst, fl.saddr);
	}

	skb->ignore_df = 1;
	udp_tunnel_xmit_skb(rt, sk, skb, fl.saddr, fl.daddr, ds,
			    ip4_dst_hoplimit(&rt->dst), 0, fl.fl4_sport,
			    fl.fl4_dport, false, false);
	return 0;

drop:
	kfree_skb(skb);
	return -EHOSTUNREACH;
}

static int send6(struct vl_device *vl, struct sk_buff *skb,
		 const struct vl_endpoint *ep, u8 ds, struct dst_cache *cache)
{
#if IS_ENABLED(CONFIG_IPV6)
	struct flowi6 fl = {
		.saddr = ep->src6,
		.daddr = ep->addr6.sin6_addr,
		.fl6_dport = ep->addr6.sin6_port,
		.flowi6_mark = vl->fwmark,
		.flowi6_oif = ep->addr6.sin6_scope_id,
		.flowi6_proto = IPPROTO_UDP,
	};
	struct dst_entry *dst = NULL;
	struct sock *sk;
	struct net *net;

	sk = rcu_dereference_bh(vl->sock6);
	if (unlikely(!sk))
		goto drop;
	net = sock_net(sk);
	fl.fl6_sport = inet_sk(sk)->inet_sport;

	if (cache)
		dst = dst_cache_get_ip6(cache, &fl.saddr);
	if (!dst) {
		if (!ipv6_addr_any(&fl.saddr) &&
		    !ipv6_chk_addr(net, &fl.saddr, NULL, 0))
			return -EADDRNOTAVAIL;
		security_sk_classify_flow(sk, flowi6_to_flowi_common(&fl));
		dst = ipv6_stub->ipv6_dst_lookup_flow(net, sk, &fl, NULL);
		if (IS_ERR(dst)) {
			net_dbg_ratelimited("%s: no route to %pISpc: %ld\n",
					    vl->dev->name, &ep->addr,
					    PTR_ERR(dst));
			goto drop;
		}
		if (cache)
			dst_cache_set_ip6(cache, dst, &fl.saddr);
	}

	skb->ignore_df = 1;
	udp_tunnel6_xmit_skb(dst, sk, skb, NULL, &fl.saddr, &fl.daddr, ds,
			     ip6_dst_hoplimit(dst), 0, fl.fl6_sport,
			     fl.fl6_dport, false);
	return 0;
drop:
#endif
	kfree_skb(skb);
	return -EHOSTUNREACH;
}

int vl_socket_send(struct vl_device *vl, struct sk_buff *skb,
		   const struct vl_endpoint *ep, u8 ds, struct dst_cache *cache)
{
	int ret;

	/* The packet leaves the device's namespace for the sockets' one. */
	skb_scrub_packet(skb, !net_eq(dev_net(vl->dev), vl->creating_net));
	skb_mark_not_on_list(skb);
	/* No device: the tunnel helpers would count the outer packet in
	 * the device's stats, which count inner packets both ways.
	 */
	skb->dev = NULL;
	skb->mark = vl->fwmark;

	rcu_read_lock_bh();
	if (ep->addr.sa_family == AF_INET) {
		ret = send4(vl, skb, ep, ds, cache);
	} else if (ep->addr.sa_family == AF_INET6) {
		ret = send6(vl, skb, ep, ds, cache);
	} else {
		kfree_skb(skb);
		ret = -EDESTADDRREQ;
	}
	rcu_read_unlock_bh();
	return ret;
}

int vl_socket_send_buffer(struct vl_device *vl, const void *buf, size_t len,
			  const struct vl_endpoint *ep)
{
	struct vl_endpoint plain = *ep;
	struct sk_buff *skb;
	int ret;

	skb = alloc_skb(VL_OUTER_HEADROOM + len, GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	skb_reserve(skb, VL_OUTER_HEADROOM);
	skb_put_data(skb, buf, len);

	ret = vl_socket_send(vl, skb, &plain, 0, NULL);
	if (ret == -EADDRNOTAVAIL) {
		memset(&plain.src6, 0, sizeof(plain.src6));
		plain.src_if4 = 0;
		ret = vl_socket_send(vl, skb, &plain, 0, NULL);
	}
	return ret;
}

int vl_endpoint_from_skb(struct vl_endpoint *ep, const struct sk_buff *skb)
{
	memset(ep, 0, sizeof(*ep));
	if (skb->protocol == htons(ETH_P_IP)) {
		ep->addr4.sin_family = AF_INET;
		ep->addr4.sin_port = udp_hdr(skb)->source;
		ep->addr4.sin_addr.s_addr = ip_hdr(skb)->saddr;
		ep->src4.s_addr = ip_hdr(skb)->daddr;
		ep->src_if4 = skb->skb_iif;
		return 0;
	}
	if (IS_ENABLED(CONFIG_IPV6) && skb->protocol == htons(ETH_P_IPV6)) {
		ep->addr6.sin6_family = AF_INET6;
		ep->addr6.sin6_port = udp_hdr(skb)->source;
		ep->addr6.sin6_addr = ipv6_hdr(skb)->saddr;
		ep->addr6.sin6_scope_id =
			ipv6_iface_scope_id(&ipv6_hdr(skb)->saddr,
					    skb->skb_iif);
		ep->src6 = ipv6_hdr(skb)->daddr;
		return 0;
	}
	return -EAFNOSUPPORT;
}

bool vl_endpoint_equal(const struct vl_endpoint *a,
		       const struct vl_endpoint *b)
{
	if (!vl_endpoint_same_remote(a, b))
		return false;
	if (a->addr.sa_family == AF_INET)
		return a->src4.s_addr == b->src4.s_addr &&
		       a->src_if4 == b->src_if4;
	if (a->addr.sa_family == AF_INET6)
		return ipv6_addr_equal(&a->src6, &b->src6);
	return true;
}

bool vl_endpoint_same_remote(const struct vl_endpoint *a,
			     const struct vl_endpoint *b)
{
	if (a->addr.sa_family != b->addr.sa_family)
		return false;
	if (a->addr.sa_family == AF_INET)
		return a->addr4.sin_port == b->addr4.sin_port &&
		       a->addr4.sin_addr.s_addr == b->addr4.sin_addr.s_addr;
	if (a->addr.sa_family == AF_INET6)
		return a->addr6.sin6_port == b->addr6.sin6_port &&
		       ipv6_addr_equal(&a->addr6.sin6_addr,
				       &b->addr6.sin6_addr) &&
		       a->addr6.sin6_scope_id == b->addr6.sin6_scope_id;
	return true;
}

static void vl_sock_release(struct sock *sk)
{
	if (sk)
		udp_tunnel_sock_release(sk->sk_socket);
}

static int vl_sock_create(struct vl_device *vl, struct udp_port_cfg *cfg,
			  struct socket **sock)
{
	struct udp_tunnel_sock_cfg tunnel = {
		.sk_user_data = vl,
		.encap_type = 1,
		.encap_rcv = vl_udp_encap_recv,
	};
	int ret;

	ret = udp_sock_create(vl->creating_net, cfg, sock);
	if (ret)
		return ret;
	/* Sends happen in atomic context and must not block on buffers. */
	(*sock)->sk->sk_allocation = GFP_ATOMIC;
	(*sock)->sk->sk_sndbuf = INT_MAX;
	setup_udp_tunnel_sock(vl->creating_net, *sock, &tunnel);
	return 0;
}

int vl_socket_open(struct vl_device *vl, u16 port)
{
	struct udp_port_cfg cfg4 = {
		.family = AF_INET,
		.local_ip.s_addr = htonl(INADDR_ANY),
		.local_udp_port = htons(port),
		.use_udp_checksums = true,
	};
	struct socket *sock4 = NULL, *sock6 = NULL;
	unsigned int tries = 0;
	int ret;

	lockdep_assert_held(&vl->lock);
	if (port && port == vl->bound_port)
		return 0;
retry:
	ret = vl_sock_create(vl, &cfg4, &sock4);
	if (ret)
		return ret;
#if IS_ENABLED(CONFIG_IPV6)
	if (ipv6_mod_enabled()) {
		struct udp_port_cfg cfg6 = {
			.family = AF_INET6,
			.local_ip6 = IN6ADDR_ANY_INIT,
			.local_udp_port = inet_sk(sock4->sk)->inet_sport,
			.use_udp6_tx_checksums = true,
			.use_udp6_rx_checksums = true,
			.ipv6_v6only = true,
		};

		ret = vl_sock_create(vl, &cfg6, &sock6);
		if (ret) {
			udp_tunnel_sock_release(sock4);
			sock4 = NULL;
			/* A free IPv4 port may be taken in IPv6: pick again. */
			if (ret == -EADDRINUSE && !port && tries++ < 100)
				goto retry;
			return ret;
		}
	}
#endif
	/* The new sockets are bound: only now let the old ones go. */
	vl_socket_close(vl);
	vl->bound_port = ntohs(inet_sk(sock4->sk)->inet_sport);
	rcu_assign_pointer(vl->sock4, sock4->sk);
	rcu_assign_pointer(vl->sock6, sock6 ? sock6->sk : NULL);
	return 0;
}

void vl_socket_close(struct vl_device *vl)
{
	struct sock *old4, *old6;

	lockdep_assert_held(&vl->lock);
	old4 = rcu_dereference_protected(vl->sock4, lockdep_is_held(&vl->lock));
	old6 = rcu_dereference_protected(vl->sock6, lockdep_is_held(&vl->lock));
	if (!old4 && !old6)
		return;
	RCU_INIT_POINTER(vl->sock4, NULL);
	RCU_INIT_POINTER(vl->sock6, NULL);
	vl->bound_port = 0;
	/* Senders under RCU may still hold the old sockets. */
	synchronize_net();
	vl_sock_release(old4);
	vl_sock_release(old6);
}
