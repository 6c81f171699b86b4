// SPDX-License-Identifier: GPL-2.0
/*
 * The parsers of `vpnlink-helper audit` (user/audit_proc.c,
 * audit_services.c, audit_inetd.c, audit_nftjson.c), on lines in the
 * exact format the kernel, inetd.conf and `nft -j list ruleset` use:
 * sockets of each kind, the header lines, malformed lines, default
 * routes and others, enabled and disabled inetd services.
 *
 * The /proc/net samples come from a little-endian kernel, which prints
 * each 32-bit word of an address in host order: on a big-endian machine
 * the same bytes read as other addresses, so those checks are skipped.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "audit.h"

#include "tap.h"

#define LITTLE_ENDIAN_HOST (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)

/* The rest of a /proc/net/tcp line after the state, and udp's. */
#define TCP_TAIL " 00000000:00000000 00:00000000 00000000     0        0 " \
	"1596 1 00000000a2b51429 100 0 0 10 0                      \n"
#define UDP_TAIL " 00000000:00000000 00:00000000 00000000     0        0 " \
	"368891 2 000000009615fbe5 0        \n"

/* ---- sockets --------------------------------------------------------- */

static bool addr_is(const struct vl_audit_addr *a, const char *text)
{
	struct vl_audit_addr want = { 0 };

	want.family = strchr(text, ':') ? AF_INET6 : AF_INET;
	if (inet_pton(want.family, text, want.a) != 1)
		return false;
	return vl_audit_addr_equal(a, &want);
}

/* @line parses, into @addr, @port and @state, and opens (or not). */
static void sock_ok(const char *what, const char *line, int proto,
		    const char *addr, unsigned int port, unsigned int state,
		    bool open)
{
	struct vl_audit_sock s;
	char buf[80];

	memset(&s, 0xa5, sizeof(s));
	if (!tap_ok(!vl_audit_parse_sock(line, proto, &s), "%s: parses",
		    what))
		return;
	if (!tap_ok(addr_is(&s.local, addr) && s.port == port &&
		    s.state == state && s.proto == proto,
		    "%s: %s port %u state %02X", what, addr, port, state))
		tap_diag("got %s state %02X",
			 vl_audit_sock_str(&s, buf, sizeof(buf)), s.state);
	tap_ok(vl_audit_sock_open(&s) == open, "%s: %s", what,
	       open ? "open to all" : "not open");
}

static void sock_bad(const char *what, const char *line)
{
	struct vl_audit_sock s;

	tap_ok(vl_audit_parse_sock(line, IPPROTO_TCP, &s) == -1,
	       "%s: refused", what);
}

