# SPDX-License-Identifier: GPL-2.0
# The helper's handshake library (user/crypto.c, noise.c, cookie.c, ...):
# known answers for its primitives, and two peers shaking hands in one
# process.  Included by unit.mk, which defines UNIT_FLAVOURS, unit_flags,
# UNIT_OUT, UNIT_DIR, UNIT_TOP and UNIT_CRYPTO_CFLAGS/LIBS.

NOISE_UNIT_USER := $(UNIT_TOP)/user
NOISE_UNIT_SRCS := $(addprefix $(NOISE_UNIT_USER)/,crypto.c tai64n.c \
	hs_err.c srcaddr.c ratelimit.c cookie.c noise_ik.c noise.c)
NOISE_UNIT_HDRS := $(addprefix $(NOISE_UNIT_USER)/,crypto.h tai64n.h \
	hs_err.h srcaddr.h ratelimit.h cookie.h noise_ik.h noise.h messages.h)
NOISE_UNIT_TESTS := test_noise_crypto test_noise_handshake

UNIT_TESTS += $(NOISE_UNIT_TESTS)

# $(1): flavour, $(2): test
define noise_unit_rule
$(UNIT_OUT)/$(1)/$(2): $(UNIT_DIR)/$(2).c $(NOISE_UNIT_SRCS) \
		$(NOISE_UNIT_HDRS) $(UNIT_DIR)/tap.h $(UNIT_DIR)/hex.h \
		$(UNIT_DIR)/noise.unit.mk
	@mkdir -p $$(@D)
	$$(CC) $(call unit_flags,$(1)) $(UNIT_CRYPTO_CFLAGS) \
		-iquote $(UNIT_DIR) -iquote $(NOISE_UNIT_USER) -o $$@ $$< \
		$(NOISE_UNIT_SRCS) $(UNIT_CRYPTO_LIBS)
endef
$(foreach f,$(UNIT_FLAVOURS),$(foreach t,$(NOISE_UNIT_TESTS),\
	$(eval $(call noise_unit_rule,$(f),$(t)))))
