// SPDX-License-Identifier: GPL-2.0
/*
 * daemon.c: the event loop of an interface's daemon.  One thread, one
 * poll over three descriptors: the module's events, a timerfd for the
 * earliest of the peers' deadlines, and a signalfd (SIGTERM/SIGINT take
 * the interface down, SIGHUP reloads the config).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "daemon.h"
#include "link.h"
#include "log.h"
#include "module.h"
#include "reload.h"
#include "state.h"
#include "testing.h"

uint64_t vl_now_ms(void)
{
	struct timespec ts;

	/* BOOTTIME: a suspended gateway's sessions have aged meanwhile. */
	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

uint64_t vl_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

uint64_t vl_daemon_zero_keys_after_ms(const struct vl_daemon *d)
{
	return (uint64_t)VL_ZERO_KEYS_AFTER_REJECTS * d->reject_after_ms;
}

struct vl_dpeer *vl_daemon_peer_by_key(struct vl_daemon *d,
				       const uint8_t *key)
{
	size_t i;

	for (i = 0; i < d->n_peers; i++)
		if (!memcmp(d->peers[i].key, key, VL_KEY_LEN))
			return &d->peers[i];
	return NULL;
}

struct vl_dpeer *vl_daemon_peer_by_index(struct vl_daemon *d, uint32_t index)
{
	size_t i;
	unsigned int j;

	if (!index)
		return NULL;
	for (i = 0; i < d->n_peers; i++)
		for (j = 0; j < VL_PEER_INDICES; j++)
			if (d->peers[i].indices[j] == index)
				return &d->peers[i];
	return NULL;
}

uint32_t vl_daemon_new_index(struct vl_daemon *d, struct vl_dpeer *p)
{
	uint32_t index;

	do {
		if (vl_random(&index, sizeof(index)))
			index = (uint32_t)random();
	} while (!index || vl_daemon_peer_by_index(d, index));
	/* The oldest of the peer's indices goes: the module has at most
	 * three keypairs, plus the handshake in flight.
	 */
	p->indices[p->next_index_slot] = index;
	p->next_index_slot = (p->next_index_slot + 1) % VL_PEER_INDICES;
	return index;
}

const char *vl_peer_name(const struct vl_dpeer *p, char *buf, size_t size)
{
	char key[VL_KEY_B64_LEN + 1], ep[64];

	vl_key_to_base64(p->key, key);
	snprintf(buf, size, "peer %.8s... (%s)", key,
		 vl_sockaddr_str(&p->endpoint, ep, sizeof(ep)));
	return buf;
}

static void on_event(const struct vl_event *e, void *arg)
{
	struct vl_daemon *d = arg;
	struct vl_dpeer *p = NULL;
	char name[128];

	if (e->ifindex != d->ifc.ifindex)
		return;		/* another interface's daemon takes it */
	if (e->has_key) {
		p = vl_daemon_peer_by_key(d, e->key);
		if (!p)
			return;	/* removed meanwhile */
	}
	switch (e->cmd) {
	case VPNLINK_CMD_HANDSHAKE_RECEIVED:
		d->batch_handshakes++;
		vl_handshake_receive(d, &e->endpoint, &e->local, e->payload,
				     e->payload_len);
		break;
	case VPNLINK_CMD_HANDSHAKE_NEEDED:
	case VPNLINK_CMD_REKEY_ADVISED:
		if (p)
			vl_handshake_initiate(d, p, false);
		break;
	case VPNLINK_CMD_KEYPAIR_CONFIRMED:
		if (p)
			vl_log(LOG_DEBUG, "%s: keypair %08x confirmed",
			       vl_peer_name(p, name, sizeof(name)),
			       e->local_index);
		break;
	case VPNLINK_CMD_ENDPOINT_CHANGED:
		if (p && e->endpoint.sa.sa_family != AF_UNSPEC) {
			p->endpoint = e->endpoint;
			p->endpoint_resolved = true;
			vl_log(LOG_INFO, "%s: roamed",
			       vl_peer_name(p, name, sizeof(name)));
		}
		break;
	}
}

static void arm_timer(struct vl_daemon *d)
{
	struct itimerspec its = { 0 };
	uint64_t next = vl_timers_next(d), now = vl_now_ms();

	if (next) {
		/* Relative: CLOCK_BOOTTIME and the timerfd agree on that. */
		next = next > now ? next - now : 1;
		its.it_value.tv_sec = next / 1000;
		its.it_value.tv_nsec = (next % 1000) * 1000000;
	}
	timerfd_settime(d->timerfd, 0, &its, NULL);
}

static void on_signal(struct vl_daemon *d)
{
	struct signalfd_siginfo si;

	while (read(d->sigfd, &si, sizeof(si)) == sizeof(si)) {
		switch (si.ssi_signo) {
		case SIGHUP:
			vl_log(LOG_INFO, "reloading %s", d->config_path);
			vl_reload(d);
			break;
		case SIGTERM:
		case SIGINT:
			d->stop = true;
			break;
		}
	}
}