static void test_sockets(void)
{
	struct vl_audit_sock s;
	char buf[80];

	sock_bad("tcp header",
		 "  sl  local_address rem_address   st tx_queue rx_queue tr "
		 "tm->when retrnsmt   uid  timeout inode\n");
	sock_bad("tcp6 header",
		 "  sl  local_address                         remote_address"
		 "                        st tx_queue rx_queue tr tm->when "
		 "retrnsmt   uid  timeout inode\n");
	sock_bad("udp header",
		 "   sl  local_address rem_address   st tx_queue rx_queue tr "
		 "tm->when retrnsmt   uid  timeout inode ref pointer drops\n");
	sock_bad("empty line", "");
	sock_bad("seven-digit address",
		 "   0: 0000000:07E8 00000000:0000 0A" TCP_TAIL);
	sock_bad("nine-digit address",
		 "   0: 000000000:07E8 00000000:0000 0A" TCP_TAIL);
	sock_bad("not hex", "   0: 0000000G:07E8 00000000:0000 0A" TCP_TAIL);
	sock_bad("five-digit port",
		 "   0: 00000000:07E80 00000000:0000 0A" TCP_TAIL);
	sock_bad("three-digit port",
		 "   0: 00000000:7E8 00000000:0000 0A" TCP_TAIL);
	sock_bad("three-digit state",
		 "   0: 00000000:07E8 00000000:0000 0A0" TCP_TAIL);
	sock_bad("state cut short", "   0: 00000000:07E8 00000000:0000 A");
	sock_bad("no remote address", "   0: 00000000:07E8 0A" TCP_TAIL);
	sock_bad("families mixed",
		 "   0: 00000000:07E8 00000000000000000000000000000000:0000 0A"
		 TCP_TAIL);
	sock_bad("no slot number", "00000000:07E8 00000000:0000 0A" TCP_TAIL);
	tap_ok(!vl_audit_parse_sock("   0: 00000000:07E8 00000000:0000 0A",
				    IPPROTO_TCP, &s) && s.state == 0x0A,
	       "a line ending at the state parses");

	sock_ok("tcp 0.0.0.0:2024 listening",
		"   0: 00000000:07E8 00000000:0000 0A" TCP_TAIL, IPPROTO_TCP,
		"0.0.0.0", 2024, VL_TCP_LISTEN, true);
	if (!LITTLE_ENDIAN_HOST) {
		tap_diag("big-endian host: the address checks are skipped");
		return;
	}
	sock_ok("tcp 127.0.0.1:631 listening",
		"   1: 0100007F:0277 00000000:0000 0A" TCP_TAIL, IPPROTO_TCP,
		"127.0.0.1", 631, VL_TCP_LISTEN, true);
	sock_ok("tcp 10.0.2.15:22 established",
		"   2: 0F02000A:0016 0202000A:C350 01" TCP_TAIL, IPPROTO_TCP,
		"10.0.2.15", 22, VL_TCP_ESTABLISHED, false);
	sock_ok("tcp 192.0.2.1:23 in TIME_WAIT",
		"   3: 010200C0:0017 020200C0:D431 06" TCP_TAIL, IPPROTO_TCP,
		"192.0.2.1", 23, 0x06, false);
	sock_ok("tcp6 [::]:2323 listening",
		"   1: 00000000000000000000000000000000:0913 "
		"00000000000000000000000000000000:0000 0A" TCP_TAIL,
		IPPROTO_TCP, "::", 2323, VL_TCP_LISTEN, true);
	sock_ok("tcp6 [::1]:21 listening",
		"   2: 00000000000000000000000001000000:0015 "
		"00000000000000000000000000000000:0000 0A" TCP_TAIL,
		IPPROTO_TCP, "::1", 21, VL_TCP_LISTEN, true);
	sock_ok("tcp6 [2001:db8::1]:8443 listening",
		"   3: B80D0120000000000000000001000000:20FB "
		"00000000000000000000000000000000:0000 0A" TCP_TAIL,
		IPPROTO_TCP, "2001:db8::1", 8443, VL_TCP_LISTEN, true);
	sock_ok("tcp6 [::ffff:127.0.0.1]:2324 is IPv4 127.0.0.1",
		"   0: 0000000000000000FFFF00000100007F:0914 "
		"00000000000000000000000000000000:0000 0A" TCP_TAIL,
		IPPROTO_TCP, "127.0.0.1", 2324, VL_TCP_LISTEN, true);
	sock_ok("udp 0.0.0.0:69 bound",
		" 9692: 00000000:0045 00000000:0000 07" UDP_TAIL, IPPROTO_UDP,
		"0.0.0.0", 69, VL_TCP_CLOSE, true);
	sock_ok("udp 127.0.0.1:59728 connected",
		" 3815: 0100007F:E950 0100007F:0045 01" UDP_TAIL, IPPROTO_UDP,
		"127.0.0.1", 59728, VL_TCP_ESTABLISHED, false);
	sock_ok("udp6 [::]:51820 bound",
		" 1234: 00000000000000000000000000000000:CA6C "
		"00000000000000000000000000000000:0000 07" UDP_TAIL,
		IPPROTO_UDP, "::", 51820, VL_TCP_CLOSE, true);

	/* The address classes the audit sorts by. */
	vl_audit_parse_sock("   0: 00000000:07E8 00000000:0000 0A", IPPROTO_TCP,
			    &s);
	tap_ok(vl_audit_addr_any(&s.local) &&
	       !vl_audit_addr_loopback(&s.local), "0.0.0.0: any");
	vl_audit_parse_sock("   0: 0200107F:07E8 00000000:0000 0A", IPPROTO_TCP,
			    &s);
	tap_ok(!vl_audit_addr_any(&s.local) &&
	       vl_audit_addr_loopback(&s.local) && addr_is(&s.local,
							   "127.16.0.2"),
	       "127.16.0.2: loopback");
	vl_audit_parse_sock("   0: 010200C0:07E8 00000000:0000 0A", IPPROTO_TCP,
			    &s);
	tap_ok(!vl_audit_addr_any(&s.local) &&
	       !vl_audit_addr_loopback(&s.local), "192.0.2.1: neither");
	tap_ok(!strcmp(vl_audit_sock_str(&s, buf, sizeof(buf)),
		       "192.0.2.1:2024/tcp"), "shown as %s", buf);
	vl_audit_parse_sock("   0: 00000000000000000000000001000000:0045 "
			    "00000000000000000000000000000000:0000 07",
			    IPPROTO_UDP, &s);
	tap_ok(!vl_audit_addr_any(&s.local) &&
	       vl_audit_addr_loopback(&s.local), "::1: loopback");
	tap_ok(!strcmp(vl_audit_sock_str(&s, buf, sizeof(buf)),
		       "[::1]:69/udp"), "shown as %s", buf);
	vl_audit_parse_sock("   0: 00000000000000000000000000000000:0045 "
			    "00000000000000000000000000000000:0000 07",
			    IPPROTO_UDP, &s);
	tap_ok(vl_audit_addr_any(&s.local) &&
	       !vl_audit_addr_loopback(&s.local), ":: any");
}

