# SPDX-License-Identifier: GPL-2.0
# Userspace unit tests, each built twice into build/unit/: plain (-O2) and
# with ASan/UBSan.  Paths are relative to the repository's top; include
# this from the top Makefile or run it alone:
#
#   make -f tests/unit/unit.mk unit-check     build and run everything
#   make -f tests/unit/unit.mk unit           only build
#   make -f tests/unit/unit.mk unit-mutants   check that the tests catch
#                                             planted bugs (slow-ish)
#
# unit-check ends with "N passed, N failed", counting the individual
# "ok"/"not ok" lines of every test program in both flavours, plus one
# failure for a program that exits non-zero without a "not ok" line
# (a crash or a sanitizer report).  VL_UNIT_SEED=S adds runs with seed S.

UNIT_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
UNIT_TOP := $(patsubst %/,%,$(dir $(patsubst %/,%,$(dir $(UNIT_DIR)))))
UNIT_OUT ?= $(UNIT_TOP)/build/unit
UNIT_SAVED_GOAL := $(.DEFAULT_GOAL)

CC ?= cc
UNIT_CFLAGS ?= -std=gnu11 -Wall -Wextra -Werror -O2 -g
UNIT_SANITIZE := -fsanitize=address,undefined -fno-omit-frame-pointer \
		 -fno-sanitize-recover=all
UNIT_CRYPTO_CFLAGS := $(shell pkg-config --cflags libcrypto)
UNIT_CRYPTO_LIBS := $(shell pkg-config --libs libcrypto || echo -lcrypto)

UNIT_KMOD := $(UNIT_TOP)/kmod
UNIT_TOOLS := $(UNIT_TOP)/tests/tools
# The shim stands in for the kernel's headers; kmod/ and the test
# directories only for "..." includes.
UNIT_KCFLAGS := -I$(UNIT_DIR)/shim -iquote $(UNIT_KMOD) -iquote $(UNIT_DIR)

UNIT_TESTS := test_replay test_allowedips test_crypto_kat
UNIT_FLAVOURS := plain asan

unit_flags = $(UNIT_CFLAGS) $(if $(filter asan,$(1)),$(UNIT_SANITIZE))

# The helper's tests live in fragments of their own (tests/unit/*.unit.mk):
# each appends to UNIT_TESTS and defines its rules for both flavours.
include $(sort $(wildcard $(UNIT_DIR)/*.unit.mk))

UNIT_BINS := $(foreach f,$(UNIT_FLAVOURS),$(addprefix $(UNIT_OUT)/$(f)/,$(UNIT_TESTS)))

define unit_rules
$(UNIT_OUT)/$(1)/test_replay: $(UNIT_DIR)/test_replay.c $(UNIT_KMOD)/replay.h \
		$(wildcard $(UNIT_DIR)/shim/*/*.h) $(UNIT_DIR)/tap.h $(UNIT_DIR)/unit.mk
	@mkdir -p $$(@D)
	$$(CC) $(call unit_flags,$(1)) $(UNIT_KCFLAGS) -o $$@ $$<

$(UNIT_OUT)/$(1)/test_allowedips: $(UNIT_DIR)/test_allowedips.c \
		$(UNIT_KMOD)/allowedips.c $(UNIT_KMOD)/allowedips.h \
		$(UNIT_DIR)/shim/shim.c $(UNIT_DIR)/shim/shim.h \
		$(wildcard $(UNIT_DIR)/shim/*/*.h) $(UNIT_DIR)/tap.h $(UNIT_DIR)/unit.mk
	@mkdir -p $$(@D)
	$$(CC) $(call unit_flags,$(1)) $(UNIT_KCFLAGS) -iquote $(UNIT_DIR)/shim \
		-o $$@ $$< $(UNIT_KMOD)/allowedips.c $(UNIT_DIR)/shim/shim.c

$(UNIT_OUT)/$(1)/test_crypto_kat: $(UNIT_DIR)/test_crypto_kat.c \
		$(UNIT_TOOLS)/datamsg.c $(UNIT_TOOLS)/datamsg.h $(UNIT_DIR)/tap.h \
		$(UNIT_DIR)/unit.mk
	@mkdir -p $$(@D)
	$$(CC) $(call unit_flags,$(1)) $(UNIT_CRYPTO_CFLAGS) -iquote $(UNIT_DIR) \
		-iquote $(UNIT_TOOLS) -o $$@ $$< $(UNIT_TOOLS)/datamsg.c \
		$(UNIT_CRYPTO_LIBS)
endef
$(foreach f,$(UNIT_FLAVOURS),$(eval $(call unit_rules,$(f))))

.PHONY: unit unit-check unit-mutants unit-clean
unit: $(UNIT_BINS)

unit-check: $(UNIT_BINS)
	@$(UNIT_DIR)/run-unit.sh $(UNIT_BINS)

unit-mutants:
	@CC="$(CC)" UNIT_CFLAGS="$(UNIT_CFLAGS)" $(UNIT_DIR)/mutants.sh \
		$(UNIT_TOP) $(UNIT_OUT)/mutants

unit-clean:
	rm -rf $(UNIT_OUT)

ifeq ($(firstword $(MAKEFILE_LIST)),$(lastword $(MAKEFILE_LIST)))
.DEFAULT_GOAL := unit-check
else
.DEFAULT_GOAL := $(UNIT_SAVED_GOAL)
endif