static int loop(struct vl_daemon *d)
{
	struct pollfd fds[3] = {
		{ .fd = vl_events_fd(&d->ev), .events = POLLIN },
		{ .fd = d->timerfd, .events = POLLIN },
		{ .fd = d->sigfd, .events = POLLIN },
	};
	uint64_t expirations;

	while (!d->stop) {
		arm_timer(d);
		if (poll(fds, 3, -1) < 0) {
			if (errno == EINTR)
				continue;
			vl_log(LOG_ERR, "poll: %s", strerror(errno));
			return -errno;
		}
		if (fds[0].revents) {
			d->batch_handshakes = 0;
			if (vl_events_read(&d->ev))
				return -EIO;
			/* Many handshakes at once: make initiators prove
			 * their address (cookies) for a while.
			 */
			if (d->batch_handshakes >= VL_LOAD_BATCH)
				d->under_load_until_ms =
					vl_now_ms() + VL_LOAD_HOLD_MS;
		}
		if (fds[1].revents &&
		    read(d->timerfd, &expirations, sizeof(expirations)) < 0 &&
		    errno != EAGAIN)
			return -errno;
		vl_timers_run(d, vl_now_ms());
		if (fds[2].revents)
			on_signal(d);
	}
	return 0;
}

static void write_state(struct vl_daemon *d)
{
	struct vl_state_writer *w = vl_state_begin(d->ifc.ifname);
	char key[VL_KEY_B64_LEN + 1];

	vl_key_to_base64(d->cfg->public_key, key);
	vl_state_put(w, "public-key", "%s", key);
	vl_state_put(w, "config", "%s", d->config_path);
	/* For `down` after a kill -9: the rules are not the device's. */
	if (d->ifc.policy4)
		vl_state_put(w, "policy4", "%u", d->ifc.policy4);
	if (d->ifc.policy6)
		vl_state_put(w, "policy6", "%u", d->ifc.policy6);
	/* What forwarding was before us, for `down` to put back. */
	if (d->ifc.forward_restore[0] >= 0)
		vl_state_put(w, "forward4", "%d", d->ifc.forward_restore[0]);
	if (d->ifc.forward_restore[1] >= 0)
		vl_state_put(w, "forward6", "%d", d->ifc.forward_restore[1]);
	vl_state_commit(w);
}

static void report(int *ready_fd, char status)
{
	if (*ready_fd < 0)
		return;
	if (write(*ready_fd, &status, 1) != 1)
		vl_log(LOG_WARNING, "cannot tell `up` how it went");
	close(*ready_fd);
	*ready_fd = -1;
}

/* `up` has returned: nothing may hold its terminal or its pipes open
 * (`$(vpnlink-helper up x)` would wait for ever).  stderr stays only
 * when it is the log file of `up --log`.
 */
static void detach_from_terminal(struct vl_daemon *d)
{
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);

	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		if (!d->log_to_file)
			dup2(fd, STDERR_FILENO);
		close(fd);
	}
	if (!d->log_to_file)
		vl_log_to_syslog(d->ifc.ifname);
}

static int setup_fds(struct vl_daemon *d)
{
	sigset_t mask;

	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &mask, NULL))
		return -errno;
	d->sigfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
	d->timerfd = timerfd_create(CLOCK_BOOTTIME,
				    TFD_NONBLOCK | TFD_CLOEXEC);
	if (d->sigfd < 0 || d->timerfd < 0)
		return -errno;
	return 0;
}

int vl_daemon_run(struct vl_daemon *d, bool adopt, int ready_fd)
{
	int ret;

	d->sigfd = d->timerfd = -1;
	ret = setup_fds(d);
	if (ret) {
		vl_log(LOG_ERR, "signals and timers: %s", strerror(-ret));
		goto fail;
	}
	ret = vl_genl_open(&d->g);
	if (ret) {
		vl_log(LOG_ERR, "vpnlink netlink: %s", strerror(-ret));
		goto fail;
	}
	/* Subscribed before the peers exist: no event is missed. */
	ret = vl_events_open(&d->ev, on_event, d);
	if (ret) {
		vl_log(LOG_ERR, "vpnlink events: %s", strerror(-ret));
		goto fail_genl;
	}
	d->ifc.rtnl = vl_rtnl_open();
	if (!d->ifc.rtnl) {
		ret = -ENOMEM;
		goto fail_events;
	}
	d->ifc.g = &d->g;
	d->ifc.cfg = d->cfg;
	ret = vl_daemon_peers_init(d);
	if (ret)
		goto fail_peers;
	/* An adopted interface's daemon may have turned forwarding on. */
	d->ifc.forward_restore[0] = d->ifc.forward_restore[1] = -1;
	if (adopt)
		vl_iface_read_state(&d->ifc);
	ret = vl_iface_up(&d->ifc, adopt);
	if (ret)
		goto fail_peers;
	write_state(d);
	vl_log(LOG_INFO, "%s is up (%zu peers)", d->ifc.ifname, d->n_peers);
	report(&ready_fd, 0);
	if (d->detach)
		detach_from_terminal(d);
	if (d->reject_after_test)
		vl_log(LOG_WARNING,
		       "%s=%u: for tests only: keypairs are rejected after %u ms, not %u",
		       VL_TEST_REJECT_ENV, d->reject_after_ms,
		       d->reject_after_ms, VL_REJECT_AFTER_MS);
	vl_daemon_peers_start(d);

	ret = loop(d);

	vl_log(LOG_INFO, "%s going down", d->ifc.ifname);
	vl_iface_down(&d->ifc);
	vl_state_release(d->ifc.ifname);
fail_peers:
	/* Keys wiped: identity, handshakes, cookie secret. */
	vl_daemon_peers_free(d);
	vl_rtnl_close(d->ifc.rtnl);
fail_events:
	vl_events_close(&d->ev);
fail_genl:
	vl_genl_close(&d->g);
fail:
	report(&ready_fd, 1);
	if (d->sigfd >= 0)
		close(d->sigfd);
	if (d->timerfd >= 0)
		close(d->timerfd);
	return ret ? 1 : 0;
}
