# SPDX-License-Identifier: GPL-2.0
# Test tools.  Included from the top Makefile (paths are relative to the
# repository's top), or used alone: make -f tests/tools/tools.mk vlpkt
#
#   vlpkt           builds tests/tools/vlpkt (packet crafting, see --help)
#   vlpkt-selftest  runs it against itself in a network namespace (root)
#   vlarp           builds tests/tools/vlarp (ARP / neighbour solicitation
#                   requests and their replies' latency, see --help)
#   vlarp-selftest  runs it against the kernel in network namespaces (root)

VLPKT_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
# Keep the including Makefile's default goal.
VLPKT_SAVED_GOAL := $(.DEFAULT_GOAL)

CC ?= cc
VLPKT_CFLAGS ?= -std=gnu11 -Wall -Wextra -Werror -O2
VLPKT_CRYPTO_CFLAGS := $(shell pkg-config --cflags libcrypto)
VLPKT_CRYPTO_LIBS := $(shell pkg-config --libs libcrypto || echo -lcrypto)

# Its sources; vlpkt.h says which file does what.
VLPKT_SRCS := $(addprefix $(VLPKT_DIR)/,vlpkt.c tool_err.c vlpkt_sender.c vlpkt_data.c \
	      vlpkt_raw.c vlpkt_capture.c vlpkt_decrypt.c vlpkt_hexlines.c \
	      vlpkt_rng.c datamsg.c)
VLPKT_HDRS := $(addprefix $(VLPKT_DIR)/,vlpkt.h datamsg.h tool_err.h)

$(VLPKT_DIR)/vlpkt: $(VLPKT_SRCS) $(VLPKT_HDRS) $(VLPKT_DIR)/tools.mk
	$(CC) $(VLPKT_CFLAGS) $(VLPKT_CRYPTO_CFLAGS) -o $@ $(VLPKT_SRCS) \
		$(VLPKT_CRYPTO_LIBS)

.PHONY: vlpkt vlpkt-selftest vlpkt-clean
vlpkt: $(VLPKT_DIR)/vlpkt

vlpkt-selftest: $(VLPKT_DIR)/vlpkt
	$(VLPKT_DIR)/vlpkt-selftest.sh $(VLPKT_DIR)/vlpkt

vlpkt-clean:
	rm -f $(VLPKT_DIR)/vlpkt

# vlarp: libc only; vlarp.h says which file does what.
VLARP_SRCS := $(addprefix $(VLPKT_DIR)/,vlarp.c tool_err.c vlarp_iface.c vlarp_sock.c \
	      vlarp_targets.c vlarp_arp.c vlarp_nd.c vlarp_csum.c \
	      vlarp_run.c vlarp_stats.c)
VLARP_HDRS := $(VLPKT_DIR)/vlarp.h $(VLPKT_DIR)/tool_err.h

$(VLPKT_DIR)/vlarp: $(VLARP_SRCS) $(VLARP_HDRS) $(VLPKT_DIR)/tools.mk
	$(CC) $(VLPKT_CFLAGS) -o $@ $(VLARP_SRCS)

.PHONY: vlarp vlarp-selftest vlarp-clean
vlarp: $(VLPKT_DIR)/vlarp

vlarp-selftest: $(VLPKT_DIR)/vlarp
	$(VLPKT_DIR)/vlarp-selftest.sh $(VLPKT_DIR)/vlarp

vlarp-clean:
	rm -f $(VLPKT_DIR)/vlarp

ifeq ($(firstword $(MAKEFILE_LIST)),$(lastword $(MAKEFILE_LIST)))
.DEFAULT_GOAL := vlpkt
else
.DEFAULT_GOAL := $(VLPKT_SAVED_GOAL)
endif
