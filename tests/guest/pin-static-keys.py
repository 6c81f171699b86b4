#!/usr/bin/env python3
# Holds on, for the whole guest run, the kernel static keys that the
# scenarios would otherwise switch while packets flow on the other vCPU:
# packet timestamps (netstamp_needed_key: tcpdump turns it on and off)
# and UDP encapsulation (udp_encap_needed_key, udpv6_encap_needed_key:
# every tunnel socket that opens or closes).  Each switch rewrites kernel
# text through a transient int3, and under multi-threaded TCG another
# vCPU can run into it: seen once as an oops in
# netif_receive_skb_list_internal on the debug kernel.  While a key is
# held, switching it again only moves its count.
import signal
import socket

SO_TIMESTAMP = 29               # <asm-generic/socket.h>; not in every Python
UDP_ENCAP = 100                 # <linux/udp.h>
UDP_ENCAP_L2TPINUDP = 3         # needs no XFRM

stamp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
stamp.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMP, 1)
# An IPv6 socket turns on the IPv4 key too.
encap = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
encap.setsockopt(socket.IPPROTO_UDP, UDP_ENCAP, UDP_ENCAP_L2TPINUDP)
print("pinned", flush=True)
signal.pause()