/* ---- routes ---------------------------------------------------------- */

static void route_is(bool v6, const char *what, const char *line,
		     const char *dev)
{
	char got[IFNAMSIZ] = "(unset)";
	bool is = v6 ? vl_audit_route6_default(line, got) :
		       vl_audit_route4_default(line, got);

	if (dev)
		tap_ok(is && !strcmp(got, dev), "%s: default route on %s",
		       what, dev);
	else
		tap_ok(!is, "%s: not a default route", what);
}

static void test_routes(void)
{
	route_is(false, "route header",
		 "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\t"
		 "Mask\t\tMTU\tWindow\tIRTT                                   "
		 "                    \n", NULL);
	route_is(false, "IPv4 default via 192.0.2.1",
		 "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0"
		 "                                                          \n",
		 "eth0");
	route_is(false, "IPv4 default, no gateway",
		 "wan0\t00000000\t00000000\t0001\t0\t0\t100\t00000000\t0\t0"
		 "\t0\n", "wan0");
	route_is(false, "IPv4 192.0.2.0/24",
		 "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0"
		 "\n", NULL);
	route_is(false, "IPv4 0.0.0.0/1 (half a default)",
		 "tun0\t00000000\t00000000\t0001\t0\t0\t0\t00000080\t0\t0\t0"
		 "\n", NULL);
	route_is(false, "IPv4 default, not up",
		 "eth0\t00000000\t010200C0\t0002\t0\t0\t0\t00000000\t0\t0\t0"
		 "\n", NULL);
	route_is(false, "IPv4 unreachable default",
		 "*\t00000000\t00000000\t0201\t0\t0\t0\t00000000\t0\t0\t0\n",
		 NULL);
	route_is(true, "IPv6 default via fd00::1",
		 "00000000000000000000000000000000 00 "
		 "00000000000000000000000000000000 00 "
		 "fd000000000000000000000000000001 00000400 00000002 00000000 "
		 "00000003     eth0\n", "eth0");
	route_is(true, "IPv6 ::/1 (half a default)",
		 "00000000000000000000000000000000 01 "
		 "00000000000000000000000000000000 00 "
		 "00000000000000000000000000000000 00000400 00000001 00000000 "
		 "00000001     tun0\n", NULL);
	route_is(true, "IPv6 fd00::/64",
		 "fd000000000000000000000000000000 40 "
		 "00000000000000000000000000000000 00 "
		 "00000000000000000000000000000000 00000100 00000001 00000000 "
		 "00000001     eth0\n", NULL);
	route_is(true, "IPv6 ::/0 unreachable on lo",
		 "00000000000000000000000000000000 00 "
		 "00000000000000000000000000000000 00 "
		 "00000000000000000000000000000000 ffffffff 00000001 00000000 "
		 "00200200       lo\n", NULL);
	route_is(true, "IPv6 ::1/128 on lo",
		 "00000000000000000000000000000001 80 "
		 "00000000000000000000000000000000 00 "
		 "00000000000000000000000000000000 00000000 00000002 00000000 "
		 "80200001       lo\n", NULL);
	route_is(true, "IPv6 line cut short",
		 "00000000000000000000000000000000 00 "
		 "00000000000000000000000000000000 00\n", NULL);
}

/* ---- services and inetd.conf ----------------------------------------- */

