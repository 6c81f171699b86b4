/* SPDX-License-Identifier: GPL-2.0 */
/*
 * genl.h: the helper's generic netlink session with vpnlink.ko: one
 * socket for requests, answered one at a time, with the kernel's extack
 * message kept for the log.  The commands themselves are in module.h,
 * the event socket in events.h.
 */
#ifndef VL_GENL_H
#define VL_GENL_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

struct nl_msg;
struct nl_sock;
struct nl_cb;
struct nlmsghdr;
struct nlattr;

/* An endpoint: IPv4 or IPv6 address and port. */
union vl_sockaddr {
	struct sockaddr sa;
	struct sockaddr_in in4;
	struct sockaddr_in6 in6;
};

/* "192.0.2.1:51820" or "[2001:db8::1]:51820"; "(none)" if unset. */
const char *vl_sockaddr_str(const union vl_sockaddr *a, char *buf,
			    size_t size);
bool vl_sockaddr_equal(const union vl_sockaddr *a, const union vl_sockaddr *b);

typedef int (*vl_reply_fn)(struct nlmsghdr *nlh, void *arg);

struct vl_genl {
	struct nl_sock *sk;
	struct nl_cb *cb;
	int family;
	/* The last request: */
	int error;		/* errno the kernel answered, 0 if none */
	char extack[256];	/* and why, if it said */
	bool bad_reply;		/* a reply that made no sense */
	bool done;
	vl_reply_fn on_reply;
	void *arg;
};

/* Connects and resolves the family: -ENOENT if vpnlink.ko is not loaded,
 * another negative errno for anything else.
 */
int vl_genl_open(struct vl_genl *g);
void vl_genl_close(struct vl_genl *g);

/* A request for @cmd able to hold @size bytes; NULL without memory. */
struct nl_msg *vl_genl_msg(struct vl_genl *g, uint8_t cmd, int flags,
			   size_t size);

/* Frees a request after wiping it: requests may carry keys. */
void vl_genl_free(struct nl_msg *msg);

/* Sends @msg (always freed; NULL means it could not be built: -EMSGSIZE),
 * hands every reply to @fn and waits for the ack or the end of the dump.
 * Returns 0 or a negative errno; g->extack says why when the kernel said.
 */
int vl_genl_call(struct vl_genl *g, struct nl_msg *msg, vl_reply_fn fn,
		 void *arg);

/* Attribute helpers shared by requests and events. */
/* An ENDPOINT nest: the peer's address a, and our own address local to
 * send from (NULL or AF_UNSPEC: the routing table's choice).
 */
int vl_put_endpoint(struct nl_msg *msg, int attr, const union vl_sockaddr *a,
		    const union vl_sockaddr *local);
/* local, if not NULL, gets the address the message reached (port 0), or
 * AF_UNSPEC if the module did not say.
 */
int vl_get_endpoint(struct nlattr *nest, union vl_sockaddr *a,
		    union vl_sockaddr *local);

#endif /* VL_GENL_H */
