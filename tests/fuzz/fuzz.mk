# SPDX-License-Identifier: GPL-2.0
# libFuzzer targets for the helper's parsers of untrusted input, built with
# clang, ASan and UBSan into build/fuzz/.  Paths are relative to the
# repository's top:
#
#   make -f tests/fuzz/fuzz.mk fuzz              build every target
#   make -f tests/fuzz/fuzz.mk fuzz-handshake    build one
#   make -f tests/fuzz/fuzz.mk fuzz-check        run each FUZZ_TIME seconds
#   build/fuzz/fuzz_handshake -max_total_time=30 run one by hand
#
# A target is tests/fuzz/fuzz_NAME.c defining LLVMFuzzerTestOneInput; it
# is linked with the user/ sources listed in FUZZ_SRCS_NAME (file names in
# user/, without the directory).  Adding a target is one such line below;
# a fuzz_NAME.c without one is left out (with a warning).  A dictionary
# tests/fuzz/fuzz_NAME.dict, if there is one, is used by fuzz-check.

FUZZ_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
FUZZ_TOP := $(patsubst %/,%,$(dir $(patsubst %/,%,$(dir $(FUZZ_DIR)))))
FUZZ_OUT ?= $(FUZZ_TOP)/build/fuzz
FUZZ_USER := $(FUZZ_TOP)/user
FUZZ_SAVED_GOAL := $(.DEFAULT_GOAL)

FUZZ_CC ?= clang
FUZZ_CFLAGS ?= -std=gnu11 -Wall -Wextra -Werror -O1 -g \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_CRYPTO_CFLAGS := $(shell pkg-config --cflags libcrypto)
FUZZ_CRYPTO_LIBS := $(shell pkg-config --libs libcrypto || echo -lcrypto)
FUZZ_TIME ?= 30

# One line per target: the user/ sources it links.
FUZZ_SRCS_handshake := crypto.c tai64n.c hs_err.c srcaddr.c ratelimit.c \
	cookie.c noise_ik.c noise.c
FUZZ_SRCS_config := config.c config_file.c config_hook.c config_keys.c \
	config_table.c config_values.c key.c

FUZZ_FOUND := $(patsubst $(FUZZ_DIR)/fuzz_%.c,%,\
	$(sort $(wildcard $(FUZZ_DIR)/fuzz_*.c)))
FUZZ_TARGETS := $(foreach t,$(FUZZ_FOUND),$(if $(FUZZ_SRCS_$(t)),$(t)))
$(foreach t,$(filter-out $(FUZZ_TARGETS),$(FUZZ_FOUND)),\
	$(warning fuzz.mk: no FUZZ_SRCS_$(t), fuzz_$(t) is not built))
FUZZ_BINS := $(addprefix $(FUZZ_OUT)/fuzz_,$(FUZZ_TARGETS))

# $(1): target name
define fuzz_rules
$(FUZZ_OUT)/fuzz_$(1): $(FUZZ_DIR)/fuzz_$(1).c \
		$(addprefix $(FUZZ_USER)/,$(FUZZ_SRCS_$(1))) \
		$(wildcard $(FUZZ_USER)/*.h) $(FUZZ_DIR)/fuzz.mk
	@mkdir -p $$(@D)
	$$(FUZZ_CC) $$(FUZZ_CFLAGS) $(FUZZ_CRYPTO_CFLAGS) -iquote $(FUZZ_USER) \
		-o $$@ $$< $(addprefix $(FUZZ_USER)/,$(FUZZ_SRCS_$(1))) \
		$(FUZZ_CRYPTO_LIBS)

.PHONY: fuzz-$(1)
fuzz-$(1): $(FUZZ_OUT)/fuzz_$(1)
endef
# Expanded at the end of the file, once every FUZZ_SRCS_ line is read.

.PHONY: fuzz fuzz-check fuzz-clean
fuzz: $(FUZZ_BINS)

# Each target runs on its corpus, build/fuzz/corpus_NAME/ (empty at first,
# then kept, so a second run goes on where the first stopped), and on the
# committed seeds in tests/fuzz/seeds_NAME/ if there are any (whole, valid
# inputs, so that a short run starts deep instead of at the first bytes);
# crashes go to build/fuzz/crash_NAME-*.  The targets run side by side
# (each is one process), then each says how it went.  Ends with
# "N passed, N failed, N skipped".
fuzz-check: $(FUZZ_BINS)
	@for t in $(FUZZ_TARGETS); do \
		out=$(FUZZ_OUT)/fuzz_$$t; dict=$(FUZZ_DIR)/fuzz_$$t.dict; \
		mkdir -p $(FUZZ_OUT)/corpus_$$t; \
		if [ -f $$dict ]; then dict=-dict=$$dict; else dict=; fi; \
		seeds=$(FUZZ_DIR)/seeds_$$t; [ -d $$seeds ] || seeds=; \
		{ $$out -max_total_time=$(FUZZ_TIME) $$dict \
			-artifact_prefix=$(FUZZ_OUT)/crash_$$t- \
			$(FUZZ_OUT)/corpus_$$t $$seeds >$$out.log 2>&1; \
			echo $$? >$$out.status; } & \
	done; \
	wait; \
	passed=0; failed=0; \
	for t in $(FUZZ_TARGETS); do \
		out=$(FUZZ_OUT)/fuzz_$$t; \
		if [ "$$(cat $$out.status 2>/dev/null)" = 0 ]; then \
			echo "ok - fuzz_$$t: $(FUZZ_TIME) s, no findings"; \
			passed=$$((passed + 1)); \
		else \
			echo "not ok - fuzz_$$t: see $$out.log"; \
			tail -n 30 $$out.log | sed 's/^/#   /'; \
			failed=$$((failed + 1)); \
		fi; \
	done; \
	echo "$$passed passed, $$failed failed, 0 skipped"; \
	[ $$failed -eq 0 ]

fuzz-clean:
	rm -rf $(FUZZ_OUT)

$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_rules,$(t))))

ifeq ($(firstword $(MAKEFILE_LIST)),$(lastword $(MAKEFILE_LIST)))
.DEFAULT_GOAL := fuzz
else
.DEFAULT_GOAL := $(FUZZ_SAVED_GOAL)
endif