static void svc_is(const struct vl_audit_service *svc, const char *name,
		   const char *what)
{
	if (name)
		tap_ok(svc && !strcmp(svc->name, name), "%s: %s", what, name);
	else if (!tap_ok(!svc, "%s: none", what))
		tap_diag("got %s", svc->name);
}

static void test_services(void)
{
	svc_is(vl_audit_service_by_port(23, IPPROTO_TCP), "telnet", "23/tcp");
	svc_is(vl_audit_service_by_port(21, IPPROTO_TCP), "ftp", "21/tcp");
	svc_is(vl_audit_service_by_port(512, IPPROTO_TCP), "rexec", "512/tcp");
	svc_is(vl_audit_service_by_port(513, IPPROTO_TCP), "rlogin",
	       "513/tcp");
	svc_is(vl_audit_service_by_port(514, IPPROTO_TCP), "rsh", "514/tcp");
	svc_is(vl_audit_service_by_port(69, IPPROTO_UDP), "tftp", "69/udp");
	svc_is(vl_audit_service_by_port(514, IPPROTO_UDP), NULL,
	       "514/udp (syslog)");
	svc_is(vl_audit_service_by_port(23, IPPROTO_UDP), NULL, "23/udp");
	svc_is(vl_audit_service_by_port(22, IPPROTO_TCP), NULL, "22/tcp");
	svc_is(vl_audit_service_by_name("shell", IPPROTO_TCP), "rsh",
	       "\"shell\"");
	svc_is(vl_audit_service_by_name("login", IPPROTO_TCP), "rlogin",
	       "\"login\"");
	svc_is(vl_audit_service_by_name("exec", IPPROTO_TCP), "rexec",
	       "\"exec\"");
	svc_is(vl_audit_service_by_name("rsh", IPPROTO_TCP), "rsh", "\"rsh\"");
	svc_is(vl_audit_service_by_name("512", IPPROTO_TCP), "rexec", "\"512\"");
	svc_is(vl_audit_service_by_name("65559", IPPROTO_TCP), NULL,
	       "\"65559\" (23 + 65536)");
	svc_is(vl_audit_service_by_name("23x", IPPROTO_TCP), NULL, "\"23x\"");
	svc_is(vl_audit_service_by_name("tftp", IPPROTO_TCP), NULL,
	       "\"tftp\" over tcp");
}

static void inetd_is(const char *line, const char *name)
{
	char what[120];

	snprintf(what, sizeof(what), "inetd \"%.*s\"",
		 (int)strcspn(line, "\n"), line);
	svc_is(vl_audit_inetd_line(line), name, what);
}

static void test_inetd_lines(void)
{
	inetd_is("telnet\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t"
		 "/usr/sbin/in.telnetd\n", "telnet");
	inetd_is("#<off># telnet\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t"
		 "/usr/sbin/in.telnetd\n", NULL);
	inetd_is("#ftp stream tcp nowait root /usr/sbin/tcpd in.ftpd\n", NULL);
	inetd_is("  # ftp stream tcp nowait root /usr/sbin/tcpd in.ftpd\n",
		 NULL);
	/* Would name telnet after the colon, were it not a comment. */
	inetd_is("#127.0.0.1:telnet stream tcp nowait root in.telnetd\n", NULL);
	inetd_is("  ftp  stream  tcp  nowait  root  /usr/sbin/tcpd  in.ftpd\n",
		 "ftp");
	inetd_is("shell\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t"
		 "/usr/sbin/in.rshd\n", "rsh");
	inetd_is("login\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t"
		 "/usr/sbin/in.rlogind\n", "rlogin");
	inetd_is("exec\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t"
		 "/usr/sbin/in.rexecd\n", "rexec");
	inetd_is("tftp\tdgram\tudp\twait\tnobody\t/usr/sbin/tcpd\t"
		 "/usr/sbin/in.tftpd /srv/tftp\n", "tftp");
	inetd_is("tftp dgram udp4 wait.100 nobody /usr/sbin/in.tftpd in.tftpd",
		 "tftp");
	inetd_is("telnet stream tcp6 nowait telnetd /usr/sbin/in.telnetd",
		 "telnet");
	inetd_is("telnet stream tcp46 nowait root /usr/sbin/in.telnetd",
		 "telnet");
	inetd_is("telnet stream tcp7 nowait root /usr/sbin/in.telnetd", NULL);
	inetd_is("127.0.0.1:telnet stream tcp nowait root /usr/sbin/in.telnetd",
		 "telnet");
	inetd_is("[::1]:ftp stream tcp6 nowait root /usr/sbin/in.ftpd", "ftp");
	inetd_is("127.0.0.1:\n", NULL);
	inetd_is("23 stream tcp nowait root /usr/sbin/in.telnetd", "telnet");
	inetd_is("2323 stream tcp nowait root /usr/sbin/in.telnetd", NULL);
	inetd_is("ftp dgram udp wait root /usr/sbin/in.ftpd", NULL);
	inetd_is("tftp stream tcp nowait root /usr/sbin/in.tftpd", NULL);
	inetd_is("telnet stream\n", NULL);
	inetd_is("daytime stream tcp nowait root internal\n", NULL);
	inetd_is("ssh stream tcp nowait root /usr/sbin/sshd sshd -i\n", NULL);
	inetd_is("rstatd/1-5 dgram rpc/udp wait root /usr/sbin/tcpd "
		 "/usr/sbin/rpc.rstatd\n", NULL);
	inetd_is("\n", NULL);
	inetd_is("", NULL);
}

