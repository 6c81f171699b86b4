# vpnlink: build, test and benchmark.
#
#   make              the module (kmod/vpnlink.ko) and the helper (user/)
#   make deps         install every Debian package the rest needs
#   make check        every test: unit, style, and the scenarios in a guest
#   make check-debug  the scenarios on a KASAN/lockdep/kmemleak kernel
#   make bench        vpnlink against the stock WireGuard module, in a guest
#   make demo         two sites linked through vpnlink, in a guest
#   make install      install the module and the helper on this machine

# The kernel to build against: the running one's build tree if it has one
# (a real gateway), else the newest installed (this project's test hosts,
# whose own kernel cannot load modules).  KDIR= overrides.
KDIR ?= $(or $(wildcard /lib/modules/$(shell uname -r)/build),\
	     $(shell ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n 1))

export KDIR

CC ?= gcc
CFLAGS ?= -O2 -g
override CFLAGS += -std=gnu11 -Wall -Wextra -Werror -Iinclude/uapi
PREFIX ?= /usr/local

# Debian packages for the debug kernel (make check-debug), and for
# everything: building, testing, the demo and the benchmark.  CI installs
# the first list first and starts the kernel's build while apt fetches
# the rest.
KERNEL_DEPS := make gcc libc6-dev linux-source-6.1 bc flex bison libelf-dev \
	libssl-dev lz4 xz-utils kmod cpio perl
DEPS := $(KERNEL_DEPS) pkg-config libnl-3-dev libnl-genl-3-dev \
	libnl-route-3-dev linux-headers-amd64 linux-image-amd64 sparse \
	qemu-system-x86 busybox-static gzip iproute2 iputils-ping iperf3 \
	wireguard-tools tcpdump procps util-linux nftables libjson-c-dev \
	libnftables-dev dnsmasq-base isc-dhcp-client python3 clang \
	libclang-rt-14-dev

.PHONY: all module user tools deps deps-kernel check check-debug bench \
	demo lint install clean distclean unit-check

all: module user tools

module:
	@test -n "$(KDIR)" || { echo "no kernel build tree: run make deps" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=1 modules

include user/user.mk
include tests/client/client.mk
include tests/tools/tools.mk
include tests/unit/unit.mk
include tests/fuzz/fuzz.mk

tools: tests/client/vlctl tests/tools/vlpkt tests/tools/vlarp \
	build/vpnlink-helper-asan

# Installs only what is missing, so it is cheap to run before every check.
define install_missing
	@missing=; for p in $(1); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update && apt-get install -y --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install_missing,$(DEPS))

deps-kernel:
	$(call install_missing,$(KERNEL_DEPS))

check: deps
	$(MAKE) all
	tests/check.sh

check-debug: deps
	$(MAKE) all
	tests/check-debug.sh

bench: deps
	$(MAKE) all build/hs_bench
	tests/bench/run.sh

# The helper's handshake rate, in process (tests/bench/hs_bench.c).
HS_BENCH_SRCS := crypto.c tai64n.c hs_err.c srcaddr.c ratelimit.c cookie.c \
	noise_ik.c noise.c
build/hs_bench: tests/bench/hs_bench.c $(addprefix user/,$(HS_BENCH_SRCS)) \
		$(wildcard user/*.h)
	@mkdir -p build
	$(CC) $(CFLAGS) -Iuser -o $@ $< $(addprefix user/,$(HS_BENCH_SRCS)) -lcrypto

demo: deps
	$(MAKE) all
	tests/demo/run.sh

lint: deps
	tests/lint.sh

install: all
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install
	depmod -a $(notdir $(patsubst %/build,%,$(KDIR)))
	install -D -m 0755 user/vpnlink-helper $(DESTDIR)$(PREFIX)/sbin/vpnlink-helper

# Kbuild's clean with M=$(CURDIR) would sweep build/ too, the cached debug
# kernel included: clean the module's own directory only.
clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR)/kmod clean
	rm -f Module.symvers modules.order
	rm -rf build/unit user/vpnlink-helper build/vpnlink-helper-asan \
		tests/client/vlctl tests/tools/vlpkt tests/tools/vlarp

# Everything, the cached debug kernel and guest images included.
distclean: clean
	rm -rf build