struct seen {
	char text[256];
};

static void collect(const struct vl_audit_service *svc, unsigned int line,
		    void *arg)
{
	struct seen *s = arg;
	size_t len = strlen(s->text);

	snprintf(s->text + len, sizeof(s->text) - len, "%s%s@%u",
		 len ? " " : "", svc->name, line);
}

static void test_inetd_file(void)
{
	static const char conf[] =
		"# /etc/inetd.conf:  see inetd(8) for further informations.\n"
		"#\n"
		"#:STANDARD: These are standard services.\n"
		"#<off># telnet\tstream\ttcp\tnowait\ttelnetd\t/usr/sbin/tcpd"
		"\t/usr/sbin/in.telnetd\n"
		"ftp\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t"
		"/usr/sbin/in.ftpd\n"
		"\n"
		"#:BSD: Shell, login, exec and talk are BSD protocols.\n"
		"shell\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t"
		"/usr/sbin/in.rshd\n"
		"talk\tdgram\tudp\twait\tnobody.tty\t/usr/sbin/in.talkd\t"
		"in.talkd\n"
		"tftp\tdgram\tudp\twait\tnobody\t/usr/sbin/tcpd\t"
		"/usr/sbin/in.tftpd /srv/tftp";	/* no newline at the end */
	char path[] = "/tmp/test_audit.XXXXXX";
	struct seen s = { "" };
	int fd = mkstemp(path), ret;

	if (!tap_ok(fd >= 0 && write(fd, conf, sizeof(conf) - 1) ==
		    (ssize_t)(sizeof(conf) - 1), "write a sample inetd.conf"))
		return;
	close(fd);
	ret = vl_audit_inetd_file(path, collect, &s);
	if (!tap_ok(!ret && !strcmp(s.text, "ftp@5 rsh@8 tftp@10"),
		    "inetd.conf: ftp, rsh and tftp, on their lines"))
		tap_diag("got %d, \"%s\"", ret, s.text);
	unlink(path);
	s.text[0] = '\0';
	ret = vl_audit_inetd_file(path, collect, &s);
	tap_ok(ret == -ENOENT && !s.text[0], "no inetd.conf: -ENOENT");
}

/* ---- nftables --------------------------------------------------------- */

#define META "{\"metainfo\": {\"version\": \"1.0.6\", \"release_name\": " \
	"\"Lester Gooch #5\", \"json_schema_version\": 1}}"

static void nft_is(const char *what, const char *json, int ret,
		   unsigned int chains, bool fwd4, bool fwd6)
{
	struct vl_audit_fw fw;

	memset(&fw, 0xff, sizeof(fw));
	if (ret) {
		tap_ok(vl_audit_nft_json(json, &fw) == ret, "%s: refused",
		       what);
		return;
	}
	if (!tap_ok(!vl_audit_nft_json(json, &fw) &&
		    fw.nft_filter_chains == chains &&
		    fw.nft_forward4 == fwd4 && fw.nft_forward6 == fwd6,
		    "%s: %u filter chains, forward %s%s", what, chains,
		    fwd4 ? "4" : "-", fwd6 ? "6" : "-"))
		tap_diag("got %u, %d %d", fw.nft_filter_chains,
			 fw.nft_forward4, fw.nft_forward6);
}

static void test_nft(void)
{
	nft_is("empty ruleset", "{\"nftables\": [" META "]}", 0, 0, false,
	       false);
	/* nft -j list ruleset, verbatim (1.0.6). */
	nft_is("inet filter, ip nat, ip6 forward, netdev table",
	       "{\"nftables\": [" META ", "
	       "{\"table\": {\"family\": \"inet\", \"name\": \"filter\", "
	       "\"handle\": 1}}, "
	       "{\"chain\": {\"family\": \"inet\", \"table\": \"filter\", "
	       "\"name\": \"input\", \"handle\": 1, \"type\": \"filter\", "
	       "\"hook\": \"input\", \"prio\": 0, \"policy\": \"accept\"}}, "
	       "{\"chain\": {\"family\": \"inet\", \"table\": \"filter\", "
	       "\"name\": \"forward\", \"handle\": 2, \"type\": \"filter\", "
	       "\"hook\": \"forward\", \"prio\": 0, \"policy\": \"drop\"}}, "
	       "{\"chain\": {\"family\": \"inet\", \"table\": \"filter\", "
	       "\"name\": \"helper\", \"handle\": 3}}, "
	       "{\"table\": {\"family\": \"ip\", \"name\": \"nat\", "
	       "\"handle\": 2}}, "
	       "{\"chain\": {\"family\": \"ip\", \"table\": \"nat\", "
	       "\"name\": \"post\", \"handle\": 1, \"type\": \"nat\", "
	       "\"hook\": \"postrouting\", \"prio\": 100, "
	       "\"policy\": \"accept\"}}, "
	       "{\"rule\": {\"family\": \"ip\", \"table\": \"nat\", "
	       "\"chain\": \"post\", \"handle\": 2, \"expr\": [{\"match\": "
	       "{\"op\": \"==\", \"left\": {\"meta\": {\"key\": \"oif\"}}, "
	       "\"right\": \"lo\"}}, {\"masquerade\": null}]}}, "
	       "{\"table\": {\"family\": \"ip6\", \"name\": \"f6\", "
	       "\"handle\": 3}}, "
	       "{\"chain\": {\"family\": \"ip6\", \"table\": \"f6\", "
	       "\"name\": \"fw6\", \"handle\": 1, \"type\": \"filter\", "
	       "\"hook\": \"forward\", \"prio\": 0, \"policy\": \"accept\"}}, "
	       "{\"table\": {\"family\": \"netdev\", \"name\": \"nd\", "
	       "\"handle\": 4}}]}", 0, 3, true, true);
	nft_is("a table with a regular chain only",
	       "{\"nftables\": [" META ", "
	       "{\"table\": {\"family\": \"inet\", \"name\": \"t\", "
	       "\"handle\": 1}}, "
	       "{\"chain\": {\"family\": \"inet\", \"table\": \"t\", "
	       "\"name\": \"c\", \"handle\": 1}}]}", 0, 0, false, false);
	nft_is("NAT only",
	       "{\"nftables\": [" META ", "
	       "{\"chain\": {\"family\": \"ip\", \"table\": \"nat\", "
	       "\"name\": \"post\", \"handle\": 1, \"type\": \"nat\", "
	       "\"hook\": \"postrouting\", \"prio\": 100, "
	       "\"policy\": \"accept\"}}]}", 0, 0, false, false);
	nft_is("ip forward",
	       "{\"nftables\": [" META ", "
	       "{\"chain\": {\"family\": \"ip\", \"table\": \"filter\", "
	       "\"name\": \"FORWARD\", \"handle\": 1, \"type\": \"filter\", "
	       "\"hook\": \"forward\", \"prio\": 0, \"policy\": \"drop\"}}]}",
	       0, 1, true, false);
	nft_is("bridge forward",
	       "{\"nftables\": [" META ", "
	       "{\"chain\": {\"family\": \"bridge\", \"table\": \"br\", "
	       "\"name\": \"fw\", \"handle\": 1, \"type\": \"filter\", "
	       "\"hook\": \"forward\", \"prio\": 0, \"policy\": \"drop\"}}]}",
	       0, 1, false, false);
	nft_is("not JSON", "list ruleset", -1, 0, false, false);
	nft_is("JSON, not a ruleset", "{\"tables\": []}", -1, 0, false, false);
	nft_is("nftables not an array", "{\"nftables\": {}}", -1, 0, false,
	       false);
}

int main(void)
{
	test_sockets();
	test_routes();
	test_services();
	test_inetd_lines();
	test_inetd_file();
	test_nft();
	return tap_exit();
}
